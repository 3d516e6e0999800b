/**
 * Contract of the `kafka` transport (kafkajs):
 * - flush: true (default): emit resolves once the broker acknowledged the message, rejects with a TransportError
 *   within message.timeout.ms otherwise. flush: false: emit queues on @ol/delivery and resolves; batches of
 *   batch.num.messages leave after linger.ms; beyond queue.buffering.max.messages emits are dropped (counted, warned).
 * - Order: one batch in flight keeps every key in submission order; with max.in.flight > 1, a run's events still never
 *   overtake its START.
 * - flush(timeoutMs) / close(timeoutMs): the one definition in @ol/delivery's README; close disconnects the producer
 *   within what is left of the timeout; idempotent.
 * - stats(): { pending, success, failed, dropped }.
 */
import { DeliveryEngine, FlushTracker } from '@ol/delivery';
import {
  OpenLineageError,
  defaultLogger,
  type Logger,
  type OpenLineageEvent,
  type OptionScope,
  redactWhenPrinted,
  toJSON,
  type Transport,
  TransportError,
  type TransportStats,
} from '@ol/core';
import { codeScope, parseLogLevel, rateLimited, scrub, utf8Bytes, withDeadline } from '@ol/core/internal';
import { Kafka, logLevel as KafkaLogLevel } from './kafkajs.js';
import type { LogEntry, Message, Producer } from './kafkajs.js';
import { defaultMessageKey } from './keys.js';
import { partitionerFor } from './partitioner.js';
import { normalizeKafkaConfig, readProducerProperties, type KafkaTransportConfig, type KafkaTransportOptions, type ProducerSettings } from './config.js';

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
 * message on @ol/delivery's engine and returns; batches of up to `batch.num.messages` leave after
 * `linger.ms`, up to `max.in.flight` batches at once, and a run's events never overtake its START;
 * `flush()`/`close()` wait for the acknowledgements.
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

  /** `flush: true`: emits awaiting their acknowledgement, and what flush/close report about them. */
  private readonly acked = new FlushTracker();
  private readonly counters = { success: 0 };
  /** `flush: false`: the shared delivery engine queues, batches and counts. */
  private readonly engine: DeliveryEngine<Message> | undefined;

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
    if (!config.flush) {
      this.engine = new DeliveryEngine<Message>({
        maxConcurrent: s.batchesInFlight,
        // queue.buffering.max.messages: beyond it an emit is dropped at once, never made to wait.
        maxQueueSize: s.maxQueueSize,
        maxWaitingSubmits: 0,
        send: (message) => this.deliver([message]),
        batch: {
          maxEvents: s.batchNumMessages,
          maxBytes: Infinity,
          lingerMs: s.lingerMs,
          sizeOf: () => 0,
          send: (messages) => this.deliver(messages).then(() => undefined),
        },
        onFailure: (err) => this.warnFailure(`kafka transport: event(s) not delivered: ${(err as Error).message}`),
        onDrop: (reason) => {
          if (reason === 'overflow')
            this.warnDrop(`kafka transport: buffer full (queue.buffering.max.messages=${s.maxQueueSize}); dropping events for ${this.target}`);
        },
      });
    }
  }

  /** Where messages go, for errors and logs. */
  get target(): string {
    return `topic "${this.config.topic}" on ${this.settings.brokers.join(',')}`;
  }

  async emit(event: OpenLineageEvent): Promise<void> {
    if (this.closing) throw new TransportError(`kafka transport is closed; event not sent to ${this.target}`, { transport: 'kafka' });
    const engine = this.engine;
    if (engine?.dropIfFull()) return;
    let message: Message;
    try {
      // Bytes, not the text: a queued rope of string pieces is copied by every young-generation GC.
      message = { key: this.config.messageKey ?? defaultMessageKey(event), value: utf8Bytes(toJSON(event)) };
    } catch (err) {
      if (engine) engine.refuse();
      else this.acked.refuse();
      throw err;
    }
    if (engine) {
      const run = (event as { run?: { runId?: unknown } }).run;
      // One batch in flight keeps submission order; with more, only a run's START-first order is kept.
      if (this.settings.batchesInFlight === 1 || typeof run?.runId !== 'string') return engine.submit(message);
      return engine.submit(message, run.runId, (event as { eventType?: unknown }).eventType === 'START');
    }
    const epoch = this.acked.enter();
    try {
      await this.deliver([message]);
      this.counters.success++;
      this.acked.settle(epoch, true);
    } catch (err) {
      // Reported through the rejection alone: whoever called emit counts it (the client, a composite),
      // so counting it in stats() too would count it twice.
      this.acked.settle(epoch, false);
      throw err;
    }
  }

  /** See @ol/delivery's README: true when every event emitted since the previous flush was acknowledged within the timeout. */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.engine ? this.engine.flush(timeoutMs) : this.acked.flush(timeoutMs);
  }

  close(timeoutMs?: number): Promise<boolean> {
    this.closing ??= this.doClose(timeoutMs);
    return this.closing;
  }

  stats(): TransportStats {
    if (this.engine) return this.engine.stats();
    return { pending: this.acked.outstanding, success: this.counters.success, failed: 0, dropped: 0 };
  }

  private async doClose(timeoutMs: number | undefined): Promise<boolean> {
    const started = Date.now();
    const ok = await (this.engine ? this.engine.close(timeoutMs) : this.acked.flush(timeoutMs));
    if (this.connecting) {
      const left = timeoutMs === undefined ? 5000 : Math.max(0, timeoutMs - (Date.now() - started));
      await withDeadline(this.producer.disconnect(), left, () => new DeadlineError(`timed out after ${left} ms`)).catch((err: unknown) =>
        this.logger.debug(`kafka transport: disconnect: ${this.scrubbed(err)}`),
      );
    }
    return ok;
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
      const ms = this.settings.deliveryTimeoutMs;
      await withDeadline(this.connected ? send() : this.connect().then(send), ms, () => new DeadlineError(`timed out after ${ms} ms`));
    } catch (err) {
      const timedOut = err instanceof DeadlineError;
      const reason = timedOut ? `no acknowledgement within message.timeout.ms=${this.settings.deliveryTimeoutMs}` : this.scrubbed(err);
      throw new TransportError(
        `kafka transport: could not deliver ${messages.length === 1 ? 'event' : `${messages.length} events`} to ${this.target}: ${reason}`,
        {
          transport: 'kafka',
          retryable: timedOut || (err as { retriable?: boolean }).retriable !== false,
          cause: timedOut ? undefined : this.scrubbedError(err),
        },
      );
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

class DeadlineError extends OpenLineageError {}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/**
 * Reads the producer properties (they may name certificate files, so not in the descriptor's
 * `parse`) and builds the transport. Property errors name `properties.path` plus the property.
 */
export function buildKafkaTransport(
  config: KafkaTransportConfig,
  properties: OptionScope,
  logger: Logger,
  baseDir: string,
  env: Record<string, string | undefined>,
): KafkaTransport {
  const settings: ProducerSettings = readProducerProperties(config.config, { ...properties, baseDir });
  return new KafkaTransport(config, { logger, settings, env });
}

/** Builds the transport from options given in code. */
export function createKafkaTransport(options: KafkaTransportOptions): KafkaTransport {
  const { logger, baseDir, ...raw } = options;
  return buildKafkaTransport(
    normalizeKafkaConfig(raw, codeScope(['transport'])),
    codeScope(['transport', 'config']),
    logger ?? defaultLogger(),
    baseDir ?? process.cwd(),
    process.env,
  );
}
