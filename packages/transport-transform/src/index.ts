import type { TransportDescriptor } from '@ol/core';
import { readTransformConfig, type TransformTransportConfig } from './options.js';
import { buildTransformTransport } from './transform-transport.js';

export {
  TransformTransport,
  buildTransformTransport,
  createTransformTransport,
  loadTransformer,
  type TransformCounts,
  type TransformTransportOptions,
} from './transform-transport.js';
export { readTransformConfig, type TransformTransportConfig } from './options.js';
export { JobNamespaceReplaceTransformer } from './job-namespace-replace.js';
export type { EventTransformer, EventTransformerClass, TransformFunction, TransformResult } from './transformer.js';

/** Registry entry: `type: transform`, or the Python class paths used in Python configs. */
export const descriptor: TransportDescriptor<TransformTransportConfig> = {
  type: 'transform',
  aliases: ['openlineage.client.transport.transform.TransformTransport', 'openlineage.client.transport.transform.transform.TransformTransport'],
  parse: (options) => readTransformConfig(options.raw, options.scope),
  create: (config, context) => buildTransformTransport(config, context),
};

export default descriptor;
