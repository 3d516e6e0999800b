export { DeliveryEngine } from './engine.js';
export type { EngineOptions, EngineStats, OrderKey } from './engine.js';
