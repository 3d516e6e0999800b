import type { OpenLineageEvent } from '@ol/core';

/**
 * Java's object name: `<prefix>_<millis>.json`, or `<prefix><millis>.json` when the prefix ends
 * with `/`, or `<millis>.json` without a prefix. `collision` > 0 (another object already holds the
 * name) appends `_<n>`, so names still sort by event time: millis have 13 digits until 2286.
 */
export function objectName(prefix: string | undefined, millis: number, collision = 0): string {
  const stem = collision === 0 ? `${millis}` : `${millis}_${collision}`;
  if (prefix === undefined || prefix === '') return `${stem}.json`;
  return prefix.endsWith('/') ? `${prefix}${stem}.json` : `${prefix}_${stem}.json`;
}

/** The event's `eventTime` in epoch milliseconds, or undefined when it is not a date. */
export function eventMillis(event: OpenLineageEvent): number | undefined {
  const t = Date.parse((event as { eventTime?: unknown }).eventTime as string);
  return Number.isFinite(t) ? t : undefined;
}
