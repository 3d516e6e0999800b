import type { TransportDescriptor } from '@ol/core';
import { warnUnknownOptions } from '@ol/core/internal';
import { readAsyncHttpOptions, unknownAsyncHttpKeys, type AsyncHttpTransportConfig } from './config.js';
import { AsyncHttpTransport, TYPE } from './transport.js';

export const descriptor: TransportDescriptor<AsyncHttpTransportConfig> = {
  type: TYPE,
  // The Python class path from the Python client's docs, so one openlineage.yml serves both clients.
  aliases: ['async-http', 'openlineage.client.transport.async_http.AsyncHttpTransport'],
  parse(options, context) {
    const config = readAsyncHttpOptions(options);
    const unknown = unknownAsyncHttpKeys(options);
    warnUnknownOptions(context, 'async_http', unknown);
    return config;
  },
  async create(config, context) {
    const transport = new AsyncHttpTransport(config, { logger: context.logger, baseDir: context.baseDir });
    await transport.ready();
    return transport;
  },
};
