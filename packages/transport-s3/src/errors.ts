import { TransportError, type TransportErrorDetails } from '@ol/core';
import { awsSetupHint, readAwsFailure, scrub } from '@ol/core/internal';
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

const HINTS: Record<string, string> = {
  NoSuchBucket: ' — create the bucket or fix bucketName (and region/endpoint)',
  AccessDenied: ' — the caller needs s3:PutObject on this bucket and key prefix',
  InvalidAccessKeyId: ' — the access key is unknown to this endpoint',
  SignatureDoesNotMatch: ' — the secret key does not match the access key (or a proxy changed the request)',
  PermanentRedirect: ' — the bucket is in another region: set region',
  AuthorizationHeaderMalformed: ' — the region used for signing does not match the bucket: set region',
  NotImplemented: ' — this S3-compatible service does not support conditional writes (If-None-Match), which the transport needs to never overwrite an event',
};

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
  const f = readAwsFailure(err);
  const code = f.what;
  const retryable = f.transient || RETRYABLE_CODES.has(code);
  const hint = HINTS[code] ?? awsSetupHint(f);
  const message = scrub(`S3 PutObject s3://${bucket}/${key} failed: ${code}${f.facts ? ` (${f.facts})` : ''}: ${f.message}${hint}`, secrets);
  return new S3TransportError(message, {
    transport: TRANSPORT_TYPE,
    retryable,
    code,
    bucket,
    key,
    cause: err,
    ...(f.status !== undefined && { status: f.status, awsErrorName: code }),
    ...(f.attempts !== undefined && { attempts: f.attempts }),
    ...(f.requestId !== undefined && { requestId: f.requestId }),
    ...(f.extendedRequestId !== undefined && { extendedRequestId: f.extendedRequestId }),
  });
}
