import { readName, type NamedConfig } from './console.js';
import type { Transport, TransportDescriptor } from './types.js';

/** Accepts and discards every event (what OPENLINEAGE_DISABLED=true amounts to). */
export class NoopTransport implements Transport {
  readonly type = 'noop';
  readonly config: Record<string, never> = {};
  readonly name?: string;

  constructor(options: { name?: string } = {}) {
    if (options.name !== undefined) this.name = options.name;
  }

  emit(): Promise<void> {
    return Promise.resolve();
  }

  flush(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

export function createNoopTransport(): NoopTransport {
  return new NoopTransport();
}

export const noopDescriptor: TransportDescriptor<NamedConfig> = {
  type: 'noop',
  aliases: ['openlineage.client.transport.noop.NoopTransport'],
  parse: (options) => readName(options),
  create: (config) => new NoopTransport(config),
};
