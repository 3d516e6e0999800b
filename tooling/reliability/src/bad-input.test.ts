/**
 * The bad-input table: every config mistake is a typed error that names where the value came
 * from, the key, what was expected and what was found — and never shows a secret.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, createLogger, OpenLineageClient, type OpenLineageEvent, TransportError, ValidationError } from '@ol/core';

const SECRET = 'sk-live-0123456789abcdef';
const dirs: string[] = [];
const logLines: string[] = [];
const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l) });

function project(yaml?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-bad-'));
  dirs.push(dir);
  // Transports are found from the application: point the test project at this package's node_modules.
  fs.symlinkSync(path.resolve(import.meta.dirname, '..', 'node_modules'), path.join(dir, 'node_modules'));
  if (yaml !== undefined) fs.writeFileSync(path.join(dir, 'openlineage.yml'), yaml);
  return dir;
}

async function createError(options: { yaml?: string; env?: Record<string, string>; config?: Record<string, unknown> }): Promise<unknown> {
  const cwd = project(options.yaml);
  try {
    const client = await OpenLineageClient.create({ cwd, homeDir: cwd, env: options.env ?? {}, logger, ...(options.config ? { config: options.config } : {}) });
    await client.close();
  } catch (error) {
    return error;
  }
  throw new Error('expected OpenLineageClient.create to fail');
}

function expectConfigError(error: unknown, parts: { source: RegExp | string; path: string; actual?: string }): ConfigError {
  expect(error).toBeInstanceOf(ConfigError);
  const e = error as ConfigError;
  expect(e.name).toBe('ConfigError');
  expect(e.source).toMatch(parts.source);
  expect(e.path).toBe(parts.path);
  expect(e.message).toContain(parts.path);
  if (parts.actual !== undefined) expect(e.message).toContain(parts.actual);
  expect(e.message).not.toContain(SECRET);
  expect(JSON.stringify(e)).not.toContain(SECRET);
  return e;
}

afterAll(() => {
  for (const line of logLines) expect(line).not.toContain(SECRET);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('bad input table', () => {
  it('malformed YAML: ConfigError with file:line', async () => {
    const error = await createError({ yaml: `transport:\n  type: http\n  url: [unclosed\n  auth:\n    apiKey: ${SECRET}\n` });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).source).toMatch(/openlineage\.yml:\d+/);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('unknown transport type: names the key, the value and the package it looked for', async () => {
    const error = await createError({ yaml: 'transport:\n  type: carrier-pigeon\n' });
    const e = expectConfigError(error, { source: /openlineage\.yml:2/, path: 'transport.type', actual: 'carrier-pigeon' });
    expect(e.message).toMatch(/install|could not|cannot find|not found/i);
  });

  it('missing required key: http without url', async () => {
    const error = await createError({
      env: { OPENLINEAGE__TRANSPORT__TYPE: 'http', OPENLINEAGE__TRANSPORT__AUTH: JSON.stringify({ type: 'api_key', apiKey: SECRET }) },
    });
    expectConfigError(error, { source: /OPENLINEAGE__TRANSPORT/, path: 'transport.url' });
  });

  it('wrong type: a timeout that is not a number', async () => {
    const error = await createError({
      yaml: `transport:\n  type: http\n  url: http://localhost:5000\n  timeout: soon\n  auth:\n    type: api_key\n    apiKey: ${SECRET}\n`,
    });
    expectConfigError(error, { source: /openlineage\.yml:4/, path: 'transport.timeout', actual: '"soon"' });
  });

  it('non-JSON where JSON is expected: kafka producer properties from an env var', async () => {
    const error = await createError({
      env: { OPENLINEAGE__TRANSPORT__TYPE: 'kafka', OPENLINEAGE__TRANSPORT__TOPIC: 't', OPENLINEAGE__TRANSPORT__CONFIG: "{'bootstrap.servers': 'x'}" },
    });
    expectConfigError(error, { source: 'OPENLINEAGE__TRANSPORT__CONFIG', path: 'transport.config', actual: 'bootstrap.servers' });
  });

  it('__proto__ keys in YAML and in env are refused and pollute nothing', async () => {
    const fromYaml = await createError({ yaml: 'transport:\n  type: console\n  __proto__:\n    polluted: yes\n' });
    expectConfigError(fromYaml, { source: /openlineage\.yml:3/, path: 'transport.__proto__' });
    const fromEnv = await createError({ env: { OPENLINEAGE__TRANSPORT__TYPE: 'console', OPENLINEAGE__TRANSPORT__CONSTRUCTOR__PROTOTYPE__POLLUTED: 'yes' } });
    expect(fromEnv).toBeInstanceOf(ConfigError);
    expect((fromEnv as ConfigError).source).toBe('OPENLINEAGE__TRANSPORT__CONSTRUCTOR__PROTOTYPE__POLLUTED');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('invalid URL: ConfigError naming the variable and the value, api key hidden', async () => {
    const error = await createError({
      env: {
        OPENLINEAGE__TRANSPORT__TYPE: 'http',
        OPENLINEAGE__TRANSPORT__URL: 'example.com',
        OPENLINEAGE__TRANSPORT__AUTH__TYPE: 'api_key',
        OPENLINEAGE__TRANSPORT__AUTH__API_KEY: SECRET,
      },
    });
    expectConfigError(error, { source: 'OPENLINEAGE__TRANSPORT__URL', path: 'transport.url', actual: 'example.com' });
  });

  it('a secret in a wrong place is shown as ***', async () => {
    const error = await createError({
      config: { transport: { type: 'http', url: 'http://localhost:1', auth: { type: 'api_key', apiKey: { nested: SECRET } } } },
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('***');
  });

  it('datadog: no api key anywhere names apiKey and DD_API_KEY; an unknown DD_SITE names the variable and the sites', async () => {
    const noKey = await createError({ yaml: 'transport:\n  type: datadog\n  site: datadoghq.eu\n' });
    const e = expectConfigError(noKey, { source: /openlineage\.yml/, path: 'transport.apiKey' });
    expect(e.message).toContain('DD_API_KEY');
    const badSite = await createError({ env: { OPENLINEAGE__TRANSPORT__TYPE: 'datadog', DD_API_KEY: SECRET, DD_SITE: 'datadoghq.moon' } });
    const s = expectConfigError(badSite, { source: 'DD_SITE', path: 'transport.site', actual: 'datadoghq.moon' });
    expect(s.message).toContain('us5.datadoghq.com');
  });

  it('gcplineage: a missing project_id and an unreadable credentials file name their keys', async () => {
    expectConfigError(await createError({ yaml: 'transport:\n  type: gcplineage\n  location: europe-west1\n' }), {
      source: /openlineage\.yml/,
      path: 'transport.project_id',
    });
    const unreadable = await createError({ yaml: 'transport:\n  type: gcplineage\n  project_id: my-project\n  credentials_path: missing-key.json\n' });
    expectConfigError(unreadable, { source: /openlineage\.yml:4/, path: 'transport.credentials_path', actual: 'missing-key.json' });
  });

  it('msk-iam: no region in config, AWS_REGION or AWS_DEFAULT_REGION; a contradicting security.protocol', async () => {
    const env = {
      OPENLINEAGE__TRANSPORT__TYPE: 'msk-iam',
      OPENLINEAGE__TRANSPORT__TOPIC: 'lineage',
      OPENLINEAGE__TRANSPORT__CONFIG: '{"bootstrap.servers": "b-1.example.com:9098"}',
      AWS_SECRET_ACCESS_KEY: SECRET,
    };
    const e = expectConfigError(await createError({ env }), { source: /OPENLINEAGE__TRANSPORT/, path: 'transport.region' });
    expect(e.message).toMatch(/AWS_REGION.*AWS_DEFAULT_REGION/);
    const plaintext = await createError({
      env: { ...env, AWS_REGION: 'eu-west-1', OPENLINEAGE__TRANSPORT__CONFIG: '{"bootstrap.servers": "b:9098", "security.protocol": "PLAINTEXT"}' },
    });
    expectConfigError(plaintext, { source: 'OPENLINEAGE__TRANSPORT__CONFIG', path: 'transport.config.security.protocol', actual: 'PLAINTEXT' });
  });

  it('unwritable file path: TransportError naming the path and the system error', async () => {
    const dir = project();
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    const client = await OpenLineageClient.create({
      cwd: dir,
      homeDir: dir,
      env: {},
      logger,
      failOnError: true,
      config: { transport: { type: 'file', log_file_path: path.join(blocker, 'events.jsonl'), append: true } },
    });
    const error = await client.emit(minimalEvent()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).transport).toBe('file');
    expect((error as Error).message).toContain(blocker);
    // The system error as node reports it (EEXIST from mkdir, or ENOTDIR from open).
    expect((error as Error).message).toMatch(/could not be written: E[A-Z]+: /);
    await client.close();
  });

  it('s3: a bucket name with a path, from an env variable', async () => {
    const error = await createError({ env: { OPENLINEAGE__TRANSPORT__TYPE: 's3', OPENLINEAGE__TRANSPORT__BUCKET_NAME: 'lineage/events' } });
    const e = expectConfigError(error, { source: 'OPENLINEAGE__TRANSPORT__BUCKET_NAME', path: 'transport.bucket_name', actual: 'lineage/events' });
    expect(e.expected).toContain('fileNamePrefix');
  });

  it('gcs: a credentials file that does not exist, from openlineage.yml', async () => {
    const error = await createError({
      yaml: 'transport:\n  type: io.openlineage.client.transports.gcs.GcsTransport\n  bucketName: lineage\n  credentialsFile: ./missing-key.json\n',
    });
    const e = expectConfigError(error, { source: /openlineage\.yml:4/, path: 'transport.credentialsFile' });
    expect(e.expected).toContain('service account key file');
  });

  it('kinesis: no region anywhere, and a KPL property out of range', async () => {
    const noRegion = await createError({ yaml: 'transport:\n  type: kinesis\n  streamName: lineage\n' });
    expect(expectConfigError(noRegion, { source: /openlineage\.yml/, path: 'transport.region' }).expected).toContain('AWS_REGION');
    const badProp = await createError({
      yaml: 'transport:\n  type: kinesis\n  streamName: lineage\n  region: eu-west-1\n  properties:\n    CollectionMaxCount: 5000\n',
    });
    expectConfigError(badProp, { source: /openlineage\.yml:6/, path: 'transport.properties.CollectionMaxCount', actual: '5000' });
  });

  it('an event that is not one: ValidationError, even without failOnError', async () => {
    const dir = project();
    const client = await OpenLineageClient.create({ cwd: dir, homeDir: dir, env: {}, logger, config: { transport: { type: 'noop' } } });
    for (const bad of [null, 'START', { eventType: 'START' }, { run: {}, job: {} }, []]) {
      const error = await client.emit(bad as unknown as OpenLineageEvent).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(/not an OpenLineage event/);
    }
    await client.close();
  });
});

function minimalEvent(): OpenLineageEvent {
  return {
    eventTime: new Date().toISOString(),
    producer: 'https://example.com/reliability',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    eventType: 'START',
    run: { runId: '0190f5a2-7c3e-7d4a-9b1e-2f3a4b5c6d7e' },
    job: { namespace: 'reliability', name: 'bad-input' },
  };
}
