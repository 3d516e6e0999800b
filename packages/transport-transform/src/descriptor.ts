import type { TransportDescriptor } from '@ol/core';
import { readTransformConfig, type TransformTransportConfig } from './config.js';
import { buildTransformTransport } from './transport.js';

/** Registry entry: `type: transform`, or the Python class paths used in Python configs. */
export const descriptor: TransportDescriptor<TransformTransportConfig> = {
  type: 'transform',
  aliases: ['openlineage.client.transport.transform.TransformTransport', 'openlineage.client.transport.transform.transform.TransformTransport'],
  parse: (options) => readTransformConfig(options.raw, options.scope),
  create: (config, context) => buildTransformTransport(config, context),
};
