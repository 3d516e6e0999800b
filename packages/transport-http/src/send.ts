import type { Logger } from '@ol/core';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { classifyNetworkError, networkError, statusError, type FailureContext } from './errors.js';
import { RetryState, type AttemptFailure, type RetryConfig } from './retry.js';
import { displayUrl } from './url.js';

export interface HttpRequest {
  url: URL | string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface SendOptions {
  dispatcher: Dispatcher;
  retry: RetryConfig;
  /**
   * Seconds to wait for the answer's headers, and between body chunks, set on each request. Leave it
   * out when the dispatcher already has these timeouts (`createHttpDispatcher` sets them): cheaper.
   */
  timeout?: number;
  /** Transport type for errors, e.g. `http` or `async_http`. */
  transport: string;
  /** Strings scrubbed from errors (api keys, tokens). */
  secrets?: readonly (string | undefined)[];
  /** Aborts the request in flight and any backoff sleep (undici attaches it to every request). */
  signal?: AbortSignal;
  /**
   * Aborts only backoff sleeps and stops further attempts: measurably cheaper than `signal` on the
   * happy path (~8% of a loopback round trip). Pair it with destroying the dispatcher to stop requests.
   */
  sleepSignal?: AbortSignal;
  logger?: Logger;
  /** Read the body of the 2xx answer (up to 1 MiB) into `SendResult.body` instead of discarding it. */
  readBody?: boolean;
}

export interface SendResult {
  status: number;
  attempts: number;
  /** The 2xx answer's body as text, with `readBody`. */
  body?: string;
}

const ERROR_BODY_LIMIT = 1024;
/** Past this much error body the connection is dropped instead of drained. */
const DRAIN_LIMIT = 256 * 1024;
/** Most of a 2xx body `readBody` keeps: a batch summary is far smaller. */
const SUCCESS_BODY_LIMIT = 1024 * 1024;

type Attempt = { ok: true; status: number; body?: string } | { ok: false; failure: AttemptFailure; body?: string; error?: unknown };

/**
 * POSTs one request, retrying per the retry policy; resolves on any 2xx, otherwise rejects with a
 * TransportError (status, first 1 KB of the body, retryable, attempts; secrets scrubbed).
 * `async_http` calls this per request with its own dispatcher.
 */
export async function sendWithRetry(request: HttpRequest, o: SendOptions): Promise<SendResult> {
  const url = typeof request.url === 'string' ? new URL(request.url) : request.url;
  const timeoutMs = o.timeout === undefined ? undefined : Math.max(1, Math.round(o.timeout * 1000));
  // Allocated on the first failure only: the happy path stays as lean as a raw POST.
  let state: RetryState | undefined;
  let shown = '';
  for (let attempts = 1; ; attempts++) {
    const result = await attempt(url, request, o, timeoutMs);
    if (result.ok) return result.body === undefined ? { status: result.status, attempts } : { status: result.status, attempts, body: result.body };
    state ??= new RetryState(o.retry, 'POST');
    shown ||= displayUrl(url);
    const decision = state.next(result.failure);
    if (!decision.retry) {
      const context: FailureContext = {
        transport: o.transport,
        url: shown,
        attempts,
        retryable: decision.retryable,
        exhausted: decision.exhausted,
        secrets: o.secrets ?? [],
      };
      throw result.failure.kind === 'status' ? statusError(result.failure.status, result.body ?? '', context) : networkError(result.error, context);
    }
    o.logger?.debug(
      `${o.transport}: attempt ${attempts} to ${shown} failed (${result.failure.kind === 'status' ? `HTTP ${result.failure.status}` : `${result.failure.kind} error`}); retrying in ${decision.delayMs} ms`,
    );
    const stop = o.signal && o.sleepSignal ? AbortSignal.any([o.signal, o.sleepSignal]) : (o.signal ?? o.sleepSignal);
    if (decision.delayMs > 0 || stop?.aborted) {
      try {
        stop?.throwIfAborted();
        await sleep(decision.delayMs, undefined, stop ? { signal: stop } : undefined);
      } catch (err) {
        const context: FailureContext = { transport: o.transport, url: shown, attempts, retryable: false, exhausted: false, secrets: o.secrets ?? [] };
        throw networkError(err, context);
      }
    }
  }
}

async function attempt(url: URL, request: HttpRequest, o: SendOptions, timeoutMs: number | undefined): Promise<Attempt> {
  let res: Dispatcher.ResponseData;
  try {
    const options: Dispatcher.RequestOptions = {
      origin: url.origin,
      path: url.pathname + url.search,
      method: 'POST',
      headers: request.headers,
      body: request.body,
    };
    if (timeoutMs !== undefined) {
      options.headersTimeout = timeoutMs;
      options.bodyTimeout = timeoutMs;
    }
    if (o.signal) options.signal = o.signal;
    res = await o.dispatcher.request(options);
  } catch (error) {
    return { ok: false, failure: classifyNetworkError(error), error };
  }
  const status = res.statusCode;
  if (status >= 200 && status < 300) {
    if (o.readBody) {
      try {
        return { ok: true, status, body: await readHead(res.body, SUCCESS_BODY_LIMIT) };
      } catch {
        return { ok: true, status, body: '' };
      }
    }
    try {
      await res.body.dump();
    } catch {
      // The answer was already a 2xx: a body we do not read cannot make the delivery fail.
    }
    return { ok: true, status };
  }
  const retryAfter = res.headers['retry-after'];
  let body = '';
  try {
    body = await readHead(res.body);
  } catch {
    // An unreadable error body still leaves a usable status.
  }
  return { ok: false, failure: { kind: 'status', status, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter }, body };
}

/** The first `limit` bytes of the body as text; drains the rest (up to a limit) so the connection can be reused. */
async function readHead(body: Dispatcher.ResponseData['body'], limit = ERROR_BODY_LIMIT): Promise<string> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let seen = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (kept < limit) {
      chunks.push(chunk);
      kept += chunk.length;
    }
    if (seen > Math.max(DRAIN_LIMIT, limit)) break;
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}
