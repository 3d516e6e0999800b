import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { type Logger, toJSON } from '@ol/core';
import { transportErrorOf } from '@ol/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clientTokenFor } from './client-token.js';
import { createDataZoneTransport } from './transport.js';
import { DataZoneTransportError } from './errors.js';
import type { DataZoneTransportOptions } from './transport.js';
import { awsError, startDataZoneStub } from './test-datazone-endpoint.js';
import type { DataZoneStub } from './test-datazone-endpoint.js';
import { TEST_CREDENTIALS, datasetEvent, jobEvent, runEvent } from './test-events.js';
import type { DataZoneTransport } from './transport.js';

/** A delivery failure: the transport's own TransportError subclass, carrying the AWS error name and request id. */
async function dataZoneErrorOf(p: Promise<unknown>): Promise<DataZoneTransportError> {
  const err: unknown = await transportErrorOf(p);
  expect(err).toBeInstanceOf(DataZoneTransportError);
  if (!DataZoneTransportError.isInstance(err)) throw new Error(`not a DataZoneTransportError: ${String(err)}`);
  return err;
}

let stub: DataZoneStub;
const open: DataZoneTransport[] = [];

beforeEach(async () => {
  stub = await startDataZoneStub();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close(1000)));
  await stub.close();
});

function transport(extra: Partial<DataZoneTransportOptions> = {}): DataZoneTransport {
  const t = createDataZoneTransport({
    domainId: 'dzd_abc123',
    region: 'eu-west-1',
    endpointOverride: stub.url,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    ...extra,
  });
  open.push(t);
  return t;
}

function capture(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (m: string) => warnings.push(m), error() {}, info() {}, debug() {} };
}

describe('PostLineageEvent through the real AWS SDK', () => {
  it('posts the event JSON, signed, to the domain lineage path with a derived client token', async () => {
    const event = runEvent();
    await transport().emit(event);

    expect(stub.requests).toHaveLength(1);
    const req = stub.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v2/domains/dzd_abc123/lineage/events');
    expect(req.body.toString('utf8')).toBe(toJSON(event));
    expect(JSON.parse(req.body.toString('utf8'))).toEqual(event);
    // The SDK serializes the idempotency token as the Client-Token header (see PostLineageEventInput$ in the SDK's schemas).
    expect(req.headers['client-token']).toBe(clientTokenFor(event));
    expect(req.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDOLTESTEXAMPLE\/\d{8}\/eu-west-1\/datazone\/aws4_request, SignedHeaders=[a-z0-9;-]*client-token[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(req.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(JSON.stringify(req.headers)).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });

  it('reuses the client token on SDK retries, so a retried event cannot be stored twice', async () => {
    stub.respondWith(awsError(500, 'InternalServerException', 'try again', 'req-500'));
    const t = transport({ maxAttempts: 2 });
    await t.emit(runEvent());
    expect(stub.requests).toHaveLength(2);
    expect(stub.requests[0]!.headers['client-token']).toBe(stub.requests[1]!.headers['client-token']);
    expect(t.stats()).toEqual({ pending: 0, success: 1, failed: 0, dropped: 0 });
  });

  it('gives different run-state transitions different tokens', async () => {
    const t = transport();
    await t.emit(runEvent({ eventType: 'START' }));
    await t.emit(runEvent({ eventType: 'COMPLETE' }));
    await t.emit(runEvent({ eventType: 'COMPLETE', eventTime: '2026-01-02T03:04:06.000Z' }));
    const tokens = new Set(stub.requests.map((r) => r.headers['client-token']));
    expect(tokens.size).toBe(3);
  });

  it('takes credentials from the default chain (environment variables)', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, key: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFROMENVIRONMENT';
    process.env.AWS_SECRET_ACCESS_KEY = 'envSecretKeyThatMustNotLeak';
    try {
      const t = transport({ credentials: undefined });
      await t.emit(runEvent());
      expect(stub.requests[0]!.headers.authorization).toContain('Credential=AKIDFROMENVIRONMENT/');
    } finally {
      restore('AWS_ACCESS_KEY_ID', saved.id);
      restore('AWS_SECRET_ACCESS_KEY', saved.key);
    }
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe('AWS errors become TransportErrors', () => {
  const cases = [
    { status: 400, type: 'ValidationException', retryable: false },
    { status: 429, type: 'ThrottlingException', retryable: true },
    { status: 403, type: 'AccessDeniedException', retryable: false },
    { status: 409, type: 'ConflictException', retryable: false },
    { status: 503, type: 'InternalServerException', retryable: true },
  ];
  for (const c of cases) {
    it(`${c.status} ${c.type} → awsErrorName, requestId, retryable=${c.retryable}`, async () => {
      stub.respondWith(awsError(c.status, c.type, `stub says ${c.type}`, `rid-${c.status}`));
      const t = transport();
      const err = await dataZoneErrorOf(t.emit(runEvent()));
      expect(err.transport).toBe('amazon_datazone_api');
      expect(err.awsErrorName).toBe(c.type);
      expect(err.requestId).toBe(`rid-${c.status}`);
      expect(err.status).toBe(c.status);
      expect(err.retryable).toBe(c.retryable);
      expect(err.message).toContain(c.type);
      expect(err.message).toContain('dzd_abc123');
      expect(err.message).toContain(`stub says ${c.type}`);
      for (const text of [err.message, inspect(err, { depth: 6 }), JSON.stringify(err)]) {
        expect(text).not.toContain(TEST_CREDENTIALS.secretAccessKey);
      }
      expect(t.stats()).toEqual({ pending: 0, success: 0, failed: 0, dropped: 0 });
    });
  }

  it('names the IAM permission when access is denied', async () => {
    stub.respondWith(awsError(403, 'AccessDeniedException', 'not allowed', 'rid-403'));
    const err = await dataZoneErrorOf(transport().emit(runEvent()));
    expect(err.message).toContain('datazone:PostLineageEvent');
  });

  it('counts the attempts the SDK made before giving up', async () => {
    stub.respondWith(awsError(429, 'ThrottlingException', 'slow down', 'rid-a'), awsError(429, 'ThrottlingException', 'slow down', 'rid-b'));
    const err = await dataZoneErrorOf(transport({ maxAttempts: 2 }).emit(runEvent()));
    expect(stub.requests).toHaveLength(2);
    expect(err.attempts).toBe(2);
    expect(err.requestId).toBe('rid-b');
  });

  it('an unreachable endpoint is a retryable TransportError without an AWS name', async () => {
    const url = stub.url;
    await stub.close();
    const t = createDataZoneTransport({ domainId: 'dzd_abc123', region: 'eu-west-1', endpointOverride: url, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    open.push(t);
    stub = await startDataZoneStub();
    const err = await dataZoneErrorOf(t.emit(runEvent()));
    expect(err.retryable).toBe(true);
    expect(err.awsErrorName).toBeUndefined();
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('an endpoint that never answers fails within the configured timeout, as a retryable error', async () => {
    const silent = createServer(() => {
      // Never answers: a hung peer.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const t = transport({ endpointOverride: `http://127.0.0.1:${port}`, timeout: 0.3 });
      const err = await dataZoneErrorOf(t.emit(runEvent()));
      expect(err.retryable).toBe(true);
      expect(err.awsErrorName).toBeUndefined();
      expect(err.message).toMatch(/timeout/i);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('without any region, says how to set one', async () => {
    vi.stubEnv('AWS_REGION', undefined);
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/ol-test-aws-config');
    vi.stubEnv('AWS_PROFILE', undefined);
    try {
      const err = await transportErrorOf(transport({ region: undefined }).emit(runEvent()));
      expect(err.retryable).toBe(false);
      expect(err.message).toMatch(/region/i);
      expect(err.message).toContain('AWS_REGION');
      expect(stub.requests).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('what DataZone cannot take', () => {
  it('skips job and dataset events, counts them as dropped and warns once per kind', async () => {
    const logger = capture();
    const t = transport({ logger });
    await t.emit(jobEvent());
    await t.emit(jobEvent());
    await t.emit(datasetEvent());
    await t.emit(datasetEvent());
    expect(stub.requests).toHaveLength(0);
    expect(t.stats()).toEqual({ pending: 0, success: 0, failed: 0, dropped: 4 });
    expect(logger.warnings).toHaveLength(2);
    expect(logger.warnings[0]).toContain('JobEvent');
    expect(logger.warnings[1]).toContain('DatasetEvent');
  });

  it('rejects an event over 300,000 bytes before calling AWS, naming its size and largest facets', async () => {
    const big = { _producer: 'p', _schemaURL: 'https://example.com/Big.json#/$defs/Big', blob: 'x'.repeat(250_000) };
    const medium = { _producer: 'p', _schemaURL: 'https://example.com/M.json#/$defs/M', blob: 'y'.repeat(60_000) };
    const event = runEvent({
      run: { runId: '01932f4e-8c5a-7b3e-9f10-1234567890ab', facets: { spark_logicalPlan: big } },
      job: { namespace: 'etl', name: 'daily_orders', facets: { sql: medium } },
    });
    const size = Buffer.byteLength(toJSON(event));
    const t = transport();
    const err = await transportErrorOf(t.emit(event));
    expect(stub.requests).toHaveLength(0);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(`${size} bytes`);
    expect(err.message).toContain('300000');
    expect(err.message).toMatch(/\/run\/facets\/spark_logicalPlan \(\d+ bytes\), \/job\/facets\/sql/);
  });

  it('sends an event just under the limit', async () => {
    const event = runEvent();
    const base = Buffer.byteLength(toJSON({ ...event, run: { ...event.run, facets: { pad: { _producer: 'p', _schemaURL: 's', v: '' } } } }));
    const padded = { ...event, run: { ...event.run, facets: { pad: { _producer: 'p', _schemaURL: 's', v: 'z'.repeat(300_000 - base) } } } };
    expect(Buffer.byteLength(toJSON(padded))).toBe(300_000);
    await transport().emit(padded);
    expect(stub.requests[0]!.body.length).toBe(300_000);
  });
});

describe('lifecycle', () => {
  it('close waits for emits under way, destroys the client, and is idempotent', async () => {
    const t = transport();
    const pending = t.emit(runEvent());
    expect(t.stats().pending).toBe(1);
    expect(await t.close(5000)).toBe(true);
    await pending;
    expect(await t.close()).toBe(true);
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(err.message).toContain('closed');
    expect(stub.requests).toHaveLength(1);
  });

  // Issue 19: one definition of flush()/close() for every transport (see @ol/delivery's README).
  it('flush is false after a failed emit since the previous flush, true again after; skipped non-run events do not count', async () => {
    const t = transport();
    stub.respondWith(awsError(403, 'AccessDeniedException', 'not allowed', 'rid-403'));
    await expect(t.emit(runEvent())).rejects.toThrow(/not allowed/);
    expect(await t.flush()).toBe(false);
    expect(await t.flush()).toBe(true);
    await t.emit({
      eventTime: new Date().toISOString(),
      producer: 'p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
      job: { namespace: 'n', name: 'j' },
    });
    await t.emit(runEvent());
    expect(await t.flush()).toBe(true);
  });

  it('the normalized config carries no credentials', () => {
    const t = transport();
    expect(t.config).toEqual({ domainId: 'dzd_abc123', region: 'eu-west-1', endpointOverride: stub.url, maxAttempts: 1, timeout: 10 });
    expect(inspect(t.config)).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });
});
