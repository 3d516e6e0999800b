import { ConfigError, redact, toJSON, type TransportContext } from '@ol/core';
import { createWith, parseWith } from '@ol/core/internal';
import { inspect } from 'node:util';
import { startLineageSink, transportErrorOf } from '@ol/test-kit';
import type { LineageSink } from '@ol/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookTransport, descriptor, sign, verify } from './index.js';
import { SECRET, runEvent } from './test-events.js';

let sink: LineageSink;
beforeEach(async () => {
  sink = await startLineageSink();
});
afterEach(async () => {
  await sink.close();
});

describe('webhook transport against a real HTTP server', () => {
  it('posts the event JSON with an HMAC-SHA256 signature over the exact body', async () => {
    const event = runEvent();
    const t = await createWebhookTransport({ url: `${sink.url}/hooks/lineage`, secret: SECRET, headers: { 'X-Team': 'data' } });
    await t.emit(event);

    expect(sink.requests).toHaveLength(1);
    const req = sink.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hooks/lineage');
    expect(req.body).toBe(toJSON(event));
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-team']).toBe('data');
    const signature = req.headers['x-openlineage-signature'] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verify(req.raw, signature, SECRET)).toBe(true);
    expect(verify(req.raw, signature, 'another-secret')).toBe(false);
    expect(verify(Buffer.from(req.body.replace('START', 'COMPLETE')), signature, SECRET)).toBe(false);
    // The secret itself never travels.
    expect(JSON.stringify(req.rawHeaders) + req.body).not.toContain(SECRET);
  });

  it('uses the configured signature header', async () => {
    const t = await createWebhookTransport({ url: sink.url, secret: SECRET, signatureHeader: 'X-Hub-Signature-256' });
    await t.emit(runEvent());
    expect(sink.requests[0]!.headers['x-hub-signature-256']).toBe(sign(sink.requests[0]!.raw, SECRET));
  });

  it('turns error statuses into TransportErrors, retryable for 429 and 5xx, without the secret', async () => {
    sink.respondWith([{ status: 503, body: 'down for maintenance' }, 400, 429]);
    const t = await createWebhookTransport({ url: sink.url, secret: SECRET });
    const e503 = await transportErrorOf(t.emit(runEvent()));
    expect(e503).toMatchObject({ status: 503, retryable: true, body: 'down for maintenance', transport: '@ol/example-webhook-transport' });
    expect(await transportErrorOf(t.emit(runEvent()))).toMatchObject({ status: 400, retryable: false });
    expect(await transportErrorOf(t.emit(runEvent()))).toMatchObject({ status: 429, retryable: true });
    for (const text of [e503.message, inspect(e503, { depth: 5 }), JSON.stringify(e503)]) expect(text).not.toContain(SECRET);
  });

  it('fails within its timeout when the server does not answer', async () => {
    sink.respondWith([{ status: 200, delayMs: 5_000 }]);
    const t = await createWebhookTransport({ url: sink.url, secret: SECRET, timeout: 0.2 });
    const err = await transportErrorOf(t.emit(runEvent()));
    expect(err.retryable).toBe(true);
  });

  it('rejects emits after close', async () => {
    const t = await createWebhookTransport({ url: sink.url, secret: SECRET });
    expect(await t.close()).toBe(true);
    await transportErrorOf(t.emit(runEvent()));
    expect(sink.requests).toHaveLength(0);
  });
});

describe('config', () => {
  const context: TransportContext = {
    logger: { error() {}, warn() {}, info() {}, debug() {} },
    path: ['transport'],
    origin: () => '/etc/openlineage.yml',
    baseDir: '/etc',
    env: {},
    createChild: () => Promise.reject(new Error('unused')),
  };

  it('reads any key spelling, env strings included', () => {
    const config = parseWith(
      descriptor,
      { type: 'x', url: 'https://hooks.example.com/ol', secret: SECRET, signature_header: 'X-Sig', timeout: '2.5' },
      context,
    );
    expect(config).toEqual({ url: 'https://hooks.example.com/ol', secret: SECRET, signatureHeader: 'X-Sig', timeout: 2.5, headers: {} });
    expect(redact(config).secret).toBe('***');
  });

  it('names the source and key of a mistake, and never the secret', () => {
    const attempt = (raw: Record<string, unknown>) => {
      try {
        void createWith(descriptor, raw, context);
      } catch (err) {
        expect(ConfigError.isInstance(err)).toBe(true);
        return err as ConfigError;
      }
      throw new Error('expected a ConfigError');
    };
    expect(attempt({ secret: SECRET })).toMatchObject({ path: 'transport.url', source: '/etc/openlineage.yml' });
    expect(attempt({ url: 'ftp://x', secret: SECRET }).path).toBe('transport.url');
    expect(attempt({ url: 'https://x' }).path).toBe('transport.secret');
    const wrongType = attempt({ url: 'https://x', secret: { value: SECRET } });
    expect(wrongType.path).toBe('transport.secret');
    expect(wrongType.message).not.toContain(SECRET);
  });
});
