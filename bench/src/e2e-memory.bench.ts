/**
 * Dead backend through the client: 1,000,000 events built with the builders and emitted through
 * `OpenLineageClient.create({ config })` (async_http, defaults, nobody listening) without
 * awaiting, as a job that ignores the promises would. Peak RSS must stay under 400 MB and every
 * event must be accounted for in `client.stats()` after `close(1 s)`. Runs in a process of its
 * own (peak RSS only ever grows).
 */
import { fork } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { scenario, type Scenario } from './harness.js';
import { clientFor, eventSource } from './e2e.js';

const here = fileURLToPath(import.meta.url);
const MEMORY_EMITS = 1_000_000;

async function freePortThatRefuses(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface MemoryResult {
  before: number;
  peak: number;
  emitMs: number;
  unaccounted: number;
  stats: Record<string, number>;
}

/** Runs in its own process: 1,000,000 events built and emitted without awaiting to a port nobody listens on. */
async function runMemoryChild(): Promise<void> {
  const port = await freePortThatRefuses();
  const client = await clientFor({ type: 'async_http', url: `http://127.0.0.1:${port}` });
  const before = process.memoryUsage().rss;
  const next = eventSource();
  const started = performance.now();
  for (let i = 0; i < MEMORY_EMITS; i++) void client.emit(next(i));
  const emitMs = performance.now() - started;
  await client.close(1_000);
  // droppedBy appears only with a circuit breaker; the counters are what the row reports.
  const s: Record<string, number> = {};
  for (const [key, value] of Object.entries(client.stats())) if (typeof value === 'number') s[key] = value;
  const result: MemoryResult = {
    before,
    peak: process.resourceUsage().maxRSS * 1024,
    emitMs,
    unaccounted: MEMORY_EMITS - (s.success! + s.failed! + s.dropped! + s.pending! + s.filtered!),
    stats: { ...s },
  };
  process.stderr.write(`  dead backend through the client: ${JSON.stringify(result)}\n`);
  process.send?.(result);
}

function memory(): Promise<Scenario[]> {
  const child = fork(here, [], { env: { ...process.env, OL_E2E_BENCH_ROLE: 'memory' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise<Scenario[]>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`memory child exited with ${code}`)));
    child.once('message', (m) => {
      const r = m as MemoryResult;
      const mb = (b: number) => b / 1024 / 1024;
      resolve([
        scenario({
          name: `e2e dead backend: peak RSS over ${MEMORY_EMITS} events built and emitted through the client (async_http defaults)`,
          figure: mb(r.peak),
          unit: 'MB',
          baseline: mb(r.before),
          baselineName: 'RSS before emitting',
          higherIsBetter: false,
          maxFigure: 400,
        }),
        scenario({ name: 'e2e dead backend: time to build and emit 1,000,000 events through the client', figure: r.emitMs, unit: 'ms' }),
        scenario({ name: 'e2e dead backend: events not accounted for in client stats after close(1 s)', figure: r.unaccounted, unit: 'events', maxFigure: 0 }),
      ]);
    });
  });
}

export default function bench(): Promise<Scenario[]> {
  return memory();
}

if (process.env.OL_E2E_BENCH_ROLE === 'memory') {
  await runMemoryChild();
  process.exit(0);
}
