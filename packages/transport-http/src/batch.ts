import { type Logger, TransportError } from '@ol/core';
import { rateLimited } from '@ol/core/internal';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { BatchConfig } from './batch-config.js';
import { networkError } from './errors.js';
import { encodeBody } from './request.js';
import { backoffMs, type RetryConfig } from './retry.js';
import { sendWithRetry } from './send.js';
import { displayUrl } from './url.js';

/** Answers to the first batch requests that mean "no batch endpoint here". */
export const BATCH_UNSUPPORTED_STATUSES: ReadonlySet<number> = new Set([404, 405, 501]);

/** One event a backend refused in a `partial_success` answer (`index` into the batch as sent). */
export interface BatchEventFailure {
  index: number;
  reason: string;
  retriable: boolean;
}

/**
 * The failed events of a 2xx batch answer: 204, a body that is not JSON, or any status but
 * `partial_success` mean all were accepted. Indices outside the batch and repeats are ignored; an
 * entry without `retriable: true` is not retried (re-sending could duplicate what the backend kept).
 */
export function parseBatchAnswer(status: number, body: string | undefined, size: number): { failures: BatchEventFailure[]; unexplained: boolean } {
  const none = { failures: [], unexplained: false };
  if (status === 204 || !body) return none;
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return none;
  }
  if (typeof answer !== 'object' || answer === null || (answer as { status?: unknown }).status !== 'partial_success') return none;
  const listed = (answer as { failed_events?: unknown }).failed_events;
  const seen = new Set<number>();
  const failures: BatchEventFailure[] = [];
  for (const f of Array.isArray(listed) ? (listed as unknown[]) : []) {
    if (typeof f !== 'object' || f === null) continue;
    const { index, reason, retriable } = f as { index?: unknown; reason?: unknown; retriable?: unknown };
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= size || seen.has(index)) continue;
    seen.add(index);
    failures.push({ index, reason: typeof reason === 'string' && reason ? reason : 'no reason given', retriable: retriable === true });
  }
  const failed = (answer as { summary?: { failed?: unknown } }).summary?.failed;
  return { failures, unexplained: failures.length === 0 && typeof failed === 'number' && failed > 0 };
}

export interface BatchSenderOptions {
  /** Transport type for errors and logs. */
  transport: string;
  batch: BatchConfig;
  /** The single-event target, for the fallback and for events larger than `maxBytes`. */
  single: URL | string;
  compression: 'gzip' | undefined;
  retry: RetryConfig;
  dispatcher: Dispatcher;
  logger: Logger;
  /** Called once, when the backend turned out to have no batch endpoint. */
  onUnsupported?: () => void;
}

/** What one `send` needs per call: the headers of the moment (auth may change) and what stops backoff sleeps. */
export interface BatchRequest {
  headers: Record<string, string>;
  secrets: readonly string[];
  sleepSignal?: AbortSignal;
}

/**
 * Sends batches to the batch endpoint and settles each event: undefined when delivered, a
 * TransportError when not. Whole-batch failures go through `sendWithRetry` (status_forcelist,
 * connection errors, Retry-After); the retriable events of a `partial_success` are re-sent alone
 * in a later request after a backoff, at most `retry.total` times. A 404, 405 or 501 before any
 * batch was accepted means the backend has no batch endpoint: one warning, then every event of
 * this and later batches goes by single POSTs, in order, for the sender's lifetime.
 */
export class BatchSender {
  #support: 'unknown' | 'yes' | 'no' = 'unknown';
  readonly #o: BatchSenderOptions;
  readonly #batchUrl: URL;
  readonly #singleUrl: URL;
  readonly #warnRefused: (message: string) => void;

  constructor(options: BatchSenderOptions) {
    this.#o = options;
    this.#warnRefused = rateLimited((m) => options.logger.warn(m));
    this.#batchUrl = new URL(options.batch.target);
    this.#singleUrl = new URL(options.single);
  }

  /** True once the backend answered a first batch with 404, 405 or 501. */
  get unsupported(): boolean {
    return this.#support === 'no';
  }

  /** Settles every event of `jsons` (one batch, within the limits; a lone event over `maxBytes` goes by single POST). */
  async send(jsons: readonly EventJson[], request: BatchRequest): Promise<(TransportError | undefined)[]> {
    const results = new Array<TransportError | undefined>(jsons.length).fill(undefined);
    const all = jsons.map((_, i) => i);
    if (this.#support === 'no' || (jsons.length === 1 && Buffer.byteLength(jsons[0]!) + 2 > this.#o.batch.maxBytes)) {
      await this.sendSingly(jsons, all, results, request);
      return results;
    }
    let pending = all;
    for (let round = 1; ; round++) {
      let status: number;
      let body: string | undefined;
      try {
        ({ status, body } = await sendWithRetry(
          { url: this.#batchUrl, headers: request.headers, body: encodeBody(jsonArray(jsons, pending), this.#o.compression) },
          this.#sendOptions(request, true),
        ));
      } catch (err) {
        const error = asTransportError(err, this.#o.transport);
        if (this.#support !== 'yes' && error.status !== undefined && BATCH_UNSUPPORTED_STATUSES.has(error.status)) {
          this.#markUnsupported(error.status);
          await this.sendSingly(jsons, pending, results, request);
        } else for (const i of pending) results[i] = error;
        return results;
      }
      this.#support = 'yes';
      const { failures, unexplained } = parseBatchAnswer(status, body, pending.length);
      if (unexplained)
        this.#o.logger.warn(`${this.#o.transport}: the backend answered partial_success without saying which events failed; counting the batch delivered`);
      const again: number[] = [];
      for (const f of failures) {
        const i = pending[f.index]!;
        if (f.retriable) again.push(i);
        else {
          this.#o.logger.debug(`${this.#o.transport}: the backend refused an event of a batch for good: ${f.reason}`);
          this.#warnRefused(`${this.#o.transport}: the backend refused an event of a batch for good (not retried): ${f.reason}`);
          results[i] = refused(this.#o.transport, f.reason, false, round);
        }
      }
      if (again.length === 0) return results;
      // Emit order among the events re-sent.
      again.sort((a, b) => a - b);
      const reasons = new Map(failures.map((f) => [pending[f.index]!, f.reason]));
      if (round > this.#o.retry.total) {
        for (const i of again) results[i] = refused(this.#o.transport, `${reasons.get(i) ?? 'no reason given'} (retries exhausted)`, true, round);
        return results;
      }
      const delay = backoffMs(this.#o.retry.backoffFactor, round + 1, this.#o.retry.backoffMax * 1000);
      this.#o.logger.debug(`${this.#o.transport}: ${again.length} event(s) of a batch failed retriably; re-sending them in ${delay} ms`);
      try {
        request.sleepSignal?.throwIfAborted();
        await sleep(delay, undefined, request.sleepSignal ? { signal: request.sleepSignal } : undefined);
      } catch (err) {
        const error = networkError(err, {
          transport: this.#o.transport,
          url: displayUrl(this.#batchUrl),
          attempts: round,
          retryable: false,
          exhausted: false,
          secrets: request.secrets,
        });
        for (const i of again) results[i] = error;
        return results;
      }
      pending = again;
    }
  }

  /** POSTs the events at `indices` one by one, in order, to the single-event endpoint. */
  async sendSingly(jsons: readonly EventJson[], indices: readonly number[], results: (TransportError | undefined)[], request: BatchRequest): Promise<void> {
    for (const i of indices) {
      try {
        await sendWithRetry(
          { url: this.#singleUrl, headers: request.headers, body: encodeBody(jsons[i]!, this.#o.compression) },
          this.#sendOptions(request, false),
        );
      } catch (err) {
        results[i] = asTransportError(err, this.#o.transport);
      }
    }
  }

  #sendOptions(request: BatchRequest, readBody: boolean): Parameters<typeof sendWithRetry>[1] {
    const o = {
      dispatcher: this.#o.dispatcher,
      retry: this.#o.retry,
      transport: this.#o.transport,
      secrets: request.secrets,
      logger: this.#o.logger,
      readBody,
    };
    return request.sleepSignal ? { ...o, sleepSignal: request.sleepSignal } : o;
  }

  #markUnsupported(status: number): void {
    if (this.#support === 'no') return;
    this.#support = 'no';
    this.#o.logger.warn(
      `${this.#o.transport}: ${displayUrl(this.#batchUrl)} answered HTTP ${status} to a batch: the backend has no batch endpoint; sending events one by one from now on`,
    );
    this.#o.onUnsupported?.();
  }
}

function refused(transport: string, reason: string, retryable: boolean, attempts: number): TransportError {
  return new TransportError(`${transport}: the backend refused the event in a batch (${retryable ? 'retriable' : 'non-retriable'}): ${reason}`, {
    transport,
    retryable,
    status: 200,
    body: reason,
    attempts,
  });
}

function asTransportError(err: unknown, transport: string): TransportError {
  return TransportError.isInstance(err)
    ? err
    : new TransportError(`${transport}: batch delivery failed: ${err instanceof Error ? err.message : String(err)}`, {
        transport,
        retryable: false,
        cause: err,
      });
}

/** `emitBatch` rejects with this when some events were not delivered; `failures` says which and why. */
export class BatchDeliveryError extends TransportError {
  static override readonly brand: symbol = Symbol.for('@ol/transport-http.error.BatchDeliveryError');
  readonly failures: readonly { index: number; error: TransportError }[];
  readonly delivered: number;

  constructor(transport: string, total: number, failures: readonly { index: number; error: TransportError }[]) {
    const first = failures[0]!.error;
    super(`${transport}: ${failures.length} of ${total} events of the batch were not delivered; first (index ${failures[0]!.index}): ${first.message}`, {
      transport,
      retryable: failures.every((f) => f.error.retryable),
      ...(first.status === undefined ? {} : { status: first.status }),
      ...(first.body === undefined ? {} : { body: first.body }),
      ...(first.attempts === undefined ? {} : { attempts: first.attempts }),
      cause: first,
    });
    this.failures = failures;
    this.delivered = total - failures.length;
  }
}

/** An event's JSON: a string, or its UTF-8 bytes (queues keep bytes: they live outside the V8 heap, see async-http). */
export type EventJson = string | Buffer;

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** The JSON array `[a,b,…]` of the events at `indices`: joined as text for strings, copied once for bytes. */
export function jsonArray(jsons: readonly EventJson[], indices: readonly number[]): EventJson {
  if (typeof jsons[indices[0]!] === 'string') return `[${indices.map((i) => jsons[i]).join(',')}]`;
  const parts: Buffer[] = [OPEN];
  let length = 2;
  for (let k = 0; k < indices.length; k++) {
    const b = jsons[indices[k]!]!;
    const bytes = typeof b === 'string' ? Buffer.from(b) : b;
    if (k > 0) parts.push(COMMA);
    parts.push(bytes);
    length += bytes.length + (k > 0 ? 1 : 0);
  }
  parts.push(CLOSE);
  return Buffer.concat(parts, length);
}
