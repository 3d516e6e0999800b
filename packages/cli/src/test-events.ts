import { randomUUID } from 'node:crypto';

export const RUN_EVENT_SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

/** A minimal valid RunEvent; `overrides` replace top-level members. */
export function runEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventType: 'START',
    eventTime: '2024-05-01T10:00:00.000Z',
    run: { runId: randomUUID() },
    job: { namespace: 'cli-test', name: 'job' },
    producer: 'https://example.com/cli-test',
    schemaURL: RUN_EVENT_SCHEMA,
    ...overrides,
  };
}

export function jsonLines(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join('\n') + '\n';
}
