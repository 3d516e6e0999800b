/**
 * Supplies the `Authorization` header value, evaluated per request (per emit), like the Python
 * client's `TokenProvider.get_bearer()`. Return the whole header value (`Bearer <token>`);
 * `undefined` or `''` sends no `Authorization` header.
 */
export interface TokenProvider {
  getBearer(): string | undefined | null | Promise<string | undefined | null>;
}

/** Optional extras the built-in providers implement. */
export interface ManagedTokenProvider extends TokenProvider {
  /** Loads whatever the provider needs up front (module providers), so config errors surface at creation. */
  ready?(): Promise<void>;
  /** Strings that must never appear in errors or logs (api keys, current tokens). */
  secrets?(): readonly string[];
}

export function isTokenProvider(value: unknown): value is TokenProvider {
  return typeof value === 'object' && value !== null && typeof (value as { getBearer?: unknown }).getBearer === 'function';
}
