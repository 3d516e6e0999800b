/**
 * Sequential `await emit` throughput of @ol/transport-http against the lineage sink, next to a raw
 * undici POST loop sending the same bodies to the same sink. The sink runs in its own process so
 * client and server do not share an event loop; candidate and baseline alternate (paired medians).
 */
import type { RunEvent } from '@ol/core';
import { createHttpTransport } from '@ol/transport-http';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { paired, scenario, type Scenario } from './harness.js';

const EVENTS_PER_REP = 250;
const WARMUP = 3000;
const REPETITIONS = 41;

function event(i: number): RunEvent {
  return {
    eventType: i % 2 === 0 ? 'START' : 'COMPLETE',
    eventTime: new Date(1_700_000_000_000 + i).toISOString(),
    producer: 'https://github.com/openlineage-ts/bench',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID(), facets: {} },
    job: { namespace: 'bench', name: `job_${i % 50}`, facets: {} },
    inputs: [
      {
        namespace: 'postgres://db:5432',
        name: 'public.orders',
        facets: {
          schema: {
            _producer: 'bench',
            _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
            fields: Array.from({ length: 12 }, (_, k) => ({ name: `col_${k}`, type: 'varchar' })),
          },
        },
      },
    ],
    outputs: [{ namespace: 's3://lake', name: 'orders_daily', facets: {} }],
  };
}

async function startSinkProcess(): Promise<{ url: string; child: ChildProcess }> {
  const kit = path.dirname(fileURLToPath(import.meta.resolve('@ol/test-kit')));
  const child = spawn(process.execPath, [path.join(kit, 'bin', 'lineage-sink.js'), '--port', '0', '--no-record'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      const m = /listening on (\d+)/.exec(d);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sink exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

export default async function bench(): Promise<Scenario[]> {
  const { url, child } = await startSinkProcess();
  try {
    const events = Array.from({ length: EVENTS_PER_REP }, (_, i) => event(i));
    const bodies = events.map((e) => JSON.stringify(e));
    const target = new URL('/api/v1/lineage', url);

    const transport = createHttpTransport({ url });
    const pool = new Pool(target.origin, { connections: null, headersTimeout: 5000, bodyTimeout: 5000 });
    const rawPost = async (body: string): Promise<void> => {
      const res = await pool.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.body.dump();
      if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`status ${res.statusCode}`);
    };

    for (let i = 0; i < WARMUP; i++) {
      await transport.emit(events[i % EVENTS_PER_REP]!);
      await rawPost(bodies[i % EVENTS_PER_REP]!);
    }

    const candidate = async (): Promise<number> => {
      const started = performance.now();
      for (const e of events) await transport.emit(e);
      return EVENTS_PER_REP / ((performance.now() - started) / 1000);
    };
    const baseline = async (): Promise<number> => {
      const started = performance.now();
      for (const b of bodies) await rawPost(b);
      return EVENTS_PER_REP / ((performance.now() - started) / 1000);
    };
    const main = await paired(REPETITIONS, candidate, baseline);
    // Same raw loop, but serializing each event as it goes (what a hand-written client does): separates the
    // transport's own overhead from the cost of turning events into JSON, which the first baseline never pays.
    const serializing = async (): Promise<number> => {
      const started = performance.now();
      for (const e of events) await rawPost(JSON.stringify(e));
      return EVENTS_PER_REP / ((performance.now() - started) / 1000);
    };
    const vsSerializing = await paired(REPETITIONS, candidate, serializing);

    await transport.close();
    await pool.close();
    return [
      scenario({
        name: 'http: sequential await emit',
        figure: main.figure,
        unit: 'events/s',
        baseline: main.baseline,
        baselineName: 'raw undici POST loop (pre-serialized bodies)',
        minRatio: 0.9,
      }),
      scenario({
        name: 'http: sequential await emit (vs raw loop that serializes)',
        figure: vsSerializing.figure,
        unit: 'events/s',
        baseline: vsSerializing.baseline,
        baselineName: 'raw undici POST loop + JSON.stringify',
        minRatio: 0.9,
      }),
    ];
  } finally {
    child.kill('SIGTERM');
  }
}
