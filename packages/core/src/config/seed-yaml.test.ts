import { describe, expect, it } from 'vitest';
import { wellKnownPackage } from '../registry/well-known.js';
import { resolveConfig } from './resolve.js';
import { scratch } from './test-helpers.js';

/** The transport examples of the seed's "Built-in Transport Types" section, as YAML files. */
const examples: [string, string, string | undefined, Record<string, unknown>][] = [
  [
    'http',
    'transport:\n  type: http\n  url: https://backend:5000\n  endpoint: api/v1/lineage\n  timeout: 5\n  verify: false\n  auth:\n    type: api_key\n    apiKey: f048521b-dfe8-47cd-9c65-0cb07d57591e\n  compression: gzip\n  retry:\n    total: 5\n    read: 5\n    connect: 5\n    backoff_factor: 0.3\n    status_forcelist: [500, 502, 503, 504]\n    allowed_methods: ["HEAD", "POST"]\n',
    '@ol/transport-http',
    {
      timeout: 5,
      verify: false,
      retry: { total: 5, read: 5, connect: 5, backoff_factor: 0.3, status_forcelist: [500, 502, 503, 504], allowed_methods: ['HEAD', 'POST'] },
    },
  ],
  [
    'async_http by Python class path',
    'transport:\n  type: openlineage.client.transport.async_http.AsyncHttpTransport\n  url: https://backend:5000\n  max_queue_size: 1000000\n  max_concurrent_requests: 100\n',
    '@ol/transport-async-http',
    { max_queue_size: 1000000, max_concurrent_requests: 100 },
  ],
  ['console', 'transport:\n  type: console\n', undefined, {}],
  [
    'kafka',
    'transport:\n  type: kafka\n  topic: my_topic\n  config:\n    bootstrap.servers: localhost:9092,another.host:9092\n    acks: all\n    retries: 3\n  flush: true\n  messageKey: some-value\n',
    '@ol/transport-kafka',
    { config: { 'bootstrap.servers': 'localhost:9092,another.host:9092', acks: 'all', retries: 3 }, flush: true, messageKey: 'some-value' },
  ],
  [
    'file',
    'transport:\n  type: file\n  log_file_path: /path/to/your/file\n  append: false\n',
    '@ol/transport-file',
    { log_file_path: '/path/to/your/file', append: false },
  ],
  [
    'composite (list)',
    'transport:\n  type: composite\n  continue_on_failure: true\n  continue_on_success: true\n  sort_transports: false\n  transports:\n    - type: http\n      url: http://example.com/api\n      name: my_http\n    - type: http\n      url: http://localhost:5000\n      endpoint: /api/v1/lineage\n',
    '@ol/transport-composite',
    {
      transports: [
        { type: 'http', url: 'http://example.com/api', name: 'my_http' },
        { type: 'http', url: 'http://localhost:5000', endpoint: '/api/v1/lineage' },
      ],
    },
  ],
  [
    'composite (map)',
    'transport:\n  type: composite\n  sort_transports: true\n  transports:\n    my_http:\n      type: http\n      url: http://example.com/api\n    local_http:\n      type: http\n      url: http://localhost:5000\n      endpoint: /api/v1/lineage\n      priority: 10\n',
    '@ol/transport-composite',
    {
      sort_transports: true,
      transports: {
        my_http: { type: 'http', url: 'http://example.com/api' },
        local_http: { type: 'http', url: 'http://localhost:5000', endpoint: '/api/v1/lineage', priority: 10 },
      },
    },
  ],
  [
    'transform',
    'transport:\n  type: transform\n  transformer_class: openlineage.client.transport.transform.JobNamespaceReplaceTransformer\n  transformer_properties:\n    new_job_namespace: new_value\n  transport:\n    type: http\n    url: https://backend:5000\n',
    '@ol/transport-transform',
    { transformer_properties: { new_job_namespace: 'new_value' }, transport: { type: 'http', url: 'https://backend:5000' } },
  ],
  ['amazon_datazone_api', 'transport:\n  type: amazon_datazone_api\n  domainId: dzd-domain-id\n', '@ol/transport-datazone', { domainId: 'dzd-domain-id' }],
];

describe('seed: built-in transport YAML examples', () => {
  it.each(examples)('%s', (_name, yaml, pkg, expected) => {
    const s = scratch();
    const file = s.write('openlineage.yml', yaml);
    const r = resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
    const transport = r.config.transport!;
    expect(transport).toMatchObject(expected);
    expect(wellKnownPackage(String(transport.type))).toBe(pkg);
    expect(r.origin(['transport', 'type'])).toBe(`${file}:2`);
  });
});
