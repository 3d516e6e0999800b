import { type OpenLineageEvent, resolveConfig, TransportError } from '@ol/core';
import { OptionReader } from '@ol/core/internal';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchDeliveryError, normalizeHttpConfig } from './index.js';
import { parseBatchAnswer, readHttpOptions } from './internal.js';
import { FAST, closeOpened, recordingLogger, runEvent, sink, transport } from './test-util.js';

afterEach(closeOpened);

function starts(n: number): OpenLineageEvent[] {
  return Array.from({ length: n }, () => runEvent('START'));
}

async function rejection(p: Promise<unknown>): Promise<BatchDeliveryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BatchDeliveryError);
  expect(TransportError.isInstance(err)).toBe(true);
  return err as BatchDeliveryError;
}

describe('batch config', () => {
  it('defaults: off, endpoint + /batch, 100 events, 1 MiB, 20 ms', () => {
    expect(normalizeHttpConfig({ url: 'http://h:5000' }).batch).toEqual({
      enabled: false,
      endpoint: 'api/v1/lineage/batch',
      target: 'http://h:5000/api/v1/lineage/batch',
      maxEvents: 100,
      maxBytes: 1048576,
      lingerMs: 20,
    });
  });

  it.each([
    ['http://h/base/', 'api/v1/lineage', 'api/v1/lineage/batch', 'http://h/base/api/v1/lineage/batch'],
    ['http://h/base/', '/events/', '/events/batch', 'http://h/events/batch'],
    ['http://h', 'api/v1/lineage?tenant=a', 'api/v1/lineage/batch?tenant=a', 'http://h/api/v1/lineage/batch?tenant=a'],
    ['http://h/base/', '', '/batch', 'http://h/base/batch'],
  ])('derives the batch endpoint from url %s and endpoint %s', (url, endpoint, batchEndpoint, target) => {
    expect(normalizeHttpConfig({ url, endpoint }).batch).toMatchObject({ endpoint: batchEndpoint, target });
  });

  it('takes snake_case and camelCase; a configured endpoint resolves against url like `endpoint`', () => {
    const a = normalizeHttpConfig({ url: 'http://h/base/', batch: { enabled: true, endpoint: 'bulk', max_events: 5, max_bytes: 1000, linger_ms: 3 } }).batch;
    const b = normalizeHttpConfig({ url: 'http://h/base/', batch: { enabled: true, endpoint: 'bulk', maxEvents: 5, maxBytes: 1000, lingerMs: 3 } }).batch;
    expect(a).toEqual({ enabled: true, endpoint: 'bulk', target: 'http://h/base/bulk', maxEvents: 5, maxBytes: 1000, lingerMs: 3 });
    expect(b).toEqual(a);
  });

  it('reads OPENLINEAGE__TRANSPORT__BATCH__* through resolveConfig, with the variable named in errors', () => {
    const env = {
      OPENLINEAGE__TRANSPORT__TYPE: 'http',
      OPENLINEAGE__TRANSPORT__URL: 'http://backend:5000',
      OPENLINEAGE__TRANSPORT__BATCH__ENABLED: 'true',
      OPENLINEAGE__TRANSPORT__BATCH__MAX_EVENTS: '50',
      OPENLINEAGE__TRANSPORT__BATCH__MAX_BYTES: '65536',
      OPENLINEAGE__TRANSPORT__BATCH__ENDPOINT: 'api/v1/lineage/bulk',
    };
    const resolved = resolveConfig({ env, cwd: '/nonexistent', homeDir: '/nonexistent' });
    const options = readHttpOptions(new OptionReader(resolved.config.transport, { path: ['transport'], origin: resolved.origin }));
    expect(options.batch).toMatchObject({ enabled: true, maxEvents: 50, maxBytes: 65536, target: 'http://backend:5000/api/v1/lineage/bulk' });

    const bad = resolveConfig({ env: { ...env, OPENLINEAGE__TRANSPORT__BATCH__MAX_EVENTS: 'many' }, cwd: '/nonexistent', homeDir: '/nonexistent' });
    expect(() => readHttpOptions(new OptionReader(bad.config.transport, { path: ['transport'], origin: bad.origin }))).toThrow(
      /OPENLINEAGE__TRANSPORT__BATCH__MAX_EVENTS/,
    );
  });

  it('rejects limits below 1', () => {
    expect(() => normalizeHttpConfig({ url: 'http://h', batch: { max_events: 0 } })).toThrow(/batch\.max_events/);
    expect(() => normalizeHttpConfig({ url: 'http://h', batch: { max_bytes: -1 } })).toThrow(/batch\.max_bytes/);
  });
});

describe('parseBatchAnswer', () => {
  it('reads the spec answer; 204, non-JSON and success mean all delivered; bad entries are ignored', () => {
    expect(parseBatchAnswer(204, '', 3).failures).toEqual([]);
    expect(parseBatchAnswer(200, 'ok', 3).failures).toEqual([]);
    expect(parseBatchAnswer(200, JSON.stringify({ status: 'success', summary: { received: 3, successful: 3, failed: 0 } }), 3).failures).toEqual([]);
    const body = {
      status: 'partial_success',
      summary: { received: 3, successful: 1, failed: 2 },
      failed_events: [
        { index: 0, reason: 'Timeout', retriable: true },
        { index: 2 },
        { index: 2, retriable: true },
        { index: 7, retriable: true },
        { index: -1 },
        'x',
      ],
    };
    expect(parseBatchAnswer(200, JSON.stringify(body), 3)).toEqual({
      failures: [
        { index: 0, reason: 'Timeout', retriable: true },
        { index: 2, reason: 'no reason given', retriable: false },
      ],
      unexplained: false,
    });
    expect(parseBatchAnswer(200, JSON.stringify({ status: 'partial_success', summary: { received: 3, successful: 1, failed: 2 } }), 3).unexplained).toBe(true);
  });
});

describe('http emitBatch', () => {
  it('sends one JSON array to the batch endpoint, events in order; emit stays single', async () => {
    const s = await sink();
    const t = transport({ url: s.url, batch: { enabled: true } });
    const events = [runEvent('START', 'r1'), runEvent('COMPLETE', 'r1'), runEvent('START', 'r2')];
    await t.emitBatch(events);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]!.path).toBe('/api/v1/lineage/batch');
    expect(s.requests[0]!.json).toEqual(events);
    expect(s.events).toEqual(events);
    expect(s.orderViolations()).toBe(0);
    await t.emit(runEvent());
    expect(s.requests[1]!.path).toBe('/api/v1/lineage');
  });

  it('splits by max_events, keeping order across requests', async () => {
    const s = await sink();
    const t = transport({ url: s.url, batch: { enabled: true, max_events: 4 } });
    const events = starts(10);
    await t.emitBatch(events);
    expect(s.batches.map((r) => (r.json as unknown[]).length)).toEqual([4, 4, 2]);
    expect(s.events).toEqual(events);
  });

  it('splits by max_bytes measured on the uncompressed array; an event larger than max_bytes goes alone to the single endpoint', async () => {
    const s = await sink();
    const events = starts(6);
    const size = Buffer.byteLength(JSON.stringify(events[0]));
    const big = { ...runEvent('START'), job: { namespace: 'test', name: 'x'.repeat(size * 3) } };
    // Room for exactly two events per array: [a,b] = 2 * size + 3.
    const t = transport({ url: s.url, compression: 'gzip', batch: { enabled: true, max_bytes: 2 * size + 3 } });
    await t.emitBatch([...events.slice(0, 3), big, ...events.slice(3)]);
    expect(s.requests.map((r) => (r.batch ? (r.json as unknown[]).length : 'single'))).toEqual([2, 1, 'single', 2, 1]);
    for (const r of s.batches) expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(2 * size + 3);
    expect(s.events).toEqual([...events.slice(0, 3), big, ...events.slice(3)]);
  });

  it('gzips the batch body with Content-Encoding: gzip', async () => {
    const s = await sink();
    const t = transport({ url: s.url, compression: 'gzip', batch: { enabled: true } });
    const events = starts(20);
    await t.emitBatch(events);
    const [req] = s.batches;
    expect(req!.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(req!.raw).toString('utf8'))).toEqual(events);
    expect(req!.raw.length).toBeLessThan(Buffer.byteLength(req!.body));
  });

  it('accepts 204 and a success body', async () => {
    const s = await sink();
    s.respondWith([204, 200]);
    const t = transport({ url: s.url, batch: { enabled: true, max_events: 2 } });
    await t.emitBatch(starts(4));
    expect(s.batches.map((r) => r.status)).toEqual([204, 200]);
    expect(s.events).toHaveLength(4);
  });

  it('re-sends exactly the retriable events of a partial success, in order, in a later request', async () => {
    const s = await sink();
    s.respondWith([
      {
        failEvents: [
          { index: 1, retriable: true },
          { index: 3, retriable: true },
        ],
      },
    ]);
    const t = transport({ url: s.url, retry: FAST, batch: { enabled: true } });
    const events = starts(5);
    await t.emitBatch(events);
    expect(s.batches.map((r) => r.json)).toEqual([events, [events[1], events[3]]]);
    expect(s.events).toEqual([events[0], events[2], events[4], events[1], events[3]]);
  });

  it('counts non-retriable events failed, logs their reason, and does not re-send them', async () => {
    const s = await sink();
    s.respondWith([
      {
        failEvents: [
          { index: 0, retriable: false, reason: 'Unsupported facets' },
          { index: 2, retriable: true },
        ],
      },
    ]);
    const { lines, logger } = recordingLogger();
    const t = transport({ url: s.url, retry: FAST, batch: { enabled: true } }, { logger });
    const events = starts(3);
    const err = await rejection(t.emitBatch(events));
    expect(s.batches.map((r) => r.json)).toEqual([events, [events[2]]]);
    expect(err.failures.map((f) => f.index)).toEqual([0]);
    expect(err.failures[0]!.error.retryable).toBe(false);
    expect(err.failures[0]!.error.message).toMatch(/Unsupported facets/);
    expect(err.delivered).toBe(2);
    expect(lines.join('\n')).toMatch(/Unsupported facets/);
  });

  it('gives up on events the backend keeps refusing retriably after retry.total re-sends', async () => {
    const s = await sink();
    const again = { failEvents: [{ index: 0, retriable: true }] };
    s.respondWith([again, again, again]);
    const t = transport({ url: s.url, retry: { ...FAST, total: 2 }, batch: { enabled: true } });
    const err = await rejection(t.emitBatch(starts(2)));
    expect(s.batches.map((r) => (r.json as unknown[]).length)).toEqual([2, 1, 1]);
    expect(err.failures).toHaveLength(1);
    expect(err.failures[0]!.error.retryable).toBe(true);
    expect(err.delivered).toBe(1);
  });

  it('retries the whole batch on a status_forcelist answer and on a dropped connection', async () => {
    const s = await sink();
    s.respondWith([503, { destroy: true }, 200]);
    const t = transport({ url: s.url, retry: FAST, batch: { enabled: true } });
    const events = starts(3);
    await t.emitBatch(events);
    expect(s.batches.map((r) => r.status)).toEqual([503, 0, 200]);
    expect(s.events).toEqual(events);
  });

  it('fails every event of the batch on a non-retried status, keeping status and body', async () => {
    const s = await sink();
    s.setBatch(true);
    // Once a batch was accepted, a later 404 is a failure, not a sign of a missing endpoint.
    const t = transport({ url: s.url, retry: FAST, batch: { enabled: true } });
    await t.emitBatch(starts(1));
    s.respondWith([{ status: 404, body: 'gone' }]);
    const err = await rejection(t.emitBatch(starts(2)));
    expect(err.failures.map((f) => f.index)).toEqual([0, 1]);
    expect(err.status).toBe(404);
    expect(err.body).toBe('gone');
    expect(err.delivered).toBe(0);
  });

  it.each([404, 405, 501])('falls back to single POSTs for good when the first batch gets %i: one notice, nothing lost, order kept', async (status) => {
    const s = await sink({ batch: { status } });
    const { lines, logger } = recordingLogger();
    const t = transport({ url: s.url, batch: { enabled: true, max_events: 3 } }, { logger });
    const events = [runEvent('START', 'a'), runEvent('COMPLETE', 'a'), runEvent('START', 'b'), runEvent('COMPLETE', 'b')];
    await t.emitBatch(events);
    await t.emitBatch(starts(2));
    expect(s.batchCount).toBe(1);
    expect(s.requests.filter((r) => !r.batch)).toHaveLength(6);
    expect(s.events.slice(0, 4)).toEqual(events);
    expect(s.orderViolations()).toBe(0);
    expect(lines.filter((l) => /no batch endpoint/.test(l))).toHaveLength(1);
    expect(lines.join('\n')).toContain(`HTTP ${status}`);
  });

  it('without batch.enabled sends the events one by one, in order', async () => {
    const s = await sink();
    const t = transport({ url: s.url });
    const events = starts(3);
    await t.emitBatch(events);
    expect(s.batchCount).toBe(0);
    expect(s.events).toEqual(events);
  });

  it('rejects before sending anything when an event cannot be serialized, and after close', async () => {
    const s = await sink();
    const t = transport({ url: s.url, batch: { enabled: true } });
    const cyclic = runEvent() as OpenLineageEvent & { self?: unknown };
    cyclic.self = cyclic;
    await expect(t.emitBatch([runEvent(), cyclic])).rejects.toThrow(/cannot be serialized/);
    expect(s.count).toBe(0);
    await t.close();
    await expect(t.emitBatch([runEvent()])).rejects.toThrow(/closed/);
  });
});
