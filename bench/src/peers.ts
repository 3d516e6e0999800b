/**
 * What the HTTP benchmarks share: the START/COMPLETE pairs they send, the lineage sink in its own
 * process, and the raw undici per-event baseline.
 *
 * The sink runs in a child process (this file forked with OL_BENCH_PEER=sink): on a 2-core machine
 * a sink sharing the client's event loop would halve both sides and hide the client's own cost.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import type { RunEvent } from '@ol/core';
import { startLineageSink } from '@ol/test-kit';
import { benchEvent } from './harness.js';

const here = fileURLToPath(import.meta.url);

/** START, COMPLETE for each of `n` runs, in emission order; `salt` keeps run ids distinct between runs. */
export function pairs(n: number, salt: string): RunEvent[] {
  const out: RunEvent[] = [];
  for (let i = 0; i < n; i++) {
    const runId = `01890000-0000-7000-8000-${salt}${String(i).padStart(12 - salt.length, '0')}`;
    out.push(benchEvent(runId, 'START', i), benchEvent(runId, 'COMPLETE', i));
  }
  return out;
}

export interface SinkStats {
  /** Requests received (single and batch). */
  count: number;
  /** Batch requests received. */
  batches: number;
  /** Events accepted. */
  events: number;
  violations: number;
}

export interface SinkHandle {
  url: string;
  stats(): Promise<SinkStats>;
  reset(): Promise<void>;
  close(): void;
}

async function runSinkChild(): Promise<void> {
  const sink = await startLineageSink({ record: false });
  process.on('message', (msg: string) => {
    if (msg === 'stats')
      process.send?.({ count: sink.count, batches: sink.batchCount, events: sink.accepted, violations: sink.orderViolations() } satisfies SinkStats);
    if (msg === 'reset') {
      sink.reset();
      process.send?.('reset');
    }
  });
  process.send?.({ url: sink.url });
}

/** What `deliver` needs of a transport (the async-http one, batching or not). */
export interface FlushingTransport {
  emit(event: RunEvent): Promise<void>;
  flush(): Promise<unknown>;
  stats(): { success: number };
  close(): Promise<unknown>;
}

/**
 * Times `events` emitted one after another and flushed (the clock stops before close), then closes
 * the transport: the rate in events/s, the events it counted delivered, and what the sink saw.
 */
export async function deliver(
  transport: FlushingTransport,
  events: readonly RunEvent[],
  sink: SinkHandle,
): Promise<{ rate: number; success: number; seen: SinkStats }> {
  const started = performance.now();
  for (const e of events) await transport.emit(e);
  await transport.flush();
  const elapsed = performance.now() - started;
  const { success } = transport.stats();
  await transport.close();
  const seen = await sink.stats();
  return { rate: events.length / (elapsed / 1000), success, seen };
}

export function startSinkChild(): Promise<SinkHandle> {
  const child: ChildProcess = fork(here, [], { env: { ...process.env, OL_BENCH_PEER: 'sink' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const next = <T>(): Promise<T> => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  return next<{ url: string }>().then(({ url }) => ({
    url,
    stats: () => {
      const p = next<SinkStats>();
      child.send('stats');
      return p;
    },
    reset: async () => {
      const p = next<string>();
      child.send('reset');
      await p;
    },
    close: () => child.kill(),
  }));
}

/**
 * Raw undici: `concurrency` workers POSTing the events one per request, one after another. With
 * `serialize` each worker does what any hand-written sender must (JSON.stringify each event as it
 * goes); otherwise the bodies are serialized before the clock starts — a stricter floor. Keeps no
 * order. Returns events per second.
 */
export async function rawPerEvent(
  url: string,
  events: readonly RunEvent[],
  o: { concurrency: number; serialize: boolean; endpoint?: string },
): Promise<number> {
  const endpoint = o.endpoint ?? '/api/v1/lineage';
  const bodies = o.serialize ? [] : events.map((e) => JSON.stringify(e));
  const pool = new Pool(url, { connections: o.concurrency });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < events.length) {
      const i = next++;
      const body = o.serialize ? JSON.stringify(events[i]) : bodies[i]!;
      const res = await pool.request({ method: 'POST', path: endpoint, body, headers: { 'content-type': 'application/json' } });
      await res.body.dump();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const elapsed = performance.now() - started;
  await pool.close();
  return events.length / (elapsed / 1000);
}

if (process.env.OL_BENCH_PEER === 'sink') await runSinkChild();

/**
 * Raw undici batching ceiling: `concurrency` workers POSTing JSON arrays of `batchSize` events to the batch endpoint,
 * each event JSON.stringify'd as its array is built (what any hand-written batching sender must do). Keeps no order.
 * Returns events per second.
 */
export async function rawBatched(url: string, events: readonly RunEvent[], o: { concurrency: number; batchSize: number; endpoint?: string }): Promise<number> {
  const endpoint = o.endpoint ?? '/api/v1/lineage/batch';
  const pool = new Pool(url, { connections: o.concurrency });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < events.length) {
      const start = next;
      next = Math.min(events.length, start + o.batchSize);
      let body = '[';
      for (let i = start; i < next; i++) body += (i === start ? '' : ',') + JSON.stringify(events[i]);
      body += ']';
      const res = await pool.request({ method: 'POST', path: endpoint, body, headers: { 'content-type': 'application/json' } });
      await res.body.dump();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const elapsed = performance.now() - started;
  await pool.close();
  return events.length / (elapsed / 1000);
}
