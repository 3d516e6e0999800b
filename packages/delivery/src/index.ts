/**
 * @ol/delivery: the queue every background transport shares. A transport serializes the event,
 * submits the payload with its run id, and supplies `send` (one payload) and optionally
 * `batch.send` (several); the engine does the rest: bounded memory, START-before-the-rest per
 * run, batching with linger, exact counters, flush/close results (see flush.ts), keep-alive.
 * Synchronous transports use `FlushTracker` alone so their flush/close mean the same.
 */
export { DeliveryEngine, type BatchOptions, type EngineOptions, type EngineStats } from './engine.js';
export { FlushTracker, type Epoch } from './flush.js';
export { BatchBudget } from './budget.js';
