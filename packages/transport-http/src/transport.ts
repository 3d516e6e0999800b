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
  #inflight = 0;
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

  async emit(event: OpenLineageEvent): Promise<void> {
    if (this.#closed) throw new TransportError('http transport is closed', { transport: 'http', retryable: false });
    this.#inflight++;
    try {
      const auth = authorizationOf(this.#provider);
      const { headers, secrets } = this.headersFor(typeof auth === 'object' ? await auth : auth);
      const body = encodeBody(serializeEvent(event), this.config.compression);
      await sendWithRetry({ url: this.#target, headers, body }, { dispatcher: this.#dispatcher, retry: this.config.retry, timeout: this.config.timeout, transport: 'http', secrets, logger: this.#logger });
    } finally {
      this.#inflight--;
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

  /** Every emit is awaited by its caller, so there is never anything queued to flush. */
  flush(): Promise<boolean> {
    return Promise.resolve(this.#inflight === 0);
  }

  /**
   * Lets in-flight requests finish, then releases the pool. After `timeoutMs` the pool is destroyed
   * (in-flight emits reject) and the result is false. Idempotent.
   */
  close(timeoutMs?: number): Promise<boolean> {
    this.#closed ??= this.shutdown(timeoutMs);
    return this.#closed;
  }

  private async shutdown(timeoutMs: number | undefined): Promise<boolean> {
    const closing = this.#dispatcher.close().then(() => true);
    if (timeoutMs === undefined || timeoutMs < 0) return closing;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const done = await Promise.race([closing, expired]);
    clearTimeout(timer);
    if (!done) await this.#dispatcher.destroy();
    return done;
  }
}

/** Builds an `http` transport from options in code (snake_case or camelCase keys). */
export function createHttpTransport(options: HttpTransportOptions, deps: HttpTransportDeps = {}): HttpTransport {
  return new HttpTransport(normalizeHttpConfig(options), deps);
}
