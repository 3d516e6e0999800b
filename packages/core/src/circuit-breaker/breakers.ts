import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/**
 * A circuit breaker decides whether lineage may flow. The Java client says a breaker is "closed" when
 * it *stops* OpenLineage; to avoid that trap this client says "engaged" (as Java's metric does).
 */
export interface CircuitBreaker {
  /** `static`, `timeout`, `simpleMemory`, `nodeRuntime`, or a custom name. */
  readonly type: string;
  /**
   * Why lineage is stopped right now, or `undefined` while it flows. Called once per emit, so it
   * must be cheap: breakers that measure the runtime sample on a timer and return the last verdict.
   */
  check(): string | undefined;
  /** Emits still running after this many milliseconds are abandoned (resolved and counted dropped). */
  readonly timeoutMs?: number;
  /** Sampling breakers report verdict changes between emits (so running emits can be abandoned). */
  onChange?(listener: (reason: string | undefined) => void): void;
  /** Stops timers and observers. */
  close(): void;
}

/** `valuesReturned`: comma-separated answers to "engaged?", one per emit; once exhausted every emit is dropped (as in Java). */
export function staticCircuitBreaker(options: { valuesReturned: string | readonly boolean[] }): CircuitBreaker {
  const values =
    typeof options.valuesReturned === 'string' ? options.valuesReturned.split(',').map((v) => v.trim().toLowerCase() === 'true') : [...options.valuesReturned];
  let index = 0;
  return {
    type: 'static',
    check() {
      if (index >= values.length) return 'static circuit breaker: valuesReturned exhausted';
      return values[index++] ? `static circuit breaker: value ${index} of valuesReturned is true` : undefined;
    },
    close() {},
  };
}

/** Never engages; abandons emits that run longer than `timeoutInSeconds`. */
export function timeoutCircuitBreaker(options: { timeoutInSeconds: number }): CircuitBreaker {
  return { type: 'timeout', timeoutMs: options.timeoutInSeconds * 1000, check: () => undefined, close() {} };
}

/** Heap figures as V8 reports them (`v8.getHeapStatistics()`), in bytes. */
export interface HeapReading {
  used: number;
  limit: number;
}

export function readHeap(): HeapReading {
  const s = getHeapStatistics();
  return { used: s.used_heap_size, limit: s.heap_size_limit };
}

/** Free heap as a percentage of the heap limit: what Java computes from Runtime's free/total/max. */
export function freeHeapPercent(h: HeapReading): number {
  return h.limit > 0 ? (100 * (h.limit - h.used)) / h.limit : 100;
}

export interface SamplingOptions {
  circuitCheckIntervalInMillis?: number;
  timeoutInSeconds?: number;
}

/**
 * Shared machinery for breakers that measure the runtime: a first verdict at construction, then one per
 * interval on an unref'd timer, so `check()` is a field read and an idle process is never kept alive.
 */
function samplingBreaker(
  type: string,
  options: SamplingOptions,
  sample: () => string | undefined,
  cleanup: () => void = () => undefined,
): CircuitBreaker & { sampleNow(): string | undefined } {
  const listeners: ((reason: string | undefined) => void)[] = [];
  let verdict = sample();
  const update = () => {
    const next = sample();
    if (next === verdict) return;
    const changed = (next === undefined) !== (verdict === undefined);
    verdict = next;
    if (changed) for (const l of listeners) l(next);
  };
  const timer = setInterval(update, options.circuitCheckIntervalInMillis ?? 1000);
  timer.unref();
  return {
    type,
    ...(options.timeoutInSeconds !== undefined ? { timeoutMs: options.timeoutInSeconds * 1000 } : {}),
    check: () => verdict,
    onChange: (l) => {
      listeners.push(l);
    },
    sampleNow() {
      update();
      return verdict;
    },
    close() {
      clearInterval(timer);
      cleanup();
    },
  };
}

export interface SimpleMemoryOptions extends SamplingOptions {
  /** Engages when free heap, in % of the heap limit, is at or below this (default 20). */
  memoryThreshold?: number;
  /** For tests: where heap figures come from (default `v8.getHeapStatistics()`). */
  heap?: () => HeapReading;
}

export function simpleMemoryCircuitBreaker(options: SimpleMemoryOptions = {}): CircuitBreaker & { sampleNow(): string | undefined } {
  const threshold = options.memoryThreshold ?? 20;
  const heap = options.heap ?? readHeap;
  return samplingBreaker('simpleMemory', options, () => {
    const free = freeHeapPercent(heap());
    return free <= threshold ? `Circuit breaker tripped at memory ${free.toFixed(2)}% (freeMemoryThreshold ${threshold}%)` : undefined;
  });
}

export interface NodeRuntimeOptions extends SamplingOptions {
  /** Free heap threshold in % of the heap limit (default 20). */
  memoryThreshold?: number;
  /** Share of wall time spent in garbage collection since the previous check, in % (default 10). */
  gcCpuThreshold?: number;
  /** Engages on its own when the event loop's p99 delay over the last interval reaches this many ms (default: not checked). */
  eventLoopDelayThresholdInMillis?: number;
  /** For tests: the measures (default: V8 heap statistics, `gc` performance entries, `monitorEventLoopDelay`). */
  measure?: () => RuntimeReading;
}

export interface RuntimeReading {
  heap: HeapReading;
  /** Total GC pause time so far, in ms. */
  gcTimeMs: number;
  /** Wall clock, in ms. */
  nowMs: number;
  /** p99 event-loop delay since the previous reading, in ms. */
  eventLoopDelayP99Ms: number;
}

/** The event-loop histogram runs only when a delay threshold is set: it costs a timer tick per resolution period. */
function runtimeMeasure(withDelay: boolean): { measure: () => RuntimeReading; stop: () => void } {
  let gcTimeMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcTimeMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const delay = withDelay ? monitorEventLoopDelay({ resolution: 10 }) : undefined;
  delay?.enable();
  return {
    measure: () => {
      const p99 = delay !== undefined && delay.count > 0 ? delay.percentile(99) / 1e6 : 0;
      delay?.reset();
      return { heap: readHeap(), gcTimeMs, nowMs: performance.now(), eventLoopDelayP99Ms: p99 };
    },
    stop: () => {
      observer.disconnect();
      delay?.disable();
    },
  };
}

/**
 * Our counterpart of Java's `javaRuntime`: engages when free heap is at or below `memoryThreshold` while
 * garbage collection took at least `gcCpuThreshold` % of the time since the previous check (both, as in
 * Java), or when the event loop's p99 delay reaches `eventLoopDelayThresholdInMillis` (if set).
 */
export function nodeRuntimeCircuitBreaker(options: NodeRuntimeOptions = {}): CircuitBreaker & { sampleNow(): string | undefined } {
  const memoryThreshold = options.memoryThreshold ?? 20;
  const gcThreshold = options.gcCpuThreshold ?? 10;
  const delayThreshold = options.eventLoopDelayThresholdInMillis;
  const runtime = options.measure === undefined ? runtimeMeasure(delayThreshold !== undefined) : undefined;
  const measure = options.measure ?? runtime!.measure;
  let previous: RuntimeReading | undefined;
  return samplingBreaker(
    'nodeRuntime',
    options,
    () => {
      const now = measure();
      const last = previous;
      previous = now;
      if (delayThreshold !== undefined && now.eventLoopDelayP99Ms >= delayThreshold) {
        return `Circuit breaker tripped at event-loop delay p99 ${now.eventLoopDelayP99Ms.toFixed(1)} ms (eventLoopDelayThresholdInMillis ${delayThreshold})`;
      }
      // Like Java, the first check has no GC share yet and lets lineage flow.
      if (last === undefined || now.nowMs <= last.nowMs) return undefined;
      const gcShare = (100 * (now.gcTimeMs - last.gcTimeMs)) / (now.nowMs - last.nowMs);
      const free = freeHeapPercent(now.heap);
      if (gcShare >= gcThreshold && free <= memoryThreshold) {
        return `Circuit breaker tripped at memory ${free.toFixed(2)}% GC time ${gcShare.toFixed(2)}% (freeMemoryThreshold ${memoryThreshold}%, gcCpuThreshold ${gcThreshold}%)`;
      }
      return undefined;
    },
    () => runtime?.stop(),
  );
}
