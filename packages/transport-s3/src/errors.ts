import { TransportError, type TransportErrorDetails } from '@ol/core';
import { scrub } from '@ol/core/internal';
import { TRANSPORT_TYPE } from './config.js';

/** Error codes S3 documents as transient, plus the SDK's own timeout names. */
const RETRYABLE_CODES = new Set([
  'InternalError',
  'ServiceUnavailable',
  'SlowDown',
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'OperationAborted',
  'TimeoutError',
  'RequestTimeoutException',
]);
const RETRYABLE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

const HINTS: Record<string, string> = {
  NoSuchBucket: ' — create the bucket or fix bucketName (and region/endpoint)',
  AccessDenied: ' — the caller needs s3:PutObject on this bucket and key prefix',
  InvalidAccessKeyId: ' — the access key is unknown to this endpoint',
  SignatureDoesNotMatch: ' — the secret key does not match the access key (or a proxy changed the request)',
  PermanentRedirect: ' — the bucket is in another region: set region',
  AuthorizationHeaderMalformed: ' — the region used for signing does not match the bucket: set region',
  NotImplemented: ' — this S3-compatible service does not support conditional writes (If-None-Match), which the transport needs to never overwrite an event',
  CredentialsProviderError: ' — no AWS credentials found (env, shared config/profile, container or instance role)',
};

interface AwsLikeError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; extendedRequestId?: unknown; attempts?: unknown };
}

/** A failed PutObject: S3's error code and request ids (what AWS support asks for) and whether trying later can help. */
export class S3TransportError extends TransportError {
  static override readonly brand: symbol = Symbol.for('@ol/transport-s3.error.S3TransportError');
  override name = 'S3TransportError';
  /** S3's error code (`NoSuchBucket`, `AccessDenied`, `SlowDown`, …) or the SDK/network error name. */
  readonly code: string;
  readonly bucket: string;
  readonly key: string;
  /** The AWS error name, when S3 answered (absent for network failures). */
  readonly awsErrorName?: string;
  /** S3's request id (`x-amz-request-id`). */
  readonly requestId?: string;
  /** S3's `x-amz-id-2`, the second id AWS support asks for. */
  readonly extendedRequestId?: string;

  constructor(message: string, details: S3ErrorDetails) {
    const { code, bucket, key, awsErrorName, requestId, extendedRequestId, ...generic } = details;
    super(message, generic);
    this.code = code;
    this.bucket = bucket;
    this.key = key;
    if (awsErrorName !== undefined) this.awsErrorName = awsErrorName;
    if (requestId !== undefined) this.requestId = requestId;
    if (extendedRequestId !== undefined) this.extendedRequestId = extendedRequestId;
  }
}

export interface S3ErrorDetails extends TransportErrorDetails {
  code: string;
  bucket: string;
  key: string;
  awsErrorName?: string;
  requestId?: string;
  extendedRequestId?: string;
}

/** Turns what the AWS SDK threw for one PutObject into an S3TransportError; `secrets` never reach the message. */
export function toS3TransportError(err: unknown, bucket: string, key: string, secrets: readonly (string | undefined)[]): S3TransportError {
  const e: AwsLikeError = typeof err === 'object' && err !== null ? err : { message: String(err) };
  const name = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : 'Error';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  const extendedRequestId = typeof e.$metadata?.extendedRequestId === 'string' ? e.$metadata.extendedRequestId : undefined;
  const attempts = typeof e.$metadata?.attempts === 'number' ? e.$metadata.attempts : undefined;
  const net = typeof e.code === 'string' ? e.code : undefined;
  const code = name === 'Error' && net !== undefined ? net : name;
  const retryable =
    RETRYABLE_CODES.has(code) ||
    (status !== undefined && (status === 429 || status >= 500) && status !== 501) ||
    (net !== undefined && RETRYABLE_NET.has(net)) ||
    (typeof e.$retryable === 'object' && e.$retryable !== null);
  const facts = [status !== undefined ? `HTTP ${status}` : undefined, requestId ? `request id ${requestId}` : undefined].filter(Boolean).join(', ');
  const raw = typeof e.message === 'string' && e.message !== '' ? e.message : code;
  const hint = HINTS[code] ?? (/region is missing/i.test(raw) ? ' — set region in the transport config or AWS_REGION' : '');
  const message = scrub(`S3 PutObject s3://${bucket}/${key} failed: ${code}${facts ? ` (${facts})` : ''}: ${raw}${hint}`, secrets);
  return new S3TransportError(message, {
    transport: TRANSPORT_TYPE,
    retryable,
    code,
    bucket,
    key,
    cause: err,
    ...(status !== undefined && { status }),
    ...(attempts !== undefined && { attempts }),
    ...(status !== undefined && { awsErrorName: code }),
    ...(requestId !== undefined && { requestId }),
    ...(extendedRequestId !== undefined && { extendedRequestId }),
  });
}
