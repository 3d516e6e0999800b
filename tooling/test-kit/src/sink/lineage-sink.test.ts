import { spawn } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startLineageSink, type LineageSink } from './lineage-sink.js';

let sink: LineageSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

const run = (runId: string, eventType: string) => ({ eventType, eventTime: new Date().toISOString(), run: { runId }, job: { namespace: 'n', name: 'j' } });

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  await res.arrayBuffer();
  return res.status;
}

describe('lineage sink', () => {
  it('records headers in order, raw and decoded bodies, and accepted events', async () => {
    sink = await startLineageSink();
    const event = run('r1', 'START');
    const raw = gzipSync(JSON.stringify(event));
    expect(await post(`${sink.url}/api/v1/lineage`, raw, { 'Content-Encoding': 'gzip', 'X-First': 'a' })).toBe(200);
    const [req] = sink.requests;
    expect(req?.path).toBe('/api/v1/lineage');
    expect(req?.raw.equals(raw)).toBe(true);
    expect(req?.json).toEqual(event);
    expect(req?.headers['x-first']).toBe('a');
    const names = req!.rawHeaders.map(([n]) => n.toLowerCase());
    expect(names.indexOf('content-encoding')).toBeLessThan(names.indexOf('x-first'));
    expect(sink.events).toEqual([event]);
  });

  it('answers a scripted status sequence, then 200; only 2xx bodies count as events', async () => {
    sink = await startLineageSink();
    sink.respondWith([503, { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' }, 201]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await post(sink.url, JSON.stringify(run(`r${i}`, 'START'))));
    expect(statuses).toEqual([503, 429, 201, 200]);
    expect(sink.requests.map((r) => r.status)).toEqual([503, 429, 201, 200]);
    expect(sink.events).toHaveLength(2);
  });

  it('fails a seeded random share of unscripted requests; the same seed replays the same answers', async () => {
    sink = await startLineageSink();
    const answers = async () => {
      const out: number[] = [];
      for (let i = 0; i < 200; i++) out.push(await post(sink!.url, JSON.stringify(run(`r${i}`, 'START'))));
      return out;
    };
    sink.failRandomly(0.3, { seed: 42 });
    const first = await answers();
    const failures = first.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
    expect(sink.events).toHaveLength(200 - failures);
    sink.respondWith([418]);
    expect(await post(sink.url, '{}')).toBe(418);
    sink.failRandomly(0.3, { seed: 42 });
    expect(await answers()).toEqual(first);
    sink.reset();
    expect(await post(sink.url, '{}')).toBe(200);
    expect(() => sink!.failRandomly(1.5)).toThrow(RangeError);
  });

  it('delays answers', async () => {
    sink = await startLineageSink();
    sink.setDelay(150);
    const started = Date.now();
    await post(sink.url, '{}');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('counts runs whose terminal event arrived before their START', async () => {
    sink = await startLineageSink();
    for (const [id, type] of [
      ['a', 'START'],
      ['a', 'COMPLETE'],
      ['b', 'FAIL'],
      ['b', 'START'],
      ['c', 'ABORT'],
    ] as const) {
      await post(sink.url, JSON.stringify(run(id, type)));
    }
    expect(sink.orderViolations()).toBe(1);
    expect(sink.orderViolatingRuns()).toEqual(['b']);
  });

  it('serves HTTPS with a self-signed certificate', async () => {
    sink = await startLineageSink({ tls: true });
    expect(sink.url.startsWith('https://')).toBe(true);
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request(sink!.url, { method: 'POST', rejectUnauthorized: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(200);
    await expect(fetch(sink.url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('acts as a token endpoint', async () => {
    sink = await startLineageSink({ token: { expiresIn: 60, expClaimIn: 120 } });
    const res = await fetch(sink.tokenUrl, { method: 'POST', body: new URLSearchParams({ apikey: 'k', grant_type: 'g' }) });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.expires_in).toBe(60);
    const claims = JSON.parse(Buffer.from(String(body.access_token).split('.')[1]!, 'base64url').toString()) as { exp: number };
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    expect(sink.tokens[0]?.form).toMatchObject({ apikey: 'k', grant_type: 'g' });
    expect(sink.requests).toHaveLength(0);
  });

  it('drops the connection on a `destroy` step and waits for events', async () => {
    sink = await startLineageSink();
    sink.respondWith([{ destroy: true }]);
    await expect(post(sink.url, '{}')).rejects.toThrow();
    expect(sink.requests[0]?.status).toBe(0);
    const waiting = sink.waitForEvents(2, 5000);
    await post(sink.url, JSON.stringify(run('a', 'START')));
    await post(sink.url, JSON.stringify(run('a', 'COMPLETE')));
    await waiting;
    await expect(sink.waitForEvents(3, 50)).rejects.toThrow(/expected 3 events/);
  });

  it('without recording it only counts; reset forgets everything and restores the token options', async () => {
    sink = await startLineageSink({ record: false, token: { expiresIn: 5 } });
    await post(sink.url, '{}');
    await sink.waitForEvents(1, 1000);
    expect(sink.count).toBe(1);
    expect(sink.accepted).toBe(1);
    expect(sink.requests).toHaveLength(0);
    sink.configureToken({ expiresIn: null });
    sink.reset();
    expect(sink.count).toBe(0);
    const body = (await (await fetch(sink.tokenUrl, { method: 'POST', body: '' })).json()) as Record<string, unknown>;
    expect(body.expires_in).toBe(5);
  });

  describe('batch endpoint', () => {
    const batchUrl = () => `${sink!.url}/api/v1/lineage/batch`;
    async function postJson(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      const text = await res.text();
      return { status: res.status, json: res.headers.get('content-type') === 'application/json' && text ? (JSON.parse(text) as unknown) : text || undefined };
    }

    it('accepts an array, answers the spec summary, records the request as a batch and keeps events one by one', async () => {
      sink = await startLineageSink();
      const events = [run('r1', 'START'), run('r1', 'COMPLETE'), run('r2', 'START')];
      const { status, json } = await postJson(batchUrl(), events);
      expect(status).toBe(200);
      expect(json).toEqual({ status: 'success', summary: { received: 3, successful: 3, failed: 0, retriable: 0, non_retriable: 0 }, failed_events: [] });
      expect(sink.events).toEqual(events);
      expect(sink.batches).toHaveLength(1);
      expect(sink.batches[0]!.batch).toBe(true);
      expect(sink.batchCount).toBe(1);
      // START then COMPLETE of one run inside one batch is in order.
      expect(sink.orderViolations()).toBe(0);
    });

    it('counts a COMPLETE in an earlier batch than its START as a violation', async () => {
      sink = await startLineageSink();
      await postJson(batchUrl(), [run('r1', 'COMPLETE')]);
      await postJson(batchUrl(), [run('r1', 'START')]);
      expect(sink.orderViolatingRuns()).toEqual(['r1']);
    });

    it('answers a scripted partial success and accepts only the events not listed', async () => {
      sink = await startLineageSink();
      sink.respondWith([
        {
          failEvents: [
            { index: 1, retriable: true },
            { index: 2, retriable: false, reason: 'Unsupported facets' },
            { index: 9, retriable: true },
          ],
        },
      ]);
      const events = [run('a', 'START'), run('b', 'START'), run('c', 'START'), run('d', 'START')];
      const { status, json } = await postJson(batchUrl(), events);
      expect(status).toBe(200);
      expect(json).toEqual({
        status: 'partial_success',
        summary: { received: 4, successful: 2, failed: 2, retriable: 1, non_retriable: 1 },
        failed_events: [
          { index: 1, reason: 'Server error', retriable: true },
          { index: 2, reason: 'Unsupported facets', retriable: false },
        ],
      });
      expect(sink.events).toEqual([events[0], events[3]]);
    });

    it('can be switched off: batch requests get 404, 405 or 501 and nothing is accepted; single requests still work', async () => {
      sink = await startLineageSink({ batch: false });
      expect((await postJson(batchUrl(), [run('a', 'START')])).status).toBe(404);
      for (const code of [405, 501]) {
        sink.setBatch({ status: code });
        expect((await postJson(batchUrl(), [run('a', 'START')])).status).toBe(code);
      }
      expect(sink.events).toHaveLength(0);
      expect(await post(`${sink.url}/api/v1/lineage`, JSON.stringify(run('a', 'START')))).toBe(200);
      sink.setBatch(true);
      expect((await postJson(batchUrl(), [run('b', 'START')])).status).toBe(200);
      expect(sink.events).toHaveLength(2);
      expect(sink.batchCount).toBe(4);
    });

    it('answers 400 to a batch that is not an array and decodes gzip batches', async () => {
      sink = await startLineageSink();
      expect(await post(batchUrl(), JSON.stringify(run('a', 'START')))).toBe(400);
      const events = [run('a', 'START'), run('a', 'COMPLETE')];
      expect(await post(batchUrl(), gzipSync(JSON.stringify(events)), { 'Content-Encoding': 'gzip' })).toBe(200);
      expect(sink.events).toEqual(events);
    });

    it('answers 204 with no body when scripted', async () => {
      sink = await startLineageSink();
      sink.respondWith([204]);
      const res = await postJson(batchUrl(), [run('a', 'START')]);
      expect(res).toEqual({ status: 204, json: undefined });
      expect(sink.events).toHaveLength(1);
    });
  });

  it('runs as a command that prints the port it listens on', async () => {
    const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'bin', 'lineage-sink.js');
    const child = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        child.stdout.once('data', (d: string) => resolve(d));
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const port = /^listening on (\d+)/.exec(line)?.[1];
      expect(port).toBeDefined();
      expect(await post(`http://127.0.0.1:${port}/api/v1/lineage`, '{}')).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
