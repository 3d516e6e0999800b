import { descriptor } from './descriptor.js';

export { descriptor };
export default descriptor;

export { FileTransport, createFileTransport, type FileTransportOptions } from './transport.js';
export { readFileConfig, type FileTransportConfig } from './config.js';
