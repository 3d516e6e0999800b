/**
 * MskIamTransport — contract.
 *
 * - Everything the kafka transport does (`@ol/transport-kafka`: one topic, message keys, `flush`
 *   semantics, producer properties, stats, bounded failures), through that transport — no second Kafka
 *   client. This class only adds authentication and presents itself as type `msk-iam`.
 * - Connections use TLS (the `ssl.*` properties apply) and SASL/OAUTHBEARER with MSK IAM tokens from
 *   `aws-msk-iam-sasl-signer-js`, signed for `region`. kafkajs asks for a token at every connection and
 *   re-authentication (MSK makes clients re-authenticate before the token's session ends); a token is
 *   reused until 80% of its lifetime, then signed anew.
 * - A token that cannot be signed (no credentials, STS refusal) fails the emit like an unreachable broker
 *   would: a TransportError, within `message.timeout.ms`. Tokens and AWS secrets never appear in messages.
 */
import { type Logger, type OpenLineageEvent, redactWhenPrinted, type Transport, type TransportStats } from '@ol/core';
import { KafkaTransport, readProducerProperties } from '@ol/transport-kafka';
import { kafkaProperties, type MskIamTransportConfig } from './config.js';
import { MskTokenProvider, tokenSourceOf, type AwsCredentials, type AwsCredentialsProvider } from './token.js';

export const TRANSPORT_TYPE = 'msk-iam';

export interface MskIamTransportDeps {
  logger: Logger;
  /** The client's environment (access keys, OPENLINEAGE_CLIENT_LOGGING). */
  env: Record<string, string | undefined>;
  /** Directory relative `ssl.*.location` paths resolve against. */
  baseDir: string;
  /** Credentials given in code; they win over `aws_profile`, `role_arn` and the environment. */
  credentials?: AwsCredentials | AwsCredentialsProvider;
  name?: string;
  /** Key path of the config, for errors in producer properties. */
  path?: readonly string[];
  origin?(path: readonly string[]): string;
}

export class MskIamTransport implements Transport {
  static {
    redactWhenPrinted(this);
  }

  readonly type = TRANSPORT_TYPE;
  readonly config: MskIamTransportConfig;
  readonly name?: string;
  readonly #kafka: KafkaTransport;
  readonly #tokens: MskTokenProvider;

  constructor(config: MskIamTransportConfig, deps: MskIamTransportDeps) {
    this.config = config;
    if (deps.name !== undefined) this.name = deps.name;
    const path = deps.path ?? ['transport'];
    const origin = deps.origin ?? (() => 'code');
    const settings = readProducerProperties(kafkaProperties(config), { path: [...path, 'config'], origin, baseDir: deps.baseDir });
    this.#tokens = new MskTokenProvider(
      tokenSourceOf(config, { env: deps.env, logger: deps.logger, ...(deps.credentials !== undefined && { credentials: deps.credentials }) }),
    );
    const kafkaConfig = {
      type: 'kafka' as const,
      topic: config.topic,
      config: config.config,
      flush: config.flush,
      ...(config.messageKey !== undefined && { messageKey: config.messageKey }),
    };
    this.#kafka = new KafkaTransport(kafkaConfig, { logger: deps.logger, settings, env: deps.env, oauthBearerProvider: () => this.#tokens.token() });
  }

  /** Tokens signed so far (each connection or re-authentication past 80% of a token's lifetime signs one). */
  get tokensIssued(): number {
    return this.#tokens.issued;
  }

  emit(event: OpenLineageEvent): Promise<void> {
    return this.#kafka.emit(event);
  }

  flush(timeoutMs?: number): Promise<boolean> {
    return this.#kafka.flush(timeoutMs);
  }

  close(timeoutMs?: number): Promise<boolean> {
    return this.#kafka.close(timeoutMs);
  }

  stats(): TransportStats {
    return this.#kafka.stats();
  }
}
