import type { TransportContext, TransportDescriptor } from '@ol/core';
import { readTransformConfig, type TransformTransportConfig } from './config.js';
import { buildTransformTransport } from './transport.js';

const scopeOf = (context: TransportContext) => ({ path: context.path, origin: context.origin });

/** Registry entry: `type: transform`, or the Python class paths used in Python configs. */
export const descriptor: TransportDescriptor<TransformTransportConfig> = {
  type: 'transform',
  aliases: ['openlineage.client.transport.transform.TransformTransport', 'openlineage.client.transport.transform.transform.TransformTransport'],
  normalize: (config, context) => readTransformConfig(config, scopeOf(context)),
  create: (config, context) => buildTransformTransport(readTransformConfig(config, scopeOf(context)), context),
};
