import { ConfigError } from '../errors.js';
import { isSecretKey, REDACTED } from '../redact.js';

/**
 * Reads one config object the way the Python client's configs do, but accepting every key in
 * snake_case, camelCase or the lower-case form env variables produce (`token_endpoint`,
 * `tokenEndpoint`, `tokenendpoint`), and coercing the strings env variables carry.
 * Every mistake becomes a ConfigError naming the source, key path, expectation and value.
 */
export interface OptionScope {
  /** Absolute key path of the object being read, e.g. `['transport']`. */
  path: readonly string[];
  /** Where the value at an absolute key path came from. */
  origin(path: readonly string[]): string;
}

/** `tokenEndpoint`, `token_endpoint`, `TOKEN-ENDPOINT` and `tokenendpoint` all normalize to `tokenendpoint`. */
export function normalizeKey(key: string): string {
  return key.replace(/[_-]/g, '').toLowerCase();
}

/** camelCase form of a snake_case / kebab-case key. */
export function camelCase(key: string): string {
  return key.replace(/[_-]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Common<T> {
  required?: boolean;
  default?: T;
  /** Other names accepted for this option (e.g. `topicName` for `topic`). */
  aliases?: readonly string[];
}

export class OptionReader {
  readonly raw: Record<string, unknown>;
  readonly scope: OptionScope;
  private readonly index = new Map<string, string>();

  constructor(raw: unknown, scope: OptionScope) {
    if (!isPlainObject(raw)) {
      throw new ConfigError({ source: scope.origin(scope.path), path: scope.path.join('.'), expected: 'a mapping of options', actual: raw });
    }
    this.raw = raw;
    this.scope = scope;
    for (const key of Object.keys(raw)) {
      const n = normalizeKey(key);
      // An exact camelCase spelling wins over other spellings of the same key.
      if (!this.index.has(n) || key === camelCase(key)) this.index.set(n, key);
    }
  }

  /** The key as written in the source, if any spelling of `name` (or an alias) is present. */
  keyOf(name: string, aliases: readonly string[] = []): string | undefined {
    for (const n of [name, ...aliases]) {
      const k = this.index.get(normalizeKey(n));
      if (k !== undefined && this.raw[k] !== undefined && this.raw[k] !== null) return k;
    }
    return undefined;
  }

  has(name: string, aliases?: readonly string[]): boolean {
    return this.keyOf(name, aliases) !== undefined;
  }

  get(name: string, aliases?: readonly string[]): unknown {
    const k = this.keyOf(name, aliases);
    return k === undefined ? undefined : this.raw[k];
  }

  pathOf(name: string, aliases?: readonly string[]): string[] {
    return [...this.scope.path, this.keyOf(name, aliases) ?? name];
  }

  error(name: string, expected: string, actual: unknown, aliases?: readonly string[]): ConfigError {
    const path = this.pathOf(name, aliases);
    return new ConfigError({
      source: this.scope.origin(path),
      path: path.join('.'),
      expected,
      actual: isSecretKey(name) && actual !== undefined ? REDACTED : actual,
    });
  }

  private missing<T>(name: string, o: Common<T>, expected: string): T | undefined {
    if (o.required) throw this.error(name, expected, undefined, o.aliases);
    return o.default;
  }

  string(name: string, o: Common<string> & { required: true; trim?: boolean; nonEmpty?: boolean }): string;
  string(name: string, o: Common<string> & { default: string; trim?: boolean; nonEmpty?: boolean }): string;
  string(name: string, o?: Common<string> & { trim?: boolean; nonEmpty?: boolean }): string | undefined;
  string(name: string, o: Common<string> & { trim?: boolean; nonEmpty?: boolean } = {}): string | undefined {
    const v = this.get(name, o.aliases);
    if (v === undefined) return this.missing(name, o, 'a string');
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw this.error(name, 'a string', v, o.aliases);
    const s = o.trim === false ? String(v) : String(v).trim();
    if (o.nonEmpty !== false && s === '') {
      if (o.required) throw this.error(name, 'a non-empty string', v, o.aliases);
      return o.default;
    }
    return s;
  }

  number(name: string, o: Common<number> & { default: number; min?: number; max?: number; integer?: boolean }): number;
  number(name: string, o: Common<number> & { required: true; min?: number; max?: number; integer?: boolean }): number;
  number(name: string, o?: Common<number> & { min?: number; max?: number; integer?: boolean }): number | undefined;
  number(name: string, o: Common<number> & { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const v = this.get(name, o.aliases);
    const what = `${o.integer ? 'an integer' : 'a number'}${o.min !== undefined ? ` >= ${o.min}` : ''}${o.max !== undefined ? ` <= ${o.max}` : ''}`;
    if (v === undefined) return this.missing(name, o, what);
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN;
    if (!Number.isFinite(n) || (o.integer && !Number.isInteger(n)) || (o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
      throw this.error(name, what, v, o.aliases);
    }
    return n;
  }

  boolean(name: string, o: Common<boolean> & { default: boolean }): boolean;
  boolean(name: string, o?: Common<boolean>): boolean | undefined;
  boolean(name: string, o: Common<boolean> = {}): boolean | undefined {
    const v = this.get(name, o.aliases);
    if (v === undefined) return this.missing(name, o, 'true or false');
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const s = v.trim().toLowerCase();
      if (s === 'true' || s === '1' || s === 'yes') return true;
      if (s === 'false' || s === '0' || s === 'no') return false;
    }
    throw this.error(name, 'true or false', v, o.aliases);
  }

  oneOf<T extends string>(name: string, values: readonly T[], o: Common<T> & { caseInsensitive?: boolean } = {}): T | undefined {
    const v = this.get(name, o.aliases);
    const expected = `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
    if (v === undefined) return this.missing(name, o, expected);
    if (typeof v === 'string') {
      const found = values.find((x) => (o.caseInsensitive ? x.toLowerCase() === v.trim().toLowerCase() : x === v.trim()));
      if (found !== undefined) return found;
    }
    throw this.error(name, expected, v, o.aliases);
  }

  /** A free-form map (header names, producer properties): keys kept exactly as given. */
  map(name: string, o: Common<Record<string, unknown>> = {}): Record<string, unknown> | undefined {
    const v = this.get(name, o.aliases);
    if (v === undefined) return this.missing(name, o, 'a mapping');
    if (!isPlainObject(v)) throw this.error(name, 'a mapping', v, o.aliases);
    return { ...v };
  }

  /** A free-form map whose values must be strings (numbers and booleans are stringified). */
  stringMap(name: string, o: Common<Record<string, string>> = {}): Record<string, string> | undefined {
    const m = this.map(name, o);
    if (m === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(m)) {
      if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') {
        throw new ConfigError({
          source: this.scope.origin([...this.pathOf(name, o.aliases), k]),
          path: [...this.pathOf(name, o.aliases), k].join('.'),
          expected: 'a string',
          actual: isSecretKey(k) ? REDACTED : val,
        });
      }
      out[k] = String(val);
    }
    return out;
  }

  /** A nested options object, read with the same rules. */
  object(name: string, o: { required?: boolean; aliases?: readonly string[] } = {}): OptionReader | undefined {
    const v = this.get(name, o.aliases);
    if (v === undefined) {
      if (o.required) throw this.error(name, 'a mapping of options', undefined, o.aliases);
      return undefined;
    }
    if (!isPlainObject(v)) throw this.error(name, 'a mapping of options', v, o.aliases);
    return new OptionReader(v, { path: this.pathOf(name, o.aliases), origin: this.scope.origin });
  }

  list(name: string, o: Common<unknown[]> & { splitStrings?: boolean } = {}): unknown[] | undefined {
    const v = this.get(name, o.aliases);
    if (v === undefined) return this.missing(name, o, 'a list');
    if (Array.isArray(v)) return [...(v as unknown[])];
    if (o.splitStrings && typeof v === 'string')
      return v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    throw this.error(name, 'a list', v, o.aliases);
  }

  /** Keys present in the source that none of `known` (in any spelling) matches. */
  unknownKeys(known: readonly string[]): string[] {
    const k = new Set(known.map(normalizeKey));
    return Object.keys(this.raw).filter((key) => !k.has(normalizeKey(key)));
  }
}

/**
 * The scope of another value of the same config (a nested section, a child's entry): the same
 * provenance at the absolute key path `path`. A TransportContext is itself the scope of its section.
 */
export function scopeAt(scope: OptionScope, path: readonly string[]): OptionScope {
  return { path, origin: scope.origin };
}

/**
 * `source` itself when it is already a reader (a descriptor's `parse` hands on the registry's), else a
 * reader over it. Checked by shape, not `instanceof`: the registry may run another copy of core.
 */
export function readerOf(source: unknown, scope: OptionScope): OptionReader {
  if (source instanceof OptionReader) return source;
  const r = source as Partial<OptionReader> | null;
  if (typeof r === 'object' && r !== null && typeof r.unknownKeys === 'function' && typeof r.pathOf === 'function' && typeof r.raw === 'object')
    return r as OptionReader;
  return new OptionReader(source, scope);
}

/** Scope for config given directly in code (no file, no env). */
export function codeScope(path: readonly string[] = []): OptionScope {
  return { path, origin: () => 'code' };
}
