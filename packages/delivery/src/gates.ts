/**
 * The per-run ordering rule: while a run's START is queued or in flight, the run's later events
 * (a second START too) wait behind it, in order. State is kept only for runs whose START is still
 * open, so it never outgrows the queue. Held events form an intrusive list through `next`: no
 * allocation per held event.
 */
export interface Gated {
  runId: string | undefined;
  isStart: boolean;
  heldHead: this | undefined;
  heldTail: this | undefined;
  next: this | undefined;
}

export class RunGates<I extends Gated> {
  readonly #gates = new Map<string, I>();
  /** Events held behind a START. */
  held = 0;

  /** Runs with a START queued or in flight. */
  get size(): number {
    return this.#gates.size;
  }

  /** True when `item` was held behind its run's START; a START that is not held becomes its run's gate. */
  admit(item: I): boolean {
    if (item.runId === undefined) return false;
    const gate = this.#gates.get(item.runId);
    if (gate) {
      hold(gate, item);
      this.held++;
      return true;
    }
    if (item.isStart) this.#gates.set(item.runId, item);
    return false;
  }

  /**
   * `start` finished (delivered or given up): the events it held go to `release`, in order, up to
   * the next START among them, which becomes the run's gate and holds the rest.
   */
  open(start: I, release: (item: I) => void): void {
    const runId = start.runId!;
    if (this.#gates.get(runId) !== start) return;
    this.#gates.delete(runId);
    let gate: I | undefined;
    let h = start.heldHead;
    start.heldHead = start.heldTail = undefined;
    while (h) {
      const next: I | undefined = h.next;
      h.next = undefined;
      if (gate) hold(gate, h);
      else {
        this.held--;
        release(h);
        if (h.isStart) {
          gate = h;
          this.#gates.set(runId, h);
        }
      }
      h = next;
    }
  }

  /** Forgets every gate and returns the events they held (for `close`). */
  drain(): I[] {
    const out: I[] = [];
    for (const gate of this.#gates.values()) for (let h = gate.heldHead; h; h = h.next) out.push(h);
    this.#gates.clear();
    this.held = 0;
    return out;
  }
}

function hold<I extends Gated>(gate: I, item: I): void {
  if (gate.heldTail) gate.heldTail.next = item;
  else gate.heldHead = item;
  gate.heldTail = item;
}
