import { descriptor } from './descriptor.js';

export { descriptor };
export default descriptor;

export { HttpTransport, createHttpTransport, type HttpTransportDeps } from './transport.js';
export { HTTP_DEFAULTS, normalizeHttpConfig, type HttpTransportConfig, type HttpTransportOptions } from './config.js';
export { BatchDeliveryError } from './batch.js';
export { IBM_IAM_PRESET, type AuthConfig, type JwtAuthConfig, type TokenProvider } from './auth/index.js';
