import type { TransportDescriptor } from '@ol/core';
import { scopeAt } from '@ol/core/internal';
import { readKafkaOptions, type KafkaTransportConfig } from './config.js';
import { buildKafkaTransport } from './transport.js';

/** Registry entry: type `kafka`, also reachable by the Python class path. */
export const descriptor: TransportDescriptor<KafkaTransportConfig> = {
  type: 'kafka',
  aliases: ['openlineage.client.transport.kafka.KafkaTransport', 'openlineage.client.transport.KafkaTransport'],
  parse: (options) => readKafkaOptions(options),
  // Property errors name the key the properties were given under (`config`, or Python's `properties`).
  create: (config, context) =>
    buildKafkaTransport(
      config,
      scopeAt(context, context.options?.pathOf('config', ['properties']) ?? [...context.path, 'config']),
      context.logger,
      context.baseDir,
      context.env,
    ),
};
