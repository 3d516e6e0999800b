import type { OpenLineageEvent } from './event.js';

/**
 * Drops `null`/`undefined` object members and array elements, as the Python client's
 * `remove_nulls` does. A replacer lets `JSON.stringify` do the walk natively and returns
 * fresh values for filtered arrays, so the caller's object is never touched.
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

/** Serializes an event (or any facet) to a JSON string without `null`/`undefined` members. */
export function toJSON(event: OpenLineageEvent | object): string {
  return JSON.stringify(event, dropNulls);
}
