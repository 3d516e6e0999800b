import { ConfigError } from '@ol/core';
import { codeScope } from '@ol/core/internal';
import { describe, expect, it } from 'vitest';
import { DATADOG_SITES, parseDatadogConfig } from './config.js';

const parse = (raw: Record<string, unknown>, env: Record<string, string> = {}) => parseDatadogConfig(raw, { ...codeScope(['transport']), env });

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseDatadogConfig (the Python DatadogConfig)', () => {
  it('minimal: just the api key, Python defaults everywhere else', () => {
    expect(parse({ apiKey: 'k' })).toEqual({
      apiKey: 'k',
      site: 'datadoghq.com',
      url: 'https://data-obs-intake.datadoghq.com',
      timeout: 5,
      retry: expect.objectContaining({
        total: 5,
        read: 5,
        connect: 5,
        backoffFactor: 0.3,
        statusForcelist: [500, 502, 503, 504],
        allowedMethods: ['HEAD', 'POST'],
      }),
      maxQueueSize: 10_000,
      maxConcurrentRequests: 100,
      asyncTransportRules: { dbt: { '*': true } },
    });
  });

  it('defaults are fresh per config (changing one does not change the next)', () => {
    const first = parse({ apiKey: 'a' });
    first.retry.statusForcelist.push(429);
    first.asyncTransportRules.dbt!.test = false;
    const second = parse({ apiKey: 'b' });
    expect(second.retry.statusForcelist).toEqual([500, 502, 503, 504]);
    expect(second.asyncTransportRules).toEqual({ dbt: { '*': true } });
  });

  it('all options, in snake_case or camelCase', () => {
    const snake = parse({
      api_key: 'k',
      site: 'us3.datadoghq.com',
      timeout: '10',
      max_queue_size: 5000,
      max_concurrent_requests: '50',
      retry: { total: 3, backoff_factor: 0.5, status_forcelist: [500, 502] },
      async_transport_rules: { spark: { '*': true } },
    });
    const camel = parse({
      apiKey: 'k',
      site: 'us3.datadoghq.com',
      timeout: 10,
      maxQueueSize: 5000,
      maxConcurrentRequests: 50,
      retry: { total: 3, backoffFactor: 0.5, statusForcelist: [500, 502] },
      asyncTransportRules: { spark: { '*': true } },
    });
    expect(snake).toEqual(camel);
    expect(snake).toMatchObject({
      timeout: 10,
      maxQueueSize: 5000,
      maxConcurrentRequests: 50,
      retry: { total: 3, backoffFactor: 0.5, statusForcelist: [500, 502] },
      asyncTransportRules: { spark: { '*': true } },
    });
    // `apikey` is the other spelling the Python client reads.
    expect(parse({ apikey: 'lower' }).apiKey).toBe('lower');
  });

  it('every site maps to its data-obs intake', () => {
    expect(Object.keys(DATADOG_SITES)).toHaveLength(10);
    for (const [site, url] of Object.entries(DATADOG_SITES)) {
      expect(url).toBe(`https://data-obs-intake.${site}`);
      expect(parse({ apiKey: 'k', site })).toMatchObject({ site, url });
    }
  });

  it('any http(s) URL is the intake itself', () => {
    for (const url of ['https://custom-intake.example.com', 'http://localhost:8080', 'https://intake.datadog.staging.com/v1/traces']) {
      expect(parse({ apiKey: 'k', site: url })).toMatchObject({ site: url, url });
    }
  });

  it('DD_API_KEY and DD_SITE from the given environment; config wins over them', () => {
    expect(parse({}, { DD_API_KEY: 'env-key', DD_SITE: 'datadoghq.eu' })).toMatchObject({
      apiKey: 'env-key',
      site: 'datadoghq.eu',
      url: 'https://data-obs-intake.datadoghq.eu',
    });
    expect(parse({ apiKey: 'explicit', site: 'us5.datadoghq.com' }, { DD_API_KEY: 'env-key', DD_SITE: 'datadoghq.eu' })).toMatchObject({
      apiKey: 'explicit',
      site: 'us5.datadoghq.com',
    });
    expect(parse({ apiKey: 'k' }, { DD_SITE: 'https://custom-datadog.example.com' }).url).toBe('https://custom-datadog.example.com');
  });

  it('missing api key: ConfigError naming apiKey and DD_API_KEY', () => {
    const e = configError(() => parse({}, { DD_API_KEY: '  ' }));
    expect(e.path).toBe('transport.apiKey');
    expect(e.message).toContain('DD_API_KEY');
  });

  it('unknown site or bad URL: ConfigError listing the accepted sites, naming the source', () => {
    for (const bad of ['invalid-site', 'not-a-url', 'ftp://example.com', 'https://', '://example.com', 'just-text']) {
      const e = configError(() => parse({ apiKey: 'k', site: bad }));
      expect(e.path).toBe('transport.site');
      expect(e.source).toBe('code');
      expect(e.message).toContain(bad);
      expect(e.message).toContain('us3.datadoghq.com');
    }
    const fromEnv = configError(() => parse({ apiKey: 'k' }, { DD_SITE: 'invalid-site' }));
    expect(fromEnv.source).toBe('DD_SITE');
    expect(fromEnv.message).toContain('invalid-site');
  });

  it('wrong types name the key; the api key never shows', () => {
    const e = configError(() => parse({ apiKey: 'sekrit-123', timeout: 'soon' }));
    expect(e.path).toBe('transport.timeout');
    expect(configError(() => parse({ apiKey: 'k', retry: { total: -1 } })).path).toBe('transport.retry.total');
    expect(configError(() => parse({ apiKey: 'k', max_queue_size: 0 })).path).toBe('transport.max_queue_size');
    expect(configError(() => parse({ apiKey: 'k', async_transport_rules: { dbt: 'yes' } })).path).toBe('transport.async_transport_rules');
    const secret = configError(() => parse({ apiKey: { nested: 'sekrit-123' } }));
    expect(secret.message).not.toContain('sekrit-123');
  });
});
