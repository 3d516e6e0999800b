import { BatchBudget } from '@ol/transport-http';
import { setMaxListeners } from 'node:events';
import { Deque } from './deque.js';

/**
 * The delivery engine: a bounded queue, up to `maxConcurrent` sends at a time, and the
 * per-run ordering rule (a run's other events never overtake its START). It knows nothing
 * about HTTP: `send` delivers one payload (retrying as it sees fit) and rejects when it gave up.
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
  maxBytes: number;
  lingerMs: number;
  /** Bytes the payload takes in the serialized array. */
  sizeOf(payload: P): number;
  /** Settles each payload: undefined when delivered, the error when not. Rejecting fails them all. */
  send(payloads: P[], signal: AbortSignal): Promise<readonly unknown[]>;
}

export interface EngineStats {
  /** Accepted and not yet delivered or given up: waiting callers, queued, held and in flight. */
  pending: number;
  success: number;
  failed: number;
  dropped: number;
}

/** Events accepted between two flush calls; a flush waits for its epoch and every older one. */
class Epoch {
  outstanding = 0;
  /** Events of this epoch that failed or were dropped by close. */
  lost = 0;
}

interface Item<P> {
  payload: P;
  runId: string | undefined;
  isStart: boolean;
  epoch: Epoch;
  /** Set once counted, so an aborted send that settles later is not counted twice. */
  settled: boolean;
  /** A START is the gate of its run: the events held behind it form a list through `next`. */
  heldHead: Item<P> | undefined;
  heldTail: Item<P> | undefined;
  next: Item<P> | undefined;
  /** Resolves the emit of a caller that waited for room. */
  resolve: (() => void) | undefined;
  /** Batching only: serialized size, and when it became ready to send (ms). */
  bytes: number;
  readyAt: number;
}

interface FlushWaiter {
  epochs: Epoch[];
  lostBefore: number;
  resolve: (ok: boolean) => void;
}

export class DeliveryEngine<P> {
  private readonly opts: Required<Omit<EngineOptions<P>, 'onFailure' | 'onDrop' | 'batch'>> & Pick<EngineOptions<P>, 'onFailure' | 'onDrop' | 'batch'>;
  /** Events ready to go, in submission order. */
  private readonly ready = new Deque<Item<P>>();
  /** Events released by a finished START: older than anything in `ready`, so they go first. */
  private readonly released = new Deque<Item<P>>();
  /**
   * One entry per run whose START is queued or in flight: that START, which holds the run's later
   * events in order. Deleted when the START finishes, so the map never outgrows the queue.
   */
  private readonly gates = new Map<string, Item<P>>();
  private readonly blocked = new Deque<Item<P>>();
  private readonly inFlight = new Set<Item<P>>();
  private heldCount = 0;
  private readonly counters = { success: 0, failed: 0, dropped: 0 };
  private current = new Epoch();
  private readonly liveEpochs = new Set<Epoch>([this.current]);
  private flushWaiters: FlushWaiter[] = [];
  private abort = sharedAbortController();
  private keepAlive: NodeJS.Timeout | undefined;
  private draining = false;
  /** Sends (single or batch requests) in flight: what `maxConcurrent` bounds. */
  private requests = 0;
  private batching: boolean;
  private readonly budget: BatchBudget | undefined;
  /** Batching: bytes of the events in `ready` and `released`. */
  private readyBytes = 0;
  private lingerTimer: NodeJS.Timeout | undefined;
  /** Set by flush and close: what is ready goes without lingering until the queue runs empty. */
  private hurry = false;

  constructor(options: EngineOptions<P>) {
    this.opts = { keepProcessAlive: true, ...options };
    this.batching = options.batch !== undefined;
    this.budget = options.batch ? new BatchBudget(options.batch.maxEvents, options.batch.maxBytes) : undefined;
  }

  /** From now on every event goes alone through `send` (the backend has no batch endpoint). */
  disableBatching(): void {
    this.batching = false;
    this.clearLinger();
    this.pump();
  }

  /** Events queued or held (not in flight, not waiting callers): what `maxQueueSize` bounds. */
  get queued(): number {
    return this.ready.length + this.released.length + this.heldCount;
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
    return this.liveEpochs.size;
  }

  stats(): EngineStats {
    return { pending: this.pending, ...this.counters };
  }

  /**
   * True (and the event counted as dropped) when the line of callers waiting for room is full.
   * Call it before preparing an event, so dropping under overload costs almost nothing.
   */
  dropIfFull(): boolean {
    if (this.blocked.length < this.opts.maxWaitingSubmits || (this.blocked.length === 0 && this.queued < this.opts.maxQueueSize)) return false;
    this.counters.dropped++;
    this.opts.onDrop?.('overflow');
    return true;
  }

  /**
   * Accepts one event of run `runId` (undefined for job and dataset events: never ordered).
   * Returns undefined when it was queued (or dropped) at once, or a promise that resolves once a
   * full queue made room for it.
   */
  submit(payload: P, runId?: string, isStart = false): Promise<void> | undefined {
    if (this.dropIfFull()) return undefined;
    const item: Item<P> = {
      payload,
      runId,
      isStart,
      epoch: this.epochForNew(),
      settled: false,
      heldHead: undefined,
      heldTail: undefined,
      next: undefined,
      resolve: undefined,
      bytes: this.batching ? this.opts.batch!.sizeOf(payload) : 0,
      readyAt: 0,
    };
    if (this.blocked.length === 0 && this.queued < this.opts.maxQueueSize) {
      this.accept(item);
      this.pump();
      return undefined;
    }
    // Waiting callers keep their place in line (FIFO), so a START never falls behind its COMPLETE.
    return new Promise<void>((resolve) => {
      item.resolve = resolve;
      this.blocked.push(item);
    });
  }

  /**
   * Resolves when every event accepted before the call has been delivered or given up, or when
   * `timeoutMs` passes (negative or undefined: no limit). True when all of them were delivered.
   * The engine stays usable.
   */
  flush(timeoutMs?: number): Promise<boolean> {
    if (this.pending === 0) return Promise.resolve(true);
    if (this.batching) {
      this.hurry = true;
      this.pump();
    }
    const epochs = [...this.liveEpochs].filter((e) => e.outstanding > 0);
    // New events belong to a new epoch, which this flush does not wait for.
    if (this.current.outstanding === 0) this.liveEpochs.delete(this.current);
    this.current = new Epoch();
    this.liveEpochs.add(this.current);
    const lostBefore = sumLost(epochs);
    return new Promise<boolean>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: FlushWaiter = {
        epochs,
        lostBefore,
        resolve: (ok) => {
          if (timer) clearTimeout(timer);
          resolve(ok);
        },
      };
      this.flushWaiters.push(waiter);
      if (timeoutMs !== undefined && timeoutMs >= 0) {
        timer = setTimeout(() => {
          this.flushWaiters = this.flushWaiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs);
      }
    });
  }

  /**
   * Waits up to `timeoutMs` for everything to be delivered, then gives up on the rest: sends in
   * flight are aborted (counted failed), events not yet sent are counted dropped, waiting callers
   * are released. Returns true when everything was delivered.
   */
  async close(timeoutMs?: number): Promise<boolean> {
    const delivered = await this.flush(timeoutMs);
    if (this.pending === 0) {
      this.releaseProcess();
      return delivered;
    }
    this.clearLinger();
    this.abort.abort(new Error('closed before delivery'));
    this.abort = sharedAbortController();
    for (const item of this.inFlight) this.settle(item, false, new Error('aborted by close() after its timeout'));
    this.inFlight.clear();
    const abandoned = [...this.ready.drain(), ...this.released.drain()];
    this.readyBytes = 0;
    for (const gate of this.gates.values()) {
      for (let h = gate.heldHead; h; h = h.next) abandoned.push(h);
    }
    this.gates.clear();
    this.heldCount = 0;
    for (const item of abandoned) this.dropItem(item.epoch);
    for (const w of this.blocked.drain()) {
      this.dropItem(w.epoch);
      w.resolve?.();
    }
    this.checkFlushes();
    this.releaseProcess();
    return false;
  }

  private dropItem(epoch: Epoch): void {
    this.counters.dropped++;
    this.opts.onDrop?.('closed');
    epoch.lost++;
    this.finishEpoch(epoch);
  }

  private epochForNew(): Epoch {
    this.current.outstanding++;
    this.holdProcess();
    return this.current;
  }

  private accept(item: Item<P>): void {
    if (item.runId !== undefined) {
      const gate = this.gates.get(item.runId);
      if (gate) {
        // The run's START is queued or in flight: wait behind it, in order (a second START too).
        hold(gate, item);
        this.heldCount++;
        return;
      }
      if (item.isStart) this.gates.set(item.runId, item);
    }
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
    for (;;) {
      const from = this.released.length > 0 ? this.released : this.ready;
      const next = from.peek();
      if (!next || !budget.fits(next.bytes)) break;
      from.shift();
      this.readyBytes -= next.bytes;
      budget.add(next.bytes);
      items.push(next);
      this.inFlight.add(next);
    }
    this.requests++;
    let promise: Promise<readonly unknown[]>;
    try {
      promise = this.opts.batch!.send(
        items.map((i) => i.payload),
        this.abort.signal,
      );
    } catch (err) {
      promise = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    promise.then(
      (results) => this.finishBatch(items, (i) => results[i]),
      (err: unknown) => this.finishBatch(items, () => err),
    );
  }

  private finishBatch(items: readonly Item<P>[], errorOf: (index: number) => unknown): void {
    this.requests--;
    items.forEach((item, i) => {
      if (item.settled) return;
      this.inFlight.delete(item);
      const error = errorOf(i);
      this.settle(item, error === undefined, error);
    });
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

  private afterSettle(): void {
    this.pump();
    this.checkFlushes();
    if (this.pending === 0) this.releaseProcess();
  }

  private settle(item: Item<P>, ok: boolean, error?: unknown): void {
    item.settled = true;
    if (ok) this.counters.success++;
    else {
      this.counters.failed++;
      item.epoch.lost++;
      this.opts.onFailure?.(error, item.payload, item.runId);
    }
    if (item.isStart && item.runId !== undefined) this.releaseRun(item);
    this.finishEpoch(item.epoch);
  }

  /**
   * The run's START finished (delivered or failed for good): its held events go next, in order,
   * up to the next START among them, which becomes the run's new gate.
   */
  private releaseRun(start: Item<P>): void {
    const runId = start.runId!;
    if (this.gates.get(runId) !== start) return;
    this.gates.delete(runId);
    let gate: Item<P> | undefined;
    let h = start.heldHead;
    start.heldHead = start.heldTail = undefined;
    while (h) {
      const next = h.next;
      h.next = undefined;
      if (gate) hold(gate, h);
      else {
        this.heldCount--;
        if (this.batching) this.markReady(h);
        this.released.push(h);
        if (h.isStart) {
          gate = h;
          this.gates.set(runId, h);
        }
      }
      h = next;
    }
  }

  private finishEpoch(epoch: Epoch): void {
    epoch.outstanding--;
    if (epoch.outstanding === 0 && epoch !== this.current) this.liveEpochs.delete(epoch);
  }

  private checkFlushes(): void {
    if (this.flushWaiters.length === 0) return;
    const still: FlushWaiter[] = [];
    for (const w of this.flushWaiters) {
      if (w.epochs.every((e) => e.outstanding === 0)) w.resolve(sumLost(w.epochs) === w.lostBefore);
      else still.push(w);
    }
    this.flushWaiters = still;
  }

  private holdProcess(): void {
    if (this.keepAlive || !this.opts.keepProcessAlive) return;
    // A ref'd timer is the cheapest handle that keeps the event loop from ending while events wait.
    this.keepAlive = setInterval(noop, 1 << 30);
  }

  private releaseProcess(): void {
    if (!this.keepAlive) return;
    clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }
}

function hold<P>(gate: Item<P>, item: Item<P>): void {
  if (gate.heldTail) gate.heldTail.next = item;
  else gate.heldHead = item;
  gate.heldTail = item;
}

function sumLost(epochs: readonly Epoch[]): number {
  let n = 0;
  for (const e of epochs) n += e.lost;
  return n;
}

function noop(): void {}

/** One signal is shared by every send in flight (each adds a listener), so lift the leak warning's limit. */
function sharedAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
