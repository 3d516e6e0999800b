import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, PACKAGE_DIR, runCli, SPEC_DIR, withTempDir } from '../../test-cli.js';

const TSC = path.resolve(PACKAGE_DIR, '../../node_modules/typescript/bin/tsc');
const CORE_TYPES = path.resolve(PACKAGE_DIR, '../core/dist/index.d.ts');

describe('openlineage generate (subprocess)', () => {
  it('writes modules that compile under tsc --strict and build correct facets', async () => {
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'gen');
      const r = await runCli(['generate', path.join(FIXTURES, 'facets'), '--out', out, '--producer', 'https://example.com/acme-producer']);
      expect(r.stderr).not.toContain('naming:');
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('wrote 3 files');
      expect(r.stderr).toContain('facet AcmeStatisticsJobFacet (key acme_statistics) → acmeStatisticsJobFacet()');

      // A consumer module that uses the output the way an application would, including a misuse tsc must reject.
      await writeFile(
        path.join(dir, 'use.ts'),
        `import type { RunEvent } from '@ol/core';
import { acmeQueueRunFacet, acmeStatisticsJobFacet, ACME_QUEUE_RUN_FACET_KEY, ACME_STATISTICS_JOB_FACET_KEY } from './gen/index.js';
export const event: RunEvent = {
  eventTime: '2024-01-01T00:00:00Z',
  producer: 'https://example.com',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId: '0190f7a0-0000-7000-8000-000000000000', facets: { [ACME_QUEUE_RUN_FACET_KEY]: acmeQueueRunFacet({ queue: 'q' }) } },
  job: {
    namespace: 'ns',
    name: 'job',
    facets: { [ACME_STATISTICS_JOB_FACET_KEY]: acmeStatisticsJobFacet({ rowCount: 3, columns: [{ name: 'id', kind: 'numeric' }] }) },
  },
};
// @ts-expect-error rowCount is required
acmeStatisticsJobFacet({ columns: [] });
// @ts-expect-error kind is an enum
acmeStatisticsJobFacet({ rowCount: 1, columns: [{ name: 'id', kind: 'binary' }] });
`,
      );
      await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      await writeFile(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            noUncheckedIndexedAccess: true,
            exactOptionalPropertyTypes: true,
            verbatimModuleSyntax: true,
            noUnusedLocals: true,
            skipLibCheck: true,
            types: [],
            paths: { '@ol/core': [CORE_TYPES] },
          },
          include: ['**/*.ts'],
        }),
      );
      const tsc = spawnSync(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.json'), '--strict'], { encoding: 'utf8' });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);

      // The builder output itself, run through tsc's JavaScript emit, must produce the facet users will send.
      const js = spawnSync(
        process.execPath,
        [
          TSC,
          path.join(out, 'acme', 'AcmeStatisticsJobFacet.ts'),
          '--outDir',
          path.join(dir, 'js'),
          '--module',
          'NodeNext',
          '--moduleResolution',
          'NodeNext',
          '--target',
          'ES2022',
          '--skipLibCheck',
          '--noResolve',
          '--types',
          'node',
          '--noCheck',
        ],
        { encoding: 'utf8' },
      );
      expect(js.status).toBe(0);
      await writeFile(path.join(dir, 'js', 'package.json'), JSON.stringify({ type: 'module' }));
      const mod = (await import(path.join(dir, 'js', 'AcmeStatisticsJobFacet.js'))) as {
        acmeStatisticsJobFacet: (f: unknown, p?: string) => Record<string, unknown>;
      };
      expect(mod.acmeStatisticsJobFacet({ rowCount: 1, columns: [] })).toEqual({
        _producer: 'https://example.com/acme-producer',
        _schemaURL: 'https://example.com/acme/spec/facets/1-0-0/AcmeStatisticsJobFacet.json#/$defs/AcmeStatisticsJobFacet',
        rowCount: 1,
        columns: [],
      });
      expect(mod.acmeStatisticsJobFacet({ rowCount: 1, columns: [] }, 'https://other')._producer).toBe('https://other');
    });
  });

  it('generates the same bytes twice (deterministic) and prints to stdout without --out', async () => {
    const file = path.join(FIXTURES, 'facets', 'acme', 'AcmeStatisticsJobFacet.json');
    const a = await runCli(['generate', file]);
    const b = await runCli(['generate', file]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^\/\/ ---- AcmeStatisticsJobFacet\.ts ----\n/);
    expect(a.stdout).toContain('// ---- index.ts ----');
  });

  it('reports every naming violation with file and pointer, still writes the code, exits 1', async () => {
    await withTempDir(async (dir) => {
      const r = await runCli(['generate', path.join(FIXTURES, 'bad-facets'), '-o', dir]);
      expect(r.code).toBe(1);
      const naming = r.stderr.split('\n').filter((l) => l.startsWith('naming:'));
      expect(naming).toEqual([
        expect.stringMatching(/^naming: BadFacets\.json#\/\$id: .*names a branch.*\[schema-url\]$/),
        expect.stringMatching(/^naming: BadFacets\.json#\/\$defs\/StatisticsFacet: .*must end with 'RunFacet'.*\[facet-name\]$/),
        expect.stringMatching(/^naming: BadFacets\.json#\/properties\/statistics: .*\[facet-key\]$/),
        expect.stringMatching(/^naming: BadFacets\.json#\/properties\/acme_owners: .*AcmeOwnersJobFacet \[key-matches-name\]$/),
        expect.stringMatching(/^naming: BadFacets\.json#\/properties\/parent: .*standard facet.*\[standard-facet\]$/),
      ]);
      expect(r.stderr).toContain('5 naming violations');
      expect(await readFile(path.join(dir, 'BadFacets.ts'), 'utf8')).toContain('export function acmeOwnerJobFacet(');
    });
  });

  it('checks the spec registry: GCP Dataproc and Lineage conform, four registry keys do not follow {prefix}_{name}', async () => {
    const r = await runCli(['generate', path.join(SPEC_DIR, 'registry')]);
    expect(r.stderr).toContain('skipped core/registry.json: not a facet schema (no $defs)');
    expect(r.stdout).toContain('export function gcpDataprocRunFacet(');
    expect(r.stdout).toContain('export function icebergScanReportInputDatasetFacet(');
    const flagged = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('naming:'))
      .map((l) => /properties\/(\w+)/.exec(l)?.[1]);
    expect(flagged).toEqual(['gcp_composer_job', 'gcp_composer_run', 'icebergCommitReport', 'icebergScanReport']);
    expect(r.code).toBe(1);
  });

  it('exits 2 on a missing path, a non-JSON file and a missing argument', async () => {
    await withTempDir(async (dir) => {
      expect((await runCli(['generate', path.join(dir, 'nope.json')])).code).toBe(2);
      await writeFile(path.join(dir, 'broken.json'), '{');
      const broken = await runCli(['generate', path.join(dir, 'broken.json')]);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain('broken.json: not valid JSON');
      const none = await runCli(['generate']);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('Usage: openlineage generate SCHEMA_FILE_OR_DIR [--out DIR]');
    });
  });
});
