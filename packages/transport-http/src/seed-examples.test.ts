/**
 * The Python documentation's `http` examples (seed 000) as an openlineage.yml and as OPENLINEAGE__
 * variables, resolved with core's real `resolveConfig`, built through the real registry, and
 * delivering to the lineage sink.
 */
import { ConfigError, registerTransport } from '@ol/core';
import { startLineageSink, transportFromConfig, type LineageSink } from '@ol/test-kit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import descriptor, { HttpTransport } from './index.js';
import { runEvent } from './test-util.js';

let sink: LineageSink;
let dir: string;
const open: HttpTransport[] = [];

beforeAll(async () => {
  registerTransport(descriptor);
  sink = await startLineageSink({ token: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-http-seed-'));
});
afterEach(async () => {
  for (const t of open.splice(0)) await t.close(1000);
  sink.reset();
});
afterAll(async () => {
  await sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function build(options: { env?: Record<string, string>; yaml?: string }): Promise<HttpTransport> {
  const t = await transportFromConfig(dir, options);
  if (!(t instanceof HttpTransport)) throw new Error(`expected an http transport, got ${t.type}`);
  open.push(t);
  return t;
}

async function buildError(options: { env?: Record<string, string>; yaml?: string }): Promise<ConfigError> {
  const err = await build(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ConfigError.isInstance(err)).toBe(true);
  return err as ConfigError;
}

describe('seed 000 http examples', () => {
  it('the YAML example', async () => {
    const t = await build({
      yaml: `transport:
  type: http
  url: ${sink.url}
  endpoint: api/v1/lineage
  timeout: 5
  verify: false
  auth:
    type: api_key
    apiKey: f048521b-dfe8-47cd-9c65-0cb07d57591e
  compression: gzip
  retry:
    total: 5
    read: 5
    connect: 5
    backoff_factor: 0.3
    status_forcelist: [500, 502, 503, 504]
    allowed_methods: ["HEAD", "POST"]
`,
    });
    expect(t.config).toMatchObject({
      verify: false,
      compression: 'gzip',
      timeout: 5,
      retry: { total: 5, backoffFactor: 0.3, statusForcelist: [500, 502, 503, 504] },
    });
    const event = runEvent();
    await t.emit(event);
    const req = sink.requests[0]!;
    expect(req.path).toBe('/api/v1/lineage');
    expect(req.headers.authorization).toBe('Bearer f048521b-dfe8-47cd-9c65-0cb07d57591e');
    expect(JSON.parse(gunzipSync(req.raw).toString())).toEqual(event);
  });

  it('the environment-variable example', async () => {
    const t = await build({
      env: {
        OPENLINEAGE__TRANSPORT__TYPE: 'http',
        OPENLINEAGE__TRANSPORT__URL: sink.url,
        OPENLINEAGE__TRANSPORT__ENDPOINT: '/api/v1/lineage',
        OPENLINEAGE__TRANSPORT__AUTH: '{"type":"api_key", "apiKey":"random_token"}',
        OPENLINEAGE__TRANSPORT__COMPRESSION: 'gzip',
      },
    });
    await t.emit(runEvent());
    expect(sink.requests[0]!.path).toBe('/api/v1/lineage');
    expect(sink.requests[0]!.headers.authorization).toBe('Bearer random_token');
    expect(sink.requests[0]!.headers['content-encoding']).toBe('gzip');
  });

  it('every option from its own variable, retry and custom headers included', async () => {
    const t = await build({
      env: {
        OPENLINEAGE__TRANSPORT__TYPE: 'http',
        OPENLINEAGE__TRANSPORT__URL: ` ${sink.url}/base/`,
        OPENLINEAGE__TRANSPORT__ENDPOINT: 'lineage',
        OPENLINEAGE__TRANSPORT__TIMEOUT: '2.5',
        OPENLINEAGE__TRANSPORT__VERIFY: 'true',
        OPENLINEAGE__TRANSPORT__AUTH__TYPE: 'api_key',
        OPENLINEAGE__TRANSPORT__AUTH__API_KEY: '1500100900',
        OPENLINEAGE__TRANSPORT__RETRY__TOTAL: '2',
        OPENLINEAGE__TRANSPORT__RETRY__BACKOFF_FACTOR: '0.001',
        OPENLINEAGE__TRANSPORT__RETRY__STATUS_FORCELIST: '[500, 503]',
        OPENLINEAGE__TRANSPORT__CUSTOM_HEADERS__CUSTOM_HEADER: 'FIRST',
      },
    });
    expect(t.config).toMatchObject({
      timeout: 2.5,
      target: `${sink.url}/base/lineage`,
      retry: { total: 2, statusForcelist: [500, 503] },
      customHeaders: { custom_header: 'FIRST' },
    });
    sink.respondWith([503, 503, 503]);
    const err = await t.emit(runEvent()).catch((e: unknown) => e as Error);
    expect(sink.requests).toHaveLength(3);
    expect(sink.requests[0]!.headers.custom_header).toBe('FIRST');
    expect(sink.requests[0]!.headers.authorization).toBe('Bearer 1500100900');
    expect(String(err)).not.toContain('1500100900');
  });

  it.each(['TOKEN_ENDPOINT', 'TOKENENDPOINT'])('JWT auth entirely from OPENLINEAGE__TRANSPORT__AUTH__* (%s)', async (endpointVar) => {
    const t = await build({
      env: {
        OPENLINEAGE__TRANSPORT__TYPE: 'http',
        OPENLINEAGE__TRANSPORT__URL: sink.url,
        OPENLINEAGE__TRANSPORT__AUTH__TYPE: 'jwt',
        OPENLINEAGE__TRANSPORT__AUTH__API_KEY: 'iam-key-4242',
        [`OPENLINEAGE__TRANSPORT__AUTH__${endpointVar}`]: sink.tokenUrl,
        OPENLINEAGE__TRANSPORT__AUTH__GRANT_TYPE: 'urn:ibm:params:oauth:grant-type:apikey',
        OPENLINEAGE__TRANSPORT__AUTH__RESPONSE_TYPE: 'cloud_iam',
        OPENLINEAGE__TRANSPORT__AUTH__TOKEN_REFRESH_BUFFER: '30',
      },
    });
    await t.emit(runEvent());
    await t.emit(runEvent());
    expect(sink.tokens).toHaveLength(1);
    expect(sink.tokens[0]!.form).toEqual({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', response_type: 'cloud_iam', apikey: 'iam-key-4242' });
    expect(sink.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${sink.tokens[0]!.token}`, `Bearer ${sink.tokens[0]!.token}`]);
  });

  it('a custom token provider named in openlineage.yml resolves against the YAML directory', async () => {
    const yamlDir = fs.mkdtempSync(path.join(dir, 'yaml-'));
    fs.writeFileSync(
      path.join(yamlDir, 'provider.mjs'),
      'export default class { constructor(o) { this.o = o; } getBearer() { return `Bearer ${this.o.token_value}`; } }\n',
    );
    fs.writeFileSync(
      path.join(yamlDir, 'openlineage.yml'),
      `transport:\n  type: http\n  url: ${sink.url}\n  auth:\n    type: ./provider.mjs\n    token_value: from-yaml\n`,
    );
    const t = await build({ env: { OPENLINEAGE_CONFIG: path.join(yamlDir, 'openlineage.yml') } });
    await t.emit(runEvent());
    expect(sink.requests[0]!.headers.authorization).toBe('Bearer from-yaml');
  });

  it('errors name the variable and the YAML line, never the secret', async () => {
    const fromEnv = await buildError({ env: { OPENLINEAGE__TRANSPORT__TYPE: 'http', OPENLINEAGE__TRANSPORT__URL: 'example.com' } });
    expect(fromEnv.message).toContain('OPENLINEAGE__TRANSPORT__URL');
    const jwt = await buildError({
      env: {
        OPENLINEAGE__TRANSPORT__TYPE: 'http',
        OPENLINEAGE__TRANSPORT__URL: sink.url,
        OPENLINEAGE__TRANSPORT__AUTH__TYPE: 'jwt',
        OPENLINEAGE__TRANSPORT__AUTH__API_KEY: 'dont-print-me',
      },
    });
    expect(jwt.path).toBe('transport.auth.tokenEndpoint');
    expect(JSON.stringify({ m: jwt.message, a: jwt.actual })).not.toContain('dont-print-me');
    const fromYaml = await buildError({ yaml: `transport:\n  type: http\n  url: ${sink.url}\n  compression: brotli\n` });
    expect(fromYaml.message).toMatch(/openlineage\.yml:4/);
  });

  it('the legacy OPENLINEAGE_URL / OPENLINEAGE_API_KEY variables', async () => {
    const t = await build({ env: { OPENLINEAGE_URL: sink.url, OPENLINEAGE_API_KEY: 'legacy-key-1', OPENLINEAGE_ENDPOINT: 'events' } });
    await t.emit(runEvent());
    expect(sink.requests[0]!.path).toBe('/events');
    expect(sink.requests[0]!.headers.authorization).toBe('Bearer legacy-key-1');
  });
});
