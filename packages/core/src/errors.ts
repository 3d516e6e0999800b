/**
 * Typed errors, told apart by a `Symbol.for` brand per class (vercel/ai style), never by their
 * mutable `name`: `X.isInstance(value)` holds across two copies of @ol/core in one process,
 * where `instanceof` does not. Every error the project throws derives from OpenLineageError.
 * Fields are generic; what only one transport knows goes into `data` or that package's subclass.
 */
const MARKER = Symbol.for('@ol/core.error');

export interface OpenLineageErrorOptions {
  cause?: unknown;
  /** Facts specific to where the error happened (ids, counts…): never secrets. */
  data?: Readonly<Record<string, unknown>>;
}

export class OpenLineageError extends Error {
  private readonly [MARKER] = true;
  override name = 'OpenLineageError';
  declare readonly data?: Readonly<Record<string, unknown>>;

  constructor(message?: string, options: OpenLineageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.data !== undefined) this.data = options.data;
  }

  static isInstance(value: unknown): value is OpenLineageError {
    return OpenLineageError.hasMarker(value, MARKER);
  }

  /** For subclasses' `isInstance`: true when `value` carries the brand `marker` (a `Symbol.for` key). */
  protected static hasMarker(value: unknown, marker: symbol): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
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

const CONFIG_MARKER = Symbol.for('@ol/core.error.ConfigError');

export class ConfigError extends OpenLineageError {
  private readonly [CONFIG_MARKER] = true;
  override name = 'ConfigError';
  readonly source: string;
  readonly path: string;
  readonly expected: string;
  readonly actual: unknown;

  constructor(details: ConfigErrorDetails, message?: string) {
    super(message ?? ConfigError.describe(details), { cause: details.cause });
    this.source = details.source;
    this.path = details.path;
    this.expected = details.expected;
    this.actual = details.actual;
  }

  static override isInstance(value: unknown): value is ConfigError {
    return OpenLineageError.hasMarker(value, CONFIG_MARKER);
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
  cause?: unknown;
  /** What only this transport knows (a subclass in its package may give it typed fields). */
  data?: Readonly<Record<string, unknown>>;
}

const TRANSPORT_MARKER = Symbol.for('@ol/core.error.TransportError');

export class TransportError extends OpenLineageError {
  private readonly [TRANSPORT_MARKER] = true;
  override name = 'TransportError';
  readonly transport: string;
  readonly retryable: boolean;
  readonly status?: number;
  readonly body?: string;
  readonly attempts?: number;

  constructor(message: string, details: TransportErrorDetails) {
    super(message, { cause: details.cause, ...(details.data !== undefined && { data: details.data }) });
    this.transport = details.transport;
    this.retryable = details.retryable ?? false;
    if (details.status !== undefined) this.status = details.status;
    if (details.body !== undefined) this.body = details.body.slice(0, 1024);
    if (details.attempts !== undefined) this.attempts = details.attempts;
  }

  static override isInstance(value: unknown): value is TransportError {
    return OpenLineageError.hasMarker(value, TRANSPORT_MARKER);
  }
}

export interface ValidationProblem {
  /** JSON pointer into the event, e.g. `/run/facets/parent/job/name`. */
  pointer: string;
  message: string;
  /** The schema the problem was found against (event definition or facet `_schemaURL`). */
  schema?: string;
}

const VALIDATION_MARKER = Symbol.for('@ol/core.error.ValidationError');

export class ValidationError extends OpenLineageError {
  private readonly [VALIDATION_MARKER] = true;
  override name = 'ValidationError';
  readonly errors: readonly ValidationProblem[];

  constructor(errors: readonly ValidationProblem[], message?: string) {
    super(message ?? `Invalid OpenLineage event: ${errors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ')}`);
    this.errors = errors;
  }

  static override isInstance(value: unknown): value is ValidationError {
    return OpenLineageError.hasMarker(value, VALIDATION_MARKER);
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
