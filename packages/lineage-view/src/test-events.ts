/** Event sets for the tests: a small known pipeline and a large generated one. */

const PRODUCER = 'https://example.com/lineage-view-test';
const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

type Obj = Record<string, unknown>;

export function ev(
  eventType: string,
  time: string,
  runId: string,
  job: string,
  more: { inputs?: Obj[]; outputs?: Obj[]; runFacets?: Obj; jobFacets?: Obj; namespace?: string } = {},
): Obj {
  return {
    eventType,
    eventTime: time,
    producer: PRODUCER,
    schemaURL: SCHEMA,
    run: { runId, ...(more.runFacets ? { facets: more.runFacets } : {}) },
    job: { namespace: more.namespace ?? 'shop', name: job, ...(more.jobFacets ? { facets: more.jobFacets } : {}) },
    ...(more.inputs ? { inputs: more.inputs } : {}),
    ...(more.outputs ? { outputs: more.outputs } : {}),
  };
}

const facet = (body: Obj): Obj => ({ _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/X.json', ...body });
export const parentFacet = (runId: string, name: string, namespace = 'shop'): Obj => ({ parent: facet({ run: { runId }, job: { namespace, name } }) });

const RUN = (n: number) => `0190f7a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

const orders = { namespace: 'postgres://db:5432', name: 'shop.public.orders' };
const raw = { namespace: 's3://lake', name: 'raw/orders' };
const totals = { namespace: 'snowflake://acme', name: 'ANALYTICS.PUBLIC.ORDER_TOTALS' };
const report = { namespace: 's3://lake', name: 'reports/daily.csv' };

const totalsFacets = {
  schema: facet({
    fields: [
      { name: 'customer_id', type: 'NUMBER' },
      { name: 'total_amount', type: 'NUMBER(14,2)', description: 'sum of amounts' },
      { name: 'address', type: 'STRUCT', fields: [{ name: 'city', type: 'VARCHAR' }] },
    ],
  }),
  columnLineage: facet({
    fields: {
      customer_id: { inputFields: [{ ...raw, field: 'customer_id', transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }] }] },
      total_amount: {
        inputFields: [
          { ...raw, field: 'amount', transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION', description: 'SUM' }] },
          { ...raw, field: 'status', transformations: [{ type: 'INDIRECT', subtype: 'FILTER' }] },
        ],
      },
    },
    dataset: [{ ...raw, field: 'customer_id', transformations: [{ type: 'INDIRECT', subtype: 'GROUP_BY' }] }],
  }),
};

/**
 * A nightly pipeline (parent `nightly` with children extract, aggregate, publish), a job `cleanup`
 * per run state, and a `backfill` whose older run's events come last in the input: its latest run
 * is the one that started latest, whatever the order of lines.
 */
export function knownEvents(): Obj[] {
  const p = parentFacet(RUN(1), 'nightly');
  return [
    ev('START', '2024-06-01T02:00:00Z', RUN(1), 'nightly'),
    ev('START', '2024-06-01T02:00:01Z', RUN(2), 'nightly.extract', { runFacets: p, inputs: [orders], outputs: [raw] }),
    ev('COMPLETE', '2024-06-01T02:00:31Z', RUN(2), 'nightly.extract', { runFacets: p, inputs: [orders], outputs: [raw] }),
    ev('START', '2024-06-01T02:01:00Z', RUN(3), 'nightly.aggregate', { runFacets: p, inputs: [raw] }),
    ev('RUNNING', '2024-06-01T02:01:30Z', RUN(3), 'nightly.aggregate', { runFacets: p }),
    ev('COMPLETE', '2024-06-01T02:02:00Z', RUN(3), 'nightly.aggregate', { runFacets: p, inputs: [raw], outputs: [{ ...totals, facets: totalsFacets }] }),
    ev('START', '2024-06-01T02:03:00Z', RUN(4), 'nightly.publish', { runFacets: p, inputs: [totals], outputs: [report] }),
    ev('FAIL', '2024-06-01T02:03:05Z', RUN(4), 'nightly.publish', {
      runFacets: { ...p, errorMessage: facet({ message: 'dashboard API answered 503', programmingLanguage: 'TypeScript' }) },
      inputs: [totals],
    }),
    ev('FAIL', '2024-06-01T02:03:06Z', RUN(1), 'nightly'),
    ev('START', '2024-06-01T03:00:00Z', RUN(10), 'cleanup.start', { inputs: [report] }),
    ev('START', '2024-06-01T03:00:00Z', RUN(11), 'cleanup.running'),
    ev('RUNNING', '2024-06-01T03:00:10Z', RUN(11), 'cleanup.running'),
    ev('START', '2024-06-01T03:00:00Z', RUN(12), 'cleanup.abort'),
    ev('ABORT', '2024-06-01T03:00:20Z', RUN(12), 'cleanup.abort'),
    ev('OTHER', '2024-06-01T03:00:00Z', RUN(13), 'cleanup.other'),
    // backfill: run 21 started later (05:00) than run 20 (04:00) but its lines come first.
    ev('START', '2024-06-01T05:00:00Z', RUN(21), 'backfill', { outputs: [raw] }),
    ev('COMPLETE', '2024-06-01T05:10:00Z', RUN(21), 'backfill'),
    ev('START', '2024-06-01T04:00:00Z', RUN(20), 'backfill'),
    ev('FAIL', '2024-06-01T06:00:00Z', RUN(20), 'backfill'),
  ];
}

/** What the known events must show: node ids, edges and job states. */
export const KNOWN = {
  jobs: {
    'job:shop/nightly': 'FAIL',
    'job:shop/nightly.extract': 'COMPLETE',
    'job:shop/nightly.aggregate': 'COMPLETE',
    'job:shop/nightly.publish': 'FAIL',
    'job:shop/cleanup.start': 'START',
    'job:shop/cleanup.running': 'RUNNING',
    'job:shop/cleanup.abort': 'ABORT',
    'job:shop/cleanup.other': 'OTHER',
    'job:shop/backfill': 'COMPLETE',
  } as Record<string, string>,
  datasets: [
    'dataset:postgres://db:5432/shop.public.orders',
    'dataset:s3://lake/raw/orders',
    'dataset:snowflake://acme/ANALYTICS.PUBLIC.ORDER_TOTALS',
    'dataset:s3://lake/reports/daily.csv',
  ],
  edges: [
    'dataset:postgres://db:5432/shop.public.orders->job:shop/nightly.extract',
    'job:shop/nightly.extract->dataset:s3://lake/raw/orders',
    'dataset:s3://lake/raw/orders->job:shop/nightly.aggregate',
    'job:shop/nightly.aggregate->dataset:snowflake://acme/ANALYTICS.PUBLIC.ORDER_TOTALS',
    'dataset:snowflake://acme/ANALYTICS.PUBLIC.ORDER_TOTALS->job:shop/nightly.publish',
    'job:shop/nightly.publish->dataset:s3://lake/reports/daily.csv',
    'dataset:s3://lake/reports/daily.csv->job:shop/cleanup.start',
    'job:shop/backfill->dataset:s3://lake/raw/orders',
  ],
};

/**
 * About `count` events from many pipelines: each has a parent job and a chain of children reading
 * and writing tables (some shared between pipelines), runs of 2–3 events each, some failing.
 */
export function manyEvents(count: number): Obj[] {
  const out: Obj[] = [];
  let run = 1000;
  const t0 = Date.parse('2024-06-01T00:00:00Z');
  const table = (p: number, i: number) => ({ namespace: `postgres://warehouse-${p % 7}:5432`, name: `analytics.stage_${p}.table_${i}` });
  for (let round = 0; out.length < count; round++) {
    for (let p = 0; p < 30 && out.length < count; p++) {
      const parentRun = RUN(run++);
      const parent = `pipeline_${p}`;
      const time = (s: number) => new Date(t0 + round * 3_600_000 + p * 60_000 + s * 1000).toISOString();
      out.push(ev('START', time(0), parentRun, parent));
      for (let i = 0; i < 6; i++) {
        const r = RUN(run++);
        // Chains of five pipelines: the first step of each reads the last table of the one before.
        const inputs = [i === 0 && p % 5 !== 0 ? table(p - 1, 6) : table(p, i)];
        const outputs = [table(p, i + 1)];
        const facets = parentFacet(parentRun, parent);
        out.push(ev('START', time(1 + i * 5), r, `${parent}.step_${i}`, { runFacets: facets, inputs, outputs }));
        if ((round + p + i) % 11 === 0) out.push(ev('RUNNING', time(2 + i * 5), r, `${parent}.step_${i}`, { runFacets: facets }));
        const end = (round * 7 + p * 3 + i) % 13 === 0 ? 'FAIL' : 'COMPLETE';
        out.push(ev(end, time(4 + i * 5), r, `${parent}.step_${i}`, { runFacets: facets, inputs, outputs }));
      }
      out.push(ev('COMPLETE', time(40), parentRun, parent));
    }
  }
  return out.slice(0, count);
}
