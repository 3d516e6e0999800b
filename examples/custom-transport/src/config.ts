import type { OptionReader } from '@ol/core';

export interface WebhookTransportConfig {
  url: string;
  /** HMAC key. It stays in the normalized config like every transport's secrets: print configs with `redact`. */
  secret: string;
  signatureHeader: string;
  /** Per request, in seconds (the unit Python configs use). */
  timeout: number;
  headers: Record<string, string>;
  /** Set when a composite names this transport. */
  name?: string;
}

export type WebhookTransportOptions = Partial<Omit<WebhookTransportConfig, 'url' | 'secret' | 'name'>> & Pick<WebhookTransportConfig, 'url' | 'secret'>;

/**
 * One reader for config files, env variables and code: OptionReader accepts `signature_header`,
 * `signatureHeader` and `signatureheader` alike and turns every mistake into a ConfigError that
 * names the source and key (the secret's value shows as ***).
 */
export function readWebhookConfig(r: OptionReader): WebhookTransportConfig {
  const url = r.string('url', { required: true });
  if (!/^https?:\/\/[^/]/i.test(url) || !URL.canParse(url)) throw r.error('url', 'an http(s) URL', url);
  const signatureHeader = r.string('signatureHeader', { default: 'X-OpenLineage-Signature' });
  if (!/^[A-Za-z0-9-]+$/.test(signatureHeader)) throw r.error('signatureHeader', 'an HTTP header name', signatureHeader);
  return {
    url,
    secret: r.string('secret', { required: true, trim: false }),
    signatureHeader,
    timeout: r.number('timeout', { default: 5, min: 0.001 }),
    headers: r.stringMap('headers') ?? {},
    ...(r.has('name') && { name: r.string('name', { required: true, trim: false }) }),
  };
}
