// Shared contracts
export * from './errors.js';
export * from './redact.js';
export * from './logger.js';
export * from './transport/types.js';
export * from './transport/snapshot.js';
export * from './transport/async-rules.js';
export * from './config/options.js';
export * from './config/types.js';
// Model, facets, validation, ids, naming
export * from './model/event.js';
export * from './model/serialize.js';
export * from './model/builders.js';
export * from './version.js';
export * from './facets/index.js';
export * from './validation/index.js';
export * from './ids/index.js';
export * from './naming/index.js';
// Runtime: config resolution, registry, client, built-in transports
export * from './config/index.js';
export * from './registry/index.js';
export * from './client/index.js';
export * from './transports/index.js';
export * from './git/index.js';
// Java client config sections: dataset namespace resolvers and name trimmers, circuit breakers, metrics sink
export * from './dataset/index.js';
export * from './circuit-breaker/index.js';
export * from './metrics/index.js';
export { describeJavaSections, type JavaSectionsReport } from './client/extensions.js';
