import type { DatasetEvent, JobEvent, RunEvent } from '@ol/core';
import { describe, expect, it } from 'vitest';
import { defaultMessageKey } from './keys.js';

const base = {
  eventTime: '2026-01-01T00:00:00Z',
  producer: 'https://example.com/p',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
};
const run = (facets?: Record<string, unknown>): RunEvent => ({
  ...base,
  eventType: 'START',
  run: { runId: '0191e7a4-0000-7000-8000-000000000001', ...(facets ? { facets: facets as never } : {}) },
  job: { namespace: 'ns', name: 'job' },
});
const parent = { _producer: 'p', _schemaURL: 's', run: { runId: '0191e7a4-0000-7000-8000-000000000002' }, job: { namespace: 'pns', name: 'parent' } };
const root = { run: { runId: '0191e7a4-0000-7000-8000-000000000003' }, job: { namespace: 'rns', name: 'root' } };

describe('defaultMessageKey (the Python client rules)', () => {
  it('run: the job itself when there is no parent', () => {
    expect(defaultMessageKey(run())).toBe('run:ns/job');
  });
  it('run: the parent job when there is a parent facet', () => {
    expect(defaultMessageKey(run({ parent }))).toBe('run:pns/parent');
  });
  it('run: the root job when the parent facet has a root', () => {
    expect(defaultMessageKey(run({ parent: { ...parent, root } }))).toBe('run:rns/root');
  });
  it('run: falls back when parent or root lack a namespace or name', () => {
    expect(defaultMessageKey(run({ parent: { ...parent, root: { run: root.run, job: { name: 'x' } } } }))).toBe('run:pns/parent');
    expect(defaultMessageKey(run({ parent: { _producer: 'p', _schemaURL: 's', run: parent.run, job: { namespace: 'only-ns' } } }))).toBe('run:ns/job');
  });
  it('job: job:{namespace}/{name}', () => {
    const e: JobEvent = { ...base, job: { namespace: 'jns', name: 'jname' } };
    expect(defaultMessageKey(e)).toBe('job:jns/jname');
  });
  it('dataset: dataset:{namespace}/{name}', () => {
    const e: DatasetEvent = { ...base, dataset: { namespace: 's3://bucket', name: 'path/to/data' } };
    expect(defaultMessageKey(e)).toBe('dataset:s3://bucket/path/to/data');
  });
});
