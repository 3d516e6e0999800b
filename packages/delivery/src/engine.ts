import { setMaxListeners } from 'node:events';
import { BatchBudget } from './budget.js';
import { Deque } from './deque.js';
import { FlushTracker, type Epoch } from './flush.js';
import { InFlight } from './in-flight.js';
import { RunGates } from './gates.js';
import { KeepAlive } from './keep-alive.js';

/**
 * The delivery engine: a bounded queue, up to `maxConcurrent` sends at a time, the per-run START
 * gate, optional batching, and flush/close bookkeeping. It knows nothing about the wire: `send`
 * (or `batch.send`) delivers payloads, retrying as it sees fit, and rejects when it gave up.
 * Payloads are whatever the transport queues (usually the event's serialized JSON).
 */
export interface EngineOptions<P> {
  maxConcurrent: number;
  /** Events that may wait to be sent (queued or held behind their START) before `submit` makes callers wait. */
  maxQueueSize: number;
  /** Callers that may wait for room at once; the next submit beyond that is dropped. */
  maxWaitingSubmits: number;
  /** Resolves when the payload was delivered (the value is ignored), rejects when delivery was given up. */
  send(payload: P, signal: AbortSignal): Promise<unknown>;
  onFailure?(error: unknown, payload: P, runId: string | undefined): void;
  /** `overflow`: the waiting line was full; `closed`: `close` gave up on it before it was sent. */
  onDrop?(reason: 'overflow' | 'closed'): void;
  /**
   * Send several payloads per request: ready events are gathered, oldest first, until `maxEvents`
   * or `maxBytes` (as a JSON array) is reached, or until the oldest has waited `lingerMs`. Each
   * batch takes one of the `maxConcurrent` slots, and the START gate holds as for single sends:
   * a run's later events wait until the batch holding its START settled.
   */
  batch?: BatchOptions<P>;
  /**
   * Keep the Node event loop alive while anything is pending, so a script that emits without
   * awaiting and then simply ends still delivers its events. Default true.
   */
  keepProcessAlive?: boolean;
}

export interface BatchOptions<P> {
  maxEvents: number;
  /** Bytes of the serialized array; `Infinity` when only `maxEvents` bounds a batch. */
  maxBytes: number;
  lingerMs: number;
  /** Bytes the payload takes in the serialized array (not called when `maxBytes` is `Infinity`). */
  sizeOf(payload: P): number;
  /** Settles each payload: undefined when delivered, the error when not. Rejecting fails them all. */
  send(payloads: P[], signal: AbortSignal): Promise<readonly unknown[] | undefined>;
}

/** The Python client's counter names; structurally core's `TransportStats`. */
export interface EngineStats {
  /** Accepted and not yet delivered or given up: waiting callers, queued, held and in flight. */
  pending: number;
  success: number;
  failed: number;
  dropped: number;
}

interface Item<P> {
  payload: P;
  runId: string | undefined;
  isStart: boolean;
  epoch: Epoch;
  /** Set once counted, so an aborted send that settles later is not counted twice. */
  settled: boolean;
  /** START gate list (see gates.ts). */
  heldHead: Item<P> | undefined;
  heldTail: Item<P> | undefined;
  next: Item<P> | undefined;
  /** Resolves the emit of a caller that waited for room. */
  resolve: (() => void) | undefined;
  /** Batching only: serialized size, and when it became ready to send (ms). */
  bytes: number;
  readyAt: number;
  /** In-flight list (see in-flight.ts). */
  flightPrev: Item<P> | undefined;
  flightNext: Item<P> | undefined;
}

export class DeliveryEngine<P> {
  private readonly opts: EngineOptions<P>;
  /** Events ready to go, in submission order. */
  private readonly ready = new Deque<Item<P>>();
  /** Events released by a finished START: older than anything in `ready`, so they go first. */
  private readonly released = new Deque<Item<P>>();
  private readonly gates = new RunGates<Item<P>>();
  /** Callers waiting for room, in order (FIFO, so a START never falls behind its COMPLETE). */
  private readonly blocked = new Deque<Item<P>>();
  private readonly inFlight = new InFlight<Item<P>>();
  private readonly counters = { success: 0, failed: 0, dropped: 0 };
  private readonly flushes = new FlushTracker();
  private readonly keepAlive: KeepAlive;
  private abort = sharedAbortController();
  private draining = false;
  /** Sends (single or batch requests) in flight: what `maxConcurrent` bounds. */
  private requests = 0;
  private batching: boolean;
  private readonly budget: BatchBudget | undefined;
  /** Batching: whether sizes matter (a finite `maxBytes`), and the bytes of the events in `ready` and `released`. */
  private readonly sized: boolean;
  private readyBytes = 0;
  private lingerTimer: NodeJS.Timeout | undefined;
  /** Set by flush and close: what is ready goes without lingering until the queue runs empty. */
  private hurry = false;
  /** Events accepted at once since the event loop last turned (see `nextTurn`). */
  private sinceTurn = 0;

  constructor(options: EngineOptions<P>) {
    this.opts = options;
    this.keepAlive = new KeepAlive(options.keepProcessAlive ?? true);
    this.batching = options.batch !== undefined;
    this.budget = options.batch ? new BatchBudget(options.batch.maxEvents, options.batch.maxBytes) : undefined;
    this.sized = options.batch !== undefined && Number.isFinite(options.batch.maxBytes);
  }

  /** From now on every event goes alone through `send` (e.g. the backend has no batch endpoint). */
  disableBatching(): void {
    this.batching = false;
    this.clearLinger();
    this.pump();
  }

  /** Events queued or held (not in flight, not waiting callers): what `maxQueueSize` bounds. */
  get queued(): number {
    return this.ready.length + this.released.length + this.gates.held;
  }

  get pending(): number {
    return this.queued + this.inFlight.size + this.blocked.length;
  }

  /** Runs with a START queued or in flight (the only per-run state kept). */
  get trackedRuns(): number {
    return this.gates.size;
  }

  /** Epochs still tracked for flush (for tests: stays small whatever the flush pattern). */
  get trackedEpochs(): number {
    return this.flushes.trackedEpochs;
  }

  stats(): EngineStats {
    return { pending: this.pending, success: this.counters.success, failed: this.counters.failed, dropped: this.counters.dropped };
  }

  /**
   * True (and the event counted as dropped) when the line of callers waiting for room is full.
   * Call it before preparing an event, so dropping under overload costs almost nothing.
   */
  dropIfFull(): boolean {
    if (this.blocked.length < this.opts.maxWaitingSubmits || (this.blocked.length === 0 && this.queued < this.opts.maxQueueSize)) return false;
    this.counters.dropped++;
    this.flushes.refuse();
    this.opts.onDrop?.('overflow');
    return true;
  }

  /** An event the transport refused before submitting it (e.g. it could not be serialized): the next flush returns false. */
  refuse(): void {
    this.flushes.refuse();
  }

  /**
   * Accepts one event of run `runId` (undefined for job and dataset events: never ordered).
   * Returns undefined when it was queued (or dropped) at once, or a promise that resolves once a
   * full queue made room for it.
   */
  submit(payload: P, runId?: string, isStart = false): Promise<void> | undefined {
    if (this.dropIfFull()) return undefined;
    this.keepAlive.hold();
    const item: Item<P> = {
      payload,
      runId,
      isStart,
      epoch: this.flushes.enter(),
      settled: false,
      heldHead: undefined,
      heldTail: undefined,
      next: undefined,
      resolve: undefined,
      bytes: this.batching && this.sized ? this.opts.batch!.sizeOf(payload) : 0,
      readyAt: 0,
      flightPrev: undefined,
      flightNext: undefined,
    };
    if (this.blocked.length === 0 && this.queued < this.opts.maxQueueSize) {
      this.accept(item);
      this.pump();
      return this.requests > 0 && ++this.sinceTurn >= YIELD_EVERY ? this.nextTurn() : undefined;
    }
    return new Promise<void>((resolve) => {
      item.resolve = resolve;
      this.blocked.push(item);
    });
  }

  /** See flush.ts: true when every event submitted (or refused) before the call was delivered within `timeoutMs`. The engine stays usable. */
  flush(timeoutMs?: number): Promise<boolean> {
    if (this.batching && this.pending > 0) {
      this.hurry = true;
      this.pump();
    }
    return this.flushes.flush(timeoutMs);
  }

  /**
   * Waits up to `timeoutMs` for everything to be delivered, then gives up on the rest: sends in
   * flight are aborted (counted failed), events not yet sent are counted dropped, waiting callers
   * are released. Same result as `flush`.
   */
  async close(timeoutMs?: number): Promise<boolean> {
    const delivered = await this.flush(timeoutMs);
    if (this.pending === 0) {
      this.keepAlive.release();
      return delivered;
    }
    this.clearLinger();
    this.abort.abort(new Error('closed before delivery'));
    this.abort = sharedAbortController();
    const aborted = this.inFlight.drain();
    for (const item of aborted) this.settle(item, false, new Error('aborted by close() after its timeout'));
    const abandoned = [...this.ready.drain(), ...this.released.drain(), ...this.gates.drain()];
    this.readyBytes = 0;
    for (const item of abandoned) this.drop(item);
    for (const w of this.blocked.drain()) {
      this.drop(w);
      w.resolve?.();
    }
    this.keepAlive.release();
    return false;
  }

  private drop(item: Item<P>): void {
    this.counters.dropped++;
    this.opts.onDrop?.('closed');
    this.flushes.settle(item.epoch, false);
  }

  private accept(item: Item<P>): void {
    if (this.gates.admit(item)) return;
    if (this.batching) this.markReady(item);
    this.ready.push(item);
  }

  private markReady(item: Item<P>): void {
    item.readyAt = Date.now();
    this.readyBytes += item.bytes;
  }

  /** Fills free send slots, then lets waiting callers in as room appears, until neither moves. */
  private pump(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        while (this.requests < this.opts.maxConcurrent) {
          if (this.batching) {
            if (!this.batchDue()) break;
            this.dispatchBatch();
            continue;
          }
          const item = this.released.shift() ?? this.ready.shift();
          if (!item) break;
          this.dispatch(item);
        }
        if (this.blocked.length === 0 || this.queued >= this.opts.maxQueueSize) break;
        while (this.blocked.length > 0 && this.queued < this.opts.maxQueueSize) {
          const w = this.blocked.shift()!;
          this.accept(w);
          w.resolve?.();
          w.resolve = undefined;
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Whether a batch should go now: a full one is ready, or the oldest ready event has waited
   * `lingerMs`. Otherwise arms a timer for when it will have.
   */
  private batchDue(): boolean {
    const available = this.ready.length + this.released.length;
    if (available === 0) {
      this.hurry = false;
      return false;
    }
    const b = this.opts.batch!;
    if (this.hurry || available >= b.maxEvents || this.readyBytes + available + 1 >= b.maxBytes) return true;
    const oldest = Math.min(this.released.peek()?.readyAt ?? Infinity, this.ready.peek()?.readyAt ?? Infinity);
    const wait = oldest + b.lingerMs - Date.now();
    if (wait <= 0) return true;
    if (!this.lingerTimer) {
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = undefined;
        this.pump();
      }, wait);
      // The keep-alive handle already holds the process while events are pending.
      this.lingerTimer.unref();
    }
    return false;
  }

  private clearLinger(): void {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
  }

  /** Takes ready events, released ones first, while they fit in one batch, and sends them as one request. */
  private dispatchBatch(): void {
    const budget = this.budget!;
    budget.reset();
    const items: Item<P>[] = [];
    const payloads: P[] = [];
    for (;;) {
      const from = this.released.length > 0 ? this.released : this.ready;
      const next = from.peek();
      if (!next || !budget.fits(next.bytes)) break;
      from.shift();
      this.readyBytes -= next.bytes;
      budget.add(next.bytes);
      items.push(next);
      payloads.push(next.payload);
      this.inFlight.add(next);
    }
    this.requests++;
    let promise: Promise<readonly unknown[] | undefined>;
    try {
      promise = this.opts.batch!.send(payloads, this.abort.signal);
    } catch (err) {
      promise = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    promise.then(
      (results) => this.finishBatch(items, results, undefined),
      (err: unknown) => this.finishBatch(items, undefined, err ?? new Error('batch send failed')),
    );
  }

  private finishBatch(items: readonly Item<P>[], results: readonly unknown[] | undefined, error: unknown): void {
    this.requests--;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.settled) continue;
      this.inFlight.delete(item);
      const e = error ?? results?.[i];
      this.settle(item, e === undefined, e);
    }
    this.afterSettle();
  }

  private dispatch(item: Item<P>): void {
    this.inFlight.add(item);
    this.requests++;
    let promise: Promise<unknown>;
    try {
      promise = this.opts.send(item.payload, this.abort.signal);
    } catch (err) {
      promise = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    promise.then(
      () => this.finish(item, true),
      (err: unknown) => this.finish(item, false, err),
    );
  }

  private finish(item: Item<P>, ok: boolean, error?: unknown): void {
    this.requests--;
    if (item.settled) return;
    this.inFlight.delete(item);
    this.settle(item, ok, error);
    this.afterSettle();
  }

  /**
   * A caller that awaits each emit in a loop runs on resolved promises alone, so the event loop never
   * reaches I/O: nothing in flight completes, no START releases its run, and the queue only grows until
   * the loop ends. Every YIELD_EVERY events accepted while sends are in flight, the emit resolves on
   * the next turn instead, letting responses in.
   */
  private nextTurn(): Promise<void> {
    this.sinceTurn = 0;
    return new Promise<void>((resolve) => setImmediate(resolve));
  }

  private afterSettle(): void {
    this.sinceTurn = 0;
    this.pump();
    if (this.pending === 0) this.keepAlive.release();
  }

  private settle(item: Item<P>, ok: boolean, error?: unknown): void {
    item.settled = true;
    if (ok) this.counters.success++;
    else {
      this.counters.failed++;
      this.opts.onFailure?.(error, item.payload, item.runId);
    }
    if (item.isStart && item.runId !== undefined) this.gates.open(item, this.releaseHeld);
    this.flushes.settle(item.epoch, ok);
  }

  /** Takes an event a finished START held back (one function for every START, not one per settle). */
  private readonly releaseHeld = (item: Item<P>): void => {
    if (this.batching) this.markReady(item);
    this.released.push(item);
  };
}

const YIELD_EVERY = 64;

/** One signal is shared by every send in flight (each adds a listener), so lift the leak warning's limit. */
function sharedAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
