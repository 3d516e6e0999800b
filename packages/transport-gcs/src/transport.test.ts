import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { OpenLineageClient, toJSON } from '@ol/core';
import { freePort, gcsError, startGcsPeer, testDatasetEvent, testJobEvent, testRunEvent, transportErrorOf, transportFromConfig } from '@ol/test-kit';
import type { GcsPeer } from '@ol/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGcsTransport } from './descriptor.js';
import type { CreateGcsTransportOptions } from './descriptor.js';
import { GcsTransportError } from './errors.js';
import type { GcsTransport } from './transport.js';

const MILLIS = Date.parse('2024-01-01T00:00:00.000Z');
let peer: GcsPeer;
const open: { close(ms?: number): Promise<boolean> }[] = [];

beforeEach(async () => {
  peer = await startGcsPeer({ buckets: ['lineage'] });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close(1000)));
  await peer.close();
});

// No Google credentials anywhere: with apiEndpoint set, the library sends requests unauthenticated
// (its emulator mode, useAuthWithCustomEndpoint false), so tests need no key file or metadata server.
function transport(extra: Partial<CreateGcsTransportOptions> = {}): GcsTransport {
  const t = createGcsTransport({ bucketName: 'lineage', apiEndpoint: peer.url, projectId: 'test-project', maxRetries: 1, ...extra });
  open.push(t);
  return t;
}

async function gcsErrorOf(p: Promise<unknown>): Promise<GcsTransportError> {
  const e = await transportErrorOf(p);
  if (!(e instanceof GcsTransportError)) throw new Error(`expected a GcsTransportError, got ${e.name}: ${e.message}`);
  return e;
}

const nameOf = (o: { body: Buffer }) => (JSON.parse(o.body.toString('utf8')) as { job: { name: string } }).job.name;

describe('uploads through the real @google-cloud/storage', () => {
  it('one multipart upload per event: <prefix>_<millis>.json, JSON body, application/json, ifGenerationMatch=0, no credentials', async () => {
    const event = testRunEvent('orders');
    await transport({ fileNamePrefix: 'lineage/events' }).emit(event);
    expect(peer.requests).toHaveLength(1);
    const req = peer.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/upload/storage/v1/b/lineage/o');
    expect(req.query.get('uploadType')).toBe('multipart');
    expect(req.query.get('ifGenerationMatch')).toBe('0');
    expect(req.headers.authorization).toBeUndefined();
    const obj = peer.objects.get(`lineage/lineage/events_${MILLIS}.json`)!;
    expect(obj.body.toString('utf8')).toBe(toJSON(event));
    expect(obj.metadata.contentType).toBe('application/json');
  });

  it('names objects as Java does for no prefix, a file prefix and a directory prefix; all event kinds', async () => {
    await transport().emit(testRunEvent());
    await transport({ fileNamePrefix: 'event' }).emit(testJobEvent());
    await transport({ fileNamePrefix: 'some/path/' }).emit(testDatasetEvent());
    expect([...peer.objects.keys()]).toEqual([`lineage/${MILLIS}.json`, `lineage/event_${MILLIS}.json`, `lineage/some/path/${MILLIS}.json`]);
  });

  it('keeps every event of the same millisecond: on 412 the next name _1, _2 … is used', async () => {
    const t = transport({ fileNamePrefix: 'x' });
    await Promise.all(['a', 'b', 'c'].map((n) => t.emit(testRunEvent(n))));
    const keys = [...peer.objects.keys()].sort();
    expect(keys).toEqual([`lineage/x_${MILLIS}.json`, `lineage/x_${MILLIS}_1.json`, `lineage/x_${MILLIS}_2.json`]);
    expect(keys.map((k) => nameOf(peer.objects.get(k)!)).sort()).toEqual(['a', 'b', 'c']);
    expect(t.stats()).toEqual({ pending: 0, success: 3, failed: 0, dropped: 0 });
  });

  it('the library retries a 503 on the same name (the precondition makes that safe)', async () => {
    peer.respondWith(gcsError(503, 'backendError', 'Backend Error'));
    await transport({ maxRetries: 2, retryIntervalMillis: 10 }).emit(testRunEvent());
    expect(peer.requests.map((r) => r.query.get('name'))).toEqual([`${MILLIS}.json`, `${MILLIS}.json`]);
    expect(peer.objects.size).toBe(1);
  });
});

describe('errors', () => {
  it('a missing bucket: GcsTransportError with reason, status, not retryable, a hint', async () => {
    const e = await gcsErrorOf(transport({ bucketName: 'missing' }).emit(testRunEvent()));
    expect(e.reason).toBe('notFound');
    expect(e.status).toBe(404);
    expect(e.retryable).toBe(false);
    expect(e.bucket).toBe('missing');
    expect(e.objectName).toBe(`${MILLIS}.json`);
    expect(e.message).toContain(`gs://missing/${MILLIS}.json`);
    expect(e.message).toContain('create the bucket');
  });

  it('rate limiting after the retries are used up is retryable', async () => {
    peer.respondWith(gcsError(429, 'rateLimitExceeded', 'slow down'), gcsError(429, 'rateLimitExceeded', 'slow down'));
    const e = await gcsErrorOf(transport({ maxRetries: 2, retryIntervalMillis: 10 }).emit(testRunEvent()));
    expect(e.reason).toBe('rateLimitExceeded');
    expect(e.retryable).toBe(true);
    expect(peer.requests).toHaveLength(2);
  });

  it('a stored object whose checksum differs from what was sent is an error (the library checks CRC32C)', async () => {
    peer.respondWith({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', bucket: 'lineage', crc32c: 'AAAAAA==' }),
    });
    const e = await gcsErrorOf(transport().emit(testRunEvent()));
    expect(e.message).toMatch(/FILE_NO_UPLOAD|mismatch/i);
  });

  it('a dead endpoint fails fast as retryable, a hung one after the timeout', async () => {
    const dead = await gcsErrorOf(transport({ apiEndpoint: `http://127.0.0.1:${await freePort()}` }).emit(testRunEvent()));
    expect(dead.retryable).toBe(true);
    expect(dead.reason).toBe('ECONNREFUSED');
    peer.respondWith({ status: 200, delayMs: 5000 });
    const started = Date.now();
    const hung = await gcsErrorOf(transport({ timeout: 0.3 }).emit(testRunEvent()));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(hung.retryable).toBe(true);
  });

  it('a private key given in code never shows in errors or when the transport is printed', async () => {
    const privateKey = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC\n-----END PRIVATE KEY-----\n';
    const t = transport({ bucketName: 'missing', storageOptions: { credentials: { client_email: 'x@y.iam.gserviceaccount.com', private_key: privateKey } } });
    const e = await gcsErrorOf(t.emit(testRunEvent()));
    expect(`${e.message} ${inspect(t)} ${JSON.stringify(t)}`).not.toContain('MIIEvQIBADAN');
  });

  it('rejects emits after close; close waits for uploads under way', async () => {
    peer.respondWith({ ...gcsError(503, 'backendError', 'x'), delayMs: 200 });
    const t = transport();
    const p = t.emit(testRunEvent()).catch((e: unknown) => e);
    expect(t.stats().pending).toBe(1);
    // The upload under way failed, so close reports that not everything was stored.
    expect(await t.close(2000)).toBe(false);
    expect(await p).toBeInstanceOf(GcsTransportError);
    expect((await transportErrorOf(t.emit(testRunEvent()))).message).toContain('closed');
  });
});

describe('through the registry and the client', () => {
  const pkgDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  let appParent: string;
  beforeEach(() => {
    appParent = fs.mkdtempSync(path.join(pkgDir, '.test-app-'));
  });
  afterEach(() => fs.rmSync(appParent, { recursive: true, force: true }));

  it('type gcs and the Java class name, from openlineage.yml and from OPENLINEAGE__TRANSPORT__* variables', async () => {
    const t1 = await transportFromConfig(appParent, {
      yaml: `transport:\n  type: gcs\n  bucket_name: lineage\n  api_endpoint: ${peer.url}\n  file_name_prefix: yml/\n`,
    });
    const t2 = await transportFromConfig(appParent, {
      env: {
        OPENLINEAGE__TRANSPORT__TYPE: 'io.openlineage.client.transports.gcs.GcsTransport',
        OPENLINEAGE__TRANSPORT__BUCKET_NAME: 'lineage',
        OPENLINEAGE__TRANSPORT__API_ENDPOINT: peer.url,
        OPENLINEAGE__TRANSPORT__FILE_NAME_PREFIX: 'env/',
      },
    });
    open.push(t1, t2);
    for (const t of [t1, t2]) {
      expect(t.type).toBe('gcs');
      await new OpenLineageClient({ transport: t, failOnError: true }).emit(testRunEvent());
    }
    expect([...peer.objects.keys()].sort()).toEqual([`lineage/env/${MILLIS}.json`, `lineage/yml/${MILLIS}.json`]);
  });
});
