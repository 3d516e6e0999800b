import { Pool } from 'undici';

export interface DispatcherOptions {
  /** Any URL on the origin the pool serves (the target URL). */
  url: string | URL;
  /** Seconds; used as the connect timeout. */
  timeout: number;
  /** false accepts any certificate, for this pool only. */
  verify: boolean;
  /** Maximum connections (undefined = unlimited; a sequential emitter uses one). */
  connections?: number;
}

/**
 * One keep-alive connection pool per transport, released by the transport's `close()`. Options live
 * on the pool, never on undici's global dispatcher, so `verify: false` affects this transport alone.
 */
export function createHttpDispatcher(o: DispatcherOptions): Pool {
  const url = new URL(o.url);
  const timeoutMs = Math.max(1, Math.round(o.timeout * 1000));
  return new Pool(url.origin, {
    connections: o.connections ?? null,
    connect: { timeout: timeoutMs, rejectUnauthorized: o.verify },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}
