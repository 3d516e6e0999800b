/**
 * HTTP backends that misbehave, over real sockets: flaky (30% random 503s), down then up, and
 * slower than the timeout — for both the http and the async_http transport.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, newRunId, type RunEvent, runEvent, type Transport, TransportError } from '@ol/core';
import { freePort, startLineageSink, type LineageSink } from '@ol/test-kit';
import { createAsyncHttpTransport } from '@ol/transport-async-http';
import { createHttpTransport } from '@ol/transport-http';

const logger = createLogger({ level: 'silent' });
const sinks: LineageSink[] = [];
const transports: Transport[] = [];
afterEach(async () => {
  for (const t of transports.splice(0)) await t.close(2000);
  for (const s of sinks.splice(0)) await s.close();
});

async function sink(port?: number): Promise<LineageSink> {
  const s = await startLineageSink(port === undefined ? {} : { port });
  sinks.push(s);
  return s;
}

function track<T extends Transport>(t: T): T {
  transports.push(t);
  return t;
}

function runs(n: number): RunEvent[] {
  const out: RunEvent[] = [];
  for (let i = 0; i < n; i++) {
    const runId = newRunId();
    const job = { namespace: 'reliability', name: `job_${i % 97}` };
    out.push(runEvent({ eventType: 'START', run: { runId }, job }), runEvent({ eventType: 'COMPLETE', run: { runId }, job }));
  }
  return out;
}

/** Each (run, type) accepted exactly once, and the sink saw no COMPLETE before its START. */
function expectExactlyOnceInOrder(s: LineageSink, sent: readonly RunEvent[]): void {
  const seen = new Map<string, number>();
  for (const e of s.events as RunEvent[]) {
    const key = `${e.run.runId}/${e.eventType ?? ''}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  expect(seen.size).toBe(sent.length);
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  expect(s.orderViolations()).toBe(0);
}

// With 30% failures, 11 attempts leave ~2e-6 chance per event to exhaust them: effectively never in 10,000.
const flakyRetry = { total: 10, backoff_factor: 0.001 };

describe('flaky backend: 30% of requests answered 503 at random', () => {
  it('http: 5,000 runs, every event accepted exactly once, in order', async () => {
    const s = await sink();
    s.failRandomly(0.3, { seed: 11 });
    const t = track(createHttpTransport({ url: s.url, retry: flakyRetry, logger }));
    const events = runs(5000);
    for (const e of events) await t.emit(e);
    expectExactlyOnceInOrder(s, events);
    expect(s.requests.length).toBeGreaterThan(events.length * 1.3);
  });

  it('async_http: 5,000 runs at concurrency 100, every event accepted exactly once, in order', async () => {
    const s = await sink();
    s.failRandomly(0.3, { seed: 12 });
    const t = track(createAsyncHttpTransport({ url: s.url, retry: flakyRetry, maxConcurrentRequests: 100, logger }));
    const events = runs(5000);
    for (const e of events) await t.emit(e);
    expect(await t.flush(60_000)).toBe(true);
    expect(t.stats()).toEqual({ pending: 0, success: 10_000, failed: 0, dropped: 0 });
    expectExactlyOnceInOrder(s, events);
  });
});

describe('backend down, then up', () => {
  it('async_http: queued events all arrive once it is back; beyond the limit, drops are counted exactly', async () => {
    const port = await freePort();
    const maxQueueSize = 200;
    const t = track(
      createAsyncHttpTransport({
        url: `http://127.0.0.1:${port}`,
        maxQueueSize,
        maxConcurrentRequests: 10,
        retry: { total: 30, connect: 30, backoff_factor: 0.05 },
        logger,
      }),
    );
    const events = runs(500); // 1,000 events, far beyond what may wait
    for (const e of events) void t.emit(e); // a caller that does not await
    const dropped = t.stats().dropped;
    expect(dropped).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1000));
    const s = await sink(port);
    // Issue 19: events dropped since the previous flush make it false; everything kept was delivered (below).
    expect(await t.flush(60_000)).toBe(false);
    const stats = t.stats();
    expect(stats.failed).toBe(0);
    expect(stats.pending).toBe(0);
    // Nothing vanishes: every event was either delivered once or counted as dropped.
    expect(stats.success + stats.dropped).toBe(events.length);
    expect(stats.dropped).toBe(dropped);
    expect(s.events).toHaveLength(stats.success);
    // Everything within max_queue_size (and the queue of waiting callers) made it.
    expect(stats.success).toBeGreaterThanOrEqual(2 * maxQueueSize);
    expect(new Set((s.events as RunEvent[]).map((e) => `${e.run.runId}/${e.eventType ?? ''}`)).size).toBe(stats.success);
    expect(s.orderViolations()).toBe(0);
    expect(await t.flush(10_000)).toBe(true); // the drops were reported once
  });

  it('http: an emit during the outage succeeds once the backend returns within the retries', async () => {
    const port = await freePort();
    const t = track(createHttpTransport({ url: `http://127.0.0.1:${port}`, retry: { total: 20, connect: 20, backoff_factor: 0.05 }, logger }));
    const [start] = runs(1);
    const pending = t.emit(start!);
    await new Promise((r) => setTimeout(r, 600));
    const s = await sink(port);
    await pending;
    expect(s.events).toHaveLength(1);
  });
});

describe('slow backend: answers slower than the timeout', () => {
  it('http: retried, then reported as a retryable TransportError with the attempt count', async () => {
    const s = await sink();
    s.setDelay(3000);
    const t = track(createHttpTransport({ url: s.url, timeout: 0.5, retry: { total: 2, backoff_factor: 0.01 }, logger }));
    const started = Date.now();
    const error = await t.emit(runs(1)[0]!).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(TransportError.isInstance(error)).toBe(true);
    expect((error as TransportError).retryable).toBe(true);
    expect((error as TransportError).attempts).toBe(3);
    expect(s.requests).toHaveLength(3);
    // Three timeouts of 0.5 s (undici checks timers about every 0.5 s), far below the 9 s of three full answers.
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('async_http: failures are counted, and close(timeout) returns in time reporting undelivered events', async () => {
    const s = await sink();
    s.setDelay(5000);
    const t = track(createAsyncHttpTransport({ url: s.url, timeout: 0.5, retry: { total: 1, backoff_factor: 0.01 }, maxConcurrentRequests: 4, logger }));
    for (const e of runs(20)) await t.emit(e);
    const started = Date.now();
    const delivered = await t.close(1500);
    const took = Date.now() - started;
    expect(delivered).toBe(false);
    expect(took).toBeLessThan(3000);
    const stats = t.stats();
    expect(stats.success).toBe(0);
    expect(stats.pending).toBe(0);
    expect(stats.failed + stats.dropped).toBe(40);
  });
});
