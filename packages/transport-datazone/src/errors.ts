import { TransportError, type TransportErrorDetails } from '@ol/core';
import { scrub } from '@ol/core/internal';

export const TRANSPORT_TYPE = 'amazon_datazone_api';

/** Worth trying again later: AWS says so, or it is throttling, a server fault or a network failure. */
const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'InternalServerException',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

interface AwsLikeError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; attempts?: unknown };
}

export interface DataZoneErrorDetails extends TransportErrorDetails {
  /** The AWS error name, e.g. `ThrottlingException` (only for errors AWS answered with). */
  awsErrorName?: string;
  /** The AWS request id: what AWS support asks for. */
  requestId?: string;
}

/** A failed PostLineageEvent call, with the AWS error name and request id core's generic TransportError does not know. */
export class DataZoneTransportError extends TransportError {
  static override readonly brand: symbol = Symbol.for('@ol/transport-datazone.error.DataZoneTransportError');
  override name = 'DataZoneTransportError';
  readonly awsErrorName?: string;
  readonly requestId?: string;

  constructor(message: string, details: DataZoneErrorDetails) {
    const { awsErrorName, requestId, ...generic } = details;
    super(message, generic);
    if (awsErrorName !== undefined) this.awsErrorName = awsErrorName;
    if (requestId !== undefined) this.requestId = requestId;
  }
}

/**
 * Turns whatever the AWS SDK threw into a DataZoneTransportError with the AWS error name and request id
 * (what AWS support asks for). `secrets` are scrubbed from the message: SDK messages don't
 * normally echo credentials, but this must hold even if one ever does.
 */
export function toTransportError(err: unknown, domainId: string, secrets: readonly (string | undefined)[]): DataZoneTransportError {
  const e: AwsLikeError = typeof err === 'object' && err !== null ? err : { message: String(err) };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  const attempts = typeof e.$metadata?.attempts === 'number' ? e.$metadata.attempts : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const isAws = e.$fault === 'client' || e.$fault === 'server' || status !== undefined;
  const retryable =
    RETRYABLE_NAMES.has(name) ||
    (status !== undefined && (status === 429 || status >= 500)) ||
    (code !== undefined && RETRYABLE_CODES.has(code)) ||
    (typeof e.$retryable === 'object' && e.$retryable !== null);

  const facts = [status !== undefined ? `HTTP ${status}` : undefined, requestId ? `request id ${requestId}` : undefined, code].filter(Boolean).join(', ');
  const rawMessage = typeof e.message === 'string' && e.message !== '' ? e.message : name;
  const message = scrub(
    `DataZone PostLineageEvent to domain ${domainId} failed: ${name}${facts ? ` (${facts})` : ''}: ${rawMessage}${hint(name, rawMessage)}`,
    secrets,
  );
  return new DataZoneTransportError(message, {
    transport: TRANSPORT_TYPE,
    retryable,
    ...(status !== undefined && { status }),
    ...(attempts !== undefined && { attempts }),
    ...(isAws && name !== 'Error' && { awsErrorName: name }),
    ...(requestId !== undefined && { requestId }),
    cause: err,
  });
}

function hint(name: string, message: string): string {
  switch (name) {
    case 'AccessDeniedException':
    case 'UnauthorizedException':
      return ' — the caller needs the datazone:PostLineageEvent permission on this domain';
    case 'ResourceNotFoundException':
      return ' — check domainId and region';
    case 'ConflictException':
      return ' — DataZone may already hold a different event with the same client token (run id, event type and event time)';
    case 'CredentialsProviderError':
      return ' — no AWS credentials found (env, shared config/profile, container or instance role)';
    default:
      return /region is missing/i.test(message) ? ' — set `region` in the transport config or AWS_REGION' : '';
  }
}
