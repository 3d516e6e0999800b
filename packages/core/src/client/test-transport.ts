import { TransportError } from '../errors.js';
import type { OpenLineageEvent } from '../model/event.js';
import type { Transport, TransportStats } from '../transport/types.js';

/** Records events in memory; can be told to fail. A stand-in for a real peer in unit tests of the client itself. */
export class MemoryTransport implements Transport {
  readonly type = 'memory';
  readonly config = {};
  readonly events: OpenLineageEvent[] = [];
  failWith: Error | undefined;
  closed = 0;
  background: TransportStats | undefined;

  emit(event: OpenLineageEvent): Promise<void> {
    if (this.failWith !== undefined) return Promise.reject(this.failWith);
    this.events.push(JSON.parse(JSON.stringify(event)) as OpenLineageEvent);
    return Promise.resolve();
  }

  close(): Promise<boolean> {
    this.closed++;
    return Promise.resolve(true);
  }

  failing(message = 'backend said 503'): this {
    this.failWith = new TransportError(message, { transport: 'memory', status: 503, retryable: true });
    return this;
  }
}

export function withStats(transport: MemoryTransport, stats: TransportStats): MemoryTransport & { stats(): TransportStats } {
  return Object.assign(transport, { stats: () => stats });
}
