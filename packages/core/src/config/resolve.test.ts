import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { resolveConfig } from './resolve.js';
import { scratch } from './test-helpers.js';

function fromEnv(env: Record<string, string>) {
  const s = scratch();
  return resolveConfig({ env, cwd: s.dir, homeDir: s.home });
}

function fromYaml(text: string) {
  const s = scratch();
  s.write('openlineage.yml', text);
  return resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
}

describe('seed: dynamic configuration with environment variables', () => {
  it('basic example equals its YAML', () => {
    const env = fromEnv({
      OPENLINEAGE__TRANSPORT__TYPE: 'http',
      OPENLINEAGE__TRANSPORT__URL: 'http://localhost:5050',
      OPENLINEAGE__TRANSPORT__ENDPOINT: 'api/v1/lineage',
      OPENLINEAGE__TRANSPORT__AUTH: '{"type":"api_key", "apiKey":"random_token"}',
      OPENLINEAGE__TRANSPORT__COMPRESSION: 'gzip',
    });
    const yaml = fromYaml(`transport:
  type: http
  url: http://localhost:5050
  endpoint: api/v1/lineage
  auth:
    type: api_key
    apiKey: random_token
  compression: gzip
`);
    expect(env.config).toEqual(yaml.config);
    expect(env.config.transport).toEqual({
      type: 'http',
      url: 'http://localhost:5050',
      endpoint: 'api/v1/lineage',
      auth: { type: 'api_key', apiKey: 'random_token' },
      compression: 'gzip',
    });
  });

  it('keeps the endpoint exactly as written (the seed shows /api/v1/lineage in env, api/v1/lineage in YAML)', () => {
    expect(fromEnv({ OPENLINEAGE__TRANSPORT__TYPE: 'http', OPENLINEAGE__TRANSPORT__ENDPOINT: '/api/v1/lineage' }).config.transport).toEqual({
      type: 'http',
      endpoint: '/api/v1/lineage',
    });
  });

  it('composite example equals its YAML', () => {
    const env = fromEnv({
      OPENLINEAGE__TRANSPORT__TYPE: 'composite',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__TYPE: 'http',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__URL: 'http://localhost:5050',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__ENDPOINT: 'api/v1/lineage',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__AUTH: '{"type":"api_key", "apiKey":"random_token"}',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__COMPRESSION: 'gzip',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__TYPE: 'console',
    });
    const yaml = fromYaml(`transport:
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
`);
    expect(env.config).toEqual(yaml.config);
  });

  it('precedence example: a JSON value on the parent replaces the children', () => {
    const r = fromEnv({ OPENLINEAGE__TRANSPORT: '{"type":"console"}', OPENLINEAGE__TRANSPORT__TYPE: 'http', OPENLINEAGE__TRANSPORT__URL: 'http://x' });
    expect(r.config).toEqual({ transport: { type: 'console' } });
    expect(r.origin(['transport', 'type'])).toBe('OPENLINEAGE__TRANSPORT');
  });

  it('kafka example equals its YAML (message_key kept as written; the transport accepts both spellings)', () => {
    const env = fromEnv({
      OPENLINEAGE__TRANSPORT__TYPE: 'kafka',
      OPENLINEAGE__TRANSPORT__TOPIC: 'my_topic',
      OPENLINEAGE__TRANSPORT__CONFIG: '{"bootstrap.servers": "localhost:9092,another.host:9092", "acks": "all", "retries": 3}',
      OPENLINEAGE__TRANSPORT__FLUSH: 'true',
      OPENLINEAGE__TRANSPORT__MESSAGE_KEY: 'some-value',
    });
    const yaml = fromYaml(`transport:
  type: kafka
  topic: my_topic
  config:
    bootstrap.servers: localhost:9092,another.host:9092
    acks: all
    retries: 3
  flush: true
  message_key: some-value
`);
    expect(env.config).toEqual(yaml.config);
  });

  it('composite-of-transform example from environment variables', () => {
    const r = fromEnv({
      OPENLINEAGE__TRANSPORT__TYPE: 'composite',
      OPENLINEAGE__TRANSPORT__CONTINUE_ON_FAILURE: 'true',
      OPENLINEAGE__TRANSPORT__CONTINUE_ON_SUCCESS: 'true',
      OPENLINEAGE__TRANSPORT__SORT_TRANSPORTS: 'true',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TYPE: 'transform',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__PRIORITY: '1',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSFORMER_CLASS: 'openlineage.client.transport.transform.JobNamespaceReplaceTransformer',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSFORMER_PROPERTIES: '{"new_job_namespace": "new_namespace_value"}',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSPORT__TYPE: 'http',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSPORT__URL: 'http://backend:5000',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSPORT__ENDPOINT: 'api/v1/lineage',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSPORT__AUTH__TYPE: 'api_key',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__MY_FIRST_TRANSPORT_NAME__TRANSPORT__AUTH__API_KEY: '1500100900',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__TYPE: 'http',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__PRIORITY: '0',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__URL: 'http://another-backend:5000',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__ENDPOINT: 'another/endpoint/v2',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__AUTH__TYPE: 'api_key',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__SECOND__AUTH__API_KEY: 'bf6128d06dc2',
    });
    expect(r.config.transport).toEqual({
      type: 'composite',
      continue_on_failure: true,
      continue_on_success: true,
      sort_transports: true,
      transports: {
        my_first_transport_name: {
          type: 'transform',
          priority: 1,
          transformer_class: 'openlineage.client.transport.transform.JobNamespaceReplaceTransformer',
          transformer_properties: { new_job_namespace: 'new_namespace_value' },
          transport: { type: 'http', url: 'http://backend:5000', endpoint: 'api/v1/lineage', auth: { type: 'api_key', api_key: 1500100900 } },
        },
        second: {
          type: 'http',
          priority: 0,
          url: 'http://another-backend:5000',
          endpoint: 'another/endpoint/v2',
          auth: { type: 'api_key', api_key: 'bf6128d06dc2' },
        },
      },
    });
    // Reverse-sorted processing, as in Python: SECOND's variables are applied before MY_FIRST_….
    expect(Object.keys((r.config.transport as { transports: object }).transports)).toEqual(['second', 'my_first_transport_name']);
  });

  it('transform example from environment variables (JSON lists, numbers and booleans parsed)', () => {
    const r = fromEnv({
      OPENLINEAGE__TRANSPORT__TYPE: 'transform',
      OPENLINEAGE__TRANSPORT__TRANSFORMER_CLASS: 'openlineage.client.transport.transform.JobNamespaceReplaceTransformer',
      OPENLINEAGE__TRANSPORT__TRANSFORMER_PROPERTIES: '{"new_job_namespace": "new_namespace"}',
      OPENLINEAGE__TRANSPORT__TRANSPORT__TYPE: 'http',
      OPENLINEAGE__TRANSPORT__TRANSPORT__URL: 'http://backend:5000',
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
    expect(r.config.transport).toEqual({
      type: 'transform',
      transformer_class: 'openlineage.client.transport.transform.JobNamespaceReplaceTransformer',
      transformer_properties: { new_job_namespace: 'new_namespace' },
      transport: {
        type: 'http',
        url: 'http://backend:5000',
        endpoint: 'api/v1/lineage',
        verify: false,
        auth: { type: 'api_key', api_key: 1500100900 },
        compression: 'gzip',
        retry: {
          total: 7,
          connect: 3,
          read: 2,
          status: 5,
          other: 1,
          allowed_methods: ['POST'],
          status_forcelist: [500, 502, 503, 504],
          backoff_factor: 0.5,
          raise_on_redirect: false,
          raise_on_status: false,
        },
      },
    });
  });

  it('lower-cases key segments but keeps values as written', () => {
    const r = fromEnv({
      OPENLINEAGE__TAGS__JOB__pipeline: 'FINANCE',
      OPENLINEAGE__TRANSPORT__MY_NAME__LIST: '["first","SeCond"]',
      OPENLINEAGE__TRANSPORT__TYPE: 'console',
    });
    expect(r.config.tags).toEqual({ job: { pipeline: 'FINANCE' } });
    expect(r.config.transport).toEqual({ type: 'console', my_name: { list: ['first', 'SeCond'] } });
  });

  it('the environment-variables facet list, from YAML and from a JSON variable', () => {
    expect(fromEnv({ OPENLINEAGE__FACETS__ENVIRONMENT_VARIABLES: '["VAR1", "VAR2"]' }).config.facets).toEqual({ environment_variables: ['VAR1', 'VAR2'] });
    expect(fromYaml('facets:\n  environment_variables:\n    - VAR1\n    - VAR2\n').config.facets).toEqual({ environment_variables: ['VAR1', 'VAR2'] });
  });

  it('tags from JSON', () => {
    expect(fromEnv({ OPENLINEAGE__TAGS: '{"job": {"ENVIRONMENT": "PRODUCTION"}}' }).config.tags).toEqual({ job: { ENVIRONMENT: 'PRODUCTION' } });
  });

  it('ignores variables without the double-underscore prefix and warns about empty segments', () => {
    const r = fromEnv({ OPENLINEAGE_TRANSPORT__TYPE: 'http', OPENLINEAGE__TRANSPORT____X: '1', OPENLINEAGE__TRANSPORT__TYPE: 'console' });
    expect(r.config.transport).toEqual({ type: 'console' });
    expect(r.warnings?.some((w) => w.includes('OPENLINEAGE__TRANSPORT____X'))).toBe(true);
  });
});

describe('seed: OPENLINEAGE_URL aliasing and legacy variables', () => {
  it('OPENLINEAGE_URL alone gives a plain http transport with endpoint and api key', () => {
    const r = fromEnv({ OPENLINEAGE_URL: 'http://example.com', OPENLINEAGE_ENDPOINT: 'api/v2/events', OPENLINEAGE_API_KEY: 'random_key' });
    expect(r.config.transport).toEqual({ type: 'http', url: 'http://example.com', endpoint: 'api/v2/events', auth: { type: 'api_key', apiKey: 'random_key' } });
    expect(r.origin(['transport', 'url'])).toBe('OPENLINEAGE_URL');
    expect(r.origin(['transport', 'auth', 'apiKey'])).toBe('OPENLINEAGE_API_KEY');
    expect(r.sources.map((s) => s.kind)).toContain('legacy-env');
  });

  it('with a composite type, OPENLINEAGE_URL becomes a child named default_http', () => {
    const r = fromEnv({
      OPENLINEAGE_URL: 'http://example.com',
      OPENLINEAGE_API_KEY: 'random_key',
      OPENLINEAGE_ENDPOINT: 'api/v1/lineage',
      OPENLINEAGE__TRANSPORT__TYPE: 'composite',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__TYPE: 'console',
    });
    expect(r.config.transport).toEqual({
      type: 'composite',
      transports: {
        first: { type: 'console' },
        default_http: { type: 'http', url: 'http://example.com', auth: { type: 'api_key', apiKey: 'random_key' }, endpoint: 'api/v1/lineage' },
      },
    });
    expect(Object.keys((r.config.transport as { transports: object }).transports)).toEqual(['first', 'default_http']);
    expect(r.origin(['transport', 'transports', 'default_http', 'url'])).toBe('OPENLINEAGE_URL');
  });

  it('OPENLINEAGE__TRANSPORT__TRANSPORTS__DEFAULT_HTTP={} opts out of the alias', () => {
    const r = fromEnv({
      OPENLINEAGE_URL: 'http://example.com',
      OPENLINEAGE__TRANSPORT__TYPE: 'composite',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__DEFAULT_HTTP: '{}',
      OPENLINEAGE__TRANSPORT__TRANSPORTS__FIRST__TYPE: 'console',
    });
    expect(r.config.transport).toEqual({ type: 'composite', transports: { first: { type: 'console' }, default_http: {} } });
  });

  it('with async_http, the legacy variables fill url/auth/endpoint unless set explicitly', () => {
    const r = fromEnv({
      OPENLINEAGE_URL: 'http://legacy',
      OPENLINEAGE_API_KEY: 'k',
      OPENLINEAGE__TRANSPORT__TYPE: 'async_http',
      OPENLINEAGE__TRANSPORT__ENDPOINT: 'explicit',
    });
    expect(r.config.transport).toEqual({ type: 'async_http', url: 'http://legacy', auth: { type: 'api_key', apiKey: 'k' }, endpoint: 'explicit' });
    const explicit = fromEnv({ OPENLINEAGE_URL: 'http://legacy', OPENLINEAGE__TRANSPORT__TYPE: 'async_http', OPENLINEAGE__TRANSPORT__URL: 'http://explicit' });
    expect((explicit.config.transport as { url: string }).url).toBe('http://explicit');
  });

  it('a file transport wins over OPENLINEAGE_URL, and the unused alias is not shown', () => {
    const s = scratch();
    s.write('openlineage.yml', 'transport:\n  type: http\n  url: http://from-file\n');
    const r = resolveConfig({ env: { OPENLINEAGE_URL: 'http://legacy' }, cwd: s.dir, homeDir: s.home });
    expect(r.config.transport).toEqual({ type: 'http', url: 'http://from-file' });
  });

  it('no config at all: console transport and one warning', () => {
    const r = fromEnv({});
    expect(r.config.transport).toEqual({ type: 'console' });
    expect(r.defaulted).toBe(true);
    expect(r.warnings?.filter((w) => w.includes('console'))).toHaveLength(1);
  });
});

describe('config files and precedence', () => {
  it('searches $OPENLINEAGE_CONFIG, then ./openlineage.yml, then ~/.openlineage/openlineage.yml, without merging', () => {
    const s = scratch();
    const custom = s.write('conf/custom.yml', 'transport:\n  type: console\n');
    s.write('openlineage.yml', 'transport:\n  type: http\n  url: http://cwd\nfacets:\n  environment_variables: [A]\n');
    s.write('home/.openlineage/openlineage.yml', 'transport:\n  type: file\n  log_file_path: /data/x\n');
    const first = resolveConfig({ env: { OPENLINEAGE_CONFIG: 'conf/custom.yml' }, cwd: s.dir, homeDir: s.home });
    expect(first.config).toEqual({ transport: { type: 'console' } });
    expect(first.file).toBe(custom);
    const second = resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
    expect(second.config.transport).toEqual({ type: 'http', url: 'http://cwd' });
    const third = resolveConfig({ env: {}, cwd: join(s.dir, 'conf'), homeDir: s.home });
    expect(third.config).toEqual({ transport: { type: 'file', log_file_path: '/data/x' } });
    expect(third.baseDir).toBe(join(s.home, '.openlineage'));
  });

  it('a missing $OPENLINEAGE_CONFIG falls through to the next file with a warning', () => {
    const s = scratch();
    s.write('openlineage.yml', 'transport:\n  type: console\n');
    const r = resolveConfig({ env: { OPENLINEAGE_CONFIG: '/does/not/exist.yml' }, cwd: s.dir, homeDir: s.home });
    expect(r.config.transport).toEqual({ type: 'console' });
    expect(r.warnings?.some((w) => w.includes('/does/not/exist.yml'))).toBe(true);
  });

  it('code > file > OPENLINEAGE__ variables (Python test_config_merge_precedence)', () => {
    const s = scratch();
    const file = s.write('openlineage.yml', 'transport:\n  type: http\n  url: http://file\n  auth:\n    type: api_key\n    api_key: from-file\n');
    const r = resolveConfig({
      config: { transport: { url: 'http://code' } },
      env: { OPENLINEAGE__TRANSPORT__AUTH__API_KEY: 'from-env', OPENLINEAGE__TRANSPORT__TIMEOUT: '9' },
      cwd: s.dir,
      homeDir: s.home,
    });
    expect(r.config.transport).toEqual({ type: 'http', url: 'http://code', auth: { type: 'api_key', api_key: 'from-file' }, timeout: 9 });
    expect(r.origin(['transport', 'url'])).toBe('code');
    expect(r.origin(['transport', 'auth', 'api_key'])).toBe(`${file}:6`);
    expect(r.origin(['transport', 'type'])).toBe(`${file}:2`);
    expect(r.origin(['transport', 'timeout'])).toBe('OPENLINEAGE__TRANSPORT__TIMEOUT');
    expect(r.sources.map((x) => x.kind)).toEqual(['code', 'file', 'env']);
  });

  it('lists replace lists, they do not merge', () => {
    const s = scratch();
    s.write('openlineage.yml', 'facets:\n  environment_variables: [A, B]\n');
    const r = resolveConfig({ config: { facets: { environment_variables: ['C'] } }, env: {}, cwd: s.dir, homeDir: s.home });
    expect(r.config.facets).toEqual({ environment_variables: ['C'] });
  });

  it('does not change the config object passed in code', () => {
    const config = { transport: { type: 'http', url: 'http://code' } };
    const r = resolveConfig({ config, env: { OPENLINEAGE__TRANSPORT__TIMEOUT: '1' }, cwd: scratch().dir, homeDir: scratch().home });
    (r.config.transport as Record<string, unknown>).url = 'changed';
    expect(config).toEqual({ transport: { type: 'http', url: 'http://code' } });
  });

  it('an empty file counts as found (no fallback to the home file) and is reported', () => {
    const s = scratch();
    s.write('openlineage.yml', '# nothing yet\n');
    s.write('home/.openlineage/openlineage.yml', 'transport:\n  type: file\n');
    const r = resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
    expect(r.config.transport).toEqual({ type: 'console' });
    expect(r.warnings?.some((w) => w.includes('empty'))).toBe(true);
  });

  it('relative module specifiers resolve against the directory of the file they came from', () => {
    const s = scratch();
    const file = s.write('conf/ol.yml', 'transport:\n  type: ./my-transport.js\n');
    const r = resolveConfig({ env: { OPENLINEAGE_CONFIG: file, OPENLINEAGE__TRANSPORT__NAME: 'x' }, cwd: s.dir, homeDir: s.home });
    expect(r.baseDirOf?.(['transport', 'type'])).toBe(join(s.dir, 'conf'));
    expect(r.baseDirOf?.(['transport', 'name'])).toBe(s.dir);
  });
});

describe('OPENLINEAGE_DISABLED and OPENLINEAGE_CLIENT_LOGGING', () => {
  it.each(['true', 'TRUE', 'True', ' true '])('%j disables', (v) => {
    expect(fromEnv({ OPENLINEAGE_DISABLED: v }).disabled).toBe(true);
  });
  it.each(['false', '1', 'yes', ''])('%j does not', (v) => {
    expect(fromEnv({ OPENLINEAGE_DISABLED: v }).disabled).toBe(false);
  });
  it('reads the log level, with Python names', () => {
    expect(fromEnv({ OPENLINEAGE_CLIENT_LOGGING: 'DEBUG' }).logLevel).toBe('debug');
    expect(fromEnv({ OPENLINEAGE_CLIENT_LOGGING: 'WARNING' }).logLevel).toBe('warn');
    const bad = fromEnv({ OPENLINEAGE_CLIENT_LOGGING: 'LOUD' });
    expect(bad.logLevel).toBeUndefined();
    expect(bad.warnings?.some((w) => w.includes('LOUD'))).toBe(true);
  });
});

describe('bad input', () => {
  function configError(fn: () => unknown): ConfigError {
    try {
      fn();
    } catch (error) {
      expect(ConfigError.isInstance(error)).toBe(true);
      return error as ConfigError;
    }
    throw new Error('expected a ConfigError');
  }

  it('malformed YAML names the file and line', () => {
    const s = scratch();
    const file = s.write('openlineage.yml', 'transport:\n  type: http\n  url: [unclosed\n  other: x\n');
    const e = configError(() => resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home }));
    expect(e.source).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+$`));
    expect(e.message).toContain('valid YAML');
  });

  it('a key given twice in one mapping is an error, not last-one-wins', () => {
    const s = scratch();
    const file = s.write('openlineage.yml', 'transport:\n  type: http\n  type: console\n');
    const e = configError(() => resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home }));
    expect(e.source).toBe(`${file}:3`);
  });

  it('a YAML file that is not a mapping', () => {
    const s = scratch();
    const file = s.write('openlineage.yml', '- a\n- b\n');
    const e = configError(() => resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home }));
    expect(e.source).toBe(`${file}:1`);
    expect(e.expected).toContain('mapping');
  });

  it('invalid JSON where JSON is meant names the variable, the key path and the value', () => {
    const e = configError(() => fromEnv({ OPENLINEAGE__TRANSPORT__CONFIG: '{"acks": all}' }));
    expect(e.source).toBe('OPENLINEAGE__TRANSPORT__CONFIG');
    expect(e.path).toBe('transport.config');
    expect(e.actual).toBe('{"acks": all}');
    expect(e.message).toContain('valid JSON');
  });

  it('secrets are shown as *** in errors', () => {
    const e = configError(() => fromEnv({ OPENLINEAGE__TRANSPORT__AUTH__API_KEY: '[s3cret' }));
    expect(e.actual).toBe('***');
    expect(e.message).not.toContain('s3cret');
  });

  it.each([
    ['__proto__', 'transport:\n  type: http\n  __proto__:\n    polluted: yes\n', 3],
    ['constructor', 'transport:\n  constructor:\n    prototype:\n      polluted: yes\n', 2],
    ['prototype', 'facets:\n  - prototype: 1\n', 2],
  ])('%s in YAML is refused with file:line', (key, text, line) => {
    const s = scratch();
    const file = s.write('openlineage.yml', text);
    const e = configError(() => resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home }));
    expect(e.source).toBe(`${file}:${line}`);
    expect(e.path.split('.')).toContain(key);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('forbidden keys inside a YAML anchor are refused too', () => {
    const s = scratch();
    s.write('openlineage.yml', 'base: &b\n  __proto__: {polluted: 1}\ntransport:\n  <<: *b\n  type: console\n');
    configError(() => resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('forbidden keys in variable names and JSON values are refused', () => {
    const a = configError(() => fromEnv({ OPENLINEAGE__CONSTRUCTOR__PROTOTYPE__POLLUTED: 'yes' }));
    expect(a.source).toBe('OPENLINEAGE__CONSTRUCTOR__PROTOTYPE__POLLUTED');
    expect(a.path).toBe('constructor');
    const b = configError(() => fromEnv({ OPENLINEAGE__TRANSPORT: '{"type":"console","__proto__":{"polluted":true}}' }));
    expect(b.source).toBe('OPENLINEAGE__TRANSPORT');
    expect(b.path).toBe('transport.__proto__');
    const c = configError(() => fromEnv({ OPENLINEAGE__TAGS__JOB: '{"a":{"constructor":{"prototype":{"polluted":1}}}}' }));
    expect(c.path).toBe('tags.job.a.constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('forbidden keys in config passed in code are refused', () => {
    const config = JSON.parse('{"transport":{"type":"console","__proto__":{"polluted":1}}}') as Record<string, unknown>;
    const e = configError(() => resolveConfig({ config, env: {}, cwd: scratch().dir, homeDir: scratch().home }));
    expect(e.source).toBe('code');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('yaml stays lazy', () => {
  it('no module of core imports yaml at load time (only a type import and the on-demand require)', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const text = readFileSync(path, 'utf8');
          if (/^import\s+(?!type\b)[^;]*from\s+['"]yaml['"]/m.test(text) || /\bimport\(\s*['"]yaml['"]\s*\)/.test(text)) offenders.push(path);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
