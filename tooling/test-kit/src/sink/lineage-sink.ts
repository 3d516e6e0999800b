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
  /**
   * Whether `POST …/batch` (the spec's `/lineage/batch`) is served (default true). `false` answers
   * batch requests 404; `{ status }` answers them 404, 405 or 501, like backends without the endpoint.
   */
  batch?: boolean | { status: number };
}

/** One event of a batch the sink refuses in a scripted `partial_success` answer. */
export interface FailedBatchEvent {
  /** Position in the batch array. */
  index: number;
  retriable: boolean;
  /** Default `Server error` (retriable) or `Unsupported event type`. */
  reason?: string;
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
  /**
   * Batch requests only: answer 200 `partial_success` with these events failed (indices beyond the
   * batch are left out); every other event of the batch is accepted.
   */
  failEvents?: readonly FailedBatchEvent[];
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
  /** Sent to a path ending in `/batch` (the spec's batch endpoint). */
  batch: boolean;
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
  /** The batch requests among `requests`. */
  readonly batches: RecordedRequest[];
  /** Requests received, including unrecorded ones. */
  readonly count: number;
  /** Batch requests received (whatever the answer), including unrecorded ones. */
  readonly batchCount: number;
  /** Events accepted (answered 2xx), including unrecorded ones: `events.length` when recording. */
  readonly accepted: number;
  /** Token requests and the tokens handed out. */
  readonly tokens: IssuedToken[];
  /** Script the next answers; once used up, the sink answers 200 again. */
  respondWith(sequence: readonly SinkStep[]): void;
  /** Delay every answer by `ms` (scripted `delayMs` wins). */
  setDelay(ms: number): void;
  /** Serve the batch endpoint (`true`), or answer batch requests with 404 (`false`) or `{ status }` (404, 405, 501…). */
  setBatch(support: boolean | { status: number }): void;
  /**
   * Answer a random share `rate` (0–1) of unscripted requests with `status` (default 503), from a
   * seeded generator so a failing run can be replayed. `failRandomly(0)` turns it off.
   */
  failRandomly(rate: number, options?: { status?: number; seed?: number }): void;
  /** Change the token endpoint's behaviour (enables it when it was off). */
  configureToken(options: TokenEndpointOptions): void;
  /** Number of runs whose COMPLETE/FAIL/ABORT was accepted before their START (events of a batch count in array order). */
  orderViolations(): number;
  /** The run ids behind `orderViolations()`. */
  orderViolatingRuns(): string[];
  /** Resolves once `n` events were accepted; rejects after `timeoutMs` (default 10 s). */
  waitForEvents(n: number, timeoutMs?: number): Promise<void>;
  /** Forget recorded requests, events, tokens, script and delay; batch support and the token endpoint go back to their start options. */
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

/** A status answered to batch requests, or undefined when the endpoint is served. */
function unsupportedStatus(support: boolean | { status: number } | undefined): number | undefined {
  if (support === undefined || support === true) return undefined;
  return support === false ? 404 : support.status;
}

/** The spec's 200 answer to a batch: `success`, or `partial_success` listing the failed events. */
function batchAnswer(received: number, failed: readonly FailedBatchEvent[]): string {
  const retriable = failed.filter((f) => f.retriable).length;
  return JSON.stringify({
    status: failed.length ? 'partial_success' : 'success',
    summary: { received, successful: received - failed.length, failed: failed.length, retriable, non_retriable: failed.length - retriable },
    failed_events: failed.map((f) => ({
      index: f.index,
      reason: f.reason ?? (f.retriable ? 'Server error' : 'Unsupported event type'),
      retriable: f.retriable,
    })),
  });
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
  let batchCount = 0;
  let batchUnsupported = unsupportedStatus(options.batch);
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
    const batch = path.split('?')[0]!.endsWith('/batch');
    let step: SinkResponse;
    if (batch) {
      batchCount++;
      // A backend without the endpoint answers the same whatever the script says.
      step =
        batchUnsupported !== undefined
          ? { status: batchUnsupported, headers: { 'content-type': 'text/plain' }, body: http.STATUS_CODES[batchUnsupported] ?? 'Unsupported' }
          : batchStep(json, script.shift() ?? randomStep());
    } else step = script.shift() ?? randomStep();
    const status = step.destroy ? 0 : (step.status ?? 200);
    if (record) {
      requests.push({
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        rawHeaders: pairs(req.rawHeaders),
        raw,
        body: text,
        json,
        status,
        batch,
        receivedAt: Date.now(),
      });
    }
    if (status >= 200 && status < 300 && json !== undefined) {
      if (batch && step.failEvents?.length) {
        const refused = new Set(step.failEvents.map((f) => f.index));
        accept((json as unknown[]).filter((_, i) => !refused.has(i)));
      } else accept(json);
    }
    answer(res, step, status);
  };

  const randomStep = (): SinkResponse => (failRate > 0 && random() < failRate ? { status: failStatus } : {});

  /** What a batch request gets: 400 unless the body is an array; a 200 answer gets the spec's summary body. */
  const batchStep = (json: unknown, step: SinkResponse): SinkResponse => {
    if (!Array.isArray(json)) return { status: 400, body: 'expected a JSON array of events' };
    const status = step.status ?? 200;
    if (step.destroy || status !== 200 || step.body !== undefined) return step;
    const failed = (step.failEvents ?? []).filter((f) => f.index >= 0 && f.index < json.length);
    return { ...step, failEvents: failed, body: batchAnswer(json.length, failed) };
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
    get batches() {
      return requests.filter((r) => r.batch);
    },
    get count() {
      return count;
    },
    get batchCount() {
      return batchCount;
    },
    get accepted() {
      return accepted;
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
    setBatch(support) {
      batchUnsupported = unsupportedStatus(support);
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
      batchCount = 0;
      batchUnsupported = unsupportedStatus(options.batch);
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
