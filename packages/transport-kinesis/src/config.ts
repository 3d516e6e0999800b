import { ConfigError, type TransportContext } from '@ol/core';
import { readerOf } from '@ol/core/internal';

export const TRANSPORT_TYPE = 'kinesis';
export const JAVA_CLASS_NAME = 'io.openlineage.client.transports.kinesis.KinesisTransport';

/** Kinesis PutRecords limits (service quotas, not tunable). */
export const KINESIS_LIMITS = Object.freeze({ maxRecordsPerCall: 500, maxBytesPerCall: 5 * 1024 * 1024, maxRecordBytes: 1024 * 1024 });

/** Defaults, where KPL has the same knob its default (KPL default_config.properties). */
export const KINESIS_DEFAULTS = Object.freeze({
  maxConnections: 24,
  requestTimeoutMs: 6000,
  connectTimeoutMs: 6000,
  recordTtlMs: 30_000,
  lingerMs: 100,
  maxAttempts: 3,
  maxQueueSize: 10_000,
});

/**
 * KPL properties (Java's `properties`) with a meaning here, and what they set. The rest of KPL's
 * knobs (aggregation, metrics, native process, TLS switches) have none: they are named in one
 * warning per name.
 */
const MAPPED_PROPERTIES = [
  'KinesisEndpoint',
  'KinesisPort',
  'MaxConnections',
  'RequestTimeout',
  'ConnectTimeout',
  'RecordTtl',
  'RecordMaxBufferedTime',
  'CollectionMaxCount',
  'CollectionMaxSize',
  'Region',
];

export type KinesisConfigContext = Partial<Pick<TransportContext, 'path' | 'origin' | 'env'>>;

/** Options as written in `openlineage.yml`, `OPENLINEAGE__TRANSPORT__*` or code (snake_case or camelCase). */
export interface KinesisTransportOptions {
  streamName: string;
  region?: string;
  roleArn?: string;
  endpoint?: string;
  /** KPL properties as Java takes them (values may be strings). */
  properties?: Record<string, unknown>;
  maxQueueSize?: number;
  maxAttempts?: number;
}

/** Normalized config (`transport.config`). */
export interface KinesisTransportConfig {
  streamName: string;
  region: string;
  roleArn?: string;
  /** From `endpoint`, else `https://<KinesisEndpoint>:<KinesisPort>` from properties. */
  endpoint?: string;
  /** PutRecords calls in flight at once (KPL `MaxConnections`). */
  maxConnections: number;
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  /** A record not delivered this long after `emit` is given up (KPL `RecordTtl`). */
  recordTtlMs: number;
  /** How long the oldest record waits for others to share its PutRecords call (KPL `RecordMaxBufferedTime`). */
  lingerMs: number;
  /** Records per PutRecords call (KPL `CollectionMaxCount`, at most 500). */
  maxRecordsPerCall: number;
  /** Bytes of data plus partition keys per call (KPL `CollectionMaxSize`, at most 5 MiB). */
  maxBytesPerCall: number;
  /** Tries per record: each PutRecords call by the SDK, and a record failed in a partial success is sent again. */
  maxAttempts: number;
  /** Records that may wait before `emit` waits for room. */
  maxQueueSize: number;
  /** KPL properties with no meaning here (warned about once each). */
  ignoredProperties: string[];
}

const KNOWN_KEYS = ['type', 'name', 'streamName', 'region', 'roleArn', 'endpoint', 'properties', 'maxQueueSize', 'maxAttempts'];

/** Reads and normalizes a `kinesis` config; ConfigErrors name the source, key (`properties.RecordTtl` too), expectation and value. */
export function parseKinesisConfig(raw: unknown, context: KinesisConfigContext = {}): KinesisTransportConfig {
  return parseWithUnknown(raw, context).config;
}

export function parseWithUnknown(raw: unknown, context: KinesisConfigContext = {}): { config: KinesisTransportConfig; unknown: string[] } {
  const scope = { path: context.path ?? ['transport'], origin: context.origin ?? (() => 'code') };
  const r = readerOf(raw, scope);
  const streamName = r.string('streamName', { required: true });
  if (!/^[a-zA-Z0-9_.-]{1,128}$/.test(streamName)) throw r.error('streamName', 'a Kinesis stream name (1-128 of a-z, A-Z, 0-9, "_", ".", "-")', streamName);
  const props = r.object('properties');
  const propRegion = props?.string('Region');
  const region = r.string('region') ?? propRegion ?? nonEmpty(context.env?.AWS_REGION);
  if (region === undefined) {
    throw r.error('region', 'an AWS region such as "eu-west-1" (Java requires it; AWS_REGION in the environment is used when it is absent)', undefined);
  }
  if (!/^[a-z0-9-]+$/.test(region)) {
    if (r.has('region')) throw r.error('region', 'an AWS region name such as "eu-west-1"', region);
    throw new ConfigError({
      source: propRegion !== undefined ? scope.origin(props!.pathOf('Region')) : 'AWS_REGION',
      path: propRegion !== undefined ? props!.pathOf('Region').join('.') : 'AWS_REGION',
      expected: 'an AWS region name such as "eu-west-1"',
      actual: region,
    });
  }
  const roleArn = r.string('roleArn');
  if (roleArn !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(roleArn)) {
    throw r.error('roleArn', 'an IAM role ARN such as "arn:aws:iam::123456789012:role/lineage-writer"', roleArn);
  }
  let endpoint = r.string('endpoint');
  if (endpoint !== undefined && !isHttpUrl(endpoint)) throw r.error('endpoint', 'an http(s) URL such as "http://localhost:4566"', endpoint);
  const kplHost = props?.string('KinesisEndpoint');
  if (endpoint === undefined && kplHost !== undefined) {
    const port = props!.number('KinesisPort', { default: 443, integer: true, min: 1, max: 65535 });
    endpoint = `https://${kplHost}:${port}`;
    if (!isHttpUrl(endpoint)) throw props!.error('KinesisEndpoint', 'a host name such as "kinesis.eu-west-1.amazonaws.com"', kplHost);
  }
  const config: KinesisTransportConfig = {
    streamName,
    region,
    maxConnections:
      props?.number('MaxConnections', { default: KINESIS_DEFAULTS.maxConnections, integer: true, min: 1, max: 256 }) ?? KINESIS_DEFAULTS.maxConnections,
    requestTimeoutMs:
      props?.number('RequestTimeout', { default: KINESIS_DEFAULTS.requestTimeoutMs, integer: true, min: 100 }) ?? KINESIS_DEFAULTS.requestTimeoutMs,
    connectTimeoutMs:
      props?.number('ConnectTimeout', { default: KINESIS_DEFAULTS.connectTimeoutMs, integer: true, min: 100 }) ?? KINESIS_DEFAULTS.connectTimeoutMs,
    recordTtlMs: props?.number('RecordTtl', { default: KINESIS_DEFAULTS.recordTtlMs, integer: true, min: 100 }) ?? KINESIS_DEFAULTS.recordTtlMs,
    lingerMs: props?.number('RecordMaxBufferedTime', { default: KINESIS_DEFAULTS.lingerMs, integer: true, min: 0 }) ?? KINESIS_DEFAULTS.lingerMs,
    maxRecordsPerCall:
      props?.number('CollectionMaxCount', { default: KINESIS_LIMITS.maxRecordsPerCall, integer: true, min: 1, max: KINESIS_LIMITS.maxRecordsPerCall }) ??
      KINESIS_LIMITS.maxRecordsPerCall,
    maxBytesPerCall:
      props?.number('CollectionMaxSize', { default: KINESIS_LIMITS.maxBytesPerCall, integer: true, min: 1, max: KINESIS_LIMITS.maxBytesPerCall }) ??
      KINESIS_LIMITS.maxBytesPerCall,
    maxAttempts: r.number('maxAttempts', { default: KINESIS_DEFAULTS.maxAttempts, integer: true, min: 1, max: 20 }),
    maxQueueSize: r.number('maxQueueSize', { default: KINESIS_DEFAULTS.maxQueueSize, integer: true, min: 1 }),
    // Any spelling counts as mapped (env variables give `record_ttl` for `RecordTtl`).
    ignoredProperties: props?.unknownKeys(MAPPED_PROPERTIES) ?? [],
  };
  if (roleArn !== undefined) config.roleArn = roleArn;
  if (endpoint !== undefined) config.endpoint = endpoint;
  return { config, unknown: r.unknownKeys(KNOWN_KEYS) };
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
