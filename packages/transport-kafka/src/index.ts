import { defaultLogger } from '@ol/core';
import { codeScope, OptionReader, scopeAt } from '@ol/core/internal';
import type { Logger, OptionScope, TransportDescriptor } from '@ol/core';
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

/** Reads and checks the transport's options; errors name their source and key. */
export function normalizeKafkaConfig(raw: Record<string, unknown>, scope: OptionScope): KafkaTransportConfig {
  return readKafkaOptions(new OptionReader(raw, scope));
}

function readKafkaOptions(r: OptionReader): KafkaTransportConfig {
  const topic = r.string('topic', { aliases: ['topicName', 'topic_name'], required: true });
  const config = r.map('config', { aliases: ['properties'], required: true })!;
  const messageKey = r.string('messageKey', { aliases: ['message_key'], trim: false });
  const flush = r.boolean('flush', { default: true });
  return { type: 'kafka', topic, config, ...(messageKey !== undefined ? { messageKey } : {}), flush };
}

/**
 * Reads the producer properties (they may name certificate files, so not in `parse`) and builds the
 * transport. Property errors name the normalized key path `<transport>.config.<property>`.
 */
function build(config: KafkaTransportConfig, scope: OptionScope, logger: Logger, baseDir: string, env: Record<string, string | undefined>): KafkaTransport {
  const settings: ProducerSettings = readProducerProperties(config.config, { ...scopeAt(scope, [...scope.path, 'config']), baseDir });
  return new KafkaTransport(config, { logger, settings, env });
}

/** Builds the transport from options given in code. */
export function createKafkaTransport(options: KafkaTransportOptions): KafkaTransport {
  const { logger, baseDir, ...raw } = options;
  const scope = codeScope(['transport']);
  return build(normalizeKafkaConfig(raw, scope), scope, logger ?? defaultLogger(), baseDir ?? process.cwd(), process.env);
}

/** Registry entry: type `kafka`, also reachable by the Python class path. */
export const descriptor: TransportDescriptor<KafkaTransportConfig> = {
  type: 'kafka',
  aliases: ['openlineage.client.transport.kafka.KafkaTransport', 'openlineage.client.transport.KafkaTransport'],
  parse: (options) => readKafkaOptions(options),
  create: (config, context) => build(config, context, context.logger, context.baseDir, context.env),
};

export default descriptor;
