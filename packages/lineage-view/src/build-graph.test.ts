import { describe, expect, it } from 'vitest';
import { buildLineageGraph } from './build-graph.js';
import { ev, KNOWN, knownEvents, parentFacet } from './test-events.js';

describe('buildLineageGraph', () => {
  it('has a node per job and dataset, an edge per input and output, and each job in the state of its latest run', () => {
    const g = buildLineageGraph(knownEvents());
    expect(Object.fromEntries(g.jobs.map((j) => [j.id, j.state]))).toEqual(KNOWN.jobs);
    expect(g.datasets.map((d) => d.id).sort()).toEqual([...KNOWN.datasets].sort());
    expect(g.edges.map((e) => e.id).sort()).toEqual([...KNOWN.edges].sort());
    expect(g.events).toBe(knownEvents().length);
    expect(g.ignored).toBe(0);
  });

  it('takes the run whose first event is latest, whatever the order of the lines', () => {
    const backfill = buildLineageGraph(knownEvents()).jobs.find((j) => j.name === 'backfill')!;
    expect(backfill.runs.map((r) => [r.runId.slice(-2), r.state])).toEqual([
      ['21', 'COMPLETE'],
      ['20', 'FAIL'],
    ]);
    // Reversed input, same answer.
    expect(buildLineageGraph(knownEvents().reverse()).jobs.find((j) => j.name === 'backfill')!.state).toBe('COMPLETE');
  });

  it('groups children under the job named by their parent run facet', () => {
    const g = buildLineageGraph(knownEvents());
    const nightly = g.jobs.find((j) => j.id === 'job:shop/nightly')!;
    expect(nightly.children).toEqual(['job:shop/nightly.extract', 'job:shop/nightly.aggregate', 'job:shop/nightly.publish']);
    expect(g.jobs.find((j) => j.id === 'job:shop/nightly.publish')!.parent).toBe('job:shop/nightly');
    expect(nightly.referencedOnly).toBe(false);
  });

  it('keeps a parent known only from facets as a job without runs, and breaks parent cycles', () => {
    const g = buildLineageGraph([
      ev('START', '2024-01-01T00:00:00Z', '0190f7a0-0000-7000-8000-000000000001', 'a', { runFacets: parentFacet('0190f7a0-0000-7000-8000-000000000002', 'b') }),
      ev('START', '2024-01-01T00:00:01Z', '0190f7a0-0000-7000-8000-000000000002', 'b', { runFacets: parentFacet('0190f7a0-0000-7000-8000-000000000001', 'a') }),
      ev('START', '2024-01-01T00:00:02Z', '0190f7a0-0000-7000-8000-000000000003', 'c', {
        runFacets: parentFacet('0190f7a0-0000-7000-8000-000000000009', 'dag'),
      }),
      ev('START', '2024-01-01T00:00:03Z', '0190f7a0-0000-7000-8000-000000000004', 'self', {
        runFacets: parentFacet('0190f7a0-0000-7000-8000-000000000004', 'self'),
      }),
    ]);
    const byName = new Map(g.jobs.map((j) => [j.name, j]));
    expect(byName.get('dag')).toMatchObject({ state: 'OTHER', runs: [], referencedOnly: true, children: ['job:shop/c'] });
    // a → b → a: one of the two links is dropped, never both kept.
    expect([byName.get('a')!.parent, byName.get('b')!.parent].filter(Boolean)).toHaveLength(1);
    expect(byName.get('self')!.parent).toBeUndefined();
  });

  it('reads runs: times, duration, error message, merged facets', () => {
    const g = buildLineageGraph(knownEvents());
    const publish = g.jobs.find((j) => j.name === 'nightly.publish')!;
    expect(publish.runs[0]).toMatchObject({
      state: 'FAIL',
      startTime: '2024-06-01T02:03:00Z',
      endTime: '2024-06-01T02:03:05Z',
      durationMs: 5000,
      errorMessage: 'dashboard API answered 503',
      parentRunId: '0190f7a0-0000-7000-8000-000000000001',
      events: [
        { eventType: 'START', eventTime: '2024-06-01T02:03:00Z' },
        { eventType: 'FAIL', eventTime: '2024-06-01T02:03:05Z' },
      ],
    });
    expect(Object.keys(publish.runs[0]!.facets).sort()).toEqual(['errorMessage', 'parent']);
    const running = g.jobs.find((j) => j.name === 'cleanup.running')!.runs[0]!;
    expect(running.endTime).toBeUndefined();
    expect(running.durationMs).toBeUndefined();
  });

  it('reads the schema and the column lineage into a dataset, with transformation types', () => {
    const totals = buildLineageGraph(knownEvents()).datasets.find((d) => d.name === 'ANALYTICS.PUBLIC.ORDER_TOTALS')!;
    expect(totals.schema).toEqual([
      { name: 'customer_id', type: 'NUMBER' },
      { name: 'total_amount', type: 'NUMBER(14,2)', description: 'sum of amounts' },
      { name: 'address', type: 'STRUCT', fields: [{ name: 'city', type: 'VARCHAR' }] },
    ]);
    expect(totals.columnLineage).toEqual([
      {
        field: 'customer_id',
        inputs: [
          {
            dataset: 'dataset:s3://lake/raw/orders',
            namespace: 's3://lake',
            name: 'raw/orders',
            field: 'customer_id',
            transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
          },
        ],
      },
      {
        field: 'total_amount',
        inputs: [
          {
            dataset: 'dataset:s3://lake/raw/orders',
            namespace: 's3://lake',
            name: 'raw/orders',
            field: 'amount',
            transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION', description: 'SUM' }],
          },
          {
            dataset: 'dataset:s3://lake/raw/orders',
            namespace: 's3://lake',
            name: 'raw/orders',
            field: 'status',
            transformations: [{ type: 'INDIRECT', subtype: 'FILTER' }],
          },
        ],
      },
    ]);
    expect(totals.datasetLineage).toEqual([
      {
        dataset: 'dataset:s3://lake/raw/orders',
        namespace: 's3://lake',
        name: 'raw/orders',
        field: 'customer_id',
        transformations: [{ type: 'INDIRECT', subtype: 'GROUP_BY' }],
      },
    ]);
  });

  it('takes dataset events and job events, counts what is not an event, and survives odd values', () => {
    const g = buildLineageGraph([
      { eventTime: '2024-01-01T00:00:00Z', dataset: { namespace: 'n', name: 'd', facets: { documentation: { description: 'x' } } } },
      { eventTime: '2024-01-01T00:00:00Z', job: { namespace: 'n', name: 'j' }, inputs: [{ namespace: 'n', name: 'd' }, { name: 'no namespace' }, 'x'] },
      { eventType: 'COMPLETE', job: { namespace: 'n', name: 'k' }, run: { runId: 'r' }, eventTime: 'not a time', outputs: 'nope' },
      null,
      42,
      [],
      { job: { name: 'no namespace' } },
    ]);
    expect(g.ignored).toBe(4);
    expect(g.events).toBe(3);
    expect(g.datasets.map((d) => [d.id, Object.keys(d.facets)])).toEqual([['dataset:n/d', ['documentation']]]);
    expect(g.edges.map((e) => e.id)).toEqual(['dataset:n/d->job:n/j']);
    expect(g.jobs.map((j) => [j.id, j.state, j.runs.length])).toEqual([
      ['job:n/k', 'COMPLETE', 1],
      ['job:n/j', 'OTHER', 0],
    ]);
  });

  it('merges facets in event-time order: a later event replaces an earlier facet of the same key', () => {
    const d = { namespace: 'n', name: 'd' };
    const g = buildLineageGraph([
      ev('COMPLETE', '2024-01-01T00:00:02Z', 'r2', 'j', {
        outputs: [{ ...d, facets: { version: { datasetVersion: '2' } }, outputFacets: { outputStatistics: { rowCount: 2 } } }],
      }),
      ev('COMPLETE', '2024-01-01T00:00:01Z', 'r1', 'j', { outputs: [{ ...d, facets: { version: { datasetVersion: '1' }, schema: { fields: [] } } }] }),
    ]);
    expect(g.datasets[0]!.facets).toEqual({ version: { datasetVersion: '2' }, schema: { fields: [] } });
    expect(g.edges[0]!.facets).toEqual({ outputStatistics: { rowCount: 2 } });
  });
});
