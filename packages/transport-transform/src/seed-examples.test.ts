/**
 * The transform transport's YAML and environment-variable examples from the Python client's docs
 * (seed 000, "Transform"), resolved with core's real `resolveConfig` and built with the real
 * registry (`createTransport`, which loads @ol/transport-http by name), plus delivery to a real
 * HTTP sink and a custom transformer next to the YAML file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerTransport, resolveConfig, type RunEvent, type Transport } from '@ol/core';
import { createResolvedTransport, startLineageSink, type LineageSink } from '@ol/test-kit';
import descriptor, { JobNamespaceReplaceTransformer, TransformTransport } from './index.js';
import { runEvent } from './test-events.js';

let dir: string;
let sink: LineageSink;
let built: Transport[] = [];
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-transform-seed-'));
  // The code under test, not the built package the registry would otherwise import by name.
  registerTransport(descriptor);
  sink = await startLineageSink();
});
afterAll(async () => {
  await sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.allSettled(built.map((t) => t.close(1000)));
  built = [];
  sink.reset();
});

async function build(options: { env?: Record<string, string>; yaml?: string; files?: Record<string, string> }): Promise<TransformTransport> {
  const cwd = fs.mkdtempSync(path.join(dir, 'app-'));
  const configDir = path.join(cwd, 'config');
  fs.mkdirSync(configDir);
  for (const [name, text] of Object.entries(options.files ?? {})) fs.writeFileSync(path.join(configDir, name), text);
  const env = { ...options.env };
  if (options.yaml !== undefined) {
    fs.writeFileSync(path.join(configDir, 'openlineage.yml'), options.yaml);
    env.OPENLINEAGE_CONFIG = path.join(configDir, 'openlineage.yml');
  }
  const t = await createResolvedTransport(resolveConfig({ env, cwd, homeDir: cwd }), cwd);
  built.push(t);
  if (!(t instanceof TransformTransport)) throw new Error(`expected a transform, got ${t.type}`);
  return t;
}

const yamlExample = (url: string) => `transport:
  type: transform
  transformer_class: openlineage.client.transport.transform.JobNamespaceReplaceTransformer
  transformer_properties:
    new_job_namespace: new_value
  transport:
    type: http
    url: ${url}
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
`;

const envExample = (url: string): Record<string, string> => ({
  OPENLINEAGE__TRANSPORT__TYPE: 'transform',
  OPENLINEAGE__TRANSPORT__TRANSFORMER_CLASS: 'openlineage.client.transport.transform.JobNamespaceReplaceTransformer',
  OPENLINEAGE__TRANSPORT__TRANSFORMER_PROPERTIES: '{"new_job_namespace": "new_namespace"}',
  OPENLINEAGE__TRANSPORT__TRANSPORT__TYPE: 'http',
  OPENLINEAGE__TRANSPORT__TRANSPORT__URL: url,
  OPENLINEAGE__TRANSPORT__TRANSPORT__ENDPOINT: 'api/v1/lineage',
  OPENLINEAGE__TRANSPORT__TRANSPORT__VERIFY: 'false',
  OPENLINEAGE__TRANSPORT__TRANSPORT__AUTH__TYPE: 'api_key',
  OPENLINEAGE__TRANSPORT__TRANSPORT__AUTH__API_KEY: '1500100900',
  OPENLINEAGE__TRANSPORT__TRANSPORT__COMPRESSION: 'gzip',
  OPENLINEAGE__TRANSPORT__TRANSPORT__RETRY__TOTAL: '7',
  OPENLINEAGE__TRANSPORT__TRANSPORT__RETRY__CONNECT: '3',
  OPENLINEAGE__TRANSPORT__TRANSPORT__RETRY__READ: '2',
  OPENLINEAGE__TRANSPORT__TRANSPORT__RETRY__STATUS: '5',
  OPENLINEAGE__TRANSPORT__TRANSPORT__RETRY__OTHER: '1',
  OPENLINEAGE__TRANSPORT__TRANSPORT__RETRY__ALLOWED_METHODS: '["POST"]',
  OPENLINEAGE__TRANSPORT__TRANSPORT__RETRY__STATUS_FORCELIST: '[500, 502, 503, 504]',
  OPENLINEAGE__TRANSPORT__TRANSPORT__RETRY__BACKOFF_FACTOR: '0.5',
  OPENLINEAGE__TRANSPORT__TRANSPORT__RETRY__RAISE_ON_REDIRECT: 'false',
  OPENLINEAGE__TRANSPORT__TRANSPORT__RETRY__RAISE_ON_STATUS: 'false',
});

function withParent(event: RunEvent): RunEvent {
  return {
    ...event,
    run: {
      ...event.run,
      facets: {
        parent: {
          _producer: 'p',
          _schemaURL: 's',
          run: { runId: 'pr' },
          job: { namespace: 'pns', name: 'pj' },
          root: { run: { runId: 'rr' }, job: { namespace: 'rns', name: 'rj' } },
        },
      },
    },
  };
}

describe('seed 000 examples', () => {
  it('Transform → Yaml Config, as written', async () => {
    const t = await build({ yaml: yamlExample('https://backend:5000') });
    expect(t.transformer).toBeInstanceOf(JobNamespaceReplaceTransformer);
    expect(t.transformer).toMatchObject({ newJobNamespace: 'new_value', includeParentFacet: true });
    expect(t.transport.type).toBe('http');
    expect(t.transport.config).toMatchObject({
      target: 'https://backend:5000/api/v1/lineage',
      timeout: 5,
      verify: false,
      compression: 'gzip',
      auth: { type: 'api_key' },
    });
  });

  it('Transform → Environment Variables, as written', async () => {
    const t = await build({ env: envExample('http://backend:5000') });
    expect(t.transformer).toMatchObject({ newJobNamespace: 'new_namespace', includeParentFacet: true });
    expect(t.transport.config).toMatchObject({ target: 'http://backend:5000/api/v1/lineage', verify: false, compression: 'gzip' });
  });

  it('the YAML example delivers the renamed event (job, parent and root namespaces) with the api key', async () => {
    const t = await build({ yaml: yamlExample(sink.url) });
    const event = withParent(runEvent('etl'));
    await t.emit(event);
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]!.headers.authorization).toBe('Bearer f048521b-dfe8-47cd-9c65-0cb07d57591e');
    expect(sink.requests[0]!.headers['content-encoding']).toBe('gzip');
    const got = sink.events[0] as RunEvent;
    expect(got.job).toEqual({ namespace: 'new_value', name: 'etl' });
    expect(got.run.facets!.parent).toMatchObject({
      run: { runId: 'pr' },
      job: { namespace: 'new_value', name: 'pj' },
      root: { run: { runId: 'rr' }, job: { namespace: 'new_value', name: 'rj' } },
    });
    expect(event.job.namespace).toBe('ns');
  });

  it('the env example delivers the renamed event', async () => {
    const t = await build({ env: envExample(sink.url) });
    await t.emit(runEvent('etl'));
    expect(sink.events).toEqual([{ ...runEvent('etl'), job: { namespace: 'new_namespace', name: 'etl' } }]);
    expect(sink.requests[0]!.headers.authorization).toBe('Bearer 1500100900');
  });

  it('a relative transformer_class resolves against the YAML file’s directory', async () => {
    const t = await build({
      files: { 'redact.mjs': `export class DropStart { constructor(p) { this.p = p; } transform(e) { return e.eventType === this.p.drop ? null : e; } }` },
      yaml: `transport:
  type: transform
  transformer_class: ./redact.mjs#DropStart
  transformer_properties: { drop: START }
  transport: { type: http, url: "${sink.url}" }
`,
    });
    await t.emit(runEvent('a', 'START'));
    await t.emit(runEvent('a', 'COMPLETE'));
    expect(sink.events.map((e) => (e as RunEvent).eventType)).toEqual(['COMPLETE']);
    expect(t.counts).toEqual({ transformed: 1, skipped: 1, errors: 0 });
  });

  it('a module that cannot be found names the YAML line and where it looked', async () => {
    const err = (await build({ yaml: `transport:\n  type: transform\n  transformer_class: ./missing.mjs#X\n  transport: { type: console }\n` }).catch(
      (e: unknown) => e,
    )) as Error & { path: string; source: string };
    expect(err.name).toBe('ConfigError');
    expect(err.path).toBe('transport.transformer_class');
    expect(err.source).toMatch(/openlineage\.yml:3/);
    expect(err.message).toContain(path.sep + 'config');
  });
});
