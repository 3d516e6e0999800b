import type { TransportContext, TransportDescriptor } from '@ol/core';
import { readCompositeConfig, type CompositeTransportConfig } from './config.js';
import { buildCompositeTransport } from './transport.js';

const scopeOf = (context: TransportContext) => ({ path: context.path, origin: context.origin });

/** Registry entry: `type: composite`, or the Python class path used in Python configs. */
export const descriptor: TransportDescriptor<CompositeTransportConfig> = {
  type: 'composite',
  aliases: ['openlineage.client.transport.composite.CompositeTransport'],
  normalize: (config, context) => readCompositeConfig(config, scopeOf(context)),
  create: (config, context) => buildCompositeTransport(readCompositeConfig(config, scopeOf(context)), context),
};
