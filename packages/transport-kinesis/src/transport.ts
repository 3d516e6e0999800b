/**
 * Contract of the `kinesis` transport:
 * - `emit` checks and serializes the event, then queues it on @ol/delivery's engine and resolves
 *   (waits only while the queue is full). An event over 1 MiB with its partition key rejects at
 *   once, naming its size. Delivery failures are counted in `stats()`, logged (rate-limited) and
 *   told to `onError` listeners; they never reject an emit or crash the process.
 * - Records go out in PutRecords calls of at most `maxRecordsPerCall` (≤ 500) records and
 *   `maxBytesPerCall` (≤ 5 MiB) of data plus partition keys, gathered for up to `lingerMs`.
 * - Partition key as Java's (see partition-key.ts): a job's runs, and a parent's child runs, share a shard.
 * - A partly successful call: the failed records (throttled, internal errors) are sent again with
 *   backoff, up to `maxAttempts` tries per record and never after `recordTtlMs` since `emit`.
 *   Whole-call failures are retried by the SDK (`maxAttempts`).
 * - The engine's per-run START gate: a run's later events wait until the call holding its START
 *   settled, so START reaches the stream first even when it had to be retried.
 * - `flush`/`close` as every background transport here (README of @ol/delivery); `close` then
 *   destroys the SDK client.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { KinesisClientConfig } from '@aws-sdk/client-kinesis';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { DeliveryEngine } from '@ol/delivery';
import {
  type BackgroundEventInfo,
  type Logger,
  type OpenLineageEvent,
  redactWhenPrinted,
  silentLogger,
  toJSON,
  type Transport,
  TransportError,
  type TransportStats,
} from '@ol/core';
import { rateLimited } from '@ol/core/internal';
import { KINESIS_LIMITS, TRANSPORT_TYPE } from './config.js';
import type { KinesisTransportConfig } from './config.js';
import { callError, recordCodeRetryable, recordError } from './errors.js';
import { partitionKeyOf } from './partition-key.js';

const ACCEPTED = Promise.resolve();
/** Role session name Java's transport uses, so CloudTrail shows the same caller. */
const ROLE_SESSION_NAME = 'OLProducer';

export type KinesisErrorListener = (error: Error, event: BackgroundEventInfo) => void;

export interface KinesisTransportRuntime {
  /** Static credentials or a provider; absent: the SDK's default chain (and, with `roleArn`, the identity that assumes the role). Code only. */
  credentials?: KinesisClientConfig['credentials'];
  /** More KinesisClient settings, applied last. Code only. */
  clientConfig?: KinesisClientConfig;
  /** Settings of the STS client that assumes `roleArn` (e.g. an endpoint). Code only. */
  stsClientConfig?: Record<string, unknown>;
  logger?: Logger;
  name?: string;
  onError?: KinesisErrorListener;
  /** Keep Node running while records are pending (default true). */
  keepProcessAlive?: boolean;
  /** Environment the config came from: its AWS secrets are scrubbed from messages too. */
  env?: Record<string, string | undefined>;
}

interface KinesisRecord {
  data: Buffer;
  key: string;
  /** When it was emitted (ms), for `recordTtlMs`. */
  at: number;
  runId: string | undefined;
  eventType: string | undefined;
}

export class KinesisTransport implements Transport {
  static {
    redactWhenPrinted(this);
  }

  readonly type = TRANSPORT_TYPE;
  readonly config: KinesisTransportConfig;
  readonly name?: string;
  readonly #client: KinesisClient;
  readonly #engine: DeliveryEngine<KinesisRecord>;
  readonly #logger: Logger;
  readonly #listeners = new Set<KinesisErrorListener>();
  readonly #secrets: (string | undefined)[];
  readonly #warnFailure: (m: string) => void;
  readonly #warnDrop: (m: string) => void;
  #closing: Promise<boolean> | undefined;

  constructor(config: KinesisTransportConfig, runtime: KinesisTransportRuntime = {}) {
    this.config = config;
    if (runtime.name !== undefined) this.name = runtime.name;
    this.#logger = runtime.logger ?? silentLogger;
    if (runtime.onError) this.#listeners.add(runtime.onError);
    this.#warnFailure = rateLimited((m) => this.#logger.warn(m));
    this.#warnDrop = rateLimited((m) => this.#logger.warn(m));
    for (const p of config.ignoredProperties) {
      this.#logger.warn(`kinesis: property ${p} has no meaning without the Kinesis Producer Library and is ignored (see the README for the ones that map)`);
    }
    const creds = runtime.credentials;
    const env = runtime.env ?? {};
    this.#secrets = [
      ...(typeof creds === 'object' ? [creds.secretAccessKey, creds.sessionToken] : []),
      env.AWS_SECRET_ACCESS_KEY,
      env.AWS_SESSION_TOKEN,
      process.env.AWS_SECRET_ACCESS_KEY,
      process.env.AWS_SESSION_TOKEN,
    ];
    const credentials =
      config.roleArn === undefined
        ? creds
        : fromTemporaryCredentials({
            params: { RoleArn: config.roleArn, RoleSessionName: ROLE_SESSION_NAME },
            ...(creds !== undefined && { masterCredentials: creds }),
            clientConfig: { region: config.region, ...runtime.stsClientConfig },
          });
    this.#client = new KinesisClient({
      region: config.region,
      ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
      ...(credentials !== undefined && { credentials }),
      maxAttempts: config.maxAttempts,
      // HTTP/1.1 with a pool of MaxConnections sockets, as KPL: the client's default HTTP/2 handler
      // exists for SubscribeToShard, which a producer never calls.
      requestHandler: new NodeHttpHandler({
        connectionTimeout: config.connectTimeoutMs,
        requestTimeout: config.requestTimeoutMs,
        // Without it the SDK only warns and keeps waiting on a hung peer.
        throwOnRequestTimeout: true,
        httpsAgent: { keepAlive: true, maxSockets: config.maxConnections },
        httpAgent: { keepAlive: true, maxSockets: config.maxConnections },
      }),
      ...runtime.clientConfig,
    });
    this.#engine = new DeliveryEngine<KinesisRecord>({
      maxConcurrent: config.maxConnections,
      maxQueueSize: config.maxQueueSize,
      maxWaitingSubmits: config.maxQueueSize,
      keepProcessAlive: runtime.keepProcessAlive ?? true,
      send: async (record, signal) => {
        const [error] = await this.#put([record], signal);
        if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
      },
      batch: {
        maxEvents: config.maxRecordsPerCall,
        maxBytes: config.maxBytesPerCall,
        lingerMs: config.lingerMs,
        sizeOf: (r) => r.data.length + Buffer.byteLength(r.key),
        send: (records, signal) => this.#put(records, signal),
      },
      onFailure: (error, record) => this.#failed(error, record),
      onDrop: (reason) => this.#dropped(reason),
    });
  }

  emit(event: OpenLineageEvent): Promise<void> {
    if (this.#closing) return Promise.reject(new TransportError('kinesis transport is closed', { transport: TRANSPORT_TYPE, retryable: false }));
    if (this.#engine.dropIfFull()) return ACCEPTED;
    let data: Buffer;
    try {
      data = Buffer.from(toJSON(event), 'utf8');
    } catch (cause) {
      this.#engine.refuse();
      return Promise.reject(
        new TransportError(`kinesis: the event cannot be serialized to JSON: ${(cause as Error).message}`, {
          transport: TRANSPORT_TYPE,
          retryable: false,
          cause,
        }),
      );
    }
    const key = partitionKeyOf(event);
    const size = data.length + Buffer.byteLength(key);
    if (size > KINESIS_LIMITS.maxRecordBytes) {
      this.#engine.refuse();
      return Promise.reject(
        new TransportError(
          `kinesis: the event is ${size} bytes with its partition key; Kinesis accepts at most ${KINESIS_LIMITS.maxRecordBytes} per record (trim large facets such as schema or SQL)`,
          { transport: TRANSPORT_TYPE, retryable: false },
        ),
      );
    }
    const e = event as { run?: { runId?: unknown }; eventType?: unknown };
    const runId = typeof e.run?.runId === 'string' ? e.run.runId : undefined;
    const eventType = typeof e.eventType === 'string' ? e.eventType.toUpperCase() : undefined;
    const record: KinesisRecord = { data, key, at: Date.now(), runId, eventType };
    return this.#engine.submit(record, runId, eventType === 'START') ?? ACCEPTED;
  }

  /**
   * One PutRecords call for `records`, then again for the records a partial success refused, until
   * all are in, their tries or TTL ran out, or `close` aborted. One result per record: undefined = stored.
   */
  async #put(records: KinesisRecord[], signal: AbortSignal): Promise<unknown[]> {
    const results: unknown[] = new Array<unknown>(records.length).fill(undefined);
    let pending = records.map((_, i) => i);
    for (let attempt = 1; ; attempt++) {
      const now = Date.now();
      pending = pending.filter((i) => {
        if (now - records[i]!.at <= this.config.recordTtlMs) return true;
        const last = results[i] instanceof Error ? `; last error: ${results[i].message}` : '';
        results[i] = new TransportError(`kinesis: record not delivered within RecordTtl (${this.config.recordTtlMs} ms)${last}`, {
          transport: TRANSPORT_TYPE,
          retryable: true,
          cause: results[i],
        });
        return false;
      });
      if (pending.length === 0) return results;
      let out;
      try {
        out = await this.#client.send(
          new PutRecordsCommand({
            StreamName: this.config.streamName,
            Records: pending.map((i) => ({ Data: records[i]!.data, PartitionKey: records[i]!.key })),
          }),
          { abortSignal: signal },
        );
      } catch (err) {
        const error = callError(err, this.config.streamName, this.#secrets);
        for (const i of pending) results[i] = error;
        return results;
      }
      const retry: number[] = [];
      (out.Records ?? []).forEach((r, j) => {
        const i = pending[j]!;
        if (r.ErrorCode === undefined) {
          results[i] = undefined;
          return;
        }
        results[i] = recordError(this.config.streamName, r.ErrorCode, r.ErrorMessage, attempt, out.$metadata.requestId);
        if (recordCodeRetryable(r.ErrorCode)) retry.push(i);
      });
      if (retry.length === 0 || attempt >= this.config.maxAttempts) return results;
      pending = retry;
      try {
        // Throttling is per shard and per second: back off 100 ms, 200 ms, 400 ms …, capped at 2 s.
        await sleep(Math.min(2000, 100 * 2 ** (attempt - 1)), undefined, { signal });
      } catch {
        return results;
      }
    }
  }

  stats(): TransportStats {
    return this.#engine.stats();
  }

  flush(timeoutMs?: number): Promise<boolean> {
    return this.#engine.flush(timeoutMs);
  }

  /** Flushes within the timeout, gives up on the rest (counted), then destroys the SDK client. Idempotent. */
  close(timeoutMs?: number): Promise<boolean> {
    this.#closing ??= this.#engine.close(timeoutMs).then((delivered) => {
      this.#client.destroy();
      return delivered;
    });
    return this.#closing;
  }

  onError(listener: KinesisErrorListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #failed(cause: unknown, record: KinesisRecord): void {
    const error = TransportError.isInstance(cause)
      ? cause
      : new TransportError(`kinesis: delivery failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
          transport: TRANSPORT_TYPE,
          retryable: false,
          cause,
        });
    const what = record.runId === undefined ? 'an event' : `a ${record.eventType ?? 'run'} event of run ${record.runId}`;
    this.#warnFailure(`kinesis: could not deliver ${what}: ${error.message} (${this.#engine.stats().failed} failed so far)`);
    for (const listener of this.#listeners) {
      try {
        listener(error, { runId: record.runId, eventType: record.eventType });
      } catch (err) {
        this.#logger.error(`kinesis: an onError listener threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  #dropped(reason: 'overflow' | 'closed'): void {
    const { dropped } = this.#engine.stats();
    this.#warnDrop(
      reason === 'overflow'
        ? `kinesis: dropping events: the queue (${this.config.maxQueueSize}) and the waiting line are full — Kinesis is slower than the emitter (${dropped} dropped so far)`
        : `kinesis: close() timed out; records not yet sent were dropped (${dropped} dropped so far)`,
    );
  }
}
