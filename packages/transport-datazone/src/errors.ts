import { TransportError, type TransportErrorDetails } from '@ol/core';
import { awsSetupHint, readAwsFailure, scrub, type AwsFailure } from '@ol/core/internal';

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
  const f = readAwsFailure(err);
  const retryable = f.transient || RETRYABLE_NAMES.has(f.name);
  const facts = [f.facts, f.networkCode].filter(Boolean).join(', ');
  const message = scrub(`DataZone PostLineageEvent to domain ${domainId} failed: ${f.name}${facts ? ` (${facts})` : ''}: ${f.message}${hint(f)}`, secrets);
  return new DataZoneTransportError(message, {
    transport: TRANSPORT_TYPE,
    retryable,
    ...(f.status !== undefined && { status: f.status }),
    ...(f.attempts !== undefined && { attempts: f.attempts }),
    ...(f.answered && f.name !== 'Error' && { awsErrorName: f.name }),
    ...(f.requestId !== undefined && { requestId: f.requestId }),
    cause: err,
  });
}

function hint(f: AwsFailure): string {
  switch (f.name) {
    case 'AccessDeniedException':
    case 'UnauthorizedException':
      return ' — the caller needs the datazone:PostLineageEvent permission on this domain';
    case 'ResourceNotFoundException':
      return ' — check domainId and region';
    case 'ConflictException':
      return ' — DataZone may already hold a different event with the same client token (run id, event type and event time)';
    default:
      return awsSetupHint(f);
  }
}
