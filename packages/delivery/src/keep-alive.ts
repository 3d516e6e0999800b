/**
 * Keeps the Node event loop alive while events are pending, so a script that emits without
 * awaiting and then simply ends still delivers them. A ref'd timer is the cheapest handle that
 * does this; `hold` and `release` are idempotent.
 */
export class KeepAlive {
  #handle: NodeJS.Timeout | undefined;

  constructor(private readonly enabled: boolean) {}

  hold(): void {
    if (this.#handle || !this.enabled) return;
    this.#handle = setInterval(noop, 1 << 30);
  }

  release(): void {
    if (!this.#handle) return;
    clearInterval(this.#handle);
    this.#handle = undefined;
  }
}

function noop(): void {}
