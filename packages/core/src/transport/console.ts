import { TransportError } from '../errors.js';
import { toJSON } from '../model/serialize.js';
import type { OpenLineageEvent } from '../model/event.js';
import type { OptionReader } from '../config/options.js';
import type { Transport, TransportDescriptor } from './types.js';

export interface ConsoleTransportOptions {
  /** Where the JSON lines go (default `process.stdout`). */
  stream?: NodeJS.WritableStream;
}

/**
 * One JSON line per event on stdout. The Python client logs events at INFO instead, which its
 * default WARNING level hides; printing makes the no-config fallback visible, as its docs promise.
 */
export class ConsoleTransport implements Transport {
  readonly type = 'console';
  readonly config: Record<string, never> = {};
  readonly name?: string;
  private readonly stream: NodeJS.WritableStream;

  constructor(options: ConsoleTransportOptions & { name?: string } = {}) {
    this.stream = options.stream ?? process.stdout;
    if (options.name !== undefined) this.name = options.name;
  }

  emit(event: OpenLineageEvent): Promise<void> {
    const line = toJSON(event) + '\n';
    return new Promise((resolve, reject) => {
      this.stream.write(line, (error) => {
        if (error) reject(new TransportError(`console transport could not write: ${error.message}`, { transport: 'console', cause: error }));
        else resolve();
      });
    });
  }

  flush(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

export function createConsoleTransport(options: ConsoleTransportOptions = {}): ConsoleTransport {
  return new ConsoleTransport(options);
}

/** The config a child of composite names: console has no other option. */
export interface NamedConfig {
  name?: string;
}

export const consoleDescriptor: TransportDescriptor<NamedConfig> = {
  type: 'console',
  aliases: ['openlineage.client.transport.console.ConsoleTransport', 'openlineage.client.transport.ConsoleTransport'],
  parse: (options) => readName(options),
  create: (config) => new ConsoleTransport(config),
};

/** `name` when the config gives one (kept as written, untrimmed, as composite children do). */
export function readName(options: OptionReader): NamedConfig {
  const name = options.raw.name;
  return typeof name === 'string' ? { name } : {};
}
