import { isSecretKey } from '@ol/core/internal';
import { gzipSync } from 'node:zlib';
import type { ManagedTokenProvider, TokenProvider } from './auth/types.js';

/** gzip level the Python client uses: most of the size win for a fraction of level 9's CPU. */
export const GZIP_LEVEL = 3;

export interface HeaderInput {
  /** The `Authorization` value from the token provider (already `Bearer …`). */
  authorization?: string | undefined | null;
  customHeaders?: Readonly<Record<string, string>>;
  compression?: 'gzip' | undefined;
  userAgent: string;
}

/**
 * Request headers in the Python client's order: Content-Type, Authorization, custom headers (which may
 * override either, matched case-insensitively, keeping the first position), Content-Encoding when
 * compressing (set after custom headers, so it always matches the body). User-Agent comes last unless
 * a custom header already set one.
 */
export function buildHeaders(input: HeaderInput): Record<string, string> {
  const headers: [string, string][] = [['Content-Type', 'application/json']];
  if (input.authorization) headers.push(['Authorization', input.authorization]);
  const set = (name: string, value: string): void => {
    const i = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (i === -1) headers.push([name, value]);
    else headers[i] = [name, value];
  };
  for (const [name, value] of Object.entries(input.customHeaders ?? {})) set(name, value);
  if (input.compression === 'gzip') set('Content-Encoding', 'gzip');
  if (!headers.some(([n]) => n.toLowerCase() === 'user-agent')) headers.push(['User-Agent', input.userAgent]);
  return Object.fromEntries(headers);
}

export function encodeBody(json: string | Buffer, compression: 'gzip' | undefined): string | Buffer {
  // Sync on purpose: lineage events are small, and gzipping a few KB at level 3 takes microseconds,
  // less than a trip through the thread pool.
  return compression === 'gzip' ? gzipSync(json, { level: GZIP_LEVEL }) : json;
}

/** The provider's current header value (evaluated per request, like the Python client). */
export function authorizationOf(provider: TokenProvider | undefined): string | undefined | Promise<string | undefined> {
  if (!provider) return undefined;
  const value = provider.getBearer();
  // Sync providers (api_key) stay sync: no extra promise per emit.
  if (typeof value === 'string' || value === undefined || value === null) return value ? value : undefined;
  return value.then((v) => (v ? v : undefined));
}

/** Everything that must be scrubbed from errors: provider secrets, the header value, secret-looking custom headers. */
export function secretsOf(
  provider: ManagedTokenProvider | undefined,
  authorization: string | undefined,
  customHeaders: Readonly<Record<string, string>> = {},
): string[] {
  const out: string[] = [];
  if (provider?.secrets) out.push(...provider.secrets());
  if (authorization) {
    out.push(authorization);
    const token = authorization.replace(/^\S+\s+/, '');
    if (token !== authorization) out.push(token);
  }
  for (const [name, value] of Object.entries(customHeaders)) if (isSecretKey(name)) out.push(value);
  return out;
}
