/**
 * @ol/transport-async-http benchmarks.
 *
 * - Throughput: 20,000 START/COMPLETE pairs through the transport at 100 concurrent requests,
 *   next to raw undici POSTs of the same bodies at the same concurrency, in the same run (order
 *   rotated, medians of 5). The goal's baseline serializes each event as it sends it, as any
 *   sender must; a second row compares with bodies serialized before the clock starts. The raw
 *   loops keep no order; the transport must, and the sink's check must report 0 violations.
 * - Caller-side cost of `emit` (median µs per call), next to `JSON.stringify` of the same event.
 * - Dead backend: 1,000,000 emits without awaiting; peak RSS and drops.
 *
 * The sink runs in its own process (see peers.ts, shared with batch.bench.ts). The dead-backend
 * run also gets its own process (this file forked with OL_ASYNC_BENCH_ROLE=memory), because peak
 * RSS (`maxRSS`) only ever grows and must not include the throughput runs.
 */
import { fork } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { createAsyncHttpTransport } from '@ol/transport-async-http';
import { benchEvent as event, median, scenario, type Scenario } from './harness.js';
import { deliver, pairs, rawPerEvent, startSinkChild, type SinkHandle } from './peers.js';

const PAIRS = 20_000;
const CONCURRENCY = 100;
const MEMORY_EMITS = 1_000_000;
const here = fileURLToPath(import.meta.url);

// ---- scenarios -------------------------------------------------------------------------------

async function throughput(sink: SinkHandle): Promise<Scenario[]> {
  const endpoint = '/api/v1/lineage';
  let violations = 0;
  let lost = 0;
  let salt = 0;

  const candidate = async (n = PAIRS): Promise<number> => {
    const events = pairs(n, String(salt++));
    await sink.reset();
    const transport = createAsyncHttpTransport({ url: sink.url, maxConcurrentRequests: CONCURRENCY });
    const { rate, success, seen } = await deliver(transport, events, sink);
    violations += seen.violations;
    lost += events.length - success + (seen.count - events.length);
    process.stderr.write(`  async-http run: ${Math.round(rate)} events/s, ${seen.violations} order violations\n`);
    return rate;
  };

  /**
   * Raw undici: 100 workers POSTing the events one after another. `serialize` does what any
   * hand-written sender must (JSON.stringify each event as it goes); otherwise the bodies are
   * serialized before the clock starts — a stricter floor, reported too.
   */
  const raw = async (serialize: boolean, n = PAIRS): Promise<number> => {
    const events = pairs(n, String(salt++));
    await sink.reset();
    const rate = await rawPerEvent(sink.url, events, { concurrency: CONCURRENCY, serialize, endpoint });
    process.stderr.write(`  raw undici run (${serialize ? 'serializing' : 'pre-serialized'}): ${Math.round(rate)} events/s\n`);
    return rate;
  };

  // Untimed warm-up of every path (JIT, connection setup code), so the first timed run is not penalized.
  await raw(true, 2_000);
  await raw(false, 2_000);
  await candidate(2_000);
  violations = 0;
  lost = 0;
  // Five runs each, rotating the order so drift on a shared machine hits all three alike; medians.
  const runs: [() => Promise<number>, number[]][] = [
    [() => candidate(), []],
    [() => raw(true), []],
    [() => raw(false), []],
  ];
  for (let rep = 0; rep < 5; rep++) {
    for (let k = 0; k < runs.length; k++) {
      const [run, out] = runs[(rep + k) % runs.length]!;
      out.push(await run());
    }
  }
  const [transportRate, rawRate, preRate] = runs.map(([, out]) => median(out)) as [number, number, number];
  return [
    scenario({
      name: `async-http throughput, ${PAIRS} START/COMPLETE pairs, concurrency ${CONCURRENCY}`,
      figure: transportRate,
      unit: 'events/s',
      baseline: rawRate,
      baselineName: 'raw undici Pool, JSON.stringify per request',
      minRatio: 0.85,
    }),
    scenario({
      name: 'async-http throughput vs bodies serialized before the clock starts',
      figure: transportRate,
      unit: 'events/s',
      baseline: preRate,
      baselineName: 'raw undici Pool, pre-serialized bodies',
    }),
    scenario({ name: 'async-http order violations in the throughput runs', figure: violations, unit: 'runs', maxFigure: 0 }),
    scenario({ name: 'async-http events lost or duplicated in the throughput runs', figure: lost, unit: 'events', maxFigure: 0 }),
  ];
}

async function emitCost(sink: SinkHandle): Promise<Scenario[]> {
  await sink.reset();
  const events = pairs(10_000, 'e');
  const transport = createAsyncHttpTransport({ url: sink.url, maxConcurrentRequests: CONCURRENCY, maxQueueSize: 100_000 });
  const emitTimes: number[] = [];
  const stringifyTimes: number[] = [];
  for (const e of events) {
    let t = process.hrtime.bigint();
    void transport.emit(e);
    emitTimes.push(Number(process.hrtime.bigint() - t) / 1000);
    t = process.hrtime.bigint();
    JSON.stringify(e);
    stringifyTimes.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  await transport.close();
  return [
    scenario({
      name: 'async-http caller-side emit cost (median per call)',
      figure: median(emitTimes),
      unit: 'µs',
      baseline: median(stringifyTimes),
      baselineName: 'JSON.stringify of the same event',
      higherIsBetter: false,
      maxFigure: 20,
    }),
  ];
}

async function freePortThatRefuses(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs in its own process: 1,000,000 emits to a port nobody listens on, without awaiting. */
async function runMemoryChild(): Promise<void> {
  const port = await freePortThatRefuses();
  const transport = createAsyncHttpTransport({ url: `http://127.0.0.1:${port}`, maxConcurrentRequests: CONCURRENCY });
  const before = process.memoryUsage().rss;
  const template = event('01890000-0000-7000-8000-000000000000', 'START', 0);
  const started = performance.now();
  for (let i = 0; i < MEMORY_EMITS; i++) {
    const runId = `01890000-0000-7000-8000-${String(i).padStart(12, '0')}`;
    void transport.emit({ ...template, eventType: i % 2 ? 'COMPLETE' : 'START', run: { runId } });
  }
  const emitMs = performance.now() - started;
  const afterEmits = transport.stats();
  const closeStarted = performance.now();
  const closedInTime = await transport.close(1_000);
  const closeMs = performance.now() - closeStarted;
  const final = transport.stats();
  process.send?.({
    before,
    peak: process.resourceUsage().maxRSS * 1024,
    emitMs,
    droppedWhileEmitting: afterEmits.dropped,
    final,
    closedInTime,
    closeMs,
  });
  process.stderr.write(`  dead backend: ${JSON.stringify({ afterEmits, final, closedInTime, closeMs: Math.round(closeMs) })}\n`);
}

interface MemoryResult {
  before: number;
  peak: number;
  emitMs: number;
  droppedWhileEmitting: number;
  final: { pending: number; success: number; failed: number; dropped: number };
}

function memory(): Promise<Scenario[]> {
  const child = fork(here, [], { env: { ...process.env, OL_ASYNC_BENCH_ROLE: 'memory' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise<Scenario[]>((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m) => {
      const r = m as MemoryResult;
      const mb = (b: number) => b / 1024 / 1024;
      resolve([
        scenario({
          name: `async-http dead backend: peak RSS over ${MEMORY_EMITS} emits (default max_queue_size 10000)`,
          figure: mb(r.peak),
          unit: 'MB',
          baseline: mb(r.before),
          baselineName: 'RSS before emitting',
          higherIsBetter: false,
          maxFigure: 400,
        }),
        scenario({
          name: 'async-http dead backend: events dropped while emitting (beyond 2 x max_queue_size)',
          figure: r.droppedWhileEmitting,
          unit: 'events',
        }),
        scenario({ name: 'async-http dead backend: time for 1,000,000 emit calls', figure: r.emitMs, unit: 'ms' }),
        scenario({
          name: 'async-http dead backend: events not accounted for in stats after close(1 s)',
          figure: MEMORY_EMITS - (r.final.success + r.final.failed + r.final.dropped + r.final.pending),
          unit: 'events',
          maxFigure: 0,
        }),
      ]);
    });
  });
}

export default async function bench(): Promise<Scenario[]> {
  const mem = await memory();
  const sink = await startSinkChild();
  try {
    return [...(await throughput(sink)), ...(await emitCost(sink)), ...mem];
  } finally {
    sink.close();
  }
}

if (process.env.OL_ASYNC_BENCH_ROLE === 'memory') {
  await runMemoryChild();
  process.exit(0);
}
