import type { TransportDescriptor } from '@ol/core';
import { buildCompositeTransport } from './composite-transport.js';
import { readCompositeConfig, type CompositeTransportConfig } from './options.js';

export {
  CompositeTransport,
  buildCompositeTransport,
  createCompositeTransport,
  type CompositeBehaviour,
  type CompositeChild,
  type CompositeTransportOptions,
} from './composite-transport.js';
export { readCompositeConfig, type CompositeChildConfig, type CompositeTransportConfig } from './options.js';

/** Registry entry: `type: composite`, or the Python class path used in Python configs. */
export const descriptor: TransportDescriptor<CompositeTransportConfig> = {
  type: 'composite',
  aliases: ['openlineage.client.transport.composite.CompositeTransport'],
  parse: (options) => readCompositeConfig(options.raw, options.scope),
  create: (config, context) => buildCompositeTransport(config, context),
};

export default descriptor;
