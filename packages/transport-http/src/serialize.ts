import { toJSON, type OpenLineageEvent } from '@ol/core';

/** The one place events become JSON: core's `toJSON` (null and undefined members dropped). */
export function serializeEvent(event: OpenLineageEvent): string {
  return toJSON(event);
}
