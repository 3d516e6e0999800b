/**
 * Every YAML and environment-variable example for the composite transport in the Python client's
 * docs (seed 000: "Configuration" → "Composite Example", "Composite" → list, map and env forms),
 * resolved with core's real `resolveConfig` and built with the real registry (`createTransport`),
 * which lazily loads @ol/transport-http and @ol/transport-transform as an application would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerTransport, type Transport } from '@ol/core';
import { startLineageSink, transportFromConfig, type LineageSink } from '@ol/test-kit';
import { TransformTransport } from '@ol/transport-transform';
import descriptor, { CompositeTransport } from './index.js';
import { runEvent } from './test-events.js';

let dir: string;
let built: Transport[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-composite-seed-'));
  // The code under test, not the built package the registry would otherwise import by name.
  registerTransport(descriptor);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.allSettled(built.map((t) => t.close(1000)));
  built = [];
});

async function build(options: { env?: Record<string, string>; yaml?: string }): Promise<CompositeTransport> {
  const t = await transportFromConfig(dir, options);
  built.push(t);
  if (!(t instanceof CompositeTransport)) throw new Error(`expected a composite, got ${t.type}`);
  return t;
}

function summary(t: CompositeTransport) {
  return t.children.map((c) => ({ name: c.name, type: c.transport.type, ...pick(c.transport.config) }));
}

function pick(config: unknown) {
  const c = config as Record<string, unknown>;
  return 'target' in c ? { target: c.target } : {};
}

describe('seed 000 examples', () => {
  it('Configuration → Composite Example (environment variables)', async () => {
    const t = await build({
      env: {
        OPENLINEAGE__TRANSPORT__TYPE: 'composite',
        OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__TYPE: 'http',
        OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__URL: 'http://localhost:5050',
        OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__ENDPOINT: '/api/v1/lineage',
        OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__AUTH: '{"type":"api_key", "apiKey":"random_token"}',
        OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__COMPRESSION: 'gzip',
        OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__TYPE: 'console',
      },
    });
    // Python inserts env-named children in reverse-alphabetical order of the variable names; core keeps that.
    expect(summary(t)).toEqual([
      { name: 'second', type: 'console' },
      { name: 'first', type: 'http', target: 'http://localhost:5050/api/v1/lineage' },
    ]);
    expect(t.children[1]!.transport.config).toMatchObject({ compression: 'gzip', auth: { type: 'api_key' } });
  });

  it('Configuration → Composite Example (the equivalent YAML)', async () => {
    const t = await build({
      yaml: `transport:
  type: composite
  transports:
    first:
      type: http
      url: http://localhost:5050
      endpoint: api/v1/lineage
      auth:
        type: api_key
        apiKey: random_token
      compression: gzip
    second:
      type: console
`,
    });
    expect(summary(t)).toEqual([
      { name: 'first', type: 'http', target: 'http://localhost:5050/api/v1/lineage' },
      { name: 'second', type: 'console' },
    ]);
  });

  it('Composite → Yaml Config (List)', async () => {
    const t = await build({
      yaml: `transport:
  type: composite
  continue_on_failure: true
  continue_on_success: true
  sort_transports: false
  transports:
    - type: http
      url: http://example.com/api
      name: my_http
    - type: http
      url: http://localhost:5000
      endpoint: /api/v1/lineage
`,
    });
    expect(t.config).toMatchObject({ continueOnFailure: true, continueOnSuccess: true, sortTransports: false });
    expect(summary(t)).toEqual([
      { name: 'my_http', type: 'http', target: 'http://example.com/api/v1/lineage' },
      { name: undefined, type: 'http', target: 'http://localhost:5000/api/v1/lineage' },
    ]);
  });

  it('Composite → Yaml Config (Map): sorted, priority 10 first', async () => {
    const t = await build({
      yaml: `transport:
  type: composite
  continue_on_failure: true
  continue_on_success: true
  sort_transports: true
  transports:
    my_http:
      type: http
      url: http://example.com/api
    local_http:
      type: http
      url: http://localhost:5000
      endpoint: /api/v1/lineage
      priority: 10
`,
    });
    expect(summary(t)).toEqual([
      { name: 'local_http', type: 'http', target: 'http://localhost:5000/api/v1/lineage' },
      { name: 'my_http', type: 'http', target: 'http://example.com/api/v1/lineage' },
    ]);
    expect(t.children.map((c) => c.priority)).toEqual([10, 0]);
  });

  const composedEnv = (first: string, second: string): Record<string, string> => ({
    OPENLINEAGE__TRANSPORT__TYPE: 'composite',
    OPENLINEAGE__TRANSPORT__CONTINUE_ON_FAILURE: 'true',
    OPENLINEAGE__TRANSPORT__CONTINUE_ON_SUCCESS: 'true',
    OPENLINEAGE__TRANSPORT__SORT_TRANSPORTS: 'true',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TYPE: 'transform',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__PRIORITY: '1',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSFORMER_CLASS: 'openlineage.client.transport.transform.JobNamespaceReplaceTransformer',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSFORMER_PROPERTIES: '{"new_job_namespace": "new_namespace_value"}',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSPORT__TYPE: 'http',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSPORT__URL: first,
    OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSPORT__ENDPOINT: 'api/v1/lineage',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSPORT__AUTH__TYPE: 'api_key',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSPORT__AUTH__API_KEY: '1500100900',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__TYPE: 'http',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__PRIORITY: '0',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__URL: second,
    OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__ENDPOINT: 'another/endpoint/v2',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__AUTH__TYPE: 'api_key',
    OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__AUTH__API_KEY: 'bf6128d06dc2',
  });

  it('Composite → Environment Variables, as written (transform child with an http inner transport)', async () => {
    const t = await build({ env: composedEnv('http://backend:5000', 'http://another-backend:5000') });
    expect(t.config).toMatchObject({ continueOnFailure: true, continueOnSuccess: true, sortTransports: true });
    expect(t.children.map((c) => [c.name, c.priority, c.transport.type])).toEqual([
      ['my_first_transport_name', 1, 'transform'],
      ['second', 0, 'http'],
    ]);
    const transform = t.children[0]!.transport;
    if (!(transform instanceof TransformTransport)) throw new Error('first child is not a transform');
    expect(transform.transformer).toMatchObject({ newJobNamespace: 'new_namespace_value', includeParentFacet: true });
    expect(transform.transport.config).toMatchObject({ target: 'http://backend:5000/api/v1/lineage', auth: { type: 'api_key' } });
    expect(t.children[1]!.transport.config).toMatchObject({ target: 'http://another-backend:5000/another/endpoint/v2' });
  });

  describe('delivering for real', () => {
    let first: LineageSink;
    let second: LineageSink;
    beforeAll(async () => {
      [first, second] = await Promise.all([startLineageSink(), startLineageSink()]);
    });
    afterAll(async () => {
      await Promise.all([first.close(), second.close()]);
    });

    it('the env example sends the renamed event to the first backend and the original to the second, each with its key', async () => {
      const t = await build({ env: composedEnv(first.url, second.url) });
      const event = runEvent('etl');
      await t.emit(event);
      expect(first.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/api/v1/lineage', 'Bearer 1500100900']]);
      expect(second.requests.map((r) => [r.path, r.headers.authorization])).toEqual([['/another/endpoint/v2', 'Bearer bf6128d06dc2']]);
      expect(first.events).toEqual([{ ...event, job: { namespace: 'new_namespace_value', name: 'etl' } }]);
      expect(second.events).toEqual([event]);
      expect(event.job.namespace).toBe('ns');
    });

    it('a failing first backend is logged and the second still gets the event; both failing rejects naming each', async () => {
      first.reset();
      second.reset();
      const t = await build({
        yaml: `transport:
  type: composite
  transports:
    primary: { type: http, url: "${first.url}", retry: { total: 0 } }
    fallback: { type: http, url: "${second.url}", retry: { total: 0 } }
`,
      });
      first.respondWith([400]);
      await t.emit(runEvent());
      expect(second.events).toHaveLength(1);
      first.respondWith([400]);
      second.respondWith([400]);
      await expect(t.emit(runEvent())).rejects.toThrow(/None of the transports successfully emitted the event: primary \(http\): .*; fallback \(http\): /);
    });
  });

  it('OPENLINEAGE_URL adds a default_http child; DEFAULT_HTTP={} opts out', async () => {
    const base = {
      OPENLINEAGE_URL: 'http://legacy:5000',
      OPENLINEAGE__TRANSPORT__TYPE: 'composite',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__TYPE: 'console',
    };
    const withAlias = await build({ env: base });
    expect(
      summary(withAlias)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['default_http', 'first']);
    const optedOut = await build({ env: { ...base, OPENLINEAGE__TRANSPORT__TRANSPORTS__DEFAULT_HTTP: '{}' } });
    expect(summary(optedOut)).toEqual([{ name: 'first', type: 'console' }]);
  });

  it('a child config error names the child key path and its source variable', async () => {
    const err = (await build({
      env: {
        OPENLINEAGE__TRANSPORT__TYPE: 'composite',
        OPENLINEAGE__TRANSPORT__TRANSPORTS__BROKEN__TYPE: 'file',
        OPENLINEAGE__TRANSPORT__TRANSPORTS__BROKEN__APPEND: 'sometimes',
      },
    }).catch((e: unknown) => e)) as Error & { path: string; source: string };
    expect(err.name).toBe('ConfigError');
    expect(err.path).toBe('transport.transports.broken.log_file_path');
  });
});
