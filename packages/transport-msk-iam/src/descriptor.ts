import { defaultLogger, type Logger, type TransportDescriptor } from '@ol/core';
import { codeScope, type NamedConfig, readName, warnUnknownOptions } from '@ol/core/internal';
import { parseMskIamConfig, unknownMskIamKeys, type MskIamTransportConfig, type MskIamTransportOptions } from './config.js';
import type { AwsCredentials, AwsCredentialsProvider } from './token.js';
import { MskIamTransport, TRANSPORT_TYPE } from './transport.js';

export const PYTHON_CLASS_PATH = 'openlineage.client.transport.msk_iam.MSKIAMTransport';

export const descriptor: TransportDescriptor<MskIamTransportConfig & NamedConfig> = {
  type: TRANSPORT_TYPE,
  aliases: ['msk_iam', PYTHON_CLASS_PATH],
  parse(options, context) {
    const unknown = unknownMskIamKeys(options, context);
    warnUnknownOptions(context, 'msk-iam', unknown);
    return { ...parseMskIamConfig(options, context), ...readName(options) };
  },
  create({ name, ...config }, context) {
    return new MskIamTransport(config, {
      logger: context.logger,
      env: context.env,
      baseDir: context.baseDir,
      path: context.path,
      origin: context.origin,
      ...(name !== undefined && { name }),
    });
  },
};

export interface CreateMskIamTransportOptions extends MskIamTransportOptions {
  /** Credentials or a provider (an AWS SDK credential provider fits); default: see the README's credential order. */
  credentials?: AwsCredentials | AwsCredentialsProvider;
  logger?: Logger;
  name?: string;
  /** Where AWS_REGION / AWS_DEFAULT_REGION and access keys are read from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Directory relative `ssl.*.location` paths resolve against (default `process.cwd()`). */
  baseDir?: string;
}

/** Builds the transport from code; options are checked as strictly as config files are. */
export function createMskIamTransport(options: CreateMskIamTransportOptions): MskIamTransport {
  const { credentials, logger, name, env = process.env, baseDir, ...rest } = options;
  const config = parseMskIamConfig(rest, { ...codeScope(['transport']), env });
  return new MskIamTransport(config, {
    logger: logger ?? defaultLogger(env),
    env,
    baseDir: baseDir ?? process.cwd(),
    ...(credentials !== undefined && { credentials }),
    ...(name !== undefined && { name }),
  });
}
