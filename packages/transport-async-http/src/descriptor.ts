import type { TransportDescriptor } from '@ol/core';
import { readAsyncHttpOptions, unknownAsyncHttpKeys, type AsyncHttpTransportConfig } from './config.js';
import { AsyncHttpTransport, TYPE } from './transport.js';

export const descriptor: TransportDescriptor<AsyncHttpTransportConfig> = {
  type: TYPE,
  // The Python class path from the Python client's docs, so one openlineage.yml serves both clients.
  aliases: ['async-http', 'openlineage.client.transport.async_http.AsyncHttpTransport'],
  parse(options, context) {
    const config = readAsyncHttpOptions(options);
    const unknown = unknownAsyncHttpKeys(options);
    if (unknown.length) context.logger.warn(`async_http transport at ${context.path.join('.')}: ignoring unknown option(s) ${unknown.join(', ')}`);
    return config;
  },
  async create(config, context) {
    const transport = new AsyncHttpTransport(config, { logger: context.logger, baseDir: context.baseDir });
    await transport.ready();
    return transport;
  },
};
