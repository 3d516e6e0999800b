import { testDatasetEvent, testJobEvent, testRunEvent } from '@ol/test-kit';
import { describe, expect, it } from 'vitest';
import { partitionKeyOf } from './partition-key.js';

const parent = (root?: { namespace: string; name: string }) => ({
  _producer: 'https://example.com/p',
  _schemaURL: 'https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet',
  run: { runId: '0190c8e4-0000-7000-8000-000000000009' },
  job: { namespace: 'airflow', name: 'dag.task_group' },
  ...(root && { root: { run: { runId: '0190c8e4-0000-7000-8000-000000000001' }, job: root } }),
});

describe('partition key as Java KinesisTransport chooses it', () => {
  it('run events: run:<namespace>/<name> of the job', () => {
    expect(partitionKeyOf(testRunEvent('daily'))).toBe('run:ns/daily');
  });

  it('child runs: the parent job, and the root job when the parent facet has one', () => {
    const child = testRunEvent('child');
    expect(partitionKeyOf({ ...child, run: { ...child.run, facets: { parent: parent() } } })).toBe('run:airflow/dag.task_group');
    expect(partitionKeyOf({ ...child, run: { ...child.run, facets: { parent: parent({ namespace: 'airflow', name: 'dag' }) } } })).toBe('run:airflow/dag');
  });

  it('job and dataset events', () => {
    expect(partitionKeyOf(testJobEvent('j'))).toBe('job:ns/j');
    expect(partitionKeyOf(testDatasetEvent('orders'))).toBe('dataset:ns/orders');
  });

  it('keys over Kinesis 256 characters are shortened, stable and distinct', () => {
    const a = partitionKeyOf(testRunEvent('x'.repeat(300)));
    const b = partitionKeyOf(testRunEvent(`${'x'.repeat(299)}y`));
    expect(a).toHaveLength(256);
    expect(a).toBe(partitionKeyOf(testRunEvent('x'.repeat(300))));
    expect(a).not.toBe(b);
    expect(a.startsWith('run:ns/xxx')).toBe(true);
  });
});
