import type { Logger, TransportDescriptor } from '@ol/core';
import { type NamedConfig, readName, warnUnknownOptions } from '@ol/core/internal';
import { normalizeDatadogConfig, parseDatadogConfig, unknownDatadogKeys, type DatadogTransportConfig, type DatadogTransportOptions } from './config.js';
import { DatadogTransport, TRANSPORT_TYPE } from './transport.js';

export const PYTHON_CLASS_PATH = 'openlineage.client.transport.datadog.DatadogTransport';

export const descriptor: TransportDescriptor<DatadogTransportConfig & NamedConfig> = {
  type: TRANSPORT_TYPE,
  aliases: [PYTHON_CLASS_PATH],
  parse(options, context) {
    const unknown = unknownDatadogKeys(options, context);
    warnUnknownOptions(context, 'datadog', unknown);
    return { ...parseDatadogConfig(options, context), ...readName(options) };
  },
  create({ name, ...config }, context) {
    return new DatadogTransport(config, { logger: context.logger, ...(name !== undefined && { name }) });
  },
};

export interface CreateDatadogTransportOptions extends DatadogTransportOptions {
  logger?: Logger;
  name?: string;
  /** Where `DD_API_KEY` / `DD_SITE` are read from (default `process.env`). */
  env?: Record<string, string | undefined>;
  keepProcessAlive?: boolean;
}

/** Builds the transport from code; options are checked as strictly as config files are. */
export function createDatadogTransport(options: CreateDatadogTransportOptions = {}): DatadogTransport {
  const { logger, name, env, keepProcessAlive, ...rest } = options;
  return new DatadogTransport(normalizeDatadogConfig(rest, env), {
    ...(logger !== undefined && { logger }),
    ...(name !== undefined && { name }),
    ...(keepProcessAlive !== undefined && { keepProcessAlive }),
  });
}
