import { descriptor } from './descriptor.js';

export { descriptor };
export default descriptor;

export {
  TransformTransport,
  buildTransformTransport,
  createTransformTransport,
  loadTransformer,
  type TransformCounts,
  type TransformTransportOptions,
} from './transport.js';
export { readTransformConfig, type TransformTransportConfig } from './config.js';
export { JobNamespaceReplaceTransformer } from './job-namespace-replace.js';
export type { EventTransformer, EventTransformerClass, TransformFunction, TransformResult } from './transformer.js';
