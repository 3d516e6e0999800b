/**
 * Contract of the `composite` transport:
 * - emit(event): hands the same event to each child in order (sorted by priority when asked); continue_on_failure
 *   swallows a child's rejection (logged), continue_on_success=false stops at the first success. Rejects when every
 *   child failed, or at the first failure without continue_on_failure.
 * - flush(timeoutMs) / close(timeoutMs): every child in parallel; true only when each child's is and no emit since the
 *   previous flush failed at any child (the one definition in @ol/delivery's README). A child's flush/close that throws
 *   makes them reject, naming every such child.
 * - stats(): present when a child has stats(): their sum plus the deliveries to the synchronous children.
 */
import { FlushTracker } from '@ol/delivery';
import {
  type Logger,
  OpenLineageError,
  type OpenLineageEvent,
  redactWhenPrinted,
  silentLogger,
  type Transport,
  type TransportContext,
  TransportError,
  type TransportStats,
} from '@ol/core';
import type { CompositeTransportConfig } from './config.js';

/** A built child and what it is called in logs and errors. */
export interface CompositeChild {
  transport: Transport;
  name?: string;
  priority?: number;
}

export interface CompositeBehaviour {
  continueOnFailure: boolean;
  continueOnSuccess: boolean;
}

/** Options for `createCompositeTransport`: ready transports (or named children) and the two flags. */
export interface CompositeTransportOptions {
  transports: readonly (Transport | CompositeChild)[];
  continueOnFailure?: boolean;
  continueOnSuccess?: boolean;
  /** Stable sort by `priority`, higher first. */
  sortTransports?: boolean;
  logger?: Logger;
}

function label(child: CompositeChild, index: number): string {
  return `${child.name ?? `#${index}`} (${child.transport.type})`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Delivers each event to its children one after another, in order. `continueOnFailure`
 * decides whether a failing child stops delivery; `continueOnSuccess: false` stops at the
 * first success (fallback chains). An event no child accepted is an error listing each failure.
 */
export class CompositeTransport implements Transport {
  static {
    // console.log / JSON.stringify show the config with secrets as ***.
    redactWhenPrinted(this);
  }

  readonly type = 'composite';
  readonly config: CompositeTransportConfig | CompositeBehaviour;
  readonly children: readonly CompositeChild[];
  /**
   * Present when at least one child reports background counters: their sum, plus deliveries to
   * the other children of events the composite accepted (counted per delivery).
   */
  readonly stats?: () => TransportStats;
  private readonly behaviour: CompositeBehaviour;
  private readonly logger: Logger;
  private closing: Promise<boolean> | undefined;
  private readonly background: ReadonlySet<Transport>;
  /** Deliveries to children without stats(), for events the composite accepted. */
  private readonly syncCounts = { success: 0, failed: 0 };
  /** Emits under way and child failures since the last flush (see @ol/delivery's README). */
  private readonly flushes = new FlushTracker();

  constructor(children: readonly CompositeChild[], config: CompositeTransportConfig | CompositeBehaviour, logger: Logger = silentLogger) {
    if (children.length === 0) throw new OpenLineageError('CompositeTransport needs at least one transport');
    this.children = children;
    this.config = config;
    this.behaviour = { continueOnFailure: config.continueOnFailure, continueOnSuccess: config.continueOnSuccess };
    this.logger = logger;
    const background = children.filter((c) => typeof c.transport.stats === 'function');
    this.background = new Set(background.map((c) => c.transport));
    if (background.length > 0) {
      // A transport with stats() must count every delivery itself (the client then stops counting
      // successes), so deliveries to the other, synchronous children are counted here.
      this.stats = () => {
        const total: TransportStats = { pending: 0, success: this.syncCounts.success, failed: this.syncCounts.failed, dropped: 0 };
        for (const c of background) {
          const s = c.transport.stats!();
          total.pending += s.pending;
          total.success += s.success;
          total.failed += s.failed;
          total.dropped += s.dropped;
        }
        return total;
      };
    }
  }

  async emit(event: OpenLineageEvent): Promise<void> {
    const epoch = this.flushes.enter();
    let ok = false;
    try {
      ok = await this.emitToChildren(event);
    } finally {
      this.flushes.settle(epoch, ok);
    }
  }

  /** Resolves when the event was accepted under the composite's rules: false when it swallowed a child's failure. */
  private async emitToChildren(event: OpenLineageEvent): Promise<boolean> {
    // Plain indexed loop and a lazily made failure list: this runs once per event per child.
    let failures: { child: string; error: unknown }[] | undefined;
    let syncSuccess = 0;
    const children = this.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      try {
        await child.transport.emit(event);
      } catch (error) {
        const name = label(child, i);
        if (!this.behaviour.continueOnFailure) {
          throw new TransportError(`Transport ${name} failed to emit event: ${message(error)}`, {
            transport: this.type,
            retryable: TransportError.isInstance(error) && error.retryable,
            cause: error,
          });
        }
        this.logger.warn(`Transport ${name} failed to emit event: ${message(error)}`);
        (failures ??= []).push({ child: name, error });
        continue;
      }
      if (!this.background.has(child.transport)) syncSuccess++;
      if (!this.behaviour.continueOnSuccess) break;
    }
    if (failures !== undefined && failures.length === children.length) {
      throw new TransportError(`None of the transports successfully emitted the event: ${failures.map((f) => `${f.child}: ${message(f.error)}`).join('; ')}`, {
        transport: this.type,
        retryable: failures.some((f) => TransportError.isInstance(f.error) && f.error.retryable),
        cause: new AggregateError(
          failures.map((f) => f.error),
          'every child failed',
        ),
      });
    }
    // A rejected event is counted once by whoever called emit; an accepted one is counted here per delivery.
    // A child's rejection swallowed here is counted here too, whatever the child: transports count in
    // stats() only what they do not report through emit's promise, so nobody else will.
    this.syncCounts.success += syncSuccess;
    if (failures === undefined) return true;
    this.syncCounts.failed += failures.length;
    // Swallowed for the caller (continue_on_failure), but not delivered everywhere: the next flush says so.
    return false;
  }

  /**
   * Flushes every child in parallel (so one timeout bounds them all). True only if every child's flush was, and no
   * emit since the previous flush failed at a child, even one `continue_on_failure` swallowed.
   */
  async flush(timeoutMs?: number): Promise<boolean> {
    const own = this.flushes.flush(timeoutMs);
    const children = await this.everyChild('flush', (t) => (t.flush ? t.flush(timeoutMs) : Promise.resolve(true)));
    return (await own) && children;
  }

  /** Closes every child, even when some fail; idempotent. Rejects listing every child that failed. Same result as `flush`. */
  close(timeoutMs?: number): Promise<boolean> {
    this.closing ??= (async () => {
      const own = this.flushes.flush(timeoutMs);
      const children = await this.everyChild('close', (t) => t.close(timeoutMs));
      return (await own) && children;
    })();
    return this.closing;
  }

  private async everyChild(what: 'flush' | 'close', op: (t: Transport) => Promise<boolean>): Promise<boolean> {
    const results = await Promise.allSettled(this.children.map((c) => Promise.resolve().then(() => op(c.transport))));
    const failures: string[] = [];
    const errors: unknown[] = [];
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        failures.push(`${label(this.children[i]!, i)}: ${message(r.reason)}`);
        errors.push(r.reason);
      }
    });
    if (failures.length > 0) {
      throw new TransportError(`Could not ${what} ${failures.length} of ${this.children.length} transports: ${failures.join('; ')}`, {
        transport: this.type,
        cause: new AggregateError(errors, `${what} failed`),
      });
    }
    return results.every((r) => r.status === 'fulfilled' && r.value);
  }
}

/** Builds the children through the registry (so any type, a composite too, can be a child), then the composite. */
export async function buildCompositeTransport(config: CompositeTransportConfig, context: TransportContext): Promise<CompositeTransport> {
  const built: CompositeChild[] = [];
  try {
    for (const c of config.transports) {
      const transport = await context.createChild(c.config, c.path);
      built.push({ transport, priority: c.priority, ...(c.name === undefined ? {} : { name: c.name }) });
    }
  } catch (err) {
    // Children already built may hold sockets or file handles.
    await Promise.allSettled(built.map((c) => c.transport.close(0)));
    throw err;
  }
  return new CompositeTransport(built, config, context.logger);
}

/** Builds a composite from transports made in code (no registry needed). */
export function createCompositeTransport(options: CompositeTransportOptions): CompositeTransport {
  const children = options.transports.map((t): CompositeChild => ('emit' in t ? { transport: t } : t));
  // Array.prototype.sort is stable, so equal priorities keep their given order.
  const sorted = options.sortTransports ? [...children].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0)) : children;
  return new CompositeTransport(
    sorted,
    { continueOnFailure: options.continueOnFailure ?? true, continueOnSuccess: options.continueOnSuccess ?? true },
    options.logger,
  );
}
