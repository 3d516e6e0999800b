import fs from 'node:fs';
import { ConfigError, type TransportDescriptor } from '@ol/core';
import { type NamedConfig, readName, warnUnknownOptions } from '@ol/core/internal';
import { JAVA_CLASS_NAME, TRANSPORT_TYPE, parseGcsConfig, parseWithUnknown } from './config.js';
import type { GcsTransportConfig, GcsTransportOptions } from './config.js';
import { GcsTransport } from './transport.js';
import type { GcsTransportRuntime } from './transport.js';

export const descriptor: TransportDescriptor<GcsTransportConfig & NamedConfig> = {
  type: TRANSPORT_TYPE,
  // Java's class name, so a config written for the Java client names the same transport.
  aliases: [JAVA_CLASS_NAME],
  parse(options, context) {
    const { config, unknown } = parseWithUnknown(options, context);
    warnUnknownOptions(context, TRANSPORT_TYPE, unknown);
    return { ...config, ...readName(options) };
  },
  // The key file is checked when the transport is built, not when `openlineage config` only reads the config.
  create({ name, ...config }, context) {
    checkCredentialsFile(config, context.options?.pathOf('credentialsFile') ?? [...context.path, 'credentialsFile'], context.origin);
    return new GcsTransport(config, { logger: context.logger, ...(name !== undefined && { name }) });
  },
};

/** A missing key file is a startup error naming the option, not a failure on every event. */
function checkCredentialsFile(config: GcsTransportConfig, keyPath: readonly string[], origin: (path: readonly string[]) => string): void {
  if (config.credentialsFile === undefined || fs.existsSync(config.credentialsFile)) return;
  throw new ConfigError({
    source: origin(keyPath),
    path: keyPath.join('.'),
    expected: 'the path of an existing service account key file',
    actual: config.credentialsFile,
  });
}

export interface CreateGcsTransportOptions extends GcsTransportOptions, GcsTransportRuntime {}

/** Builds the transport from code; options are checked as strictly as config files are. */
export function createGcsTransport(options: CreateGcsTransportOptions): GcsTransport {
  const { storageOptions, logger, name, ...rest } = options;
  const config = parseGcsConfig(rest);
  checkCredentialsFile(config, ['transport', 'credentialsFile'], () => 'code');
  return new GcsTransport(config, {
    ...(storageOptions !== undefined && { storageOptions }),
    ...(logger !== undefined && { logger }),
    ...(name !== undefined && { name }),
  });
}
