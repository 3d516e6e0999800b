import type { OptionScope } from '@ol/core';
import { codeScope, OptionReader } from '@ol/core/internal';
import { readAuthConfig, type AuthConfig } from './auth/index.js';
import { BATCH_OPTION_KEYS, readBatchConfig, type BatchConfig } from './batch-config.js';
import { RETRY_OPTION_KEYS, readRetryConfig, type RetryConfig } from './retry.js';
import { joinEndpoint, parseBaseUrl } from './url.js';

/** Options shared by the `http` and `async_http` transports, normalized (camelCase, defaults filled in). */
export interface HttpOptions {
  /** Base URL as configured, trimmed. */
  url: string;
  endpoint: string;
  /** `endpoint` resolved against `url`: where events are POSTed. */
  target: string;
  /** Seconds, for connecting and for waiting on the answer. */
  timeout: number;
  verify: boolean;
  compression: 'gzip' | undefined;
  customHeaders: Record<string, string>;
  retry: RetryConfig;
  auth: AuthConfig | undefined;
  /** Delivery through the batch endpoint (off by default). */
  batch: BatchConfig;
}

export type HttpTransportConfig = HttpOptions;

export const HTTP_DEFAULTS = Object.freeze({ endpoint: 'api/v1/lineage', timeout: 5, verify: true });

/** Keys `readHttpOptions` understands (plus the registry's `type`, `name`, `priority`); extend it for unknown-key warnings. */
export const HTTP_OPTION_KEYS: readonly string[] = [
  'type',
  'name',
  'priority',
  'url',
  'endpoint',
  'timeout',
  'verify',
  'compression',
  'custom_headers',
  'retry',
  'auth',
  'batch',
];

/** What a user may pass in code: every key in snake_case or camelCase. */
export interface HttpTransportOptions {
  url: string;
  endpoint?: string;
  timeout?: number;
  verify?: boolean;
  compression?: 'gzip' | null;
  customHeaders?: Record<string, string>;
  retry?: Record<string, unknown>;
  auth?: Record<string, unknown> | { getBearer(): unknown };
  /** `{ enabled, endpoint, max_events, max_bytes, linger_ms }`, snake_case or camelCase. */
  batch?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Reads the shared HTTP options from one transport config. `async_http` calls this with its own
 * reader and then reads its extra keys from the same reader.
 */
export function readHttpOptions(reader: OptionReader): HttpOptions {
  const rawUrl = reader.string('url', { required: true, trim: false });
  const base = parseBaseUrl(rawUrl, reader);
  const url = rawUrl.trim();
  const endpoint = reader.string('endpoint', { default: HTTP_DEFAULTS.endpoint, nonEmpty: false });
  const target = joinEndpoint(base, endpoint);
  const compression = reader.get('compression') === undefined ? undefined : reader.oneOf('compression', ['gzip'], { caseInsensitive: true });
  return {
    url,
    endpoint,
    target: target.toString(),
    timeout: reader.number('timeout', { default: HTTP_DEFAULTS.timeout, min: 0 }),
    verify: reader.boolean('verify', { default: HTTP_DEFAULTS.verify }),
    compression,
    customHeaders: reader.stringMap('custom_headers') ?? {},
    retry: readRetryConfig(reader.object('retry')),
    auth: readAuthConfig(reader),
    batch: readBatchConfig(reader.object('batch'), base, { endpoint, target }),
  };
}

/** Keys in the config that nothing reads, `retry.*` included (they are ignored; callers log them). */
export function unknownHttpKeys(reader: OptionReader, extra: readonly string[] = []): string[] {
  const retry = reader.object('retry');
  const batch = reader.object('batch');
  return [
    ...reader.unknownKeys([...HTTP_OPTION_KEYS, ...extra]),
    ...(retry ? retry.unknownKeys(RETRY_OPTION_KEYS).map((k) => `retry.${k}`) : []),
    ...(batch ? batch.unknownKeys(BATCH_OPTION_KEYS).map((k) => `batch.${k}`) : []),
  ];
}

/** Normalizes an `http` transport config given in code (`scope` defaults to `transport` in code). */
export function normalizeHttpConfig(raw: unknown, scope: OptionScope = codeScope(['transport'])): HttpTransportConfig {
  return readHttpOptions(new OptionReader(raw, scope));
}
