import type { OutputStream } from './io.js';

/**
 * A single self-overwriting status line on stderr, only when stderr is a terminal (never in logs or pipes),
 * and only once the work has taken long enough for a human to wonder.
 */
export class Progress {
  private readonly enabled: boolean;
  private readonly startedAt = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly delayMs = 500,
    private readonly intervalMs = 100,
  ) {
    this.enabled = stream.isTTY === true;
  }

  update(render: () => string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.startedAt < this.delayMs || now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    const width = (this.stream.columns ?? 80) - 1;
    this.stream.write(`\r\x1b[K${render().slice(0, width)}`);
    this.drawn = true;
  }

  /** Erase the line before anything else is printed, so reports never end up after a half line. */
  clear(): void {
    if (this.drawn) {
      this.stream.write('\r\x1b[K');
      this.drawn = false;
    }
  }
}
