import type { RunEvent } from '@ol/core';
import { startLineageSink, type LineageSink } from '@ol/test-kit';
import { randomUUID } from 'node:crypto';
import { createHttpTransport, type HttpTransport, type HttpTransportDeps, type HttpTransportOptions } from './index.js';

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
export function recordingLogger(): {
  lines: string[];
  logger: {
    error: (m: string, ...a: unknown[]) => void;
    warn: (m: string, ...a: unknown[]) => void;
    info: (m: string, ...a: unknown[]) => void;
    debug: (m: string, ...a: unknown[]) => void;
  };
} {
  const lines: string[] = [];
  const push = (m: string, ...a: unknown[]) => {
    lines.push([m, ...a.map((x) => (x instanceof Error ? x.message : JSON.stringify(x)))].join(' '));
  };
  return { lines, logger: { error: push, warn: push, info: push, debug: push } };
}

const cleanup: (() => Promise<unknown>)[] = [];

/** Closes what `sink()` and `transport()` opened, newest first: a test file runs it in `afterEach`. */
export async function closeOpened(): Promise<void> {
  for (const c of cleanup.splice(0).reverse()) await c();
}

/** A lineage sink of its own for one test, closed by `closeOpened`. */
export async function sink(options: Parameters<typeof startLineageSink>[0] = {}): Promise<LineageSink> {
  const s = await startLineageSink(options);
  cleanup.push(() => s.close());
  return s;
}

/** An http transport closed (1 s drain) by `closeOpened`. */
export function transport(options: HttpTransportOptions, deps?: HttpTransportDeps): HttpTransport {
  const t = createHttpTransport(options, deps);
  cleanup.push(() => t.close(1000));
  return t;
}

/** Fast retries so the matrix runs in milliseconds; backoff timing has its own test. */
export const FAST = { backoff_factor: 0.001 };
