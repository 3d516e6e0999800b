import type { DatasetEvent, JobEvent, RunEvent } from '@ol/core';

// Fixed, valid sample events for transport tests: deterministic ids and times, so tests can compare bytes.
const producer = 'https://example.com/test';
const time = '2024-01-01T00:00:00.000Z';

export function testRunEvent(name = 'job', eventType: RunEvent['eventType'] = 'START', n = 0): RunEvent {
  return {
    eventTime: time,
    producer,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    eventType,
    run: { runId: `0190c8e4-0000-7000-8000-${String(n).padStart(12, '0')}` },
    job: { namespace: 'ns', name },
  };
}

export function testJobEvent(name = 'job'): JobEvent {
  return { eventTime: time, producer, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent', job: { namespace: 'ns', name } };
}

export function testDatasetEvent(name = 'ds'): DatasetEvent {
  return { eventTime: time, producer, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent', dataset: { namespace: 'ns', name } };
}
