/**
 * Batch delivery (`POST /lineage/batch`) benchmark.
 *
 * 20,000 START/COMPLETE pairs through `async_http` with `batch.enabled` (defaults: 100 events or
 * 1 MiB per request, 20 ms linger; 100 concurrent requests), next to the per-event raw undici
 * baseline of the async-http benchmark (100 workers, JSON.stringify per request) and the raw batching
 * ceiling (10 connections POSTing JSON arrays of 100 events, JSON.stringify per event) against the
 * same sink process, in the same run: order rotated, medians of 5. Goals: 5× the per-event raw
 * throughput, 0.8× the batching ceiling. Batching must keep the START gate: the sink's order check must report 0 violations,
 * and every event must be accepted exactly once. A gzip row shows what compression costs, and a
 * row with `max_queue_size: 1000` what a shorter queue saves: with the default 10,000, up to
 * 20,000 queued and in-flight event strings outlive young-generation GCs and get copied.
 */
import { createAsyncHttpTransport } from '@ol/transport-async-http';
import { median, scenario, type Scenario } from './harness.js';
import { deliver, pairs, rawBatched, rawPerEvent, startSinkChild, type SinkHandle } from './peers.js';

const PAIRS = 20_000;
const CONCURRENCY = 100;
const REPS = 5;

export default async function bench(): Promise<Scenario[]> {
  const sink = await startSinkChild();
  try {
    return await throughput(sink);
  } finally {
    sink.close();
  }
}

async function throughput(sink: SinkHandle): Promise<Scenario[]> {
  let violations = 0;
  let lost = 0;
  let requests = 0;
  let salt = 0;

  const batched = async (compression: 'gzip' | undefined, n = PAIRS, maxQueueSize?: number): Promise<number> => {
    const events = pairs(n, String(salt++));
    await sink.reset();
    const transport = createAsyncHttpTransport({
      url: sink.url,
      maxConcurrentRequests: CONCURRENCY,
      compression,
      ...(maxQueueSize && { maxQueueSize }),
      batch: { enabled: true },
    });
    const { rate, success, seen } = await deliver(transport, events, sink);
    violations += seen.violations;
    // Anything not delivered, or accepted twice, or accepted by anything but a batch request.
    lost += Math.abs(events.length - success) + Math.abs(seen.events - events.length) + (seen.count - seen.batches);
    if (!compression && !maxQueueSize) requests += seen.batches;
    process.stderr.write(
      `  batched run${compression ? ' (gzip)' : ''}${maxQueueSize ? ` (max_queue_size ${maxQueueSize})` : ''}: ${Math.round(rate)} events/s, ${seen.batches} requests, ${seen.violations} order violations\n`,
    );
    return rate;
  };

  /** The batching ceiling: raw undici, JSON arrays of 100 events, JSON.stringify per event, 10 connections. */
  const rawBatch = async (n = PAIRS): Promise<number> => {
    const events = pairs(n, String(salt++));
    await sink.reset();
    const rate = await rawBatched(sink.url, events, { concurrency: 10, batchSize: 100 });
    process.stderr.write(`  raw undici batching run: ${Math.round(rate)} events/s\n`);
    return rate;
  };

  const raw = async (n = PAIRS): Promise<number> => {
    const events = pairs(n, String(salt++));
    await sink.reset();
    const rate = await rawPerEvent(sink.url, events, { concurrency: CONCURRENCY, serialize: true });
    process.stderr.write(`  raw undici per-event run: ${Math.round(rate)} events/s\n`);
    return rate;
  };

  // Untimed warm-up of every path (JIT, connection setup), so the first timed run is not penalized.
  await raw(2_000);
  await rawBatch(2_000);
  await batched(undefined, 2_000);
  await batched('gzip', 2_000);
  violations = 0;
  lost = 0;
  requests = 0;
  const runs: [() => Promise<number>, number[]][] = [
    [() => batched(undefined), []],
    [() => raw(), []],
    [() => batched('gzip'), []],
    [() => batched(undefined, PAIRS, 1_000), []],
    [() => rawBatch(), []],
  ];
  for (let rep = 0; rep < REPS; rep++) {
    for (let k = 0; k < runs.length; k++) {
      const [run, out] = runs[(rep + k) % runs.length]!;
      out.push(await run());
    }
  }
  const [batchRate, rawRate, gzipRate, shortQueueRate, rawBatchRate] = runs.map(([, out]) => median(out)) as [number, number, number, number, number];
  return [
    scenario({
      name: `async-http with batches (transport only) vs the raw batching ceiling, ${PAIRS} START/COMPLETE pairs`,
      figure: batchRate,
      unit: 'events/s',
      baseline: rawBatchRate,
      baselineName: 'raw undici, JSON arrays of 100 events, JSON.stringify per event, 10 connections',
      minRatio: 0.8,
    }),
    scenario({
      name: `async-http with batches (100 events/request) throughput, ${PAIRS} START/COMPLETE pairs, concurrency ${CONCURRENCY}`,
      figure: batchRate,
      unit: 'events/s',
      baseline: rawRate,
      baselineName: 'raw undici Pool, one POST per event, JSON.stringify per request',
      minRatio: 5,
    }),
    scenario({
      name: 'async-http with gzip batches throughput',
      figure: gzipRate,
      unit: 'events/s',
      baseline: rawRate,
      baselineName: 'raw undici Pool, one POST per event, JSON.stringify per request',
    }),
    scenario({
      name: 'async-http with batches and max_queue_size 1000 throughput',
      figure: shortQueueRate,
      unit: 'events/s',
      baseline: rawRate,
      baselineName: 'raw undici Pool, one POST per event, JSON.stringify per request',
    }),
    scenario({ name: 'async-http batches: mean events per request', figure: (REPS * PAIRS * 2) / requests, unit: 'events' }),
    scenario({ name: 'async-http batches: order violations in the throughput runs', figure: violations, unit: 'runs', maxFigure: 0 }),
    scenario({ name: 'async-http batches: events lost, duplicated or sent singly in the throughput runs', figure: lost, unit: 'events', maxFigure: 0 }),
  ];
}
