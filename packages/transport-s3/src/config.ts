import { ConfigError, type TransportContext } from '@ol/core';
import { readerOf } from '@ol/core/internal';

export const TRANSPORT_TYPE = 's3';
export const JAVA_CLASS_NAME = 'io.openlineage.client.transports.s3.S3Transport';

export const S3_DEFAULTS = Object.freeze({ maxAttempts: 3, timeout: 10, fallbackRegion: 'us-east-1' });

/** Where a raw config came from: the parts of the registry's context that parsing needs. */
export type S3ConfigContext = Partial<Pick<TransportContext, 'path' | 'origin' | 'env'>>;

/** Options as written in `openlineage.yml`, `OPENLINEAGE__TRANSPORT__*` or code (snake_case or camelCase). */
export interface S3TransportOptions {
  bucketName: string;
  fileNamePrefix?: string;
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
  maxAttempts?: number;
  timeout?: number;
}

/** Normalized config (`transport.config`). Credentials are never part of it. */
export interface S3TransportConfig {
  bucketName: string;
  /** Object names start with it; `a/b` gives `a/b_<millis>.json`, `a/b/` gives `a/b/<millis>.json`. */
  fileNamePrefix?: string;
  /** An S3-compatible endpoint (MinIO, Ceph, LocalStack); absent: AWS's endpoint for the region. */
  endpoint?: string;
  /** From the config, else the client's `AWS_REGION`, else `us-east-1` when `endpoint` is set; else the SDK's own chain decides. */
  region?: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key`: default true with `endpoint` (as Java), false without. */
  forcePathStyle: boolean;
  /** Tries per object including the first (the AWS SDK's standard retry strategy). */
  maxAttempts: number;
  /** Connection and request timeout in seconds. */
  timeout: number;
}

// DataZone's and boto's spellings of the same option, so a config written for those still works.
const ENDPOINT_ALIASES = ['endpointOverride', 'endpointUrl'];
const KNOWN_KEYS = ['type', 'name', 'bucketName', 'fileNamePrefix', 'endpoint', 'region', 'forcePathStyle', 'maxAttempts', 'timeout'];

/**
 * Reads and normalizes an `s3` transport config. Every mistake is a ConfigError naming the
 * source (file:line or variable), key, expectation and value; unknown keys are returned for a warning.
 */
export function parseS3Config(raw: unknown, context: S3ConfigContext = {}): S3TransportConfig {
  return parseWithUnknown(raw, context).config;
}

export function parseWithUnknown(raw: unknown, context: S3ConfigContext = {}): { config: S3TransportConfig; unknown: string[] } {
  const r = readerOf(raw, { path: context.path ?? ['transport'], origin: context.origin ?? (() => 'code') });
  const bucketName = r.string('bucketName', { required: true, aliases: ['bucket'] });
  if (!/^[A-Za-z0-9._-]{1,255}$/.test(bucketName)) {
    throw r.error('bucketName', 'a bucket name (letters, digits, ".", "-", "_"; no "/" — put paths in fileNamePrefix)', r.get('bucketName', ['bucket']));
  }
  const endpoint = r.string('endpoint', { aliases: ENDPOINT_ALIASES });
  if (endpoint !== undefined && !isHttpUrl(endpoint)) {
    throw r.error('endpoint', 'an http(s) URL such as "http://localhost:9000"', r.get('endpoint', ENDPOINT_ALIASES), ENDPOINT_ALIASES);
  }
  const region = r.string('region') ?? nonEmpty(context.env?.AWS_REGION) ?? (endpoint !== undefined ? S3_DEFAULTS.fallbackRegion : undefined);
  if (region !== undefined && !/^[a-z0-9-]+$/.test(region)) {
    throw r.has('region') ? r.error('region', 'an AWS region name such as "eu-west-1"', r.get('region')) : regionEnvError(region);
  }
  const fileNamePrefix = r.string('fileNamePrefix', { trim: false });
  const config: S3TransportConfig = {
    bucketName,
    forcePathStyle: r.boolean('forcePathStyle', { default: endpoint !== undefined, aliases: ['pathStyleAccess'] }),
    maxAttempts: r.number('maxAttempts', { default: S3_DEFAULTS.maxAttempts, integer: true, min: 1, max: 20 }),
    timeout: r.number('timeout', { default: S3_DEFAULTS.timeout, min: 0.001 }),
  };
  if (fileNamePrefix !== undefined) config.fileNamePrefix = fileNamePrefix;
  if (endpoint !== undefined) config.endpoint = endpoint;
  if (region !== undefined) config.region = region;
  return { config, unknown: r.unknownKeys([...KNOWN_KEYS, ...ENDPOINT_ALIASES, 'bucket', 'pathStyleAccess']) };
}

function regionEnvError(value: string): ConfigError {
  return new ConfigError({ source: 'AWS_REGION', path: 'AWS_REGION', expected: 'an AWS region name such as "eu-west-1"', actual: value });
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
