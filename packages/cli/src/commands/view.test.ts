import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, runCli, withTempDir } from '../test-cli.js';
import { jsonLines, runEvent } from '../test-events.js';

const RUN_A = '0190f7a0-1c2d-7e3f-8a4b-5c6d7e8f9a01';
const RUN_B = '0190f7a0-1c2d-7e3f-8a4b-5c6d7e8f9a02';
const RUN_C = '0190f7a0-1c2d-7e3f-8a4b-5c6d7e8f9a03';

/** extract reads orders and writes raw; load (child of nightly) reads raw and fails. */
function pipeline(): Record<string, unknown>[] {
  const orders = { namespace: 'postgres://db:5432', name: 'shop.public.orders' };
  const raw = { namespace: 's3://lake', name: 'raw/orders' };
  const parent = { parent: { _producer: 'https://p', _schemaURL: 'https://s', run: { runId: RUN_B }, job: { namespace: 'shop', name: 'nightly' } } };
  return [
    runEvent({ job: { namespace: 'shop', name: 'extract' }, run: { runId: RUN_A }, inputs: [orders], outputs: [raw] }),
    runEvent({ eventType: 'COMPLETE', eventTime: '2024-05-01T10:01:00.000Z', job: { namespace: 'shop', name: 'extract' }, run: { runId: RUN_A } }),
    runEvent({
      eventType: 'FAIL',
      eventTime: '2024-05-01T10:02:00.000Z',
      job: { namespace: 'shop', name: 'load' },
      run: { runId: RUN_C, facets: parent },
      inputs: [raw],
    }),
  ];
}

describe('openlineage view (subprocess)', () => {
  it('writes lineage.html by default and prints the summary on stderr', async () => {
    await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'events.jsonl'), jsonLines(pipeline()));
      const r = await runCli(['view', 'events.jsonl'], { cwd: dir });
      expect(r.stderr).toBe('3 events, 3 jobs, 2 datasets, 3 edges → lineage.html\n');
      expect(r.stdout).toBe('');
      expect(r.code).toBe(0);
      const html = await readFile(path.join(dir, 'lineage.html'), 'utf8');
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('<title>Lineage of events.jsonl</title>');
      expect(html).toContain('"id":"job:shop/load"');
      // Self-contained: no external script, stylesheet or URL to fetch.
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    });
  });

  it('prints Mermaid on stdout from several inputs (a JSON array on stdin and a JSON Lines file)', async () => {
    await withTempDir(async (dir) => {
      const [a, b, c] = pipeline();
      await writeFile(path.join(dir, 'more.jsonl'), jsonLines([c]));
      const r = await runCli(['view', '--format', 'mermaid', '-', 'more.jsonl'], { cwd: dir, input: JSON.stringify([a, b], null, 2) });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`flowchart LR
  j0(["shop/extract (COMPLETE)"]):::complete
  subgraph j2 ["shop/nightly"]
    j1(["shop/load (FAIL)"]):::fail
  end
  class j2 other
  d0[("postgres://db:5432/shop.public.orders")]:::dataset
  d1[("s3://lake/raw/orders")]:::dataset
  d0 --> j0
  j0 --> d1
  d1 --> j1
  classDef complete fill:#dcfce7,stroke:#16a34a,color:#14532d
  classDef fail fill:#fee2e2,stroke:#dc2626,color:#7f1d1d
  classDef other fill:#f1f5f9,stroke:#64748b,color:#1e293b
  classDef dataset fill:#f5f3ff,stroke:#7c3aed,color:#2e1065
`);
      expect(r.stderr).toBe('3 events, 3 jobs, 2 datasets, 3 edges → stdout\n');
    });
  });

  it('writes the page to stdout with --out -', async () => {
    const r = await runCli(['view', '--out', '-', '--title', 'T'], { input: jsonLines(pipeline()) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>[\s\S]*<title>T<\/title>[\s\S]*<\/html>\n$/);
    expect(r.stderr).toBe('3 events, 3 jobs, 2 datasets, 3 edges → stdout\n');
  });

  it('writes DOT to --out', async () => {
    await withTempDir(async (dir) => {
      const r = await runCli(['view', '-f', 'dot', '-o', 'graph.dot'], { cwd: dir, input: jsonLines(pipeline()) });
      expect(r.code).toBe(0);
      const dot = await readFile(path.join(dir, 'graph.dot'), 'utf8');
      expect(dot).toMatch(/^digraph lineage \{/);
      expect(dot).toContain('"dataset:s3://lake/raw/orders" -> "job:shop/load";');
      expect(dot).toContain('subgraph "cluster_job:shop/nightly" {');
      expect(r.stderr).toBe('3 events, 3 jobs, 2 datasets, 3 edges → graph.dot\n');
    });
  });

  it('reports malformed lines and non-events with their line numbers, draws the rest, and exits 1', async () => {
    await withTempDir(async (dir) => {
      const [a, b, c] = pipeline();
      await writeFile(
        path.join(dir, 'events.jsonl'),
        `${JSON.stringify(a)}\n{"eventType": oops\n${JSON.stringify(b)}\n{"hello": "world"}\n${JSON.stringify(c)}\n`,
      );
      const r = await runCli(['view', 'events.jsonl', '--out', 'out.html'], { cwd: dir });
      expect(r.code).toBe(1);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^events\.jsonl:2: not valid JSON: .*; skipped$/);
      expect(lines[1]).toBe('events.jsonl:4: not an OpenLineage event (needs eventTime and a job or a dataset); skipped');
      expect(lines[2]).toBe('3 events, 3 jobs, 2 datasets, 3 edges → out.html');
      expect(await readFile(path.join(dir, 'out.html'), 'utf8')).toContain('job:shop/extract');
    });
  });

  it('is an error when the input holds no event, and writes nothing', async () => {
    await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'empty.jsonl'), '\n{"not": "an event"}\n');
      const r = await runCli(['view', 'empty.jsonl'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('empty.jsonl:2: not an OpenLineage event');
      expect(r.stderr).toContain('openlineage view: no OpenLineage events in empty.jsonl');
      expect(await readdir(dir)).toEqual(['empty.jsonl']);
      const stdin = await runCli(['view', '--format', 'mermaid'], { cwd: dir, input: '' });
      expect(stdin.code).toBe(1);
      expect(stdin.stderr).toBe('openlineage view: no OpenLineage events in <stdin>\n');
      expect(stdin.stdout).toBe('');
    });
  });

  it('exits 2 on a bad format, a missing file, or --open without a file', async () => {
    const format = await runCli(['view', '--format', 'svg']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("--format must be one of html, mermaid, dot, got 'svg'");
    const missing = await runCli(['view', 'nope.jsonl']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file: nope.jsonl');
    const open = await runCli(['view', '--format', 'dot', '--open']);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('--open needs a file to open');
  });

  it('--open hands the written page to $BROWSER, and only warns when no browser starts', async () => {
    await withTempDir(async (dir) => {
      const opener = path.join(dir, 'fake-browser.sh');
      await writeFile(opener, `#!/bin/sh\necho "$1" > "${path.join(dir, 'opened.txt')}"\n`);
      await chmod(opener, 0o755);
      await writeFile(path.join(dir, 'events.jsonl'), jsonLines(pipeline()));
      const r = await runCli(['view', 'events.jsonl', '--open'], { cwd: dir, env: { BROWSER: opener } });
      expect(r.code).toBe(0);
      let opened = '';
      for (let i = 0; i < 50 && opened === ''; i++) {
        opened = await readFile(path.join(dir, 'opened.txt'), 'utf8').catch(() => '');
        if (opened === '') await new Promise((res) => setTimeout(res, 100));
      }
      expect(opened.trim()).toBe(`file://${path.join(dir, 'lineage.html')}`);
      const none = await runCli(['view', 'events.jsonl', '--open'], { cwd: dir, env: { BROWSER: path.join(dir, 'no-such-browser') } });
      expect(none.code).toBe(0);
      expect(none.stderr).toContain('warning: could not open a browser');
    });
  });

  it('loads the renderer only for view: no other module imports it statically', async () => {
    const dist = path.join(PACKAGE_DIR, 'dist');
    const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.js'));
    const static_ = [];
    for (const f of files) if (/^import[^;]*from '@ol\/lineage-view'/m.test(await readFile(path.join(dist, f), 'utf8'))) static_.push(f);
    expect(static_).toEqual([]);
    expect(await readFile(path.join(dist, 'commands', 'view.js'), 'utf8')).toContain("import('@ol/lineage-view')");
  });
});
