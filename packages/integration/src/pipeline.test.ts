import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, OpenLineageClient, resolveConfig, type RunEvent } from '@ol/core';
import { any, expectEvents, memoryTransport } from '@ol/testing';
import { defineExtractor, instrumentPipeline, LineageRegistry, type Task } from './index.js';

const ds = (name: string) => ({ namespace: 'warehouse', name });

function setup(options: { env?: Record<string, string> } = {}) {
  const transport = memoryTransport();
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(l) });
  const client = new OpenLineageClient({ transport, logger, env: options.env ?? {} });
  return { transport, client, lines, logger };
}

class LoadOrders implements Task {
  name = 'load_orders';
  getLineageOnStart() {
    return { inputs: [ds('raw.orders')] };
  }
  getLineageOnComplete(rows: unknown) {
    return {
      inputs: [ds('raw.orders')],
      outputs: [ds('clean.orders')],
      runFacets: { rows: { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s#/$defs/RowsRunFacet', count: rows } },
    };
  }
}

describe('instrumentPipeline', () => {
  it('emits the pipeline START first, tasks as child runs with parent and root facets, and FAIL last when a task failed', async () => {
    const { transport, client } = setup();
    const registry = new LineageRegistry().registerExtractor(defineExtractor({ taskTypes: ['Export'], extract: () => ({ outputs: [ds('export.csv')] }) }));
    const pipeline = await instrumentPipeline(client, { namespace: 'etl', name: 'nightly', registry });
    const boom = new Error('disk full');
    await expect(
      pipeline.execute(async (p) => {
        expect(await p.task(new LoadOrders(), () => 42)).toBe(42);
        await p.task({ name: 'export', taskType: 'Export' }, () => undefined);
        await p.task({ name: 'declared', inlets: [ds('a')], outlets: [ds('b')] }, () => undefined);
        await p.task({ name: 'publish' }, () => {
          throw boom;
        });
      }),
    ).rejects.toBe(boom);

    const events = transport.events as RunEvent[];
    expect(events.map((e) => `${e.job.name}:${e.eventType}`)).toEqual([
      'nightly:START',
      'nightly.load_orders:START',
      'nightly.load_orders:COMPLETE',
      'nightly.export:START',
      'nightly.export:COMPLETE',
      'nightly.declared:START',
      'nightly.declared:COMPLETE',
      'nightly.publish:START',
      'nightly.publish:FAIL',
      'nightly:FAIL',
    ]);
    const pipelineRunId = events[0]!.run.runId;
    const parent = {
      run: { runId: pipelineRunId },
      job: { namespace: 'etl', name: 'nightly' },
      root: { run: { runId: pipelineRunId }, job: { namespace: 'etl', name: 'nightly' } },
    };
    expectEvents(events, {
      'nightly.event.start': { run: { runId: any.uuid() }, job: { namespace: 'etl' } },
      'nightly.load_orders.event.start': { run: { facets: { parent } }, inputs: [ds('raw.orders')], outputs: [] },
      'nightly.load_orders.event.complete': { run: { facets: { parent, rows: { count: 42 } } }, outputs: [ds('clean.orders')] },
      'nightly.export.event.start': { outputs: [ds('export.csv')] },
      'nightly.declared.event.complete': { inputs: [ds('a')], outputs: [ds('b')] },
      'nightly.publish.event.fail': {
        run: { facets: { parent, errorMessage: { message: 'disk full', programmingLanguage: 'JavaScript' } } },
        inputs: [],
        outputs: [],
      },
      'nightly.event.fail': { run: { facets: { errorMessage: { message: 'disk full' } } } },
    });
    const starts = new Map(events.filter((e) => e.eventType === 'START').map((e) => [e.job.name, e.run.runId]));
    for (const e of events) expect(e.run.runId).toBe(starts.get(e.job.name));
  });

  it('completes the pipeline when every task succeeded', async () => {
    const { transport, client } = setup();
    const pipeline = await instrumentPipeline(client, { namespace: 'etl', name: 'ok' });
    await expect(pipeline.execute(async (p) => p.task({ name: 't' }, () => 'done'))).resolves.toBe('done');
    expect((transport.events as RunEvent[]).map((e) => e.eventType)).toEqual(['START', 'START', 'COMPLETE', 'COMPLETE']);
  });

  it('a disabled client runs the task without calling any lineage method, extractor or provider', async () => {
    const { transport, client } = setup({ env: { OPENLINEAGE_DISABLED: 'TRUE' } });
    const called: string[] = [];
    const registry = new LineageRegistry().registerRunFacetProvider(() => (called.push('provider'), undefined));
    const pipeline = await instrumentPipeline(client, { namespace: 'etl', name: 'off', registry });
    const task: Task = { name: 't', getLineageOnStart: () => (called.push('start'), {}), getLineageOnComplete: () => (called.push('complete'), {}) };
    expect(await pipeline.execute((p) => p.task(task, () => 7))).toBe(7);
    expect(called).toEqual([]);
    expect(transport.events).toHaveLength(0);
  });

  it('run facet providers see the state being entered; a failing extractor does not break the task', async () => {
    const { transport, client, lines } = setup();
    const states: string[] = [];
    const registry = new LineageRegistry({ logger: client.logger })
      .registerRunFacetProvider(
        (_task, state) => (
          states.push(state),
          { state: { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s#/$defs/StateRunFacet', state } }
        ),
      )
      .registerExtractor(
        defineExtractor({
          taskTypes: ['Flaky'],
          extract: () => {
            throw new Error('metadata service down');
          },
        }),
      );
    const pipeline = await instrumentPipeline(client, { namespace: 'etl', name: 'p', registry });
    await pipeline.execute((p) => p.task({ name: 'flaky', taskType: 'Flaky' }, () => 1));
    expect(states).toEqual(['START', 'COMPLETE']);
    expectEvents(transport.events, {
      'p.flaky.event.start': { run: { facets: { state: { state: 'START' } } }, inputs: [] },
      'p.flaky.event.complete': { run: { facets: { state: { state: 'COMPLETE' } } } },
    });
    expect(lines.some((l) => l.includes('lineage extraction for task flaky (start) failed') && l.includes('metadata service down'))).toBe(true);
  });

  it('loads extractors named by OPENLINEAGE__INTEGRATION__EXTRACTORS and openlineage.yml', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-int-'));
    fs.writeFileSync(
      path.join(dir, 'ext.mjs'),
      `export default { taskTypes: ['Sql'], extract: () => ({ inputs: [{ namespace: 'pg', name: 'from-env' }] }) };\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'ext2.mjs'),
      `export const x = { taskTypes: ['Sql2'], extract: () => ({ inputs: [{ namespace: 'pg', name: 'from-yaml' }] }) };\n`,
    );
    const fromEnv = resolveConfig({ env: { OPENLINEAGE__INTEGRATION__EXTRACTORS: ' ./ext.mjs ; ' }, cwd: dir, homeDir: dir });
    const registry = new LineageRegistry();
    expect((await registry.loadFromConfig(fromEnv.config.integration, { baseDir: fromEnv.baseDir })).loaded).toEqual(['./ext.mjs']);
    fs.writeFileSync(path.join(dir, 'openlineage.yml'), 'integration:\n  extractors: >-\n    ./ext2.mjs#x;\n    ./nope.mjs\n');
    const fromYaml = resolveConfig({ env: {}, cwd: dir, homeDir: dir });
    const report = await registry.loadFromConfig(fromYaml.config.integration, { baseDir: fromYaml.baseDir });
    expect(report.loaded).toEqual(['./ext2.mjs#x']);
    expect(report.failed.map((f) => f.specifier)).toEqual(['./nope.mjs']);
    expect((await registry.resolveLineage({ name: 'q', taskType: 'Sql2' }, 'start')).lineage.inputs).toEqual([{ namespace: 'pg', name: 'from-yaml' }]);
  });

  it('uses the extractors named in the client config when no registry is given, and reports a bad specifier once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-int-cfg-'));
    const sub = path.join(dir, 'conf');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(dir, 'a.mjs'), `export default { taskTypes: ['A'], extract: () => ({ inputs: [{ namespace: 'pg', name: 'from-env-a' }] }) };\n`);
    fs.writeFileSync(
      path.join(dir, 'b.mjs'),
      `export default (task, state) => ({ seen: { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s#/$defs/SeenRunFacet', state } });\n`,
    );
    fs.writeFileSync(path.join(sub, 'y.mjs'), `export default { taskTypes: ['Y'], extract: () => ({ outputs: [{ namespace: 'pg', name: 'from-yaml' }] }) };\n`);
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (l) => lines.push(l) });
    const transport = memoryTransport();
    // From env vars: relative to the working directory; the provider list also comes from env.
    const env = { OPENLINEAGE__INTEGRATION__EXTRACTORS: './a.mjs; ./missing.mjs', OPENLINEAGE__INTEGRATION__CUSTOM_RUN_FACETS: './b.mjs' };
    const client = await OpenLineageClient.create({ transport, logger, env, cwd: dir, homeDir: dir });
    for (const name of ['p1', 'p2']) {
      const pipeline = await instrumentPipeline(client, { namespace: 'etl', name });
      await pipeline.execute((p) => p.task({ name: 't', taskType: 'A' }, () => 1));
    }
    const starts = transport.events.filter((e) => (e as RunEvent).job.name.endsWith('.t') && (e as RunEvent).eventType === 'START') as RunEvent[];
    expect(starts.map((e) => e.inputs)).toEqual([[{ namespace: 'pg', name: 'from-env-a' }], [{ namespace: 'pg', name: 'from-env-a' }]]);
    expect(starts[0]!.run.facets?.['seen']).toMatchObject({ state: 'START' });
    const reported = lines.filter((l) => l.includes('./missing.mjs'));
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(/could not load extractor "\.\/missing\.mjs": .+/);

    // From openlineage.yml: relative to the YAML file's directory.
    fs.writeFileSync(path.join(sub, 'openlineage.yml'), 'integration:\n  extractors: ./y.mjs\n');
    const fromYaml = await OpenLineageClient.create({
      transport,
      logger,
      env: { OPENLINEAGE_CONFIG: path.join(sub, 'openlineage.yml') },
      cwd: dir,
      homeDir: dir,
    });
    const pipeline = await instrumentPipeline(fromYaml, { namespace: 'etl', name: 'p3' });
    await pipeline.execute((p) => p.task({ name: 'y', taskType: 'Y' }, () => 1));
    const yStart = transport.events.find((e) => (e as RunEvent).job.name === 'p3.y') as RunEvent;
    expect(yStart.outputs).toEqual([{ namespace: 'pg', name: 'from-yaml' }]);
  });

  it('an explicit registry wins over the configured one', async () => {
    const transport = memoryTransport();
    const env = { OPENLINEAGE__INTEGRATION__EXTRACTORS: './does-not-exist.mjs' };
    const lines: string[] = [];
    const client = await OpenLineageClient.create({ transport, env, logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }) });
    const registry = new LineageRegistry().registerExtractor(defineExtractor({ taskTypes: ['A'], extract: () => ({ inputs: [ds('explicit')] }) }));
    const pipeline = await instrumentPipeline(client, { namespace: 'etl', name: 'p', registry });
    await pipeline.execute((p) => p.task({ name: 't', taskType: 'A' }, () => 1));
    expect((transport.events[1] as RunEvent).inputs).toEqual([ds('explicit')]);
    expect(lines.some((l) => l.includes('does-not-exist'))).toBe(false);
  });
});
