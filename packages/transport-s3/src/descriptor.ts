import type { TransportDescriptor } from '@ol/core';
import { type NamedConfig, readName, warnUnknownOptions } from '@ol/core/internal';
import { JAVA_CLASS_NAME, TRANSPORT_TYPE, parseS3Config, parseWithUnknown } from './config.js';
import type { S3TransportConfig, S3TransportOptions } from './config.js';
import { S3Transport } from './transport.js';
import type { S3TransportRuntime } from './transport.js';

export const descriptor: TransportDescriptor<S3TransportConfig & NamedConfig> = {
  type: TRANSPORT_TYPE,
  // Java's class name, so a config written for the Java client names the same transport.
  aliases: [JAVA_CLASS_NAME],
  parse(options, context) {
    const { config, unknown } = parseWithUnknown(options, context);
    warnUnknownOptions(context, 's3', unknown);
    return { ...config, ...readName(options) };
  },
  create({ name, ...config }, context) {
    return new S3Transport(config, { logger: context.logger, env: context.env, ...(name !== undefined && { name }) });
  },
};

export interface CreateS3TransportOptions extends S3TransportOptions, Omit<S3TransportRuntime, 'env'> {}

/** Builds the transport from code; options are checked as strictly as config files are. Region falls back to `process.env.AWS_REGION`. */
export function createS3Transport(options: CreateS3TransportOptions): S3Transport {
  const { credentials, clientConfig, logger, name, ...rest } = options;
  const config = parseS3Config(rest, { env: process.env });
  return new S3Transport(config, {
    env: process.env,
    ...(credentials !== undefined && { credentials }),
    ...(clientConfig !== undefined && { clientConfig }),
    ...(logger !== undefined && { logger }),
    ...(name !== undefined && { name }),
  });
}
