/**
 * Metrics as the OpenTelemetry SDK sees them: a real MeterProvider with the SDK's in-memory exporter.
 * Mirrors the Java client's MetricsTest (start/complete counted, emit time measured) and adds the
 * failed/dropped counters and the circuit-breaker gauge.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenLineageClient, type OpenLineageEvent, type RunEvent, silentLogger, type Transport, TransportError } from '@ol/core';
import { createOpenTelemetryMetrics, metricsDescriptor, METRIC_NAMES } from './index.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Answers after `delayMs`, or fails: a stand-in backend (metrics are what is under test). */
class TestTransport implements Transport {
  readonly type = 'test';
  readonly config = {};
  sent: OpenLineageEvent[] = [];
  constructor(
    private readonly delayMs = 0,
    private readonly fail = false,
  ) {}
  emit(event: OpenLineageEvent): Promise<void> {
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        if (this.fail) reject(new TransportError('backend down', { transport: 'test' }));
        else {
          this.sent.push(event);
          resolve();
        }
      }, this.delayMs),
    );
  }
  close(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

function runEvent(i = 0): RunEvent {
  return {
    eventType: 'START',
    eventTime: '2025-01-01T00:00:00Z',
    producer: 'https://example.com/producer',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: `01890000-0000-7000-8000-${String(i).padStart(12, '0')}` },
    job: { namespace: 'jobs', name: 'load' },
  };
}

function sdk() {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({ readers: [reader] });
  return {
    provider,
    async collect(): Promise<Map<string, MetricData>> {
      await reader.forceFlush();
      const out = new Map<string, MetricData>();
      for (const rm of exporter.getMetrics()) for (const sm of rm.scopeMetrics) for (const m of sm.metrics) out.set(m.descriptor.name, m);
      return out;
    },
  };
}

function sum(m: MetricData | undefined, attrs: Record<string, unknown> = {}): number {
  if (m === undefined) return 0;
  return m.dataPoints
    .filter((p) => Object.entries(attrs).every(([k, v]) => p.attributes[k] === v))
    .reduce((n, p) => n + (typeof p.value === 'number' ? p.value : 0), 0);
}

afterEach(() => {
  metrics.disable();
});

describe('@ol/opentelemetry', () => {
  it('counts start and complete, and measures emit time (MetricsTest)', async () => {
    const s = sdk();
    const transport = new TestTransport(100);
    const client = new OpenLineageClient({
      transport,
      metrics: createOpenTelemetryMetrics({ meterProvider: s.provider }, { transport: 'test', logger: silentLogger }),
    });
    await client.emit(runEvent());
    const m = await s.collect();
    expect(sum(m.get(METRIC_NAMES.start), { 'openlineage.transport': 'test' })).toBe(1);
    expect(sum(m.get(METRIC_NAMES.complete))).toBe(1);
    const time = m.get(METRIC_NAMES.time);
    expect(time?.descriptor.unit).toBe('s');
    const point = time?.dataPoints[0]?.value as { count: number; sum: number };
    expect(point.count).toBe(1);
    expect(point.sum).toBeGreaterThanOrEqual(0.09);
    await s.provider.shutdown();
  });

  it('counts failures', async () => {
    const s = sdk();
    const client = new OpenLineageClient({
      transport: new TestTransport(0, true),
      logger: silentLogger,
      metrics: createOpenTelemetryMetrics({ meterProvider: s.provider }, { transport: 'test', logger: silentLogger }),
    });
    await client.emit(runEvent());
    const m = await s.collect();
    expect(sum(m.get(METRIC_NAMES.failed))).toBe(1);
    expect(sum(m.get(METRIC_NAMES.complete))).toBe(0);
    await s.provider.shutdown();
  });

  it('loads through metrics: { type: opentelemetry }, with the global provider, and reports drops and the engaged gauge', async () => {
    const s = sdk();
    metrics.setGlobalMeterProvider(s.provider);
    const transport = new TestTransport(300);
    const client = await OpenLineageClient.create({
      transport,
      cwd: packageDir,
      env: {},
      logger: silentLogger,
      config: { metrics: { type: 'opentelemetry', attributes: { 'service.role': 'etl' } }, circuitBreaker: { type: 'static', valuesReturned: 'false,true' } },
    });
    await client.emit(runEvent(1));
    await client.emit(runEvent(2));
    let m = await s.collect();
    expect(sum(m.get(METRIC_NAMES.start), { 'service.role': 'etl' })).toBe(1);
    expect(sum(m.get(METRIC_NAMES.dropped), { 'openlineage.drop.reason': 'circuit_breaker' })).toBe(1);
    expect(sum(m.get(METRIC_NAMES.circuitBreakerEngaged), { 'openlineage.circuitbreaker': 'static' })).toBe(1);
    await client.close();

    const timed = await OpenLineageClient.create({
      transport,
      cwd: packageDir,
      env: {},
      logger: silentLogger,
      config: { metrics: { type: 'OpenTelemetry' }, circuitBreaker: { type: 'timeout', timeoutInSeconds: 0.02 } },
    });
    await timed.emit(runEvent(3));
    m = await s.collect();
    expect(sum(m.get(METRIC_NAMES.dropped), { 'openlineage.drop.reason': 'timeout' })).toBe(1);
    expect(sum(m.get(METRIC_NAMES.circuitBreakerEngaged), { 'openlineage.circuitbreaker': 'timeout' })).toBe(0);
    await timed.close();
    await s.provider.shutdown();
  });

  it('rejects unknown options with a ConfigError naming the key', () => {
    expect(() => metricsDescriptor.create({ type: 'opentelemetry', flavor: 'datadog' }, { transport: 't', logger: silentLogger })).toThrow(/metrics\.flavor/);
  });
});
