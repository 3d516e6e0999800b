/**
 * GcpLineageTransport — contract.
 *
 * - Sends each RunEvent to Google Cloud Data Lineage with `ProcessOpenLineageRunEvent` (parent
 *   `projects/<project_id>/locations/<location>`) through `@google-cloud/lineage`, over its REST
 *   transport (HTTP/1.1 + JSON; see the README for why not gRPC). Job and dataset events are skipped,
 *   counted as dropped and warned about once per kind, as Data Lineage accepts run events only.
 * - `asyncTransportRules` decides, exactly as the Python client does, which events are sent without
 *   waiting: their `emit` resolves once queued (bounded queue, a run's events never overtake its START,
 *   failures counted in `stats()`, logged and passed to `onError`). Other events' `emit` resolves when
 *   Google answered and rejects with a TransportError otherwise.
 * - Every call is bounded by `timeout` (library retries on UNAVAILABLE included). Errors carry the Google
 *   status, the HTTP status and whether retrying can help; credentials never appear in them or in logs.
 * - The client library is loaded and the client created on the first event, so building the transport
 *   costs nothing and reads no credentials. `close` drains (within its timeout) and closes the client.
 */
import {
  type BackgroundEventInfo,
  eventKind,
  type EventKind,
  type Logger,
  type OpenLineageEvent,
  redactWhenPrinted,
  type RunEvent,
  silentLogger,
  toJSON,
  type Transport,
  TransportError,
  type TransportStats,
} from '@ol/core';
import { rateLimited, routesAsync, withDeadline } from '@ol/core/internal';
import type { LineageClient } from '@google-cloud/lineage';
import { DeliveryEngine } from '@ol/delivery';
import { endpointOf, type GcpLineageTransportConfig } from './config.js';
import { TRANSPORT_TYPE, toTransportError } from './errors.js';
import { toStruct, type Struct } from './struct.js';

/** Events sent without waiting may queue up to this many; beyond it `emit` waits for room (as `async_http`). */
export const BACKGROUND_QUEUE_SIZE = 10_000;
/** Requests in flight at once for events sent without waiting. */
export const BACKGROUND_CONCURRENCY = 10;

export interface GcpLineageTransportDeps {
  logger?: Logger;
  name?: string;
  /** Keep the process alive while events sent without waiting are pending (default true). */
  keepProcessAlive?: boolean;
}

interface Request {
  parent: string;
  openLineage: Struct;
}

type ErrorListener = (error: Error, event: BackgroundEventInfo) => void;

export class GcpLineageTransport implements Transport {
  static {
    redactWhenPrinted(this);
  }

  readonly type = TRANSPORT_TYPE;
  readonly config: GcpLineageTransportConfig;
  readonly name?: string;
  readonly #parent: string;
  readonly #logger: Logger;
  readonly #engine: DeliveryEngine<Request>;
  readonly #listeners = new Set<ErrorListener>();
  readonly #warnedKinds = new Set<EventKind>();
  readonly #warnFailure: (message: string) => void;
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #counts = { dropped: 0, delivered: 0 };
  #client: Promise<LineageClient> | undefined;
  #closed: Promise<boolean> | undefined;

  constructor(config: GcpLineageTransportConfig, deps: GcpLineageTransportDeps = {}) {
    this.config = config;
    if (deps.name !== undefined) this.name = deps.name;
    this.#parent = `projects/${config.projectId}/locations/${config.location}`;
    this.#logger = deps.logger ?? silentLogger;
    this.#warnFailure = rateLimited((m) => this.#logger.warn(m));
    this.#engine = new DeliveryEngine<Request>({
      maxConcurrent: BACKGROUND_CONCURRENCY,
      maxQueueSize: BACKGROUND_QUEUE_SIZE,
      maxWaitingSubmits: BACKGROUND_QUEUE_SIZE,
      keepProcessAlive: deps.keepProcessAlive ?? true,
      send: (request) => this.#call(request),
      onFailure: (error, request, runId) => this.#failed(error, request, runId),
      onDrop: (reason) =>
        this.#logger.warn(
          `gcplineage: dropping events (${reason === 'overflow' ? 'queue full' : 'close() timed out'}; ${this.#engine.stats().dropped} so far)`,
        ),
    });
  }

  emit(event: OpenLineageEvent): Promise<void> {
    if (this.#closed) return Promise.reject(new TransportError('gcplineage transport is closed', { transport: TRANSPORT_TYPE, retryable: false }));
    const kind = eventKind(event);
    if (kind !== 'RunEvent') {
      this.#counts.dropped++;
      if (!this.#warnedKinds.has(kind)) {
        this.#warnedKinds.add(kind);
        this.#logger.warn(`gcplineage: Data Lineage accepts only RunEvents: ${kind}s are skipped and counted as dropped (warned once)`);
      }
      return Promise.resolve();
    }
    let request: Request;
    try {
      // Converted now: the caller may change its event object as soon as emit returns.
      request = { parent: this.#parent, openLineage: toStruct(JSON.parse(toJSON(event)) as Record<string, unknown>) };
    } catch (cause) {
      return Promise.reject(
        new TransportError(`gcplineage: the event cannot be serialized to JSON: ${(cause as Error).message}`, {
          transport: TRANSPORT_TYPE,
          retryable: false,
          cause,
        }),
      );
    }
    const run = (event as RunEvent).run;
    if (routesAsync(event, this.config.asyncTransportRules)) {
      return this.#engine.submit(request, run.runId, String((event as RunEvent).eventType).toUpperCase() === 'START') ?? Promise.resolve();
    }
    const call = this.#call(request).then(() => {
      this.#counts.delivered++;
    });
    this.#inFlight.add(call);
    const forget = () => this.#inFlight.delete(call);
    call.then(forget, forget);
    return call;
  }

  /** Waits for blocking emits under way and everything queued; true when all was delivered within the timeout. */
  async flush(timeoutMs?: number): Promise<boolean> {
    const [background, blocking] = await Promise.all([
      this.#engine.flush(timeoutMs),
      within(
        Promise.allSettled([...this.#inFlight]).then(() => true),
        timeoutMs,
      ),
    ]);
    return background && blocking;
  }

  /** Stops accepting events, drains within the timeout, then closes the client library's connections. Idempotent. */
  close(timeoutMs?: number): Promise<boolean> {
    this.#closed ??= (async () => {
      const blocking = await within(
        Promise.allSettled([...this.#inFlight]).then(() => true),
        timeoutMs,
      );
      const background = await this.#engine.close(timeoutMs);
      const client = this.#client;
      if (client) await client.then((c) => c.close()).catch((err: unknown) => this.#logger.debug(`gcplineage: closing the client: ${(err as Error).message}`));
      return blocking && background;
    })();
    return this.#closed;
  }

  /**
   * `success`: events delivered either way; `pending`/`failed`: events sent without waiting; `dropped`:
   * those given up at close or overflow, plus the job and dataset events skipped. A blocking emit that
   * fails rejects, and the client counts that itself (counting it here too would count it twice).
   */
  stats(): TransportStats {
    const s = this.#engine.stats();
    return { pending: s.pending, success: s.success + this.#counts.delivered, failed: s.failed, dropped: s.dropped + this.#counts.dropped };
  }

  onError(listener: ErrorListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #call(request: Request): Promise<void> {
    let client: LineageClient;
    try {
      client = await this.#lineageClient();
    } catch (err) {
      throw toTransportError(err, this.#parent, []);
    }
    const timeoutMs = Math.round(this.config.timeout * 1000);
    try {
      // The HTTP transport aborts the request at `timeout` (see #lineageClient); the deadline here also
      // bounds what it does not cover (finding credentials, a stalled retry), so an emit never hangs.
      const deadlineMs = timeoutMs + 1000;
      await withDeadline(
        client.processOpenLineageRunEvent(request, { timeout: timeoutMs }),
        deadlineMs,
        () => new DeadlineExceeded(`no answer within ${deadlineMs} ms (deadline exceeded)`),
      );
    } catch (err) {
      throw toTransportError(err, this.#parent, []);
    }
  }

  #lineageClient(): Promise<LineageClient> {
    this.#client ??= import('@google-cloud/lineage').then(({ LineageClient }) => {
      const endpoint = this.config.apiEndpoint !== undefined ? endpointOf(this.config.apiEndpoint) : undefined;
      return new LineageClient({
        fallback: true,
        // The REST transport ignores per-call timeouts; the auth client's HTTP requests honour this one.
        clientOptions: { transporterOptions: { timeout: Math.round(this.config.timeout * 1000) } },
        ...(endpoint !== undefined && { apiEndpoint: endpoint.host, port: endpoint.port, protocol: endpoint.protocol }),
        ...(this.config.credentialsPath !== undefined && { keyFilename: this.config.credentialsPath }),
      });
    });
    // A failed load is not kept: the next event tries again.
    this.#client.catch(() => (this.#client = undefined));
    return this.#client;
  }

  #failed(error: unknown, request: Request, runId: string | undefined): void {
    const e = TransportError.isInstance(error) ? error : toTransportError(error, this.#parent, []);
    const type = request.openLineage.fields.eventType;
    const eventType = type !== undefined && 'stringValue' in type ? type.stringValue : undefined;
    this.#warnFailure(
      `gcplineage: could not deliver a ${eventType ?? 'run'} event of run ${runId ?? '?'}: ${e.message} (${this.#engine.stats().failed} failed so far)`,
    );
    for (const listener of this.#listeners) {
      try {
        listener(e, { runId, eventType });
      } catch (err) {
        this.#logger.error(`gcplineage: an onError listener threw: ${(err as Error).message}`);
      }
    }
  }
}

class DeadlineExceeded extends Error {
  override name = 'TimeoutError';
}

async function within(done: Promise<boolean>, timeoutMs: number | undefined): Promise<boolean> {
  if (timeoutMs === undefined || timeoutMs < 0) return done;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([done, expired]);
  } finally {
    clearTimeout(timer);
  }
}
