import { TransportError, silentLogger, type Logger, type OpenLineageEvent, type Transport } from '@ol/core';
import type { Dispatcher } from 'undici';
import { createTokenProvider, type ManagedTokenProvider } from './auth/index.js';
import { normalizeHttpConfig, type HttpTransportConfig, type HttpTransportOptions } from './config.js';
import { createHttpDispatcher } from './dispatcher.js';
import { authorizationOf, buildHeaders, encodeBody, secretsOf } from './request.js';
import { sendWithRetry } from './send.js';
import { serializeEvent } from './serialize.js';
import { USER_AGENT } from './version.js';

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
  readonly type = 'http';
  readonly config: HttpTransportConfig;
  readonly #dispatcher: Dispatcher & { close(): Promise<void>; destroy(): Promise<void> };
  readonly #provider: ManagedTokenProvider | undefined;
  readonly #logger: Logger;
  readonly #target: URL;
  #closed: Promise<boolean> | undefined;
  /** Emits in flight, as promises that never reject; `flush` and `close` wait on them. */
  readonly #inflight = new Set<Promise<void>>();
  /** Aborts requests and backoff sleeps when `close` runs out of time. */
  readonly #abort = new AbortController();
  /** Headers for the last Authorization value seen: rebuilt only when a provider hands out a new one. */
  #headers: { authorization: string | undefined; headers: Record<string, string>; secrets: string[] } | undefined;

  constructor(config: HttpTransportConfig, deps: HttpTransportDeps = {}) {
    this.config = config;
    this.#logger = deps.logger ?? silentLogger;
    this.#target = new URL(config.target);
    this.#provider = deps.tokenProvider ?? createTokenProvider(config.auth, { baseDir: deps.baseDir ?? process.cwd() });
    this.#dispatcher = createHttpDispatcher({ url: this.#target, timeout: config.timeout, verify: config.verify });
  }

  /** Loads a token provider named by module specifier, so a wrong name fails at creation, not at the first emit. */
  async ready(): Promise<void> {
    await this.#provider?.ready?.();
  }

  emit(event: OpenLineageEvent): Promise<void> {
    if (this.#closed) return Promise.reject(new TransportError('http transport is closed', { transport: 'http', retryable: false }));
    const sending = this.send(event);
    const tracked = sending.then(
      () => undefined,
      () => undefined,
    );
    this.#inflight.add(tracked);
    void tracked.then(() => this.#inflight.delete(tracked));
    return sending;
  }

  private async send(event: OpenLineageEvent): Promise<void> {
    const auth = authorizationOf(this.#provider);
    const { headers, secrets } = this.headersFor(typeof auth === 'object' ? await auth : auth);
    const body = encodeBody(serializeEvent(event), this.config.compression);
    await sendWithRetry(
      { url: this.#target, headers, body },
      { dispatcher: this.#dispatcher, retry: this.config.retry, timeout: this.config.timeout, transport: 'http', secrets, logger: this.#logger, signal: this.#abort.signal },
    );
  }

  private headersFor(authorization: string | undefined): { headers: Record<string, string>; secrets: string[] } {
    const cached = this.#headers;
    // Secrets depend only on the provider's key (fixed) and the header value, so they are cached with it.
    if (cached && cached.authorization === authorization) return cached;
    const headers = buildHeaders({ authorization, customHeaders: this.config.customHeaders, compression: this.config.compression, userAgent: USER_AGENT });
    this.#headers = { authorization, headers, secrets: secretsOf(this.#provider, authorization, this.config.customHeaders) };
    return this.#headers;
  }

  /** Waits until the emits in flight (retries and backoff included) have settled; false if some still run after `timeoutMs`. */
  async flush(timeoutMs?: number): Promise<boolean> {
    return settledWithin([...this.#inflight], timeoutMs);
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
    const drained = await settledWithin([...this.#inflight], timeoutMs);
    if (!drained) {
      this.#abort.abort();
      await this.#dispatcher.destroy();
      return false;
    }
    await this.#dispatcher.close();
    return true;
  }
}

/** Resolves true once every promise settled, or false when `timeoutMs` (undefined or negative = no limit) runs out first. */
async function settledWithin(pending: readonly Promise<unknown>[], timeoutMs: number | undefined): Promise<boolean> {
  if (pending.length === 0) return true;
  const all = Promise.all(pending).then(() => true);
  if (timeoutMs === undefined || timeoutMs < 0) return all;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const done = await Promise.race([all, expired]);
  clearTimeout(timer);
  return done;
}

/** Builds an `http` transport from options in code (snake_case or camelCase keys). */
export function createHttpTransport(options: HttpTransportOptions, deps: HttpTransportDeps = {}): HttpTransport {
  return new HttpTransport(normalizeHttpConfig(options), deps);
}
