import { defaultLogger } from '@ol/core';
import { codeScope, OptionReader } from '@ol/core/internal';
import type { Logger, TransportContext, TransportDescriptor } from '@ol/core';
import { readProducerProperties } from './properties.js';
import type { ProducerSettings } from './properties.js';
import { KafkaTransport } from './transport.js';
import type { KafkaTransportConfig } from './transport.js';

export { KafkaTransport } from './transport.js';
export type { KafkaTransportConfig, KafkaTransportRuntime } from './transport.js';
export { defaultMessageKey } from './keys.js';
export { readProducerProperties, HONOURED_PROPERTIES, DEFAULTS } from './properties.js';
export type { ProducerSettings, SecurityProtocol, SaslMechanism, CompressionName, PartitionerName } from './properties.js';

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

interface Scope {
  path: readonly string[];
  origin(path: readonly string[]): string;
}

/** Reads and checks the transport's options; property errors name their source and key. */
export function normalizeKafkaConfig(raw: Record<string, unknown>, scope: Scope): KafkaTransportConfig {
  const r = new OptionReader(raw, { path: scope.path, origin: scope.origin });
  const topic = r.string('topic', { aliases: ['topicName', 'topic_name'], required: true });
  const config = r.map('config', { aliases: ['properties'], required: true })!;
  const messageKey = r.string('messageKey', { aliases: ['message_key'], trim: false });
  const flush = r.boolean('flush', { default: true });
  return { type: 'kafka', topic, config, ...(messageKey !== undefined ? { messageKey } : {}), flush };
}

function build(raw: Record<string, unknown>, scope: Scope, logger: Logger, baseDir: string, env: Record<string, string | undefined>): KafkaTransport {
  const config = normalizeKafkaConfig(raw, scope);
  const r = new OptionReader(raw, { path: scope.path, origin: scope.origin });
  const settings: ProducerSettings = readProducerProperties(config.config, { path: r.pathOf('config', ['properties']), origin: scope.origin, baseDir });
  return new KafkaTransport(config, { logger, settings, env });
}

/** Builds the transport from options given in code. */
export function createKafkaTransport(options: KafkaTransportOptions): KafkaTransport {
  const { logger, baseDir, ...raw } = options;
  return build(raw, codeScope(['transport']), logger ?? defaultLogger(), baseDir ?? process.cwd(), process.env);
}

/** Registry entry: type `kafka`, also reachable by the Python class path. */
export const descriptor: TransportDescriptor<KafkaTransportConfig> = {
  type: 'kafka',
  aliases: ['openlineage.client.transport.kafka.KafkaTransport', 'openlineage.client.transport.KafkaTransport'],
  create(config: Record<string, unknown>, context: TransportContext) {
    return build(config, { path: context.path, origin: context.origin }, context.logger, context.baseDir, context.env);
  },
  normalize(config: Record<string, unknown>, context: TransportContext) {
    return normalizeKafkaConfig(config, { path: context.path, origin: context.origin });
  },
};

export default descriptor;
