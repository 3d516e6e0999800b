import { resolveConfig, type TransportContext } from '@ol/core';
import { configErrorOf } from '@ol/test-kit';
import { createWith } from '@ol/core/internal';
import { describe, expect, it } from 'vitest';
import { parseS3Config } from './config.js';
import { createS3Transport, descriptor } from './descriptor.js';
import defaultExport, * as mod from './index.js';
import { objectName } from './index.js';

function context(env: Record<string, string> = {}, warnings: string[] = []): TransportContext {
  return {
    logger: { error() {}, warn: (m: string) => warnings.push(m), info() {}, debug() {} },
    path: ['transport'],
    origin: (p) => `openlineage.yml (${p.join('.')})`,
    baseDir: process.cwd(),
    env,
    createChild: () => Promise.reject(new Error('no children here')),
  };
}

describe('parseS3Config', () => {
  it('fills defaults: no endpoint → virtual-hosted, region left to the SDK', () => {
    expect(parseS3Config({ bucketName: 'b' })).toEqual({ bucketName: 'b', forcePathStyle: false, maxAttempts: 3, timeout: 10 });
  });

  it('with an endpoint: path-style (as Java) and us-east-1 unless a region is known', () => {
    expect(parseS3Config({ bucketName: 'b', endpoint: 'http://localhost:9000' })).toEqual({
      bucketName: 'b',
      endpoint: 'http://localhost:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 3,
      timeout: 10,
    });
    expect(parseS3Config({ bucketName: 'b', endpoint: 'http://minio:9000', forcePathStyle: 'false' }, { env: { AWS_REGION: 'eu-west-3' } })).toMatchObject({
      region: 'eu-west-3',
      forcePathStyle: false,
    });
  });

  it('accepts camelCase, snake_case and the lower-case keys env variables produce', () => {
    const expected = {
      bucketName: 'b',
      fileNamePrefix: 'a/b',
      endpoint: 'https://s3.example.com',
      region: 'eu-west-1',
      forcePathStyle: true,
      maxAttempts: 5,
      timeout: 2.5,
    };
    expect(
      parseS3Config({ bucketName: 'b', fileNamePrefix: 'a/b', endpoint: 'https://s3.example.com', region: 'eu-west-1', maxAttempts: 5, timeout: 2.5 }),
    ).toEqual(expected);
    expect(
      parseS3Config({ bucket_name: 'b', file_name_prefix: 'a/b', endpoint: 'https://s3.example.com', region: 'eu-west-1', max_attempts: '5', timeout: '2.5' }),
    ).toEqual(expected);
  });

  it('reads OPENLINEAGE__TRANSPORT__* variables and names the variable in errors', () => {
    const ok = resolveConfig({
      env: { OPENLINEAGE__TRANSPORT__TYPE: 's3', OPENLINEAGE__TRANSPORT__BUCKET_NAME: 'lineage', OPENLINEAGE__TRANSPORT__FILE_NAME_PREFIX: 'ol/' },
      cwd: '/nonexistent',
      homeDir: '/nonexistent',
    });
    expect(parseS3Config(ok.config.transport, { path: ['transport'], origin: ok.origin })).toMatchObject({ bucketName: 'lineage', fileNamePrefix: 'ol/' });
    const bad = resolveConfig({
      env: { OPENLINEAGE__TRANSPORT__TYPE: 's3', OPENLINEAGE__TRANSPORT__BUCKET_NAME: 'a/b' },
      cwd: '/nonexistent',
      homeDir: '/nonexistent',
    });
    const err = configErrorOf(() => parseS3Config(bad.config.transport, { path: ['transport'], origin: bad.origin }));
    expect(err.source).toBe('OPENLINEAGE__TRANSPORT__BUCKET_NAME');
    expect(err.expected).toContain('fileNamePrefix');
  });

  it('requires bucketName and checks endpoint, region, maxAttempts, timeout', () => {
    const missing = configErrorOf(() => createWith(descriptor, { type: 's3' }, context()));
    expect(missing.path).toBe('transport.bucketName');
    expect(missing.source).toBe('openlineage.yml (transport.bucketName)');
    expect(configErrorOf(() => parseS3Config({ bucketName: 'b', endpoint: 'minio:9000' })).path).toBe('transport.endpoint');
    expect(configErrorOf(() => parseS3Config({ bucketName: 'b', region: 'EU West' })).path).toBe('transport.region');
    expect(configErrorOf(() => parseS3Config({ bucketName: 'b', max_attempts: '0' })).path).toBe('transport.max_attempts');
    expect(configErrorOf(() => parseS3Config({ bucketName: 'b', timeout: 'soon' })).path).toBe('transport.timeout');
    expect(configErrorOf(() => parseS3Config({ bucketName: 'b', forcePathStyle: 'maybe' })).path).toBe('transport.forcePathStyle');
    expect(configErrorOf(() => parseS3Config({ bucketName: 'b' }, { env: { AWS_REGION: 'Frankfurt' } })).source).toBe('AWS_REGION');
  });

  it('checks code options as strictly as config', () => {
    expect(configErrorOf(() => createS3Transport({ bucketName: '' })).source).toBe('code');
  });

  it('warns once about unknown options instead of failing (as the Python client ignores them)', async () => {
    const warnings: string[] = [];
    const t = await createWith(descriptor, { type: 's3', bucketName: 'b', region: 'eu-west-1', bukket: 'x' }, context({}, warnings));
    await t.close();
    expect(warnings).toEqual(['s3 transport at transport: ignoring unknown option(s) bukket']);
  });
});

describe('object names (Java S3Transport.getFileName, plus collision suffixes)', () => {
  it.each([
    [undefined, 0, '1704067200000.json'],
    ['event', 0, 'event_1704067200000.json'],
    ['some/path/event', 0, 'some/path/event_1704067200000.json'],
    ['another/path/', 0, 'another/path/1704067200000.json'],
    ['event', 1, 'event_1704067200000_1.json'],
    ['dir/', 12, 'dir/1704067200000_12.json'],
  ])('prefix %j, collision %i → %s', (prefix, collision, name) => {
    expect(objectName(prefix, 1704067200000, collision)).toBe(name);
  });
});

describe('package surface', () => {
  it('default export is the descriptor, with the Java class name as alias; at most 12 runtime exports', () => {
    expect(defaultExport).toBe(descriptor);
    expect(descriptor.type).toBe('s3');
    expect(descriptor.aliases).toContain('io.openlineage.client.transports.s3.S3Transport');
    expect(Object.keys(mod).length).toBeLessThanOrEqual(12);
  });
});
