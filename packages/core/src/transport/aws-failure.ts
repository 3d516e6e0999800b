/**
 * What an error thrown by an AWS SDK v3 client says, read by shape (no SDK dependency): the S3,
 * Kinesis and DataZone transports each add their own retryable names, hints and message.
 */
import { isTransientNetworkCode } from './transient-network.js';

export interface AwsFailure {
  /** The AWS error name (`NoSuchBucket`, `ThrottlingException`; S3's `Code` first), or `Error`. */
  name: string;
  /** The network error code under it (`ECONNREFUSED`), when there is one. */
  networkCode?: string;
  /** `name`, or the network code when the name says nothing more than `Error`. */
  what: string;
  /** True when AWS answered (an HTTP status or a `$fault`), so `name` is AWS's. */
  answered: boolean;
  status?: number;
  requestId?: string;
  /** S3's `x-amz-id-2`. */
  extendedRequestId?: string;
  attempts?: number;
  /** The SDK's message, else `what`. */
  message: string;
  /** `HTTP 503, request id …`, or empty: the facts AWS support asks for, for messages. */
  facts: string;
  /** Worth trying later whatever the service: a transient network failure, HTTP 429 or 5xx (not 501), or the SDK says so. */
  transient: boolean;
}

interface AwsLikeError {
  name?: unknown;
  Code?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; extendedRequestId?: unknown; attempts?: unknown };
}

export function readAwsFailure(err: unknown): AwsFailure {
  const e: AwsLikeError = typeof err === 'object' && err !== null ? err : { message: String(err) };
  const name = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : 'Error';
  const meta = e.$metadata;
  const status = typeof meta?.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
  const requestId = typeof meta?.requestId === 'string' ? meta.requestId : undefined;
  const extendedRequestId = typeof meta?.extendedRequestId === 'string' ? meta.extendedRequestId : undefined;
  const attempts = typeof meta?.attempts === 'number' ? meta.attempts : undefined;
  const networkCode = typeof e.code === 'string' ? e.code : undefined;
  const what = name === 'Error' && networkCode !== undefined ? networkCode : name;
  const transient =
    isTransientNetworkCode(networkCode) ||
    (status !== undefined && (status === 429 || (status >= 500 && status !== 501))) ||
    (typeof e.$retryable === 'object' && e.$retryable !== null);
  return {
    name,
    what,
    answered: e.$fault === 'client' || e.$fault === 'server' || status !== undefined,
    message: typeof e.message === 'string' && e.message !== '' ? e.message : what,
    facts: [status !== undefined ? `HTTP ${status}` : undefined, requestId ? `request id ${requestId}` : undefined].filter(Boolean).join(', '),
    transient,
    ...(networkCode !== undefined && { networkCode }),
    ...(status !== undefined && { status }),
    ...(requestId !== undefined && { requestId }),
    ...(extendedRequestId !== undefined && { extendedRequestId }),
    ...(attempts !== undefined && { attempts }),
  };
}

/**
 * The hints every AWS transport gives for a client that is not set up: the SDK found no
 * credentials, or no region. Empty for anything else (each service adds its own hints first).
 */
export function awsSetupHint(failure: AwsFailure): string {
  if (failure.name === 'CredentialsProviderError') return ' — no AWS credentials found (env, shared config/profile, container or instance role)';
  if (/region is missing/i.test(failure.message)) return ' — set `region` in the transport config or AWS_REGION';
  return '';
}
