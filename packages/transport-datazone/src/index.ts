import { descriptor } from './descriptor.js';

export { descriptor, createDataZoneTransport, PYTHON_CLASS_PATH } from './descriptor.js';
export type { DataZoneTransportOptions } from './descriptor.js';
export { DataZoneTransport } from './transport.js';
export type { DataZoneCredentials, DataZoneTransportRuntime } from './transport.js';
export { readDataZoneConfig, DOMAIN_ID_PATTERN, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_SECONDS } from './config.js';
export type { DataZoneTransportConfig, DataZoneTransportConfigInput } from './config.js';
export { clientTokenFor } from './client-token.js';
export { MAX_EVENT_BYTES, largestFacets } from './size.js';
export type { FacetSize } from './size.js';
export { TRANSPORT_TYPE, DataZoneTransportError } from './errors.js';
export type { DataZoneErrorDetails } from './errors.js';

export default descriptor;
