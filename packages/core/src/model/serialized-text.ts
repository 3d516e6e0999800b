/**
 * The JSON text of events the client has serialized: the client serializes its enriched copy of
 * each event once, and core's `toJSON` returns that text to every transport that asks, composite
 * children included. Only objects the client made itself carry it (never a caller's event, which
 * the caller may change and emit again), and the facets it shares between events, frozen.
 *
 * The text is a private field stamped onto the object (a base constructor that returns its argument
 * lets a subclass add its private fields to any object). Nothing outside this module can see it:
 * not JSON.stringify, spreads, for-in, `Reflect.ownKeys`, structuredClone or console.log, so a copy
 * a transform makes never inherits stale text. Measured per event: about 0.02 µs to stamp, against
 * 0.2–0.25 µs for a non-enumerable symbol property (`Object.defineProperty`) and 0.9 µs for a
 * WeakMap (its ephemeron entries cost the garbage collector). A second copy of @ol/core (a
 * transport that resolved its own) does not see the text and serializes the event again.
 */
class ReturnsItsArgument {
  constructor(target: object) {
    return target;
  }
}

class SerializedText extends ReturnsItsArgument {
  readonly #text: string;

  private constructor(target: object, text: string) {
    super(target);
    this.#text = text;
  }

  static stamp(target: object, text: string): void {
    new SerializedText(target, text);
  }

  static of(target: object): string | undefined {
    return #text in target ? target.#text : undefined;
  }
}

export function textOf(event: object): string | undefined {
  return SerializedText.of(event);
}

/** Records `text` as the serialization of `event`, an object the client made and nobody changes afterwards (once per object). */
export function rememberText(event: object, text: string): void {
  SerializedText.stamp(event, text);
}
