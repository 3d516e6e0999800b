import path from 'node:path';
import type { TransportContext } from '@ol/core';
import { readerOf } from '@ol/core/internal';

export const TRANSPORT_TYPE = 'gcs';
export const JAVA_CLASS_NAME = 'io.openlineage.client.transports.gcs.GcsTransport';

export const GCS_DEFAULTS = Object.freeze({ maxRetries: 3, retryIntervalMillis: 1000, timeout: 10 });

/** The parts of the registry's context that parsing needs (all optional for code). */
export type GcsConfigContext = Partial<Pick<TransportContext, 'path' | 'origin' | 'baseDir'>>;

/** Options as written in `openlineage.yml`, `OPENLINEAGE__TRANSPORT__*` or code (snake_case or camelCase). */
export interface GcsTransportOptions {
  bucketName: string;
  projectId?: string;
  credentialsFile?: string;
  fileNamePrefix?: string;
  apiEndpoint?: string;
  useAuthWithCustomEndpoint?: boolean;
  maxRetries?: number;
  retryIntervalMillis?: number;
  timeout?: number;
}

/** Normalized config (`transport.config`). */
export interface GcsTransportConfig {
  bucketName: string;
  projectId?: string;
  /** Absolute path of a service account key file; absent: Application Default Credentials. */
  credentialsFile?: string;
  fileNamePrefix?: string;
  /** Where requests go instead of `https://storage.googleapis.com` (the GCS emulator, a private endpoint). */
  apiEndpoint?: string;
  /** With `apiEndpoint`, still send Google credentials (the library does not by default, for emulators). */
  useAuthWithCustomEndpoint: boolean;
  /** As Java's `maxRetries`: tries per object in total, the first included. */
  maxRetries: number;
  /** Longest pause between tries, in ms (backoff starts at about 1 s and doubles up to it). */
  retryIntervalMillis: number;
  /** Request timeout per try, in seconds. */
  timeout: number;
}

const KNOWN_KEYS = [
  'type',
  'name',
  'bucketName',
  'projectId',
  'credentialsFile',
  'fileNamePrefix',
  'apiEndpoint',
  'useAuthWithCustomEndpoint',
  'maxRetries',
  'retryIntervalMillis',
  'timeout',
];

/**
 * Reads and normalizes a `gcs` transport config: ConfigErrors name the source, key, expectation
 * and value; a relative `credentialsFile` resolves against the directory of the file it came from.
 */
export function parseGcsConfig(raw: unknown, context: GcsConfigContext = {}): GcsTransportConfig {
  return parseWithUnknown(raw, context).config;
}

export function parseWithUnknown(raw: unknown, context: GcsConfigContext = {}): { config: GcsTransportConfig; unknown: string[] } {
  const r = readerOf(raw, { path: context.path ?? ['transport'], origin: context.origin ?? (() => 'code') });
  const bucketName = r.string('bucketName', { required: true, aliases: ['bucket'] });
  // GCS bucket names: 3-63 (222 with dots) lower-case letters, digits, "-", "_", "."; checked so a path typo fails at startup.
  if (!/^[a-z0-9][a-z0-9._-]{1,221}[a-z0-9]$/.test(bucketName)) {
    throw r.error(
      'bucketName',
      'a GCS bucket name (lower-case letters, digits, "-", "_", "."; no "/" — put paths in fileNamePrefix)',
      r.get('bucketName', ['bucket']),
      ['bucket'],
    );
  }
  const apiEndpoint = r.string('apiEndpoint');
  if (apiEndpoint !== undefined && !isHttpUrl(apiEndpoint)) {
    throw r.error('apiEndpoint', 'an http(s) URL such as "http://localhost:4443"', r.get('apiEndpoint'));
  }
  const credentialsFile = r.string('credentialsFile');
  const projectId = r.string('projectId');
  const fileNamePrefix = r.string('fileNamePrefix', { trim: false });
  const config: GcsTransportConfig = {
    bucketName,
    useAuthWithCustomEndpoint: r.boolean('useAuthWithCustomEndpoint', { default: false }),
    maxRetries: r.number('maxRetries', { default: GCS_DEFAULTS.maxRetries, integer: true, min: 1, max: 20 }),
    retryIntervalMillis: r.number('retryIntervalMillis', { default: GCS_DEFAULTS.retryIntervalMillis, integer: true, min: 1 }),
    timeout: r.number('timeout', { default: GCS_DEFAULTS.timeout, min: 0.001 }),
  };
  if (projectId !== undefined) config.projectId = projectId;
  if (credentialsFile !== undefined) config.credentialsFile = path.resolve(context.baseDir ?? process.cwd(), credentialsFile);
  if (fileNamePrefix !== undefined) config.fileNamePrefix = fileNamePrefix;
  if (apiEndpoint !== undefined) config.apiEndpoint = apiEndpoint.replace(/\/+$/, '');
  return { config, unknown: r.unknownKeys([...KNOWN_KEYS, 'bucket']) };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
