import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { RunOrderTracker } from './order.js';
import { selfSignedCertificate } from './self-signed.js';
import { TokenEndpoint, type IssuedToken, type TokenEndpointOptions } from './token-endpoint.js';

/**
 * A real lineage backend on loopback for tests and benchmarks: records every request, decodes
 * gzip, answers scripted statuses and delays, serves HTTPS with a self-signed certificate, can
 * act as a JWT token endpoint, and checks START-before-terminal ordering.
 */
export interface LineageSinkOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Serve HTTPS with a generated self-signed certificate for localhost / 127.0.0.1. */
  tls?: boolean;
  /** Also act as a JWT token endpoint (see `tokenUrl`). */
  token?: TokenEndpointOptions | boolean;
  /** Keep every request in memory (default true). Benchmarks turn this off and read `count`. */
  record?: boolean;
}

/** One scripted answer. A bare number means `{ status: n }`. */
export interface SinkResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Milliseconds to wait before answering (overrides `setDelay`). */
  delayMs?: number;
  /** Drop the connection instead of answering (a read error for the client). */
  destroy?: boolean;
}

export type SinkStep = number | SinkResponse;

export interface RecordedRequest {
  method: string;
  /** Path and query as received, e.g. `/api/v1/lineage`. */
  path: string;
  /** Node's parsed headers (lower-case names). */
  headers: http.IncomingHttpHeaders;
  /** Header names and values in the order they were sent, names as sent. */
  rawHeaders: [string, string][];
  /** Body bytes as received (still gzipped when the client compressed). */
  raw: Buffer;
  /** Body as text after decoding `Content-Encoding: gzip`. */
  body: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  /** Status the sink answered (or will answer) with; 0 when it dropped the connection. */
  status: number;
  receivedAt: number;
}

export interface LineageSink {
  /** Base URL, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** PEM certificate of the HTTPS sink (what a client would trust); undefined for plain HTTP. */
  readonly certificate: string | undefined;
  /** URL of the token endpoint (only meaningful when `token` was enabled). */
  readonly tokenUrl: string;
  /** Events the sink accepted (answered 2xx), in arrival order; a JSON array body adds each element. */
  readonly events: unknown[];
  /** Every lineage request (token requests excluded), in arrival order. */
  readonly requests: RecordedRequest[];
  /** Requests received, including unrecorded ones. */
  readonly count: number;
  /** Token requests and the tokens handed out. */
  readonly tokens: IssuedToken[];
  /** Script the next answers; once used up, the sink answers 200 again. */
  respondWith(sequence: readonly SinkStep[]): void;
  /** Delay every answer by `ms` (scripted `delayMs` wins). */
  setDelay(ms: number): void;
  /**
   * Answer a random share `rate` (0–1) of unscripted requests with `status` (default 503), from a
   * seeded generator so a failing run can be replayed. `failRandomly(0)` turns it off.
   */
  failRandomly(rate: number, options?: { status?: number; seed?: number }): void;
  /** Change the token endpoint's behaviour (enables it when it was off). */
  configureToken(options: TokenEndpointOptions): void;
  /** Number of runs whose COMPLETE/FAIL/ABORT was accepted before their START. */
  orderViolations(): number;
  /** The run ids behind `orderViolations()`. */
  orderViolatingRuns(): string[];
  /** Resolves once `n` events were accepted; rejects after `timeoutMs` (default 10 s). */
  waitForEvents(n: number, timeoutMs?: number): Promise<void>;
  /** Forget recorded requests, events, tokens, script and delay; the token endpoint goes back to its start options. */
  reset(): void;
  close(): Promise<void>;
}

/** mulberry32: a small seeded PRNG, so random failures are reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function toStep(step: SinkStep): SinkResponse {
  return typeof step === 'number' ? { status: step } : step;
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

function decode(raw: Buffer, encoding: string | undefined): Buffer {
  if (encoding?.toLowerCase() === 'gzip') return gunzipSync(raw);
  return raw;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function startLineageSink(options: LineageSinkOptions = {}): Promise<LineageSink> {
  const record = options.record ?? true;
  const host = options.host ?? '127.0.0.1';
  const cert = options.tls ? selfSignedCertificate() : undefined;
  const initialToken = options.token === true ? {} : options.token || undefined;
  let token = initialToken ? new TokenEndpoint(initialToken) : undefined;
  const requests: RecordedRequest[] = [];
  const events: unknown[] = [];
  const order = new RunOrderTracker();
  let script: SinkResponse[] = [];
  let delay = 0;
  let failRate = 0;
  let failStatus = 503;
  let random = seededRandom(1);
  let count = 0;
  /** Events accepted, also when not recorded (waitForEvents works in count-only mode). */
  let accepted = 0;
  let waiters: { n: number; resolve: () => void }[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const accept = (json: unknown): void => {
    for (const event of Array.isArray(json) ? (json as unknown[]) : [json]) {
      if (record) events.push(event);
      accepted++;
      order.record(event);
    }
    if (waiters.length) {
      const ready = waiters.filter((w) => accepted >= w.n);
      waiters = waiters.filter((w) => accepted < w.n);
      for (const w of ready) w.resolve();
    }
  };

  const answer = (res: http.ServerResponse, step: SinkResponse, status: number): void => {
    const send = (): void => {
      if (step.destroy) {
        res.socket?.destroy();
        return;
      }
      const body = step.body ?? '';
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...step.headers });
      res.end(body);
    };
    const wait = step.delayMs ?? delay;
    if (wait <= 0) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, wait);
    timers.add(timer);
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): void => {
    const path = req.url ?? '/';
    if (token && path.split('?')[0] === token.options.path) {
      const { status, body } = token.answer(raw.toString('utf8'));
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    count++;
    let text: string;
    try {
      text = decode(raw, req.headers['content-encoding']).toString('utf8');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('body is not valid gzip');
      return;
    }
    const json = parseJson(text);
    const step = script.shift() ?? (failRate > 0 && random() < failRate ? { status: failStatus } : {});
    const status = step.destroy ? 0 : (step.status ?? 200);
    if (record) {
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, rawHeaders: pairs(req.rawHeaders), raw, body: text, json, status, receivedAt: Date.now() });
    }
    if (status >= 200 && status < 300 && json !== undefined) accept(json);
    answer(res, step, status);
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  };

  const server = cert ? https.createServer({ key: cert.key, cert: cert.cert }, listener) : http.createServer(listener);
  // Long enough that a benchmark's keep-alive connection is never closed under it.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${cert ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | undefined;

  return {
    url,
    port,
    certificate: cert?.cert,
    get tokenUrl() {
      return `${url}${token?.options.path ?? '/token'}`;
    },
    events,
    requests,
    get count() {
      return count;
    },
    get tokens() {
      return token?.issued ?? [];
    },
    respondWith(sequence) {
      script = sequence.map(toStep);
    },
    setDelay(ms) {
      delay = ms;
    },
    failRandomly(rate, o = {}) {
      if (!(rate >= 0 && rate <= 1)) throw new RangeError(`failRandomly: rate must be within 0..1, got ${rate}`);
      failRate = rate;
      failStatus = o.status ?? 503;
      random = seededRandom(o.seed ?? 1);
    },
    configureToken(o) {
      if (token) token.configure(o);
      else token = new TokenEndpoint(o);
    },
    orderViolations: () => order.violatingRuns().length,
    orderViolatingRuns: () => order.violatingRuns(),
    waitForEvents(n, timeoutMs = 10_000) {
      if (accepted >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`lineage sink: expected ${n} events within ${timeoutMs} ms, got ${accepted}`));
        }, timeoutMs);
        const waiter = {
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        waiters.push(waiter);
      });
    },
    reset() {
      requests.length = 0;
      events.length = 0;
      token?.issued.splice(0);
      token = initialToken ? new TokenEndpoint(initialToken) : undefined;
      order.clear();
      script = [];
      delay = 0;
      failRate = 0;
      count = 0;
      accepted = 0;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
