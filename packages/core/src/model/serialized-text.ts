/**
 * The JSON text of events the client has serialized: the client serializes its enriched copy of
 * each event once, and core's `toJSON` returns that text to every transport that asks, composite
 * children included. Only objects the client made itself carry it (never a caller's event, which
 * the caller may change and emit again).
 *
 * The text sits on the object under a non-enumerable symbol: JSON.stringify, spreads, for-in,
 * structuredClone and console.log do not see it, so a copy a transform makes never inherits stale
 * text. Measured against a WeakMap holding the same: about 0.25 µs per event against 0.9 µs (the
 * WeakMap's ephemeron entries cost the garbage collector). `Symbol.for`, so a transport that
 * resolved another copy of @ol/core still finds the text.
 */
const TEXT = Symbol.for('@ol/core/serialized-text');

type WithText = { [TEXT]?: string };

export function textOf(event: object): string | undefined {
  return (event as WithText)[TEXT];
}

/** Records `text` as the serialization of `event`, an object the client made and nobody changes afterwards. */
export function rememberText(event: object, text: string): void {
  Object.defineProperty(event, TEXT, { value: text });
}
