import { descriptor } from './descriptor.js';

export { descriptor, PYTHON_CLASS_PATH } from './descriptor.js';
export { DataZoneTransport, createDataZoneTransport } from './transport.js';
export type { DataZoneCredentials, DataZoneTransportOptions, DataZoneTransportRuntime } from './transport.js';
export { DataZoneTransportError } from './errors.js';
export { readDataZoneConfig, DOMAIN_ID_PATTERN, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_SECONDS } from './config.js';
export type { DataZoneTransportConfig, DataZoneTransportConfigInput } from './config.js';
export { MAX_EVENT_BYTES } from './size.js';

export default descriptor;
