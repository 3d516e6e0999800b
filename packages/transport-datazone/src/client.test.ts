import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, OpenLineageClient, resolveConfig, silentLogger } from '@ol/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awsError, startDataZoneStub } from './test-datazone-endpoint.js';
import type { DataZoneStub } from './test-datazone-endpoint.js';
import { TEST_CREDENTIALS, jobEvent, runEvent } from './test-events.js';

/**
 * Config from openlineage.yml and OPENLINEAGE__ variables, through core's resolver, registry and
 * client. `cwd` is this package, so the registry finds `@ol/transport-datazone` the way an
 * application that installed it would (the built package, via its exports map).
 */
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

let stub: DataZoneStub;
let dir: string;
const clients: OpenLineageClient[] = [];

beforeEach(async () => {
  stub = await startDataZoneStub();
  dir = await mkdtemp(join(tmpdir(), 'ol-datazone-'));
  // The SDK's default credential chain reads the process environment.
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close(2000)));
  vi.unstubAllEnvs();
  await stub.close();
  await rm(dir, { recursive: true, force: true });
});

async function client(env: Record<string, string>): Promise<OpenLineageClient> {
  const c = await OpenLineageClient.create({ cwd: packageDir, homeDir: dir, env, logger: silentLogger });
  clients.push(c);
  return c;
}

describe('configured from openlineage.yml', () => {
  it('delivers run events, skips the rest, and client.stats() counts each once', async () => {
    const file = join(dir, 'openlineage.yml');
    await writeFile(
      file,
      [
        'transport:',
        '  type: amazon_datazone_api',
        '  domainId: dzd_abc123',
        '  region: eu-west-1',
        `  endpointOverride: ${stub.url}`,
        '  maxAttempts: 1',
        '',
      ].join('\n'),
    );
    const c = await client({ OPENLINEAGE_CONFIG: file });
    expect(c.transport.type).toBe('amazon_datazone_api');
    expect(c.transport.config).toEqual({ domainId: 'dzd_abc123', region: 'eu-west-1', endpointOverride: stub.url, maxAttempts: 1, timeout: 10 });

    await c.emit(runEvent());
    await c.emit(jobEvent());
    stub.respondWith(awsError(400, 'ValidationException', 'bad event', 'rid-1'));
    await c.emit(runEvent({ eventType: 'COMPLETE' }));

    expect(stub.requests).toHaveLength(2);
    expect(stub.requests[0]!.path).toBe('/v2/domains/dzd_abc123/lineage/events');
    expect(c.stats()).toMatchObject({ success: 1, failed: 1, dropped: 1, pending: 0 });
  });

  it('a bad domain id names the file and line', async () => {
    const file = join(dir, 'openlineage.yml');
    await writeFile(file, 'transport:\n  type: amazon_datazone_api\n  domainId: my-domain\n');
    const err: unknown = await client({ OPENLINEAGE_CONFIG: file }).catch((e: unknown) => e);
    expect(ConfigError.isInstance(err)).toBe(true);
    expect((err as ConfigError).path).toBe('transport.domainId');
    expect((err as ConfigError).source).toMatch(/openlineage\.yml:3/);
  });
});

describe('configured from OPENLINEAGE__ variables', () => {
  const env = () => ({
    OPENLINEAGE__TRANSPORT__TYPE: 'amazon_datazone_api',
    OPENLINEAGE__TRANSPORT__DOMAIN_ID: 'dzd-from_env',
    OPENLINEAGE__TRANSPORT__REGION: 'us-west-2',
    OPENLINEAGE__TRANSPORT__ENDPOINT_OVERRIDE: stub.url,
    OPENLINEAGE__TRANSPORT__MAX_ATTEMPTS: '2',
    OPENLINEAGE__TRANSPORT__TIMEOUT: '4',
  });

  it('sets every option, including the ones Python cannot read from env', async () => {
    const c = await client(env());
    expect(c.transport.config).toEqual({ domainId: 'dzd-from_env', region: 'us-west-2', endpointOverride: stub.url, maxAttempts: 2, timeout: 4 });
    await c.emit(runEvent());
    expect(stub.requests[0]!.path).toBe('/v2/domains/dzd-from_env/lineage/events');
    expect(stub.requests[0]!.headers.authorization).toContain('/us-west-2/datazone/aws4_request');
  });

  it.each(['datazone', 'openlineage.client.transport.amazon_datazone.AmazonDataZoneTransport'])('accepts type %s', async (type) => {
    const c = await client({ ...env(), OPENLINEAGE__TRANSPORT__TYPE: type });
    expect(c.transport.type).toBe('amazon_datazone_api');
  });

  it('a bad value names the variable', () => {
    const resolved = resolveConfig({ env: { ...env(), OPENLINEAGE__TRANSPORT__DOMAIN_ID: 'dzd' }, cwd: dir, homeDir: dir });
    expect(resolved.origin(['transport', 'domain_id'])).toBe('OPENLINEAGE__TRANSPORT__DOMAIN_ID');
    return expect(client({ ...env(), OPENLINEAGE__TRANSPORT__DOMAIN_ID: 'dzd' })).rejects.toMatchObject({
      name: 'ConfigError',
      source: 'OPENLINEAGE__TRANSPORT__DOMAIN_ID',
      path: 'transport.domain_id',
    });
  });
});
