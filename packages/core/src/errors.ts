/**
 * Typed errors. Each class carries a `Symbol.for` marker so `isInstance` works across
 * two copies of @ol/core (instanceof does not).
 */
const MARKER = Symbol.for('@ol/core.error');

export class OpenLineageError extends Error {
  private readonly [MARKER] = true;
  override name = 'OpenLineageError';

  static isInstance(value: unknown): value is OpenLineageError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}

export interface ConfigErrorDetails {
  /** Where the value came from: `openlineage.yml:12`, `OPENLINEAGE__TRANSPORT__URL`, `code`. */
  source: string;
  /** Dotted key path, e.g. `transport.retry.total`. */
  path: string;
  /** What was expected, in words. */
  expected: string;
  /** The value found (already redacted when the key is secret). */
  actual: unknown;
  cause?: unknown;
}

export class ConfigError extends OpenLineageError {
  override name = 'ConfigError';
  readonly source: string;
  readonly path: string;
  readonly expected: string;
  readonly actual: unknown;

  constructor(details: ConfigErrorDetails, message?: string) {
    super(message ?? ConfigError.describe(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.source = details.source;
    this.path = details.path;
    this.expected = details.expected;
    this.actual = details.actual;
  }

  static isConfigError(value: unknown): value is ConfigError {
    return OpenLineageError.isInstance(value) && value.name === 'ConfigError';
  }

  private static describe(d: ConfigErrorDetails): string {
    return `Invalid OpenLineage config at ${d.path || '(root)'} (from ${d.source}): expected ${d.expected}, got ${formatActual(d.actual)}`;
  }
}

export interface TransportErrorDetails {
  /** Transport type, e.g. `http`. */
  transport: string;
  retryable?: boolean;
  status?: number;
  /** First 1 KB of the response body. */
  body?: string;
  attempts?: number;
  awsErrorName?: string;
  requestId?: string;
  cause?: unknown;
}

export class TransportError extends OpenLineageError {
  override name = 'TransportError';
  readonly transport: string;
  readonly retryable: boolean;
  readonly status?: number;
  readonly body?: string;
  readonly attempts?: number;
  readonly awsErrorName?: string;
  readonly requestId?: string;

  constructor(message: string, details: TransportErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.transport = details.transport;
    this.retryable = details.retryable ?? false;
    if (details.status !== undefined) this.status = details.status;
    if (details.body !== undefined) this.body = details.body.slice(0, 1024);
    if (details.attempts !== undefined) this.attempts = details.attempts;
    if (details.awsErrorName !== undefined) this.awsErrorName = details.awsErrorName;
    if (details.requestId !== undefined) this.requestId = details.requestId;
  }

  static isTransportError(value: unknown): value is TransportError {
    return OpenLineageError.isInstance(value) && value.name === 'TransportError';
  }
}

export interface ValidationProblem {
  /** JSON pointer into the event, e.g. `/run/facets/parent/job/name`. */
  pointer: string;
  message: string;
  /** The schema the problem was found against (event definition or facet `_schemaURL`). */
  schema?: string;
}

export class ValidationError extends OpenLineageError {
  override name = 'ValidationError';
  readonly errors: readonly ValidationProblem[];

  constructor(errors: readonly ValidationProblem[], message?: string) {
    super(message ?? `Invalid OpenLineage event: ${errors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ')}`);
    this.errors = errors;
  }

  static isValidationError(value: unknown): value is ValidationError {
    return OpenLineageError.isInstance(value) && value.name === 'ValidationError';
  }
}

function formatActual(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  try {
    const s = JSON.stringify(value);
    return s.length > 200 ? `${s.slice(0, 200)}…` : s;
  } catch {
    return String(value);
  }
}
