/**
 * The public surface of @ol/core, listed name by name: what applications and authors of
 * third-party transports use. Everything else our own packages need (option readers, module
 * loading, enrichment, the well-known package table…) is in `@ol/core/internal`, which carries
 * no compatibility promise. A name moves here only deliberately; `src/index.test.ts` pins the list.
 */

// Errors
export { OpenLineageError, ConfigError, TransportError, ValidationError } from './errors.js';
export type { OpenLineageErrorOptions, ConfigErrorDetails, TransportErrorDetails, ValidationProblem } from './errors.js';

// Client and run helpers
export { OpenLineageClient } from './client/client.js';
export type { ClientStats, CreateClientOptions, ErrorHandler, OpenLineageClientOptions, Validator } from './client/client.js';
export { RunHandle } from './client/runs.js';
export type { JobRef, ParentRef, RunSpec, RunUpdate } from './client/runs.js';

// Event model and builders
export { SPEC_VERSION, SPEC_URL, EVENT_TYPES, eventKind, isRunEvent, isJobEvent, isDatasetEvent, looksLikeEvent } from './model/event.js';
export type {
  EventType,
  EventKind,
  BaseFacet,
  DeletableFacet,
  RunFacet,
  JobFacet,
  DatasetFacet,
  InputDatasetFacet,
  OutputDatasetFacet,
  Facets,
  Run,
  Job,
  Dataset,
  InputDataset,
  OutputDataset,
  StaticDataset,
  BaseEvent,
  RunEvent,
  JobEvent,
  DatasetEvent,
  OpenLineageEvent,
} from './model/event.js';
export { runEvent, jobEvent, datasetEvent, createRun, createJob, createDataset, createInputDataset, createOutputDataset } from './model/builders.js';
export type { EventTimeInput, CommonEventOptions, RunEventInput, JobEventInput, DatasetEventInput, DatasetParts } from './model/builders.js';
export { toJSON } from './model/serialize.js';
export { VERSION, DEFAULT_PRODUCER } from './version.js';

// Facets: one `facets` object holds a builder per standard facet
export { facets, createStandardFacetBuilders, STANDARD_FACETS, STANDARD_FACET_KEYS } from './facets/standard.js';
export type { FacetBase, FacetLocation, FacetOptions, StandardFacetBuilders, StandardFacetInfo } from './facets/standard.js';
export type * from './generated/facet-types.js';
export { defineFacet } from './facets/custom.js';
export type { FacetEntity, CustomFacetSpec, CustomFacetBuilder } from './facets/custom.js';
export { sourceCodeLocationFacet, sourceCodeLocationProvider } from './git/facet.js';
export type { SourceCodeLocationOptions } from './git/facet.js';

// Validation, run ids, dataset naming
export { validateEvent, assertValidEvent, isValidEvent } from './validation/validate.js';
export { newRunId, staticRunId, isUuid } from './ids/uuid7.js';
export { naming } from './naming/dataset-naming.js';
export type { DatasetName, NamingOptions } from './naming/dataset-naming.js';

// Configuration
export { resolveConfig, isDisabled, CONFIG_FILE_NAME } from './config/resolve.js';
export type { ConfigSource, ConfigSourceKind, OpenLineageConfig, ResolvedConfig, ResolveConfigOptions } from './config/types.js';
// Descriptors receive an OptionReader in `parse`; constructing one is internal.
export type { OptionReader, OptionScope } from './config/options.js';

// Transports: the contract, the registry, the built-in console and noop transports
export type { Transport, TransportStats, BackgroundEventInfo, TransportContext, TransportDescriptor } from './transport/types.js';
export { redactWhenPrinted } from './transport/snapshot.js';
export type { TransportSnapshot } from './transport/snapshot.js';
export { createTransport } from './registry/create.js';
export type { CreateTransportOptions } from './registry/create.js';
export { registerTransport, unregisterTransport, getRegisteredTransport, registeredTransportTypes } from './registry/registry.js';
export { ConsoleTransport, createConsoleTransport } from './transport/console.js';
export type { ConsoleTransportOptions } from './transport/console.js';
export { NoopTransport, createNoopTransport } from './transport/noop.js';

// Logging and redaction
export { createLogger, defaultLogger, silentLogger } from './logger.js';
export type { Logger, LogLevel } from './logger.js';
export { redact, REDACTED } from './redact.js';

// The Java client's config sections. A metrics sink implements this contract; dataset name
// trimmers and namespace resolvers are in `@ol/core/dataset`, circuit breakers in
// `@ol/core/circuit-breaker` (their own entries keep this one small).
export type { MetricsSink, MetricsDescriptor, MetricsContext, DropReason } from './metrics/sink.js';
