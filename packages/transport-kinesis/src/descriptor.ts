import type { TransportDescriptor } from '@ol/core';
import { type NamedConfig, readName, warnUnknownOptions } from '@ol/core/internal';
import { JAVA_CLASS_NAME, TRANSPORT_TYPE, parseKinesisConfig, parseWithUnknown } from './config.js';
import type { KinesisTransportConfig, KinesisTransportOptions } from './config.js';
import { KinesisTransport } from './transport.js';
import type { KinesisTransportRuntime } from './transport.js';

export const descriptor: TransportDescriptor<KinesisTransportConfig & NamedConfig> = {
  type: TRANSPORT_TYPE,
  // Java's class name, so a config written for the Java client names the same transport.
  aliases: [JAVA_CLASS_NAME],
  parse(options, context) {
    const { config, unknown } = parseWithUnknown(options, context);
    warnUnknownOptions(context, 'kinesis', unknown);
    return { ...config, ...readName(options) };
  },
  create({ name, ...config }, context) {
    return new KinesisTransport(config, { logger: context.logger, env: context.env, ...(name !== undefined && { name }) });
  },
};

export interface CreateKinesisTransportOptions extends KinesisTransportOptions, Omit<KinesisTransportRuntime, 'env'> {}

/** Builds the transport from code; options are checked as strictly as config files are. Region falls back to `process.env.AWS_REGION`. */
export function createKinesisTransport(options: CreateKinesisTransportOptions): KinesisTransport {
  const { credentials, clientConfig, stsClientConfig, logger, name, onError, keepProcessAlive, ...rest } = options;
  const config = parseKinesisConfig(rest, { env: process.env });
  return new KinesisTransport(config, {
    env: process.env,
    ...(credentials !== undefined && { credentials }),
    ...(clientConfig !== undefined && { clientConfig }),
    ...(stsClientConfig !== undefined && { stsClientConfig }),
    ...(logger !== undefined && { logger }),
    ...(name !== undefined && { name }),
    ...(onError !== undefined && { onError }),
    ...(keepProcessAlive !== undefined && { keepProcessAlive }),
  });
}
