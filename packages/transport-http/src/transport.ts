/**
 * Contract of the `http` transport (synchronous):
 * - emit(event): POSTs the event's JSON (core's toJSON) to `url` + `endpoint`; resolves on a 2xx after the urllib3-style
 *   retries, rejects with a TransportError (status, body, attempts, retryable) otherwise, or at once for an event that
 *   cannot be serialized. emitBatch(events) does the same with the spec's batch endpoint.
 * - flush(timeoutMs) / close(timeoutMs): the one definition in @ol/delivery's README — true when every emit since the
 *   previous flush succeeded within the timeout. close rejects later emits, aborts what still runs at its timeout and
 *   releases the pool; idempotent.
 * - No stats(): the caller sees every outcome through emit's promise.
 */
import { type Logger, type OpenLineageEvent, redactWhenPrinted, silentLogger, toJSON, type Transport, TransportError } from '@ol/core';
import type { Dispatcher } from 'undici';
import { BatchBudget, FlushTracker } from '@ol/delivery';
import { BatchDeliveryError, BatchSender } from './batch.js';
import { createTokenProvider, type ManagedTokenProvider } from './auth/index.js';
import { normalizeHttpConfig, type HttpTransportConfig, type HttpTransportOptions } from './config.js';
import { createHttpDispatcher } from './dispatcher.js';
import { authorizationOf, buildHeaders, encodeBody, secretsOf } from './request.js';
import { sendWithRetry } from './send.js';
import { USER_AGENT } from './version.js';

/** Connections per transport; concurrent emits beyond this wait for a free one. */
export const MAX_CONNECTIONS = 10;

export interface HttpTransportDeps {
  logger?: Logger;
  /** Directory relative token-provider module specifiers resolve against. Default `process.cwd()`. */
  baseDir?: string;
  /** A ready token provider (overrides `config.auth`). */
  tokenProvider?: ManagedTokenProvider;
}

/**
 * The synchronous HTTP transport: `await emit(event)` resolves once the backend answered 2xx, after
 * retries, and rejects with a TransportError otherwise. One keep-alive pool per transport.
 */
export class HttpTransport implements Transport {
  static {
    // console.log / JSON.stringify show the config with secrets as ***.
    redactWhenPrinted(this);
  }

  readonly type = 'http';
  readonly config: HttpTransportConfig;
  readonly #dispatcher: Dispatcher & { close(): Promise<void>; destroy(): Promise<void> };
  readonly #provider: ManagedTokenProvider | undefined;
  readonly #logger: Logger;
  readonly #target: URL;
  #closed: Promise<boolean> | undefined;
  /** Emits in flight and their outcome since the last flush: what `flush` and `close` report (see @ol/delivery). */
  readonly #flushes = new FlushTracker();
  /** Aborts requests and backoff sleeps when `close` runs out of time. */
  readonly #abort = new AbortController();
  /** Headers for the last Authorization value seen: rebuilt only when a provider hands out a new one. */
  #headers: { authorization: string | undefined; headers: Record<string, string>; secrets: string[] } | undefined;
  readonly #batches: BatchSender;

  constructor(config: HttpTransportConfig, deps: HttpTransportDeps = {}) {
    this.config = config;
    this.#logger = deps.logger ?? silentLogger;
    this.#target = new URL(config.target);
    this.#provider = deps.tokenProvider ?? createTokenProvider(config.auth, { baseDir: deps.baseDir ?? process.cwd() });
    // Like a requests session's pool (10 per host): concurrent emits beyond that queue instead of opening sockets without bound.
    this.#dispatcher = createHttpDispatcher({ url: this.#target, timeout: config.timeout, verify: config.verify, connections: MAX_CONNECTIONS });
    this.#batches = new BatchSender({
      transport: 'http',
      batch: config.batch,
      single: this.#target,
      compression: config.compression,
      retry: config.retry,
      dispatcher: this.#dispatcher,
      logger: this.#logger,
    });
  }

  /** Loads a token provider named by module specifier, so a wrong name fails at creation, not at the first emit. */
  async ready(): Promise<void> {
    await this.#provider?.ready?.();
  }

  async emit(event: OpenLineageEvent): Promise<void> {
    if (this.#closed) throw new TransportError('http transport is closed', { transport: 'http', retryable: false });
    const epoch = this.#flushes.enter();
    let ok = false;
    try {
      const auth = authorizationOf(this.#provider);
      const { headers, secrets } = this.headersFor(typeof auth === 'object' ? await auth : auth);
      const body = encodeBody(serialize(event), this.config.compression);
      await sendWithRetry(
        { url: this.#target, headers, body },
        // Timeouts live on the pool and close() destroys it to stop requests: per-request options would only cost time.
        { dispatcher: this.#dispatcher, retry: this.config.retry, transport: 'http', secrets, logger: this.#logger, sleepSignal: this.#abort.signal },
      );
      ok = true;
    } finally {
      this.#flushes.settle(epoch, ok);
    }
  }

  /**
   * Sends the events as JSON arrays to the batch endpoint (`batch.enabled`), split at
   * `batch.max_events` / `batch.max_bytes`, one request after another in the given order. Resolves once
   * every event was delivered; rejects with a `BatchDeliveryError` (a `TransportError` listing each
   * failed index) otherwise. Without `batch.enabled`, or against a backend without the endpoint, the
   * events go one by one to the single-event endpoint, in order.
   */
  async emitBatch(events: readonly OpenLineageEvent[]): Promise<void> {
    if (this.#closed) throw new TransportError('http transport is closed', { transport: 'http', retryable: false });
    if (events.length === 0) return;
    // All or nothing: an event that cannot be serialized rejects the call before anything is sent.
    let jsons: string[];
    try {
      jsons = events.map(serialize);
    } catch (err) {
      this.#flushes.refuse();
      throw err;
    }
    const epoch = this.#flushes.enter();
    let ok = false;
    try {
      const auth = authorizationOf(this.#provider);
      const { headers, secrets } = this.headersFor(typeof auth === 'object' ? await auth : auth);
      const request = { headers, secrets, sleepSignal: this.#abort.signal };
      const results = new Array<TransportError | undefined>(jsons.length);
      if (!this.config.batch.enabled)
        await this.#batches.sendSingly(
          jsons,
          jsons.map((_, i) => i),
          results,
          request,
        );
      else {
        const budget = new BatchBudget(this.config.batch.maxEvents, this.config.batch.maxBytes);
        let start = 0;
        const flush = async (end: number): Promise<void> => {
          const settled = await this.#batches.send(jsons.slice(start, end), request);
          settled.forEach((r, k) => (results[start + k] = r));
          start = end;
          budget.reset();
        };
        for (let i = 0; i < jsons.length; i++) {
          const size = Buffer.byteLength(jsons[i]!);
          if (!budget.fits(size)) await flush(i);
          budget.add(size);
        }
        await flush(jsons.length);
      }
      const failures = results.flatMap((error, index) => (error ? [{ index, error }] : []));
      if (failures.length) throw new BatchDeliveryError('http', jsons.length, failures);
      ok = true;
    } finally {
      this.#flushes.settle(epoch, ok);
    }
  }

  private headersFor(authorization: string | undefined): { headers: Record<string, string>; secrets: string[] } {
    const cached = this.#headers;
    // Secrets depend only on the provider's key (fixed) and the header value, so they are cached with it.
    if (cached && cached.authorization === authorization) return cached;
    const headers = buildHeaders({ authorization, customHeaders: this.config.customHeaders, compression: this.config.compression, userAgent: USER_AGENT });
    this.#headers = { authorization, headers, secrets: secretsOf(this.#provider, authorization, this.config.customHeaders) };
    return this.#headers;
  }

  /**
   * Waits until the emits in flight (retries and backoff included) have settled. True when every emit since the
   * previous flush succeeded; false when one failed (its emit rejected) or some still run after `timeoutMs`.
   */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.#flushes.flush(timeoutMs);
  }

  /**
   * Rejects new emits, lets the ones in flight finish (retries included), then releases the pool.
   * After `timeoutMs` the rest are aborted (they reject) and the result is false. Idempotent.
   */
  close(timeoutMs?: number): Promise<boolean> {
    this.#closed ??= this.shutdown(timeoutMs);
    return this.#closed;
  }

  private async shutdown(timeoutMs: number | undefined): Promise<boolean> {
    const delivered = await this.#flushes.flush(timeoutMs);
    if (this.#flushes.outstanding > 0) {
      this.#abort.abort();
      await this.#dispatcher.destroy();
      return false;
    }
    await this.#dispatcher.close();
    return delivered;
  }
}

function serialize(event: OpenLineageEvent): string {
  try {
    return toJSON(event);
  } catch (cause) {
    throw new TransportError(`http: the event cannot be serialized to JSON: ${cause instanceof Error ? cause.message : String(cause)}`, {
      transport: 'http',
      retryable: false,
      cause,
    });
  }
}

/** Builds an `http` transport from options in code (snake_case or camelCase keys). */
export function createHttpTransport(options: HttpTransportOptions, deps: HttpTransportDeps = {}): HttpTransport {
  return new HttpTransport(normalizeHttpConfig(options), deps);
}
