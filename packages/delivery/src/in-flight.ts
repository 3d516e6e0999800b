/**
 * The events being sent, as an intrusive doubly linked list through the events themselves.
 * A Set would do, but it gives every new object an identity hash on insertion: measured ≈ 0.3 µs
 * per event for add and delete, against ≈ 0.02 µs for these links.
 */
export interface Flying {
  flightPrev: this | undefined;
  flightNext: this | undefined;
}

export class InFlight<I extends Flying> {
  #head: I | undefined;
  #tail: I | undefined;
  size = 0;

  add(item: I): void {
    item.flightPrev = this.#tail;
    item.flightNext = undefined;
    if (this.#tail) this.#tail.flightNext = item;
    else this.#head = item;
    this.#tail = item;
    this.size++;
  }

  /** Only for an item that was added and not yet deleted. */
  delete(item: I): void {
    const { flightPrev: prev, flightNext: next } = item;
    if (prev) prev.flightNext = next;
    else this.#head = next;
    if (next) next.flightPrev = prev;
    else this.#tail = prev;
    item.flightPrev = item.flightNext = undefined;
    this.size--;
  }

  /** Removes and returns every item, oldest first. */
  drain(): I[] {
    const out: I[] = [];
    for (let i = this.#head; i;) {
      const next: I | undefined = i.flightNext;
      i.flightPrev = i.flightNext = undefined;
      out.push(i);
      i = next;
    }
    this.#head = this.#tail = undefined;
    this.size = 0;
    return out;
  }
}
