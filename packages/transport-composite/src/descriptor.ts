import type { TransportDescriptor } from '@ol/core';
import { readCompositeConfig, type CompositeTransportConfig } from './config.js';
import { buildCompositeTransport } from './transport.js';

/** Registry entry: `type: composite`, or the Python class path used in Python configs. */
export const descriptor: TransportDescriptor<CompositeTransportConfig> = {
  type: 'composite',
  aliases: ['openlineage.client.transport.composite.CompositeTransport'],
  parse: (options) => readCompositeConfig(options.raw, options.scope),
  create: (config, context) => buildCompositeTransport(config, context),
};
