import { defaultLogger, type Logger, type OpenLineageEvent } from '@ol/core';
import { CursorStore } from './cursor-store.js';

/** One record of the source, with the cursor that points just past it. */
export interface SourceRecord<R> {
  cursor: string;
  record: R;
}

/** Reads at most `limit` records after `after` (undefined: from the beginning), in order. */
export type RecordSource<R> = (after: string | undefined, limit: number) => Promise<readonly SourceRecord<R>[]> | readonly SourceRecord<R>[];

/** Where events go: an OpenLineageClient created with `failOnError: true`, or a transport. */
export interface SensorTarget {
  emit(event: OpenLineageEvent): Promise<void>;
  flush?(timeoutMs?: number): Promise<boolean>;
}

export interface ConvertContext {
  /** Deterministic run id for a record's identity, so re-processing a record yields the same run id. */
  runId(identity: string | Uint8Array, instant: Date | number): string;
}

type MaybePromise<T> = T | Promise<T>;

export interface SensorOptions<R> {
  source: RecordSource<R>;
  convert(record: R, context: ConvertContext): MaybePromise<OpenLineageEvent | readonly OpenLineageEvent[] | undefined | null>;
  target: SensorTarget;
  cursorFile: string;
  /** Records read per tick (the Dagster sensor's `record_filter_limit`). Default 30. */
  recordLimit?: number;
  /** Seconds between ticks (Dagster's `minimum_interval_seconds`). Default 30. */
  intervalSeconds?: number;
  /** Where to start when no cursor is stored yet (Dagster's `after_storage_id`). */
  afterCursor?: string;
  /** How long a tick waits for a background transport to deliver before it advances the cursor. Default 30 000. */
  flushTimeoutMs?: number;
  logger?: Logger;
  /** Deterministic run-id function; defaults to core's `staticRunId`. */
  runId?: ConvertContext['runId'];
}

export interface TickResult {
  /** Records whose events were all emitted (the cursor moved past them). */
  processed: number;
  events: number;
  /** Whether a record failed to convert or emit (the cursor stops before it; the next tick retries it). */
  failed: boolean;
  cursor: string | undefined;
  /** True when the source returned a full batch: more may be waiting. */
  more: boolean;
}

/**
 * The Dagster sensor's pattern, generic: each tick reads a bounded batch after the stored
 * cursor, converts and emits it, and only then persists the new cursor — so a crash
 * re-processes records, never skips them. A lock file keeps a second sensor off the same cursor.
 */
export class Sensor<R> {
  private readonly store: CursorStore;
  private readonly logger: Logger;
  private readonly limit: number;
  private readonly intervalMs: number;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private current: string | undefined;
  private loaded = false;

  constructor(private readonly options: SensorOptions<R> & { runId: ConvertContext['runId'] }) {
    this.store = new CursorStore(options.cursorFile);
    this.logger = options.logger ?? defaultLogger();
    this.limit = options.recordLimit ?? 30;
    this.intervalMs = (options.intervalSeconds ?? 30) * 1000;
    if (!Number.isInteger(this.limit) || this.limit < 1) throw new TypeError(`recordLimit must be a positive integer, got ${String(options.recordLimit)}`);
    if (!(this.intervalMs >= 0)) throw new TypeError(`intervalSeconds must be >= 0, got ${String(options.intervalSeconds)}`);
  }

  /** The cursor the next tick starts after. */
  get cursor(): string | undefined {
    return this.current;
  }

  async tick(): Promise<TickResult> {
    this.store.lock();
    if (!this.loaded) {
      this.current = (await this.store.read()) ?? this.options.afterCursor;
      this.loaded = true;
    }
    const records = await this.options.source(this.current, this.limit);
    let done: string | undefined;
    let processed = 0;
    let events = 0;
    let failed = false;
    const context: ConvertContext = { runId: this.options.runId };
    for (const { cursor, record } of records) {
      try {
        const converted = await this.options.convert(record, context);
        const list =
          converted === undefined || converted === null
            ? []
            : Array.isArray(converted)
              ? (converted as readonly OpenLineageEvent[])
              : [converted as OpenLineageEvent];
        for (const event of list) {
          await this.options.target.emit(event);
          events++;
        }
      } catch (err) {
        this.logger.error(`sensor: record after cursor ${this.current ?? '(start)'} failed; it will be retried on the next tick: ${(err as Error).message}`);
        failed = true;
        break;
      }
      done = cursor;
      processed++;
    }
    if (done !== undefined && this.options.target.flush) {
      const delivered = await this.options.target.flush(this.options.flushTimeoutMs ?? 30_000);
      if (!delivered) {
        this.logger.warn('sensor: the transport did not confirm delivery in time; the cursor stays put and the batch will be re-sent');
        return { processed: 0, events, failed: true, cursor: this.current, more: true };
      }
    }
    if (done !== undefined) {
      await this.store.write(done);
      this.current = done;
    }
    return { processed, events, failed, cursor: this.current, more: records.length >= this.limit && !failed };
  }

  /** Ticks until the source has nothing more, then returns (without releasing the lock; call stop()). */
  async drain(): Promise<TickResult> {
    const total: TickResult = { processed: 0, events: 0, failed: false, cursor: this.current, more: false };
    for (;;) {
      const r = await this.tick();
      total.processed += r.processed;
      total.events += r.events;
      total.cursor = r.cursor;
      if (r.failed) return { ...total, failed: true, more: true };
      if (!r.more || this.stopping) return total;
    }
  }

  /** Ticks every `intervalSeconds` (at once again while batches come back full) until stop(). */
  start(): void {
    if (this.running) return;
    this.store.lock();
    this.stopping = false;
    this.running = (async () => {
      while (!this.stopping) {
        let more = false;
        try {
          more = (await this.tick()).more;
        } catch (err) {
          this.logger.error(`sensor tick failed: ${(err as Error).message}`);
        }
        if (!more && !this.stopping)
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.intervalMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
      }
    })();
  }

  /** Waits for the tick in progress, then releases the lock. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
    this.store.unlock();
  }
}
