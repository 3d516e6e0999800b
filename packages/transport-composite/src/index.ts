import { descriptor } from './descriptor.js';

export { descriptor };
export default descriptor;

export {
  CompositeTransport,
  buildCompositeTransport,
  createCompositeTransport,
  type CompositeBehaviour,
  type CompositeChild,
  type CompositeTransportOptions,
} from './transport.js';
export { readCompositeConfig, type CompositeChildConfig, type CompositeTransportConfig } from './config.js';
