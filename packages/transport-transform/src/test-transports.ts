import { createLogger, type OpenLineageEvent, type Transport, type TransportContext, type TransportDescriptor, type TransportStats } from '@ol/core';
import { createWith } from '@ol/core/internal';

/** Records what reaches it; the transform transport's inner transport in unit tests. */
export class RecordingTransport implements Transport {
  readonly type = 'recording';
  readonly events: OpenLineageEvent[] = [];
  calls: string[] = [];
  constructor(
    readonly config: Record<string, unknown> = {},
    private readonly counters?: TransportStats,
  ) {}
  emit(event: OpenLineageEvent): Promise<void> {
    this.events.push(event);
    return Promise.resolve();
  }
  flush(timeoutMs?: number): Promise<boolean> {
    this.calls.push(`flush:${timeoutMs}`);
    return Promise.resolve(true);
  }
  close(timeoutMs?: number): Promise<boolean> {
    this.calls.push(`close:${timeoutMs}`);
    return Promise.resolve(true);
  }
  stats(): TransportStats {
    return this.counters ?? { pending: 0, success: 0, failed: 0, dropped: 0 };
  }
}

/**
 * Stands in for core's registry in unit tests: `recording` children plus the given descriptors.
 * The registry's own end-to-end path is covered in the tests that use `createTransport`.
 */
export function handMadeContext(
  baseDir: string,
  descriptors: TransportDescriptor[] = [],
  logs: string[] = [],
): TransportContext & { children: RecordingTransport[]; childPaths: string[] } {
  const children: RecordingTransport[] = [];
  const childPaths: string[] = [];
  const ctx: TransportContext & { children: RecordingTransport[]; childPaths: string[] } = {
    children,
    childPaths,
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    path: ['transport'],
    origin: (p) => `openlineage.yml (${p.join('.')})`,
    baseDir,
    env: {},
    createChild: async (config, path) => {
      childPaths.push(path.join('.'));
      const c = config as Record<string, unknown>;
      const d = descriptors.find((x) => x.type === c.type);
      if (d) return createWith(d, c, { ...ctx, path });
      const t = new RecordingTransport(c);
      children.push(t);
      return Promise.resolve(t);
    },
  };
  return ctx;
}
