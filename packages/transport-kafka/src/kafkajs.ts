// kafkajs is CommonJS and Node's ESM loader cannot see all of its named exports
// (`CompressionCodecs` among them), so every value comes from the default export.
import kafkajs from 'kafkajs';

export const { Kafka, Partitioners, CompressionCodecs, CompressionTypes, logLevel } = kafkajs;
export type { CompressionTypes as CompressionType, ICustomPartitioner, LogEntry, Message, Producer, SASLOptions } from 'kafkajs';
