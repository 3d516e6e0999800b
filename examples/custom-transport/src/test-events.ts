import type { RunEvent } from '@ol/core';

export function runEvent(eventType: RunEvent['eventType'] = 'START'): RunEvent {
  return {
    eventTime: '2026-01-02T03:04:05.678Z',
    producer: 'https://github.com/openlineage-ts/openlineage-ts/examples/custom-transport',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    eventType,
    run: { runId: '01932f4e-8c5a-7b3e-9f10-1234567890ab' },
    job: { namespace: 'examples', name: 'webhook_demo' },
  };
}

export const SECRET = 'whsec_example-secret-value-0123456789';
