/**
 * Typed errors, told apart by a `Symbol.for` brand per class (vercel/ai style), never by their
 * mutable `name`: `X.isInstance(value)` holds across two copies of @ol/core in one process,
 * where `instanceof` does not. Every error the project throws derives from OpenLineageError.
 * Fields are generic; what only one transport knows goes into `data` or that package's subclass.
 */
/** What `isInstance` needs of a class: a constructor of OpenLineageErrors carrying its brand. */
type BrandedClass = (abstract new (...args: never[]) => OpenLineageError) & { readonly brand: symbol };

export interface OpenLineageErrorOptions {
  cause?: unknown;
  /** Facts specific to where the error happened (ids, counts…): never secrets. */
  data?: Readonly<Record<string, unknown>>;
}

export class OpenLineageError extends Error {
  /**
   * The class's brand, `Symbol.for('<package>.error.<Class>')`. Every subclass declares its own
   * (one line: `static override readonly brand = Symbol.for(…)`); instances carry the brands of
   * their class and all its ancestors, and the inherited `isInstance` checks the class's own.
   */
  static readonly brand: symbol = Symbol.for('@ol/core.error');
  override name = 'OpenLineageError';
  declare readonly data?: Readonly<Record<string, unknown>>;

  constructor(message?: string, options: OpenLineageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.data !== undefined) this.data = options.data;
    for (let c: unknown = new.target; c !== Error && c !== null; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c as object, 'brand')) Object.defineProperty(this, (c as BrandedClass).brand, { value: true });
    }
  }

  /** True when `value` is an instance of this class (or a subclass), also when made by another copy of the package. */
  static isInstance<T extends BrandedClass>(this: T, value: unknown): value is InstanceType<T> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[this.brand] === true;
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
  static override readonly brand: symbol = Symbol.for('@ol/core.error.ConfigError');
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

export class TransportError extends OpenLineageError {
  static override readonly brand: symbol = Symbol.for('@ol/core.error.TransportError');
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
}

export interface ValidationProblem {
  /** JSON pointer into the event, e.g. `/run/facets/parent/job/name`. */
  pointer: string;
  message: string;
  /** The schema the problem was found against (event definition or facet `_schemaURL`). */
  schema?: string;
}

export class ValidationError extends OpenLineageError {
  static override readonly brand: symbol = Symbol.for('@ol/core.error.ValidationError');
  override name = 'ValidationError';
  readonly errors: readonly ValidationProblem[];

  constructor(errors: readonly ValidationProblem[], message?: string) {
    super(message ?? `Invalid OpenLineage event: ${errors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ')}`);
    this.errors = errors;
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
