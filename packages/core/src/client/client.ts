import { readClientSettings, EMPTY_CLIENT_SETTINGS, type ClientSettings } from '../config/client-settings.js';
import { isDisabled, NO_TRANSPORT_WARNING, resolveConfig } from '../config/resolve.js';
import type { OpenLineageConfig, ResolvedConfig } from '../config/types.js';
import { TransportError, ValidationError } from '../errors.js';
import { validateEvent } from '../validation/validate.js';
import { createLogger, defaultLogger, rateLimited, type Logger } from '../logger.js';
import { looksLikeEvent, type JobFacet, type OpenLineageEvent, type RunEvent } from '../model/event.js';
import { toJSON } from '../model/serialize.js';
import { rememberText } from '../model/serialized-text.js';
import { createTransport } from '../registry/create.js';
import { NoopTransport } from '../transport/noop.js';
import type { Transport, TransportStats } from '../transport/types.js';
import { DEFAULT_PRODUCER, VERSION } from '../version.js';
import { Enricher, isFilteredOut } from './enrich.js';
import { ABANDONED, EmitExtensions, loadJavaSections, readJavaSections } from './extensions.js';
import type { MetricsSink } from '../metrics/sink.js';
import type { DatasetNameTrimmer } from '../dataset/trimmers.js';
import { RunHandle, type RunSpec } from './runs.js';

export interface ClientStats {
  /** Events handed to the transport. */
  emitted: number;
  success: number;
  failed: number;
  dropped: number;
  pending: number;
  /** Events dropped by job-name filters. */
  filtered: number;
  /** With a circuit breaker configured: how many of `dropped` it stopped, and how many its timeout abandoned. */
  droppedBy?: { circuitBreaker: number; timeout: number };
}

export type ErrorHandler = (error: Error, event: OpenLineageEvent | undefined) => void;

/** What validation does when enabled: reject invalid events before sending. */
export type Validator = (event: OpenLineageEvent) => ValidationError | undefined;

export interface OpenLineageClientOptions {
  /** A ready transport (when given, `config.transport` is not used). */
  transport: Transport;
  /** Client-level config (filters, tags, facets) when not built by `create`. */
  config?: OpenLineageConfig;
  /** A resolved config (what `create` passes); wins over `config`. */
  resolved?: ResolvedConfig;
  /** Environment for OPENLINEAGE_DISABLED and the environment-variables facet (default: `resolved.env`, else `{}`). */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  onError?: ErrorHandler;
  /** Reject `emit` with the TransportError instead of logging and counting it (default false). */
  failOnError?: boolean;
  /** Validate each event before sending: `true` uses `validateEvent`, or pass your own validator. */
  validate?: boolean | Validator;
  /** `producer` for events and facets the client builds (default: this client, with its version). */
  producer?: string;
  /** Default job namespace for run helpers given a bare job name (default: OPENLINEAGE_NAMESPACE, else `default`). */
  namespace?: string;
  /** Builds the source-code-location facet when `facets.source_code_location` enables it. */
  sourceCodeLocation?: () => JobFacet | undefined;
  /** Where emit metrics go (what `metrics: { type: opentelemetry }` builds in `create`); wins over `config.metrics`. */
  metrics?: MetricsSink;
  /** Dataset name trimmers to use instead of the ones `dataset.disabledTrimmers` / `extraTrimmers` select (`[]`: none). */
  trimmers?: readonly DatasetNameTrimmer[];
}

export interface CreateClientOptions extends Partial<Omit<OpenLineageClientOptions, 'resolved'>> {
  env?: Record<string, string | undefined>;
  cwd?: string;
  homeDir?: string;
}

/**
 * Emits lineage events through a transport. `emit` never throws for delivery problems unless
 * `failOnError` is set: lineage must not break the job it describes, and a rejected promise
 * nobody awaits would end a Node process.
 */
export class OpenLineageClient {
  readonly transport: Transport;
  readonly logger: Logger;
  readonly producer: string;
  readonly namespace: string;
  readonly disabled: boolean;
  readonly settings: ClientSettings;
  /** The config this client was built from (`create` resolves it); integrations read their sections from it. */
  readonly resolved: ResolvedConfig | undefined;
  private readonly env: Record<string, string | undefined>;
  private readonly onError: ErrorHandler | undefined;
  private readonly failOnError: boolean;
  private readonly validator: Validator | undefined;
  private readonly sourceCodeLocation: (() => JobFacet | undefined) | undefined;
  private readonly counts = { emitted: 0, success: 0, failed: 0, dropped: 0, filtered: 0 };
  private readonly warnedVariables = new Set<string>();
  private readonly enricher: Enricher;
  /** Rate limits of failure messages, one per distinct message (see logFailure). */
  private readonly failureLogs = new Map<string, (message: string) => void>();
  private readonly otherFailures: (message: string) => void;
  /** Emits handed to the transport since the last flush/close began; flush and close wait for every batch open at the time. */
  private current: PendingBatch;
  private readonly open = new Set<PendingBatch>();
  private closing: Promise<boolean> | undefined;
  private droppedAfterClose = 0;
  /** Circuit breaker, dataset namespace resolvers and trimmers, metrics: undefined when none is on. */
  private readonly extensions: EmitExtensions | undefined;

  constructor(options: OpenLineageClientOptions) {
    if (typeof options !== 'object' || options === null || typeof (options as Partial<OpenLineageClientOptions>).transport?.emit !== 'function') {
      throw new TypeError('new OpenLineageClient({ transport }) needs a transport; use OpenLineageClient.create() to build one from config');
    }
    const resolved = options.resolved;
    this.resolved = resolved;
    this.env = options.env ?? resolved?.env ?? {};
    this.transport = options.transport;
    this.logger = options.logger ?? (resolved?.logLevel !== undefined ? createLogger({ level: resolved.logLevel }) : defaultLogger(this.env));
    this.producer = options.producer ?? DEFAULT_PRODUCER;
    this.namespace = options.namespace ?? this.env.OPENLINEAGE_NAMESPACE ?? 'default';
    this.disabled = resolved?.disabled ?? isDisabled(this.env);
    this.settings =
      resolved !== undefined
        ? readClientSettings(resolved.config, resolved.origin)
        : options.config !== undefined
          ? readClientSettings(options.config)
          : EMPTY_CLIENT_SETTINGS;
    this.onError = options.onError;
    this.failOnError = options.failOnError ?? false;
    this.validator = typeof options.validate === 'function' ? options.validate : options.validate === true ? defaultValidator() : undefined;
    this.sourceCodeLocation = options.sourceCodeLocation;
    this.otherFailures = rateLimited((m) => this.logger.error(m));
    this.current = this.newBatch();
    this.enricher = new Enricher({
      settings: this.settings,
      producer: this.producer,
      clientVersion: VERSION,
      env: this.env,
      onMissingVariable: (name) => {
        if (this.warnedVariables.has(name)) return;
        this.warnedVariables.add(name);
        this.logger.warn(`environment variable ${name} (facets.environment_variables) is not set`);
      },
      ...(this.sourceCodeLocation !== undefined ? { sourceCodeLocation: this.sourceCodeLocation } : {}),
    });
    for (const warning of resolved?.warnings ?? []) this.logger.warn(warning);
    const sections = readJavaSections(resolved?.config ?? options.config ?? {}, resolved?.origin);
    for (const warning of sections.warnings) this.logger.warn(warning);
    this.extensions = EmitExtensions.create(
      sections,
      {
        ...(options.trimmers !== undefined ? { trimmers: [...options.trimmers] } : {}),
        ...(options.metrics !== undefined ? { metrics: options.metrics } : {}),
      },
      { producer: this.producer, logger: this.logger },
    );
    // Background failures never reach an emit promise: hand them to onError too (the transport logs and counts them).
    if (this.onError !== undefined && typeof this.transport.onError === 'function') {
      this.transport.onError((error) => {
        this.callOnError(error, undefined);
      });
    }
  }

  /**
   * Resolves config (code > openlineage.yml > OPENLINEAGE__* > OPENLINEAGE_URL…) and builds the
   * transport it names, importing its package on first use.
   */
  static async create(options: CreateClientOptions = {}): Promise<OpenLineageClient> {
    const resolved = resolveConfig({
      ...(options.config !== undefined ? { config: options.config } : {}),
      ...(options.env !== undefined ? { env: options.env } : {}),
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      ...(options.homeDir !== undefined ? { homeDir: options.homeDir } : {}),
    });
    const logger = options.logger ?? (resolved.logLevel !== undefined ? createLogger({ level: resolved.logLevel }) : defaultLogger(resolved.env));
    const settings = readClientSettings(resolved.config, resolved.origin);
    // Disabled means no-op: do not even build (or import) the configured transport, as in Python.
    const transport =
      options.transport ??
      (resolved.disabled ? new NoopTransport() : undefined) ??
      (await createTransport(resolved.config.transport, {
        logger,
        env: resolved.env,
        cwd: resolved.cwd ?? options.cwd ?? process.cwd(),
        origin: resolved.origin,
        path: ['transport'],
        ...(resolved.baseDirOf !== undefined ? { baseDirOf: resolved.baseDirOf } : { baseDir: resolved.baseDir }),
      }));
    let sourceCodeLocation = options.sourceCodeLocation;
    if (sourceCodeLocation === undefined && settings.sourceCodeLocation.enabled) {
      const { sourceCodeLocationProvider } = await import('../git/facet.js');
      sourceCodeLocation = sourceCodeLocationProvider({
        cwd: resolved.cwd ?? process.cwd(),
        env: resolved.env,
        settings: settings.sourceCodeLocation,
        producer: options.producer ?? DEFAULT_PRODUCER,
        logger,
      });
    }
    const sections = readJavaSections(resolved.config, resolved.origin);
    const loaded = await loadJavaSections(sections, resolved.config, {
      cwd: resolved.cwd ?? options.cwd ?? process.cwd(),
      origin: resolved.origin,
      baseDirOf: resolved.baseDirOf ?? (() => resolved.baseDir),
      logger,
      transport: transport.type,
    });
    // The console-fallback warning is moot when the caller brought a transport.
    const shown = options.transport !== undefined ? { ...resolved, warnings: (resolved.warnings ?? []).filter((w) => w !== NO_TRANSPORT_WARNING) } : resolved;
    return new OpenLineageClient({
      ...options,
      transport,
      resolved: shown,
      logger,
      ...(sourceCodeLocation !== undefined ? { sourceCodeLocation } : {}),
      ...(options.trimmers === undefined && loaded.trimmers !== undefined ? { trimmers: loaded.trimmers } : {}),
      ...(options.metrics === undefined && loaded.metrics !== undefined ? { metrics: loaded.metrics } : {}),
    });
  }

  /**
   * Sends one event: disabled check → job-name filters → tags and the client-version run tag →
   * environment-variables facet → source-code-location facet → serialization (once; every
   * transport reuses the text through `toJSON`) → optional validation → transport.
   * Something that is not an event rejects with a ValidationError even without `failOnError`:
   * that is a bug in the calling code, not a delivery problem. So does an event JSON cannot
   * represent (a circular reference, a BigInt, a function or a symbol), unless `failOnError` is
   * off: then it is logged, counted as failed and handed to `onError` like a delivery failure.
   */
  emit(event: OpenLineageEvent): Promise<void> {
    if (!looksLikeEvent(event)) {
      return Promise.reject(
        new ValidationError([
          { pointer: '', message: 'is not an OpenLineage event (a RunEvent, JobEvent or DatasetEvent object with eventTime, producer, schemaURL)' },
        ]),
      );
    }
    if (this.disabled) return DONE;
    if (this.closing !== undefined) return this.dropAfterClose(event);
    // -- java-config hook 1/2: a circuit breaker stops the emit before any work; resolvers and trimmers rewrite datasets.
    const ext = this.extensions;
    if (ext !== undefined) {
      if (ext.stopReason() !== undefined) {
        this.counts.dropped++;
        return DONE;
      }
      if (ext.rewrite !== undefined) event = ext.rewrite(event);
    }
    if (this.settings.filters.length > 0 && isFilteredOut(event, this.settings)) {
      this.counts.filtered++;
      this.logger.debug(`event for job ${(event as RunEvent).job.name} dropped by a job-name filter`);
      return DONE;
    }
    let enriched: OpenLineageEvent;
    try {
      enriched = this.enricher.enrich(event);
      // The text is remembered for this object only, so it must be one the client made and nobody changes.
      if (enriched === event) enriched = Object.assign({}, event);
      rememberText(enriched, toJSON(enriched));
    } catch (error) {
      this.counts.failed++;
      return this.failed(asError(error, this.transport.type), event);
    }
    if (this.validator !== undefined) {
      const invalid = this.validator(enriched);
      if (invalid !== undefined) {
        this.counts.failed++;
        return this.failed(invalid, event);
      }
    }
    this.counts.emitted++;
    let delivery: Promise<void>;
    try {
      delivery = this.transport.emit(enriched);
    } catch (error) {
      // A transport that throws instead of rejecting is still a delivery failure, not a crash.
      delivery = Promise.reject(asError(error, this.transport.type));
    }
    const batch = this.current;
    batch.unsettled++;
    const onRejected = this.onError === undefined ? batch.rejected : (error: unknown) => batch.rejected(error, event);
    // -- java-config hook 2/2: metrics and the breaker's timeout wrap delivery only when configured.
    if (ext?.watching === true) return ext.watch(delivery).then((outcome) => (outcome === ABANDONED ? batch.abandoned() : batch.delivered()), onRejected);
    // Without an onError handler nothing per event outlives this call but the promise reaction:
    // a caller that emits without awaiting (into a queue that drops) must not keep every event alive.
    return delivery.then(batch.delivered, onRejected);
  }

  /** After close() nothing is sent: the event is counted as dropped, and the first such drop is logged (once per client). */
  private dropAfterClose(event: OpenLineageEvent): Promise<void> {
    this.counts.dropped++;
    this.droppedAfterClose++;
    if (this.droppedAfterClose === 1) {
      this.logger.warn('OpenLineage client is closed; 1 event dropped since close() (later ones are not logged, stats().dropped counts them)');
    }
    const error = new TransportError(`client is closed; ${this.droppedAfterClose} event(s) dropped since close()`, { transport: this.transport.type });
    this.callOnError(error, event);
    return this.failOnError ? Promise.reject(error) : DONE;
  }

  /** Logs (each distinct message at least once, then rate-limited), calls onError, and rejects only with `failOnError`. */
  private failed(error: Error, event: OpenLineageEvent | undefined): Promise<void> {
    this.report(error, event);
    return this.failOnError ? Promise.reject(error) : DONE;
  }

  /** `failed` inside a promise handler: throwing there rejects the emit promise. */
  private fail(error: Error, event: OpenLineageEvent | undefined): void {
    this.report(error, event);
    if (this.failOnError) throw error;
  }

  private report(error: Error, event: OpenLineageEvent | undefined): void {
    this.logFailure(error);
    this.callOnError(error, event);
  }

  /** One rate limit per distinct message (up to MAX_FAILURE_KEYS of them), so a new kind of failure is never hidden behind an old one. */
  private logFailure(error: Error): void {
    const message = `failed to emit OpenLineage event: ${error.message}`;
    let log = this.failureLogs.get(message);
    if (log === undefined) {
      log = this.failureLogs.size < MAX_FAILURE_KEYS ? rateLimited((m) => this.logger.error(m)) : this.otherFailures;
      this.failureLogs.set(message, log);
    }
    log(message);
  }

  private callOnError(error: Error, event: OpenLineageEvent | undefined): void {
    try {
      this.onError?.(error, event);
    } catch (handlerError) {
      this.logger.error('onError handler threw', handlerError);
    }
  }

  private newBatch(): PendingBatch {
    const batch: PendingBatch = {
      unsettled: 0,
      idle: undefined,
      delivered: () => {
        if (this.transport.stats === undefined) this.counts.success++;
        settle(batch);
      },
      abandoned: () => {
        this.counts.dropped++;
        settle(batch);
      },
      rejected: (error: unknown, event?: OpenLineageEvent) => {
        settle(batch);
        this.counts.failed++;
        this.fail(asError(error, this.transport.type), event);
      },
    };
    const settle = (b: PendingBatch): void => {
      if (--b.unsettled === 0 && b !== this.current) {
        this.open.delete(b);
        b.idle?.resolve();
      }
    };
    return batch;
  }

  /** Settles once every emit handed to the transport before this call has settled. */
  private settled(): Promise<unknown> {
    const previous = this.current;
    if (previous.unsettled > 0) {
      this.open.add(previous);
      this.current = this.newBatch();
    }
    return Promise.all([...this.open].map((b) => (b.idle ??= deferred()).promise));
  }

  private unsettled(): number {
    let n = this.current.unsettled;
    for (const b of this.open) n += b.unsettled;
    return n;
  }

  /** Counters, including what a background transport delivered, failed or dropped on its own. */
  stats(): ClientStats {
    const t: TransportStats | undefined = this.transport.stats?.();
    return {
      emitted: this.counts.emitted,
      success: (t?.success ?? 0) + this.counts.success,
      failed: (t?.failed ?? 0) + this.counts.failed,
      dropped: (t?.dropped ?? 0) + this.counts.dropped,
      pending: (t?.pending ?? 0) + (t === undefined ? this.unsettled() : 0),
      filtered: this.counts.filtered,
      ...(this.extensions?.breaker !== undefined ? { droppedBy: this.extensions.dropped() } : {}),
    };
  }

  /** Waits for emits in progress, then for the transport's background work; true when everything was delivered in time. */
  async flush(timeoutMs?: number): Promise<boolean> {
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    const settled = await withTimeout(
      this.settled().then(() => true),
      timeoutMs,
    );
    if (!settled) return false;
    if (this.transport.flush === undefined) return true;
    return this.transport.flush(deadline === undefined ? undefined : Math.max(0, deadline - Date.now()));
  }

  /** Drains and closes the transport; idempotent. Events emitted afterwards are dropped and counted. */
  close(timeoutMs?: number): Promise<boolean> {
    this.closing ??= (async () => {
      const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
      await withTimeout(this.settled(), timeoutMs);
      try {
        return await this.transport.close(deadline === undefined ? undefined : Math.max(0, deadline - Date.now()));
      } catch (error) {
        this.logger.error('closing the transport failed', error);
        return false;
      } finally {
        await this.extensions?.close();
      }
    })();
    return this.closing;
  }

  /** Emits START and returns a handle for RUNNING / COMPLETE / FAIL / ABORT and child runs. */
  async startRun(spec: RunSpec): Promise<RunHandle> {
    const handle = new RunHandle(this, spec);
    await handle.start();
    return handle;
  }

  /** Emits START, runs `fn`, then COMPLETE (returning its result) or FAIL (rethrowing its error). */
  async withRun<T>(spec: RunSpec, fn: (run: RunHandle) => T | Promise<T>): Promise<T> {
    const run = await this.startRun(spec);
    let result: T;
    try {
      result = await fn(run);
    } catch (error) {
      // The job's own error matters more than a failure to report it (already logged and passed to onError).
      if (!run.finished) await run.fail(error).catch(() => undefined);
      throw error;
    }
    if (!run.finished) await run.complete();
    return result;
  }
}

const DONE: Promise<void> = Promise.resolve();
const MAX_FAILURE_KEYS = 100;

/** Emits in flight that one flush or close waits for, with the handlers their promises settle through (made once per batch, not per emit). */
interface PendingBatch {
  unsettled: number;
  idle: { promise: Promise<void>; resolve(): void } | undefined;
  delivered(): void;
  /** A circuit breaker's timeout gave up waiting for the transport: counted as dropped, never as success. */
  abandoned(): void;
  rejected(error: unknown, event?: OpenLineageEvent): void;
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function defaultValidator(): Validator {
  return (event) => {
    const errors = validateEvent(event);
    return errors.length > 0 ? new ValidationError(errors) : undefined;
  };
}

function asError(error: unknown, transport: string): Error {
  if (error instanceof Error) return error;
  return new TransportError(`transport ${transport} failed: ${String(error)}`, { transport, cause: error });
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number | undefined): Promise<T | false> {
  if (timeoutMs === undefined || timeoutMs < 0) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
