import { ConfigError, type Transport, TransportError } from '@ol/core';
import { createWith } from '@ol/core/internal';
import { startLineageSink, type LineageSink } from '@ol/test-kit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpTransport, IBM_IAM_PRESET, createHttpTransport, normalizeHttpConfig, type HttpTransportOptions, type JwtAuthConfig } from './index.js';
import { JwtTokenProvider, jwtExpiry } from './internal.js';
import { runEvent } from './test-util.js';

let sink: LineageSink;
const transports: Transport[] = [];
afterEach(async () => {
  for (const t of transports.splice(0)) await t.close(1000);
  sink.reset();
});
beforeAll(async () => {
  sink = await startLineageSink({ token: true });
});
afterAll(async () => {
  await sink.close();
});

function transport(options: Omit<HttpTransportOptions, 'url'>, deps?: ConstructorParameters<typeof HttpTransport>[1]): HttpTransport {
  const t = createHttpTransport({ url: sink.url, ...options }, deps);
  transports.push(t);
  return t;
}

const API_KEY = 'iam-api-key-0123456789';

function jwtConfig(over: Partial<JwtAuthConfig> = {}): JwtAuthConfig {
  const auth = normalizeHttpConfig({ url: 'http://x', auth: { type: 'jwt', apiKey: API_KEY, tokenEndpoint: sink.tokenUrl } }).auth as JwtAuthConfig;
  return { ...auth, ...over };
}

describe('api_key auth', () => {
  it.each(['apiKey', 'apikey', 'api_key'])('reads the key from %s', async (key) => {
    const t = transport({ auth: { type: 'api_key', [key]: 'abc-123' } });
    await t.emit(runEvent());
    expect(sink.requests[0]!.headers.authorization).toBe('Bearer abc-123');
  });

  it('infers api_key when type is missing but a key is given (Python sends nothing there)', () => {
    expect(normalizeHttpConfig({ url: 'http://x', auth: { apiKey: 'k' } }).auth).toEqual({ type: 'api_key', apiKey: 'k' });
  });

  it('accepts the Python class path as type', () => {
    expect(normalizeHttpConfig({ url: 'http://x', auth: { type: 'openlineage.client.transport.http.ApiKeyTokenProvider', apiKey: 'k' } }).auth).toEqual({
      type: 'api_key',
      apiKey: 'k',
    });
  });

  it('a missing key is a ConfigError that names the path', () => {
    expect(() => normalizeHttpConfig({ url: 'http://x', auth: { type: 'api_key' } })).toThrow(/transport\.auth\.apiKey/);
  });

  it('no auth sends no Authorization header', async () => {
    const t = transport({});
    await t.emit(runEvent());
    expect(sink.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe('jwt auth against the sink token endpoint', () => {
  it('fetches a token with a form POST and sends it as Bearer', async () => {
    const t = transport({ auth: { type: 'jwt', apiKey: API_KEY, tokenEndpoint: sink.tokenUrl } });
    await t.emit(runEvent());
    expect(sink.tokens).toHaveLength(1);
    expect(sink.tokens[0]!.form).toEqual({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', response_type: 'token', apikey: API_KEY });
    expect(sink.requests[0]!.headers.authorization).toBe(`Bearer ${sink.tokens[0]!.token}`);
  });

  it('sends the IBM Cloud IAM preset grant and response types', async () => {
    const t = transport({ auth: { type: 'jwt', apiKey: API_KEY, ...IBM_IAM_PRESET, tokenEndpoint: sink.tokenUrl } });
    await t.emit(runEvent());
    expect(sink.tokens[0]!.form).toMatchObject({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', response_type: 'cloud_iam' });
  });

  it('caches the token until tokenRefreshBuffer seconds before expires_in runs out', async () => {
    sink.configureToken({ expiresIn: 3600, expClaimIn: null });
    let now = Date.now();
    const provider = new JwtTokenProvider(jwtConfig({ tokenRefreshBuffer: 120 }), { now: () => now });
    const t = transport({}, { tokenProvider: provider });
    await t.emit(runEvent());
    await t.emit(runEvent());
    expect(sink.tokens).toHaveLength(1);
    now += (3600 - 121) * 1000;
    await t.emit(runEvent());
    expect(sink.tokens).toHaveLength(1);
    now += 2000; // inside the refresh buffer
    await t.emit(runEvent());
    expect(sink.tokens).toHaveLength(2);
    expect(sink.requests[3]!.headers.authorization).toBe(`Bearer ${sink.tokens[1]!.token}`);
  });

  it('falls back to the JWT exp claim when the response has no expires_in', async () => {
    sink.configureToken({ expiresIn: null, expClaimIn: 600 });
    let now = Date.now();
    const provider = new JwtTokenProvider(jwtConfig({ tokenRefreshBuffer: 60 }), { now: () => now });
    expect(await provider.getBearer()).toBe(await provider.getBearer());
    expect(sink.tokens).toHaveLength(1);
    expect(jwtExpiry(sink.tokens[0]!.token)).toBeGreaterThan(Date.now() / 1000);
    now += 545_000;
    await provider.getBearer();
    expect(sink.tokens).toHaveLength(2);
  });

  it('fetches for every request when no expiry is known', async () => {
    sink.configureToken({ expiresIn: null, expClaimIn: null });
    const provider = new JwtTokenProvider(jwtConfig());
    await provider.getBearer();
    await provider.getBearer();
    expect(sink.tokens).toHaveLength(2);
  });

  it('honours tokenFields and expiresInField (matched case- and underscore-insensitively)', async () => {
    sink.configureToken({ tokenField: 'id_token', expiresInField: 'expiresIn', expiresIn: 3600 });
    const provider = new JwtTokenProvider(jwtConfig({ tokenFields: ['ID_TOKEN'], expiresInField: 'expires_in' }));
    const bearer = await provider.getBearer();
    await provider.getBearer();
    expect(bearer).toBe(`Bearer ${sink.tokens[0]!.token}`);
    expect(sink.tokens).toHaveLength(1);
  });

  it('concurrent requests share one token fetch', async () => {
    sink.configureToken({ expiresIn: 3600 });
    const provider = new JwtTokenProvider(jwtConfig());
    const all = await Promise.all([provider.getBearer(), provider.getBearer(), provider.getBearer()]);
    expect(new Set(all).size).toBe(1);
    expect(sink.tokens).toHaveLength(1);
  });

  it('a failing token endpoint rejects the emit without sending the event or leaking the key', async () => {
    sink.configureToken({ status: 500 });
    const t = transport({ auth: { type: 'jwt', apiKey: API_KEY, tokenEndpoint: sink.tokenUrl } });
    const err = await t.emit(runEvent()).then(
      () => undefined,
      (e: unknown) => e as TransportError,
    );
    expect(TransportError.isInstance(err)).toBe(true);
    expect(err!.message).toContain('Failed to fetch JWT token from');
    expect(JSON.stringify({ m: err!.message, s: err!.stack, c: String(err!.cause) })).not.toContain(API_KEY);
    expect(sink.requests).toHaveLength(0);
    sink.configureToken({ status: 200 });
  });

  it('requires apiKey and tokenEndpoint', () => {
    expect(() => normalizeHttpConfig({ url: 'http://x', auth: { type: 'jwt', apiKey: 'k' } })).toThrow(/transport\.auth\.tokenEndpoint/);
    expect(() => normalizeHttpConfig({ url: 'http://x', auth: { type: 'jwt', tokenEndpoint: 'http://t' } })).toThrow(/transport\.auth\.apiKey/);
  });

  it('reads every JWT key in the lower-case forms OPENLINEAGE__TRANSPORT__AUTH__* variables produce', () => {
    for (const endpointKey of ['token_endpoint', 'tokenendpoint']) {
      const auth = normalizeHttpConfig({
        url: 'http://x',
        auth: {
          type: 'jwt',
          api_key: 'k',
          [endpointKey]: 'http://t/token',
          token_fields: ['tok'],
          expires_in_field: 'ttl',
          grant_type: 'g',
          response_type: 'r',
          token_refresh_buffer: '30',
        },
      }).auth;
      expect(auth).toEqual({
        type: 'jwt',
        apiKey: 'k',
        tokenEndpoint: 'http://t/token',
        tokenFields: ['tok'],
        expiresInField: 'ttl',
        grantType: 'g',
        responseType: 'r',
        tokenRefreshBuffer: 30,
      });
    }
  });
});

describe('custom token providers', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-http-auth-'));
    fs.writeFileSync(
      path.join(dir, 'class-provider.mjs'),
      'export default class P { constructor(o) { this.o = o; } getBearer() { return `Token ${this.o.secret}`; } }\n',
    );
    fs.writeFileSync(path.join(dir, 'factory-provider.mjs'), 'export async function make(o) { return { getBearer: async () => `Bearer ${o.who}` }; }\n');
    fs.writeFileSync(path.join(dir, 'not-a-provider.mjs'), 'export default 42;\n');
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an object with getBearer() (sync or async) given in code', async () => {
    let n = 0;
    const t = transport({ auth: { getBearer: async () => `Bearer dyn-${++n}` } });
    await t.emit(runEvent());
    await t.emit(runEvent());
    expect(sink.requests.map((r) => r.headers.authorization)).toEqual(['Bearer dyn-1', 'Bearer dyn-2']);
  });

  it('a provider returning nothing sends no header', async () => {
    const t = transport({ auth: { getBearer: () => undefined } });
    await t.emit(runEvent());
    expect(sink.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('a class named by a relative module specifier, resolved against baseDir and built with the auth options', async () => {
    const t = transport({ auth: { type: './class-provider.mjs', secret: 's3cr3t-value' } }, { baseDir: dir });
    await t.ready();
    await t.emit(runEvent());
    expect(sink.requests[0]!.headers.authorization).toBe('Token s3cr3t-value');
  });

  it('a named factory export (`#name`), and the same through the descriptor', async () => {
    const { descriptor } = await import('./index.js');
    const logger = { error() {}, warn() {}, info() {}, debug() {} };
    const t = await createWith(
      descriptor,
      { type: 'http', url: sink.url, auth: { type: './factory-provider.mjs#make', who: 'me' } },
      { logger, path: ['transport'], origin: () => 'openlineage.yml', baseDir: dir, env: {}, createChild: () => Promise.reject(new Error('unused')) },
    );
    expect(t).toBeInstanceOf(HttpTransport);
    transports.push(t);
    await t.emit(runEvent());
    expect(sink.requests[0]!.headers.authorization).toBe('Bearer me');
  });

  it.each(['./missing.mjs', './not-a-provider.mjs', './factory-provider.mjs#nope'])('a bad specifier (%s) is a ConfigError at ready()', async (spec) => {
    const t = transport({ auth: { type: spec } }, { baseDir: dir });
    const err = await t.ready().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ConfigError.isInstance(err)).toBe(true);
    expect((err as ConfigError).path).toBe('transport.auth.type');
  });
});
