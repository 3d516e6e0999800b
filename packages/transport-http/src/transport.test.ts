import { TransportError } from '@ol/core';
import { transportErrorOf } from '@ol/test-kit';
import net from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FAST, closeOpened, recordingLogger, runEvent, sink, transport } from './test-util.js';
import { USER_AGENT } from './version.js';

afterEach(closeOpened);

describe('http transport against the lineage sink', () => {
  it('POSTs the event as JSON to url + endpoint and resolves on 2xx', async () => {
    const s = await sink();
    const t = transport({ url: s.url });
    const event = runEvent();
    await t.emit(event);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]!.method).toBe('POST');
    expect(s.requests[0]!.path).toBe('/api/v1/lineage');
    expect(s.requests[0]!.json).toEqual(event);
    expect(s.events).toEqual([event]);
  });

  it.each([500, 502, 503, 504])('retries %i, then succeeds', async (status) => {
    const s = await sink();
    s.respondWith([status, status, 200]);
    const t = transport({ url: s.url, retry: FAST });
    await t.emit(runEvent());
    expect(s.requests.map((r) => r.status)).toEqual([status, status, 200]);
    expect(s.events).toHaveLength(1);
  });

  it('accepts any 2xx', async () => {
    const s = await sink();
    s.respondWith([201, 202, 204]);
    const t = transport({ url: s.url });
    for (let i = 0; i < 3; i++) await t.emit(runEvent());
    expect(s.requests.map((r) => r.status)).toEqual([201, 202, 204]);
  });

  it.each([400, 401, 404, 413, 429, 501])('fails at once on %i (no Retry-After) with status, body and attempts', async (status) => {
    const s = await sink();
    s.respondWith([{ status, body: `nope ${status}` }]);
    const t = transport({ url: s.url, retry: FAST });
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(s.requests).toHaveLength(1);
    expect(err.status).toBe(status);
    expect(err.body).toBe(`nope ${status}`);
    expect(err.retryable).toBe(false);
    expect(err.attempts).toBe(1);
    expect(err.transport).toBe('http');
  });

  it('gives up after `total` retries (total + 1 attempts) with a retryable error', async () => {
    const s = await sink();
    s.respondWith(Array<number>(10).fill(503));
    const t = transport({ url: s.url, retry: { ...FAST, total: 3 } });
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(s.requests).toHaveLength(4);
    expect(err.status).toBe(503);
    expect(err.attempts).toBe(4);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('retries exhausted');
  });

  it('default retry config: 6 attempts on a persistent 500 (urllib3 total=5)', async () => {
    const s = await sink();
    s.respondWith(Array<number>(10).fill(500));
    const t = transport({ url: s.url, retry: FAST });
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(err.attempts).toBe(6);
    expect(s.requests).toHaveLength(6);
  });

  it('a custom status_forcelist replaces the default one', async () => {
    const s = await sink();
    s.respondWith([429, 500]);
    const t = transport({ url: s.url, retry: { ...FAST, status_forcelist: [429] } });
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(s.requests.map((r) => r.status)).toEqual([429, 500]);
    expect(err.status).toBe(500);
  });

  it('allowed_methods without POST disables status retries', async () => {
    const s = await sink();
    s.respondWith([503, 200]);
    const t = transport({ url: s.url, retry: { ...FAST, allowed_methods: ['HEAD'] } });
    await transportErrorOf(t.emit(runEvent()));
    expect(s.requests).toHaveLength(1);
  });

  it('backs off backoff_factor * 2^(k-1) after the k-th failure, 0 after the first', async () => {
    const s = await sink();
    s.respondWith([503, 503, 503, 200]);
    const t = transport({ url: s.url, retry: { backoff_factor: 0.5 } });
    await t.emit(runEvent());
    const at = s.requests.map((r) => r.receivedAt);
    const gaps = at.slice(1).map((v, i) => v - at[i]!);
    // Expected sleeps 0, 1000, 2000 ms. Lower bounds are exact; the upper one is generous for a busy machine.
    expect(gaps[0]!).toBeLessThan(900);
    expect(gaps[1]!).toBeGreaterThanOrEqual(990);
    expect(gaps[2]!).toBeGreaterThanOrEqual(1990);
  });

  it.each([429, 413, 503])('honours Retry-After on %i', async (status) => {
    const s = await sink();
    s.respondWith([{ status, headers: { 'Retry-After': '1' } }, 200]);
    const t = transport({ url: s.url, retry: FAST });
    await t.emit(runEvent());
    expect(s.requests).toHaveLength(2);
    expect(s.requests[1]!.receivedAt - s.requests[0]!.receivedAt).toBeGreaterThanOrEqual(990);
  });

  it('ignores Retry-After on statuses outside 413/429/503', async () => {
    const s = await sink();
    s.respondWith([{ status: 500, headers: { 'Retry-After': '5' } }, 200]);
    const t = transport({ url: s.url, retry: FAST });
    const started = Date.now();
    await t.emit(runEvent());
    expect(Date.now() - started).toBeLessThan(4000);
    expect(s.requests).toHaveLength(2);
  });

  it('times out a slow answer, retries it as a read error, and reports the attempts', async () => {
    const s = await sink();
    // undici checks header/body timeouts on a ~0.5 s tick, so the delay is well past timeout + tick.
    s.setDelay(3000);
    const t = transport({ url: s.url, timeout: 0.2, retry: { ...FAST, total: 1 } });
    const started = Date.now();
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(Date.now() - started).toBeLessThan(5500);
    expect(err.attempts).toBe(2);
    expect(err.retryable).toBe(true);
    expect(err.status).toBeUndefined();
    expect(err.cause).toBeDefined();
  });

  it('`read` limits retries of dropped connections', async () => {
    const s = await sink();
    s.respondWith([{ destroy: true }, { destroy: true }, { destroy: true }]);
    const t = transport({ url: s.url, retry: { ...FAST, read: 1 } });
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(err.attempts).toBe(2);
    s.respondWith([{ destroy: true }, 200]);
    await t.emit(runEvent());
  });

  it('`connect` limits retries when nothing listens', async () => {
    const port = await freePort();
    const t = transport({ url: `http://127.0.0.1:${port}`, retry: { ...FAST, connect: 2 } });
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(err.attempts).toBe(3);
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('gzips at level 3 with Content-Encoding and the bytes round-trip', async () => {
    const s = await sink();
    const t = transport({ url: s.url, compression: 'gzip' });
    const event = runEvent();
    await t.emit(event);
    const req = s.requests[0]!;
    expect(req.headers['content-encoding']).toBe('gzip');
    expect(req.raw[0]).toBe(0x1f);
    expect(req.raw[1]).toBe(0x8b);
    expect(JSON.parse(gunzipSync(req.raw).toString('utf8'))).toEqual(event);
    expect(s.events).toEqual([event]);
  });

  it('sends headers in order: Content-Type, Authorization, custom, Content-Encoding; User-Agent names the client', async () => {
    const s = await sink();
    const t = transport({ url: s.url, compression: 'gzip', auth: { type: 'api_key', apiKey: 'k-123456' }, custom_headers: { 'X-One': '1', 'X-Two': '2' } });
    await t.emit(runEvent());
    const names = s.requests[0]!.rawHeaders.map(([n]) => n);
    const ours = names.filter((n) => ['content-type', 'authorization', 'x-one', 'x-two', 'content-encoding', 'user-agent'].includes(n.toLowerCase()));
    expect(ours).toEqual(['Content-Type', 'Authorization', 'X-One', 'X-Two', 'Content-Encoding', 'User-Agent']);
    expect(s.requests[0]!.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^openlineage-typescript\/\d+\.\d+\.\d+ \(@ol\/transport-http; node\//);
  });

  it('custom headers override Content-Type, Authorization and User-Agent (case-insensitively), not Content-Encoding', async () => {
    const s = await sink();
    const t = transport({
      url: s.url,
      compression: 'gzip',
      auth: { type: 'api_key', apiKey: 'k-123456' },
      customHeaders: { 'content-type': 'application/vnd.custom+json', authorization: 'Basic abc', 'User-Agent': 'mine/1', 'Content-Encoding': 'br' },
    });
    await t.emit(runEvent());
    const h = s.requests[0]!.headers;
    expect(h['content-type']).toBe('application/vnd.custom+json');
    expect(h.authorization).toBe('Basic abc');
    expect(h['user-agent']).toBe('mine/1');
    expect(h['content-encoding']).toBe('gzip');
    expect(s.requests[0]!.rawHeaders.filter(([n]) => n.toLowerCase() === 'authorization')).toHaveLength(1);
  });

  it('api_key auth sends Bearer <key>, and the key never appears in errors or logs', async () => {
    const s = await sink();
    const secret = 'sk-very-secret-0001';
    // A backend that echoes the Authorization header into its error body.
    s.respondWith([200, { status: 400, body: `bad token Bearer ${secret}` }, ...Array<number>(6).fill(503)]);
    const { lines, logger } = recordingLogger();
    const t = transport({ url: s.url, retry: FAST, auth: { type: 'api_key', api_key: secret } }, { logger });
    await t.emit(runEvent());
    expect(s.requests[0]!.headers.authorization).toBe(`Bearer ${secret}`);
    const err = await transportErrorOf(t.emit(runEvent()));
    const err2 = await transportErrorOf(t.emit(runEvent()));
    for (const e of [err, err2]) {
      expect(JSON.stringify({ message: e.message, body: e.body, stack: e.stack })).not.toContain(secret);
    }
    expect(err.body).toContain('***');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(secret);
    expect(JSON.stringify(t.config)).toContain(secret); // the config keeps it: printing goes through core's redact
  });

  it('strips user info from URLs in errors', async () => {
    const s = await sink();
    s.respondWith([400]);
    const t = transport({ url: s.url.replace('http://', 'http://user:pa55word@') });
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(err.message).not.toContain('pa55word');
  });

  it('verify: true rejects the self-signed HTTPS sink without retrying; verify: false accepts it', async () => {
    const s = await sink({ tls: true });
    const strict = transport({ url: s.url, retry: FAST });
    const err = await transportErrorOf(strict.emit(runEvent()));
    expect(err.retryable).toBe(false);
    expect(err.attempts).toBe(1);
    expect(err.message).toMatch(/certificate|self[- ]signed/i);
    expect(s.requests).toHaveLength(0);
    const lax = transport({ url: s.url, verify: false });
    await lax.emit(runEvent());
    expect(s.events).toHaveLength(1);
    // Only that transport is lax: the strict one still refuses.
    await transportErrorOf(strict.emit(runEvent()));
  });

  it('reuses one keep-alive connection across emits', async () => {
    const s = await sink();
    const t = transport({ url: s.url });
    for (let i = 0; i < 5; i++) await t.emit(runEvent());
    const ports = new Set(s.requests.map((r) => r.headers.host));
    expect(ports.size).toBe(1);
    expect(s.requests.every((r) => r.headers.connection !== 'close')).toBe(true);
  });

  it('concurrent emits share a bounded pool and all arrive', async () => {
    const s = await sink();
    s.setDelay(20);
    const t = transport({ url: s.url });
    await Promise.all(Array.from({ length: 40 }, () => t.emit(runEvent())));
    expect(s.events).toHaveLength(40);
  });

  it('an event that cannot be serialized rejects with a TransportError and sends nothing', async () => {
    const s = await sink();
    const t = transport({ url: s.url });
    const event = runEvent() as unknown as Record<string, unknown>;
    event.self = event;
    const err = await transportErrorOf(t.emit(event as never));
    expect(err.retryable).toBe(false);
    expect(s.requests).toHaveLength(0);
  });

  it('close() is idempotent and later emits reject', async () => {
    const s = await sink();
    const t = transport({ url: s.url });
    await t.emit(runEvent());
    expect(await t.close()).toBe(true);
    expect(await t.close()).toBe(true);
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(err.message).toContain('closed');
  });

  it('close() waits for an emit that is backing off between retries; flush() reports it', async () => {
    const s = await sink();
    s.respondWith([503, 503, 200]);
    const t = transport({ url: s.url, retry: { backoff_factor: 0.15 } });
    let delivered = false;
    const pending = t.emit(runEvent()).then(() => {
      delivered = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(await t.flush(10)).toBe(false);
    expect(await t.close(10_000)).toBe(true);
    expect(delivered).toBe(true);
    await pending;
    expect(await t.flush(0)).toBe(true);
  });

  it('close(timeout) aborts a long Retry-After sleep and returns false in time', async () => {
    const s = await sink();
    s.respondWith([{ status: 503, headers: { 'Retry-After': '60' } }]);
    const t = transport({ url: s.url });
    const pending = t.emit(runEvent()).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    expect(await t.close(200)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    const err = await pending;
    expect(TransportError.isInstance(err)).toBe(true);
    expect(s.requests).toHaveLength(1);
  });

  it('close(timeout) gives up on a hanging request and returns false in time', async () => {
    const s = await sink();
    s.setDelay(5000);
    const t = transport({ url: s.url, timeout: 30 });
    const pending = t.emit(runEvent()).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    expect(await t.close(200)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(TransportError.isInstance(await pending)).toBe(true);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

// Issue 19: one definition of flush()/close() for every transport (see @ol/delivery's README).
describe('http flush and close results', () => {
  it('flush is false after an emit that failed or could not be serialized since the previous flush, then true again', async () => {
    const s = await sink();
    const t = transport({ url: s.url, retry: FAST });
    s.respondWith([{ status: 400, body: 'bad' }]);
    await expect(t.emit(runEvent())).rejects.toThrow(/400/);
    await t.emit(runEvent());
    expect(await t.flush()).toBe(false);
    expect(await t.flush()).toBe(true);
    const cyclic = runEvent() as ReturnType<typeof runEvent> & { self?: unknown };
    cyclic.self = cyclic;
    await expect(t.emit(cyclic)).rejects.toThrow(/serialized/);
    expect(await t.flush()).toBe(false);
    await t.emit(runEvent());
    expect(await t.close()).toBe(true);
  });

  it('close is false when an emit since the previous flush failed', async () => {
    const s = await sink();
    const t = transport({ url: s.url, retry: FAST });
    s.respondWith([{ status: 400, body: 'bad' }]);
    await expect(t.emit(runEvent())).rejects.toThrow(/400/);
    expect(await t.close()).toBe(false);
    expect(await t.close()).toBe(false);
  });
});
