/**
 * The OpenLineage client's emit metrics, under the Java client's names, through the OpenTelemetry
 * metrics API. The application brings the SDK and exporters (Prometheus, OTLP, StatsD bridges);
 * without an SDK the API's no-op meter makes every call free.
 */
import { metrics, type Attributes, type Meter, type MeterProvider } from '@opentelemetry/api';
import { ConfigError, type DropReason, type MetricsContext, type MetricsDescriptor, type MetricsSink } from '@ol/core';
import { isPlainObject } from '@ol/core/internal';

export const METRIC_NAMES = {
  start: 'openlineage.emit.start',
  complete: 'openlineage.emit.complete',
  failed: 'openlineage.emit.failed',
  dropped: 'openlineage.emit.dropped',
  time: 'openlineage.emit.time',
  circuitBreakerEngaged: 'openlineage.circuitbreaker.engaged',
} as const;

export interface OpenTelemetryMetricsOptions {
  /** Default: the global provider (`metrics.getMeterProvider()`), i.e. whatever the application's SDK registered. */
  meterProvider?: MeterProvider;
  /** Instrumentation scope name (default `@ol/opentelemetry`). */
  meterName?: string;
  /** Attributes added to every measurement (e.g. `service.role: etl`). */
  attributes?: Record<string, string | number | boolean>;
}

class OpenTelemetryMetrics implements MetricsSink {
  private readonly attrs: Attributes;
  private readonly droppedAttrs: Record<DropReason, Attributes>;
  private engaged = 0;
  private readonly start;
  private readonly complete;
  private readonly failed;
  private readonly dropped;
  private readonly time;

  constructor(meter: Meter, context: MetricsContext, extra: Attributes) {
    this.attrs = { ...extra, 'openlineage.transport': context.transport };
    this.droppedAttrs = {
      circuit_breaker: { ...this.attrs, 'openlineage.drop.reason': 'circuit_breaker' },
      timeout: { ...this.attrs, 'openlineage.drop.reason': 'timeout' },
    };
    this.start = meter.createCounter(METRIC_NAMES.start, { description: 'Events the client started to send', unit: '{event}' });
    this.complete = meter.createCounter(METRIC_NAMES.complete, { description: 'Events the client completed sending', unit: '{event}' });
    this.failed = meter.createCounter(METRIC_NAMES.failed, { description: 'Events whose delivery failed', unit: '{event}' });
    this.dropped = meter.createCounter(METRIC_NAMES.dropped, { description: 'Events dropped by the circuit breaker or its timeout', unit: '{event}' });
    // Seconds, as OpenTelemetry's conventions (and Micrometer's Prometheus timers) use.
    this.time = meter.createHistogram(METRIC_NAMES.time, { description: 'Time spent emitting events', unit: 's' });
    if (context.circuitBreaker !== undefined) {
      const gaugeAttrs = { ...extra, 'openlineage.circuitbreaker': context.circuitBreaker };
      meter
        .createObservableGauge(METRIC_NAMES.circuitBreakerEngaged, { description: 'Whether a circuit breaker stops lineage (1) or not (0)' })
        .addCallback((result) => {
          result.observe(this.engaged, gaugeAttrs);
        });
    }
  }

  emitStart(): void {
    this.start.add(1, this.attrs);
  }

  emitComplete(durationMs: number): void {
    this.complete.add(1, this.attrs);
    this.time.record(durationMs / 1000, this.attrs);
  }

  emitFailed(durationMs: number): void {
    this.failed.add(1, this.attrs);
    this.time.record(durationMs / 1000, this.attrs);
  }

  emitDropped(reason: DropReason): void {
    this.dropped.add(1, this.droppedAttrs[reason]);
  }

  circuitBreakerEngaged(engaged: boolean): void {
    this.engaged = engaged ? 1 : 0;
  }
}

/** A metrics sink for `OpenLineageClient` options (`metrics`), when building the client in code. */
export function createOpenTelemetryMetrics(options: OpenTelemetryMetricsOptions, context: MetricsContext): MetricsSink {
  const provider = options.meterProvider ?? metrics.getMeterProvider();
  const meter = provider.getMeter(options.meterName ?? '@ol/opentelemetry');
  return new OpenTelemetryMetrics(meter, context, options.attributes ?? {});
}

/** What `metrics: { type: opentelemetry }` loads. YAML may set `meterName` and `attributes`. */
export const metricsDescriptor: MetricsDescriptor = {
  type: 'opentelemetry',
  create(config, context) {
    const options: OpenTelemetryMetricsOptions = {};
    for (const [key, value] of Object.entries(config)) {
      const k = key.replace(/[_-]/g, '').toLowerCase();
      if (k === 'type') continue;
      if (k === 'metername' && typeof value === 'string') options.meterName = value;
      else if (k === 'meterprovider' && typeof value === 'object' && value !== null && typeof (value as MeterProvider).getMeter === 'function')
        options.meterProvider = value as MeterProvider;
      else if (k === 'attributes' && isPlainObject(value) && Object.values(value).every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
        options.attributes = value as Record<string, string | number | boolean>;
      } else {
        throw new ConfigError({
          source: context.origin?.(['metrics', key]) ?? 'code',
          path: `metrics.${key}`,
          expected: 'meterName (a string), attributes (a mapping of strings, numbers, booleans) or meterProvider (code)',
          actual: value,
        });
      }
    }
    return createOpenTelemetryMetrics(options, context);
  },
};

export default metricsDescriptor;
