import type { TransportDescriptor } from '@ol/core';
import { readKafkaOptions, type KafkaTransportConfig } from './config.js';
import { buildKafkaTransport } from './transport.js';

/** Registry entry: type `kafka`, also reachable by the Python class path. */
export const descriptor: TransportDescriptor<KafkaTransportConfig> = {
  type: 'kafka',
  aliases: ['openlineage.client.transport.kafka.KafkaTransport', 'openlineage.client.transport.KafkaTransport'],
  parse: (options) => readKafkaOptions(options),
  create: (config, context) => buildKafkaTransport(config, context, context.logger, context.baseDir, context.env),
};
