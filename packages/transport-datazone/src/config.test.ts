import type { TransportContext } from '@ol/core';
import { createWith, parseWith } from '@ol/core/internal';
import { configErrorOf } from '@ol/test-kit';
import { describe, expect, it } from 'vitest';
import { readDataZoneConfig } from './config.js';
import { PYTHON_CLASS_PATH, descriptor } from './descriptor.js';
import { createDataZoneTransport } from './transport.js';
import defaultExport, * as mod from './index.js';

function context(origin = (p: readonly string[]) => `openlineage.yml (${p.join('.')})`): TransportContext {
  return {
    logger: { error() {}, warn() {}, info() {}, debug() {} },
    path: ['transport'],
    origin,
    baseDir: process.cwd(),
    env: {},
    createChild: () => Promise.reject(new Error('no children here')),
  };
}

describe('reading DataZone options', () => {
  it('fills defaults', () => {
    expect(readDataZoneConfig({ type: 'amazon_datazone_api', domainId: 'dzd_abc123' })).toEqual({ domainId: 'dzd_abc123', maxAttempts: 3, timeout: 10 });
  });

  it('accepts the Python camelCase keys, snake_case, and the lower-case keys env variables produce', () => {
    const expected = { domainId: 'dzd-x1', region: 'us-east-1', endpointOverride: 'https://dz.example.com', maxAttempts: 5, timeout: 2.5 };
    expect(readDataZoneConfig({ domainId: 'dzd-x1', region: 'us-east-1', endpointOverride: 'https://dz.example.com', maxAttempts: 5, timeout: 2.5 })).toEqual(
      expected,
    );
    expect(
      readDataZoneConfig({ domain_id: 'dzd-x1', region: 'us-east-1', endpoint_override: 'https://dz.example.com', max_attempts: 5, timeout: 2.5 }),
    ).toEqual(expected);
    // OPENLINEAGE__TRANSPORT__DOMAINID / __MAX_ATTEMPTS: lower-cased keys and string values.
    expect(
      readDataZoneConfig({ domainid: 'dzd-x1', region: 'us-east-1', endpointoverride: 'https://dz.example.com', max_attempts: '5', timeout: '2.5' }),
    ).toEqual(expected);
  });

  it('requires domainId, naming the key and source', () => {
    const err = configErrorOf(() => createWith(descriptor, { type: 'amazon_datazone_api' }, context()));
    expect(err.path).toBe('transport.domainId');
    expect(err.source).toBe('openlineage.yml (transport.domainId)');
    expect(err.message).toContain('domainId');
  });

  it.each(['dzd', 'abc123', 'dzd:abc', 'dzd_', `dzd_${'a'.repeat(37)}`, 'dzd_a b'])('rejects the domain id %j', (domainId) => {
    const err = configErrorOf(() => readDataZoneConfig({ domainId }));
    expect(err.path).toBe('transport.domainId');
    expect(err.expected).toContain('dzd[-_][a-zA-Z0-9_-]{1,36}');
    expect(err.actual).toBe(domainId);
  });

  it.each(['dzd_a', 'dzd-a', `dzd_${'a'.repeat(36)}`, 'dzd_5c1Ab-x_y'])('accepts the domain id %j', (domainId) => {
    expect(readDataZoneConfig({ domainId }).domainId).toBe(domainId);
  });

  it('rejects an endpointOverride that is not an http(s) URL, a bad region and bad maxAttempts', () => {
    expect(configErrorOf(() => readDataZoneConfig({ domainId: 'dzd_a', endpointOverride: 'datazone.eu-west-1' })).path).toBe('transport.endpointOverride');
    expect(configErrorOf(() => readDataZoneConfig({ domainId: 'dzd_a', region: 'EU West' })).path).toBe('transport.region');
    expect(configErrorOf(() => readDataZoneConfig({ domainId: 'dzd_a', max_attempts: '0' })).path).toBe('transport.max_attempts');
    expect(configErrorOf(() => readDataZoneConfig({ domainId: 'dzd_a', maxAttempts: 'many' })).path).toBe('transport.maxAttempts');
  });

  it('checks code options as strictly as config', () => {
    expect(configErrorOf(() => createDataZoneTransport({ domainId: 'nope' })).source).toBe('code');
  });
});

describe('descriptor', () => {
  it('is both the default and the named export, with the Python names as aliases', () => {
    expect(defaultExport).toBe(mod.descriptor);
    expect(descriptor.type).toBe('amazon_datazone_api');
    expect(descriptor.aliases).toEqual(['datazone', PYTHON_CLASS_PATH]);
    expect(PYTHON_CLASS_PATH).toBe('openlineage.client.transport.amazon_datazone.AmazonDataZoneTransport');
  });

  it('creates a transport from a YAML-shaped object and normalizes without building one', async () => {
    const raw = { type: 'amazon_datazone_api', domainId: 'dzd_abc123', region: 'eu-west-1' };
    expect(parseWith(descriptor, raw, context())).toEqual({ domainId: 'dzd_abc123', region: 'eu-west-1', maxAttempts: 3, timeout: 10 });
    const t = await createWith(descriptor, raw, context());
    expect(t.type).toBe('amazon_datazone_api');
    expect(t.config).toEqual({ domainId: 'dzd_abc123', region: 'eu-west-1', maxAttempts: 3, timeout: 10 });
    expect(await t.close()).toBe(true);
  });
});
