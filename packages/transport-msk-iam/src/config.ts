import { ConfigError, type OptionScope } from '@ol/core';
import { OptionReader, readerOf } from '@ol/core/internal';
import { normalizeKafkaConfig } from '@ol/transport-kafka';

/** Normalized config (`transport.config`): the kafka transport's options plus the MSK IAM ones, camelCase, region resolved. */
export interface MskIamTransportConfig {
  topic: string;
  /** Producer properties by librdkafka name, as written (`security.protocol` / `sasl.mechanism` are implied). */
  config: Record<string, unknown>;
  messageKey?: string;
  flush: boolean;
  /** AWS region of the cluster; the token is signed for `kafka.<region>.amazonaws.com`. */
  region: string;
  /** Where `region` came from: `config`, `AWS_REGION` or `AWS_DEFAULT_REGION`. */
  regionFrom: 'config' | 'AWS_REGION' | 'AWS_DEFAULT_REGION';
  /** Named profile of the shared AWS config/credentials files to sign with. */
  awsProfile?: string;
  /** IAM role to assume (STS) and sign with. */
  roleArn?: string;
  /** Log the identity behind the credentials (an STS GetCallerIdentity call) at debug level. */
  awsDebugCreds: boolean;
}

/** What a user may write in `openlineage.yml`, variables or code: every key in snake_case or camelCase. */
export interface MskIamTransportOptions {
  topic: string;
  config: Record<string, string | number | boolean>;
  messageKey?: string;
  flush?: boolean;
  region?: string;
  awsProfile?: string;
  roleArn?: string;
  awsDebugCreds?: boolean;
  [key: string]: unknown;
}

export interface MskIamParseContext extends OptionScope {
  /** Where `AWS_REGION` / `AWS_DEFAULT_REGION` are read from: the client's environment. */
  env: Record<string, string | undefined>;
}

export const MSK_IAM_OPTION_KEYS: readonly string[] = [
  'type',
  'name',
  'priority',
  'topic',
  'topicName',
  'config',
  'properties',
  'messageKey',
  'flush',
  'region',
  'aws_profile',
  'role_arn',
  'aws_debug_creds',
];

/** Properties this transport sets itself: they may be written (as a Python config does), but only with these values. */
export const IMPLIED_PROPERTIES: Readonly<Record<string, string>> = Object.freeze({
  'security.protocol': 'SASL_SSL',
  'sasl.mechanism': 'OAUTHBEARER',
  'sasl.mechanisms': 'OAUTHBEARER',
});

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * Reads an `msk-iam` transport config: everything the kafka transport takes, plus `region` (else
 * `AWS_REGION`, else `AWS_DEFAULT_REGION`, from the given environment; none is a ConfigError),
 * `aws_profile`, `role_arn` and `aws_debug_creds`. Pure: producer properties are checked by the kafka
 * transport when the transport is built (they may name certificate files).
 */
export function parseMskIamConfig(raw: unknown, context: MskIamParseContext): MskIamTransportConfig {
  const r = readerOf(raw, context);
  const { topic, config, messageKey, flush } = normalizeKafkaConfig(r.raw, context);
  const props = new OptionReader(config, { path: r.pathOf('config', ['properties']), origin: context.origin });
  for (const [name, value] of Object.entries(IMPLIED_PROPERTIES)) {
    const given = props.string(name);
    if (given !== undefined && given.toUpperCase() !== value) {
      throw props.error(name, `${value} (MSK IAM authentication always uses SASL_SSL with OAUTHBEARER; leave it out)`, given);
    }
  }
  const configured = r.string('region');
  const fromEnv = configured === undefined ? envRegion(context.env) : undefined;
  if (configured === undefined && fromEnv === undefined) {
    throw new ConfigError({
      source: context.origin([...context.path, 'type']),
      path: r.pathOf('region').join('.'),
      expected: 'an AWS region such as "eu-west-1": `region` in the transport config, or AWS_REGION / AWS_DEFAULT_REGION in the environment',
      actual: undefined,
    });
  }
  const region = configured ?? fromEnv!.value;
  if (!REGION.test(region)) {
    if (configured !== undefined) throw r.error('region', 'an AWS region name such as "eu-west-1"', configured);
    throw new ConfigError({ source: fromEnv!.name, path: r.pathOf('region').join('.'), expected: 'an AWS region name such as "eu-west-1"', actual: region });
  }
  const awsProfile = r.string('aws_profile');
  const roleArn = r.string('role_arn');
  if (roleArn !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(roleArn)) {
    throw r.error('role_arn', 'an IAM role ARN such as "arn:aws:iam::123456789012:role/lineage"', roleArn);
  }
  return {
    topic,
    config,
    ...(messageKey !== undefined && { messageKey }),
    flush,
    region,
    regionFrom: configured !== undefined ? 'config' : fromEnv!.name,
    ...(awsProfile !== undefined && { awsProfile }),
    ...(roleArn !== undefined && { roleArn }),
    awsDebugCreds: r.boolean('aws_debug_creds', { default: false }),
  };
}

/** Keys nothing reads (ignored; the descriptor logs them). */
export function unknownMskIamKeys(raw: unknown, context: OptionScope): string[] {
  return readerOf(raw, context).unknownKeys(MSK_IAM_OPTION_KEYS);
}

/** The properties the kafka transport parses: TLS from them, SASL from this transport's token provider. */
export function kafkaProperties(config: MskIamTransportConfig): Record<string, unknown> {
  const implied = new Set(Object.keys(IMPLIED_PROPERTIES));
  const rest = Object.fromEntries(Object.entries(config.config).filter(([k]) => !implied.has(k.toLowerCase())));
  return { ...rest, 'security.protocol': 'SSL' };
}

function envRegion(env: Record<string, string | undefined>): { name: 'AWS_REGION' | 'AWS_DEFAULT_REGION'; value: string } | undefined {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}
