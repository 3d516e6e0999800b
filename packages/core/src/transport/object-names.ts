import { TransportError } from '../errors.js';
import type { OpenLineageEvent } from '../model/event.js';

/**
 * How the object-store transports (S3, GCS) name the object of each event, after the Java client:
 * by the event's time, with a numbered suffix when another object already holds the name.
 */

/** Names tried per event before giving up (`<millis>`, `<millis>_1`, … `<millis>_99`): past that, something other than a clash is wrong. */
export const MAX_NAME_COLLISIONS = 100;

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

/**
 * The event's `eventTime` in epoch milliseconds; a TransportError (not retryable) naming the value
 * when it is not a date, since the object could not be named.
 */
export function objectMillis(event: OpenLineageEvent, store: string, transport: string): number {
  const eventTime = (event as { eventTime?: unknown }).eventTime;
  const millis = Date.parse(eventTime as string);
  if (Number.isFinite(millis)) return millis;
  throw new TransportError(`${store} transport names objects by eventTime, and ${JSON.stringify(eventTime) ?? 'undefined'} is not a date`, {
    transport,
    retryable: false,
  });
}

/**
 * Stores an object under the first free name of `objectName(prefix, millis, 0…)`: `put` resolves
 * true once stored, false when the name is taken (its own errors pass through). Resolves with the
 * name used, or undefined when all MAX_NAME_COLLISIONS names are taken.
 */
export async function putUnderFreeName(prefix: string | undefined, millis: number, put: (name: string) => Promise<boolean>): Promise<string | undefined> {
  for (let collision = 0; collision < MAX_NAME_COLLISIONS; collision++) {
    const name = objectName(prefix, millis, collision);
    if (await put(name)) return name;
  }
  return undefined;
}

/** The names `putUnderFreeName` tries, `<first> .. <last>`, for the error when all were taken. */
export function triedObjectNames(prefix: string | undefined, millis: number): string {
  return `${objectName(prefix, millis)} .. ${objectName(prefix, millis, MAX_NAME_COLLISIONS - 1)}`;
}
