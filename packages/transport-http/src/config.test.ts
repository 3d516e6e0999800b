import { ConfigError, redact, type TransportContext } from '@ol/core';
import { createWith, parseWith } from '@ol/core/internal';
import { describe, expect, it } from 'vitest';
import { HttpTransport, descriptor, normalizeHttpConfig } from './index.js';
import { DEFAULT_RETRY } from './internal.js';
import defaultExport from './index.js';

function context(origin: (path: readonly string[]) => string = () => 'openlineage.yml', warnings: string[] = []): TransportContext {
  return {
    logger: { error() {}, warn: (m: string) => warnings.push(m), info() {}, debug() {} },
    path: ['transport'],
    origin,
    baseDir: process.cwd(),
    env: {},
    createChild: () => Promise.reject(new Error('unused')),
  };
}

describe('config', () => {
  it('exports the descriptor as default and named, with the Python class path alias', () => {
    expect(defaultExport).toBe(descriptor);
    expect(descriptor.type).toBe('http');
    expect(descriptor.aliases).toContain('openlineage.client.transport.http.HttpTransport');
  });

  it('fills the defaults', () => {
    expect(normalizeHttpConfig({ url: 'http://localhost:5000' })).toEqual({
      url: 'http://localhost:5000',
      endpoint: 'api/v1/lineage',
      target: 'http://localhost:5000/api/v1/lineage',
      timeout: 5,
      verify: true,
      compression: undefined,
      customHeaders: {},
      retry: { ...DEFAULT_RETRY, statusForcelist: [500, 502, 503, 504], allowedMethods: ['HEAD', 'POST'] },
      auth: undefined,
      batch: {
        enabled: false,
        endpoint: 'api/v1/lineage/batch',
        target: 'http://localhost:5000/api/v1/lineage/batch',
        maxEvents: 100,
        maxBytes: 1048576,
        lingerMs: 20,
      },
    });
  });

  it("reads the seed's YAML example (snake_case)", () => {
    // transport: { type: http, url: https://backend:5000, endpoint: api/v1/lineage, timeout: 5, verify: false, auth: …, compression: gzip, retry: … }
    const yaml = {
      type: 'http',
      url: 'https://backend:5000',
      endpoint: 'api/v1/lineage',
      timeout: 5,
      verify: false,
      auth: { type: 'api_key', apiKey: 'f048521b-dfe8-47cd-9c65-0cb07d57591e' },
      compression: 'gzip',
      retry: { total: 5, read: 5, connect: 5, backoff_factor: 0.3, status_forcelist: [500, 502, 503, 504], allowed_methods: ['HEAD', 'POST'] },
    };
    const c = parseWith(descriptor, yaml, context());
    expect(c).toMatchObject({
      target: 'https://backend:5000/api/v1/lineage',
      timeout: 5,
      verify: false,
      compression: 'gzip',
      auth: { type: 'api_key', apiKey: 'f048521b-dfe8-47cd-9c65-0cb07d57591e' },
      retry: { total: 5, read: 5, connect: 5, backoffFactor: 0.3, statusForcelist: [500, 502, 503, 504], allowedMethods: ['HEAD', 'POST'] },
    });
  });

  it('accepts camelCase for every key', () => {
    const c = normalizeHttpConfig({
      url: 'http://h',
      customHeaders: { 'X-A': '1' },
      retry: { backoffFactor: 1, statusForcelist: [503], allowedMethods: ['POST'] },
    });
    expect(c.customHeaders).toEqual({ 'X-A': '1' });
    expect(c.retry).toMatchObject({ backoffFactor: 1, statusForcelist: [503], allowedMethods: ['POST'] });
  });

  it("reads the seed's OPENLINEAGE__ example (the nested object the env parser builds)", () => {
    // OPENLINEAGE__TRANSPORT__TYPE=http, __URL=http://localhost:5050, __ENDPOINT=/api/v1/lineage,
    // __AUTH='{"type":"api_key", "apiKey":"random_token"}', __COMPRESSION=gzip
    const fromEnv = {
      type: 'http',
      url: 'http://localhost:5050',
      endpoint: '/api/v1/lineage',
      auth: { type: 'api_key', apiKey: 'random_token' },
      compression: 'gzip',
    };
    const origin = (p: readonly string[]) => `OPENLINEAGE__${p.map((s) => s.toUpperCase()).join('__')}`;
    const c = parseWith(descriptor, fromEnv, context(origin));
    expect(c).toMatchObject({ target: 'http://localhost:5050/api/v1/lineage', compression: 'gzip', auth: { type: 'api_key', apiKey: 'random_token' } });
  });

  it('reads every option from env-style values: lower-cased keys, strings to coerce', () => {
    // OPENLINEAGE__TRANSPORT__TIMEOUT=2.5, __VERIFY=false, __RETRY__TOTAL=2, __RETRY__BACKOFF_FACTOR=0.1,
    // __RETRY__STATUS_FORCELIST="[500, 503]" (JSON → list), __CUSTOM_HEADERS__CUSTOM_HEADER=FIRST,
    // __AUTH__TYPE=api_key, __AUTH__API_KEY=1500100900
    const c = normalizeHttpConfig({
      type: 'http',
      url: 'http://backend:5000',
      timeout: '2.5',
      verify: 'false',
      retry: { total: '2', backoff_factor: '0.1', status_forcelist: [500, 503] },
      custom_headers: { custom_header: 'FIRST' },
      auth: { type: 'api_key', api_key: '1500100900' },
    });
    expect(c).toMatchObject({
      timeout: 2.5,
      verify: false,
      retry: { total: 2, backoffFactor: 0.1, statusForcelist: [500, 503] },
      customHeaders: { custom_header: 'FIRST' },
      auth: { type: 'api_key', apiKey: '1500100900' },
    });
  });

  it('builds the transport through the descriptor and warns about unknown keys', async () => {
    const warnings: string[] = [];
    const t = await createWith(
      descriptor,
      { type: 'http', url: 'http://localhost:1', session: 'x', max_queue_size: 3, retry: { total: 1, raise_on_status: false } },
      context(undefined, warnings),
    );
    expect(t).toBeInstanceOf(HttpTransport);
    expect(warnings.join()).toMatch(/session, max_queue_size, retry\.raise_on_status/);
    await t.close();
  });

  it.each([
    [{ url: 'http://h', compression: 'br' }, 'transport.compression'],
    [{ url: 'http://h', timeout: 'soon' }, 'transport.timeout'],
    [{ url: 'http://h', timeout: -1 }, 'transport.timeout'],
    [{ url: 'http://h', verify: 'maybe' }, 'transport.verify'],
    [{ url: 'http://h', custom_headers: 'x' }, 'transport.custom_headers'],
    [{ url: 'http://h', retry: 5 }, 'transport.retry'],
    [{ url: 'http://h', auth: 'token' }, 'transport.auth'],
    [{}, 'transport.url'],
  ])('%j is a ConfigError at %s', (raw, path) => {
    let err: unknown;
    try {
      parseWith(
        descriptor,
        raw,
        context(() => 'openlineage.yml:3'),
      );
    } catch (e) {
      err = e;
    }
    expect(ConfigError.isInstance(err)).toBe(true);
    expect((err as ConfigError).path).toBe(path);
    expect((err as ConfigError).message).toContain('openlineage.yml:3');
  });

  it('compression is case-insensitive and null means none', () => {
    expect(normalizeHttpConfig({ url: 'http://h', compression: 'GZIP' }).compression).toBe('gzip');
    expect(normalizeHttpConfig({ url: 'http://h', compression: null }).compression).toBeUndefined();
  });

  it('api keys are redacted when the normalized config is printed', () => {
    const c = normalizeHttpConfig({ url: 'http://h', auth: { type: 'jwt', apiKey: 'super-secret-key', tokenEndpoint: 'http://t' } });
    expect(JSON.stringify(redact(c))).not.toContain('super-secret-key');
    expect(JSON.stringify(redact(c))).toContain('tokenEndpoint');
  });
});
