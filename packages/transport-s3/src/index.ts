import { descriptor } from './descriptor.js';

export { descriptor, createS3Transport } from './descriptor.js';
export type { CreateS3TransportOptions } from './descriptor.js';
export { S3Transport } from './transport.js';
export type { S3TransportRuntime } from './transport.js';
export { parseS3Config, S3_DEFAULTS } from './config.js';
export type { S3ConfigContext, S3TransportConfig, S3TransportOptions } from './config.js';
export { S3TransportError } from './errors.js';
export { objectName } from '@ol/core/internal';

export default descriptor;
