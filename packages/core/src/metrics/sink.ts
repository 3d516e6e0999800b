import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { importModule, ModuleNotFound, resolveModule } from '../registry/load-module.js';
import type { OptionReader } from '../config/options.js';

/** Why an event was not delivered although `emit` was called. */
export type DropReason = 'circuit_breaker' | 'timeout';

/**
 * Where the client reports emit metrics. Core defines only this interface, so it needs no metrics
 * library; `@ol/opentelemetry` implements it on the OpenTelemetry metrics API with the Java client's names.
 */
export interface MetricsSink {
  /** `openlineage.emit.start`: an event is handed to the transport. */
  emitStart(): void;
  /** `openlineage.emit.complete` and `openlineage.emit.time`. */
  emitComplete(durationMs: number): void;
  /** `openlineage.emit.failed` and `openlineage.emit.time`. */
  emitFailed(durationMs: number): void;
  /** `openlineage.emit.dropped` with the reason. */
  emitDropped(reason: DropReason): void;
  /** `openlineage.circuitbreaker.engaged` (1 while a breaker stops lineage, else 0). */
  circuitBreakerEngaged(engaged: boolean): void;
  close?(): void | Promise<void>;
}

export interface MetricsContext {
  /** The client's transport type, reported as the `openlineage.transport` attribute. */
  transport: string;
  /** The circuit breaker type, if any, reported as the `openlineage.circuitbreaker` attribute. */
  circuitBreaker?: string;
  logger: Logger;
  /** Where the value at a key path came from, for ConfigErrors about the section's options. */
  origin?(path: readonly string[]): string;
}

/** What a metrics package exports (as `metricsDescriptor`, or its default export). */
export interface MetricsDescriptor {
  type: string;
  create(config: Record<string, unknown>, context: MetricsContext): MetricsSink;
}

export function isMetricsDescriptor(value: unknown): value is MetricsDescriptor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as MetricsDescriptor).type === 'string' &&
    typeof (value as MetricsDescriptor).create === 'function'
  );
}

export function isMetricsSink(value: unknown): value is MetricsSink {
  const s = value as Partial<MetricsSink> | null;
  return (
    typeof s === 'object' && s !== null && typeof s.emitStart === 'function' && typeof s.emitComplete === 'function' && typeof s.emitDropped === 'function'
  );
}

export const OPENTELEMETRY_PACKAGE = '@ol/opentelemetry';

/** Micrometer registries the Java client builds; a shared config may name them, this client has no such thing. */
const JAVA_ONLY = new Set(['simple', 'statsd', 'composite', 'prometheus', 'otlp', 'datadog']);

export interface MetricsSettings {
  type: string;
  /** The section as configured (options for the metrics package). */
  config: Record<string, unknown>;
  /** Set for a Java-only registry type: the section is ignored, with this warning. */
  ignored?: string;
}

/** Reads `metrics`: `{ type: opentelemetry, … }`, or a module specifier exporting a metrics descriptor. */
export function readMetricsSettings(m: OptionReader): MetricsSettings {
  const type = m.string('type', { required: true });
  if (JAVA_ONLY.has(type.toLowerCase())) {
    return {
      type,
      config: m.raw,
      ignored: `metrics type ${type} (from ${m.scope.origin(m.pathOf('type'))}) configures a Java Micrometer registry; this client ignores it (use type: opentelemetry).`,
    };
  }
  return { type, config: m.raw };
}

/** Imports the package that implements the configured metrics type, from the application's point of view. */
export async function loadMetricsSink(
  settings: MetricsSettings,
  m: OptionReader,
  lookup: { cwd: string; baseDir: string },
  context: MetricsContext,
): Promise<MetricsSink> {
  const builtIn = settings.type.toLowerCase() === 'opentelemetry';
  const specifier = builtIn ? OPENTELEMETRY_PACKAGE : settings.type;
  const where = { source: m.scope.origin(m.pathOf('type')), path: m.pathOf('type').join('.') };
  let mod: Record<string, unknown>;
  let exportName: string | undefined;
  try {
    const resolved = resolveModule(specifier, lookup);
    exportName = resolved.exportName;
    mod = await importModule(resolved);
  } catch (error) {
    const expected =
      error instanceof ModuleNotFound
        ? builtIn
          ? `the package ${OPENTELEMETRY_PACKAGE} to be installed for metrics type "opentelemetry" (npm install ${OPENTELEMETRY_PACKAGE} @opentelemetry/api; looked from ${error.lookedIn.join(', ')})`
          : `opentelemetry, or an installed module exporting a metrics descriptor (looked from ${error.lookedIn.join(', ')})`
        : `a metrics module that loads without errors (${error instanceof Error ? error.message : String(error)})`;
    throw new ConfigError({ ...where, expected, actual: settings.type, cause: error });
  }
  const candidate = exportName !== undefined ? mod[exportName] : (mod.metricsDescriptor ?? mod.default);
  if (!isMetricsDescriptor(candidate)) {
    throw new ConfigError({
      ...where,
      expected: 'a module exporting a metrics descriptor { type, create(config, context) } as metricsDescriptor or default',
      actual: settings.type,
    });
  }
  const sink = candidate.create(settings.config, { origin: m.scope.origin, ...context });
  if (!isMetricsSink(sink)) throw new ConfigError({ ...where, expected: 'a metrics descriptor whose create() returns a metrics sink', actual: settings.type });
  return sink;
}
