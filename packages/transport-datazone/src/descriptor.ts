import { codeScope, readName, type NamedConfig } from '@ol/core/internal';
import type { Logger, TransportDescriptor } from '@ol/core';
import { readDataZoneConfig } from './config.js';
import type { DataZoneTransportConfig, DataZoneTransportConfigInput } from './config.js';
import { TRANSPORT_TYPE } from './errors.js';
import { DataZoneTransport } from './transport.js';
import type { DataZoneCredentials } from './transport.js';

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
