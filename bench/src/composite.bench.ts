/**
 * @ol/transport-composite overhead: events through a composite of two in-memory children
 * against calling the same two children directly, in the same run (alternated, medians).
 * Figures are ns per event (lower is better). With children this cheap the ratio mostly shows
 * one extra async hop, so it is reported only; the goal is on the absolute overhead, which must
 * stay negligible next to any real transport (a file append or an HTTP POST costs tens of µs).
 */
import type { OpenLineageEvent, RunEvent, Transport } from '@ol/core';
import { createCompositeTransport } from '@ol/transport-composite';
import { paired, scenario, type Scenario } from './harness.js';

const EVENTS = 200_000;
const REPETITIONS = 7;

/** The cheapest possible real child: keeps a count and the last event. */
class MemoryChild implements Transport {
  readonly type = 'memory';
  readonly config = {};
  count = 0;
  last: OpenLineageEvent | undefined;
  emit(event: OpenLineageEvent): Promise<void> {
    this.count++;
    this.last = event;
    return Promise.resolve();
  }
  close(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

const event: RunEvent = {
  eventType: 'START',
  eventTime: '2024-01-01T00:00:00.000Z',
  producer: 'https://github.com/openlineage-ts/bench',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId: '01890000-0000-7000-8000-000000000000' },
  job: { namespace: 'bench', name: 'job' },
};

async function direct(): Promise<number> {
  const a = new MemoryChild();
  const b = new MemoryChild();
  const started = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) {
    await a.emit(event);
    await b.emit(event);
  }
  return Number(process.hrtime.bigint() - started) / EVENTS;
}

async function composite(): Promise<number> {
  const a = new MemoryChild();
  const b = new MemoryChild();
  const t = createCompositeTransport({
    transports: [
      { name: 'a', transport: a },
      { name: 'b', transport: b },
    ],
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) await t.emit(event);
  const ns = Number(process.hrtime.bigint() - started) / EVENTS;
  if (a.count !== EVENTS || b.count !== EVENTS) throw new Error('a child missed events');
  return ns;
}

export default async function bench(): Promise<Scenario[]> {
  await composite();
  await direct();
  const r = await paired(REPETITIONS, composite, direct);
  return [
    scenario({
      name: 'composite of two in-memory children (ns/event)',
      figure: r.figure,
      unit: 'ns/event',
      baseline: r.baseline,
      baselineName: 'both children called directly',
      higherIsBetter: false,
    }),
    scenario({ name: 'composite overhead per event (ns)', figure: r.figure - r.baseline, unit: 'ns', maxFigure: 1000, goal: '<= 1000 ns' }),
  ];
}
