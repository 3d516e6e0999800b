import { parseLogLevel, rateLimited, scrub, toJSON, TransportError, redactWhenPrinted } from '@ol/core';
import type { Logger, OpenLineageEvent, Transport, TransportStats } from '@ol/core';
import { Kafka, logLevel as KafkaLogLevel } from './kafkajs.js';
import type { LogEntry, Message, Producer } from './kafkajs.js';
import { defaultMessageKey } from './keys.js';
import { partitionerFor } from './partitioner.js';
import type { ProducerSettings } from './properties.js';

/** Normalized config (camelCase keys, defaults filled in); `config` keeps the librdkafka names as given. */
export interface KafkaTransportConfig {
  type: 'kafka';
  topic: string;
  config: Record<string, unknown>;
  messageKey?: string;
  flush: boolean;
}

export interface KafkaTransportRuntime {
  logger: Logger;
  /** Parsed producer properties. */
  settings: ProducerSettings;
  env?: Record<string, string | undefined>;
  /**
   * Authenticate with SASL/OAUTHBEARER, asking this provider for the token at every (re-)authentication;
   * it replaces any SASL settings from the properties (librdkafka's `oauth_cb`, which properties cannot
   * express). Extension point for transports built on this one, e.g. `@ol/transport-msk-iam`.
   */
  oauthBearerProvider?: () => Promise<{ value: string }>;
}

/**
 * Sends each event's JSON to one topic with kafkajs. `flush: true` (the default, as in Python):
 * `emit` resolves once the broker acknowledged the message. `flush: false`: `emit` queues the
 * message and returns; batches leave after `linger.ms` or at `batch.num.messages`, one batch in
 * flight at a time so events keep their order; `flush()`/`close()` wait for the acknowledgements.
 */
export class KafkaTransport implements Transport {
  static {
    // console.log / JSON.stringify show the config with secrets as ***.
    redactWhenPrinted(this);
  }

  readonly type = 'kafka';
  readonly config: KafkaTransportConfig;
  private readonly settings: ProducerSettings;
  private readonly logger: Logger;
  private readonly producer: Producer;
  private readonly secrets: string[];
  private readonly warnFailure: (message: string) => void;
  private readonly warnDrop: (message: string) => void;
  private readonly warnKafka: (message: string) => void;
  private connecting: Promise<void> | undefined;
  /** kafkajs reconnects a connected producer by itself; only the first connection is ours to make. */
  private connected = false;
  private closing: Promise<boolean> | undefined;
  private closed = false;

  private readonly counters = { success: 0, failed: 0, dropped: 0 };
  private inFlight = 0;
  private readonly queue: Message[] = [];
  private sending = false;
  private lingerTimer: NodeJS.Timeout | undefined;
  private flushers = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(config: KafkaTransportConfig, runtime: KafkaTransportRuntime) {
    this.config = config;
    this.settings = runtime.settings;
    this.logger = runtime.logger;
    const s = this.settings;
    this.secrets = [s.sasl?.password, typeof s.ssl?.passphrase === 'string' ? s.ssl.passphrase : undefined].filter((x): x is string => typeof x === 'string');
    this.warnFailure = rateLimited((m) => this.logger.warn(m));
    this.warnDrop = rateLimited((m) => this.logger.warn(m));
    this.warnKafka = rateLimited((m) => this.logger.warn(m));
    if (s.unsupported.length > 0) {
      this.logger.warn(`kafka transport: ignoring producer properties it cannot honour: ${s.unsupported.join(', ')}`);
    }
    const debug = parseLogLevel(runtime.env?.OPENLINEAGE_CLIENT_LOGGING) === 'debug';
    const kafka = new Kafka({
      brokers: s.brokers,
      clientId: s.clientId,
      connectionTimeout: s.connectionTimeoutMs,
      requestTimeout: s.requestTimeoutMs,
      retry: { retries: s.retries, initialRetryTime: s.initialRetryTimeMs, maxRetryTime: s.maxRetryTimeMs },
      ...(s.ssl ? { ssl: s.ssl } : {}),
      ...(runtime.oauthBearerProvider
        ? { sasl: { mechanism: 'oauthbearer' as const, oauthBearerProvider: runtime.oauthBearerProvider } }
        : s.sasl
          ? { sasl: s.sasl }
          : {}),
      logLevel: debug ? KafkaLogLevel.DEBUG : KafkaLogLevel.WARN,
      logCreator: () => (entry) => this.kafkaLog(entry),
    });
    this.producer = kafka.producer({
      createPartitioner: partitionerFor(s.partitioner),
      idempotent: s.idempotent,
      allowAutoTopicCreation: true,
      ...(s.maxInFlightRequests !== undefined ? { maxInFlightRequests: s.maxInFlightRequests } : {}),
    });
  }

  /** Where messages go, for errors and logs. */
  get target(): string {
    return `topic "${this.config.topic}" on ${this.settings.brokers.join(',')}`;
  }

  async emit(event: OpenLineageEvent): Promise<void> {
    if (this.closed) throw new TransportError(`kafka transport is closed; event not sent to ${this.target}`, { transport: 'kafka' });
    const message: Message = { key: this.config.messageKey ?? defaultMessageKey(event), value: toJSON(event) };
    if (this.config.flush) {
      this.inFlight++;
      try {
        await this.deliver([message]);
        this.counters.success++;
      } catch (err) {
        this.counters.failed++;
        throw err;
      } finally {
        this.inFlight--;
        this.notifyIfIdle();
      }
      return;
    }
    if (this.pending >= this.settings.maxQueueSize) {
      this.counters.dropped++;
      this.warnDrop(`kafka transport: buffer full (queue.buffering.max.messages=${this.settings.maxQueueSize}); dropping events for ${this.target}`);
      return;
    }
    this.queue.push(message);
    this.schedule();
  }

  async flush(timeoutMs?: number): Promise<boolean> {
    const failedBefore = this.counters.failed + this.counters.dropped;
    this.flushers++;
    try {
      this.pump();
      const idle = await this.waitIdle(timeoutMs);
      return idle && this.counters.failed + this.counters.dropped === failedBefore;
    } finally {
      this.flushers--;
    }
  }

  close(timeoutMs?: number): Promise<boolean> {
    this.closing ??= this.doClose(timeoutMs);
    return this.closing;
  }

  stats(): TransportStats {
    return { pending: this.pending, ...this.counters };
  }

  private get pending(): number {
    return this.queue.length + this.inFlight;
  }

  private async doClose(timeoutMs: number | undefined): Promise<boolean> {
    const started = Date.now();
    const ok = await this.flush(timeoutMs);
    this.closed = true;
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    if (this.queue.length > 0) {
      this.counters.dropped += this.queue.length;
      this.queue.length = 0;
    }
    if (this.connecting) {
      const left = timeoutMs === undefined ? 5000 : Math.max(0, timeoutMs - (Date.now() - started));
      await withDeadline(this.producer.disconnect(), left).catch((err: unknown) => this.logger.debug(`kafka transport: disconnect: ${this.scrubbed(err)}`));
    }
    return ok;
  }

  private schedule(): void {
    if (this.sending) return;
    if (this.queue.length >= this.settings.batchNumMessages || this.flushers > 0 || this.settings.lingerMs === 0) {
      this.pump();
      return;
    }
    this.lingerTimer ??= setTimeout(() => this.pump(), this.settings.lingerMs);
  }

  /** Sends the next batch unless one is in flight; the in-flight batch's completion sends the rest. */
  private pump(): void {
    if (this.lingerTimer) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = undefined;
    }
    if (this.sending || this.queue.length === 0) return;
    this.sending = true;
    const batch = this.queue.splice(0, this.settings.batchNumMessages);
    this.inFlight += batch.length;
    this.deliver(batch)
      .then(
        () => {
          this.counters.success += batch.length;
        },
        (err: unknown) => {
          this.counters.failed += batch.length;
          this.warnFailure(`kafka transport: ${batch.length} event(s) not delivered: ${(err as Error).message}`);
        },
      )
      .finally(() => {
        this.inFlight -= batch.length;
        this.sending = false;
        if (this.queue.length > 0 && !this.closed) this.pump();
        this.notifyIfIdle();
      })
      .catch(() => undefined);
  }

  private waitIdle(timeoutMs: number | undefined): Promise<boolean> {
    if (this.pending === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.push(done);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
          resolve(false);
        }, Math.max(0, timeoutMs));
      }
    });
  }

  private notifyIfIdle(): void {
    if (this.pending !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().then(
      () => {
        this.connected = true;
      },
      (err: unknown) => {
        this.connecting = undefined;
        throw err;
      },
    );
    return this.connecting;
  }

  /** One produce request (kafkajs retries inside), bounded by `message.timeout.ms`. */
  private async deliver(messages: Message[]): Promise<void> {
    try {
      const send = () =>
        this.producer.send({
          topic: this.config.topic,
          messages,
          acks: this.settings.acks,
          timeout: this.settings.requestTimeoutMs,
          compression: this.settings.compressionType,
        });
      await withDeadline(this.connected ? send() : this.connect().then(send), this.settings.deliveryTimeoutMs);
    } catch (err) {
      const timedOut = err instanceof DeadlineError;
      const reason = timedOut ? `no acknowledgement within message.timeout.ms=${this.settings.deliveryTimeoutMs}` : this.scrubbed(err);
      throw new TransportError(`kafka transport: could not deliver ${messages.length === 1 ? 'event' : `${messages.length} events`} to ${this.target}: ${reason}`, {
        transport: 'kafka',
        retryable: timedOut || (err as { retriable?: boolean }).retriable !== false,
        cause: timedOut ? undefined : this.scrubbedError(err),
      });
    }
  }

  private scrubbed(err: unknown): string {
    return scrub(err instanceof Error ? err.message : String(err), this.secrets);
  }

  /** kafkajs errors carry no credentials today; the copy makes sure a future one cannot leak them. */
  private scrubbedError(err: unknown): Error {
    const copy = new Error(this.scrubbed(err));
    copy.name = err instanceof Error ? err.name : 'Error';
    return copy;
  }

  private kafkaLog(entry: LogEntry): void {
    const { message, ...rest } = entry.log as { message: string; [k: string]: unknown };
    const extra = Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'timestamp' && k !== 'logger' && k !== 'stack'));
    const details = Object.keys(extra).length ? ` ${safeJson(extra)}` : '';
    const line = scrub(`kafkajs ${entry.namespace}: ${message}${details}`, this.secrets);
    if (entry.level === KafkaLogLevel.ERROR || entry.level === KafkaLogLevel.WARN) this.warnKafka(`kafka transport: ${line}`);
    else if (entry.level === KafkaLogLevel.INFO) this.logger.info(line);
    else this.logger.debug(line);
  }
}

class DeadlineError extends Error {}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`timed out after ${ms} ms`)), ms);
  });
  // A send abandoned at its deadline may still fail later; that outcome is already reported.
  promise.catch(() => undefined);
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
