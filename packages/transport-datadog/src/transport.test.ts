import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { type Logger, OpenLineageClient, type RunEvent, TransportError } from '@ol/core';
import { startLineageSink, type LineageSink } from '@ol/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatadogTransport, type CreateDatadogTransportOptions, type DatadogTransport } from './index.js';

const API_KEY = 'dd-api-key-0123456789';
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const sinks: LineageSink[] = [];
const opened: { close(t?: number): Promise<boolean> }[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close(0)));
  await Promise.all(sinks.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function sink(): Promise<LineageSink> {
  const s = await startLineageSink();
  sinks.push(s);
  return s;
}

const FAST_RETRY = { total: 2, backoff_factor: 0.01 };

function transport(s: LineageSink, options: CreateDatadogTransportOptions = {}): DatadogTransport {
  const t = createDatadogTransport({ apiKey: API_KEY, site: s.url, retry: FAST_RETRY, keepProcessAlive: false, env: {}, ...options });
  opened.push(t);
  return t;
}

function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

function event(integration?: string, jobType = 'MODEL', n = 0): RunEvent {
  return {
    eventType: 'START',
    eventTime: '2026-01-01T00:00:00.000Z',
    producer: 'https://example.com/test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: `0190f5a2-7c3e-7d4a-9b1e-2f3a4b5c6d${String(n).padStart(2, '0')}` },
    job: {
      namespace: 'ns',
      name: 'job',
      ...(integration !== undefined && { facets: { jobType: { _producer: 'p', _schemaURL: 's', processingType: 'BATCH', integration, jobType } } }),
    },
  };
}

describe('datadog transport against a loopback intake', () => {
  it('POSTs gzip-compressed JSON to <site>/api/v1/lineage with the api key as a bearer token', async () => {
    const s = await sink();
    const t = transport(s);
    await t.emit(event('spark', 'JOB'));
    expect(s.requests).toHaveLength(1);
    const req = s.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/api/v1/lineage');
    expect(req.headers['content-encoding']).toBe('gzip');
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.raw.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(req.json).toEqual(event('spark', 'JOB'));
  });

  it('a dbt event returns before a slow intake answers; another event waits for the answer', async () => {
    const s = await sink();
    s.setDelay(400);
    const t = transport(s);
    expect(t.asyncTransport).toBeUndefined();

    let started = Date.now();
    await t.emit(event('spark', 'JOB', 1));
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    // Nothing routed to the async side yet: its pool and queue do not exist.
    expect(t.asyncTransport).toBeUndefined();

    started = Date.now();
    await t.emit(event('DBT', 'MODEL', 2));
    expect(Date.now() - started).toBeLessThan(200);
    expect(t.asyncTransport).toBeDefined();
    expect(t.stats().pending).toBe(1);
    expect(await t.flush(5000)).toBe(true);
    expect(t.stats()).toMatchObject({ pending: 0, success: 2, failed: 0 });
    expect(s.requests.map((r) => r.headers['content-encoding'])).toEqual(['gzip', 'gzip']);
    expect(s.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${API_KEY}`, `Bearer ${API_KEY}`]);
  });

  it('`{"*": {"*": true}}` sends everything without waiting; custom rules route by integration and job type', async () => {
    const s = await sink();
    s.setDelay(300);
    const all = transport(s, { async_transport_rules: { '*': { '*': true } } });
    let started = Date.now();
    await all.emit(event());
    await all.emit(event('spark', 'JOB'));
    expect(Date.now() - started).toBeLessThan(200);
    await all.flush(5000);
    expect(s.events).toHaveLength(2);

    const custom = transport(s, { async_transport_rules: { airflow: { dag: true, task: false } } });
    started = Date.now();
    await custom.emit(event('Airflow', 'DAG'));
    expect(Date.now() - started).toBeLessThan(200);
    started = Date.now();
    await custom.emit(event('airflow', 'TASK'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await custom.emit(event('dbt', 'MODEL'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('retries with the configured policy: the blocking path succeeds after 503s, fails with a TransportError after the last retry', async () => {
    const s = await sink();
    const t = transport(s, { retry: { total: 2, backoff_factor: 0.01, status_forcelist: [503] } });
    s.respondWith([503, 503]);
    await t.emit(event('spark'));
    expect(s.requests.map((r) => r.status)).toEqual([503, 503, 200]);

    s.respondWith([503, 503, 503]);
    const error = await t.emit(event('spark')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).status).toBe(503);
    expect((error as Error).message).not.toContain(API_KEY);

    // 500 is not in this status_forcelist: no retry.
    s.respondWith([500]);
    await expect(t.emit(event('spark'))).rejects.toMatchObject({ status: 500 });
    expect(s.requests).toHaveLength(7);
  });

  it('the async path retries too, and counts and reports what it could not deliver', async () => {
    const s = await sink();
    const t = transport(s, { retry: { total: 1, backoff_factor: 0.01 } });
    const failures: string[] = [];
    t.onError((e, info) => failures.push(`${info.runId}: ${e.message}`));
    s.respondWith([502, 200, 503, 503]);
    await t.emit(event('dbt', 'MODEL', 1));
    await t.flush(5000);
    await t.emit(event('dbt', 'MODEL', 2));
    expect(await t.flush(5000)).toBe(false);
    expect(t.stats()).toMatchObject({ success: 1, failed: 1, pending: 0 });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('0190f5a2-7c3e-7d4a-9b1e-2f3a4b5c6d02');
    expect(failures[0]).not.toContain(API_KEY);
  });

  it('client.stats() counts every event once, whichever side sent it', async () => {
    const s = await sink();
    const c = new OpenLineageClient({ transport: transport(s, { retry: { total: 0 } }), logger: captureLogger() });
    await c.emit(event('spark', 'JOB', 1));
    await c.emit(event('dbt', 'MODEL', 2));
    s.respondWith([500]);
    await c.emit(event('spark', 'JOB', 3));
    // A failed delivery since the last flush makes close() report false (the core Transport contract).
    expect(await c.close(5000)).toBe(false);
    expect(c.stats()).toMatchObject({ emitted: 3, success: 2, failed: 1, dropped: 0, pending: 0 });
  });

  it('close covers both sides, is idempotent, and later emits reject', async () => {
    const s = await sink();
    const t = transport(s);
    await t.emit(event('dbt'));
    await t.emit(event('spark'));
    const closing = t.close(5000);
    expect(t.close(5000)).toBe(closing);
    expect(await closing).toBe(true);
    expect(s.events).toHaveLength(2);
    await expect(t.emit(event('spark'))).rejects.toBeInstanceOf(TransportError);
    // Closing before anything routed async never builds the async side.
    const idle = transport(s);
    expect(await idle.close()).toBe(true);
    expect(idle.asyncTransport).toBeUndefined();
  });

  it('printing shows the config with the api key as ***', async () => {
    const s = await sink();
    const t = transport(s);
    for (const text of [inspect(t, { depth: 5 }), JSON.stringify(t)]) {
      expect(text).toContain('datadog');
      expect(text).toContain('***');
      expect(text).not.toContain(API_KEY);
    }
  });
});

describe('configured like the Python client', () => {
  async function project(yaml?: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ol-datadog-'));
    dirs.push(dir);
    if (yaml !== undefined) await writeFile(join(dir, 'openlineage.yml'), yaml);
    return dir;
  }

  it('openlineage.yml with the Python class path; DD_API_KEY from the client env, never from process.env', async () => {
    const s = await sink();
    const dir = await project(
      ['transport:', '  type: openlineage.client.transport.datadog.DatadogTransport', `  site: ${s.url}`, '  timeout: 2', ''].join('\n'),
    );
    const logger = captureLogger();
    const c = await OpenLineageClient.create({
      cwd: packageDir,
      homeDir: dir,
      env: { OPENLINEAGE_CONFIG: join(dir, 'openlineage.yml'), DD_API_KEY: API_KEY },
      logger,
      failOnError: true,
    });
    opened.push(c);
    expect(c.transport.type).toBe('datadog');
    expect(c.transport.config).toMatchObject({ apiKey: API_KEY, site: s.url, url: s.url, timeout: 2 });
    await c.emit(event('spark'));
    expect(s.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(logger.lines.join('\n')).not.toContain(API_KEY);
  });

  it('OPENLINEAGE__TRANSPORT__* variables, rules as JSON; errors name the variable', async () => {
    const s = await sink();
    s.setDelay(300);
    const dir = await project();
    const env = {
      OPENLINEAGE__TRANSPORT__TYPE: 'datadog',
      OPENLINEAGE__TRANSPORT__API_KEY: API_KEY,
      DD_SITE: s.url,
      OPENLINEAGE__TRANSPORT__ASYNC_TRANSPORT_RULES: '{"*": {"*": true}}',
      OPENLINEAGE__TRANSPORT__MAX_QUEUE_SIZE: '10',
    };
    const c = await OpenLineageClient.create({ cwd: packageDir, homeDir: dir, env, logger: captureLogger() });
    opened.push(c);
    expect(c.transport.config).toMatchObject({ site: s.url, maxQueueSize: 10, asyncTransportRules: { '*': { '*': true } } });
    const started = Date.now();
    await c.emit(event());
    expect(Date.now() - started).toBeLessThan(200);
    expect(await c.close(5000)).toBe(true);
    expect(s.events).toHaveLength(1);

    const bad = OpenLineageClient.create({
      cwd: packageDir,
      homeDir: dir,
      env: { ...env, OPENLINEAGE__TRANSPORT__MAX_QUEUE_SIZE: 'lots' },
      logger: captureLogger(),
    });
    await expect(bad).rejects.toThrow(/OPENLINEAGE__TRANSPORT__MAX_QUEUE_SIZE/);
    const noKey = OpenLineageClient.create({ cwd: packageDir, homeDir: dir, env: { OPENLINEAGE__TRANSPORT__TYPE: 'datadog' }, logger: captureLogger() });
    await expect(noKey).rejects.toThrow(/DD_API_KEY/);
  });
});
