import type { TransportDescriptor } from '@ol/core';
import { readHttpOptions, unknownHttpKeys, type HttpTransportConfig } from './config.js';
import { HttpTransport } from './transport.js';

export const descriptor: TransportDescriptor<HttpTransportConfig> = {
  type: 'http',
  aliases: ['openlineage.client.transport.http.HttpTransport', 'openlineage.client.transport.HttpTransport'],
  parse(options, context) {
    const config = readHttpOptions(options);
    const unknown = unknownHttpKeys(options);
    if (unknown.length) context.logger.warn(`http transport at ${context.path.join('.')}: ignoring unknown option(s) ${unknown.join(', ')}`);
    return config;
  },
  async create(config, context) {
    const transport = new HttpTransport(config, { logger: context.logger, baseDir: context.baseDir });
    await transport.ready();
    return transport;
  },
};
