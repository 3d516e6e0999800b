import { TransportError } from '@ol/core';
import { isTransientNetworkCode, scrub } from '@ol/core/internal';

export const TRANSPORT_TYPE = 'gcplineage';

/** google.rpc.Code names by number. */
const CODE_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];
/** Worth trying again later, per Google's guidance on these codes. */
const RETRYABLE_CODES = new Set(['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED', 'ABORTED', 'INTERNAL', 'UNKNOWN']);

interface GoogleLikeError {
  name?: unknown;
  message?: unknown;
  /** gax: the google.rpc.Code number; gaxios: the HTTP status or a Node error code. */
  code?: unknown;
  status?: unknown;
  details?: unknown;
  response?: { status?: unknown; data?: unknown };
}

/**
 * What the library threw, as a TransportError: the Google status (name and number), the HTTP status
 * when there was an answer, whether trying again can help. The original error is not kept as `cause`:
 * a gaxios error carries the request's headers, Authorization included. Only its name, message and
 * code survive, scrubbed of the given secrets.
 */
export function toTransportError(err: unknown, parent: string, secrets: readonly (string | undefined)[]): TransportError {
  const e: GoogleLikeError = typeof err === 'object' && err !== null ? err : { message: String(err) };
  const httpStatus = typeof e.response?.status === 'number' ? e.response.status : typeof e.status === 'number' ? e.status : undefined;
  const body = googleErrorBody(e);
  let codeName: string | undefined = body?.status;
  if (codeName === undefined && httpStatus === undefined && typeof e.code === 'number') codeName = CODE_NAMES[e.code];
  codeName ??= httpStatus !== undefined ? statusFromHttp(httpStatus) : undefined;
  const network = typeof e.code === 'string' ? e.code : undefined;
  // The only aborts are the transport's own, at `timeout`: the deadline passed.
  const aborted = e.name === 'AbortError' || e.name === 'TimeoutError' || /abort|timeout|timed out|deadline/i.test(String(e.message));
  if (codeName === undefined && aborted) codeName = 'DEADLINE_EXCEEDED';
  const codeNumber = codeName !== undefined ? CODE_NAMES.indexOf(codeName) : -1;
  const retryable =
    (codeName !== undefined && RETRYABLE_CODES.has(codeName)) ||
    (httpStatus !== undefined && (httpStatus === 429 || httpStatus >= 500)) ||
    isTransientNetworkCode(network);
  const detail = body?.message ?? (typeof e.message === 'string' && e.message !== '' ? e.message : String(e.name ?? 'error'));
  const facts = [
    codeName !== undefined ? `${codeName}${codeNumber >= 0 ? ` (${codeNumber})` : ''}` : undefined,
    httpStatus !== undefined ? `HTTP ${httpStatus}` : undefined,
    network,
  ]
    .filter(Boolean)
    .join(', ');
  const message = scrub(`GCP Lineage ProcessOpenLineageRunEvent for ${parent} failed${facts ? `: ${facts}` : ''}: ${detail}${hint(codeName)}`, secrets);
  const cause = new Error(scrub(typeof e.message === 'string' ? e.message : String(err), secrets));
  cause.name = typeof e.name === 'string' ? e.name : 'Error';
  const rawBody = bodyText(e);
  return new TransportError(message, {
    transport: TRANSPORT_TYPE,
    retryable,
    ...(httpStatus !== undefined && { status: httpStatus }),
    ...(rawBody !== undefined && { body: scrub(rawBody.slice(0, 1024), secrets) }),
    cause,
  });
}

function hint(code: string | undefined): string {
  switch (code) {
    case 'PERMISSION_DENIED':
      return ' — the caller needs datalineage.events.create (roles/datalineage.producer) in this project, and the Data Lineage API enabled';
    case 'UNAUTHENTICATED':
      return ' — check credentials_path or the Application Default Credentials';
    case 'NOT_FOUND':
      return ' — check project_id and location';
    default:
      return '';
  }
}

function bodyText(e: GoogleLikeError): string | undefined {
  const data = e.response?.data;
  if (typeof data === 'string') return data;
  if (data !== undefined && data !== null && typeof data === 'object' && !isStream(data)) return JSON.stringify(data);
  // gaxios puts the unparsed error body into the message when it answered with a stream.
  return typeof e.message === 'string' && e.message.startsWith('{') ? e.message : undefined;
}

function isStream(v: object): boolean {
  return typeof (v as { pipe?: unknown }).pipe === 'function';
}

/** `{ error: { code, message, status } }`, Google's JSON error body, if the error carries one. */
function googleErrorBody(e: GoogleLikeError): { status?: string; message?: string } | undefined {
  const text = bodyText(e);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as { error?: { status?: unknown; message?: unknown } };
    const status = typeof parsed.error?.status === 'string' ? parsed.error.status : undefined;
    const message = typeof parsed.error?.message === 'string' ? parsed.error.message : undefined;
    return { ...(status !== undefined && { status }), ...(message !== undefined && { message }) };
  } catch {
    return undefined;
  }
}

/** google.rpc.Code for an HTTP status, as Google's HTTP mapping defines it. */
function statusFromHttp(status: number): string {
  const table: Record<number, string> = {
    400: 'INVALID_ARGUMENT',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'NOT_FOUND',
    409: 'ABORTED',
    429: 'RESOURCE_EXHAUSTED',
    499: 'CANCELLED',
    501: 'UNIMPLEMENTED',
    503: 'UNAVAILABLE',
    504: 'DEADLINE_EXCEEDED',
  };
  return table[status] ?? (status >= 500 ? 'INTERNAL' : status >= 400 ? 'FAILED_PRECONDITION' : 'UNKNOWN');
}
