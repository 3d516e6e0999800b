import type { OpenLineageEvent } from '@ol/core';

/** What a transformer returns: the event to send, or `null`/`undefined` to skip it. */
export type TransformResult = OpenLineageEvent | null | undefined;

/**
 * The TypeScript form of Python's `EventTransformer`: `transform` receives a deep copy of
 * the event (so it may change it in place) and may be async.
 */
export interface EventTransformer {
  transform(event: OpenLineageEvent): TransformResult | Promise<TransformResult>;
}

/** A plain function works as a transformer too. */
export type TransformFunction = (event: OpenLineageEvent) => TransformResult | Promise<TransformResult>;

/** A class named in config: constructed with `transformer_properties`, like Python's `EventTransformer(properties)`. */
export type EventTransformerClass = new (properties: Record<string, unknown>) => EventTransformer;

function isTransformer(value: unknown): value is EventTransformer {
  return typeof value === 'object' && value !== null && typeof (value as { transform?: unknown }).transform === 'function';
}

function isTransformerClass(value: unknown): value is EventTransformerClass {
  return typeof value === 'function' && typeof (value.prototype as { transform?: unknown } | undefined)?.transform === 'function';
}

/**
 * Turns what a module exported (or what code passed) into a transformer: a class with a
 * `transform` method is constructed with the properties, an object with `transform` is used
 * as it is, any other function is the transform itself. Returns undefined for anything else.
 */
export function toTransformer(value: unknown, properties: Record<string, unknown>): EventTransformer | undefined {
  if (isTransformerClass(value)) return new value(properties);
  if (isTransformer(value)) return value;
  if (typeof value === 'function') {
    const fn = value as TransformFunction;
    return { transform: (event) => fn(event) };
  }
  return undefined;
}
