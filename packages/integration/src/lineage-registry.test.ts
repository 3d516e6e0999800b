import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, type RunFacet } from '@ol/core';
import { defineExtractor, LineageRegistry, type Task, type TaskLineage } from './index.js';

const ds = (name: string) => ({ namespace: 'ns', name });
const facet = (extra: Record<string, unknown> = {}): RunFacet => ({
  _producer: 'https://example.com/p',
  _schemaURL: 'https://example.com/s#/$defs/MyFacet',
  ...extra,
});

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
}

function calls() {
  const seen: string[] = [];
  const lineage = (tag: string): TaskLineage => {
    seen.push(tag);
    return { inputs: [ds(tag)] };
  };
  return { seen, lineage };
}

describe('lineage methods fallbacks (seed 002)', () => {
  const registry = new LineageRegistry();

  it('calls each method in its own phase when all exist', async () => {
    const { seen, lineage } = calls();
    const task: Task = {
      name: 't',
      getLineageOnStart: () => lineage('start'),
      getLineageOnComplete: () => lineage('complete'),
      getLineageOnFailure: () => lineage('failure'),
    };
    await registry.resolveLineage(task, 'start');
    await registry.resolveLineage(task, 'complete', 42);
    await registry.resolveLineage(task, 'failure', new Error('x'));
    expect(seen).toEqual(['start', 'complete', 'failure']);
  });

  it('no on-failure → on-complete is called on failure, with the error', async () => {
    let got: unknown;
    const task: Task = { name: 't', getLineageOnComplete: (r) => ((got = r), { outputs: [ds('c')] }) };
    const err = new Error('boom');
    const r = await registry.resolveLineage(task, 'failure', err);
    expect(r).toEqual({ lineage: { outputs: [ds('c')] }, source: 'methods' });
    expect(got).toBe(err);
  });

  it('neither on-failure nor on-complete → on-start, at start and at the end', async () => {
    const { seen, lineage } = calls();
    const task: Task = { name: 't', getLineageOnStart: () => lineage('start') };
    await registry.resolveLineage(task, 'start');
    await registry.resolveLineage(task, 'complete');
    await registry.resolveLineage(task, 'failure');
    expect(seen).toEqual(['start', 'start', 'start']);
  });

  it('no on-start → the START event carries no lineage', async () => {
    const { seen, lineage } = calls();
    const task: Task = { name: 't', getLineageOnComplete: () => lineage('complete') };
    expect(await registry.resolveLineage(task, 'start')).toEqual({ lineage: {}, source: 'methods' });
    expect(seen).toEqual([]);
  });
});

describe('extractors', () => {
  it('default chain: on-failure → on-complete → extract', async () => {
    const seen: string[] = [];
    const onlyExtract = defineExtractor({ taskTypes: ['A'], extract: () => (seen.push('extract'), { inputs: [ds('e')] }) });
    await onlyExtract.extractOnFailure({}, new Error('x'));
    const withComplete = defineExtractor({
      taskTypes: ['B'],
      extract: () => (seen.push('extract2'), {}),
      extractOnComplete: () => (seen.push('complete'), {}),
    });
    await withComplete.extractOnFailure({}, new Error('x'));
    expect(seen).toEqual(['extract', 'complete']);
  });

  it('rejects an extractor without task types or extract', () => {
    expect(() => defineExtractor({ taskTypes: [], extract: () => undefined })).toThrow(/taskTypes/);
    expect(() => defineExtractor({ taskTypes: ['X'] } as never)).toThrow(/extract/);
  });

  it('precedence: extractor > methods > inlets/outlets > none', async () => {
    class CopyTask implements Task {
      name = 'copy';
      inlets = [ds('declared-in')];
      getLineageOnStart() {
        return { inputs: [ds('from-method')] };
      }
    }
    const registry = new LineageRegistry();
    const task = new CopyTask();
    expect((await registry.resolveLineage(task, 'start')).source).toBe('methods');
    registry.registerExtractor(defineExtractor({ taskTypes: ['CopyTask'], extract: () => ({ inputs: [ds('from-extractor')] }) }));
    expect(await registry.resolveLineage(task, 'start')).toEqual({ lineage: { inputs: [ds('from-extractor')] }, source: 'extractor' });
    const declared: Task = { name: 'd', inlets: [ds('i')], outlets: [ds('o')] };
    expect(await registry.resolveLineage(declared, 'complete')).toEqual({ lineage: { inputs: [ds('i')], outputs: [ds('o')] }, source: 'declared' });
    expect(await registry.resolveLineage({ name: 'bare' }, 'complete')).toEqual({ lineage: {}, source: 'none' });
    expect((await registry.resolveLineage({ name: 'typed', taskType: 'CopyTask' }, 'start')).source).toBe('extractor');
  });

  it('loads extractors and providers from `;`-separated specifiers; a bad one is reported once, the rest load', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-ext-'));
    fs.writeFileSync(
      path.join(dir, 'extractors.mjs'),
      `export const Sql = { taskTypes: ['SqlTask'], extract: (t) => ({ inputs: [{ namespace: 'db', name: t.table }] }) };\nexport default [Sql];\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'facets.mjs'),
      `export function team() { return { team: { _producer: 'https://x', _schemaURL: 'https://x#/$defs/TeamRunFacet', name: 'data' } }; }\n`,
    );
    const { lines, logger } = capture();
    const registry = new LineageRegistry({ logger });
    const config = { extractors: ' ./extractors.mjs#Sql ;\n ./missing.mjs;', custom_run_facets: './facets.mjs#team' };
    const report = await registry.loadFromConfig(config, { baseDir: dir });
    expect(report.loaded).toEqual(['./extractors.mjs#Sql', './facets.mjs#team']);
    expect(report.failed.map((f) => f.specifier)).toEqual(['./missing.mjs']);
    await registry.loadFromConfig(config, { baseDir: dir });
    expect(lines.filter((l) => l.includes('missing.mjs'))).toHaveLength(1);
    expect(lines[0]).toMatch(/ERROR could not load extractor ".\/missing.mjs": .*(Cannot find|ERR_MODULE_NOT_FOUND|no such file)/i);
    expect(await registry.resolveLineage({ name: 'q', taskType: 'SqlTask', table: 'orders' } as Task, 'start')).toEqual({
      lineage: { inputs: [{ namespace: 'db', name: 'orders' }] },
      source: 'extractor',
    });
    expect(Object.keys(await registry.runFacets({}, 'START'))).toEqual(['team']);
  });
});

describe('custom run facet providers', () => {
  it('run with the state; same provider once; a throwing one is skipped; later wins with a warning', async () => {
    const { lines, logger } = capture();
    const registry = new LineageRegistry({ logger });
    const states: string[] = [];
    function first(_task: unknown, state: string) {
      states.push(state);
      return { shared: facet({ from: 'first' }), a: facet() };
    }
    function broken(): Record<string, RunFacet> {
      throw new Error('provider bug');
    }
    function second() {
      return { shared: facet({ from: 'second' }) };
    }
    registry
      .registerRunFacetProvider(first)
      .registerRunFacetProvider(first)
      .registerRunFacetProvider(broken)
      .registerRunFacetProvider(second)
      .registerRunFacetProvider(() => undefined);
    const out = await registry.runFacets({ name: 't' }, 'FAIL');
    expect(states).toEqual(['FAIL']);
    expect(out.shared).toMatchObject({ from: 'second' });
    expect(Object.keys(out).sort()).toEqual(['a', 'shared']);
    expect(lines.some((l) => l.includes('ERROR') && l.includes('"broken"') && l.includes('provider bug'))).toBe(true);
    expect(lines.some((l) => l.includes('WARN') && l.includes('run facet "shared" from "second" replaces the one from "first"'))).toBe(true);
  });
});
