/**
 * @ol/core's own costs: import time next to a bare `node`, and per-event serialization and
 * validation for a minimal event and a large one (a 200-column schema plus column lineage).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { facets, newRunId, type RunEvent, runEvent, toJSON, validateEvent } from '@ol/core';
import { median, scenario, type Scenario } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function minimalEvent(): RunEvent {
  return runEvent({ eventType: 'START', run: { runId: newRunId() }, job: { namespace: 'bench', name: 'minimal' } });
}

function largeEvent(): RunEvent {
  const fields = Array.from({ length: 200 }, (_, i) => ({ name: `column_${i}`, type: i % 3 === 0 ? 'bigint' : 'varchar', description: `column number ${i}` }));
  const lineage = Object.fromEntries(
    fields.map((f, i) => [
      f.name,
      {
        inputFields: [
          { namespace: 'postgres://db:5432', name: 'shop.public.orders', field: `src_${i}`, transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }] },
        ],
      },
    ]),
  );
  return runEvent({
    eventType: 'COMPLETE',
    run: { runId: newRunId() },
    job: { namespace: 'bench', name: 'large', facets: { sql: facets.sqlJob({ query: 'insert into wide select * from orders' }) } },
    inputs: [{ namespace: 'postgres://db:5432', name: 'shop.public.orders', facets: { schema: facets.schemaDataset({ fields }) } }],
    outputs: [
      {
        namespace: 's3://lake',
        name: 'wide',
        facets: { schema: facets.schemaDataset({ fields }), columnLineage: facets.columnLineageDataset({ fields: lineage }) },
      },
    ],
  });
}

/** Median nanoseconds per call over `rounds` timed loops of `n` calls. */
function nsPerCall(fn: () => unknown, n: number, rounds = 9): number {
  for (let i = 0; i < n; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    samples.push(Number(process.hrtime.bigint() - t) / n);
  }
  return median(samples);
}

function startupMs(args: string[]): number {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, args, { cwd: here, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export default function bench(): Promise<Scenario[]> {
  const bare: number[] = [];
  const withCore: number[] = [];
  for (let i = 0; i < 15; i++) {
    bare.push(startupMs(['-e', '0']));
    withCore.push(startupMs(['--input-type=module', '-e', "await import('@ol/core')"]));
  }
  const out: Scenario[] = [
    scenario({
      name: '@ol/core import (process start)',
      figure: median(withCore),
      unit: 'ms',
      baseline: median(bare),
      baselineName: 'node -e 0',
      higherIsBetter: false,
      goal: 'report (lower is better)',
    }),
  ];
  for (const [label, event, n] of [
    ['minimal', minimalEvent(), 20_000],
    ['large (200 cols + column lineage)', largeEvent(), 200],
  ] as const) {
    const stringify = nsPerCall(() => JSON.stringify(event), n);
    const serialize = nsPerCall(() => toJSON(event), n);
    const validate = nsPerCall(() => validateEvent(event), n);
    if (validateEvent(event).length > 0) throw new Error(`bench event ${label} is invalid: ${JSON.stringify(validateEvent(event))}`);
    out.push(
      scenario({
        name: `toJSON, ${label} event`,
        figure: serialize / 1000,
        unit: 'µs/event',
        baseline: stringify / 1000,
        baselineName: 'JSON.stringify',
        higherIsBetter: false,
        goal: 'report (lower is better)',
      }),
      scenario({
        name: `validateEvent, ${label} event`,
        figure: validate / 1000,
        unit: 'µs/event',
        baseline: stringify / 1000,
        baselineName: 'JSON.stringify',
        higherIsBetter: false,
        goal: 'report (lower is better)',
      }),
    );
  }
  return Promise.resolve(out);
}
