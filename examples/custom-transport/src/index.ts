import { createTransport, type TransportDescriptor } from '@ol/core';
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
  // The registry hands `parse` an OptionReader over this transport's section: any key spelling, with its origin.
  parse: (options) => readWebhookConfig(options),
  create: (config) => new WebhookTransport(config, config.name),
};

export default descriptor;

/** Builds the transport from code, through the registry, so options given in code are checked like config files. */
export async function createWebhookTransport(options: WebhookTransportOptions): Promise<WebhookTransport> {
  const transport = await createTransport({ ...options, type: descriptor });
  // The descriptor above built it; the check only narrows the type.
  if (!(transport instanceof WebhookTransport)) throw new TypeError('the webhook descriptor built another transport');
  return transport;
}

export { WebhookTransport, TYPE } from './transport.js';
export { readWebhookConfig } from './config.js';
export type { WebhookTransportConfig, WebhookTransportOptions } from './config.js';
export { sign, verify } from './signature.js';
