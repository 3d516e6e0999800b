import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { ConfigError, type Logger, OpenLineageClient, type OpenLineageEvent, type RunEvent, TransportError } from '@ol/core';
import { freePort } from '@ol/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGcpLineageTransport, type CreateGcpLineageTransportOptions, type GcpLineageTransport } from './index.js';
import { fakeServiceAccount, startLineageEndpoint, type FakeServiceAccount, type LineageEndpoint } from './test-lineage-endpoint.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PARENT = 'projects/lineage-test-project/locations/europe-west1';

let dir: string;
let account: FakeServiceAccount;
let endpoint: LineageEndpoint;
const opened: { close(t?: number): Promise<boolean> }[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ol-gcp-'));
  account = fakeServiceAccount(dir);
  endpoint = await startLineageEndpoint(account);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close(2000)));
  await endpoint.close();
  await rm(dir, { recursive: true, force: true });
});

function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

function transport(options: Partial<CreateGcpLineageTransportOptions> = {}): GcpLineageTransport {
  const t = createGcpLineageTransport({
    project_id: 'lineage-test-project',
    location: 'europe-west1',
    credentials_path: account.file,
    api_endpoint: endpoint.url,
    env: {},
    keepProcessAlive: false,
    timeout: 5,
    ...options,
  });
  opened.push(t);
  return t;
}

function event(integration?: string, n = 0, eventType: RunEvent['eventType'] = 'START'): RunEvent {
  return {
    eventType,
    eventTime: '2026-01-01T00:00:00.000Z',
    producer: 'https://example.com/test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: {
      runId: `0190f5a2-7c3e-7d4a-9b1e-2f3a4b5c6d${String(n).padStart(2, '0')}`,
      facets: { nominalTime: { _producer: 'p', _schemaURL: 's', nominalStartTime: '2026-01-01T00:00:00Z' } },
    },
    job: {
      namespace: 'ns',
      name: 'job',
      ...(integration !== undefined && { facets: { jobType: { _producer: 'p', _schemaURL: 's', processingType: 'BATCH', integration, jobType: 'MODEL' } } }),
    },
    inputs: [{ namespace: 'bigquery', name: 'p.d.in', facets: {} }],
    outputs: [],
  };
}

describe('gcplineage transport: the real @google-cloud/lineage against a loopback Data Lineage endpoint', () => {
  it('sends the event as ProcessOpenLineageRunEvent under projects/<id>/locations/<location>, signed with the service-account key', async () => {
    const t = transport();
    await t.emit(event('spark'));
    expect(endpoint.requests).toHaveLength(1);
    const req = endpoint.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.parent).toBe(PARENT);
    // The event arrives as the JSON it was: the Struct conversion round-trips, null-free.
    expect(req.body).toEqual(JSON.parse(JSON.stringify(event('spark'))));
    expect(req.query.get('requestId')).toMatch(/^[0-9a-f-]{36}$/);
    // The library signed its own JWT with the key from credentials_path; no token endpoint was needed.
    expect(req.claims).toMatchObject({ iss: account.clientEmail, scope: 'https://www.googleapis.com/auth/cloud-platform' });
    expect(req.headers['x-goog-request-params']).toContain(encodeURIComponent(PARENT));
  });

  it('job and dataset events are skipped, counted as dropped and warned about once per kind', async () => {
    const logger = captureLogger();
    const t = transport({ logger });
    const job = {
      eventTime: 't',
      producer: 'p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
      job: { namespace: 'n', name: 'j' },
    } as OpenLineageEvent;
    const dataset = {
      eventTime: 't',
      producer: 'p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: 'n', name: 'd' },
    } as OpenLineageEvent;
    for (const e of [job, job, dataset]) await t.emit(e);
    expect(endpoint.requests).toHaveLength(0);
    expect(t.stats().dropped).toBe(3);
    expect(logger.lines.filter((l) => l.includes('accepts only RunEvents'))).toHaveLength(2);
  });

  it('a dbt event returns before a slow endpoint answers (default rules); other events wait; order within a run is kept', async () => {
    endpoint.setDelay(400);
    const t = transport();
    let started = Date.now();
    await t.emit(event('spark', 1));
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    started = Date.now();
    await t.emit(event('dbt', 2, 'START'));
    await t.emit(event('DBT', 2, 'COMPLETE'));
    expect(Date.now() - started).toBeLessThan(200);
    expect(t.stats().pending).toBe(2);
    expect(await t.flush(5000)).toBe(true);
    expect(t.stats()).toMatchObject({ pending: 0, success: 3, failed: 0 });
    expect(endpoint.events.map((e) => (e as RunEvent).eventType)).toEqual(['START', 'START', 'COMPLETE']);
  });

  it('Google errors become TransportErrors with the Google status, HTTP status and retryable', async () => {
    const t = transport();
    endpoint.respondWith([{ status: 403, googleStatus: 'PERMISSION_DENIED', message: 'Permission denied on resource project' }]);
    const denied = await t.emit(event('spark')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(denied).toBeInstanceOf(TransportError);
    expect(denied).toMatchObject({ transport: 'gcplineage', status: 403, retryable: false });
    expect((denied as Error).message).toContain('PERMISSION_DENIED (7)');
    expect((denied as Error).message).toContain(PARENT);
    expect((denied as Error).message).toContain('roles/datalineage.producer');

    endpoint.respondWith([{ status: 429, googleStatus: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded' }]);
    await expect(t.emit(event('spark'))).rejects.toMatchObject({ status: 429, retryable: true, message: expect.stringContaining('RESOURCE_EXHAUSTED (8)') });

    endpoint.respondWith([{ status: 400, googleStatus: 'INVALID_ARGUMENT', message: 'bad event' }]);
    await expect(t.emit(event('spark'))).rejects.toMatchObject({ status: 400, retryable: false });
  });

  it('credentials never appear in errors or logs: no Authorization header, no key material', async () => {
    const logger = captureLogger();
    const t = transport({ logger });
    endpoint.respondWith([
      { status: 500, googleStatus: 'INTERNAL', message: 'boom' },
      { status: 503, googleStatus: 'UNAVAILABLE', message: 'down' },
    ]);
    const error = await t.emit(event('spark')).then(
      () => undefined,
      (e: unknown) => e,
    );
    await t.emit(event('dbt'));
    await t.flush(5000);
    const texts = [inspect(error, { depth: 10 }), JSON.stringify(error), logger.lines.join('\n')];
    const pemBody = account.privateKeyPem.split('\n')[1]!;
    for (const text of texts) {
      expect(text).not.toMatch(/Bearer ey/);
      expect(text).not.toContain(pemBody);
    }
    expect(logger.lines.join('\n')).toMatch(/could not deliver a START event of run/);
  });

  it('an unauthenticated call (a key the endpoint does not know) is UNAUTHENTICATED, not retryable', async () => {
    const other = fakeServiceAccount(await mkdtemp(join(tmpdir(), 'ol-gcp-other-')));
    const t = transport({ credentials_path: other.file });
    await expect(t.emit(event('spark'))).rejects.toMatchObject({ status: 401, retryable: false, message: expect.stringContaining('UNAUTHENTICATED (16)') });
    await rm(dirname(other.file), { recursive: true, force: true });
  });

  it('a dead endpoint and a hanging one fail within `timeout`; background failures are counted and reported', async () => {
    const port = await freePort();
    const dead = transport({ api_endpoint: `http://127.0.0.1:${port}`, timeout: 1 });
    const started = Date.now();
    await expect(dead.emit(event('spark'))).rejects.toMatchObject({ retryable: true });
    const reported: string[] = [];
    dead.onError((e, info) => reported.push(`${info.eventType} ${info.runId}: ${e.message}`));
    await dead.emit(event('dbt', 3));
    expect(await dead.flush(5000)).toBe(false);
    expect(dead.stats()).toMatchObject({ failed: 1, pending: 0 });
    expect(reported[0]).toMatch(/^START 0190f5a2-7c3e-7d4a-9b1e-2f3a4b5c6d03: GCP Lineage/);
    expect(Date.now() - started).toBeLessThan(4000);

    endpoint.setDelay(5000);
    const slow = transport({ timeout: 0.5 });
    const t0 = Date.now();
    const hung = await slow.emit(event('spark')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(hung).toMatchObject({ retryable: true, message: expect.stringContaining('DEADLINE_EXCEEDED (4)') });
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('client.stats() counts every event once, whichever way it was sent', async () => {
    const c = new OpenLineageClient({ transport: transport(), logger: captureLogger() });
    await c.emit(event('spark', 1));
    await c.emit(event('dbt', 2));
    endpoint.respondWith([{ status: 403, googleStatus: 'PERMISSION_DENIED' }]);
    await c.emit(event('spark', 3));
    // Transport contract: a failure since the previous flush makes flush/close false ("true" means delivered).
    expect(await c.close(5000)).toBe(false);
    expect(c.stats()).toMatchObject({ emitted: 3, success: 2, failed: 1, dropped: 0, pending: 0 });
  });

  it('close drains, is idempotent, rejects later emits; printing shows the credentials path as ***', async () => {
    const t = transport();
    await t.emit(event('dbt', 1));
    const closing = t.close(5000);
    expect(t.close(5000)).toBe(closing);
    expect(await closing).toBe(true);
    expect(endpoint.events).toHaveLength(1);
    await expect(t.emit(event('spark'))).rejects.toBeInstanceOf(TransportError);
    for (const text of [inspect(t, { depth: 5 }), JSON.stringify(t)]) {
      expect(text).toContain('gcplineage');
      expect(text).toContain('lineage-test-project');
      expect(text).not.toContain(account.file);
    }
  });

  it('an unreadable credentials file is a ConfigError at creation, naming where the path came from', () => {
    const missing = join(dir, 'missing.json');
    expect(() => createGcpLineageTransport({ project_id: 'lineage-test-project', credentials_path: missing })).toThrow(ConfigError);
    expect(() => createGcpLineageTransport({ project_id: 'lineage-test-project', credentials_path: missing })).toThrow(
      'at transport.credentials_path (from code)',
    );
    const fromEnv = () => createGcpLineageTransport({ project_id: 'lineage-test-project', env: { GOOGLE_APPLICATION_CREDENTIALS: missing } });
    expect(fromEnv).toThrow(ConfigError);
    expect(fromEnv).toThrow(`at GOOGLE_APPLICATION_CREDENTIALS (from GOOGLE_APPLICATION_CREDENTIALS): expected a readable Google credentials JSON file`);
    expect(fromEnv).not.toThrow(/credentials_path/);
  });
});

describe('configured like the Python client', () => {
  it('openlineage.yml with the Python class path and a relative credentials_path', async () => {
    await writeFile(
      join(dir, 'openlineage.yml'),
      [
        'transport:',
        '  type: openlineage.client.transport.gcplineage.GCPLineageTransport',
        '  project_id: lineage-test-project',
        '  location: europe-west1',
        '  credentials_path: service-account.json',
        `  api_endpoint: ${endpoint.url}`,
        '',
      ].join('\n'),
    );
    const c = await OpenLineageClient.create({
      cwd: packageDir,
      homeDir: dir,
      env: { OPENLINEAGE_CONFIG: join(dir, 'openlineage.yml') },
      logger: captureLogger(),
      failOnError: true,
    });
    opened.push(c);
    expect(c.transport.type).toBe('gcplineage');
    expect(c.transport.config).toMatchObject({ projectId: 'lineage-test-project', location: 'europe-west1', credentialsPath: account.file, timeout: 30 });
    await c.emit(event('spark'));
    expect(endpoint.events).toHaveLength(1);
  });

  it('OPENLINEAGE__TRANSPORT__* variables and GOOGLE_APPLICATION_CREDENTIALS from the client env', async () => {
    const env = {
      OPENLINEAGE__TRANSPORT__TYPE: 'gcplineage',
      OPENLINEAGE__TRANSPORT__PROJECT_ID: 'lineage-test-project',
      OPENLINEAGE__TRANSPORT__API_ENDPOINT: endpoint.url,
      GOOGLE_APPLICATION_CREDENTIALS: account.file,
    };
    const c = await OpenLineageClient.create({ cwd: packageDir, homeDir: dir, env, logger: captureLogger(), failOnError: true });
    opened.push(c);
    expect(c.transport.config).toMatchObject({ location: 'us-central1', keyFileFrom: 'GOOGLE_APPLICATION_CREDENTIALS' });
    await c.emit(event('spark'));
    expect(endpoint.requests[0]!.parent).toBe('projects/lineage-test-project/locations/us-central1');
    await expect(
      OpenLineageClient.create({ cwd: packageDir, homeDir: dir, env: { OPENLINEAGE__TRANSPORT__TYPE: 'gcplineage' }, logger: captureLogger() }),
    ).rejects.toThrow(/transport\.project_id/);
  });
});
