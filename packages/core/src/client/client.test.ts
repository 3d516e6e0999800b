import { describe, expect, it } from 'vitest';
import { TransportError, ValidationError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { OpenLineageEvent, RunEvent } from '../model/event.js';
import { toJSON } from '../model/serialize.js';
import type { Transport } from '../transport/types.js';
import { ConsoleTransport } from '../transport/console.js';
import { scratch } from '../config/test-helpers.js';
import { resolveConfig } from '../config/resolve.js';
import { VERSION } from '../version.js';
import { OpenLineageClient } from './client.js';
import { MemoryTransport, withStats } from './test-transport.js';

function runEventFixture(jobName = 'dbt'): RunEvent {
  return {
    eventTime: '2023-07-17T10:54:22.355067Z',
    eventType: 'COMPLETE',
    producer: 'https://github.com/OpenLineage/OpenLineage/tree/0.30.0/integration/airflow',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: 'f69a6e9b-9bac-3c9a-9cf6-eacb70ecc9a9', facets: {} },
    job: {
      namespace: 'food_delivery',
      name: jobName,
      facets: {
        tags: {
          _producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.27.0/client/python',
          _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/TagsJobFacet.json#/$defs/TagsJobFacet',
          tags: [{ key: 'PIPELINE', value: 'sales', source: 'DBT_INTEGRATION' }],
        },
      },
    },
    inputs: [],
    outputs: [],
  };
}

function logs() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
}

function clientFromEnv(env: Record<string, string>, transport = new MemoryTransport()) {
  const s = scratch();
  const resolved = resolveConfig({ env, cwd: s.dir, homeDir: s.home });
  return { transport, client: new OpenLineageClient({ transport, resolved, logger: logs().logger }) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('client-level features', () => {
  it('every RunEvent gets the client-version run tag', async () => {
    const { client, transport } = clientFromEnv({});
    await client.emit(runEventFixture());
    const sent = transport.events[0] as RunEvent;
    expect(sent.run.facets?.tags).toMatchObject({
      _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/TagsRunFacet.json#/$defs/TagsRunFacet',
      tags: [{ key: 'openlineage_client_version', value: VERSION, source: 'OPENLINEAGE_CLIENT' }],
    });
    expect(sent.job.facets?.tags).toEqual(runEventFixture().job.facets?.tags);
  });

  it('seed tag example: OPENLINEAGE__TAGS__JOB__ENVIRONMENT on an event without tags', async () => {
    const { client, transport } = clientFromEnv({ OPENLINEAGE__TAGS__JOB__ENVIRONMENT: 'PRODUCTION' });
    const event = runEventFixture();
    delete event.job.facets;
    await client.emit(event);
    expect((transport.events[0] as RunEvent).job.facets?.tags?.tags).toEqual([{ key: 'environment', value: 'PRODUCTION', source: 'USER' }]);
  });

  it('seed tag example: the JSON form gives the same tag', async () => {
    const { client, transport } = clientFromEnv({ OPENLINEAGE__TAGS: '{"job": {"ENVIRONMENT": "PRODUCTION"}}' });
    const event = runEventFixture();
    delete event.job.facets;
    await client.emit(event);
    expect((transport.events[0] as RunEvent).job.facets?.tags?.tags).toEqual([{ key: 'environment', value: 'PRODUCTION', source: 'USER' }]);
  });

  it('seed tag example: new job tag, updated integration tag (keeps its key spelling), new run tag', async () => {
    const { client, transport } = clientFromEnv({
      OPENLINEAGE__TAGS__JOB__ENVIRONMENT: 'PRODUCTION',
      OPENLINEAGE__TAGS__JOB__PIPELINE: 'sales_monthly',
      OPENLINEAGE__TAGS__RUN__adhoc: 'true',
    });
    await client.emit(runEventFixture());
    const sent = transport.events[0] as RunEvent;
    expect(sent.job.facets?.tags?.tags).toEqual([
      { key: 'PIPELINE', value: 'sales_monthly', source: 'USER' },
      { key: 'environment', value: 'PRODUCTION', source: 'USER' },
    ]);
    expect(sent.run.facets?.tags?.tags).toEqual([
      { key: 'adhoc', value: 'true', source: 'USER' },
      { key: 'openlineage_client_version', value: VERSION, source: 'OPENLINEAGE_CLIENT' },
    ]);
  });

  it('seed tag example, JSON form: same tags (in the order the JSON lists them)', async () => {
    const { client, transport } = clientFromEnv({
      OPENLINEAGE__TAGS: '{"job": {"ENVIRONMENT": "PRODUCTION", "PIPELINE": "sales_monthly"}, "run": {"adhoc": "true"}}',
    });
    await client.emit(runEventFixture());
    const sent = transport.events[0] as RunEvent;
    expect(sent.job.facets?.tags?.tags).toEqual([
      { key: 'environment', value: 'PRODUCTION', source: 'USER' },
      { key: 'PIPELINE', value: 'sales_monthly', source: 'USER' },
    ]);
    expect((sent.run.facets?.tags?.tags as unknown[])[0]).toEqual({ key: 'adhoc', value: 'true', source: 'USER' });
  });

  it('job tags apply to JobEvents; DatasetEvents are sent unchanged', async () => {
    const { client, transport } = clientFromEnv({ OPENLINEAGE__TAGS__JOB__TEAM: 'data', OPENLINEAGE__TAGS__RUN__X: '1' });
    const jobEvent = { eventTime: '2024-01-01T00:00:00Z', producer: 'p', schemaURL: 's', job: { namespace: 'n', name: 'j' } };
    const datasetEvent = { eventTime: '2024-01-01T00:00:00Z', producer: 'p', schemaURL: 's', dataset: { namespace: 'n', name: 'd' } };
    await client.emit(jobEvent);
    await client.emit(datasetEvent);
    expect(transport.events[0]).toMatchObject({ job: { facets: { tags: { tags: [{ key: 'team', value: 'data', source: 'USER' }] } } } });
    expect('run' in transport.events[0]!).toBe(false);
    expect(transport.events[1]).toEqual(datasetEvent);
  });

  it('never mutates the caller event', async () => {
    const { client, transport } = clientFromEnv({
      OPENLINEAGE__TAGS__JOB__A: '1',
      OPENLINEAGE__TAGS__RUN__B: '2',
      OPENLINEAGE__FACETS__ENVIRONMENT_VARIABLES: '["HOME_X"]',
      HOME_X: 'h',
    });
    const event = deepFreeze(runEventFixture());
    const before = JSON.stringify(event);
    await client.emit(event);
    expect(JSON.stringify(event)).toBe(before);
    expect(transport.events).toHaveLength(1);
  });

  it('environment-variables facet: collects listed variables, event values win, missing ones warn once', async () => {
    const log = logs();
    const s = scratch();
    const resolved = resolveConfig({
      env: { OPENLINEAGE__FACETS__ENVIRONMENT_VARIABLES: '["VAR1", "VAR2", "MISSING"]', VAR1: 'one', VAR2: 'two' },
      cwd: s.dir,
      homeDir: s.home,
    });
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport, resolved, logger: log.logger });
    const event = runEventFixture();
    event.run.facets = { environmentVariables: { _producer: 'p', _schemaURL: 's', environmentVariables: [{ name: 'VAR2', value: 'from-event' }] } };
    await client.emit(event);
    await client.emit(event);
    expect((transport.events[0] as RunEvent).run.facets?.environmentVariables).toMatchObject({
      _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/EnvironmentVariablesRunFacet.json#/$defs/EnvironmentVariablesRunFacet',
      environmentVariables: [
        { name: 'VAR2', value: 'from-event' },
        { name: 'VAR1', value: 'one' },
      ],
    });
    expect(log.lines.filter((l) => l.includes('MISSING'))).toHaveLength(1);
  });

  it('job-name filters (exact and regex, anchored at the start) drop RunEvents only', async () => {
    const s = scratch();
    s.write('openlineage.yml', 'transport:\n  type: console\nfilters:\n  - type: exact\n    match: job\n  - type: regex\n    regex: ".*whatever.*"\n');
    const resolved = resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport, resolved, logger: logs().logger });
    for (const name of ['job', 'my_whatever_job', 'jobs', 'wrong']) await client.emit(runEventFixture(name));
    await client.emit({ eventTime: '2024-01-01T00:00:00Z', producer: 'p', schemaURL: 's', job: { namespace: 'n', name: 'job' } });
    expect(transport.events.map((e) => (e as RunEvent).job.name)).toEqual(['jobs', 'wrong', 'job']);
    expect(client.stats().filtered).toBe(2);
  });

  it('a filter without its pattern is a ConfigError naming the file line', () => {
    const s = scratch();
    const file = s.write('openlineage.yml', 'filters:\n  - type: regex\n');
    const resolved = resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
    expect(() => new OpenLineageClient({ transport: new MemoryTransport(), resolved })).toThrow(`${file}:2`);
  });

  it('OPENLINEAGE_DISABLED makes emit a no-op', async () => {
    const { client, transport } = clientFromEnv({ OPENLINEAGE_DISABLED: 'TRUE' });
    await client.emit(runEventFixture());
    expect(transport.events).toHaveLength(0);
    const direct = new OpenLineageClient({ transport, env: { OPENLINEAGE_DISABLED: 'true' } });
    await direct.emit(runEventFixture());
    expect(transport.events).toHaveLength(0);
  });
});

describe('errors and stats', () => {
  it('by default a delivery failure is logged, counted and handed to onError; emit resolves', async () => {
    const log = logs();
    const transport = new MemoryTransport().failing();
    const seen: unknown[] = [];
    const client = new OpenLineageClient({ transport, logger: log.logger, onError: (e) => seen.push(e) });
    await expect(client.emit(runEventFixture())).resolves.toBeUndefined();
    expect(client.stats()).toEqual({ emitted: 1, success: 0, failed: 1, dropped: 0, pending: 0, filtered: 0 });
    expect(seen[0]).toBeInstanceOf(TransportError);
    expect(log.lines.some((l) => l.includes('backend said 503'))).toBe(true);
  });

  it('hands background failures (no emit promise reports them) to onError, once each', async () => {
    const transport = new MemoryTransport();
    let notify: ((error: Error, event: { runId?: string }) => void) | undefined;
    Object.assign(transport, {
      onError(listener: (error: Error, event: { runId?: string }) => void) {
        notify = listener;
        return () => (notify = undefined);
      },
    });
    const seen: unknown[] = [];
    const client = new OpenLineageClient({ transport, logger: logs().logger, onError: (e, event) => seen.push([e.message, event]) });
    await client.emit(runEventFixture());
    notify?.(new TransportError('queued event failed for good', { transport: 'memory' }), { runId: 'r' });
    expect(seen).toEqual([['queued event failed for good', undefined]]);
  });

  it('a transport that throws synchronously is counted as a failure, not a crash', async () => {
    const transport = new MemoryTransport();
    transport.emit = () => {
      throw new Error('sync boom');
    };
    const client = new OpenLineageClient({ transport, logger: logs().logger });
    await expect(client.emit(runEventFixture())).resolves.toBeUndefined();
    expect(client.stats().failed).toBe(1);
  });

  it('failOnError rejects with the TransportError', async () => {
    const client = new OpenLineageClient({ transport: new MemoryTransport().failing(), failOnError: true, logger: logs().logger });
    await expect(client.emit(runEventFixture())).rejects.toBeInstanceOf(TransportError);
  });

  it('emit of something that is not an event always rejects with a ValidationError', async () => {
    const client = new OpenLineageClient({ transport: new MemoryTransport() });
    await expect(client.emit({ hello: 'world' } as unknown as OpenLineageEvent)).rejects.toBeInstanceOf(ValidationError);
    await expect(client.emit(null as unknown as OpenLineageEvent)).rejects.toThrow('is not an OpenLineage event');
  });

  it('validate: true checks events against the spec before the transport', async () => {
    const transport = new MemoryTransport();
    const seen: unknown[] = [];
    const client = new OpenLineageClient({ transport, validate: true, logger: logs().logger, onError: (e) => seen.push(e) });
    await client.emit(runEventFixture());
    const bad = runEventFixture();
    bad.run.runId = 'not-a-uuid';
    await client.emit(bad);
    expect(transport.events).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(ValidationError);
    expect((seen[0] as ValidationError).errors.some((e) => e.pointer === '/run/runId')).toBe(true);
    const strict = new OpenLineageClient({ transport, validate: true, failOnError: true, logger: logs().logger });
    await expect(strict.emit(bad)).rejects.toBeInstanceOf(ValidationError);
  });

  it('a custom validator rejects invalid events before the transport', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport, validate: () => new ValidationError([{ pointer: '/job/name', message: 'bad' }]), logger: logs().logger });
    await client.emit(runEventFixture());
    expect(transport.events).toHaveLength(0);
    expect(client.stats().failed).toBe(1);
  });

  it('stats fold in the background counts of the transport', async () => {
    const transport = withStats(new MemoryTransport(), { pending: 3, success: 10, failed: 2, dropped: 1 });
    const client = new OpenLineageClient({ transport });
    await client.emit(runEventFixture());
    expect(client.stats()).toEqual({ emitted: 1, success: 10, failed: 2, dropped: 1, pending: 3, filtered: 0 });
  });

  it('close is idempotent; later emits are dropped and counted', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport, logger: logs().logger });
    await client.emit(runEventFixture());
    expect(await client.flush()).toBe(true);
    expect(await client.close()).toBe(true);
    expect(await client.close()).toBe(true);
    expect(transport.closed).toBe(1);
    await client.emit(runEventFixture());
    expect(transport.events).toHaveLength(1);
    expect(client.stats().dropped).toBe(1);
  });

  it('warns once per client when events are emitted after close, even right after another failure was logged', async () => {
    const transport = new MemoryTransport();
    const { lines, logger } = logs();
    const client = new OpenLineageClient({ transport, logger });
    transport.failing('backend down');
    await client.emit(runEventFixture());
    transport.failWith = undefined;
    await client.close();
    for (let i = 0; i < 3; i++) await client.emit(runEventFixture());
    const closed = lines.filter((l) => l.includes('client is closed'));
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatch(/WARN .*client is closed; 1 event dropped since close\(\)/);
    expect(client.stats()).toMatchObject({ dropped: 3, failed: 1 });
    const other = new OpenLineageClient({ transport: new MemoryTransport(), logger });
    await other.close();
    await other.emit(runEventFixture());
    expect(lines.filter((l) => l.includes('client is closed'))).toHaveLength(2);
  });

  it('needs a transport', () => {
    expect(() => new OpenLineageClient({} as never)).toThrow(TypeError);
  });
});

describe('OpenLineageClient.create', () => {
  it('with no config at all: console transport and one warning', async () => {
    const log = logs();
    const s = scratch();
    const client = await OpenLineageClient.create({ env: {}, cwd: s.dir, homeDir: s.home, logger: log.logger });
    expect(client.transport).toBeInstanceOf(ConsoleTransport);
    expect(log.lines.filter((l) => l.includes('WARN'))).toHaveLength(1);
  });

  it('builds the transport the YAML names, relative to the YAML file', async () => {
    const s = scratch();
    s.write(
      'conf/mine.mjs',
      'export default { type: "yaml-rel", parse: (o) => o.raw, create: (config) => ({ type: "yaml-rel", config, events: [], async emit(e) { this.events.push(e); }, async close() { return true; } }) };\n',
    );
    const file = s.write('conf/openlineage.yml', 'transport:\n  type: ./mine.mjs\n  x: 1\n');
    const client = await OpenLineageClient.create({ env: { OPENLINEAGE_CONFIG: file }, cwd: s.dir, homeDir: s.home });
    expect(client.transport.type).toBe('yaml-rel');
    expect(client.transport.config).toEqual({ type: './mine.mjs', x: 1 });
  });

  it('OPENLINEAGE_DISABLED: the configured transport is not even loaded', async () => {
    const s = scratch();
    const client = await OpenLineageClient.create({
      env: { OPENLINEAGE_DISABLED: 'true', OPENLINEAGE__TRANSPORT__TYPE: 'not-installed-anywhere' },
      cwd: s.dir,
      homeDir: s.home,
    });
    expect(client.transport.type).toBe('noop');
    await client.emit(runEventFixture());
    expect(client.stats().emitted).toBe(0);
  });

  it('uses a given transport but still applies config from env', async () => {
    const transport = new MemoryTransport();
    const s = scratch();
    const log = logs();
    const client = await OpenLineageClient.create({ transport, env: { OPENLINEAGE__TAGS__JOB__TEAM: 'x' }, cwd: s.dir, homeDir: s.home, logger: log.logger });
    expect(log.lines).toEqual([]);
    await client.emit(runEventFixture());
    expect((transport.events[0] as RunEvent).job.facets?.tags?.tags).toContainEqual({ key: 'team', value: 'x', source: 'USER' });
  });
});

describe('run helpers', () => {
  it('startRun/complete emit START and COMPLETE with the same run id', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport, namespace: 'ns' });
    const run = await client.startRun({ job: 'load', inputs: [{ namespace: 'db', name: 't' }] });
    await run.running();
    await run.complete({ outputs: [{ namespace: 'db', name: 'out' }] });
    const events = transport.events as RunEvent[];
    expect(events.map((e) => e.eventType)).toEqual(['START', 'RUNNING', 'COMPLETE']);
    expect(new Set(events.map((e) => e.run.runId)).size).toBe(1);
    expect(events[0]!.job).toMatchObject({ namespace: 'ns', name: 'load' });
    expect(events[2]!.outputs).toEqual([{ namespace: 'db', name: 'out' }]);
    expect(events[2]!.inputs).toEqual([{ namespace: 'db', name: 't' }]);
  });

  it('child runs carry parent and root', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport });
    const dag = await client.startRun({ job: { namespace: 'airflow', name: 'dag' } });
    const task = await dag.child({ job: 'dag.task' });
    const sub = await task.child({ job: 'dag.task.spark' });
    const subStart = transport.events[2] as RunEvent;
    expect(subStart.job.namespace).toBe('airflow');
    expect(subStart.run.facets?.parent).toMatchObject({
      _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet',
      run: { runId: task.runId },
      job: { namespace: 'airflow', name: 'dag.task' },
      root: { run: { runId: dag.runId }, job: { namespace: 'airflow', name: 'dag' } },
    });
    expect((transport.events[1] as RunEvent).run.facets?.parent).toMatchObject({ run: { runId: dag.runId }, root: { run: { runId: dag.runId } } });
    expect((transport.events[0] as RunEvent).run.facets?.parent).toBeUndefined();
    expect(sub.ref().root?.runId).toBe(dag.runId);
  });

  it('fail adds an errorMessage facet with message, language and stack', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport });
    const run = await client.startRun({ job: 'j' });
    await run.fail(new Error('boom'));
    const failed = transport.events[1] as RunEvent;
    expect(failed.eventType).toBe('FAIL');
    expect(failed.run.facets?.errorMessage).toMatchObject({
      _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet',
      message: 'boom',
      programmingLanguage: 'JavaScript',
    });
    expect(String(failed.run.facets?.errorMessage?.stackTrace)).toContain('boom');
  });

  it('withRun returns the result after COMPLETE, or emits FAIL and rethrows', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport });
    await expect(client.withRun({ job: 'ok' }, () => 42)).resolves.toBe(42);
    const boom = new Error('nope');
    await expect(client.withRun({ job: 'bad' }, async () => Promise.reject(boom))).rejects.toBe(boom);
    expect((transport.events as RunEvent[]).map((e) => `${e.job.name}:${e.eventType}`)).toEqual(['ok:START', 'ok:COMPLETE', 'bad:START', 'bad:FAIL']);
  });

  it('withRun rethrows the job error even when reporting FAIL fails too', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport, failOnError: true, logger: logs().logger });
    const boom = new Error('job error');
    await expect(
      client.withRun({ job: 'j' }, () => {
        transport.failing('lineage backend down');
        throw boom;
      }),
    ).rejects.toBe(boom);
  });

  it('abort emits ABORT', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport });
    const run = await client.startRun({ job: 'j', runId: '0190b1a2-0000-7000-8000-000000000000' });
    await run.abort();
    expect((transport.events[1] as RunEvent).eventType).toBe('ABORT');
    expect((transport.events[1] as RunEvent).run.runId).toBe('0190b1a2-0000-7000-8000-000000000000');
  });
});

/** Keeps the event objects it is given (not copies) and the text core's toJSON gives for each, as a transport sees them. */
class TextTransport implements Transport {
  readonly type = 'text';
  readonly config = {};
  readonly received: OpenLineageEvent[] = [];
  readonly texts: string[] = [];
  emit(event: OpenLineageEvent): Promise<void> {
    this.received.push(event);
    this.texts.push(toJSON(event));
    return Promise.resolve();
  }
  close(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

describe('serialized once', () => {
  it('transports get the text the client made: the event is serialized once however many ask', async () => {
    const transport = new TextTransport();
    const client = new OpenLineageClient({ transport, logger: logs().logger });
    const event = runEventFixture();
    // A facet that counts how often anything serializes it.
    let serialized = 0;
    event.run.facets = {
      ...event.run.facets,
      custom_counted: {
        toJSON: () => {
          serialized++;
          return { _producer: 'p', _schemaURL: 's' };
        },
      } as never,
    };
    await client.emit(event);
    // A second consumer of the same event (another composite child, a validator) gets the same text.
    expect(toJSON(transport.received[0]!)).toBe(transport.texts[0]);
    expect(serialized).toBe(1);
    expect(JSON.parse(transport.texts[0]!)).toEqual(JSON.parse(JSON.stringify(transport.received[0])));
  });

  it('the text follows the caller changing and re-emitting its own object (the caller event is never the one remembered)', async () => {
    const { client, transport } = clientFromEnv({ OPENLINEAGE__TAGS__RUN__TEAM: 'a' }, new TextTransport() as never);
    const t = transport as unknown as TextTransport;
    const event = runEventFixture();
    const dataset: OpenLineageEvent = { eventTime: '2024-01-01T00:00:00Z', producer: 'p', schemaURL: 's', dataset: { namespace: 'n', name: 'd' } };
    await client.emit(event);
    await client.emit(dataset);
    event.eventType = 'FAIL';
    event.job.name = 'renamed';
    (dataset as { dataset: { name: string } }).dataset.name = 'renamed';
    await client.emit(event);
    await client.emit(dataset);
    const sent = t.texts.map((x) => JSON.parse(x) as Record<string, { name: string } | string>);
    expect([sent[0]!.eventType, (sent[0]!.job as { name: string }).name, (sent[2]!.job as { name: string }).name, sent[2]!.eventType]).toEqual([
      'COMPLETE',
      'dbt',
      'renamed',
      'FAIL',
    ]);
    expect([(sent[1]!.dataset as { name: string }).name, (sent[3]!.dataset as { name: string }).name]).toEqual(['d', 'renamed']);
    // Neither caller object has text remembered for it: serializing it serializes what it holds now.
    expect(toJSON(event)).toBe(JSON.stringify(event));
    expect(t.received).not.toContain(event);
    expect(t.received).not.toContain(dataset);
    // The text is what the event held when it was emitted (received[0] shares the caller's job object, renamed since).
    expect([t.texts[2], t.texts[3]]).toEqual([JSON.stringify(t.received[2]), JSON.stringify(t.received[3])]);
  });

  it('the text carries the tags, env facet and client tag the client added; filtered events are never serialized', async () => {
    const s = scratch();
    s.write(
      'openlineage.yml',
      'transport:\n  type: console\nfilters:\n  - type: exact\n    match: skipped\ntags:\n  job:\n    team: data\n  run:\n    env: prod\nfacets:\n  environment_variables: [REGION]\n',
    );
    const resolved = resolveConfig({ env: { REGION: 'eu' }, cwd: s.dir, homeDir: s.home });
    const transport = new TextTransport();
    const client = new OpenLineageClient({ transport, resolved, logger: logs().logger });
    await client.emit(runEventFixture('skipped'));
    await client.emit(runEventFixture());
    expect(transport.texts).toHaveLength(1);
    const sent = JSON.parse(transport.texts[0]!) as RunEvent;
    expect(sent.job.facets?.tags).toMatchObject({
      tags: [
        { key: 'PIPELINE', value: 'sales' },
        { key: 'team', value: 'data', source: 'USER' },
      ],
    });
    expect(sent.run.facets?.tags).toMatchObject({
      tags: [
        { key: 'env', value: 'prod' },
        { key: 'openlineage_client_version', value: VERSION },
      ],
    });
    expect(sent.run.facets?.environmentVariables).toMatchObject({ environmentVariables: [{ name: 'REGION', value: 'eu' }] });
  });
});

describe('events JSON cannot represent', () => {
  function circular(): RunEvent {
    const event = runEventFixture();
    const facet: Record<string, unknown> = { _producer: 'p', _schemaURL: 's' };
    facet.self = facet;
    event.run.facets = { custom_loop: facet as never };
    return event;
  }
  function withBigInt(): RunEvent {
    const event = runEventFixture();
    event.run.facets = { custom_stats: { _producer: 'p', _schemaURL: 's', rows: 10n } };
    return event;
  }

  it('fail with the path in the message; each distinct reason is logged, repeats are rate-limited', async () => {
    const log = logs();
    const transport = new TextTransport();
    const seen: Error[] = [];
    const client = new OpenLineageClient({ transport, logger: log.logger, onError: (e) => seen.push(e) });
    await expect(client.emit(circular())).resolves.toBeUndefined();
    await client.emit(withBigInt());
    await client.emit(circular());
    expect(transport.received).toHaveLength(0);
    expect(client.stats()).toMatchObject({ emitted: 0, failed: 3 });
    const errors = log.lines.filter((l) => l.includes('failed to emit'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('circular reference at run.facets.custom_loop.self (JSON pointer /run/facets/custom_loop/self)');
    expect(errors[1]).toContain(
      'BigInt value (JSON has none: convert it to a number or a string) at run.facets.custom_stats.rows (JSON pointer /run/facets/custom_stats/rows)',
    );
    expect(seen.map((e) => e.name)).toEqual(['ValidationError', 'ValidationError', 'ValidationError']);
  });

  it('with failOnError, emit rejects with the ValidationError naming the pointer', async () => {
    const client = new OpenLineageClient({ transport: new TextTransport(), failOnError: true, logger: logs().logger });
    const error = await client.emit(withBigInt()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).errors).toEqual([
      { pointer: '/run/facets/custom_stats/rows', message: 'BigInt value (JSON has none: convert it to a number or a string)' },
    ]);
  });
});

describe('emits in flight', () => {
  it('flush waits for emits started before it, not for later ones; pending counts them without transport stats', async () => {
    const gates: (() => void)[] = [];
    const transport: Transport = {
      type: 'gated',
      config: {},
      emit: () => new Promise<void>((resolve) => gates.push(resolve)),
      close: () => Promise.resolve(true),
    };
    const client = new OpenLineageClient({ transport });
    const first = client.emit(runEventFixture());
    let flushed = false;
    const flushing = client.flush().then((ok) => (flushed = ok));
    const second = client.emit(runEventFixture());
    expect(client.stats().pending).toBe(2);
    gates[0]!();
    await first;
    await flushing;
    expect(flushed).toBe(true);
    expect(client.stats()).toMatchObject({ pending: 1, success: 1 });
    expect(await client.flush(20)).toBe(false);
    gates[1]!();
    await second;
    expect(await client.flush(1000)).toBe(true);
    expect(client.stats()).toMatchObject({ pending: 0, success: 2 });
  });
});
