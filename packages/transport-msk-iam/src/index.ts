import { descriptor } from './descriptor.js';

export { descriptor, createMskIamTransport, PYTHON_CLASS_PATH } from './descriptor.js';
export type { CreateMskIamTransportOptions } from './descriptor.js';
export { MskIamTransport, TRANSPORT_TYPE } from './transport.js';
export type { MskIamTransportDeps } from './transport.js';
export { parseMskIamConfig } from './config.js';
export type { MskIamTransportConfig, MskIamTransportOptions, MskIamParseContext } from './config.js';
export { REFRESH_AT_LIFETIME_SHARE } from './token.js';
export type { AwsCredentials, AwsCredentialsProvider } from './token.js';

export default descriptor;
