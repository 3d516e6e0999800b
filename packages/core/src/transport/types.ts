import type { OptionReader, OptionScope } from '../config/options.js';
import type { Logger } from '../logger.js';
import type { OpenLineageEvent } from '../model/event.js';

/** Counters a transport with background delivery exposes (the Python client's names). */
export interface TransportStats {
  pending: number;
  success: number;
  failed: number;
  dropped: number;
}

export interface Transport {
  /** Canonical type name, e.g. `http`. */
  readonly type: string;
  /** Normalized config: camelCase keys, defaults filled in. Secrets stay in it; print it with `redact`. */
  readonly config: unknown;
  /** Optional name given in config (composite children). */
  readonly name?: string;
  /** Resolves when the event was accepted (delivered, or queued for background transports); rejects with a TransportError. */
  emit(event: OpenLineageEvent): Promise<void>;
  /**
   * Waits for what was emitted before the call. `true`: every such event was delivered. `false`: an
   * event emitted since the previous flush failed, was dropped or could not be serialized, or
   * `timeoutMs` (undefined or negative: no limit) passed first. A failure is reported by the next
   * flush (and every flush that was waiting for that event), not by later ones. Never rejects for
   * delivery problems. Events a transport skips by design (DataZone's non-run events, a transformer
   * returning null) are not failures. Unlike Python's `wait_for_completion` (True once everything
   * was processed, delivered or not), `true` here means delivered.
   */
  flush?(timeoutMs?: number): Promise<boolean>;
  /** Stops accepting events and returns what `flush(timeoutMs)` would; releases resources within `timeoutMs`; idempotent (later calls return the first result). */
  close(timeoutMs?: number): Promise<boolean>;
  /** Background counters, for transports that deliver asynchronously. */
  stats?(): TransportStats;
  /**
   * For transports that deliver in the background: subscribes to failures that no `emit` promise
   * reports (the transport logs and counts them itself). Returns a function that unsubscribes.
   */
  onError?(listener: (error: Error, event: BackgroundEventInfo) => void): () => void;
}

/** What a background failure says about its event (the event itself may be gone: queues keep only its JSON). */
export interface BackgroundEventInfo {
  runId?: string | undefined;
  eventType?: string | undefined;
}

/**
 * What `parse` and `create` receive besides the config: where the config came from (for errors),
 * the logger, and a way to build child transports through the same registry. It is an
 * OptionScope, so `new OptionReader(value, context)` reads a value with this transport's provenance.
 */
export interface TransportContext extends OptionScope {
  logger: Logger;
  /** Key path of this transport's config in the whole config, e.g. `['transport', 'transports', 'first']`. */
  path: readonly string[];
  /** Describes where the value at an absolute key path came from: `openlineage.yml:7`, `OPENLINEAGE__TRANSPORT__URL`, `code`. */
  origin(path: readonly string[]): string;
  /** Directory that relative module specifiers in this config resolve against. */
  baseDir: string;
  /** Environment the config was resolved from (child transports and token providers may read it). */
  env: Record<string, string | undefined>;
  /** Builds a child transport through the registry (composite and transform use this). */
  createChild(config: unknown, path: readonly string[]): Promise<Transport>;
  /**
   * In `create`: the reader `parse` read this config with, to name where a key was given in any
   * spelling (`options.pathOf('credentials_file')`) without carrying key paths in the parsed config.
   */
  options?: OptionReader;
}

/** The one wording for options a transport does not read: ignored, as the Python client does, and named once. */
export function warnUnknownOptions(context: Pick<TransportContext, 'logger' | 'path'>, type: string, unknown: readonly string[]): void {
  if (unknown.length) context.logger.warn(`${type} transport at ${context.path.join('.')}: ignoring unknown option(s) ${unknown.join(', ')}`);
}

/**
 * How the registry knows a transport type. The registry reads the config once: `parse` gets an
 * OptionReader over the raw mapping (any key spelling, env strings coerced, every value's origin
 * known) and returns the typed config, or throws a ConfigError; `create` builds the transport from
 * that config alone. `openlineage config` calls only `parse`, to show the normalized options without
 * opening anything, so `parse` must not touch the network or files.
 */
export interface TransportDescriptor<C = unknown> {
  /** Canonical type name, e.g. `http`. */
  readonly type: string;
  /**
   * Other names accepted in config: spellings (`async-http`) and the Python client's class paths
   * (`openlineage.client.transport.http.HttpTransport`), so one openlineage.yml serves both clients.
   * The descriptor is the only place these are listed.
   */
  readonly aliases?: readonly string[];
  parse(options: OptionReader, context: TransportContext): C;
  create(config: C, context: TransportContext): Transport | Promise<Transport>;
}
