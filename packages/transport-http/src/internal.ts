/**
 * `@ol/transport-http/internal`: the HTTP pieces other transports of this project are built from
 * (`@ol/transport-async-http`, and HTTP-based transports to come). Not a user API: it follows this
 * project's packages, not semver; users import `@ol/transport-http`.
 */
export { MAX_CONNECTIONS } from './transport.js';
export { HTTP_OPTION_KEYS, readHttpOptions, unknownHttpKeys, type HttpOptions, type HttpTransportOptions } from './config.js';
export { displayUrl, joinEndpoint, parseBaseUrl } from './url.js';
export {
  DEFAULT_RETRY,
  RETRY_AFTER_STATUSES,
  RETRY_OPTION_KEYS,
  RetryState,
  backoffMs,
  parseRetryAfter,
  readRetryConfig,
  type AttemptFailure,
  type RetryConfig,
  type RetryDecision,
} from './retry.js';
export * from './auth/index.js';
export { GZIP_LEVEL, authorizationOf, buildHeaders, encodeBody, secretsOf, type HeaderInput } from './request.js';
export { createHttpDispatcher, type DispatcherOptions } from './dispatcher.js';
export { sendWithRetry, type HttpRequest, type SendOptions, type SendResult } from './send.js';
export { classifyNetworkError, isCertificateError, networkError, statusError, type FailureContext } from './errors.js';
export { PACKAGE_NAME, USER_AGENT, VERSION, userAgent } from './version.js';
export { BATCH_DEFAULTS, BATCH_OPTION_KEYS, readBatchConfig, type BatchConfig } from './batch-config.js';
export {
  BATCH_UNSUPPORTED_STATUSES,
  BatchSender,
  jsonArray,
  parseBatchAnswer,
  type BatchEventFailure,
  type EventJson,
  type BatchRequest,
  type BatchSenderOptions,
} from './batch.js';
