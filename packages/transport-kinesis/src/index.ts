import { descriptor } from './descriptor.js';

export { descriptor, createKinesisTransport } from './descriptor.js';
export type { CreateKinesisTransportOptions } from './descriptor.js';
export { KinesisTransport } from './transport.js';
export { KinesisTransportError } from './errors.js';
export type { KinesisErrorListener, KinesisTransportRuntime } from './transport.js';
export { parseKinesisConfig, KINESIS_DEFAULTS, KINESIS_LIMITS } from './config.js';
export type { KinesisConfigContext, KinesisTransportConfig, KinesisTransportOptions } from './config.js';
export { partitionKeyOf } from './partition-key.js';

export default descriptor;
