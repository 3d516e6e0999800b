import type { OptionScope } from '@ol/core';
import { codeScope, OptionReader } from '@ol/core/internal';

/** DataZone's own constraint on `domainIdentifier`, checked up front so a typo fails at startup, not per event. */
export const DOMAIN_ID_PATTERN = /^dzd[-_][a-zA-Z0-9_-]{1,36}$/;

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Options as written in `openlineage.yml`, env variables or code (any key spelling is accepted). */
export interface DataZoneTransportConfigInput {
  domainId: string;
  region?: string;
  endpointOverride?: string;
  maxAttempts?: number;
  timeout?: number;
}

/** Normalized config (`transport.config`). Credentials are never part of it. */
export interface DataZoneTransportConfig {
  domainId: string;
  region?: string;
  endpointOverride?: string;
  /** Total tries per event including the first, done by the AWS SDK's standard retry strategy. */
  maxAttempts: number;
  /** Connection and request timeout, in seconds (the Python config's unit). */
  timeout: number;
}

export const KNOWN_KEYS = ['type', 'name', 'domainId', 'region', 'endpointOverride', 'maxAttempts', 'timeout'] as const;

export function readDataZoneConfig(raw: unknown, scope: OptionScope = codeScope(['transport'])): DataZoneTransportConfig {
  const r = new OptionReader(raw, scope);
  const domainId = r.string('domainId', { required: true });
  if (!DOMAIN_ID_PATTERN.test(domainId)) {
    throw r.error('domainId', 'a DataZone domain id like "dzd_abc123" (pattern dzd[-_][a-zA-Z0-9_-]{1,36})', r.get('domainId'));
  }
  const endpointOverride = r.string('endpointOverride');
  if (endpointOverride !== undefined && !isHttpUrl(endpointOverride)) {
    throw r.error('endpointOverride', 'an http(s) URL such as "https://datazone.eu-west-1.amazonaws.com"', r.get('endpointOverride'));
  }
  const region = r.string('region');
  if (region !== undefined && !/^[a-z0-9-]+$/.test(region)) {
    throw r.error('region', 'an AWS region name such as "eu-west-1"', r.get('region'));
  }
  const config: DataZoneTransportConfig = {
    domainId,
    maxAttempts: r.number('maxAttempts', { default: DEFAULT_MAX_ATTEMPTS, integer: true, min: 1, max: 20 }),
    timeout: r.number('timeout', { default: DEFAULT_TIMEOUT_SECONDS, min: 0.001 }),
  };
  if (region !== undefined) config.region = region;
  if (endpointOverride !== undefined) config.endpointOverride = endpointOverride;
  return config;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
