import { TransportError, type TransportErrorDetails } from '@ol/core';
import { scrub } from '@ol/core/internal';
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
const RETRYABLE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

const HINTS: Record<string, string> = {
  ResourceNotFoundException: ' — create the stream or fix streamName / region',
  AccessDeniedException: ' — the caller needs kinesis:PutRecords on the stream',
  ValidationException: ' — a record or the call exceeded a Kinesis limit',
  CredentialsProviderError: ' — no AWS credentials found (env, shared config/profile, container or instance role)',
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

interface AwsLikeError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; attempts?: unknown };
}

/** Turns what the AWS SDK threw for a whole PutRecords call into a TransportError; `secrets` never reach the message. */
export function callError(err: unknown, stream: string, secrets: readonly (string | undefined)[]): KinesisTransportError {
  const e: AwsLikeError = typeof err === 'object' && err !== null ? err : { message: String(err) };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  const attempts = typeof e.$metadata?.attempts === 'number' ? e.$metadata.attempts : undefined;
  const net = typeof e.code === 'string' ? e.code : undefined;
  const what = name === 'Error' && net !== undefined ? net : name;
  const retryable =
    RETRYABLE_CALL_NAMES.has(name) ||
    (status !== undefined && status >= 500) ||
    (net !== undefined && RETRYABLE_NET.has(net)) ||
    (typeof e.$retryable === 'object' && e.$retryable !== null);
  const raw = typeof e.message === 'string' && e.message !== '' ? e.message : what;
  const facts = [status !== undefined ? `HTTP ${status}` : undefined, requestId ? `request id ${requestId}` : undefined].filter(Boolean).join(', ');
  const hint = HINTS[name] ?? '';
  return new KinesisTransportError(scrub(`Kinesis PutRecords to stream ${stream} failed: ${what}${facts ? ` (${facts})` : ''}: ${raw}${hint}`, secrets), {
    transport: TRANSPORT_TYPE,
    retryable,
    cause: err,
    ...(status !== undefined && { status, awsErrorName: name }),
    ...(attempts !== undefined && { attempts }),
    ...(requestId !== undefined && { requestId }),
  });
}
