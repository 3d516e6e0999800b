import type { OpenLineageEvent } from '@ol/core';

/**
 * Stand-in for core's `toJSON` until it lands: drops `undefined` and `null` members the way
 * the shared serializer does, so files match what the other transports send.
 */
export function toJSON(event: OpenLineageEvent, indent?: number): string {
  return JSON.stringify(event, (_key, value: unknown) => (value === null ? undefined : value), indent);
}
