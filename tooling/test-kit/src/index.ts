// Lineage HTTP sink (issue 3)
export * from './sink/index.js';
// Kafka wire-protocol test broker (issue 5)
export * from './kafka/index.js';
