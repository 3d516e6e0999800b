import type { DatasetEvent, JobEvent, RunEvent } from '@ol/core';

const PRODUCER = 'https://github.com/openlineage-ts/openlineage-ts/packages/transport-datazone/test';

export function runEvent(overrides: Partial<RunEvent> = {}): RunEvent {
  return {
    eventTime: '2026-01-02T03:04:05.678Z',
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    eventType: 'START',
    run: { runId: '01932f4e-8c5a-7b3e-9f10-1234567890ab' },
    job: { namespace: 'etl', name: 'daily_orders' },
    inputs: [{ namespace: 's3://raw', name: 'orders' }],
    outputs: [{ namespace: 's3://curated', name: 'orders_daily' }],
    ...overrides,
  };
}

export function jobEvent(): JobEvent {
  return {
    eventTime: '2026-01-02T03:04:05.678Z',
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
    job: { namespace: 'etl', name: 'daily_orders' },
  };
}

export function datasetEvent(): DatasetEvent {
  return {
    eventTime: '2026-01-02T03:04:05.678Z',
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
    dataset: { namespace: 's3://curated', name: 'orders_daily' },
  };
}

/** Static, obviously fake credentials: the stub doesn't verify signatures, the tests check they are there. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDOLTESTEXAMPLE', secretAccessKey: 'olTestSecretKey/doNotLeak+1234567890abcdef' };
