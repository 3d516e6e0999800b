/**
 * `@ol/core/circuit-breaker`: the Java client's `circuitBreaker` section as code. The client asks a
 * breaker before each emit and drops the event (counted, with a metrics drop reason) while it is open.
 */
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
