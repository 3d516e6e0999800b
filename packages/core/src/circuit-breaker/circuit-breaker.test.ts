/**
 * Cases ported (rewritten) from the Java client's CommonCircuitBreakerTest and SimpleMemoryCircuitBreakerTest
 * (and the gist of JavaRuntimeCircuitBreakerTest for nodeRuntime), plus the Java fixtures circuitBreaker1-5.yaml
 * and the docs' YAML examples as config cases. Heap and runtime readings are injected where Java mocks them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenLineageClient } from '../client/client.js';
import { MemoryTransport } from '../client/test-transport.js';
import { ConfigError, TransportError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { OpenLineageEvent, RunEvent } from '../model/event.js';
import { OptionReader } from '../config/options.js';
import { resolveConfig } from '../config/resolve.js';
import { scratch } from '../config/test-helpers.js';
import { nodeRuntimeCircuitBreaker, simpleMemoryCircuitBreaker, type HeapReading, type RuntimeReading } from './breakers.js';
import { createCircuitBreaker, readCircuitBreakerSettings } from './config.js';

const MB = 1024 * 1024;
/** Java's test figures: total 26001 MB, free 1999 MB, max 30000 MB → 19.99 % free. */
const LOW: HeapReading = { used: (26000 + 1) * MB - (2000 - 1) * MB, limit: 30000 * MB };
const HIGH: HeapReading = { used: (26000 - 1) * MB - (2000 + 1) * MB, limit: 30000 * MB };

function runEvent(i = 0): RunEvent {
  return {
    eventType: 'START',
    eventTime: '2025-01-01T00:00:00Z',
    producer: 'https://example.com/producer',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: `01890000-0000-7000-8000-${String(i).padStart(12, '0')}` },
    job: { namespace: 'jobs', name: 'load' },
  };
}

/** Answers after `ms` (or never); counts what it was asked to send. A stand-in for a slow backend. */
class SlowTransport extends MemoryTransport {
  started = 0;
  constructor(private readonly ms: number | undefined) {
    super();
  }
  override emit(event: OpenLineageEvent): Promise<void> {
    this.started++;
    if (this.ms === undefined) return new Promise(() => undefined);
    return new Promise((resolve) => setTimeout(() => resolve(super.emit(event)), this.ms));
  }
}

function logs() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'warn', write: (l) => lines.push(l) }) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('circuit breaker around emit (CommonCircuitBreakerTest)', () => {
  it('does not run the emit while the breaker is engaged, and counts the event dropped', async () => {
    const transport = new MemoryTransport().failing('must not be called');
    const client = new OpenLineageClient({ transport, config: { circuitBreaker: { type: 'static', valuesReturned: 'true' } }, logger: logs().logger });
    await expect(client.emit(runEvent())).resolves.toBeUndefined();
    expect(transport.events).toHaveLength(0);
    expect(client.stats()).toMatchObject({ emitted: 0, dropped: 1, failed: 0, droppedBy: { circuitBreaker: 1, timeout: 0 } });
  });

  it('without a breaker, delivers directly', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({
      transport,
      config: { dataset: { disabledTrimmers: 'DateTrimmer;KeyValueTrimmer;MultiDirDateTrimmer;YearMonthTrimmer' } },
    });
    await client.emit(runEvent());
    expect(transport.events).toHaveLength(1);
    expect(client.stats()).not.toHaveProperty('droppedBy');
  });

  it('swallows a failing emit (logged and counted, not thrown)', async () => {
    const client = new OpenLineageClient({
      transport: new MemoryTransport().failing(),
      config: { circuitBreaker: { type: 'static', valuesReturned: 'false' } },
      logger: logs().logger,
    });
    await expect(client.emit(runEvent())).resolves.toBeUndefined();
    expect(client.stats()).toMatchObject({ failed: 1, dropped: 0 });
  });

  it('abandons a running emit when the breaker engages during it (with timeoutInSeconds set, emits are watched)', async () => {
    let reads = 0;
    // Free heap is fine for the first two checks (construction, first interval), then low.
    const breaker = simpleMemoryCircuitBreaker({ circuitCheckIntervalInMillis: 50, timeoutInSeconds: 60, heap: () => (++reads <= 2 ? HIGH : LOW) });
    const transport = new SlowTransport(2000);
    const client = new OpenLineageClient({ transport, config: { circuitBreaker: breaker }, logger: logs().logger });
    const started = Date.now();
    await client.emit(runEvent());
    const took = Date.now() - started;
    expect(transport.started).toBe(1);
    expect(took).toBeGreaterThanOrEqual(40);
    expect(took).toBeLessThan(2000);
    expect(client.stats()).toMatchObject({ dropped: 1, success: 0, droppedBy: { circuitBreaker: 1, timeout: 0 } });
    await client.close(0);
  });

  it('lets emits through while the static values say so', async () => {
    const transport = new SlowTransport(100);
    const client = new OpenLineageClient({
      transport,
      config: { circuitBreaker: { type: 'static', valuesReturned: 'false,false,false,false', circuitCheckIntervalInMillis: 50 } },
    });
    await client.emit(runEvent());
    expect(client.stats()).toMatchObject({ success: 1, dropped: 0 });
  });

  it('static "false,false,false" delivers three events and drops the rest; each state change is logged once', async () => {
    const transport = new MemoryTransport();
    const { lines, logger } = logs();
    const client = new OpenLineageClient({ transport, config: { circuitBreaker: { type: 'STATIC', values_returned: 'false,false,false' } }, logger });
    for (let i = 0; i < 6; i++) await client.emit(runEvent(i));
    expect(transport.events).toHaveLength(3);
    expect(client.stats()).toMatchObject({ emitted: 3, success: 3, dropped: 3 });
    expect(lines.filter((l) => l.includes('engaged'))).toHaveLength(1);
    expect(lines[0]).toMatch(/circuit breaker \(static\) engaged, events are dropped: static circuit breaker: valuesReturned exhausted/);
  });

  it('logs release and re-engagement once each', async () => {
    const { lines, logger } = logs();
    const client = new OpenLineageClient({
      transport: new MemoryTransport(),
      config: { circuitBreaker: { type: 'static', valuesReturned: 'true,true,false,false,true' } },
      logger,
    });
    for (let i = 0; i < 5; i++) await client.emit(runEvent(i));
    expect(lines.map((l) => /engaged|released/.exec(l)?.[0])).toEqual(['engaged', 'released', 'engaged']);
  });
});

describe('timeout', () => {
  it('abandons an emit still running after timeoutInSeconds: resolved, counted dropped, never success', async () => {
    const transport = new SlowTransport(300);
    const client = new OpenLineageClient({ transport, config: { circuitBreaker: { type: 'timeout', timeoutInSeconds: 0.05 } } });
    const started = Date.now();
    await client.emit(runEvent());
    expect(Date.now() - started).toBeLessThan(280);
    expect(client.stats()).toMatchObject({ emitted: 1, dropped: 1, success: 0, pending: 0, droppedBy: { timeout: 1, circuitBreaker: 0 } });
    await new Promise((r) => setTimeout(r, 350));
    // The transport finished later: still not a success.
    expect(transport.events).toHaveLength(1);
    expect(client.stats()).toMatchObject({ dropped: 1, success: 0 });
  });

  it('does not turn a late failure of an abandoned emit into an unhandled rejection', async () => {
    const transport: MemoryTransport = Object.assign(new MemoryTransport(), {
      emit: () => new Promise<void>((_, reject) => setTimeout(() => reject(new TransportError('late', { transport: 'memory' })), 100)),
    });
    const client = new OpenLineageClient({ transport, config: { circuitBreaker: { type: 'timeout', timeoutInSeconds: 0.02 } }, failOnError: true });
    await client.emit(runEvent());
    await new Promise((r) => setTimeout(r, 150));
    expect(client.stats()).toMatchObject({ dropped: 1, failed: 0 });
  });

  it('tracks many emits at once: those settling in any order count as delivered, only the slow ones time out', async () => {
    // Delays per emit, in emit order: the 10 ms one settles first (mid-list), the 300 and 400 ms ones outlive the timeout.
    const delays = [20, 300, 10, 400, 50];
    let n = 0;
    const transport: MemoryTransport = Object.assign(new MemoryTransport(), {
      emit: () => new Promise<void>((resolve) => setTimeout(resolve, delays[n++])),
    });
    const client = new OpenLineageClient({ transport, config: { circuitBreaker: { type: 'timeout', timeoutInSeconds: 0.1 } } });
    const started = Date.now();
    await Promise.all(delays.map((_, i) => client.emit(runEvent(i))));
    expect(Date.now() - started).toBeLessThan(280);
    expect(client.stats()).toMatchObject({ emitted: 5, success: 3, dropped: 2, pending: 0, droppedBy: { timeout: 2, circuitBreaker: 0 } });
    // The list is empty again: a later emit is watched and delivered as usual.
    await client.emit(runEvent(5));
    expect(client.stats()).toMatchObject({ success: 4, dropped: 2 });
    await client.close(0);
  });

  it('applies timeoutInSeconds of simpleMemory too, and fast emits are unaffected', async () => {
    const transport = new SlowTransport(5);
    const client = new OpenLineageClient({ transport, config: { circuitBreaker: { type: 'simpleMemory', memoryThreshold: 0, timeoutInSeconds: 5 } } });
    for (let i = 0; i < 3; i++) await client.emit(runEvent(i));
    expect(client.stats()).toMatchObject({ success: 3, dropped: 0 });
    await client.close();
  });
});

describe('simpleMemory (SimpleMemoryCircuitBreakerTest)', () => {
  it('uses the default threshold of 20 % when none is given', () => {
    const settings = readCircuitBreakerSettings(new OptionReader({ type: 'simpleMemory' }, { path: ['circuitBreaker'], origin: () => 'code' }));
    expect(settings.options.memoryThreshold).toBe(20);
    const b = simpleMemoryCircuitBreaker({ heap: () => HIGH });
    expect(b.check()).toBeUndefined();
    b.close();
  });
  it('engages at the threshold, with the reason Java gives', () => {
    const b = simpleMemoryCircuitBreaker({ memoryThreshold: 20, heap: () => LOW });
    expect(b.check()).toBe('Circuit breaker tripped at memory 19.99% (freeMemoryThreshold 20%)');
    b.close();
  });
  it('does not engage above the threshold', () => {
    const b = simpleMemoryCircuitBreaker({ memoryThreshold: 20, heap: () => HIGH });
    expect(b.check()).toBeUndefined();
    b.close();
  });
  it('treats 0 as "never" and refuses a threshold above 100 (Java ignores it silently)', () => {
    const b = simpleMemoryCircuitBreaker({ memoryThreshold: 0, heap: () => LOW });
    expect(b.check()).toBeUndefined();
    b.close();
    expect(() =>
      readCircuitBreakerSettings(new OptionReader({ type: 'simpleMemory', memoryThreshold: 101 }, { path: ['circuitBreaker'], origin: () => 'code' })),
    ).toThrow(/circuitBreaker\.memoryThreshold.*a number >= 0 <= 100, got 101/);
  });
  it('checks every circuitCheckIntervalInMillis', () => {
    vi.useFakeTimers();
    let reads = 0;
    const b = simpleMemoryCircuitBreaker({ circuitCheckIntervalInMillis: 200, heap: () => (reads++, HIGH) });
    expect(reads).toBe(1);
    vi.advanceTimersByTime(199);
    expect(reads).toBe(1);
    vi.advanceTimersByTime(1);
    expect(reads).toBe(2);
    b.close();
    vi.advanceTimersByTime(1000);
    expect(reads).toBe(2);
  });
});

describe('nodeRuntime (after JavaRuntimeCircuitBreakerTest)', () => {
  const reading = (free: HeapReading, gcTimeMs: number, nowMs: number, delay = 0): RuntimeReading => ({
    heap: free,
    gcTimeMs,
    nowMs,
    eventLoopDelayP99Ms: delay,
  });

  it('lets the first check through, then engages only when heap is low and GC time share is high', () => {
    const readings = [reading(LOW, 0, 0), reading(LOW, 500, 1000), reading(HIGH, 1000, 2000), reading(LOW, 1010, 3000)];
    const b = nodeRuntimeCircuitBreaker({ memoryThreshold: 20, gcCpuThreshold: 10, measure: () => readings.shift()! });
    expect(b.check()).toBeUndefined();
    expect(b.sampleNow()).toMatch(/^Circuit breaker tripped at memory 19\.99% GC time 50\.00% \(freeMemoryThreshold 20%, gcCpuThreshold 10%\)$/);
    expect(b.sampleNow()).toBeUndefined(); // GC busy but memory fine
    expect(b.sampleNow()).toBeUndefined(); // memory low but GC at 1 %
    b.close();
  });
  it('engages on event-loop delay when a threshold is set', () => {
    const b = nodeRuntimeCircuitBreaker({ eventLoopDelayThresholdInMillis: 100, measure: () => reading(HIGH, 0, 1, 250) });
    expect(b.check()).toMatch(/event-loop delay p99 250\.0 ms/);
    b.close();
  });
  it('measures the real runtime without engaging in a healthy process', () => {
    const b = nodeRuntimeCircuitBreaker({ memoryThreshold: 1, gcCpuThreshold: 90, eventLoopDelayThresholdInMillis: 10_000 });
    expect(b.sampleNow()).toBeUndefined();
    b.close();
  });
});

function readYaml(text: string) {
  const s = scratch();
  s.write('openlineage.yml', text);
  const resolved = resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
  return readCircuitBreakerSettings(new OptionReader(resolved.config, { path: [], origin: resolved.origin }).object('circuitBreaker')!);
}

describe('circuitBreaker config (Java fixtures and docs)', () => {
  it('circuitBreaker1.yaml: javaRuntime means nodeRuntime, defaults filled in', () => {
    expect(readYaml('transport:\n  type: console\ncircuitBreaker:\n  type: javaRuntime\n  memoryThreshold: 13')).toEqual({
      type: 'nodeRuntime',
      options: { memoryThreshold: 13, gcCpuThreshold: 10, circuitCheckIntervalInMillis: 1000 },
    });
  });
  it('circuitBreaker2.yaml and the docs javaRuntime example', () => {
    expect(
      readYaml('circuitBreaker:\n  type: javaRuntime\n  memoryThreshold: 13\n  gcCpuThreshold: 7\n  circuitCheckIntervalInMillis: 200\n  timeoutInSeconds: 90')
        .options,
    ).toEqual({
      memoryThreshold: 13,
      gcCpuThreshold: 7,
      circuitCheckIntervalInMillis: 200,
      timeoutInSeconds: 90,
    });
    expect(
      readYaml(
        'circuitBreaker:\n  type: javaRuntime\n  memoryThreshold: 20\n  gcCpuThreshold: 10\n  circuitCheckIntervalInMillis: 1000\n  timeoutInSeconds: 90',
      ).type,
    ).toBe('nodeRuntime');
  });
  it('circuitBreaker3.yaml, circuitBreaker4.yaml and the docs simpleMemory example', () => {
    expect(readYaml('circuitBreaker:\n  type: simpleMemory\n  memoryThreshold: 13')).toEqual({
      type: 'simpleMemory',
      options: { memoryThreshold: 13, circuitCheckIntervalInMillis: 1000 },
    });
    expect(
      readYaml('circuitBreaker:\n  type: simpleMemory\n  memoryThreshold: 13\n  circuitCheckIntervalInMillis: 200\n  timeoutInSeconds: 90').options,
    ).toEqual({
      memoryThreshold: 13,
      circuitCheckIntervalInMillis: 200,
      timeoutInSeconds: 90,
    });
    const b = createCircuitBreaker(
      readYaml('circuitBreaker:\n  type: simpleMemory\n  memoryThreshold: 20\n  circuitCheckIntervalInMillis: 1000\n  timeoutInSeconds: 90'),
    );
    expect(b.timeoutMs).toBe(90_000);
    b.close();
  });
  it('circuitBreaker5.yaml: asyncTaskQueue is a ConfigError naming file, key and the types this client has', () => {
    let error: unknown;
    try {
      readYaml('transport:\n  type: console\ncircuitBreaker:\n  type: asyncTaskQueue\n  threadCount: 1\n  queueSize: 2\n');
    } catch (e) {
      error = e;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).path).toBe('circuitBreaker.type');
    expect((error as ConfigError).source).toMatch(/openlineage\.yml:4$/);
    expect((error as Error).message).toMatch(/static, timeout, simpleMemory, nodeRuntime/);
  });
  it('the docs timeout example', () => {
    expect(readYaml('circuitBreaker:\n  type: timeout\n  timeoutInSeconds: 90')).toEqual({
      type: 'timeout',
      options: { timeoutInSeconds: 90, circuitCheckIntervalInMillis: 1000 },
    });
  });
  it('an unknown type, a missing timeout and bad values are ConfigErrors (Java ignores an unknown type)', () => {
    const read = (raw: Record<string, unknown>) => readCircuitBreakerSettings(new OptionReader(raw, { path: ['circuitBreaker'], origin: () => 'code' }));
    expect(() => read({ type: 'memory' })).toThrow(/circuitBreaker\.type.*one of static, timeout, simpleMemory, nodeRuntime/);
    expect(() => read({ type: 'timeout' })).toThrow(/circuitBreaker\.timeoutInSeconds/);
    expect(() => read({ type: 'static', valuesReturned: 'yes,no' })).toThrow(/circuitBreaker\.valuesReturned/);
    expect(() => read({ type: 'static', valuesReturned: 'true', gcCpuThreshold: 3 })).toThrow(/circuitBreaker\.gcCpuThreshold/);
  });
  it('reads OPENLINEAGE__CIRCUIT_BREAKER__* variables', async () => {
    const s = scratch();
    const transport = new MemoryTransport();
    const client = await OpenLineageClient.create({
      transport,
      cwd: s.dir,
      homeDir: s.home,
      env: { OPENLINEAGE__CIRCUIT_BREAKER__TYPE: 'static', OPENLINEAGE__CIRCUIT_BREAKER__VALUES_RETURNED: 'false,true' },
      logger: logs().logger,
    });
    await client.emit(runEvent(1));
    await client.emit(runEvent(2));
    expect(transport.events).toHaveLength(1);
    expect(client.stats().dropped).toBe(1);
  });
});
