export { OpenLineageClient } from './client.js';
export type { ClientStats, CreateClientOptions, ErrorHandler, OpenLineageClientOptions, Validator } from './client.js';
export { RunHandle } from './runs.js';
export type { JobRef, ParentRef, RunSpec, RunUpdate } from './runs.js';
export { enrichEvent, mergeTags, isFilteredOut, CLIENT_VERSION_TAG_KEY } from './enrich.js';
export type { Tag } from './enrich.js';
