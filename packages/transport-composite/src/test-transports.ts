import {
  createLogger,
  type OpenLineageEvent,
  type Transport,
  type TransportContext,
  type TransportDescriptor,
  TransportError,
  type TransportStats,
} from '@ol/core';
import { createWith } from '@ol/core/internal';

/** What the scripted children did, in order: `emit:a`, `close:b`… */
export type Journal = string[];

export interface ScriptedOptions {
  id: string;
  failEmit?: boolean;
  failFlush?: boolean;
  failClose?: boolean;
  retryable?: boolean;
  stats?: TransportStats;
}

/** A child whose outcome the test decides; records every call so order and reach can be asserted. */
export class ScriptedTransport implements Transport {
  readonly type = 'scripted';
  readonly events: OpenLineageEvent[] = [];
  readonly stats?: () => TransportStats;
  constructor(
    readonly config: ScriptedOptions,
    private readonly journal: Journal,
  ) {
    if (config.stats) this.stats = () => ({ ...config.stats! });
  }
  emit(event: OpenLineageEvent): Promise<void> {
    this.journal.push(`emit:${this.config.id}`);
    if (this.config.failEmit)
      return Promise.reject(new TransportError(`${this.config.id} is down`, { transport: 'scripted', retryable: this.config.retryable ?? false }));
    this.events.push(event);
    return Promise.resolve();
  }
  flush(): Promise<boolean> {
    this.journal.push(`flush:${this.config.id}`);
    return this.config.failFlush ? Promise.reject(new Error(`${this.config.id} flush broke`)) : Promise.resolve(true);
  }
  close(): Promise<boolean> {
    this.journal.push(`close:${this.config.id}`);
    return this.config.failClose ? Promise.reject(new Error(`${this.config.id} close broke`)) : Promise.resolve(true);
  }
}

/**
 * Stands in for core's registry in unit tests: builds children from a few local descriptors.
 * The registry's own end-to-end path is covered in the tests that use `createTransport`.
 */
export function handMadeContext(
  journal: Journal,
  descriptors: TransportDescriptor[] = [],
  logs: string[] = [],
): TransportContext & { built: Map<string, ScriptedTransport> } {
  const built = new Map<string, ScriptedTransport>();
  const ctx: TransportContext & { built: Map<string, ScriptedTransport> } = {
    built,
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    path: ['transport'],
    origin: (p) => `openlineage.yml (${p.join('.')})`,
    baseDir: process.cwd(),
    env: {},
    createChild: async (config, path) => {
      const c = config as Record<string, unknown>;
      const d = descriptors.find((x) => x.type === c.type);
      if (d) return createWith(d, c, { ...ctx, path });
      if (c.type !== 'scripted') throw new Error(`unknown type ${String(c.type)} at ${path.join('.')}`);
      const t = new ScriptedTransport(c as unknown as ScriptedOptions, journal);
      built.set(t.config.id, t);
      return Promise.resolve(t);
    },
  };
  return ctx;
}
