import { descriptor } from './descriptor.js';

export { descriptor, createGcsTransport } from './descriptor.js';
export type { CreateGcsTransportOptions } from './descriptor.js';
export { GcsTransport } from './transport.js';
export type { GcsTransportRuntime } from './transport.js';
export { parseGcsConfig, GCS_DEFAULTS } from './config.js';
export type { GcsConfigContext, GcsTransportConfig, GcsTransportOptions } from './config.js';
export { GcsTransportError } from './errors.js';

export default descriptor;
