/**
 * Contract of the `async_http` transport (background, on @ol/delivery):
 * - emit(event): serializes at once (core's toJSON) and queues; resolves when queued, or once a full queue made room;
 *   never rejects for delivery problems (counted in stats(), logged, reported to onError listeners); rejects only after
 *   close() or for an event that cannot be serialized. Beyond 2 × max_queue_size waiting events, emits are dropped.
 * - Order: a run's other events never overtake its START; up to max_concurrent_requests requests (or batches) at once.
 * - flush(timeoutMs) / close(timeoutMs): the one definition in @ol/delivery's README. close aborts what is left at its
 *   timeout (in flight: failed; queued: dropped) and destroys the pool; idempotent.
 * - stats(): { pending, success, failed, dropped }, exact at any moment.
 */
import {
  type BackgroundEventInfo,
  type Logger,
  type OpenLineageEvent,
  silentLogger,
  toJSON,
  type Transport,
  TransportError,
  type TransportSnapshot,
  type TransportStats,
} from '@ol/core';
import { INSPECT, rateLimited, transportSnapshot, utf8Bytes } from '@ol/core/internal';
import {
  BatchSender,
  authorizationOf,
  buildHeaders,
  createHttpDispatcher,
  createTokenProvider,
  encodeBody,
  secretsOf,
  sendWithRetry,
  type ManagedTokenProvider,
} from '@ol/transport-http/internal';
import type { Pool } from 'undici';
import { normalizeAsyncHttpConfig, type AsyncHttpTransportConfig, type AsyncHttpTransportOptions } from './config.js';
import { DeliveryEngine } from '@ol/delivery';
import { USER_AGENT } from './version.js';

export const TYPE = 'async_http';

/** What a failure listener learns: the error and core's `BackgroundEventInfo` (the event itself is not kept, only its JSON). */
export type ErrorListener = (error: TransportError, event: BackgroundEventInfo) => void;

export interface AsyncHttpTransportDeps {
  logger?: Logger;
  /** Directory relative token-provider module specifiers resolve against. Default `process.cwd()`. */
  baseDir?: string;
  /** A ready token provider (overrides `config.auth`). */
  tokenProvider?: ManagedTokenProvider;
  /** Called for every event that could not be delivered (after retries). Never throws at `emit`'s caller. */
  onError?: ErrorListener;
  /**
   * Keep the process alive while events are pending, so a script that emits and simply ends still
   * delivers them (bounded by the retry policy). Default true; with false only open sockets and
   * retry timers keep the event loop alive.
   */
  keepProcessAlive?: boolean;
  /** Rate limit of the failure and drop warnings, in ms. Default 10 s. */
  warnIntervalMs?: number;
}

const ACCEPTED = Promise.resolve();

/**
 * A queued event: its JSON's UTF-8 bytes. undici encodes a string body per request anyway, so encoding at emit moves
 * that work rather than adding any; the bytes live in shared slabs outside the V8 heap (`utf8Bytes`), so the up to
 * 2 × max_queue_size queued events are not copied by every young-generation GC (measured: GC ≈ 3.4 → 2.3 µs per
 * event for single POSTs); and a batch body is one native copy of its events' bytes (`jsonArray`), with no string
 * join to encode again.
 */
type Payload = Buffer;

/**
 * Non-blocking HTTP delivery: `emit` resolves once the event is queued; up to
 * `maxConcurrentRequests` requests go out at once on one keep-alive pool, a run's other events
 * never overtake its START, failures are counted and logged rather than thrown, and memory stays
 * bounded whatever the caller does (see the README's backpressure section).
 */
export class AsyncHttpTransport implements Transport {
  readonly type = TYPE;
  readonly config: AsyncHttpTransportConfig;
  /** Queued payloads are the events' JSON: the smallest thing to keep, and what the caller cannot change any more. */
  readonly #engine: DeliveryEngine<Payload>;
  readonly #dispatcher: Pool;
  readonly #provider: ManagedTokenProvider | undefined;
  readonly #logger: Logger;
  readonly #target: URL;
  /** Headers and secrets when no token provider makes them per request. */
  readonly #staticHeaders: Record<string, string>;
  readonly #staticSecrets: string[];
  readonly #listeners = new Set<ErrorListener>();
  readonly #warnFailure: (message: string) => void;
  readonly #warnDrop: (message: string) => void;
  /** Set when `batch.enabled`: sends the engine's batches and detects a backend without the endpoint. */
  readonly #batches: BatchSender | undefined;
  #closed: Promise<boolean> | undefined;

  constructor(config: AsyncHttpTransportConfig, deps: AsyncHttpTransportDeps = {}) {
    this.config = config;
    this.#logger = deps.logger ?? silentLogger;
    this.#target = new URL(config.target);
    this.#provider = deps.tokenProvider ?? createTokenProvider(config.auth, { baseDir: deps.baseDir ?? process.cwd() });
    this.#staticHeaders = buildHeaders({ customHeaders: config.customHeaders, compression: config.compression, userAgent: USER_AGENT });
    this.#staticSecrets = secretsOf(undefined, undefined, config.customHeaders);
    this.#dispatcher = createHttpDispatcher({ url: this.#target, timeout: config.timeout, verify: config.verify, connections: config.maxConcurrentRequests });
    if (deps.onError) this.#listeners.add(deps.onError);
    const interval = deps.warnIntervalMs ?? 10_000;
    this.#warnFailure = rateLimited((m) => this.#logger.warn(m), interval);
    this.#warnDrop = rateLimited((m) => this.#logger.warn(m), interval);
    const batch = config.batch;
    this.#batches = batch.enabled
      ? new BatchSender({
          transport: TYPE,
          batch,
          single: this.#target,
          compression: config.compression,
          retry: config.retry,
          dispatcher: this.#dispatcher,
          logger: this.#logger,
          onUnsupported: () => this.#engine.disableBatching(),
        })
      : undefined;
    this.#engine = new DeliveryEngine<Payload>({
      maxConcurrent: config.maxConcurrentRequests,
      maxQueueSize: config.maxQueueSize,
      // The hard limit: as many callers may wait for room as the queue holds, so at most
      // 2 × maxQueueSize events are ever kept; the next emit is dropped.
      maxWaitingSubmits: config.maxQueueSize,
      keepProcessAlive: deps.keepProcessAlive ?? true,
      send: (p, signal) => this.#send(p, signal),
      onFailure: (error, json, runId) => this.#failed(error, json, runId),
      onDrop: (reason) => this.#dropped(reason),
      ...(batch.enabled && {
        batch: {
          maxEvents: batch.maxEvents,
          maxBytes: batch.maxBytes,
          lingerMs: batch.lingerMs,
          sizeOf: (json: Payload) => json.length,
          send: (jsons: Payload[], signal: AbortSignal) => this.#sendBatch(jsons, signal),
        },
      }),
    });
  }

  /** Loads a token provider named by module specifier, so a wrong name fails at creation. */
  async ready(): Promise<void> {
    await this.#provider?.ready?.();
  }

  /**
   * Queues the event and resolves at once, or — when `maxQueueSize` events are already waiting —
   * once there is room. Never rejects for delivery problems (see `stats()` and `onError`); rejects
   * only after `close()` or for an event that cannot be serialized.
   */
  emit(event: OpenLineageEvent): Promise<void> {
    if (this.#closed) return Promise.reject(new TransportError('async_http transport is closed', { transport: TYPE, retryable: false }));
    // Decided before serializing, so dropping under overload costs almost nothing.
    if (this.#engine.dropIfFull()) return ACCEPTED;
    let json: Payload;
    try {
      // Serialized now, on the caller's turn: the caller may reuse or change its object right after.
      json = utf8Bytes(toJSON(event));
    } catch (cause) {
      this.#engine.refuse();
      return Promise.reject(
        new TransportError(`async_http: the event cannot be serialized to JSON: ${(cause as Error).message}`, { transport: TYPE, retryable: false, cause }),
      );
    }
    const run = (event as { run?: { runId?: unknown } }).run;
    if (typeof run?.runId !== 'string') return this.#engine.submit(json) ?? ACCEPTED;
    const type = (event as { eventType?: unknown }).eventType;
    // The exact spelling first: no upper-cased copy per event in the common case.
    return this.#engine.submit(json, run.runId, type === 'START' || (typeof type === 'string' && type.toUpperCase() === 'START')) ?? ACCEPTED;
  }

  /** `{ pending, success, failed, dropped }`, exact at any moment: every accepted event is in exactly one of them. */
  stats(): TransportStats {
    return this.#engine.stats();
  }

  /**
   * Waits for every event emitted before the call (negative or no timeout: no limit). True when
   * all of them were delivered; the transport stays usable.
   */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.#engine.flush(timeoutMs);
  }

  /**
   * Stops accepting events, waits up to `timeoutMs` (negative or none: no limit) for the queue to
   * drain, then aborts what is left and releases the pool. True when everything was delivered.
   * Idempotent: later calls return the first call's result.
   */
  close(timeoutMs?: number): Promise<boolean> {
    this.#closed ??= this.#shutdown(timeoutMs);
    return this.#closed;
  }

  /** What `JSON.stringify` and `console.log` show: type, config with secrets as `***`, and the counters. */
  toJSON(): TransportSnapshot & { stats: TransportStats } {
    return { ...transportSnapshot(this), stats: this.stats() };
  }

  [INSPECT](): unknown {
    return this.toJSON();
  }

  /** Adds a listener for events that could not be delivered; returns a function that removes it. */
  onError(listener: ErrorListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #shutdown(timeoutMs: number | undefined): Promise<boolean> {
    const delivered = await this.#engine.close(timeoutMs);
    // Drained, or given up by the engine (counted already): destroying the pool aborts any request
    // still on the wire, so nothing outlives close.
    await this.#dispatcher.destroy();
    return delivered;
  }

  #send(json: Payload, signal: AbortSignal): Promise<unknown> {
    // Without a token provider the headers never change: skip the extra async hop per request.
    if (!this.#provider) return this.#post(json, signal, this.#staticHeaders, this.#staticSecrets);
    return this.#sendWithAuth(json, signal, this.#provider);
  }

  async #sendBatch(jsons: Payload[], signal: AbortSignal): Promise<readonly unknown[]> {
    let headers = this.#staticHeaders;
    let secrets = this.#staticSecrets;
    if (this.#provider) {
      const authorization = await authorizationOf(this.#provider);
      headers = buildHeaders({ authorization, customHeaders: this.config.customHeaders, compression: this.config.compression, userAgent: USER_AGENT });
      secrets = secretsOf(this.#provider, authorization, this.config.customHeaders);
    }
    return this.#batches!.send(jsons, { headers, secrets, sleepSignal: signal });
  }

  async #sendWithAuth(json: Payload, signal: AbortSignal, provider: ManagedTokenProvider): Promise<unknown> {
    const authorization = await authorizationOf(provider);
    const headers = buildHeaders({ authorization, customHeaders: this.config.customHeaders, compression: this.config.compression, userAgent: USER_AGENT });
    return this.#post(json, signal, headers, secretsOf(provider, authorization, this.config.customHeaders));
  }

  #post(json: Payload, signal: AbortSignal, headers: Record<string, string>, secrets: readonly string[]): Promise<unknown> {
    return sendWithRetry(
      { url: this.#target, headers, body: encodeBody(json, this.config.compression) },
      // The pool carries the timeouts. The engine's signal only cuts backoff sleeps short: attached to
      // every request it would cost a listener per request on one shared signal; `close` stops requests
      // in flight by destroying the pool instead.
      { dispatcher: this.#dispatcher, retry: this.config.retry, transport: TYPE, secrets, sleepSignal: signal, logger: this.#logger },
    );
  }

  #failed(cause: unknown, json: Payload, runId: string | undefined): void {
    const error = TransportError.isInstance(cause)
      ? cause
      : new TransportError(`async_http: delivery failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
          transport: TYPE,
          retryable: false,
          cause,
        });
    // Failures are rare: reading the type back from the JSON beats keeping it for every queued event.
    const eventType = runId === undefined ? undefined : eventTypeOf(json);
    const what = runId === undefined ? 'an event' : `a ${eventType ?? 'run'} event of run ${runId}`;
    this.#warnFailure(`async_http: could not deliver ${what}: ${error.message} (${this.#engine.stats().failed} failed so far)`);
    for (const listener of this.#listeners) {
      try {
        listener(error, { runId, eventType });
      } catch (err) {
        this.#logger.error(`async_http: an onError listener threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  #dropped(reason: 'overflow' | 'closed'): void {
    const { dropped } = this.#engine.stats();
    this.#warnDrop(
      reason === 'overflow'
        ? `async_http: dropping events: ${this.config.maxQueueSize} are queued and ${this.config.maxQueueSize} more emits are waiting for room (the backend is slower than the emitter and emits are not awaited; ${dropped} dropped so far)`
        : `async_http: close() timed out; events not yet sent were dropped (${dropped} dropped so far)`,
    );
  }
}

function eventTypeOf(json: Payload): string | undefined {
  try {
    const type = (JSON.parse(json.toString()) as { eventType?: unknown }).eventType;
    return typeof type === 'string' ? type.toUpperCase() : undefined;
  } catch {
    return undefined;
  }
}

/** Builds an `async_http` transport from options in code (snake_case or camelCase keys). */
export function createAsyncHttpTransport(options: AsyncHttpTransportOptions, deps: AsyncHttpTransportDeps = {}): AsyncHttpTransport {
  return new AsyncHttpTransport(normalizeAsyncHttpConfig(options), deps);
}
