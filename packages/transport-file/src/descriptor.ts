import type { TransportDescriptor } from '@ol/core';
import { readFileConfig, type FileTransportConfig } from './config.js';
import { FileTransport } from './transport.js';

/** Registry entry: `type: file`, or the Python class path used in Python configs. */
export const descriptor: TransportDescriptor<FileTransportConfig> = {
  type: 'file',
  aliases: ['openlineage.client.transport.file.FileTransport'],
  parse: (options) => readFileConfig(options.raw, options.scope),
  create: (config, context) => new FileTransport(config, context.logger),
};
