/**
 * Contract of the `amazon_datazone_api` transport (AWS SDK):
 * - emit(event): RunEvents go to PostLineageEvent (core's toJSON, 300 KB at most); resolves once stored, rejects with a
 *   DataZoneTransportError (AWS error name, request id, status, attempts) otherwise. Job and dataset events are skipped
 *   (counted dropped, warned once per kind).
 * - flush(timeoutMs) / close(timeoutMs): the one definition in @ol/delivery's README (skipped events do not count);
 *   close destroys the SDK client; idempotent.
 * - stats(): pending calls, stored events, skipped events (failures reach emit's caller, so failed stays 0).
 */
import { DataZoneClient, PostLineageEventCommand } from '@aws-sdk/client-datazone';
import type { DataZoneClientConfig } from '@aws-sdk/client-datazone';
import { FlushTracker } from '@ol/delivery';
import {
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
import { codeScope } from '@ol/core/internal';
import { clientTokenFor } from './client-token.js';
import { readDataZoneConfig, type DataZoneTransportConfig, type DataZoneTransportConfigInput } from './config.js';
import { TRANSPORT_TYPE, toTransportError } from './errors.js';
import { MAX_EVENT_BYTES, largestFacets } from './size.js';

export type DataZoneCredentials = DataZoneClientConfig['credentials'];

export interface DataZoneTransportRuntime {
  /** Static credentials or a provider; when absent the AWS SDK's default chain is used. Code only, never in config. */
  credentials?: DataZoneCredentials;
  logger?: Logger;
  name?: string;
}

/** Sends each RunEvent to a DataZone / SageMaker Unified Studio domain with PostLineageEvent. */
export class DataZoneTransport implements Transport {
  static {
    // console.log / JSON.stringify show the config with secrets as ***.
    redactWhenPrinted(this);
  }

  readonly type = TRANSPORT_TYPE;
  readonly config: DataZoneTransportConfig;
  readonly name?: string;
  private readonly client: DataZoneClient;
  private readonly logger: Logger;
  private readonly staticSecrets: string[];
  /** Calls under way and their outcome since the last flush: what `flush` and `close` report (see @ol/delivery). */
  private readonly flushes = new FlushTracker();
  private readonly warnedKinds = new Set<EventKind>();
  private readonly counts = { success: 0, dropped: 0 };
  private closing: Promise<boolean> | undefined;

  constructor(config: DataZoneTransportConfig, runtime: DataZoneTransportRuntime = {}) {
    this.config = config;
    if (runtime.name !== undefined) this.name = runtime.name;
    this.logger = runtime.logger ?? silentLogger;
    const creds = runtime.credentials;
    this.staticSecrets = typeof creds === 'object' ? [creds.secretAccessKey, creds.sessionToken].filter((s): s is string => !!s) : [];
    const timeoutMs = Math.round(config.timeout * 1000);
    this.client = new DataZoneClient({
      // The endpoint decides where requests go; the region is still needed to sign them.
      ...(config.endpointOverride !== undefined && { endpoint: config.endpointOverride }),
      ...(config.region !== undefined && { region: config.region }),
      ...(creds !== undefined && { credentials: creds }),
      maxAttempts: config.maxAttempts,
      // Without throwOnRequestTimeout the SDK only logs a warning and keeps waiting on a hung peer.
      requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
    });
  }

  emit(event: OpenLineageEvent): Promise<void> {
    if (this.closing) {
      return Promise.reject(new TransportError('DataZone transport is closed', { transport: TRANSPORT_TYPE, retryable: false }));
    }
    const kind = eventKind(event);
    if (kind !== 'RunEvent') {
      this.counts.dropped++;
      if (!this.warnedKinds.has(kind)) {
        this.warnedKinds.add(kind);
        this.logger.warn(`DataZone accepts only RunEvents: ${kind}s are skipped and counted as dropped (warned once)`);
      }
      return Promise.resolve();
    }
    const epoch = this.flushes.enter();
    const p = this.send(event as RunEvent);
    p.then(
      () => this.flushes.settle(epoch, true),
      () => this.flushes.settle(epoch, false),
    );
    return p;
  }

  private async send(event: RunEvent): Promise<void> {
    const body = Buffer.from(toJSON(event), 'utf8');
    if (body.length > MAX_EVENT_BYTES) {
      const top = largestFacets(event)
        .map((f) => `${f.pointer} (${f.bytes} bytes)`)
        .join(', ');
      throw new TransportError(
        `Event of run ${event.run.runId} is ${body.length} bytes; DataZone accepts at most ${MAX_EVENT_BYTES}. Largest facets: ${top || 'none'}`,
        { transport: TRANSPORT_TYPE, retryable: false },
      );
    }
    try {
      const out = await this.client.send(
        new PostLineageEventCommand({ domainIdentifier: this.config.domainId, event: body, clientToken: clientTokenFor(event) }),
      );
      this.counts.success++;
      this.logger.debug(`DataZone stored lineage event ${out.id ?? '?'} in domain ${out.domainId ?? this.config.domainId}`);
    } catch (err) {
      throw toTransportError(err, this.config.domainId, [...this.staticSecrets, process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN]);
    }
  }

  /**
   * Waits for the calls under way. True when every RunEvent emitted since the previous flush was stored; false when
   * one failed or some still run after `timeoutMs`. Skipped non-run events do not count (see `stats().dropped`).
   */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.flushes.flush(timeoutMs);
  }

  /** Lets emits under way finish (within the timeout), then destroys the SDK client and its sockets. Idempotent. */
  close(timeoutMs?: number): Promise<boolean> {
    this.closing ??= this.flush(timeoutMs).then((done) => {
      this.client.destroy();
      return done;
    });
    return this.closing;
  }

  /**
   * `pending`: PostLineageEvent calls under way; `success`: events DataZone stored; `dropped`: non-run
   * events skipped (their emit resolved, so only this counter shows them). `failed` stays 0: every
   * failure rejects its emit, and the client counts rejections itself (counting them here too would
   * count them twice in `client.stats()`).
   */
  stats(): TransportStats {
    return { pending: this.flushes.outstanding, success: this.counts.success, failed: 0, dropped: this.counts.dropped };
  }
}

export interface DataZoneTransportOptions extends DataZoneTransportConfigInput {
  /** Static credentials or a provider; default: the AWS SDK's default chain. */
  credentials?: DataZoneCredentials;
  logger?: Logger;
  name?: string;
}

/** Builds the transport from code; options are checked as strictly as config files are. */
export function createDataZoneTransport(options: DataZoneTransportOptions): DataZoneTransport {
  const { credentials, logger, name, ...rest } = options;
  const config = readDataZoneConfig(rest, codeScope(['transport']));
  return new DataZoneTransport(config, {
    ...(credentials !== undefined && { credentials }),
    ...(logger !== undefined && { logger }),
    ...(name !== undefined && { name }),
  });
}
