import { createTransport, registerTransport, resolveConfig, type RunEvent, TransportError, unregisterTransport } from '@ol/core';
import type { LineageSink, SinkStep } from '@ol/test-kit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { AsyncHttpTransport, descriptor } from './index.js';
import { captureLogger, closeLater, closeOpened, runEvent, sink, transportFactory } from './test-util.js';

const FAST_RETRY = { total: 5, backoff_factor: 0.005 };

const transport = transportFactory(FAST_RETRY);

afterEach(closeOpened);

const sizes = (s: LineageSink) => s.batches.filter((r) => r.status === 200).map((r) => (r.json as unknown[]).length);
const key = (e: unknown) => `${(e as RunEvent).run.runId}/${(e as RunEvent).eventType}`;

/** Every event accepted exactly once, and each run's COMPLETE accepted after its START. */
function expectEachOnceInOrder(s: LineageSink, runs: number): void {
  expect(s.events).toHaveLength(runs * 2);
  const at = new Map<string, number>();
  s.events.forEach((e, i) => at.set(key(e), i));
  expect(at.size).toBe(runs * 2);
  for (let i = 0; i < runs; i++) expect(at.get(`run-${i}/COMPLETE`)!).toBeGreaterThan(at.get(`run-${i}/START`)!);
  expect(s.orderViolations()).toBe(0);
}

describe('async_http batches', () => {
  it('is off by default: one event per request to the single endpoint', async () => {
    const s = await sink();
    const t = transport({ url: s.url });
    for (let i = 0; i < 5; i++) await t.emit(runEvent(`r${i}`, 'START'));
    expect(await t.flush(10_000)).toBe(true);
    expect(s.batchCount).toBe(0);
    expect(s.requests).toHaveLength(5);
  });

  it('gathers queued events into batches of max_events', async () => {
    const s = await sink();
    const t = transport({ url: s.url, batch: { enabled: true, max_events: 100, linger_ms: 200 } });
    for (let i = 0; i < 250; i++) await t.emit(runEvent(`r${i}`, 'START'));
    expect(await t.flush(10_000)).toBe(true);
    expect(sizes(s)).toEqual([100, 100, 50]);
    expect(s.requests.every((r) => r.path === '/api/v1/lineage/batch')).toBe(true);
    expect(s.events.map((e) => (e as RunEvent).run.runId)).toEqual(Array.from({ length: 250 }, (_, i) => `r${i}`));
    expect(t.stats()).toEqual({ pending: 0, success: 250, failed: 0, dropped: 0 });
  });

  it('cuts batches at max_bytes of the serialized array; an event larger than max_bytes goes alone to the single endpoint', async () => {
    const s = await sink();
    const one = Buffer.byteLength(JSON.stringify(runEvent('r00', 'START')));
    const maxBytes = 3 * one + 4; // [a,b,c] exactly
    const t = transport({ url: s.url, batch: { enabled: true, max_bytes: maxBytes, linger_ms: 50 } });
    for (let i = 0; i < 10; i++) await t.emit(runEvent(`r0${i}`, 'START'));
    await t.emit(runEvent('big', 'START', { job: { namespace: 'ns', name: 'x'.repeat(2 * maxBytes) } }));
    expect(await t.flush(10_000)).toBe(true);
    expect(sizes(s)).toEqual([3, 3, 3, 1]);
    for (const r of s.batches) expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(maxBytes);
    const single = s.requests.filter((r) => !r.batch);
    expect(single.map((r) => (r.json as RunEvent).run.runId)).toEqual(['big']);
    expect(t.stats().success).toBe(11);
  });

  it('waits linger_ms for more events before sending a batch that is not full; flush sends it at once', async () => {
    const s = await sink();
    const t = transport({ url: s.url, batch: { enabled: true, linger_ms: 3_000 } });
    await t.emit(runEvent('a', 'START'));
    await sleep(100);
    await t.emit(runEvent('b', 'START'));
    // Far below the linger time: nothing was sent yet, whatever the machine's load.
    await sleep(100);
    expect(s.count).toBe(0);
    const started = Date.now();
    expect(await t.flush(10_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(sizes(s)).toEqual([2]);
  });

  it('with linger_ms 0 sends what is queued at once', async () => {
    const s = await sink();
    const t = transport({ url: s.url, batch: { enabled: true, linger_ms: 0 } });
    await t.emit(runEvent('a', 'START'));
    await s.waitForEvents(1, 5_000);
    expect(sizes(s)).toEqual([1]);
  });

  it('keeps a run’s COMPLETE out of the batch holding its START: it goes in a later batch once that one was acknowledged', async () => {
    const s = await sink();
    s.setDelay(30);
    const t = transport({ url: s.url, batch: { enabled: true, linger_ms: 10 } });
    for (let i = 0; i < 5; i++) {
      await t.emit(runEvent(`run-${i}`, 'START'));
      await t.emit(runEvent(`run-${i}`, 'COMPLETE'));
    }
    await t.emit(runEvent('other', 'COMPLETE'));
    expect(await t.flush(10_000)).toBe(true);
    const batches = s.batches.map((r) => (r.json as RunEvent[]).map((e) => `${e.run.runId}/${e.eventType}`));
    expect(batches).toEqual([
      ['run-0/START', 'run-1/START', 'run-2/START', 'run-3/START', 'run-4/START', 'other/COMPLETE'],
      ['run-0/COMPLETE', 'run-1/COMPLETE', 'run-2/COMPLETE', 'run-3/COMPLETE', 'run-4/COMPLETE'],
    ]);
    expect(s.requests[1]!.receivedAt).toBeGreaterThanOrEqual(s.requests[0]!.receivedAt + 30);
  });

  it('keeps order across batches under concurrency, random delays, random 503s and partial successes: every event once', async () => {
    const s = await sink();
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    // Each batch request: random delay; 10% whole-batch 503s; 10% partial successes failing a few retriable indices.
    s.respondWith(
      Array.from({ length: 3_000 }, (): SinkStep => {
        const r = rand();
        const delayMs = Math.floor(rand() * 5);
        if (r < 0.1) return { status: 503, delayMs };
        if (r < 0.2) return { delayMs, failEvents: [0, 3, 7, 20].map((index) => ({ index, retriable: true })) };
        return { delayMs };
      }),
    );
    const runs = 3_000;
    const t = transport({
      url: s.url,
      max_concurrent_requests: 8,
      retry: { total: 10, backoff_factor: 0.002 },
      batch: { enabled: true, max_events: 40, linger_ms: 2 },
    });
    for (let i = 0; i < runs; i++) {
      await t.emit(runEvent(`run-${i}`, 'START'));
      await t.emit(runEvent(`run-${i}`, 'COMPLETE'));
    }
    expect(await t.flush(60_000)).toBe(true);
    expect(t.stats()).toEqual({ pending: 0, success: runs * 2, failed: 0, dropped: 0 });
    expect(s.batchCount).toBeGreaterThan(runs / 20);
    expect(Math.max(...sizes(s))).toBeLessThanOrEqual(40);
    expectEachOnceInOrder(s, runs);
  });

  it('keeps order with the sink failing randomly and a fixed delay, at concurrency 100', async () => {
    const s = await sink();
    s.setDelay(2);
    s.failRandomly(0.2, { seed: 5 });
    const runs = 2_000;
    const t = transport({
      url: s.url,
      max_concurrent_requests: 100,
      retry: { total: 20, backoff_factor: 0.001 },
      batch: { enabled: true, max_events: 25, linger_ms: 1 },
    });
    for (let i = 0; i < runs; i++) {
      await t.emit(runEvent(`run-${i}`, 'START'));
      await t.emit(runEvent(`run-${i}`, 'COMPLETE'));
    }
    expect(await t.flush(60_000)).toBe(true);
    expectEachOnceInOrder(s, runs);
  });

  it('re-sends exactly the retriable events of a partial success, counts the non-retriable ones failed and logs their reason', async () => {
    const s = await sink();
    s.respondWith([
      {
        failEvents: [
          { index: 1, retriable: true },
          { index: 3, retriable: true },
          { index: 4, retriable: false, reason: 'Unsupported facets' },
        ],
      },
    ]);
    const logger = captureLogger();
    const errors: [TransportError, unknown][] = [];
    const t = transport({ url: s.url, batch: { enabled: true, linger_ms: 20 } }, { logger, onError: (e, info) => errors.push([e, info]) });
    for (let i = 0; i < 6; i++) await t.emit(runEvent(`r${i}`, 'START'));
    expect(await t.flush(10_000)).toBe(false);
    const ids = s.batches.map((r) => (r.json as RunEvent[]).map((e) => e.run.runId));
    expect(ids).toEqual([
      ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'],
      ['r1', 'r3'],
    ]);
    expect(t.stats()).toEqual({ pending: 0, success: 5, failed: 1, dropped: 0 });
    expect(s.events.map((e) => (e as RunEvent).run.runId).sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r5']);
    expect(errors).toHaveLength(1);
    expect(errors[0]![0].message).toMatch(/Unsupported facets/);
    expect(errors[0]![0].retryable).toBe(false);
    expect(errors[0]![1]).toEqual({ runId: 'r4', eventType: 'START' });
    expect(logger.lines.some((l) => l.startsWith('warn') && l.includes('Unsupported facets'))).toBe(true);
  });

  it('holds a COMPLETE while its START is re-sent after a retriable partial failure', async () => {
    const s = await sink();
    s.respondWith([{ failEvents: [{ index: 0, retriable: true }], delayMs: 20 }]);
    const t = transport({ url: s.url, batch: { enabled: true, linger_ms: 5 } });
    await t.emit(runEvent('a', 'START'));
    await t.emit(runEvent('b', 'START'));
    await t.emit(runEvent('a', 'COMPLETE'));
    expect(await t.flush(10_000)).toBe(true);
    const batches = s.batches.map((r) => (r.json as RunEvent[]).map((e) => `${e.run.runId}/${e.eventType}`));
    expect(batches).toEqual([['a/START', 'b/START'], ['a/START'], ['a/COMPLETE']]);
    expect(s.orderViolations()).toBe(0);
  });

  it('retries a whole batch on a status_forcelist answer and on a dropped connection', async () => {
    const s = await sink();
    s.respondWith([503, { destroy: true }]);
    const t = transport({ url: s.url, batch: { enabled: true } });
    for (let i = 0; i < 3; i++) await t.emit(runEvent(`r${i}`, 'START'));
    expect(await t.flush(10_000)).toBe(true);
    expect(s.batches.map((r) => r.status)).toEqual([503, 0, 200]);
    expect(t.stats()).toEqual({ pending: 0, success: 3, failed: 0, dropped: 0 });
  });

  it.each([404, 405, 501])('falls back to single POSTs for good when the batch endpoint answers %i: one notice, nothing lost, order kept', async (status) => {
    const s = await sink({ batch: { status } });
    const logger = captureLogger();
    const t = transport({ url: s.url, max_concurrent_requests: 4, batch: { enabled: true, max_events: 5, linger_ms: 5 } }, { logger });
    const runs = 30;
    for (let i = 0; i < runs; i++) {
      await t.emit(runEvent(`run-${i}`, 'START'));
      await t.emit(runEvent(`run-${i}`, 'COMPLETE'));
    }
    expect(await t.flush(10_000)).toBe(true);
    expect(t.stats()).toEqual({ pending: 0, success: runs * 2, failed: 0, dropped: 0 });
    // Only batches already in flight when the first answer came back ever reached the endpoint.
    expect(s.batchCount).toBeGreaterThanOrEqual(1);
    expect(s.batchCount).toBeLessThanOrEqual(4);
    expect(s.batches.every((r) => r.status === status)).toBe(true);
    expectEachOnceInOrder(s, runs);
    expect(logger.lines.filter((l) => l.includes('no batch endpoint'))).toHaveLength(1);
    expect(logger.lines.join('\n')).toContain(`HTTP ${status}`);
    // And it stays that way.
    await t.emit(runEvent('late', 'START'));
    expect(await t.flush(10_000)).toBe(true);
    expect(s.requests.at(-1)!.batch).toBe(false);
  });

  it('gzips batch bodies', async () => {
    const s = await sink();
    const t = transport({ url: s.url, compression: 'gzip', batch: { enabled: true } });
    const events = Array.from({ length: 30 }, (_, i) => runEvent(`r${i}`, 'START'));
    for (const e of events) await t.emit(e);
    expect(await t.flush(10_000)).toBe(true);
    const [req] = s.batches;
    expect(req!.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(req!.raw).toString('utf8'))).toEqual(events);
    expect(s.events).toEqual(events);
  });

  it('sends batches with the auth header of the moment', async () => {
    const s = await sink();
    let n = 0;
    const t = transport({ url: s.url, batch: { enabled: true, linger_ms: 0 } }, { tokenProvider: { getBearer: () => Promise.resolve(`Bearer t${++n}`) } });
    await t.emit(runEvent('a', 'START'));
    expect(await t.flush(10_000)).toBe(true);
    expect(s.batches[0]!.headers.authorization).toBe('Bearer t1');
  });

  it('close(timeout) gives up on a batch in flight and on queued events, with exact stats', async () => {
    const s = await sink();
    s.setDelay(5_000);
    const t = transport({ url: s.url, max_concurrent_requests: 1, batch: { enabled: true, max_events: 2, linger_ms: 0 } });
    for (let i = 0; i < 5; i++) await t.emit(runEvent(`r${i}`, 'START'));
    expect(await t.close(200)).toBe(false);
    const st = t.stats();
    expect(st.pending).toBe(0);
    expect(st.success + st.failed + st.dropped).toBe(5);
    expect(st.failed).toBeGreaterThanOrEqual(1);
  });

  it('is configured from openlineage.yml, with the file and line in errors', async () => {
    const s = await sink();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-async-batch-yml-'));
    const write = (maxEvents: string) =>
      fs.writeFileSync(
        path.join(dir, 'openlineage.yml'),
        ['transport:', '  type: async_http', `  url: ${s.url}`, '  batch:', '    enabled: true', `    maxEvents: ${maxEvents}`, '    linger_ms: 5', ''].join(
          '\n',
        ),
      );
    registerTransport(descriptor);
    try {
      write('2');
      const resolved = resolveConfig({ env: {}, cwd: dir, homeDir: dir });
      const t = await createTransport(resolved.config.transport, { env: {}, origin: resolved.origin, cwd: dir, logger: captureLogger() });
      closeLater(t);
      expect(t.config).toMatchObject({ batch: { enabled: true, maxEvents: 2, lingerMs: 5 } });
      for (let i = 0; i < 3; i++) await t.emit(runEvent(`r${i}`, 'START'));
      expect(await t.close(10_000)).toBe(true);
      expect(sizes(s)).toEqual([2, 1]);
      write('0');
      const bad = resolveConfig({ env: {}, cwd: dir, homeDir: dir });
      await expect(createTransport(bad.config.transport, { env: {}, origin: bad.origin, cwd: dir, logger: captureLogger() })).rejects.toThrow(
        /openlineage\.yml:6/,
      );
    } finally {
      unregisterTransport('async_http');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is configured from OPENLINEAGE__TRANSPORT__BATCH__* variables through core', async () => {
    const s = await sink();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-async-batch-'));
    const env = {
      OPENLINEAGE__TRANSPORT__TYPE: 'async_http',
      OPENLINEAGE__TRANSPORT__URL: s.url,
      OPENLINEAGE__TRANSPORT__BATCH__ENABLED: 'true',
      OPENLINEAGE__TRANSPORT__BATCH__MAX_EVENTS: '3',
      OPENLINEAGE__TRANSPORT__BATCH__MAX_BYTES: '100000',
      OPENLINEAGE__TRANSPORT__BATCH__LINGER_MS: '5',
    };
    registerTransport(descriptor);
    try {
      const resolved = resolveConfig({ env, cwd: dir, homeDir: dir });
      const t = await createTransport(resolved.config.transport, { env, origin: resolved.origin, cwd: dir, logger: captureLogger() });
      closeLater(t);
      expect(t).toBeInstanceOf(AsyncHttpTransport);
      expect(t.config).toMatchObject({ batch: { enabled: true, maxEvents: 3, maxBytes: 100_000, lingerMs: 5, target: `${s.url}/api/v1/lineage/batch` } });
      for (let i = 0; i < 7; i++) await t.emit(runEvent(`r${i}`, 'START'));
      expect(await t.close(10_000)).toBe(true);
      expect(sizes(s)).toEqual([3, 3, 1]);
      const bad = { ...env, OPENLINEAGE__TRANSPORT__BATCH__LINGER_MS: 'soon' };
      const r2 = resolveConfig({ env: bad, cwd: dir, homeDir: dir });
      await expect(createTransport(r2.config.transport, { env: bad, origin: r2.origin, cwd: dir, logger: captureLogger() })).rejects.toThrow(
        /OPENLINEAGE__TRANSPORT__BATCH__LINGER_MS/,
      );
      const warnings = captureLogger();
      const r3 = resolveConfig({ env: { ...env, OPENLINEAGE__TRANSPORT__BATCH__SIZE: '3' }, cwd: dir, homeDir: dir });
      closeLater(await createTransport(r3.config.transport, { env, origin: r3.origin, cwd: dir, logger: warnings }));
      expect(warnings.lines.join('\n')).toMatch(/batch\.size/);
    } finally {
      unregisterTransport('async_http');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
