import { TransportError } from '@ol/core';
import { scrub } from '@ol/core/internal';
import { request, type Dispatcher } from 'undici';
import { displayUrl } from '../url.js';
import type { ManagedTokenProvider } from './types.js';

export interface JwtAuthConfig {
  type: 'jwt';
  apiKey: string;
  tokenEndpoint: string;
  /** Response members to take the token from, first present wins. */
  tokenFields: string[];
  expiresInField: string;
  grantType: string;
  responseType: string;
  /** Seconds before expiry at which the cached token is replaced. */
  tokenRefreshBuffer: number;
}

export const JWT_DEFAULTS = Object.freeze({
  tokenFields: ['token', 'access_token'] as readonly string[],
  expiresInField: 'expires_in',
  grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  responseType: 'token',
  tokenRefreshBuffer: 120,
});

/** The IBM Cloud IAM preset (documented by the Python client): spread it into `auth` next to `type: 'jwt'` and `apiKey`. */
export const IBM_IAM_PRESET = Object.freeze({
  tokenEndpoint: 'https://iam.cloud.ibm.com/identity/token',
  grantType: 'urn:ibm:params:oauth:grant-type:apikey',
  responseType: 'cloud_iam',
});

const TOKEN_FETCH_TIMEOUT_MS = 10_000;

export interface JwtProviderOptions {
  /** Defaults to undici's global dispatcher: the token endpoint is always TLS-verified, whatever `verify` says. */
  dispatcher?: Dispatcher;
  /** Clock in milliseconds (tests). */
  now?: () => number;
}

/**
 * Python's `JwtTokenProvider`: fetches a token with a form POST (`grant_type`, `response_type`,
 * `apikey`), caches it until `tokenRefreshBuffer` seconds before it expires (expiry from the response's
 * `expires_in` or else the JWT `exp` claim; no expiry known → fetched for every request).
 * Concurrent callers share one fetch.
 */
export class JwtTokenProvider implements ManagedTokenProvider {
  readonly #config: JwtAuthConfig;
  readonly #options: JwtProviderOptions;
  #token: string | undefined;
  /** Epoch milliseconds; undefined = unknown. */
  #expiresAt: number | undefined;
  #inflight: Promise<string> | undefined;

  constructor(config: JwtAuthConfig, options: JwtProviderOptions = {}) {
    this.#config = config;
    this.#options = options;
  }

  private now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  private cachedIsValid(): boolean {
    if (this.#token === undefined || this.#expiresAt === undefined) return false;
    return this.now() < this.#expiresAt - this.#config.tokenRefreshBuffer * 1000;
  }

  async getBearer(): Promise<string> {
    if (this.cachedIsValid()) return `Bearer ${this.#token!}`;
    this.#inflight ??= this.fetchToken().finally(() => {
      this.#inflight = undefined;
    });
    return `Bearer ${await this.#inflight}`;
  }

  secrets(): readonly string[] {
    return this.#token === undefined ? [this.#config.apiKey] : [this.#config.apiKey, this.#token];
  }

  toJSON(): Record<string, unknown> {
    return { ...this.#config, apiKey: '***' };
  }

  private async fetchToken(): Promise<string> {
    const c = this.#config;
    const form = new URLSearchParams({ grant_type: c.grantType, response_type: c.responseType, apikey: c.apiKey }).toString();
    let payload: unknown;
    try {
      const res = await request(c.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        headersTimeout: TOKEN_FETCH_TIMEOUT_MS,
        bodyTimeout: TOKEN_FETCH_TIMEOUT_MS,
        signal: AbortSignal.timeout(TOKEN_FETCH_TIMEOUT_MS),
        ...(this.#options.dispatcher ? { dispatcher: this.#options.dispatcher } : {}),
      });
      const text = await res.body.text();
      if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`status ${res.statusCode}: ${text.slice(0, 200)}`);
      payload = JSON.parse(text) as unknown;
    } catch (cause) {
      throw this.failure(cause instanceof Error ? cause.message : String(cause), cause);
    }
    if (typeof payload !== 'object' || payload === null) throw this.failure('the response is not a JSON object');
    const body = payload as Record<string, unknown>;
    const token = pickField(body, c.tokenFields);
    if (token === undefined || token === null || token === '') throw this.failure(`none of ${c.tokenFields.join(', ')} in the response`);
    this.#token = typeof token === 'string' ? token : JSON.stringify(token);
    this.#expiresAt = this.expiryOf(body, this.#token);
    return this.#token;
  }

  private expiryOf(body: Record<string, unknown>, token: string): number | undefined {
    const expiresIn = pickField(body, [this.#config.expiresInField], true);
    const seconds = typeof expiresIn === 'number' ? expiresIn : typeof expiresIn === 'string' ? Number(expiresIn) : NaN;
    if (Number.isFinite(seconds)) return this.now() + Math.trunc(seconds) * 1000;
    const exp = jwtExpiry(token);
    return exp === undefined ? undefined : exp * 1000;
  }

  private failure(detail: string, cause?: unknown): TransportError {
    const message = scrub(`Failed to fetch JWT token from ${displayUrl(this.#config.tokenEndpoint)}: ${detail}`, [this.#config.apiKey]);
    return new TransportError(message, {
      transport: 'http',
      retryable: true,
      cause: cause instanceof Error ? new Error(scrub(cause.message, [this.#config.apiKey])) : undefined,
    });
  }
}

/** Exact key, then case-insensitive, then (when `loose`) also ignoring `_`/`-` (`expiresIn`). */
function pickField(body: Record<string, unknown>, fields: readonly string[], loose = false): unknown {
  for (const f of fields) if (f in body) return body[f];
  const keys = Object.keys(body);
  for (const f of fields) {
    const k = keys.find((key) => key.toLowerCase() === f.toLowerCase());
    if (k !== undefined) return body[k];
  }
  if (loose) {
    const norm = (s: string) => s.replace(/[_-]/g, '').toLowerCase();
    for (const f of fields) {
      const k = keys.find((key) => norm(key) === norm(f));
      if (k !== undefined) return body[k];
    }
  }
  return undefined;
}

/** The `exp` claim (epoch seconds) of a JWT, without verifying it; undefined when absent or not a JWT. */
export function jwtExpiry(token: string): number | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}
