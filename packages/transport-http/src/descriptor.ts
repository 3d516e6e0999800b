import type { TransportContext, TransportDescriptor } from '@ol/core';
import { OptionReader } from '@ol/core/internal';
import { readHttpOptions, unknownHttpKeys, type HttpTransportConfig } from './config.js';
import { HttpTransport } from './transport.js';

function reader(config: Record<string, unknown>, context: TransportContext): OptionReader {
  return new OptionReader(config, { path: context.path, origin: context.origin });
}

export const descriptor: TransportDescriptor<HttpTransportConfig> = {
  type: 'http',
  aliases: ['openlineage.client.transport.http.HttpTransport', 'openlineage.client.transport.HttpTransport'],
  normalize: (config, context) => readHttpOptions(reader(config, context)),
  async create(config, context) {
    const r = reader(config, context);
    const normalized = readHttpOptions(r);
    const unknown = unknownHttpKeys(r);
    if (unknown.length) context.logger.warn(`http transport at ${context.path.join('.')}: ignoring unknown option(s) ${unknown.join(', ')}`);
    const transport = new HttpTransport(normalized, { logger: context.logger, baseDir: context.baseDir });
    await transport.ready();
    return transport;
  },
};
