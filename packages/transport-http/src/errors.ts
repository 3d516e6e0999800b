import { TransportError } from '@ol/core';
import { scrub } from '@ol/core/internal';
import type { AttemptFailure } from './retry.js';

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);
const FATAL_CODES = new Set([
  'UND_ERR_ABORTED',
  'ABORT_ERR',
  'UND_ERR_DESTROYED',
  'UND_ERR_CLOSED',
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_ARG_TYPE',
]);

function codeOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Whether a certificate problem made the TLS handshake fail: retrying cannot help. */
export function isCertificateError(code: string | undefined): boolean {
  return code !== undefined && (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code) || code.startsWith('ERR_TLS_CERT') || code.startsWith('ERR_SSL'));
}

/** Maps a thrown network error to a retry kind (connect: nothing sent; read: maybe sent; fatal: never retry). */
export function classifyNetworkError(err: unknown): AttemptFailure {
  const code = codeOf(err);
  if ((err as { name?: unknown } | null)?.name === 'AbortError') return { kind: 'fatal' };
  if (code !== undefined && (FATAL_CODES.has(code) || isCertificateError(code))) return { kind: 'fatal' };
  if (code !== undefined && CONNECT_CODES.has(code)) return { kind: 'connect' };
  return { kind: 'read' };
}

export interface FailureContext {
  transport: string;
  /** Target URL for the message, user info already removed. */
  url: string;
  attempts: number;
  retryable: boolean;
  exhausted: boolean;
  secrets: readonly (string | undefined)[];
}

export function statusError(status: number, body: string, c: FailureContext): TransportError {
  const why = c.exhausted ? ` after ${c.attempts} attempts (retries exhausted)` : c.attempts > 1 ? ` after ${c.attempts} attempts` : '';
  return new TransportError(scrub(`POST ${c.url} failed with HTTP ${status}${why}`, c.secrets), {
    transport: c.transport,
    status,
    body: scrub(body.slice(0, 1024), c.secrets),
    retryable: c.retryable,
    attempts: c.attempts,
  });
}

export function networkError(err: unknown, c: FailureContext): TransportError {
  const code = codeOf(err);
  const detail = err instanceof Error ? err.message : String(err);
  const why = c.exhausted ? ` after ${c.attempts} attempts (retries exhausted)` : c.attempts > 1 ? ` after ${c.attempts} attempts` : '';
  const hint = isCertificateError(code) ? ' (certificate rejected; set verify: false only for a backend you trust)' : '';
  return new TransportError(scrub(`POST ${c.url} failed: ${detail}${code && !detail.includes(code) ? ` [${code}]` : ''}${why}${hint}`, c.secrets), {
    transport: c.transport,
    retryable: c.retryable,
    attempts: c.attempts,
    cause: err,
  });
}
