import type { TransportContext, TransportDescriptor } from '@ol/core';
import { OptionReader } from '@ol/core/internal';
import { readAsyncHttpOptions, unknownAsyncHttpKeys, type AsyncHttpTransportConfig } from './config.js';
import { AsyncHttpTransport, TYPE } from './transport.js';

function reader(config: Record<string, unknown>, context: TransportContext): OptionReader {
  return new OptionReader(config, { path: context.path, origin: context.origin });
}

export const descriptor: TransportDescriptor<AsyncHttpTransportConfig> = {
  type: TYPE,
  // The Python class path from the Python client's docs, so one openlineage.yml serves both clients.
  aliases: ['async-http', 'openlineage.client.transport.async_http.AsyncHttpTransport'],
  normalize: (config, context) => readAsyncHttpOptions(reader(config, context)),
  async create(config, context) {
    const r = reader(config, context);
    const normalized = readAsyncHttpOptions(r);
    const unknown = unknownAsyncHttpKeys(r);
    if (unknown.length) context.logger.warn(`async_http transport at ${context.path.join('.')}: ignoring unknown option(s) ${unknown.join(', ')}`);
    const transport = new AsyncHttpTransport(normalized, { logger: context.logger, baseDir: context.baseDir });
    await transport.ready();
    return transport;
  },
};
