import { describe, expect, it, vi } from 'vitest';
import { facets } from '../facets/standard.js';
import { isUuid } from '../ids/uuid7.js';
import { naming } from '../naming/dataset-naming.js';
import { validateEvent } from '../validation/validate.js';
import { DEFAULT_PRODUCER } from '../version.js';
import { createDataset, createInputDataset, createJob, createOutputDataset, createRun, datasetEvent, formatEventTime, jobEvent, runEvent } from './builders.js';
import { toJSON } from './serialize.js';

describe('event builders', () => {
  it('runEvent fills eventTime, producer, schemaURL and a run id', () => {
    const before = Date.now();
    const e = runEvent({ eventType: 'START', job: createJob('ns', 'job') });
    expect(e.schemaURL).toBe('https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent');
    expect(e.producer).toBe(DEFAULT_PRODUCER);
    expect(e.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(e.eventTime)).toBeGreaterThanOrEqual(before - 1);
    expect(isUuid(e.run.runId)).toBe(true);
    expect(e.inputs).toEqual([]);
    expect(validateEvent(e)).toEqual([]);
  });

  it('takes eventTime as Date, epoch ms or an RFC 3339 string and the producer per event', () => {
    const t = new Date('2025-05-20T12:52:33.881+02:00');
    expect(runEvent({ eventType: 'COMPLETE', job: createJob('n', 'j'), eventTime: t }).eventTime).toBe('2025-05-20T10:52:33.881Z');
    expect(runEvent({ eventType: 'COMPLETE', job: createJob('n', 'j'), eventTime: 0 }).eventTime).toBe('1970-01-01T00:00:00.000Z');
    expect(runEvent({ eventType: 'COMPLETE', job: createJob('n', 'j'), eventTime: '2025-05-20T10:52:33+02:00' }).eventTime).toBe('2025-05-20T10:52:33+02:00');
    expect(runEvent({ eventType: 'OTHER', job: createJob('n', 'j'), producer: 'https://example.com/p' }).producer).toBe('https://example.com/p');
  });

  it('stamps "now" to the millisecond, each event with the clock at its own building', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.UTC(2025, 4, 20, 10, 52, 33, 881));
      const a = runEvent({ eventType: 'START', job: createJob('n', 'j') });
      const b = runEvent({ eventType: 'COMPLETE', job: createJob('n', 'j') });
      vi.setSystemTime(Date.UTC(2025, 4, 20, 10, 52, 33, 882));
      const c = runEvent({ eventType: 'COMPLETE', job: createJob('n', 'j') });
      vi.setSystemTime(Date.UTC(2024, 0, 1));
      const d = jobEvent({ job: createJob('n', 'j') });
      expect([a.eventTime, b.eventTime, c.eventTime, d.eventTime]).toEqual([
        '2025-05-20T10:52:33.881Z',
        '2025-05-20T10:52:33.881Z',
        '2025-05-20T10:52:33.882Z',
        '2024-01-01T00:00:00.000Z',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects what would make an invalid event', () => {
    expect(() => runEvent({ eventType: 'DONE' as never, job: createJob('n', 'j') })).toThrow(/eventType/);
    expect(() => runEvent({ eventType: 'START', job: { namespace: '', name: 'j' } })).toThrow(/job.namespace/);
    expect(() => formatEventTime('2025-05-20')).toThrow(/RFC 3339/);
    expect(() => formatEventTime(new Date('x'))).toThrow(TypeError);
    expect(() => createJob('n', ' ')).toThrow(/job name/);
    expect(() => datasetEvent({ dataset: { namespace: 'n', name: '' } })).toThrow(/dataset.name/);
  });

  it('jobEvent and datasetEvent carry their schemaURL and validate', () => {
    const j = jobEvent({ job: createJob('n', 'j', { sql: facets.sqlJob({ query: 'select 1' }) }) });
    expect(j.schemaURL).toBe('https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent');
    expect(validateEvent(j)).toEqual([]);
    const d = datasetEvent({ dataset: createDataset(naming.s3({ bucket: 'b', key: 'k' }), { schema: facets.schemaDataset({ fields: [{ name: 'a' }] }) }) });
    expect(d.schemaURL).toBe('https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent');
    expect(d.dataset.namespace).toBe('s3://b');
    expect(validateEvent(d)).toEqual([]);
  });

  it('builds a full event from the object builders', () => {
    const run = createRun(undefined, { nominalTime: facets.nominalTimeRun({ nominalStartTime: '2025-01-01T00:00:00Z' }) });
    const e = runEvent({
      eventType: 'COMPLETE',
      run,
      job: createJob('n', 'j'),
      inputs: [createInputDataset({ namespace: 'pg', name: 'db.s.t' }, undefined, { inputStatistics: facets.inputStatisticsInputDataset({ rowCount: 3 }) })],
      outputs: [
        createOutputDataset(
          { namespace: 'pg', name: 'db.s.u' },
          { schema: facets.schemaDataset({ fields: [] }) },
          { outputStatistics: facets.outputStatisticsOutputDataset({ rowCount: 3 }) },
        ),
      ],
    });
    expect(validateEvent(e)).toEqual([]);
    expect(e.run).toBe(run);
    expect(createRun('x').runId).toBe('x');
    expect('facets' in createRun()).toBe(false);
    expect(JSON.parse(toJSON(e)).outputs[0].outputFacets.outputStatistics.rowCount).toBe(3);
  });
});
