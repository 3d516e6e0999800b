import { TransportError, type TransportErrorDetails } from '@ol/core';
import { awsSetupHint, readAwsFailure, scrub } from '@ol/core/internal';
import { TRANSPORT_TYPE } from './config.js';

/** Per-record error codes that say the record itself can never be stored (encryption key problems); the rest are throttling or internal. */
const PERMANENT_RECORD_CODES = /^KMS(?!Throttling)/;
const RETRYABLE_CALL_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'InternalFailureException',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'KMSThrottlingException',
]);

const HINTS: Record<string, string> = {
  ResourceNotFoundException: ' — create the stream or fix streamName / region',
  AccessDeniedException: ' — the caller needs kinesis:PutRecords on the stream',
  ValidationException: ' — a record or the call exceeded a Kinesis limit',
};

/** A failed PutRecords call or refused record, with the AWS error name and request id core's TransportError does not know. */
export class KinesisTransportError extends TransportError {
  static override readonly brand: symbol = Symbol.for('@ol/transport-kinesis.error.KinesisTransportError');
  override name = 'KinesisTransportError';
  /** The AWS error name, or a refused record's ErrorCode (`ProvisionedThroughputExceededException`, `KMSAccessDeniedException`…). */
  readonly awsErrorName?: string;
  /** The AWS request id of the call, what AWS support asks for. */
  readonly requestId?: string;

  constructor(message: string, details: TransportErrorDetails & { awsErrorName?: string; requestId?: string }) {
    const { awsErrorName, requestId, ...generic } = details;
    super(message, generic);
    if (awsErrorName !== undefined) this.awsErrorName = awsErrorName;
    if (requestId !== undefined) this.requestId = requestId;
  }
}

/** Whether Kinesis may accept a record that failed with this per-record ErrorCode if it is sent again. */
export function recordCodeRetryable(code: string): boolean {
  return !PERMANENT_RECORD_CODES.test(code);
}

/** A record Kinesis refused inside a partly successful PutRecords, after its last try. */
export function recordError(stream: string, code: string, message: string | undefined, attempts: number, requestId: string | undefined): KinesisTransportError {
  return new KinesisTransportError(
    `Kinesis PutRecords to stream ${stream}: record refused with ${code}${message ? `: ${message}` : ''} (after ${attempts} tries)`,
    {
      transport: TRANSPORT_TYPE,
      retryable: recordCodeRetryable(code),
      awsErrorName: code,
      attempts,
      ...(requestId !== undefined && { requestId }),
    },
  );
}

/** Turns what the AWS SDK threw for a whole PutRecords call into a TransportError; `secrets` never reach the message. */
export function callError(err: unknown, stream: string, secrets: readonly (string | undefined)[]): KinesisTransportError {
  const f = readAwsFailure(err);
  const retryable = f.transient || RETRYABLE_CALL_NAMES.has(f.name);
  const hint = HINTS[f.name] ?? awsSetupHint(f);
  return new KinesisTransportError(
    scrub(`Kinesis PutRecords to stream ${stream} failed: ${f.what}${f.facts ? ` (${f.facts})` : ''}: ${f.message}${hint}`, secrets),
    {
      transport: TRANSPORT_TYPE,
      retryable,
      cause: err,
      ...(f.status !== undefined && { status: f.status, awsErrorName: f.name }),
      ...(f.attempts !== undefined && { attempts: f.attempts }),
      ...(f.requestId !== undefined && { requestId: f.requestId }),
    },
  );
}
