import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SPEC_DIR, withTempDir } from '../test-cli.js';
import { jsonLines, runEvent } from '../test-events.js';

type Place = 'run' | 'job' | 'dataset' | 'inputDataset' | 'outputDataset';
const PLACE_OF_BASE: Record<string, Place> = {
  RunFacet: 'run',
  JobFacet: 'job',
  DatasetFacet: 'dataset',
  InputDatasetFacet: 'inputDataset',
  OutputDatasetFacet: 'outputDataset',
};

/** Where a spec fixture's facet belongs, read from its schema: the base facet its definition extends. */
function placeOf(schemaFile: string, key: string, facet: Record<string, unknown>): Place {
  if ('inputCondition' in facet) return 'inputDataset';
  if ('outputCondition' in facet) return 'outputDataset';
  const schema = JSON.parse(readFileSync(path.join(SPEC_DIR, 'facets', `${schemaFile}.json`), 'utf8')) as {
    $defs: Record<string, { allOf?: { $ref?: string }[] }>;
    properties: Record<string, { $ref?: string; anyOf?: { $ref: string }[] }>;
  };
  const prop = schema.properties[key]!;
  const refs = (prop.anyOf ?? [prop]).map((r) => r.$ref!.split('/').pop()!);
  const declared = String(facet._schemaURL ?? '')
    .split('/')
    .pop();
  const def = refs.find((r) => r === declared) ?? refs[0]!;
  const base = (schema.$defs[def]!.allOf ?? []).map((a) => a.$ref?.split('/').pop()).find((b) => b !== undefined && b in PLACE_OF_BASE);
  return PLACE_OF_BASE[base!]!;
}

/** A minimal RunEvent carrying the fixture's facets where they belong. */
function wrap(place: Place, facets: Record<string, unknown>): Record<string, unknown> {
  const dataset = { namespace: 'ns', name: 'table' };
  switch (place) {
    case 'run':
      return runEvent({ run: { runId: '0190f7a0-1c2d-7e3f-8a4b-5c6d7e8f9a0b', facets } });
    case 'job':
      return runEvent({ job: { namespace: 'ns', name: 'job', facets } });
    case 'dataset':
      return runEvent({ inputs: [{ ...dataset, facets }] });
    case 'inputDataset':
      return runEvent({ inputs: [{ ...dataset, inputFacets: facets }] });
    case 'outputDataset':
      return runEvent({ outputs: [{ ...dataset, outputFacets: facets }] });
  }
}

function specFixtureEvents(): { name: string; event: unknown }[] {
  const dir = path.join(SPEC_DIR, 'tests');
  const out: { name: string; event: unknown }[] = [
    { name: 'example_full_event.json', event: JSON.parse(readFileSync(path.join(dir, 'example_full_event.json'), 'utf8')) },
  ];
  for (const facetDir of readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    for (const file of readdirSync(path.join(dir, facetDir))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const facets = JSON.parse(readFileSync(path.join(dir, facetDir, file), 'utf8')) as Record<string, Record<string, unknown>>;
      const [key, facet] = Object.entries(facets)[0]!;
      out.push({ name: `${facetDir}/${file}`, event: wrap(placeOf(facetDir, key, facet), facets) });
    }
  }
  return out;
}

describe('openlineage validate (subprocess)', () => {
  it('accepts every spec fixture (facet fixtures wrapped into minimal events)', async () => {
    const fixtures = specFixtureEvents();
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'spec.jsonl');
      await writeFile(file, jsonLines(fixtures.map((f) => f.event)));
      const r = await runCli(['validate', file]);
      // On failure, name the fixture behind each reported line.
      const failing = [...r.stdout.matchAll(/spec\.jsonl:(\d+):/g)].map((m) => fixtures[Number(m[1]) - 1]!.name);
      expect(failing).toEqual([]);
      expect(r.stdout).toBe(`${fixtures.length} events: all valid\n`);
      expect(r.code).toBe(0);
    });
  });

  it('reports every problem with the event position and a JSON pointer, and exits 1', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'events.jsonl');
      await writeFile(
        file,
        jsonLines([
          runEvent(),
          runEvent({ run: { runId: 'not-a-uuid' }, eventTime: 'yesterday' }),
          runEvent({ job: { namespace: 'ns', name: 'j', facets: { sql: { _producer: 'https://p', _schemaURL: 'https://s', query: 42 } } } }),
        ]) + '{"broken": \n',
      );
      const r = await runCli(['validate', file]);
      expect(r.code).toBe(1);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).toContain(`${file}:2: /run/runId must be a valid uuid (https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent)`);
      expect(lines.some((l) => l.startsWith(`${file}:2: /eventTime must be a valid date-time`))).toBe(true);
      expect(lines.some((l) => l.startsWith(`${file}:3: /job/facets/sql/query must be a string`))).toBe(true);
      expect(lines.some((l) => l.startsWith(`${file}:4: not valid JSON`))).toBe(true);
      expect(lines.at(-1)).toBe('4 events: 1 valid, 3 invalid (4 problems)');
    });
  });

  it('prints a JSON report with --json', async () => {
    const input = JSON.stringify([runEvent(), runEvent({ producer: 'not a uri' })]);
    const r = await runCli(['validate', '--json', '-'], { input });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { valid: boolean; events: number; invalid: number; problems: unknown[] };
    expect(report).toEqual({
      valid: false,
      events: 2,
      invalid: 1,
      problems: [
        {
          position: '<stdin>:1[1]',
          pointer: '/producer',
          message: expect.stringContaining('must be a valid uri'),
          schema: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
        },
      ],
    });
  });

  it('reads stdin when no file is given and exits 0 when all is valid', async () => {
    const r = await runCli(['validate'], { input: JSON.stringify(runEvent(), null, 2) });
    expect(r.stdout).toBe('1 event: all valid\n');
    expect(r.code).toBe(0);
  });

  it('exits 2 when a named file does not exist', async () => {
    const r = await runCli(['validate', 'nope.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file: nope.jsonl');
  });
});
