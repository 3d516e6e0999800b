import type { TransportDescriptor } from '@ol/core';
import { readFileConfig, type FileTransportConfig } from './config.js';
import { FileTransport } from './transport.js';

/** Registry entry: `type: file`, or the Python class path used in Python configs. */
export const descriptor: TransportDescriptor<FileTransportConfig> = {
  type: 'file',
  aliases: ['openlineage.client.transport.file.FileTransport'],
  normalize: (config, context) => readFileConfig(config, { path: context.path, origin: context.origin }),
  create: (config, context) => new FileTransport(readFileConfig(config, { path: context.path, origin: context.origin }), context.logger),
};
