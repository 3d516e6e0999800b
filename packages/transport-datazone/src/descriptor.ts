import type { TransportDescriptor } from '@ol/core';
import { readDataZoneConfig } from './config.js';
import type { DataZoneTransportConfig } from './config.js';
import { TRANSPORT_TYPE } from './errors.js';
import { DataZoneTransport } from './transport.js';

export const PYTHON_CLASS_PATH = 'openlineage.client.transport.amazon_datazone.AmazonDataZoneTransport';

export const descriptor: TransportDescriptor<DataZoneTransportConfig> = {
  type: TRANSPORT_TYPE,
  aliases: ['datazone', PYTHON_CLASS_PATH],
  create(config, context) {
    const normalized = readDataZoneConfig(config, { path: context.path, origin: context.origin });
    const name = typeof config.name === 'string' ? config.name : undefined;
    return new DataZoneTransport(normalized, { logger: context.logger, ...(name !== undefined && { name }) });
  },
  normalize(config, context) {
    return readDataZoneConfig(config, { path: context.path, origin: context.origin });
  },
};
