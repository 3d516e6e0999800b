/**
 * What `flush()` and `close()` return, kept in one place for every transport (see the README's
 * "flush and close" section): true when every event emitted before the call was delivered within
 * the timeout; false when one of them failed, was dropped, could not be serialized, or was still
 * pending at the timeout. A failure is reported by the next flush and by any flush that waited
 * for its event, not by later ones, so a long-lived transport can flush at every checkpoint.
 */

/** Events counted in between two flush calls; a flush waits for its epoch and every older one still open. */
export class Epoch {
  /** Counted in and not yet settled. */
  outstanding = 0;
  /** Failed, dropped or refused. */
  lost = 0;
}

interface Waiter {
  epochs: Epoch[];
  resolve: (ok: boolean) => void;
}

export class FlushTracker {
  #current = new Epoch();
  /** The current epoch plus older ones with events still outstanding: bounded whatever the flush pattern. */
  readonly #live = new Set<Epoch>([this.#current]);
  #waiters: Waiter[] = [];
  #outstanding = 0;

  /** Events counted in and not yet settled. */
  get outstanding(): number {
    return this.#outstanding;
  }

  /** Epochs still tracked (for tests: stays small whatever the flush pattern). */
  get trackedEpochs(): number {
    return this.#live.size;
  }

  /** Counts one event in; hand the epoch back to `settle` when the event is over. */
  enter(): Epoch {
    this.#outstanding++;
    this.#current.outstanding++;
    return this.#current;
  }

  /** The event is over: delivered (`ok`) or given up (failed, dropped). */
  settle(epoch: Epoch, ok: boolean): void {
    this.#outstanding--;
    if (!ok) epoch.lost++;
    if (--epoch.outstanding !== 0) return;
    if (epoch !== this.#current) this.#live.delete(epoch);
    // A waiter can only be satisfied now, when one of its epochs has just run empty.
    if (this.#waiters.length > 0) this.#check();
  }

  /** An event refused before it was counted in (it could not be serialized, or was dropped at once): the next flush returns false. */
  refuse(): void {
    this.#current.lost++;
  }

  /** See the header comment. Negative or undefined `timeoutMs`: no limit. */
  flush(timeoutMs?: number): Promise<boolean> {
    const epochs: Epoch[] = [];
    for (const e of this.#live) if (e.outstanding > 0 || e.lost > 0) epochs.push(e);
    // Events from now on belong to a new epoch, which this flush does not wait for.
    const previous = this.#current;
    this.#current = new Epoch();
    this.#live.add(this.#current);
    if (previous.outstanding === 0) this.#live.delete(previous);
    if (epochs.every((e) => e.outstanding === 0)) return Promise.resolve(noneLost(epochs));
    return new Promise<boolean>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        epochs,
        resolve: (ok) => {
          if (timer) clearTimeout(timer);
          resolve(ok);
        },
      };
      this.#waiters.push(waiter);
      if (timeoutMs !== undefined && timeoutMs >= 0) {
        timer = setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs);
      }
    });
  }

  #check(): void {
    const still: Waiter[] = [];
    for (const w of this.#waiters) {
      if (w.epochs.every((e) => e.outstanding === 0)) w.resolve(noneLost(w.epochs));
      else still.push(w);
    }
    this.#waiters = still;
  }
}

function noneLost(epochs: readonly Epoch[]): boolean {
  for (const e of epochs) if (e.lost > 0) return false;
  return true;
}
