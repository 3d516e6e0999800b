/**
 * DatadogTransport — contract.
 *
 * - Each event goes one of two ways, decided by `asyncTransportRules` exactly as the Python client does
 *   (`routesAsync` in @ol/core): the blocking way through an `http` transport (`emit` resolves once
 *   Datadog answered 2xx, rejects with a TransportError otherwise), or the non-blocking way through an
 *   `async_http` transport (`emit` resolves once queued; failures are counted in `stats()` and reported to
 *   `onError` listeners).
 * - Both are this repository's own transports, built with their public factories and the same options:
 *   the intake URL, `timeout`, `retry`, gzip (always) and the api key as `Authorization: Bearer`.
 *   The async one — its pool and its queue — is created only when the first event routes to it.
 * - `flush` and `close` cover both; `close` is idempotent and resolves true only when both delivered everything.
 * - Printing the transport (inspect, JSON) shows the config with the api key as `***`.
 */
import {
  type BackgroundEventInfo,
  type Logger,
  type OpenLineageEvent,
  redactWhenPrinted,
  silentLogger,
  type Transport,
  TransportError,
  type TransportStats,
} from '@ol/core';
import { routesAsync } from '@ol/core/internal';
import { createAsyncHttpTransport, type AsyncHttpTransport } from '@ol/transport-async-http';
import { createHttpTransport, type HttpTransport, type HttpTransportOptions } from '@ol/transport-http';
import type { DatadogTransportConfig } from './config.js';

export const TRANSPORT_TYPE = 'datadog';

export interface DatadogTransportDeps {
  logger?: Logger;
  name?: string;
  /**
   * Keep the process alive while async events are pending (default true), as `async_http` does, so a
   * script that emits and ends still delivers them within the retry policy.
   */
  keepProcessAlive?: boolean;
}

type ErrorListener = (error: Error, event: BackgroundEventInfo) => void;

export class DatadogTransport implements Transport {
  static {
    redactWhenPrinted(this);
  }

  readonly type = TRANSPORT_TYPE;
  readonly config: DatadogTransportConfig;
  readonly name?: string;
  readonly #deps: DatadogTransportDeps;
  readonly #http: HttpTransport;
  #async: AsyncHttpTransport | undefined;
  readonly #listeners = new Set<ErrorListener>();
  #closed: Promise<boolean> | undefined;
  /** Events the blocking side delivered. */
  #delivered = 0;

  constructor(config: DatadogTransportConfig, deps: DatadogTransportDeps = {}) {
    this.config = config;
    this.#deps = deps;
    if (deps.name !== undefined) this.name = deps.name;
    this.#http = createHttpTransport(this.#httpOptions(), { logger: deps.logger ?? silentLogger });
  }

  /** The async transport, if an event has routed to it yet. */
  get asyncTransport(): AsyncHttpTransport | undefined {
    return this.#async;
  }

  emit(event: OpenLineageEvent): Promise<void> {
    if (this.#closed) return Promise.reject(new TransportError('datadog transport is closed', { transport: TRANSPORT_TYPE, retryable: false }));
    if (routesAsync(event, this.config.asyncTransportRules)) return this.#asyncHttp().emit(event);
    return this.#http.emit(event).then(() => {
      this.#delivered++;
    });
  }

  async flush(timeoutMs?: number): Promise<boolean> {
    const results = await Promise.all([this.#http.flush(timeoutMs), this.#async?.flush(timeoutMs) ?? true]);
    return results.every(Boolean);
  }

  close(timeoutMs?: number): Promise<boolean> {
    this.#closed ??= Promise.all([this.#http.close(timeoutMs), this.#async?.close(timeoutMs) ?? true]).then((r) => r.every(Boolean));
    return this.#closed;
  }

  /**
   * `success` counts both sides' deliveries; `pending`, `failed` and `dropped` are the async side's.
   * A blocking emit that fails rejects, and the client counts that itself (counting it here too
   * would count it twice in `client.stats()`).
   */
  stats(): TransportStats {
    const s = this.#async?.stats() ?? { pending: 0, success: 0, failed: 0, dropped: 0 };
    return { ...s, success: s.success + this.#delivered };
  }

  /** Failures of events sent the non-blocking way (after retries); returns a function that unsubscribes. */
  onError(listener: ErrorListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #asyncHttp(): AsyncHttpTransport {
    this.#async ??= createAsyncHttpTransport(
      { ...this.#httpOptions(), maxQueueSize: this.config.maxQueueSize, maxConcurrentRequests: this.config.maxConcurrentRequests },
      {
        logger: this.#deps.logger ?? silentLogger,
        ...(this.#deps.keepProcessAlive !== undefined && { keepProcessAlive: this.#deps.keepProcessAlive }),
        onError: (error, event) => {
          for (const listener of this.#listeners) listener(error, event);
        },
      },
    );
    return this.#async;
  }

  #httpOptions(): HttpTransportOptions {
    // The normalized retry config is itself a valid `retry` map (camelCase keys), so it passes through unchanged.
    return {
      url: this.config.url,
      timeout: this.config.timeout,
      retry: { ...this.config.retry },
      compression: 'gzip',
      auth: { type: 'api_key', apiKey: this.config.apiKey },
    };
  }
}
