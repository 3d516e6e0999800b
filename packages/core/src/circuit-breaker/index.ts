export {
  staticCircuitBreaker,
  timeoutCircuitBreaker,
  simpleMemoryCircuitBreaker,
  nodeRuntimeCircuitBreaker,
  type CircuitBreaker,
  type SimpleMemoryOptions,
  type NodeRuntimeOptions,
  type HeapReading,
  type RuntimeReading,
} from './breakers.js';
