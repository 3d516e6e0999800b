import { ValidationError } from '../errors.js';
import type { OpenLineageEvent } from './event.js';
import { textOf } from './serialized-text.js';

/** Thrown inside the replacer to stop at the first value JSON cannot represent; the diagnosis says where. */
class NotJson extends Error {}

/**
 * Drops `null`/`undefined` object members and array elements, as the Python client's
 * `remove_nulls` does. Used only when needed: the replacer makes `JSON.stringify` about 2.5×
 * slower, while checking for nulls first costs about a quarter of a plain stringify.
 */
function dropNulls(_key: string, value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === 'object') {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item === null || item === undefined) return value.filter((x: unknown) => x !== null && x !== undefined);
      }
    }
    return value;
  }
  // JSON.stringify would drop these without a word (or write null in an array); the Python client refuses them.
  if (typeof value === 'function' || typeof value === 'symbol') throw new NotJson();
  return value;
}

const PLAIN = 0;
const NEEDS_REPLACER = 1;
const NOT_JSON = 2;

/**
 * PLAIN when plain `JSON.stringify` writes exactly what toJSON must; NEEDS_REPLACER for a null
 * anywhere, an undefined array element (stringified as null), or a `toJSON` method whose result is
 * unknown; NOT_JSON for a function or symbol value, which JSON.stringify would silently drop.
 * Undefined object members need nothing: JSON.stringify omits them already. A cycle recurses until
 * the stack overflows; the caller diagnoses it (only then, so the common case pays nothing for it).
 */
function scan(value: object): number {
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      if (item === null || item === undefined) return NEEDS_REPLACER;
      if (typeof item === 'object') {
        const inner = scan(item);
        if (inner !== PLAIN) return inner;
      } else if (typeof item === 'function' || typeof item === 'symbol') return NOT_JSON;
    }
    return PLAIN;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return NEEDS_REPLACER;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object') {
      if (item === null) return NEEDS_REPLACER;
      const inner = scan(item);
      if (inner !== PLAIN) return inner;
    } else if (typeof item === 'function' || typeof item === 'symbol') return NOT_JSON;
  }
  return PLAIN;
}

/**
 * Serializes an event (or a facet) to a JSON string without `null`/`undefined` members. Never
 * modifies its argument. For an event the client has already serialized (the copy it hands to
 * its transport), returns that text: every transport, composite children included, shares it.
 *
 * A value JSON cannot represent — a circular reference, a BigInt, a function, a symbol — is a
 * `ValidationError` naming where it is, e.g. `circular reference at run.facets.myFacet.parent
 * (JSON pointer /run/facets/myFacet/parent)`.
 */
export function toJSON(event: OpenLineageEvent | object): string {
  if (typeof event !== 'object' || event === null) return JSON.stringify(event);
  return textOf(event) ?? serialize(event);
}

function serialize(value: object): string {
  let kind: number;
  try {
    kind = scan(value);
    if (kind === PLAIN) return JSON.stringify(value);
    if (kind === NEEDS_REPLACER) return JSON.stringify(value, dropNulls);
  } catch (cause) {
    throw unserializable(value, cause);
  }
  throw unserializable(value, undefined);
}

const MAX_DEPTH = 2_000;

interface Problem {
  path: (string | number)[];
  reason: string;
}

/** Where and why `value` cannot be JSON: walks it the way JSON.stringify does, tracking the path. */
function findProblem(value: unknown): Problem | undefined {
  const ancestors: object[] = [];
  const path: (string | number)[] = [];
  const visit = (v: unknown, key: string): string | undefined => {
    if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(k: string): unknown }).toJSON(key);
    switch (typeof v) {
      case 'bigint':
        return 'BigInt value (JSON has none: convert it to a number or a string)';
      case 'function':
        return 'function value';
      case 'symbol':
        return 'symbol value';
      case 'object': {
        if (v === null) return undefined;
        if (ancestors.includes(v)) return 'circular reference';
        if (ancestors.length >= MAX_DEPTH) return `nesting deeper than ${MAX_DEPTH} levels`;
        ancestors.push(v);
        const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
        for (const [k, item] of entries) {
          path.push(k);
          const reason = visit(item, String(k));
          if (reason !== undefined) return reason;
          path.pop();
        }
        ancestors.pop();
        return undefined;
      }
      default:
        return undefined;
    }
  };
  const reason = visit(value, '');
  return reason === undefined ? undefined : { path, reason };
}

function unserializable(value: object, cause: unknown): Error {
  let problem: Problem | undefined;
  try {
    problem = findProblem(value);
  } catch {
    // A toJSON method that throws: its own error says more than a guess.
  }
  if (problem === undefined) {
    if (cause instanceof Error && !(cause instanceof NotJson)) return cause;
    return new TypeError(`cannot be serialized to JSON${cause === undefined ? '' : `: ${String(cause)}`}`);
  }
  const pointer = problem.path.map((k) => `/${String(k).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
  const where = problem.path.length === 0 ? 'the top level' : `${dotted(problem.path)} (JSON pointer ${pointer})`;
  return new ValidationError([{ pointer, message: problem.reason }], `${problem.reason} at ${where}`);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `run.facets.myFacet.items[2]`, or `facets["odd key"]` for keys that are not identifiers. */
function dotted(path: readonly (string | number)[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (IDENTIFIER.test(k)) out += out === '' ? k : `.${k}`;
    else out += `[${JSON.stringify(k)}]`;
  }
  return out;
}
