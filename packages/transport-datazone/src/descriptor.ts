import { codeScope } from '@ol/core/internal';
import type { Logger, TransportDescriptor } from '@ol/core';
import { readDataZoneConfig } from './config.js';
import type { DataZoneTransportConfig, DataZoneTransportConfigInput } from './config.js';
import { TRANSPORT_TYPE } from './errors.js';
import { DataZoneTransport } from './transport.js';
import type { DataZoneCredentials } from './transport.js';

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

export interface DataZoneTransportOptions extends DataZoneTransportConfigInput {
  /** Static credentials or a provider; default: the AWS SDK's default chain. */
  credentials?: DataZoneCredentials;
  logger?: Logger;
  name?: string;
}

/** Builds the transport from code; options are checked as strictly as config files are. */
export function createDataZoneTransport(options: DataZoneTransportOptions): DataZoneTransport {
  const { credentials, logger, name, ...rest } = options;
  const config = readDataZoneConfig(rest, codeScope(['transport']));
  return new DataZoneTransport(config, {
    ...(credentials !== undefined && { credentials }),
    ...(logger !== undefined && { logger }),
    ...(name !== undefined && { name }),
  });
}
