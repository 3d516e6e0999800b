/**
 * Contract of the `transform` transport:
 * - emit(event): the transformer gets a deep copy (the caller's event never changes); null/undefined skips the event;
 *   a transformer that throws skips it too (logged, counted failed, emit resolves); otherwise the inner transport's
 *   emit decides.
 * - flush(timeoutMs) / close(timeoutMs): the inner transport's, and false when an event failed here since the previous
 *   flush (the one definition in @ol/delivery's README); deliberate skips do not count. close is idempotent.
 * - stats(): the inner transport's counters plus transformer errors.
 */
import { FlushTracker } from '@ol/delivery';
import {
  ConfigError,
  type Logger,
  type OpenLineageEvent,
  type OptionScope,
  redactWhenPrinted,
  silentLogger,
  type Transport,
  type TransportContext,
  type TransportStats,
} from '@ol/core';
import { codeScope, scopeAt } from '@ol/core/internal';
import { JOB_NAMESPACE_REPLACE_NAMES, JobNamespaceReplaceTransformer } from './job-namespace-replace.js';
import { importExport } from './load-module.js';
import type { TransformTransportConfig } from './config.js';
import { toTransformer, type EventTransformer, type EventTransformerClass, type TransformFunction } from './transformer.js';

/** Counts of what the transformer did with the events it was given. */
export interface TransformCounts {
  transformed: number;
  skipped: number;
  errors: number;
}

/** Options for `createTransformTransport`: a ready inner transport and a transformer in any form. */
export interface TransformTransportOptions {
  transport: Transport;
  /** An object with `transform`, a plain function, a class (constructed with the properties) or a built-in name. */
  transformer: EventTransformer | TransformFunction | EventTransformerClass | string;
  transformerProperties?: Record<string, unknown>;
  logger?: Logger;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Deep copy so the transformer may edit freely; JSON for values structuredClone refuses (functions). */
function copyOf(event: OpenLineageEvent): OpenLineageEvent {
  try {
    return structuredClone(event);
  } catch {
    return JSON.parse(JSON.stringify(event)) as OpenLineageEvent;
  }
}

/**
 * Runs each event through a transformer, then hands the result to the inner transport. The
 * transformer gets a deep copy, so the caller's event never changes. A `null`/`undefined`
 * result skips the event (debug log); a transformer that throws skips it too, logged as an
 * error and counted in `stats().failed`, so lineage never breaks the job that emits it.
 */
export class TransformTransport implements Transport {
  static {
    // console.log / JSON.stringify show the config with secrets as ***.
    redactWhenPrinted(this);
  }

  readonly type = 'transform';
  readonly config: TransformTransportConfig | { transformer: string };
  readonly transport: Transport;
  readonly transformer: EventTransformer;
  readonly counts: TransformCounts = { transformed: 0, skipped: 0, errors: 0 };
  private readonly logger: Logger;
  private inFlight = 0;
  /** Emits under way and failures since the last flush (see @ol/delivery's README). */
  private readonly flushes = new FlushTracker();
  private closing: Promise<boolean> | undefined;
  private delivered = 0;

  constructor(inner: Transport, transformer: EventTransformer, config: TransformTransportConfig | { transformer: string }, logger: Logger = silentLogger) {
    this.transport = inner;
    this.transformer = transformer;
    this.config = config;
    this.logger = logger;
  }

  async emit(event: OpenLineageEvent): Promise<void> {
    let result: OpenLineageEvent | null | undefined;
    try {
      result = await this.transformer.transform(copyOf(event));
    } catch (err) {
      this.counts.errors++;
      // Swallowed for the caller, but not delivered: the next flush says so.
      this.flushes.refuse();
      this.logger.error(`Transformer ${this.transformerName()} failed; event not sent: ${message(err)}`);
      return;
    }
    if (result === null || result === undefined) {
      this.counts.skipped++;
      this.logger.debug(`Transformer ${this.transformerName()} returned ${String(result)}; event skipped`);
      return;
    }
    this.counts.transformed++;
    this.inFlight++;
    const epoch = this.flushes.enter();
    let ok = false;
    try {
      await this.transport.emit(result);
      this.delivered++;
      ok = true;
    } finally {
      this.inFlight--;
      this.flushes.settle(epoch, ok);
    }
  }

  /**
   * True when the inner transport's flush is and no event since the previous flush failed here (a transformer that
   * threw, an inner emit that rejected). Events the transformer skipped on purpose (null) do not count.
   */
  async flush(timeoutMs?: number): Promise<boolean> {
    const own = this.flushes.flush(timeoutMs);
    const inner = await (this.transport.flush ? this.transport.flush(timeoutMs) : true);
    return (await own) && inner;
  }

  /** Closes the inner transport; same result as `flush`. Idempotent: later calls return the first call's result. */
  close(timeoutMs?: number): Promise<boolean> {
    this.closing ??= (async () => {
      const own = this.flushes.flush(timeoutMs);
      const inner = await this.transport.close(timeoutMs);
      return (await own) && inner;
    })();
    return this.closing;
  }

  /**
   * Counters for the client. A transport with stats() counts its successes itself, so: with a
   * background inner transport, its counters; otherwise the inner emits that resolved and those
   * in flight. Either way transformer errors are added to `failed` (an inner rejection reaches
   * the caller, who counts it). Skipped events are in neither (see `counts.skipped`).
   */
  stats(): TransportStats {
    const inner = this.transport.stats?.() ?? { pending: this.inFlight, success: this.delivered, failed: 0, dropped: 0 };
    return { ...inner, failed: inner.failed + this.counts.errors };
  }

  private transformerName(): string {
    const c = this.config;
    return 'transformerClass' in c ? c.transformerClass : c.transformer;
  }
}

/** The built-in for its names, else undefined. */
function builtIn(name: string, properties: Record<string, unknown>, scope: OptionScope): EventTransformer | undefined {
  return JOB_NAMESPACE_REPLACE_NAMES.includes(name) ? new JobNamespaceReplaceTransformer(properties, scope) : undefined;
}

/**
 * Finds the transformer a config names: a built-in (by name or Python path), or a module
 * specifier with an optional `#export`, resolved against `context.baseDir`.
 */
export async function loadTransformer(config: TransformTransportConfig, context: TransportContext): Promise<EventTransformer> {
  const classPath = [...context.path, 'transformer_class'];
  const propsScope: OptionScope = scopeAt(context, [...context.path, 'transformer_properties']);
  const name = config.transformerClass;
  const fail = (expected: string, cause?: unknown) =>
    new ConfigError({ source: context.origin(classPath), path: classPath.join('.'), expected, actual: name, ...(cause === undefined ? {} : { cause }) });
  const found = builtIn(name, config.transformerProperties, propsScope);
  if (found) return found;
  let loaded: Awaited<ReturnType<typeof importExport>>;
  try {
    loaded = await importExport(name, context.baseDir);
  } catch (cause) {
    const hint = /^[\w]+(\.[\w]+)+$/.test(name) ? '; Python class paths other than the built-in JobNamespaceReplaceTransformer cannot be loaded' : '';
    throw fail(
      `a built-in transformer (JobNamespaceReplaceTransformer) or a module specifier such as ./transformers.js#Redact, resolved from ${context.baseDir} (${message(cause)}${hint})`,
      cause,
    );
  }
  let transformer: EventTransformer | undefined;
  try {
    transformer = toTransformer(loaded.value, config.transformerProperties);
  } catch (cause) {
    throw fail(`a transformer whose constructor accepts the transformer_properties (${message(cause)})`, cause);
  }
  if (!transformer)
    throw fail(`export "${loaded.exportName}" of ${loaded.module} to be a class with a transform method, an object with transform, or a function`);
  return transformer;
}

/** Builds the transformer and, through the registry, the inner transport. */
export async function buildTransformTransport(config: TransformTransportConfig, context: TransportContext): Promise<TransformTransport> {
  const transformer = await loadTransformer(config, context);
  const inner = await context.createChild(config.transport, [...context.path, 'transport']);
  return new TransformTransport(inner, transformer, config, context.logger);
}

/** Builds a transform transport in code around a ready inner transport. */
export function createTransformTransport(options: TransformTransportOptions): TransformTransport {
  const props = options.transformerProperties ?? {};
  let transformer: EventTransformer | undefined;
  let name: string;
  if (typeof options.transformer === 'string') {
    name = options.transformer;
    transformer = builtIn(name, props, codeScope(['transport', 'transformer_properties']));
    if (!transformer) {
      throw new ConfigError({
        source: 'code',
        path: 'transport.transformer',
        expected: 'a built-in transformer name (module specifiers need createTransport, which loads modules)',
        actual: name,
      });
    }
  } else {
    name = typeof options.transformer === 'function' ? options.transformer.name || 'function' : options.transformer.constructor.name;
    transformer = toTransformer(options.transformer, props);
    if (!transformer)
      throw new ConfigError({
        source: 'code',
        path: 'transport.transformer',
        expected: 'a transformer object, class or function',
        actual: options.transformer,
      });
  }
  return new TransformTransport(options.transport, transformer, { transformer: name }, options.logger);
}
