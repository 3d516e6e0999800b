export { startLineageSink } from './lineage-sink.js';
export type { FailedBatchEvent, LineageSink, LineageSinkOptions, RecordedRequest, SinkResponse, SinkStep } from './lineage-sink.js';
export { makeJwt } from './token-endpoint.js';
export type { IssuedToken, TokenEndpointOptions } from './token-endpoint.js';
export { selfSignedCertificate } from './self-signed.js';
export type { SelfSignedCertificate } from './self-signed.js';
export { RunOrderTracker } from './order.js';
