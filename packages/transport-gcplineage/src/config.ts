import path from 'node:path';
import { ConfigError, type OptionScope } from '@ol/core';
import { type AsyncTransportRules, codeScope, readAsyncTransportRules, readerOf } from '@ol/core/internal';

export const DEFAULT_LOCATION = 'us-central1';
/** Seconds one emit may take, retries included (the library's own default would be 60 s per try and 600 s overall). */
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** Normalized config (`transport.config`): camelCase keys, defaults filled in. */
export interface GcpLineageTransportConfig {
  projectId: string;
  location: string;
  /** Service-account (or other credentials) JSON file, absolute; from `credentials_path` or GOOGLE_APPLICATION_CREDENTIALS. */
  credentialsPath?: string;
  /** Where `credentialsPath` came from (not named `credentials…`: that would show as *** like the path). Absent: Application Default Credentials. */
  keyFileFrom?: 'config' | 'GOOGLE_APPLICATION_CREDENTIALS';
  /** Another endpoint than `datalineage.googleapis.com`: `host[:port]` (HTTPS) or an http(s) URL (emulators, private endpoints). */
  apiEndpoint?: string;
  /** Seconds per emit, retries included. */
  timeout: number;
  asyncTransportRules: AsyncTransportRules;
}

/** What a user may write in `openlineage.yml`, variables or code: every key in snake_case or camelCase. */
export interface GcpLineageTransportOptions {
  projectId?: string;
  location?: string;
  credentialsPath?: string;
  apiEndpoint?: string;
  timeout?: number;
  asyncTransportRules?: Record<string, Record<string, boolean>>;
  [key: string]: unknown;
}

export interface GcpLineageParseContext extends OptionScope {
  /** Where GOOGLE_APPLICATION_CREDENTIALS is read from: the client's environment. */
  env: Record<string, string | undefined>;
  /** Directory a relative `credentials_path` resolves against (the YAML file's, else the cwd). */
  baseDir: string;
}

export const GCP_LINEAGE_OPTION_KEYS: readonly string[] = [
  'type',
  'name',
  'priority',
  'project_id',
  'location',
  'credentials_path',
  'api_endpoint',
  'timeout',
  'async_transport_rules',
];

/** Where requests go, as the Google client library wants it. */
export interface Endpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/** Reads a `gcplineage` transport config. Pure: files are not touched (the transport checks `credentialsPath` when built). */
export function parseGcpLineageConfig(raw: unknown, context: GcpLineageParseContext): GcpLineageTransportConfig {
  const r = readerOf(raw, context);
  const projectId = r.string('project_id', { required: true });
  if (!/^([a-z][a-z0-9.:-]{3,}[a-z0-9]|\d+)$/.test(projectId))
    throw r.error('project_id', 'a Google Cloud project id such as "my-project-123" (or a project number)', projectId);
  const location = r.string('location', { default: DEFAULT_LOCATION });
  if (!/^[a-z0-9-]+$/.test(location)) throw r.error('location', 'a Google Cloud location such as "us-central1", "europe-west1" or "us"', location);
  const configured = r.string('credentials_path');
  const fromEnv = configured === undefined ? context.env.GOOGLE_APPLICATION_CREDENTIALS?.trim() || undefined : undefined;
  const apiEndpoint = r.string('api_endpoint');
  if (apiEndpoint !== undefined) {
    try {
      endpointOf(apiEndpoint);
    } catch {
      throw r.error('api_endpoint', 'host[:port] (HTTPS), or an http(s) URL such as "http://localhost:8080"', apiEndpoint);
    }
  }
  const credentialsPath = configured !== undefined ? path.resolve(context.baseDir, configured) : fromEnv !== undefined ? path.resolve(fromEnv) : undefined;
  return {
    projectId,
    location,
    ...(credentialsPath !== undefined && {
      credentialsPath,
      keyFileFrom: configured !== undefined ? ('config' as const) : ('GOOGLE_APPLICATION_CREDENTIALS' as const),
    }),
    ...(apiEndpoint !== undefined && { apiEndpoint }),
    timeout: r.number('timeout', { default: DEFAULT_TIMEOUT_SECONDS, min: 0.001 }),
    asyncTransportRules: readAsyncTransportRules(r),
  };
}

/** Keys nothing reads (ignored, as the Python client does; the descriptor logs them). */
export function unknownGcpLineageKeys(raw: unknown, context: OptionScope): string[] {
  return readerOf(raw, context).unknownKeys(GCP_LINEAGE_OPTION_KEYS);
}

/** Normalizes options given in code; GOOGLE_APPLICATION_CREDENTIALS comes from `env` (default `process.env`). */
export function normalizeGcpLineageConfig(
  options: GcpLineageTransportOptions,
  env: Record<string, string | undefined> = process.env,
  baseDir = process.cwd(),
): GcpLineageTransportConfig {
  return parseGcpLineageConfig(options, { ...codeScope(['transport']), env, baseDir });
}

/** `host`, `host:port` (HTTPS, port 443 by default) or `http(s)://host[:port]`. Throws on anything else. */
export function endpointOf(value: string): Endpoint {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const url = new URL(value);
    if (
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.hostname === '' ||
      (url.pathname !== '/' && url.pathname !== '') ||
      url.search ||
      url.username
    ) {
      throw new ConfigError({ source: 'api_endpoint', path: 'api_endpoint', expected: 'an http(s) URL without path', actual: value });
    }
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
  }
  const m = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!m) throw new ConfigError({ source: 'api_endpoint', path: 'api_endpoint', expected: 'host[:port]', actual: value });
  return { host: m[1]!, port: m[2] ? Number(m[2]) : 443, protocol: 'https' };
}
