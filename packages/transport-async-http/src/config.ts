import type { OptionScope } from '@ol/core';
import { codeScope, OptionReader } from '@ol/core/internal';
import { readHttpOptions, unknownHttpKeys, type HttpOptions, type HttpTransportOptions } from '@ol/transport-http/internal';

/** The async transport's own options, on top of every `http` option. */
export const ASYNC_HTTP_DEFAULTS = Object.freeze({ maxQueueSize: 10_000, maxConcurrentRequests: 100 });

export const ASYNC_HTTP_OPTION_KEYS: readonly string[] = ['max_queue_size', 'max_concurrent_requests'];

/** Normalized config: camelCase keys, defaults filled in. */
export interface AsyncHttpTransportConfig extends HttpOptions {
  /** Events that may wait to be sent (queued, or held behind their run's START) before `emit` waits for room. */
  maxQueueSize: number;
  /** Requests in flight at once, on one keep-alive pool of as many connections. */
  maxConcurrentRequests: number;
}

/** What a user may pass in code: every key in snake_case or camelCase. */
export interface AsyncHttpTransportOptions extends HttpTransportOptions {
  maxQueueSize?: number;
  maxConcurrentRequests?: number;
}

/** Reads an `async_http` config: the shared HTTP options, then this transport's two. */
export function readAsyncHttpOptions(reader: OptionReader): AsyncHttpTransportConfig {
  return {
    ...readHttpOptions(reader),
    maxQueueSize: reader.number('max_queue_size', { default: ASYNC_HTTP_DEFAULTS.maxQueueSize, min: 1, integer: true }),
    maxConcurrentRequests: reader.number('max_concurrent_requests', { default: ASYNC_HTTP_DEFAULTS.maxConcurrentRequests, min: 1, integer: true }),
  };
}

/** Keys nothing reads (ignored, like the Python client does; the descriptor logs them). */
export function unknownAsyncHttpKeys(reader: OptionReader): string[] {
  return unknownHttpKeys(reader, ASYNC_HTTP_OPTION_KEYS);
}

/** Normalizes a config given in code (`scope` defaults to `transport` in code). */
export function normalizeAsyncHttpConfig(raw: unknown, scope: OptionScope = codeScope(['transport'])): AsyncHttpTransportConfig {
  return readAsyncHttpOptions(new OptionReader(raw, scope));
}
