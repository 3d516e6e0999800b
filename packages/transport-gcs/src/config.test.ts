import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redact, resolveConfig, type TransportContext } from '@ol/core';
import { configErrorOf } from '@ol/test-kit';
import { createWith } from '@ol/core/internal';
import { describe, expect, it } from 'vitest';
import { parseGcsConfig } from './config.js';
import { createGcsTransport, descriptor } from './descriptor.js';
import defaultExport, * as mod from './index.js';

function context(baseDir = process.cwd(), warnings: string[] = []): TransportContext {
  return {
    logger: { error() {}, warn: (m: string) => warnings.push(m), info() {}, debug() {} },
    path: ['transport'],
    origin: (p) => `openlineage.yml (${p.join('.')})`,
    baseDir,
    env: {},
    createChild: () => Promise.reject(new Error('no children here')),
  };
}

describe('parseGcsConfig', () => {
  it('fills defaults', () => {
    expect(parseGcsConfig({ bucketName: 'lineage' })).toEqual({
      bucketName: 'lineage',
      useAuthWithCustomEndpoint: false,
      maxRetries: 3,
      retryIntervalMillis: 1000,
      timeout: 10,
    });
  });

  it('accepts Java camelCase, snake_case and env-variable spellings, and resolves credentialsFile against the config file directory', () => {
    const expected = {
      bucketName: 'lineage',
      projectId: 'p-1',
      credentialsFile: path.resolve('/etc/ol', 'key.json'),
      fileNamePrefix: 'events/',
      apiEndpoint: 'http://localhost:4443',
      useAuthWithCustomEndpoint: true,
      maxRetries: 2,
      retryIntervalMillis: 500,
      timeout: 3,
    };
    const camel = {
      bucketName: 'lineage',
      projectId: 'p-1',
      credentialsFile: 'key.json',
      fileNamePrefix: 'events/',
      apiEndpoint: 'http://localhost:4443/',
      useAuthWithCustomEndpoint: true,
      maxRetries: 2,
      retryIntervalMillis: 500,
      timeout: 3,
    };
    expect(parseGcsConfig(camel, { baseDir: '/etc/ol' })).toEqual(expected);
    const snake = {
      bucket_name: 'lineage',
      project_id: 'p-1',
      credentials_file: 'key.json',
      file_name_prefix: 'events/',
      api_endpoint: 'http://localhost:4443',
      use_auth_with_custom_endpoint: 'true',
      max_retries: '2',
      retry_interval_millis: '500',
      timeout: '3',
    };
    expect(parseGcsConfig(snake, { baseDir: '/etc/ol' })).toEqual(expected);
  });

  it('names the env variable of a bad value', () => {
    const r = resolveConfig({
      env: { OPENLINEAGE__TRANSPORT__TYPE: 'gcs', OPENLINEAGE__TRANSPORT__BUCKET_NAME: 'bkt', OPENLINEAGE__TRANSPORT__MAX_RETRIES: 'often' },
      cwd: '/nonexistent',
      homeDir: '/nonexistent',
    });
    const err = configErrorOf(() => parseGcsConfig(r.config.transport, { path: ['transport'], origin: r.origin }));
    expect(err.source).toBe('OPENLINEAGE__TRANSPORT__MAX_RETRIES');
    expect(err.expected).toContain('integer >= 1');
  });

  it('requires bucketName and checks it, apiEndpoint and the numbers', () => {
    const missing = configErrorOf(() => createWith(descriptor, { type: 'gcs' }, context()));
    expect(missing.path).toBe('transport.bucketName');
    expect(missing.source).toBe('openlineage.yml (transport.bucketName)');
    expect(configErrorOf(() => parseGcsConfig({ bucketName: 'my-bucket/events' })).expected).toContain('fileNamePrefix');
    expect(configErrorOf(() => parseGcsConfig({ bucketName: 'Upper' })).path).toBe('transport.bucketName');
    expect(configErrorOf(() => parseGcsConfig({ bucketName: 'bkt', apiEndpoint: 'localhost:4443' })).path).toBe('transport.apiEndpoint');
    expect(configErrorOf(() => parseGcsConfig({ bucketName: 'bkt', maxRetries: 0 })).path).toBe('transport.maxRetries');
    expect(configErrorOf(() => parseGcsConfig({ bucketName: 'bkt', retryIntervalMillis: -1 })).path).toBe('transport.retryIntervalMillis');
  });

  it('a credentialsFile that does not exist is a ConfigError at startup, from config and from code', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcs-cfg-'));
    try {
      const err = configErrorOf(() => createWith(descriptor, { type: 'gcs', bucketName: 'bkt', credentials_file: 'missing.json' }, context(dir)));
      expect(err.path).toBe('transport.credentials_file');
      expect(err.source).toBe('openlineage.yml (transport.credentials_file)');
      expect(err.expected).toContain('service account key file');
      expect(configErrorOf(() => createGcsTransport({ bucketName: 'bkt', credentialsFile: path.join(dir, 'nope.json') })).source).toBe('code');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns about unknown options', async () => {
    const warnings: string[] = [];
    const t = await createWith(
      descriptor,
      { type: 'gcs', bucketName: 'bkt', apiEndpoint: 'http://127.0.0.1:1', projekt: 'x' },
      context(process.cwd(), warnings),
    );
    await t.close();
    expect(warnings).toEqual(['gcs transport at transport: ignoring unknown option(s) projekt']);
  });

  it('the credentials file path is masked when the config is printed (openlineage config, logs)', () => {
    expect(redact(parseGcsConfig({ bucketName: 'bkt', credentialsFile: '/secrets/key.json' })).credentialsFile).toBe('***');
  });
});

describe('package surface', () => {
  it('default export is the descriptor, Java class name as alias, at most 12 runtime exports', () => {
    expect(defaultExport).toBe(descriptor);
    expect(descriptor.type).toBe('gcs');
    expect(descriptor.aliases).toContain('io.openlineage.client.transports.gcs.GcsTransport');
    expect(Object.keys(mod).length).toBeLessThanOrEqual(12);
  });
});
