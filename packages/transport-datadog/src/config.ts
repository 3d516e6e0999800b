import { ConfigError, type OptionScope } from '@ol/core';
import { type AsyncTransportRules, codeScope, OptionReader, readAsyncTransportRules, readerOf } from '@ol/core/internal';
import { ASYNC_HTTP_DEFAULTS, ASYNC_HTTP_OPTION_KEYS } from '@ol/transport-async-http';
import { RETRY_OPTION_KEYS, parseBaseUrl, readRetryConfig, type RetryConfig } from '@ol/transport-http/internal';

/** Datadog sites (docs.datadoghq.com/getting_started/site) → the intake that accepts OpenLineage events, as in the Python client. */
export const DATADOG_SITES: Readonly<Record<string, string>> = Object.freeze({
  'datadoghq.com': 'https://data-obs-intake.datadoghq.com',
  'us3.datadoghq.com': 'https://data-obs-intake.us3.datadoghq.com',
  'us5.datadoghq.com': 'https://data-obs-intake.us5.datadoghq.com',
  'datadoghq.eu': 'https://data-obs-intake.datadoghq.eu',
  'ddog-gov.com': 'https://data-obs-intake.ddog-gov.com',
  'us2.ddog-gov.com': 'https://data-obs-intake.us2.ddog-gov.com',
  'ap1.datadoghq.com': 'https://data-obs-intake.ap1.datadoghq.com',
  'ap2.datadoghq.com': 'https://data-obs-intake.ap2.datadoghq.com',
  'uk1.datadoghq.com': 'https://data-obs-intake.uk1.datadoghq.com',
  'datad0g.com': 'https://data-obs-intake.datad0g.com',
});

export const DATADOG_DEFAULTS = Object.freeze({ site: 'datadoghq.com', timeout: 5, ...ASYNC_HTTP_DEFAULTS });

export const DATADOG_OPTION_KEYS: readonly string[] = [
  'type',
  'name',
  'priority',
  'apiKey',
  'site',
  'timeout',
  'retry',
  'async_transport_rules',
  ...ASYNC_HTTP_OPTION_KEYS,
];

/** Normalized config (`transport.config`): camelCase keys, defaults and variables filled in. */
export interface DatadogTransportConfig {
  apiKey: string;
  /** A Datadog site name, or an http(s) URL used as the intake as is. */
  site: string;
  /** Where events go: the site's intake URL (events are POSTed to `<url>/api/v1/lineage`). */
  url: string;
  /** Seconds, for connecting and for waiting on the answer. */
  timeout: number;
  retry: RetryConfig;
  maxQueueSize: number;
  maxConcurrentRequests: number;
  asyncTransportRules: AsyncTransportRules;
}

/** What a user may write in `openlineage.yml`, variables or code: every key in snake_case or camelCase. */
export interface DatadogTransportOptions {
  apiKey?: string;
  site?: string;
  timeout?: number;
  retry?: Record<string, unknown>;
  maxQueueSize?: number;
  maxConcurrentRequests?: number;
  asyncTransportRules?: Record<string, Record<string, boolean>>;
  [key: string]: unknown;
}

export interface DatadogParseContext extends OptionScope {
  /** Where `DD_API_KEY` and `DD_SITE` are read from: the client's environment. */
  env: Record<string, string | undefined>;
}

/**
 * Reads a `datadog` transport config: `apiKey` (else `DD_API_KEY`) is required, `site` (else
 * `DD_SITE`, else `datadoghq.com`) must be a known Datadog site or an http(s) URL. Pure: the
 * environment comes in with the context.
 */
export function parseDatadogConfig(raw: unknown, context: DatadogParseContext): DatadogTransportConfig {
  const r = readerOf(raw, context);
  // A missing key has no source of its own: name where the transport was configured.
  const transportSource = context.origin([...context.path, 'type']);
  const apiKey = r.string('apiKey', { trim: false }) ?? nonEmpty(context.env.DD_API_KEY);
  if (apiKey === undefined) {
    throw new ConfigError({
      source: transportSource,
      path: r.pathOf('apiKey').join('.'),
      expected: 'a Datadog API key: `apiKey` in the transport config or the DD_API_KEY environment variable',
      actual: undefined,
    });
  }
  const fromConfig = r.string('site');
  const site = fromConfig ?? nonEmpty(context.env.DD_SITE)?.trim() ?? DATADOG_DEFAULTS.site;
  const url = intakeUrl(site, r, fromConfig === undefined && context.env.DD_SITE?.trim() ? 'DD_SITE' : undefined);
  return {
    apiKey,
    site,
    url,
    timeout: r.number('timeout', { default: DATADOG_DEFAULTS.timeout, min: 0 }),
    retry: readRetryConfig(r.object('retry')),
    maxQueueSize: r.number('max_queue_size', { default: DATADOG_DEFAULTS.maxQueueSize, min: 1, integer: true }),
    maxConcurrentRequests: r.number('max_concurrent_requests', { default: DATADOG_DEFAULTS.maxConcurrentRequests, min: 1, integer: true }),
    asyncTransportRules: readAsyncTransportRules(r),
  };
}

/** Keys nothing reads, `retry.*` included (ignored, as the Python client does; the descriptor logs them). */
export function unknownDatadogKeys(raw: unknown, context: OptionScope): string[] {
  const r = readerOf(raw, context);
  const retry = r.object('retry');
  return [...r.unknownKeys(DATADOG_OPTION_KEYS), ...(retry ? retry.unknownKeys(RETRY_OPTION_KEYS).map((k) => `retry.${k}`) : [])];
}

/** Normalizes options given in code; variables come from `env` (default `process.env`, as the client's default). */
export function normalizeDatadogConfig(options: DatadogTransportOptions, env: Record<string, string | undefined> = process.env): DatadogTransportConfig {
  return parseDatadogConfig(options, { ...codeScope(['transport']), env });
}

function intakeUrl(site: string, r: OptionReader, variable: string | undefined): string {
  const known = DATADOG_SITES[site];
  if (known !== undefined) return known;
  try {
    // Anything else must be an intake URL in its own right (a proxy, a staging intake, a test sink).
    parseBaseUrl(site, r, 'site');
    return site;
  } catch (cause) {
    const path = r.pathOf('site');
    throw new ConfigError({
      source: variable ?? r.scope.origin(path),
      path: path.join('.'),
      expected: `one of the Datadog sites ${Object.keys(DATADOG_SITES).join(', ')}, or an http(s) URL of an intake`,
      actual: site,
      cause,
    });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
