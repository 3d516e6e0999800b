import type { TransportDescriptor } from '@ol/core';
import { type NamedConfig, readName } from '@ol/core/internal';
import { readDataZoneConfig } from './config.js';
import type { DataZoneTransportConfig } from './config.js';
import { TRANSPORT_TYPE } from './errors.js';
import { DataZoneTransport } from './transport.js';

export const PYTHON_CLASS_PATH = 'openlineage.client.transport.amazon_datazone.AmazonDataZoneTransport';

export const descriptor: TransportDescriptor<DataZoneTransportConfig & NamedConfig> = {
  type: TRANSPORT_TYPE,
  aliases: ['datazone', PYTHON_CLASS_PATH],
  parse: (options) => ({ ...readDataZoneConfig(options.raw, options.scope), ...readName(options) }),
  create(parsed, context) {
    const { name, ...config } = parsed;
    return new DataZoneTransport(config, { logger: context.logger, ...(name !== undefined && { name }) });
  },
};
