import { descriptor } from './descriptor.js';

export { descriptor, createGcpLineageTransport, PYTHON_CLASS_PATH } from './descriptor.js';
export type { CreateGcpLineageTransportOptions } from './descriptor.js';
export { GcpLineageTransport, BACKGROUND_CONCURRENCY, BACKGROUND_QUEUE_SIZE } from './transport.js';
export type { GcpLineageTransportDeps } from './transport.js';
export { parseGcpLineageConfig, DEFAULT_LOCATION, DEFAULT_TIMEOUT_SECONDS } from './config.js';
export type { GcpLineageTransportConfig, GcpLineageTransportOptions, GcpLineageParseContext } from './config.js';
export { TRANSPORT_TYPE } from './errors.js';

export default descriptor;
