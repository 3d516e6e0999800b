// Lineage HTTP sink (issue 3)
export * from './sink/index.js';
// Kafka wire-protocol test broker (issue 5)
export * from './kafka/index.js';
// Shared test helpers: sample events, a dead/free loopback port
export * from './events.js';
export * from './ports.js';
// Config → transport the way an application builds it, for seed-example tests
export * from './configured-transport.js';
export * from './rejections.js';
// Loopback S3, GCS and Kinesis peers for the cloud transports (issue 20)
export * from './cloud/index.js';
