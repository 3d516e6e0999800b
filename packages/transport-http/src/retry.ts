import type { OptionReader } from '@ol/core';

/**
 * The Python client's retry options (urllib3 `Retry`), with urllib3 2.x semantics:
 * - `total` bounds all retries; `connect` bounds retries after connection errors (nothing was sent),
 *   `read` after errors once the request was sent (reset, timeout waiting for the answer), `status`
 *   (unset = only `total`) after retried statuses. A request is given up when any counter goes below 0,
 *   so `total: 5` means at most 6 attempts.
 * - A status is retried when it is in `statusForcelist`, or when it is 413, 429 or 503 and carries a
 *   `Retry-After` header. Both need the method (always POST here) in `allowedMethods`; so do read errors.
 *   Connection errors are retried whatever the method.
 * - Sleep after the k-th consecutive failure: the `Retry-After` delay when the answer was 413/429/503 with
 *   that header, else 0 for k = 1 and `backoffFactor * 2^(k-1)` for k >= 2; both capped at `backoffMax`
 *   (120 s). No jitter. Defaults give 0, 0.6, 1.2, 2.4, 4.8 s.
 */
export interface RetryConfig {
  total: number;
  connect: number;
  read: number;
  /** Retries after retried statuses; undefined = bounded by `total` only. */
  status: number | undefined;
  backoffFactor: number;
  /** Seconds; caps both backoff and Retry-After. */
  backoffMax: number;
  statusForcelist: number[];
  allowedMethods: string[];
  respectRetryAfterHeader: boolean;
}

export const DEFAULT_RETRY: Readonly<RetryConfig> = Object.freeze({
  total: 5,
  connect: 5,
  read: 5,
  status: undefined,
  backoffFactor: 0.3,
  backoffMax: 120,
  statusForcelist: [500, 502, 503, 504],
  allowedMethods: ['HEAD', 'POST'],
  respectRetryAfterHeader: true,
});

/** Statuses whose `Retry-After` header is honoured (urllib3's RETRY_AFTER_STATUS_CODES). */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([413, 429, 503]);

export const RETRY_OPTION_KEYS = [
  'total',
  'connect',
  'read',
  'status',
  'backoff_factor',
  'backoff_max',
  'status_forcelist',
  'allowed_methods',
  'respect_retry_after_header',
] as const;

/** Reads a `retry` map; a partial map merges over the defaults (like the Python client's `{**DEFAULT, **user}`). */
export function readRetryConfig(reader: OptionReader | undefined): RetryConfig {
  const d = DEFAULT_RETRY;
  if (!reader) return { ...d, statusForcelist: [...d.statusForcelist], allowedMethods: [...d.allowedMethods] };
  const count = (name: string, def: number) => reader.number(name, { default: def, min: 0, integer: true });
  const statuses = reader.list('status_forcelist', { default: [...d.statusForcelist], splitStrings: true })!.map((s) => {
    const n = typeof s === 'number' ? s : Number(s);
    if (!Number.isInteger(n) || n < 100 || n > 599) throw reader.error('status_forcelist', 'a list of HTTP status codes', s);
    return n;
  });
  const methods = reader.list('allowed_methods', { default: [...d.allowedMethods], splitStrings: true })!.map((m) => {
    if (typeof m !== 'string' || m.trim() === '') throw reader.error('allowed_methods', 'a list of HTTP method names', m);
    return m.trim().toUpperCase();
  });
  return {
    total: count('total', d.total),
    connect: count('connect', d.connect),
    read: count('read', d.read),
    status: reader.number('status', { min: 0, integer: true }),
    backoffFactor: reader.number('backoff_factor', { default: d.backoffFactor, min: 0 }),
    backoffMax: reader.number('backoff_max', { default: d.backoffMax, min: 0 }),
    statusForcelist: statuses,
    allowedMethods: methods,
    respectRetryAfterHeader: reader.boolean('respect_retry_after_header', { default: d.respectRetryAfterHeader }),
  };
}

/** What went wrong with one attempt. */
export type AttemptFailure =
  | { kind: 'status'; status: number; retryAfter?: string | undefined }
  /** Nothing was sent: refused, DNS, connect timeout. */
  | { kind: 'connect' }
  /** The request was (maybe) sent: reset, headers/body timeout. */
  | { kind: 'read' }
  /** Not worth retrying: certificate rejected, transport closed, aborted. */
  | { kind: 'fatal' };

export interface RetryDecision {
  retry: boolean;
  /** Milliseconds to sleep before the next attempt (when `retry`). */
  delayMs: number;
  /** Whether the failure was of a retryable kind (true also when the retries ran out). */
  retryable: boolean;
  /** True when the failure was retryable but a counter ran out. */
  exhausted: boolean;
}

/** Per-request retry bookkeeping: create one per request, call `next` after each failed attempt. */
export class RetryState {
  private total: number;
  private connect: number;
  private read: number;
  private status: number | undefined;
  private consecutive = 0;

  constructor(
    private readonly config: RetryConfig,
    private readonly method = 'POST',
  ) {
    this.total = config.total;
    this.connect = config.connect;
    this.read = config.read;
    this.status = config.status;
  }

  private get methodRetryable(): boolean {
    return this.config.allowedMethods.includes(this.method.toUpperCase());
  }

  /** Whether a response with this status would be retried at all (before counting). */
  isRetryableStatus(status: number, hasRetryAfter: boolean): boolean {
    if (!this.methodRetryable) return false;
    if (this.config.statusForcelist.includes(status)) return true;
    return this.config.respectRetryAfterHeader && hasRetryAfter && RETRY_AFTER_STATUSES.has(status);
  }

  next(failure: AttemptFailure, now = Date.now()): RetryDecision {
    const no = (retryable: boolean, exhausted = false): RetryDecision => ({ retry: false, delayMs: 0, retryable, exhausted });
    switch (failure.kind) {
      case 'fatal':
        return no(false);
      case 'status': {
        if (!this.isRetryableStatus(failure.status, failure.retryAfter !== undefined)) return no(false);
        if (this.status !== undefined) this.status--;
        break;
      }
      case 'read':
        if (!this.methodRetryable) return no(false);
        this.read--;
        break;
      case 'connect':
        this.connect--;
        break;
    }
    this.total--;
    this.consecutive++;
    if (this.total < 0 || this.connect < 0 || this.read < 0 || (this.status !== undefined && this.status < 0)) return no(true, true);
    return { retry: true, delayMs: this.delayMs(failure, now), retryable: true, exhausted: false };
  }

  private delayMs(failure: AttemptFailure, now: number): number {
    const cap = this.config.backoffMax * 1000;
    if (failure.kind === 'status' && failure.retryAfter !== undefined && this.config.respectRetryAfterHeader && RETRY_AFTER_STATUSES.has(failure.status)) {
      const after = parseRetryAfter(failure.retryAfter, now);
      if (after !== undefined) return Math.min(after, cap);
    }
    return backoffMs(this.config.backoffFactor, this.consecutive, cap);
  }
}

/** urllib3's backoff after the k-th consecutive failure: 0 for k <= 1, then factor * 2^(k-1) seconds, capped. */
export function backoffMs(backoffFactor: number, consecutiveFailures: number, capMs = DEFAULT_RETRY.backoffMax * 1000): number {
  if (consecutiveFailures <= 1) return 0;
  return Math.min(capMs, backoffFactor * 2 ** (consecutiveFailures - 1) * 1000);
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds; undefined when unparseable. */
export function parseRetryAfter(value: string, now = Date.now()): number | undefined {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
