import type { RunEvent } from '@ol/core';
import { randomUUID } from 'node:crypto';

export function runEvent(eventType: RunEvent['eventType'] = 'START', runId: string = randomUUID()): RunEvent {
  return {
    eventType,
    eventTime: new Date().toISOString(),
    producer: 'https://example.com/test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId },
    job: { namespace: 'test', name: 'job' },
    inputs: [],
    outputs: [],
  };
}

/** Collects log lines so tests can assert secrets never reach them. */
export function recordingLogger(): { lines: string[]; logger: { error: (m: string, ...a: unknown[]) => void; warn: (m: string, ...a: unknown[]) => void; info: (m: string, ...a: unknown[]) => void; debug: (m: string, ...a: unknown[]) => void } } {
  const lines: string[] = [];
  const push = (m: string, ...a: unknown[]) => {
    lines.push([m, ...a.map((x) => (x instanceof Error ? x.message : JSON.stringify(x)))].join(' '));
  };
  return { lines, logger: { error: push, warn: push, info: push, debug: push } };
}
