import fs from 'node:fs';
import { ConfigError, type Logger, type TransportContext, type TransportDescriptor } from '@ol/core';
import { type NamedConfig, OptionReader, readName, warnUnknownOptions } from '@ol/core/internal';
import {
  normalizeGcpLineageConfig,
  parseGcpLineageConfig,
  unknownGcpLineageKeys,
  type GcpLineageTransportConfig,
  type GcpLineageTransportOptions,
} from './config.js';
import { TRANSPORT_TYPE } from './errors.js';
import { GcpLineageTransport } from './transport.js';

export const PYTHON_CLASS_PATH = 'openlineage.client.transport.gcplineage.GCPLineageTransport';

export const descriptor: TransportDescriptor<GcpLineageTransportConfig & NamedConfig> = {
  type: TRANSPORT_TYPE,
  aliases: [PYTHON_CLASS_PATH],
  parse(options, context) {
    const unknown = unknownGcpLineageKeys(options, context);
    warnUnknownOptions(context, 'gcplineage', unknown);
    return { ...parseGcpLineageConfig(options, context), ...readName(options) };
  },
  create({ name, ...config }, context) {
    assertReadable(config, context);
    return new GcpLineageTransport(config, { logger: context.logger, ...(name !== undefined && { name }) });
  },
};

export interface CreateGcpLineageTransportOptions extends GcpLineageTransportOptions {
  logger?: Logger;
  name?: string;
  /** Where GOOGLE_APPLICATION_CREDENTIALS is read from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Directory a relative `credentialsPath` resolves against (default `process.cwd()`). */
  baseDir?: string;
  keepProcessAlive?: boolean;
}

/** Builds the transport from code; options are checked as strictly as config files are. */
export function createGcpLineageTransport(options: CreateGcpLineageTransportOptions): GcpLineageTransport {
  const { logger, name, env, baseDir, keepProcessAlive, ...rest } = options;
  const config = normalizeGcpLineageConfig(rest, env, baseDir);
  assertReadable(config, { path: ['transport'], origin: () => 'code' });
  return new GcpLineageTransport(config, {
    ...(logger !== undefined && { logger }),
    ...(name !== undefined && { name }),
    ...(keepProcessAlive !== undefined && { keepProcessAlive }),
  });
}

/** A credentials file that cannot be read fails at start-up, not at the first event. */
function assertReadable(config: GcpLineageTransportConfig, context: Pick<TransportContext, 'path' | 'origin'>): void {
  const file = config.credentialsPath;
  if (file === undefined) return;
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (cause) {
    // A path taken from the environment is named by its variable, as the AWS transports name AWS_REGION.
    const fromEnv = config.keyFileFrom === 'GOOGLE_APPLICATION_CREDENTIALS';
    const keyPath = new OptionReader({}, context).pathOf('credentials_path');
    throw new ConfigError({
      source: fromEnv ? 'GOOGLE_APPLICATION_CREDENTIALS' : context.origin(keyPath),
      path: fromEnv ? 'GOOGLE_APPLICATION_CREDENTIALS' : keyPath.join('.'),
      expected: 'a readable Google credentials JSON file (e.g. a service-account key)',
      actual: file,
      cause,
    });
  }
}
