/**
 * Counts what a batch under construction holds, as the serialized array `[a,b,…]` measures. The first
 * event always fits, so an event larger than `maxBytes` on its own forms a batch by itself.
 */
export class BatchBudget {
  count = 0;
  bytes = 2;

  constructor(
    readonly maxEvents: number,
    readonly maxBytes: number,
  ) {}

  fits(size: number): boolean {
    return this.count === 0 || (this.count < this.maxEvents && this.bytes + size + 1 <= this.maxBytes);
  }

  add(size: number): void {
    this.bytes += this.count === 0 ? size : size + 1;
    this.count++;
  }

  reset(): void {
    this.count = 0;
    this.bytes = 2;
  }
}
