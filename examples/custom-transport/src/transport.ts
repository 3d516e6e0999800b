import { type OpenLineageEvent, redactWhenPrinted, toJSON, type Transport, TransportError } from '@ol/core';
import type { WebhookTransportConfig } from './config.js';
import { sign } from './signature.js';

export const TYPE = '@ol/example-webhook-transport';

/** Posts each event as JSON, signed with HMAC-SHA256 over the exact bytes sent. */
export class WebhookTransport implements Transport {
  static {
    // console.log / JSON.stringify show the config with the signing secret as ***.
    redactWhenPrinted(this);
  }

  readonly type = TYPE;
  readonly config: WebhookTransportConfig;
  readonly name?: string;
  private closed = false;

  constructor(config: WebhookTransportConfig, name?: string) {
    this.config = config;
    if (name !== undefined) this.name = name;
  }

  async emit(event: OpenLineageEvent): Promise<void> {
    if (this.closed) throw new TransportError('webhook transport is closed', { transport: TYPE });
    const body = toJSON(event);
    let response: Response;
    try {
      response = await fetch(this.config.url, {
        method: 'POST',
        headers: {
          ...this.config.headers,
          'content-type': 'application/json',
          [this.config.signatureHeader]: sign(body, this.config.secret),
        },
        body,
        signal: AbortSignal.timeout(this.config.timeout * 1000),
      });
    } catch (cause) {
      // Network failures and timeouts: worth retrying later. The message names the URL, never the secret.
      const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
      throw new TransportError(`webhook ${this.config.url} unreachable: ${reason}`, { transport: TYPE, retryable: true, cause });
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new TransportError(`webhook ${this.config.url} answered ${response.status}`, {
        transport: TYPE,
        status: response.status,
        body: text,
        retryable: response.status === 429 || response.status >= 500,
      });
    }
    // Drain the body so the connection can be reused.
    await response.arrayBuffer();
  }

  // Nothing is buffered: every emit has finished by the time it resolves.
  close(): Promise<boolean> {
    this.closed = true;
    return Promise.resolve(true);
  }
}
