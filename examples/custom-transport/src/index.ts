import { codeScope } from '@ol/core/internal';
import type { TransportDescriptor } from '@ol/core';
import { readWebhookConfig } from './config.js';
import type { WebhookTransportConfig, WebhookTransportOptions } from './config.js';
import { TYPE, WebhookTransport } from './transport.js';

/**
 * What the registry loads for `type: '@ol/example-webhook-transport'`: it imports the package and
 * takes its default export (or the export named `descriptor`).
 */
export const descriptor: TransportDescriptor<WebhookTransportConfig> = {
  type: TYPE,
  aliases: ['example-webhook'],
  create(config, context) {
    const normalized = readWebhookConfig(config, { path: context.path, origin: context.origin });
    return new WebhookTransport(normalized, typeof config.name === 'string' ? config.name : undefined);
  },
  normalize(config, context) {
    return readWebhookConfig(config, { path: context.path, origin: context.origin });
  },
};

export default descriptor;

export function createWebhookTransport(options: WebhookTransportOptions): WebhookTransport {
  return new WebhookTransport(readWebhookConfig(options, codeScope(['transport'])));
}

export { WebhookTransport, TYPE } from './transport.js';
export { readWebhookConfig } from './config.js';
export type { WebhookTransportConfig, WebhookTransportOptions } from './config.js';
export { sign, verify } from './signature.js';
