import type { TransportContext, TransportDescriptor } from '@ol/core';
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

const scopeOf = (context: TransportContext) => ({ path: context.path, origin: context.origin });

/** Registry entry: `type: composite`, or the Python class path used in Python configs. */
export const descriptor: TransportDescriptor<CompositeTransportConfig> = {
  type: 'composite',
  aliases: ['openlineage.client.transport.composite.CompositeTransport'],
  normalize: (config, context) => readCompositeConfig(config, scopeOf(context)),
  create: (config, context) => buildCompositeTransport(readCompositeConfig(config, scopeOf(context)), context),
};

export default descriptor;
