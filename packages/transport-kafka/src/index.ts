import { descriptor } from './descriptor.js';

export { descriptor };
export default descriptor;

export { KafkaTransport, createKafkaTransport, type KafkaTransportRuntime } from './transport.js';
export {
  normalizeKafkaConfig,
  readProducerProperties,
  HONOURED_PROPERTIES,
  DEFAULTS,
  type KafkaTransportConfig,
  type KafkaTransportOptions,
} from './config.js';
export type { ProducerSettings, SecurityProtocol, SaslMechanism, CompressionName, PartitionerName } from './config.js';
export { defaultMessageKey } from './keys.js';
