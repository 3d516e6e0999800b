import type { TransportContext, TransportDescriptor } from '@ol/core';
import { normalizeKafkaConfig, type KafkaTransportConfig } from './config.js';
import { buildKafkaTransport } from './transport.js';

/** Registry entry: type `kafka`, also reachable by the Python class path. */
export const descriptor: TransportDescriptor<KafkaTransportConfig> = {
  type: 'kafka',
  aliases: ['openlineage.client.transport.kafka.KafkaTransport', 'openlineage.client.transport.KafkaTransport'],
  create(config: Record<string, unknown>, context: TransportContext) {
    return buildKafkaTransport(config, { path: context.path, origin: context.origin }, context.logger, context.baseDir, context.env);
  },
  normalize(config: Record<string, unknown>, context: TransportContext) {
    return normalizeKafkaConfig(config, { path: context.path, origin: context.origin });
  },
};
