import type { OpenLineageEvent } from './event.js';

/**
 * Drops `null`/`undefined` object members and array elements, as the Python client's
 * `remove_nulls` does. Used only when needed: the replacer makes `JSON.stringify` about 2.5×
 * slower, while checking for nulls first costs about a quarter of a plain stringify.
 */
function dropNulls(_key: string, value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === null || item === undefined) return value.filter((x: unknown) => x !== null && x !== undefined);
    }
  }
  return value;
}

/**
 * True when plain `JSON.stringify` would not drop everything it should: a null anywhere, an
 * undefined array element (stringified as null), or a `toJSON` method whose result is unknown.
 * Undefined object members need nothing: JSON.stringify omits them already.
 */
function needsReplacer(value: object): boolean {
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      if (item === null || item === undefined || (typeof item === 'object' && needsReplacer(item))) return true;
    }
    return false;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return true;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item === null || (typeof item === 'object' && needsReplacer(item))) return true;
  }
  return false;
}

/**
 * Serializes an event (or a facet) to a JSON string without `null`/`undefined` members.
 * Never modifies its argument.
 */
export function toJSON(event: OpenLineageEvent | object): string {
  if (typeof event === 'object' && event !== null && !needsReplacer(event)) return JSON.stringify(event);
  return JSON.stringify(event, dropNulls);
}
