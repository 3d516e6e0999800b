/**
 * Producer properties arrive by their librdkafka names (what the Python client passes to
 * confluent-kafka verbatim); this module turns them into kafkajs options. Every property is
 * either honoured, rejected with a ConfigError, or named in the `unsupported` list the transport
 * warns about once: none is silently ignored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Logger, type OptionScope } from '@ol/core';
import { OptionReader } from '@ol/core/internal';
import { CompressionCodecs, CompressionTypes } from './kafkajs.js';
import type { ConnectionOptions } from 'node:tls';
import type { CompressionType, SASLOptions } from './kafkajs.js';

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
export type PartitionerName = 'consistent_random' | 'consistent' | 'murmur2_random' | 'murmur2';

/** What the properties mean, in kafkajs terms. */
export interface ProducerSettings {
  brokers: string[];
  clientId: string;
  /** -1 (all), 0 or 1. */
  acks: -1 | 0 | 1;
  retries: number;
  initialRetryTimeMs: number;
  maxRetryTimeMs: number;
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  /** Upper bound on one delivery, retries included (`message.timeout.ms`). */
  deliveryTimeoutMs: number;
  compression: CompressionName;
  compressionType: CompressionType;
  lingerMs: number;
  batchNumMessages: number;
  /** Bounded buffer for `flush: false` (`queue.buffering.max.messages`). */
  maxQueueSize: number;
  idempotent: boolean;
  maxInFlightRequests: number | undefined;
  /**
   * `flush: false`: batches sent at once. 1 unless `max.in.flight…` is set (1 with idempotence): kafkajs may
   * reorder concurrent sends (each awaits metadata first), and one batch in flight keeps every key in order.
   */
  batchesInFlight: number;
  partitioner: PartitionerName;
  securityProtocol: SecurityProtocol;
  ssl: ConnectionOptions | undefined;
  sasl: (SASLOptions & { username: string; password: string }) | undefined;
  /** Property names present but not honoured; the transport warns once, naming them. */
  unsupported: string[];
}

/** librdkafka's names (and their librdkafka aliases) this transport honours. */
const P = {
  bootstrap: ['bootstrap.servers', 'metadata.broker.list'],
  clientId: ['client.id'],
  acks: ['acks', 'request.required.acks'],
  retries: ['retries', 'message.send.max.retries'],
  backoff: ['retry.backoff.ms'],
  backoffMax: ['retry.backoff.max.ms'],
  requestTimeout: ['request.timeout.ms'],
  messageTimeout: ['message.timeout.ms', 'delivery.timeout.ms'],
  connectTimeout: ['socket.connection.setup.timeout.ms'],
  compression: ['compression.type', 'compression.codec'],
  linger: ['linger.ms', 'queue.buffering.max.ms'],
  batch: ['batch.num.messages'],
  queue: ['queue.buffering.max.messages'],
  idempotence: ['enable.idempotence'],
  inFlight: ['max.in.flight.requests.per.connection', 'max.in.flight'],
  partitioner: ['partitioner'],
  security: ['security.protocol'],
  mechanism: ['sasl.mechanism', 'sasl.mechanisms'],
  username: ['sasl.username'],
  password: ['sasl.password'],
  caLocation: ['ssl.ca.location'],
  caPem: ['ssl.ca.pem'],
  certLocation: ['ssl.certificate.location'],
  certPem: ['ssl.certificate.pem'],
  keyLocation: ['ssl.key.location'],
  keyPem: ['ssl.key.pem'],
  keyPassword: ['ssl.key.password'],
  verify: ['enable.ssl.certificate.verification'],
  endpointId: ['ssl.endpoint.identification.algorithm'],
} as const satisfies Record<string, readonly string[]>;

export const HONOURED_PROPERTIES: readonly string[] = Object.values(P).flat();

/** Defaults chosen so a dead broker fails an emit in seconds, never hangs it. */
export const DEFAULTS = {
  clientId: 'openlineage-ts',
  retries: 2,
  retryBackoffMs: 100,
  retryBackoffMaxMs: 1000,
  requestTimeoutMs: 30_000,
  messageTimeoutMs: 30_000,
  connectionTimeoutMs: 5_000,
  lingerMs: 5,
  /** kafkajs encodes a batch in one go on the event loop: 1,000 messages per request measured fastest (see the README). */
  batchNumMessages: 1_000,
  batchesInFlight: 1,
  maxQueueSize: 100_000,
} as const;

const COMPRESSION: Record<CompressionName, CompressionType> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

export interface PropertyScope extends OptionScope {
  /** Directory relative certificate paths resolve against. */
  baseDir: string;
}

/** Reads librdkafka properties. Throws ConfigError naming the property, its source and value. */
export function readProducerProperties(properties: Record<string, unknown>, scope: PropertyScope): ProducerSettings {
  const r = new OptionReader(properties, scope);
  const one = (names: readonly string[]) => ({ name: names[0]!, aliases: names.slice(1) });
  const num = (names: readonly string[], def: number, min = 0) => r.number(one(names).name, { aliases: one(names).aliases, default: def, min, integer: true });

  const bootstrap = r.string(P.bootstrap[0], { aliases: P.bootstrap.slice(1), required: true });
  const brokers = bootstrap
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(stripScheme);
  if (brokers.length === 0 || brokers.some((b) => !/^[^:\s]+:\d+$/.test(b) && !/^\[[^\]]+\]:\d+$/.test(b))) {
    throw r.error(P.bootstrap[0], 'a comma-separated list of host:port', bootstrap, P.bootstrap.slice(1));
  }

  const acksRaw = r.string(P.acks[0], { aliases: P.acks.slice(1) }) ?? 'all';
  const acks = acksRaw.toLowerCase() === 'all' || acksRaw === '-1' ? -1 : acksRaw === '0' ? 0 : acksRaw === '1' ? 1 : undefined;
  if (acks === undefined) throw r.error(P.acks[0], 'all, -1, 0 or 1', acksRaw, P.acks.slice(1));

  const compression =
    r.oneOf(P.compression[0], ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const, { aliases: P.compression.slice(1), caseInsensitive: true }) ?? 'none';
  const compressionType = COMPRESSION[compression];
  if (compression !== 'none' && compression !== 'gzip' && !codecRegistered(compressionType)) {
    throw new ConfigError({
      source: scope.origin(r.pathOf(P.compression[0], P.compression.slice(1))),
      path: r.pathOf(P.compression[0], P.compression.slice(1)).join('.'),
      expected: `none or gzip, or a codec registered in kafkajs's CompressionCodecs[CompressionTypes.${({ snappy: 'Snappy', lz4: 'LZ4', zstd: 'ZSTD' } as const)[compression]}] (e.g. from the kafkajs-${compression} package) before the transport is created`,
      actual: compression,
    });
  }

  const idempotent = r.boolean(P.idempotence[0], { default: false });
  if (idempotent && acks !== -1) throw r.error(P.acks[0], 'all (or -1), because enable.idempotence is true', acksRaw, P.acks.slice(1));

  const securityProtocol = r.oneOf(P.security[0], ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const, { caseInsensitive: true }) ?? 'PLAINTEXT';
  const useSsl = securityProtocol === 'SSL' || securityProtocol === 'SASL_SSL';
  const useSasl = securityProtocol === 'SASL_PLAINTEXT' || securityProtocol === 'SASL_SSL';

  let sasl: ProducerSettings['sasl'];
  if (useSasl) {
    const mechanism =
      r.oneOf(P.mechanism[0], ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const, {
        aliases: P.mechanism.slice(1),
        caseInsensitive: true,
        default: 'PLAIN',
      }) ?? 'PLAIN';
    const username = r.string(P.username[0], { required: true, trim: false });
    const password = r.string(P.password[0], { required: true, trim: false });
    sasl = { mechanism: mechanism.toLowerCase() as 'plain', username, password };
  }

  let ssl: ConnectionOptions | undefined;
  if (useSsl) {
    const pem = (locKeys: readonly string[], pemKeys: readonly string[]): string | undefined => {
      const inline = r.string(pemKeys[0]!, { trim: false });
      if (inline !== undefined) return inline;
      const loc = r.string(locKeys[0]!);
      if (loc === undefined) return undefined;
      const file = path.resolve(scope.baseDir, loc);
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (err) {
        throw new ConfigError({
          source: scope.origin(r.pathOf(locKeys[0]!)),
          path: r.pathOf(locKeys[0]!).join('.'),
          expected: 'a readable PEM file',
          actual: file,
          cause: err,
        });
      }
    };
    ssl = {};
    const ca = pem(P.caLocation, P.caPem);
    const cert = pem(P.certLocation, P.certPem);
    const key = pem(P.keyLocation, P.keyPem);
    const passphrase = r.string(P.keyPassword[0], { trim: false });
    if (ca !== undefined) ssl.ca = [ca];
    if (cert !== undefined) ssl.cert = cert;
    if (key !== undefined) ssl.key = key;
    if (passphrase !== undefined) ssl.passphrase = passphrase;
    if (!r.boolean(P.verify[0], { default: true })) ssl.rejectUnauthorized = false;
    const endpoint = r.oneOf(P.endpointId[0], ['https', 'none'] as const, { caseInsensitive: true });
    if (endpoint === 'none') ssl.checkServerIdentity = () => undefined;
  }

  const unsupported = r.unknownKeys(HONOURED_PROPERTIES);
  // SSL and SASL properties mean nothing under a protocol that does not use them: say so.
  const inert = (names: readonly string[], active: boolean) => (active ? [] : names.filter((n) => r.has(n)).map((n) => r.keyOf(n)!));
  unsupported.push(
    ...inert(
      [...P.caLocation, ...P.caPem, ...P.certLocation, ...P.certPem, ...P.keyLocation, ...P.keyPem, ...P.keyPassword, ...P.verify, ...P.endpointId],
      useSsl,
    ),
  );
  unsupported.push(...inert([...P.mechanism, ...P.username, ...P.password], useSasl));

  const inFlight = r.number(P.inFlight[0], { aliases: P.inFlight.slice(1), min: 1, integer: true });
  return {
    brokers,
    clientId: r.string(P.clientId[0]) ?? DEFAULTS.clientId,
    acks,
    retries: num(P.retries, DEFAULTS.retries),
    initialRetryTimeMs: num(P.backoff, DEFAULTS.retryBackoffMs, 1),
    maxRetryTimeMs: num(P.backoffMax, DEFAULTS.retryBackoffMaxMs, 1),
    requestTimeoutMs: num(P.requestTimeout, DEFAULTS.requestTimeoutMs, 1),
    connectionTimeoutMs: num(P.connectTimeout, DEFAULTS.connectionTimeoutMs, 1),
    deliveryTimeoutMs: num(P.messageTimeout, DEFAULTS.messageTimeoutMs, 1),
    compression,
    compressionType,
    lingerMs: num(P.linger, DEFAULTS.lingerMs),
    batchNumMessages: num(P.batch, DEFAULTS.batchNumMessages, 1),
    maxQueueSize: num(P.queue, DEFAULTS.maxQueueSize, 1),
    idempotent,
    maxInFlightRequests: idempotent ? 1 : inFlight,
    batchesInFlight: idempotent ? 1 : (inFlight ?? DEFAULTS.batchesInFlight),
    partitioner: r.oneOf(P.partitioner[0], ['consistent_random', 'consistent', 'murmur2_random', 'murmur2'] as const) ?? 'consistent_random',
    securityProtocol,
    ssl,
    sasl,
    unsupported,
  };
}

/** kafkajs ships placeholders that throw for snappy, lz4 and zstd until a codec package replaces them. */
function codecRegistered(type: CompressionType): boolean {
  const factory = (CompressionCodecs as Partial<Record<CompressionType, () => unknown>>)[type];
  if (factory === undefined) return false;
  try {
    factory();
    return true;
  } catch {
    return false;
  }
}

/** `PLAINTEXT://host:9092` (as some configs write listeners) → `host:9092`. */
function stripScheme(s: string): string {
  return s.replace(/^[A-Za-z_]+:\/\//, '');
}

/** Normalized config (camelCase keys, defaults filled in); `config` keeps the librdkafka names as given. */
export interface KafkaTransportConfig {
  type: 'kafka';
  topic: string;
  config: Record<string, unknown>;
  messageKey?: string;
  flush: boolean;
}

/** Options for `createKafkaTransport` (the same keys the config file takes). */
export interface KafkaTransportOptions {
  topic: string;
  /** Producer properties by their librdkafka names, e.g. `{ 'bootstrap.servers': 'localhost:9092', acks: 'all' }`. */
  config: Record<string, string | number | boolean>;
  messageKey?: string;
  /** Wait for the broker's acknowledgement in every `emit` (default true). */
  flush?: boolean;
  logger?: Logger;
  /** Directory relative `ssl.*.location` paths resolve against (default `process.cwd()`). */
  baseDir?: string;
}

/** Reads and checks the transport's options; property errors name their source and key. */
export function normalizeKafkaConfig(raw: Record<string, unknown>, scope: OptionScope): KafkaTransportConfig {
  return readKafkaOptions(new OptionReader(raw, scope));
}

/** The descriptor's `parse`: the options of one kafka section, read once. */
export function readKafkaOptions(r: OptionReader): KafkaTransportConfig {
  const topic = r.string('topic', { aliases: ['topicName', 'topic_name'], required: true });
  const config = r.map('config', { aliases: ['properties'], required: true })!;
  const messageKey = r.string('messageKey', { aliases: ['message_key'], trim: false });
  const flush = r.boolean('flush', { default: true });
  return { type: 'kafka', topic, config, ...(messageKey !== undefined ? { messageKey } : {}), flush };
}
