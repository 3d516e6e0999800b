// Test helpers shared by the transport and batch tests (excluded from the build).
import type { Logger, RunEvent } from '@ol/core';
import { startLineageSink, type LineageSink } from '@ol/test-kit';
import { createAsyncHttpTransport, type AsyncHttpTransport, type AsyncHttpTransportOptions } from './index.js';

export function runEvent(runId: string, eventType: RunEvent['eventType'], extra: Partial<RunEvent> = {}): RunEvent {
  return {
    eventType,
    eventTime: '2026-01-01T00:00:00.000Z',
    producer: 'https://example.com/test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId },
    job: { namespace: 'ns', name: 'job' },
    ...extra,
  };
}

export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: () => {} };
}

const sinks: LineageSink[] = [];
const transports: { close(t?: number): Promise<boolean> }[] = [];

/** Closes `t` in `closeOpened`, for transports a test built itself (through the registry, say). */
export function closeLater<T extends { close(t?: number): Promise<boolean> }>(t: T): T {
  transports.push(t);
  return t;
}

/** A lineage sink for one test, closed by `closeOpened`. */
export async function sink(options: Parameters<typeof startLineageSink>[0] = {}): Promise<LineageSink> {
  const s = await startLineageSink(options);
  sinks.push(s);
  return s;
}

/** `transport(options, deps)` with the given retry policy by default, closed (without draining) by `closeOpened`. */
export function transportFactory(retry: AsyncHttpTransportOptions['retry']) {
  return (options: AsyncHttpTransportOptions, deps: Parameters<typeof createAsyncHttpTransport>[1] = {}): AsyncHttpTransport => {
    const t = createAsyncHttpTransport({ retry, ...options }, { keepProcessAlive: false, ...deps });
    transports.push(t);
    return t;
  };
}

/** Closes what `sink()` and the transports opened: transports first, then sinks. Run it in `afterEach`. */
export async function closeOpened(): Promise<void> {
  await Promise.all(transports.splice(0).map((t) => t.close(0)));
  await Promise.all(sinks.splice(0).map((s) => s.close()));
}
