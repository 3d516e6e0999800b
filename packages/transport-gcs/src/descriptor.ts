import fs from 'node:fs';
import { ConfigError } from '@ol/core';
import type { TransportContext, TransportDescriptor } from '@ol/core';
import { JAVA_CLASS_NAME, TRANSPORT_TYPE, parseGcsConfig, parseWithUnknown } from './config.js';
import type { GcsTransportConfig, GcsTransportOptions } from './config.js';
import { GcsTransport } from './transport.js';
import type { GcsTransportRuntime } from './transport.js';

export const descriptor: TransportDescriptor<GcsTransportConfig> = {
  type: TRANSPORT_TYPE,
  // Java's class name, so a config written for the Java client names the same transport.
  aliases: [JAVA_CLASS_NAME],
  create(raw, context) {
    const { config, unknown } = parseWithUnknown(raw, context);
    if (unknown.length) context.logger.warn(`gcs transport at ${context.path.join('.')}: ignoring unknown option(s) ${unknown.join(', ')}`);
    checkCredentialsFile(config, raw, context);
    const name = typeof raw.name === 'string' ? raw.name : undefined;
    return new GcsTransport(config, { logger: context.logger, ...(name !== undefined && { name }) });
  },
  normalize: (raw, context) => parseGcsConfig(raw, context),
};

/** A missing key file is a startup error naming the option, not a failure on every event. */
function checkCredentialsFile(config: GcsTransportConfig, raw: Record<string, unknown>, context?: Pick<TransportContext, 'path' | 'origin'>): void {
  if (config.credentialsFile === undefined || fs.existsSync(config.credentialsFile)) return;
  const key = Object.keys(raw).find((k) => k.replace(/[_-]/g, '').toLowerCase() === 'credentialsfile') ?? 'credentialsFile';
  const keyPath = [...(context?.path ?? ['transport']), key];
  throw new ConfigError({
    source: context?.origin(keyPath) ?? 'code',
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
  checkCredentialsFile(config, rest);
  return new GcsTransport(config, {
    ...(storageOptions !== undefined && { storageOptions }),
    ...(logger !== undefined && { logger }),
    ...(name !== undefined && { name }),
  });
}
