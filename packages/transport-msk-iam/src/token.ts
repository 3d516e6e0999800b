import type { Logger } from '@ol/core';
import { scrub } from '@ol/core/internal';
import {
  generateAuthToken,
  generateAuthTokenFromCredentialsProvider,
  generateAuthTokenFromProfile,
  generateAuthTokenFromRole,
  type GenerateAuthTokenResponse,
} from 'aws-msk-iam-sasl-signer-js';
import type { MskIamTransportConfig } from './config.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When the credentials stop working; a token never outlives them. */
  expiration?: Date;
}

/** Static credentials or a provider of them (an AWS SDK credential provider fits). */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** librdkafka refreshes an OAUTHBEARER token at 80% of its lifetime; the Python transport inherits that, and so do we. */
export const REFRESH_AT_LIFETIME_SHARE = 0.8;

export interface TokenSource {
  region: string;
  awsProfile?: string;
  roleArn?: string;
  awsDebugCreds: boolean;
  /** Credentials given in code (win over everything else). */
  credentials?: AwsCredentials | AwsCredentialsProvider;
  /** The client's environment: `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` are taken from it. */
  env: Record<string, string | undefined>;
  logger: Logger;
  now?: () => number;
}

/**
 * Hands kafkajs an MSK IAM token at every (re-)authentication: the cached one until 80% of its
 * lifetime has passed, then a freshly signed one. Concurrent connections share one signing.
 * Credentials, in order: given in code, `aws_profile`, `role_arn`, the client env's access keys,
 * the AWS SDK's default chain (which reads the process environment, shared files, SSO, container
 * and instance roles itself).
 */
export class MskTokenProvider {
  readonly #source: TokenSource;
  readonly #now: () => number;
  #current: { value: string; refreshAt: number; expiresAt: number } | undefined;
  #signing: Promise<{ value: string }> | undefined;
  /** Tokens handed out so far (for tests and debug logging; never their values). */
  issued = 0;

  constructor(source: TokenSource) {
    this.#source = source;
    this.#now = source.now ?? Date.now;
  }

  token(): Promise<{ value: string }> {
    const current = this.#current;
    if (current !== undefined && this.#now() < current.refreshAt) return Promise.resolve({ value: current.value });
    this.#signing ??= this.#sign().finally(() => (this.#signing = undefined));
    return this.#signing;
  }

  /** Values that must never appear in a message: the current token and secrets from the environment. */
  secrets(): string[] {
    const env = this.#source.env;
    const creds = typeof this.#source.credentials === 'object' ? this.#source.credentials : undefined;
    return [this.#current?.value, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, creds?.secretAccessKey, creds?.sessionToken].filter(
      (s): s is string => !!s,
    );
  }

  async #sign(): Promise<{ value: string }> {
    const { region, logger } = this.#source;
    const issuedAt = this.#now();
    let response: GenerateAuthTokenResponse;
    try {
      response = await this.#generate();
    } catch (err) {
      const message = scrub(err instanceof Error ? err.message : String(err), this.secrets());
      throw new Error(`MSK IAM: could not sign an auth token for region ${region} (${this.#how()}): ${message}`);
    }
    const lifetime = Math.max(0, response.expiryTime - issuedAt);
    this.#current = { value: response.token, expiresAt: response.expiryTime, refreshAt: issuedAt + lifetime * REFRESH_AT_LIFETIME_SHARE };
    this.issued++;
    logger.debug(`msk-iam transport: signed a new auth token for region ${region} (${this.#how()}), expires ${new Date(response.expiryTime).toISOString()}`);
    return { value: response.token };
  }

  #how(): string {
    const s = this.#source;
    if (s.credentials !== undefined) return 'credentials given in code';
    if (s.awsProfile !== undefined) return `profile ${s.awsProfile}`;
    if (s.roleArn !== undefined) return `role ${s.roleArn}`;
    if (envCredentials(s.env)) return 'AWS_ACCESS_KEY_ID from the environment';
    return 'the AWS default credential chain';
  }

  #generate(): Promise<GenerateAuthTokenResponse> {
    const s = this.#source;
    const logger = { debug: (m: unknown) => s.logger.debug(`aws-msk-iam-sasl-signer: ${String(m)}`), info: () => {}, warn: () => {}, error: () => {} };
    const base = { region: s.region, awsDebugCreds: s.awsDebugCreds, logger };
    if (s.credentials !== undefined) {
      const given = s.credentials;
      return generateAuthTokenFromCredentialsProvider({ ...base, awsCredentialsProvider: typeof given === 'function' ? given : () => Promise.resolve(given) });
    }
    if (s.awsProfile !== undefined) return generateAuthTokenFromProfile({ ...base, awsProfileName: s.awsProfile });
    if (s.roleArn !== undefined) return generateAuthTokenFromRole({ ...base, awsRoleArn: s.roleArn });
    const fromEnv = envCredentials(s.env);
    if (fromEnv) return generateAuthTokenFromCredentialsProvider({ ...base, awsCredentialsProvider: () => Promise.resolve(fromEnv) });
    return generateAuthToken(base);
  }
}

/** Access keys in the client's environment, the first link of the AWS default chain, read from `env` rather than `process.env`. */
function envCredentials(env: Record<string, string | undefined>): AwsCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env.AWS_SESSION_TOKEN?.trim();
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

export function tokenSourceOf(config: MskIamTransportConfig, rest: Omit<TokenSource, 'region' | 'awsProfile' | 'roleArn' | 'awsDebugCreds'>): TokenSource {
  return {
    region: config.region,
    awsDebugCreds: config.awsDebugCreds,
    ...(config.awsProfile !== undefined && { awsProfile: config.awsProfile }),
    ...(config.roleArn !== undefined && { roleArn: config.roleArn }),
    ...rest,
  };
}
