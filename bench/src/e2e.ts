/**
 * What the end-to-end benchmarks share: events built the way an application builds them (the
 * builders, inside the timed loop), clients made the way the README makes them
 * (`OpenLineageClient.create({ config })`).
 *
 * The raw baselines send the very events the client puts on the wire (enriched the same way,
 * built before their clock starts) and serialize each one as they go, as any hand-written sender
 * must.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { facets, newRunId, OpenLineageClient, type OpenLineageConfig, type OpenLineageEvent, type RunEvent, runEvent, toJSON, type Transport } from '@ol/core';
import type { SinkHandle, SinkStats } from './peers.js';

const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The application's producer URI, on its events and on the facets it builds. */
const PRODUCER = 'https://github.com/acme/nightly-etl';

/**
 * Event `i` of a stream of runs that each START and COMPLETE (`runId` shared by the pair), as a
 * small ETL job reports itself: one input, one output, and on COMPLETE an output-statistics facet.
 * About 650 (START) and 850 (COMPLETE) bytes of JSON once a default client added its run tag.
 */
export function buildEvent(i: number, runId: string): RunEvent {
  const k = (i >> 1) % 10;
  const job = { namespace: 'bench', name: `nightly_orders_${(i >> 1) % 100}` };
  const inputs = [{ namespace: 'postgres://db.internal:5432', name: `shop.public.orders_${k}` }];
  if ((i & 1) === 0)
    return runEvent({ eventType: 'START', producer: PRODUCER, run: { runId }, job, inputs, outputs: [{ namespace: 's3://lake', name: `orders/daily_${k}` }] });
  const outputStatistics = facets.outputStatisticsOutputDataset({ rowCount: 1000 + i, size: 65536 }, { producer: PRODUCER });
  return runEvent({
    eventType: 'COMPLETE',
    producer: PRODUCER,
    run: { runId },
    job,
    inputs,
    outputs: [{ namespace: 's3://lake', name: `orders/daily_${k}`, outputFacets: { outputStatistics } }],
  });
}

/** Builds `n` events as an application does: a fresh run id per START, shared by its COMPLETE. */
export function eventSource(): (i: number) => RunEvent {
  let runId = '';
  return (i) => {
    if ((i & 1) === 0) runId = newRunId();
    return buildEvent(i, runId);
  };
}

/** Client config the benchmarks use besides the transport: none (defaults), as a new user has. */
export async function clientFor(
  transport: Record<string, unknown>,
  extra: Partial<OpenLineageConfig> = {},
  env: Record<string, string> = {},
): Promise<OpenLineageClient> {
  return OpenLineageClient.create({
    config: { ...extra, transport },
    env: { OPENLINEAGE_CLIENT_LOGGING: 'error', ...env },
    cwd: benchDir,
    homeDir: emptyHome(),
  });
}

let home: string | undefined;
/** A home directory without ~/.openlineage, so the machine's own config cannot leak in. */
function emptyHome(): string {
  home ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ol-bench-home-'));
  return home;
}

/**
 * Keeps a parsed copy of each event handed to it: the wire events for the raw baselines. Not the
 * event itself: V8 allocates objects from a literal in old space once most objects from that
 * literal were seen to survive (allocation-site pretenuring), so keeping thousands of events built
 * by the application's builder and enriched by the client would make every later event from the same
 * code old-space garbage, which slowed the client rows by a third (measured with
 * --no-allocation-site-pretenuring). A service that emits and forgets its events never does that.
 */
class Capture implements Transport {
  readonly type = 'capture';
  readonly config = {};
  readonly events: OpenLineageEvent[] = [];
  emit(event: OpenLineageEvent): Promise<void> {
    this.events.push(JSON.parse(toJSON(event)) as OpenLineageEvent);
    return Promise.resolve();
  }
  close(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/** The `n` events a default client would send (built and enriched before any clock starts). */
export async function wireEvents(n: number): Promise<OpenLineageEvent[]> {
  const capture = new Capture();
  const client = await OpenLineageClient.create({ transport: capture, env: { OPENLINEAGE_CLIENT_LOGGING: 'error' }, cwd: benchDir, homeDir: emptyHome() });
  const next = eventSource();
  for (let i = 0; i < n; i++) await client.emit(next(i));
  await client.close();
  return capture.events;
}

/**
 * The run facets a default client adds to every event (its client-version tags facet): raw baselines
 * that build their own events add them too, so both sides put the same bytes on the wire.
 */
export async function clientRunFacets(): Promise<RunFacets> {
  const [sent] = await wireEvents(1);
  const { facets } = (sent as RunEvent).run;
  return { ...facets };
}

/** `event` with the default client's run facets added, as the raw baselines send it. */
export function withClientFacets<E extends RunEvent>(event: E, added: RunFacets): E {
  event.run = { ...event.run, facets: { ...event.run.facets, ...added } };
  return event;
}

/** The run facets of an event. */
export type RunFacets = NonNullable<RunEvent['run']['facets']>;

/** What `deliverBuilt` needs of a client. */
export interface Emitter {
  emit(event: RunEvent): Promise<void>;
  flush(): Promise<unknown>;
  stats(): { success: number; failed: number; dropped: number };
  close(): Promise<unknown>;
}

/**
 * Builds and emits `n` events one after another (each emit awaited), flushes, stops the clock,
 * closes: the rate in events/s, what the client counted, and what the sink saw.
 */
export async function deliverBuilt(
  client: Emitter,
  n: number,
  sink: SinkHandle | undefined,
): Promise<{ rate: number; success: number; seen: SinkStats | undefined }> {
  const next = eventSource();
  const started = performance.now();
  for (let i = 0; i < n; i++) await client.emit(next(i));
  await client.flush();
  const elapsed = performance.now() - started;
  const { success } = client.stats();
  await client.close();
  const seen = sink === undefined ? undefined : await sink.stats();
  return { rate: n / (elapsed / 1000), success, seen };
}

/** Runs each of `runs` `reps` times, rotating the order so drift on a shared machine hits all alike; the samples per run. */
export async function rotated(reps: number, runs: readonly (() => Promise<number>)[]): Promise<number[][]> {
  const out = runs.map((): number[] => []);
  for (let rep = 0; rep < reps; rep++) {
    for (let k = 0; k < runs.length; k++) {
      const j = (rep + k) % runs.length;
      out[j]!.push(await runs[j]!());
    }
  }
  return out;
}
