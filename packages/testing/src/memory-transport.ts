import type { OpenLineageEvent, Transport, TransportDescriptor } from '@ol/core';

/**
 * Records every event it is given, in memory. Each recorded event is a structured clone,
 * so later changes to the caller's objects cannot rewrite what the test asserts on.
 */
export class MemoryTransport implements Transport {
  readonly type = 'memory';
  readonly config = {};
  readonly events: OpenLineageEvent[] = [];
  private closed = false;

  emit(event: OpenLineageEvent): Promise<void> {
    if (this.closed) return Promise.reject(new Error('memory transport is closed'));
    this.events.push(structuredClone(event));
    return Promise.resolve();
  }

  flush(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<boolean> {
    this.closed = true;
    return Promise.resolve(true);
  }

  clear(): void {
    this.events.length = 0;
  }
}

export function memoryTransport(): MemoryTransport {
  return new MemoryTransport();
}

/** Lets `transport: { type: '@ol/testing' }` (or `memory` after registering it) build one from config. */
export const descriptor: TransportDescriptor<Record<string, never>> = {
  type: 'memory',
  // The memory transport has no options.
  parse: () => ({}),
  create: () => new MemoryTransport(),
};
