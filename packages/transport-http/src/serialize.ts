import type { OpenLineageEvent } from '@ol/core';

/**
 * The one place events become JSON. Until core's `toJSON` lands this mirrors its contract
 * (undefined and null members dropped); then this delegates to it.
 */
export function serializeEvent(event: OpenLineageEvent): string {
  return JSON.stringify(event, (_key, value: unknown) => (value === null ? undefined : value));
}
