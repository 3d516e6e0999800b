import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { OpenLineageClient, toJSON, TransportError } from '@ol/core';
import { freePort, s3Error, startS3Peer, testDatasetEvent, testJobEvent, testRunEvent, transportErrorOf, transportFromConfig } from '@ol/test-kit';
import type { S3Peer } from '@ol/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createS3Transport } from './descriptor.js';
import type { CreateS3TransportOptions } from './descriptor.js';
import { S3TransportError } from './errors.js';
import { TEST_CREDENTIALS, loopbackAgent, s3ErrorOf } from './test-util.js';
import type { S3Transport } from './transport.js';

const MILLIS = Date.parse('2024-01-01T00:00:00.000Z');
let peer: S3Peer;
const open: { close(ms?: number): Promise<boolean> }[] = [];

beforeEach(async () => {
  peer = await startS3Peer({ buckets: ['lineage'] });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close(1000)));
  await peer.close();
});

function transport(extra: Partial<CreateS3TransportOptions> = {}): S3Transport {
  const t = createS3Transport({ bucketName: 'lineage', endpoint: peer.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 1, ...extra });
  open.push(t);
  return t;
}

describe('PutObject through the real AWS SDK', () => {
  it('stores each event as <prefix>_<eventTime millis>.json, path-style, signed, with the JSON body', async () => {
    const event = testRunEvent('orders');
    await transport({ fileNamePrefix: 'lineage/events' }).emit(event);
    const obj = peer.objects.get(`lineage/lineage/events_${MILLIS}.json`);
    expect(obj).toBeDefined();
    expect(obj!.addressing).toBe('path');
    expect(obj!.contentType).toBe('application/json');
    expect(obj!.body.toString('utf8')).toBe(toJSON(event));
    const req = peer.requests[0]!;
    expect(req.method).toBe('PUT');
    expect(req.path).toBe(`/lineage/lineage/events_${MILLIS}.json`);
    expect(req.headers['if-none-match']).toBe('*');
    expect(req.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDOLTESTEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=\S*if-none-match/,
    );
    expect(JSON.stringify(req.headers)).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });

  it('names objects as Java does for no prefix, a file prefix and a directory prefix', async () => {
    await transport().emit(testRunEvent());
    await transport({ fileNamePrefix: 'event' }).emit(testRunEvent());
    await transport({ fileNamePrefix: 'some/path/' }).emit(testRunEvent());
    expect([...peer.objects.keys()]).toEqual([`lineage/${MILLIS}.json`, `lineage/event_${MILLIS}.json`, `lineage/some/path/${MILLIS}.json`]);
  });

  it('addresses the bucket virtual-hosted (bucket.localhost) when forcePathStyle is false', async () => {
    const t = transport({ endpoint: `http://localhost:${peer.port}`, forcePathStyle: false, clientConfig: { requestHandler: { httpAgent: loopbackAgent() } } });
    await t.emit(testJobEvent());
    const req = peer.requests[0]!;
    expect(req.headers.host).toBe(`lineage.localhost:${peer.port}`);
    expect(req.path).toBe(`/${MILLIS}.json`);
    expect(peer.objects.get(`lineage/${MILLIS}.json`)?.addressing).toBe('virtual-hosted');
  });

  it('keeps every event of the same millisecond: a taken name gets _1, _2 … (If-None-Match, 412)', async () => {
    const t = transport({ fileNamePrefix: 'x' });
    const events = [testRunEvent('a'), testRunEvent('b'), testRunEvent('c')];
    await Promise.all(events.map((e) => t.emit(e)));
    const keys = [...peer.objects.keys()].sort();
    expect(keys).toEqual([`lineage/x_${MILLIS}.json`, `lineage/x_${MILLIS}_1.json`, `lineage/x_${MILLIS}_2.json`]);
    const names = keys.map((k) => (JSON.parse(peer.objects.get(k)!.body.toString()) as { job: { name: string } }).job.name).sort();
    expect(names).toEqual(['a', 'b', 'c']);
    expect(t.stats()).toEqual({ pending: 0, success: 3, failed: 0, dropped: 0 });
  });

  it('never overwrites an object another writer stored (an earlier process, Java)', async () => {
    await transport().emit(testDatasetEvent('first'));
    await transport().emit(testDatasetEvent('second'));
    expect(JSON.parse(peer.objects.get(`lineage/${MILLIS}.json`)!.body.toString()).dataset.name).toBe('first');
    expect(JSON.parse(peer.objects.get(`lineage/${MILLIS}_1.json`)!.body.toString()).dataset.name).toBe('second');
  });

  it('moves on to the next name on 409 ConditionalRequestConflict (a concurrent conditional write)', async () => {
    peer.respondWith(s3Error(409, 'ConditionalRequestConflict', 'A conflicting conditional operation is in progress'));
    await transport().emit(testRunEvent());
    expect([...peer.objects.keys()]).toEqual([`lineage/${MILLIS}_1.json`]);
  });
});

describe('errors', () => {
  it('NoSuchBucket: S3TransportError with code, request ids, not retryable, a hint', async () => {
    const e = await s3ErrorOf(transport({ bucketName: 'missing' }).emit(testRunEvent()));
    expect(e.code).toBe('NoSuchBucket');
    expect(e.status).toBe(404);
    expect(e.requestId).toMatch(/^[0-9A-F]{16}$/);
    expect(e.extendedRequestId).toBe(`host-${e.requestId}`);
    expect(e.retryable).toBe(false);
    expect(e.bucket).toBe('missing');
    expect(e.key).toBe(`${MILLIS}.json`);
    expect(e.message).toContain('s3://missing/');
    expect(e.message).toContain('create the bucket');
    expect(S3TransportError.isInstance(e)).toBe(true);
  });

  it('SlowDown after the SDK retries: retryable, with the attempts made', async () => {
    peer.respondWith(s3Error(503, 'SlowDown', 'Reduce your request rate'), s3Error(503, 'SlowDown', 'Reduce your request rate'));
    const e = await s3ErrorOf(transport({ maxAttempts: 2 }).emit(testRunEvent()));
    expect(e.code).toBe('SlowDown');
    expect(e.retryable).toBe(true);
    expect(e.attempts).toBe(2);
    expect(peer.requests).toHaveLength(2);
  });

  it('the SDK retries a 500 by itself and the event is stored', async () => {
    peer.respondWith(s3Error(500, 'InternalError', 'We encountered an internal error'));
    const t = transport({ maxAttempts: 2 });
    await t.emit(testRunEvent());
    expect(peer.objects.size).toBe(1);
  });

  it('NotImplemented (a store without conditional writes) explains why the header is needed', async () => {
    peer.respondWith(s3Error(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented'));
    const e = await s3ErrorOf(transport().emit(testRunEvent()));
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('If-None-Match');
  });

  it('an event whose eventTime is not a date is rejected before any request', async () => {
    const e = await transportErrorOf(transport().emit({ ...testRunEvent(), eventTime: 'yesterday' }));
    expect(e.message).toContain('"yesterday" is not a date');
    expect(peer.requests).toHaveLength(0);
  });

  it('a dead endpoint fails within the timeout as a retryable error, and the client process lives on', async () => {
    const port = await freePort();
    const t = transport({ endpoint: `http://127.0.0.1:${port}`, timeout: 1 });
    const e = await s3ErrorOf(t.emit(testRunEvent()));
    expect(e.retryable).toBe(true);
    expect(e.code).toBe('ECONNREFUSED');
  });

  it('a hung peer is cut off by the request timeout', async () => {
    peer.respondWith({ status: 200, delayMs: 5000 });
    const started = Date.now();
    const e = await transportErrorOf(transport({ timeout: 0.3 }).emit(testRunEvent()));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(e.retryable).toBe(true);
  });

  it('never shows the secret key in errors, inspect or JSON', async () => {
    const t = transport({ bucketName: 'missing', credentials: TEST_CREDENTIALS });
    const e = await transportErrorOf(t.emit(testRunEvent()));
    expect(`${e.message} ${inspect(e)} ${inspect(t)} ${JSON.stringify(t)}`).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });

  it('rejects emits after close and close is idempotent', async () => {
    const t = transport();
    await t.emit(testRunEvent());
    expect(await t.close(1000)).toBe(true);
    expect(await t.close(1000)).toBe(true);
    const e = await transportErrorOf(t.emit(testRunEvent()));
    expect(TransportError.isInstance(e)).toBe(true);
    expect(e.message).toContain('closed');
  });

  it('close waits for uploads under way, up to its timeout', async () => {
    peer.respondWith({ status: 200, delayMs: 300, headers: { etag: '"x"' } });
    const t = transport({ timeout: 5 });
    const p = t.emit(testRunEvent());
    expect(t.stats().pending).toBe(1);
    expect(await t.close(2000)).toBe(true);
    await p;
  });
});

describe('through the registry and the client', () => {
  // An application directory inside this package: core's lazy import of @ol/transport-s3 then
  // resolves through the package's self-reference (its built dist), as from a user's node_modules.
  const pkgDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  let appParent: string;
  beforeEach(() => {
    appParent = fs.mkdtempSync(path.join(pkgDir, '.test-app-'));
  });
  afterEach(() => fs.rmSync(appParent, { recursive: true, force: true }));

  it('type s3 from openlineage.yml with env credentials, and the Java class name as type', async () => {
    const env = { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      for (const type of ['s3', 'io.openlineage.client.transports.s3.S3Transport']) {
        const t = await transportFromConfig(appParent, {
          yaml: `transport:\n  type: ${type}\n  bucket_name: lineage\n  endpoint: ${peer.url}\n  file_name_prefix: ${type === 's3' ? 'short' : 'java'}/\n`,
        });
        open.push(t);
        expect(t.type).toBe('s3');
        const client = new OpenLineageClient({ transport: t, failOnError: true });
        await client.emit(testRunEvent());
      }
    } finally {
      process.env = saved;
    }
    expect([...peer.objects.keys()].sort()).toEqual([`lineage/java/${MILLIS}.json`, `lineage/short/${MILLIS}.json`]);
  });
});

describe('flush', () => {
  it('is false after a failed upload since the previous flush, true again afterwards', async () => {
    const t = transport();
    await transportErrorOf(t.emit({ ...testRunEvent(), eventTime: 'never' }));
    expect(await t.flush(1000)).toBe(false);
    expect(await t.flush(1000)).toBe(true);
    await t.emit(testRunEvent());
    expect(await t.flush(1000)).toBe(true);
  });
});
