import { TransportError, type TransportErrorDetails } from '@ol/core';
import { isTransientNetworkCode, scrub } from '@ol/core/internal';
import { TRANSPORT_TYPE } from './config.js';

const HINTS: Record<string, string> = {
  notFound: ' — create the bucket or fix bucketName',
  forbidden: ' — the caller needs storage.objects.create on this bucket (roles/storage.objectCreator)',
  unauthorized: ' — credentials were refused; with apiEndpoint set, credentials are only sent when useAuthWithCustomEndpoint is true',
  FILE_NO_UPLOAD: ' — the stored object did not match what was sent (checksum) and was deleted',
};

interface GcsLikeError {
  message?: unknown;
  code?: unknown;
  type?: unknown;
  errors?: { reason?: unknown }[];
  response?: { headers?: Record<string, unknown> };
}

/** A failed upload: GCS's reason and HTTP status, whether trying later can help, and where it was going. */
export class GcsTransportError extends TransportError {
  static override readonly brand: symbol = Symbol.for('@ol/transport-gcs.error.GcsTransportError');
  override name = 'GcsTransportError';
  /** GCS's error reason (`notFound`, `forbidden`, `rateLimitExceeded`, …), the library's code, or a network error code. */
  readonly reason: string;
  readonly bucket: string;
  readonly objectName: string;
  /** The upload id GCS answered with (`x-guploader-uploadid`), what Google support asks for. */
  readonly requestId?: string;

  constructor(message: string, details: TransportErrorDetails & { reason: string; bucket: string; objectName: string; requestId?: string }) {
    const { reason, bucket, objectName, requestId, ...generic } = details;
    super(message, generic);
    this.reason = reason;
    this.bucket = bucket;
    this.objectName = objectName;
    if (requestId !== undefined) this.requestId = requestId;
  }
}

/** Turns what `@google-cloud/storage` threw into a GcsTransportError; `secrets` never reach the message. */
export function toGcsTransportError(err: unknown, bucket: string, objectName: string, secrets: readonly (string | undefined)[]): GcsTransportError {
  const e: GcsLikeError = typeof err === 'object' && err !== null ? err : { message: String(err) };
  const status = typeof e.code === 'number' ? e.code : undefined;
  const firstReason = e.errors?.[0]?.reason;
  const net = typeof e.code === 'string' ? e.code : undefined;
  const reason =
    typeof firstReason === 'string'
      ? firstReason
      : (net ?? (e.type === 'request-timeout' ? 'TimeoutError' : status !== undefined ? `HTTP ${status}` : 'Error'));
  const retryable = (status !== undefined && (status === 408 || status === 429 || status >= 500)) || isTransientNetworkCode(net) || reason === 'TimeoutError';
  const uploadId = e.response?.headers?.['x-guploader-uploadid'];
  const raw = typeof e.message === 'string' && e.message !== '' ? e.message : reason;
  const hint =
    HINTS[reason] ??
    (/default credentials/i.test(raw) ? ' — set credentialsFile, GOOGLE_APPLICATION_CREDENTIALS, or run where Application Default Credentials exist' : '');
  const facts = [status !== undefined ? `HTTP ${status}` : undefined, typeof uploadId === 'string' ? `upload id ${uploadId}` : undefined]
    .filter(Boolean)
    .join(', ');
  const message = scrub(`GCS upload gs://${bucket}/${objectName} failed: ${reason}${facts ? ` (${facts})` : ''}: ${raw}${hint}`, secrets);
  return new GcsTransportError(message, {
    transport: TRANSPORT_TYPE,
    retryable,
    reason,
    bucket,
    objectName,
    cause: err,
    ...(status !== undefined && { status }),
    ...(typeof uploadId === 'string' && { requestId: uploadId }),
  });
}
