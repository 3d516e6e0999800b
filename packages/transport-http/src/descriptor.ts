import type { TransportDescriptor } from '@ol/core';
import { warnUnknownOptions } from '@ol/core/internal';
import { readHttpOptions, unknownHttpKeys, type HttpTransportConfig } from './config.js';
import { HttpTransport } from './transport.js';

export const descriptor: TransportDescriptor<HttpTransportConfig> = {
  type: 'http',
  aliases: ['openlineage.client.transport.http.HttpTransport', 'openlineage.client.transport.HttpTransport'],
  parse(options, context) {
    const config = readHttpOptions(options);
    const unknown = unknownHttpKeys(options);
    warnUnknownOptions(context, 'http', unknown);
    return config;
  },
  async create(config, context) {
    const transport = new HttpTransport(config, { logger: context.logger, baseDir: context.baseDir });
    await transport.ready();
    return transport;
  },
};
