import type { TransportDescriptor } from '@ol/core';
import { FileTransport } from './file-transport.js';
import { readFileConfig, type FileTransportConfig } from './options.js';

export { FileTransport, createFileTransport, type FileTransportOptions } from './file-transport.js';
export { readFileConfig, type FileTransportConfig } from './options.js';

/** Registry entry: `type: file`, or the Python class path used in Python configs. */
export const descriptor: TransportDescriptor<FileTransportConfig> = {
  type: 'file',
  aliases: ['openlineage.client.transport.file.FileTransport'],
  parse: (options) => readFileConfig(options.raw, options.scope),
  create: (config, context) => new FileTransport(config, context.logger),
};

export default descriptor;
