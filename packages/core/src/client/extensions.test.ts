import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { createLogger } from '../logger.js';
import { scratch } from '../config/test-helpers.js';
import type { RunEvent } from '../model/event.js';
import type { DropReason, MetricsSink } from '../metrics/sink.js';
import { OpenLineageClient } from './client.js';
import { MemoryTransport } from './test-transport.js';

function runEvent(): RunEvent {
  return {
    eventType: 'START',
    eventTime: '2025-01-01T00:00:00Z',
    producer: 'https://example.com/producer',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '01890000-0000-7000-8000-000000000001' },
    job: { namespace: 'jobs', name: 'load' },
  };
}

/** Records calls: the contract between the client and a metrics package (the OpenTelemetry one is tested in its package). */
function recordingSink(): MetricsSink & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    emitStart: () => calls.push('start'),
    emitComplete: () => calls.push('complete'),
    emitFailed: () => calls.push('failed'),
    emitDropped: (r: DropReason) => calls.push(`dropped:${r}`),
    circuitBreakerEngaged: (e: boolean) => calls.push(`engaged:${e}`),
  };
}

describe('metrics and loading of the Java config sections', () => {
  it('reports start/complete/failed/dropped and breaker state changes to the sink', async () => {
    const sink = recordingSink();
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({
      transport,
      metrics: sink,
      config: { circuitBreaker: { type: 'static', valuesReturned: 'false,true,false' } },
      logger: createLogger({ level: 'silent' }),
    });
    await client.emit(runEvent());
    await client.emit(runEvent());
    transport.failing();
    await client.emit(runEvent());
    expect(sink.calls).toEqual(['engaged:false', 'start', 'complete', 'engaged:true', 'dropped:circuit_breaker', 'engaged:false', 'start', 'failed']);
  });

  it('names @ol/opentelemetry when metrics: { type: opentelemetry } is configured but the package is not installed', async () => {
    const s = scratch();
    s.write('openlineage.yml', 'transport:\n  type: console\nmetrics:\n  type: opentelemetry\n');
    // Hide the workspace from Node's resolver, as the registry test does: the runner's script is "the main
    // module", and pnpm's bin shims put its hoisted store (with every workspace package) on NODE_PATH.
    const argv1 = process.argv[1];
    const nodePath = process.env.NODE_PATH;
    const Module = createRequire(import.meta.url)('node:module') as { _initPaths(): void };
    process.argv[1] = join(s.dir, 'main.js');
    delete process.env.NODE_PATH;
    Module._initPaths();
    const error = await OpenLineageClient.create({ cwd: s.dir, homeDir: s.home, env: {} })
      .catch((e: unknown) => e)
      .finally(() => {
        process.argv[1] = argv1!;
        if (nodePath !== undefined) process.env.NODE_PATH = nodePath;
        Module._initPaths();
      });
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).path).toBe('metrics.type');
    expect((error as ConfigError).source).toMatch(/openlineage\.yml:4$/);
    expect((error as Error).message).toMatch(/npm install @ol\/opentelemetry/);
  });

  it('ignores Java Micrometer registry types with a warning (metrics.yaml from the Java tests)', async () => {
    const s = scratch();
    s.write('openlineage.yml', 'transport:\n  type: console\nmetrics:\n  type: simple\n');
    const lines: string[] = [];
    const client = await OpenLineageClient.create({ cwd: s.dir, homeDir: s.home, env: {}, logger: createLogger({ write: (l) => lines.push(l) }) });
    expect(lines.join('\n')).toMatch(/metrics type simple .* Java Micrometer registry; this client ignores it/);
    await client.close();
  });

  it('new OpenLineageClient() asks for create() when config names modules to load', () => {
    const transport = new MemoryTransport();
    expect(() => new OpenLineageClient({ transport, config: { metrics: { type: 'opentelemetry' } } })).toThrow(/OpenLineageClient\.create\(\)/);
    expect(() => new OpenLineageClient({ transport, config: { dataset: { extraTrimmers: './t.js' } } })).toThrow(
      /dataset\.extraTrimmers\.0.*OpenLineageClient\.create\(\)/,
    );
  });

  it('takes trimmer objects and a breaker object given in code', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({
      transport,
      config: { dataset: { extraTrimmers: [{ name: 'Run', canTrim: (n: string) => /\/run-\d+$/.test(n) }], disabledTrimmers: 'Run' } },
    });
    await client.emit({ ...runEvent(), inputs: [{ namespace: 'fs', name: '/out/run-1' }] });
    expect((transport.events[0] as RunEvent).inputs?.[0]?.name).toBe('/out/run-1');
  });
});
