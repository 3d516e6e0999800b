import { join } from 'node:path';
import { ConfigError } from '@ol/core';
import { codeScope } from '@ol/core/internal';
import { describe, expect, it } from 'vitest';
import { endpointOf, parseGcpLineageConfig } from './config.js';

const parse = (raw: Record<string, unknown>, env: Record<string, string> = {}) =>
  parseGcpLineageConfig(raw, { ...codeScope(['transport']), env, baseDir: '/etc/ol' });

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseGcpLineageConfig (the Python GCPLineageConfig)', () => {
  it('project_id alone: Python defaults', () => {
    expect(parse({ project_id: 'my-project' })).toEqual({
      projectId: 'my-project',
      location: 'us-central1',
      timeout: 30,
      asyncTransportRules: { dbt: { '*': true } },
    });
  });

  it('every option in snake_case or camelCase; a relative credentials path resolves against the config directory', () => {
    const snake = parse({
      project_id: 'my-project',
      location: 'europe-west1',
      credentials_path: 'keys/sa.json',
      api_endpoint: 'http://localhost:8080',
      timeout: '5',
      async_transport_rules: { '*': { '*': true } },
    });
    const camel = parse({
      projectId: 'my-project',
      location: 'europe-west1',
      credentialsPath: 'keys/sa.json',
      apiEndpoint: 'http://localhost:8080',
      timeout: 5,
      asyncTransportRules: { '*': { '*': true } },
    });
    expect(snake).toEqual(camel);
    expect(snake).toEqual({
      projectId: 'my-project',
      location: 'europe-west1',
      credentialsPath: join('/etc/ol', 'keys/sa.json'),
      keyFileFrom: 'config',
      apiEndpoint: 'http://localhost:8080',
      timeout: 5,
      asyncTransportRules: { '*': { '*': true } },
    });
  });

  it('GOOGLE_APPLICATION_CREDENTIALS from the given environment when credentials_path is not set', () => {
    expect(parse({ project_id: 'my-project' }, { GOOGLE_APPLICATION_CREDENTIALS: '/keys/adc.json' })).toMatchObject({
      credentialsPath: '/keys/adc.json',
      keyFileFrom: 'GOOGLE_APPLICATION_CREDENTIALS',
    });
    expect(parse({ project_id: 'my-project', credentials_path: '/keys/sa.json' }, { GOOGLE_APPLICATION_CREDENTIALS: '/keys/adc.json' })).toMatchObject({
      credentialsPath: '/keys/sa.json',
      keyFileFrom: 'config',
    });
  });

  it('missing or malformed values: ConfigError naming the key', () => {
    const missing = configError(() => parse({ location: 'us' }));
    expect(missing.path).toBe('transport.project_id');
    expect(configError(() => parse({ project_id: 'My Project' })).path).toBe('transport.project_id');
    expect(configError(() => parse({ project_id: 'my-project', location: 'US Central' })).path).toBe('transport.location');
    expect(configError(() => parse({ project_id: 'my-project', api_endpoint: 'ftp://x' })).path).toBe('transport.api_endpoint');
    expect(configError(() => parse({ project_id: 'my-project', api_endpoint: 'http://x/v1' })).path).toBe('transport.api_endpoint');
    expect(configError(() => parse({ project_id: 'my-project', timeout: 0 })).path).toBe('transport.timeout');
    expect(configError(() => parse({ project_id: 'my-project', async_transport_rules: { dbt: 1 } })).path).toBe('transport.async_transport_rules');
    // A project number is a valid project id too.
    expect(parse({ project_id: '123456789012' }).projectId).toBe('123456789012');
  });
});

describe('endpointOf', () => {
  it('host, host:port (HTTPS) and http(s) URLs', () => {
    expect(endpointOf('datalineage.googleapis.com')).toEqual({ host: 'datalineage.googleapis.com', port: 443, protocol: 'https' });
    expect(endpointOf('europe-west1-datalineage.googleapis.com:8443')).toEqual({
      host: 'europe-west1-datalineage.googleapis.com',
      port: 8443,
      protocol: 'https',
    });
    expect(endpointOf('http://127.0.0.1:9000')).toEqual({ host: '127.0.0.1', port: 9000, protocol: 'http' });
    expect(endpointOf('https://private.example.com/')).toEqual({ host: 'private.example.com', port: 443, protocol: 'https' });
    expect(() => endpointOf('not a host')).toThrow();
  });
});
