import {
  ConfigError,
  createTransport,
  registerTransport,
  resolveConfig,
  type RunEvent,
  type TransportContext,
  TransportError,
  unregisterTransport,
} from '@ol/core';
import { createWith, parseWith } from '@ol/core/internal';
import type { SinkStep } from '@ol/test-kit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import descriptorDefault, { AsyncHttpTransport, descriptor, normalizeAsyncHttpConfig } from './index.js';
import { captureLogger, closeLater, closeOpened, runEvent, sink, transportFactory } from './test-util.js';

const FAST_RETRY = { total: 3, backoff_factor: 0.01 };

const transport = transportFactory(FAST_RETRY);

afterEach(closeOpened);

const typeOf = (r: { json: unknown }) => (r.json as RunEvent).eventType;
const runOf = (r: { json: unknown }) => (r.json as RunEvent).run.runId;

describe('async_http against the lineage sink', () => {
  it('delivers 10,000 runs (START + COMPLETE) at concurrency 100 with random delays and 503s: each event once, in order', async () => {
    const s = await sink();
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    // Random delays, and 10% 503s: a retried START is what would let its COMPLETE overtake it.
    s.respondWith(Array.from({ length: 24_000 }, (): SinkStep => ({ status: rand() < 0.1 ? 503 : 200, delayMs: Math.floor(rand() * 4) })));
    const t = transport({ url: s.url, max_concurrent_requests: 100, retry: { total: 10, backoff_factor: 0.01 } });
    for (let i = 0; i < 10_000; i++) {
      const runId = `run-${i}`;
      await t.emit(runEvent(runId, 'START'));
      await t.emit(runEvent(runId, 'COMPLETE'));
    }
    expect(await t.flush()).toBe(true);
    expect(t.stats()).toEqual({ pending: 0, success: 20_000, failed: 0, dropped: 0 });
    expect(s.events).toHaveLength(20_000);
    const seen = new Set(s.events.map((e) => `${(e as RunEvent).run.runId}/${(e as RunEvent).eventType}`));
    expect(seen.size).toBe(20_000);
    expect(s.orderViolations()).toBe(0);
    // Stronger than the sink's check: every COMPLETE arrived after its START.
    const at = new Map<string, number>();
    s.requests.forEach((r, i) => {
      if (r.status === 200) at.set(`${runOf(r)}/${typeOf(r)}`, i);
    });
    for (let i = 0; i < 10_000; i++) expect(at.get(`run-${i}/COMPLETE`)!).toBeGreaterThan(at.get(`run-${i}/START`)!);
  });

  it('holds a COMPLETE while its START is retried (503, 503, 200), then sends it', async () => {
    const s = await sink();
    s.respondWith([503, 503, 200]);
    const t = transport({ url: s.url });
    await t.emit(runEvent('r1', 'START'));
    await t.emit(runEvent('r1', 'RUNNING'));
    await t.emit(runEvent('r1', 'COMPLETE'));
    expect(await t.flush(10_000)).toBe(true);
    const r1 = s.requests.filter((r) => runOf(r) === 'r1').map((r) => `${typeOf(r)}:${r.status}`);
    expect(r1).toEqual(['START:503', 'START:503', 'START:200', 'RUNNING:200', 'COMPLETE:200']);
    expect(t.stats()).toEqual({ pending: 0, success: 3, failed: 0, dropped: 0 });
  });

  it('releases held events when the START fails for good, and reports the failure', async () => {
    const s = await sink();
    s.respondWith([{ status: 400, body: '{"error":"bad start"}' }]);
    const errors: TransportError[] = [];
    const logger = captureLogger();
    const t = transport({ url: s.url }, { logger, onError: (e, info) => errors.push(Object.assign(e, { info })) });
    await t.emit(runEvent('r1', 'START'));
    await t.emit(runEvent('r1', 'FAIL'));
    expect(await t.flush(10_000)).toBe(false); // one of them was not delivered
    expect(s.requests.map((r) => `${typeOf(r)}:${r.status}`)).toEqual(['START:400', 'FAIL:200']);
    expect(t.stats()).toEqual({ pending: 0, success: 1, failed: 1, dropped: 0 });
    expect(errors).toHaveLength(1);
    expect(TransportError.isInstance(errors[0])).toBe(true);
    expect(errors[0]!.status).toBe(400);
    expect(errors[0]!.body).toContain('bad start');
    expect((errors[0] as unknown as { info: unknown }).info).toEqual({ runId: 'r1', eventType: 'START' });
    expect(logger.lines.some((l) => l.startsWith('warn async_http: could not deliver a START event of run r1'))).toBe(true);
  });

  it('releases held events when the START runs out of retries', async () => {
    const s = await sink();
    s.respondWith([503, 503, 503]);
    const t = transport({ url: s.url, retry: { total: 2, backoff_factor: 0.01 } });
    await t.emit(runEvent('r1', 'START'));
    await t.emit(runEvent('r1', 'COMPLETE'));
    await t.flush(10_000);
    expect(s.requests.map((r) => `${typeOf(r)}:${r.status}`)).toEqual(['START:503', 'START:503', 'START:503', 'COMPLETE:200']);
    expect(t.stats()).toEqual({ pending: 0, success: 1, failed: 1, dropped: 0 });
  });

  it('makes emit wait when max_queue_size events are waiting, and lets it in when room appears', async () => {
    const s = await sink();
    s.setDelay(150);
    const t = transport({ url: s.url, max_queue_size: 2, max_concurrent_requests: 1 });
    await t.emit(runEvent('a', 'OTHER')); // in flight
    await t.emit(runEvent('b', 'OTHER')); // queued
    await t.emit(runEvent('c', 'OTHER')); // queued: the queue is full
    let resolved = false;
    const waiting = t.emit(runEvent('d', 'OTHER')).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(resolved).toBe(false);
    expect(t.stats().pending).toBe(4);
    await waiting; // resolves once `a` was answered and `b` went out
    expect(s.count).toBeGreaterThanOrEqual(1);
    expect(await t.flush(10_000)).toBe(true);
    expect(s.events.map((e) => (e as RunEvent).run.runId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops beyond the hard limit (2 x max_queue_size kept), counts exactly and warns once', async () => {
    const s = await sink();
    s.setDelay(100);
    const logger = captureLogger();
    const t = transport({ url: s.url, max_queue_size: 3, max_concurrent_requests: 2 }, { logger });
    // Not awaited on purpose: a caller that keeps emitting while the backend is slow.
    const emits: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) emits.push(t.emit(runEvent(`r${i}`, 'OTHER')));
    // Kept: 2 in flight + 3 queued + 3 waiting callers.
    expect(t.stats()).toEqual({ pending: 8, success: 0, failed: 0, dropped: 42 });
    await Promise.all(emits); // dropped emits resolve too: lineage never breaks the caller
    // Issue 19: events dropped since the previous flush make it false (the 8 kept were delivered); the next one is true.
    expect(await t.flush(10_000)).toBe(false);
    expect(t.stats()).toEqual({ pending: 0, success: 8, failed: 0, dropped: 42 });
    expect(await t.flush(10_000)).toBe(true);
    expect(s.events.map((e) => (e as RunEvent).run.runId)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    const warnings = logger.lines.filter((l) => l.includes('dropping events'));
    expect(warnings).toHaveLength(1);
  });

  it('flush(timeout) returns false while events are pending and keeps the transport usable', async () => {
    const s = await sink();
    s.setDelay(300);
    const t = transport({ url: s.url });
    await t.emit(runEvent('r1', 'START'));
    await t.emit(runEvent('r1', 'COMPLETE'));
    expect(await t.flush(20)).toBe(false);
    expect(t.stats().pending).toBe(2);
    expect(await t.flush()).toBe(true);
    expect(t.stats()).toEqual({ pending: 0, success: 2, failed: 0, dropped: 0 });
    s.setDelay(0);
    await t.emit(runEvent('r2', 'START'));
    expect(await t.flush(10_000)).toBe(true);
    expect(s.events).toHaveLength(3);
  });

  it('close() without a timeout drains everything, then rejects new emits', async () => {
    const s = await sink();
    s.setDelay(50);
    const t = transport({ url: s.url, max_concurrent_requests: 2 });
    for (let i = 0; i < 10; i++) await t.emit(runEvent(`r${i}`, 'START'));
    expect(await t.close()).toBe(true);
    expect(s.events).toHaveLength(10);
    expect(await t.close()).toBe(true); // idempotent
    await expect(t.emit(runEvent('late', 'START'))).rejects.toSatisfy((e: unknown) => TransportError.isInstance(e) && /closed/.test((e as Error).message));
  });

  it('close(timeout) returns in time against a stuck backend, aborting and counting what was left', async () => {
    const s = await sink();
    s.setDelay(20_000);
    const t = transport({ url: s.url, max_concurrent_requests: 2, timeout: 30 });
    for (let i = 0; i < 6; i++) await t.emit(runEvent(`r${i}`, 'START'));
    const started = Date.now();
    expect(await t.close(200)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(t.stats()).toEqual({ pending: 0, success: 0, failed: 2, dropped: 4 });
  });

  it('keeps stats exact under random failures (30% 503, no retries)', async () => {
    const s = await sink();
    let seed = 3;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    s.respondWith(Array.from({ length: 1000 }, () => (rand() < 0.3 ? 503 : 200)));
    const t = transport({ url: s.url, retry: { total: 0 }, max_concurrent_requests: 20 });
    for (let i = 0; i < 500; i++) {
      await t.emit(runEvent(`r${i}`, 'START'));
      await t.emit(runEvent(`r${i}`, 'COMPLETE'));
      const st = t.stats();
      expect(st.pending + st.success + st.failed + st.dropped).toBe(2 * (i + 1));
    }
    await t.flush();
    const st = t.stats();
    expect(st.pending).toBe(0);
    expect(st.success).toBe(s.requests.filter((r) => r.status === 200).length);
    expect(st.failed).toBe(s.requests.filter((r) => r.status === 503).length);
    expect(st.success + st.failed).toBe(1000);
    expect(s.orderViolations()).toBe(0);
  });

  it('sends job and dataset events at once, without ordering', async () => {
    const s = await sink();
    const t = transport({ url: s.url });
    await t.emit({
      eventTime: '2026-01-01T00:00:00Z',
      producer: 'p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
      job: { namespace: 'ns', name: 'j' },
    });
    await t.emit({
      eventTime: '2026-01-01T00:00:00Z',
      producer: 'p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: 'ns', name: 'd' },
    });
    expect(await t.flush(10_000)).toBe(true);
    expect(s.events).toHaveLength(2);
  });

  it('sends exactly the event given, serialized at emit time (later changes to the object do not leak)', async () => {
    const s = await sink();
    s.setDelay(50);
    const t = transport({ url: s.url, max_concurrent_requests: 1 });
    await t.emit(runEvent('busy', 'OTHER'));
    const e = runEvent('r1', 'START');
    await t.emit(e);
    e.job.name = 'changed';
    await t.flush(10_000);
    expect((s.events[1] as RunEvent).job.name).toBe('job');
  });

  it('rejects an event that cannot be serialized, without counting it', async () => {
    const s = await sink();
    const t = transport({ url: s.url });
    const e = runEvent('r1', 'START') as RunEvent & { self?: unknown };
    e.self = e;
    await expect(t.emit(e)).rejects.toSatisfy((err: unknown) => TransportError.isInstance(err) && /serialized/.test((err as Error).message));
    expect(t.stats()).toEqual({ pending: 0, success: 0, failed: 0, dropped: 0 });
  });

  // Issue 19: after two events that could not be serialized, flush() returned true.
  it('flush() is false after events that could not be serialized since the previous flush, then true again', async () => {
    const s = await sink();
    const t = transport({ url: s.url });
    const e = runEvent('r1', 'START') as RunEvent & { self?: unknown };
    e.self = e;
    await expect(t.emit(e)).rejects.toThrow(/serialized/);
    await expect(t.emit(e)).rejects.toThrow(/serialized/);
    await t.emit(runEvent('r2', 'START'));
    expect(await t.flush(10_000)).toBe(false);
    expect(s.events).toHaveLength(1);
    await t.emit(runEvent('r3', 'START'));
    expect(await t.flush(10_000)).toBe(true);
  });
});

describe('async_http config', () => {
  const SEED_YAML = `
transport:
  type: openlineage.client.transport.async_http.AsyncHttpTransport
  url: https://backend:5000
  endpoint: api/v1/lineage
  timeout: 5
  verify: false
  auth:
    type: api_key
    apiKey: f048521b-dfe8-47cd-9c65-0cb07d57591e
  compression: gzip
  max_queue_size: 1000000
  max_concurrent_requests: 100
  retry:
    total: 5
    read: 5
    connect: 5
    backoff_factor: 0.3
    status_forcelist: [500, 502, 503, 504]
    allowed_methods: ["HEAD", "POST"]
`;

  function context(overrides: Partial<TransportContext> = {}): TransportContext {
    return {
      logger: captureLogger(),
      path: ['transport'],
      origin: (p) => `openlineage.yml (${p.join('.')})`,
      baseDir: process.cwd(),
      env: {},
      createChild: () => Promise.reject(new Error('not used')),
      ...overrides,
    };
  }

  async function created(raw: Record<string, unknown>, ctx: TransportContext): Promise<AsyncHttpTransport> {
    const t = await createWith(descriptor, raw, ctx);
    closeLater(t);
    if (!(t instanceof AsyncHttpTransport)) throw new Error('descriptor.create did not build an AsyncHttpTransport');
    return t;
  }

  it('exports the descriptor as default and named, with the Python class path and async-http as aliases', () => {
    expect(descriptorDefault).toBe(descriptor);
    expect(descriptor.type).toBe('async_http');
    expect(descriptor.aliases).toEqual(expect.arrayContaining(['async-http', 'openlineage.client.transport.async_http.AsyncHttpTransport']));
  });

  it('reads the seed’s YAML example', () => {
    const { transport: raw } = parse(SEED_YAML) as { transport: Record<string, unknown> };
    expect(descriptor.aliases).toContain(raw.type);
    const c = parseWith(descriptor, raw, context());
    expect(c).toMatchObject({
      url: 'https://backend:5000',
      endpoint: 'api/v1/lineage',
      target: 'https://backend:5000/api/v1/lineage',
      timeout: 5,
      verify: false,
      compression: 'gzip',
      maxQueueSize: 1_000_000,
      maxConcurrentRequests: 100,
      auth: { type: 'api_key', apiKey: 'f048521b-dfe8-47cd-9c65-0cb07d57591e' },
      retry: { total: 5, read: 5, connect: 5, backoffFactor: 0.3, statusForcelist: [500, 502, 503, 504], allowedMethods: ['HEAD', 'POST'] },
    });
  });

  it('delivers with the seed’s settings (gzip, api key) through the descriptor', async () => {
    const s = await sink();
    const { transport: raw } = parse(SEED_YAML) as { transport: Record<string, unknown> };
    const logger = captureLogger();
    const t = await created({ ...raw, url: s.url }, context({ logger }));
    await t.emit(runEvent('r1', 'START'));
    await t.emit(runEvent('r1', 'COMPLETE'));
    expect(await t.close(10_000)).toBe(true);
    expect(s.requests).toHaveLength(2);
    const req = s.requests[0]!;
    expect(req.headers['content-encoding']).toBe('gzip');
    expect(req.headers.authorization).toBe('Bearer f048521b-dfe8-47cd-9c65-0cb07d57591e');
    expect(req.headers['user-agent']).toMatch(/@ol\/transport-async-http/);
    expect(typeOf(req)).toBe('START');
    expect(logger.lines).toEqual([]);
  });

  it('is found and configured through core from the seed’s openlineage.yml (Python class path as type)', async () => {
    const s = await sink();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-async-http-'));
    fs.writeFileSync(path.join(dir, 'openlineage.yml'), SEED_YAML.replace('https://backend:5000', s.url));
    registerTransport(descriptor);
    try {
      const resolved = resolveConfig({ env: {}, cwd: dir, homeDir: dir });
      const t = await createTransport(resolved.config.transport, { env: {}, origin: resolved.origin, cwd: dir, logger: captureLogger() });
      closeLater(t);
      expect(t).toBeInstanceOf(AsyncHttpTransport);
      expect(t.config).toMatchObject({ maxQueueSize: 1_000_000, maxConcurrentRequests: 100, compression: 'gzip', verify: false });
      await t.emit(runEvent('r1', 'START'));
      expect(await t.close(10_000)).toBe(true);
      expect(s.requests[0]!.headers.authorization).toBe('Bearer f048521b-dfe8-47cd-9c65-0cb07d57591e');
    } finally {
      unregisterTransport('async_http');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is configured from OPENLINEAGE__TRANSPORT__* variables through core', async () => {
    const s = await sink();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-async-http-'));
    const env = {
      OPENLINEAGE__TRANSPORT__TYPE: 'async-http',
      OPENLINEAGE__TRANSPORT__URL: s.url,
      OPENLINEAGE__TRANSPORT__MAX_QUEUE_SIZE: '7',
      OPENLINEAGE__TRANSPORT__MAX_CONCURRENT_REQUESTS: '3',
      OPENLINEAGE__TRANSPORT__COMPRESSION: 'gzip',
      OPENLINEAGE__TRANSPORT__AUTH__TYPE: 'api_key',
      OPENLINEAGE__TRANSPORT__AUTH__API_KEY: 'env-key',
      OPENLINEAGE__TRANSPORT__RETRY__TOTAL: '1',
    };
    registerTransport(descriptor);
    try {
      const resolved = resolveConfig({ env, cwd: dir, homeDir: dir });
      const t = await createTransport(resolved.config.transport, { env, origin: resolved.origin, cwd: dir, logger: captureLogger() });
      closeLater(t);
      expect(t.config).toMatchObject({
        maxQueueSize: 7,
        maxConcurrentRequests: 3,
        compression: 'gzip',
        retry: { total: 1 },
        auth: { type: 'api_key', apiKey: 'env-key' },
      });
      await t.emit(runEvent('r1', 'START'));
      expect(await t.close(10_000)).toBe(true);
      expect(s.requests[0]!.headers.authorization).toBe('Bearer env-key');
      // A bad value names the variable it came from.
      const badEnv = { ...env, OPENLINEAGE__TRANSPORT__MAX_QUEUE_SIZE: 'lots' };
      const bad = resolveConfig({ env: badEnv, cwd: dir, homeDir: dir });
      await expect(createTransport(bad.config.transport, { env: badEnv, origin: bad.origin, cwd: dir, logger: captureLogger() })).rejects.toThrow(
        /OPENLINEAGE__TRANSPORT__MAX_QUEUE_SIZE/,
      );
    } finally {
      unregisterTransport('async_http');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('defaults, camelCase and the lower-case spellings env variables produce', () => {
    expect(normalizeAsyncHttpConfig({ url: 'http://h:5000' })).toMatchObject({
      maxQueueSize: 10_000,
      maxConcurrentRequests: 100,
      endpoint: 'api/v1/lineage',
      timeout: 5,
      verify: true,
    });
    expect(normalizeAsyncHttpConfig({ url: 'http://h', maxQueueSize: 5, maxConcurrentRequests: 2 })).toMatchObject({
      maxQueueSize: 5,
      maxConcurrentRequests: 2,
    });
    // OPENLINEAGE__TRANSPORT__MAX_QUEUE_SIZE=7 and OPENLINEAGE__TRANSPORT__MAXCONCURRENTREQUESTS=3 arrive as strings.
    expect(normalizeAsyncHttpConfig({ url: 'http://h', max_queue_size: '7', maxconcurrentrequests: '3' })).toMatchObject({
      maxQueueSize: 7,
      maxConcurrentRequests: 3,
    });
  });

  it('rejects bad values with a ConfigError naming source, key and value', () => {
    const bad = (raw: Record<string, unknown>) => {
      try {
        parseWith(descriptor, raw, context());
      } catch (e) {
        return e;
      }
      throw new Error('expected a ConfigError');
    };
    const e = bad({ url: 'http://h', max_queue_size: 0 }) as ConfigError;
    expect(ConfigError.isInstance(e)).toBe(true);
    expect(e.path).toBe('transport.max_queue_size');
    expect(e.message).toContain('openlineage.yml');
    expect(e.message).toContain('>= 1');
    const e2 = bad({ url: 'http://h', max_concurrent_requests: 'many' }) as ConfigError;
    expect(e2.path).toBe('transport.max_concurrent_requests');
    expect(e2.actual).toBe('many');
    const e3 = bad({ endpoint: 'x' }) as ConfigError;
    expect(e3.path).toBe('transport.url');
  });

  it('warns about unknown keys and never prints the api key', async () => {
    const logger = captureLogger();
    await created({ url: 'http://127.0.0.1:9', auth: { type: 'api_key', apiKey: 'sekrit-key' }, max_queue: 3 }, context({ logger }));
    const t = await created(
      { url: 'http://127.0.0.1:9', auth: { type: 'api_key', apiKey: 'sekrit-key' }, custom_headers: { 'X-Api-Key': 'header-secret' } },
      context({ logger }),
    );
    expect(logger.lines).toEqual([expect.stringContaining('ignoring unknown option(s) max_queue')]);
    expect(JSON.stringify(logger.lines)).not.toContain('sekrit-key');
    // The normalized config keeps the key (it is needed), but printing the transport never shows it.
    for (const shown of [JSON.stringify(t), inspect(t, { depth: 10 })]) {
      expect(shown).not.toContain('sekrit-key');
      expect(shown).not.toContain('header-secret');
      expect(shown).toContain('maxQueueSize');
    }
  });
});
