import { resolveConfig, type TransportContext } from '@ol/core';
import { configErrorOf } from '@ol/test-kit';
import { createWith } from '@ol/core/internal';
import { describe, expect, it } from 'vitest';
import { parseKinesisConfig } from './config.js';
import { createKinesisTransport, descriptor } from './descriptor.js';
import defaultExport, * as mod from './index.js';

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

describe('parseKinesisConfig', () => {
  it('fills KPL defaults', () => {
    expect(parseKinesisConfig({ streamName: 's', region: 'eu-west-1' })).toEqual({
      streamName: 's',
      region: 'eu-west-1',
      maxConnections: 24,
      requestTimeoutMs: 6000,
      connectTimeoutMs: 6000,
      recordTtlMs: 30_000,
      lingerMs: 100,
      maxRecordsPerCall: 500,
      maxBytesPerCall: 5 * 1024 * 1024,
      maxAttempts: 3,
      maxQueueSize: 10_000,
      ignoredProperties: [],
    });
  });

  it('maps the KPL properties that have an SDK meaning, with string values as Java Properties give them', () => {
    const c = parseKinesisConfig({
      streamName: 's',
      region: 'eu-west-1',
      properties: {
        KinesisEndpoint: 'kinesis.internal',
        KinesisPort: '4443',
        MaxConnections: '8',
        RequestTimeout: '2000',
        ConnectTimeout: '1000',
        RecordTtl: '60000',
        RecordMaxBufferedTime: '50',
        CollectionMaxCount: '100',
        CollectionMaxSize: '1048576',
        AggregationEnabled: 'true',
        VerifyCertificate: 'false',
      },
    });
    expect(c).toMatchObject({
      endpoint: 'https://kinesis.internal:4443',
      maxConnections: 8,
      requestTimeoutMs: 2000,
      connectTimeoutMs: 1000,
      recordTtlMs: 60_000,
      lingerMs: 50,
      maxRecordsPerCall: 100,
      maxBytesPerCall: 1_048_576,
      ignoredProperties: ['AggregationEnabled', 'VerifyCertificate'],
    });
    expect(parseKinesisConfig({ streamName: 's', region: 'eu-west-1', endpoint: 'http://localhost:4566', properties: { KinesisEndpoint: 'x' } }).endpoint).toBe(
      'http://localhost:4566',
    );
  });

  it('region: the option, else KPL Region, else AWS_REGION of the environment; none is a ConfigError', () => {
    expect(parseKinesisConfig({ streamName: 's', properties: { Region: 'us-west-2' } }).region).toBe('us-west-2');
    expect(parseKinesisConfig({ streamName: 's' }, { env: { AWS_REGION: 'eu-central-1' } }).region).toBe('eu-central-1');
    const err = configErrorOf(() => parseKinesisConfig({ streamName: 's' }, { env: {} }));
    expect(err.path).toBe('transport.region');
    expect(err.expected).toContain('AWS_REGION');
    expect(configErrorOf(() => parseKinesisConfig({ streamName: 's' }, { env: { AWS_REGION: 'Mars' } })).source).toBe('AWS_REGION');
  });

  it('checks streamName, roleArn, endpoint and property values, naming the property path', () => {
    expect(configErrorOf(() => createWith(descriptor, { type: 'kinesis', region: 'eu-west-1' }, context())).path).toBe('transport.streamName');
    expect(configErrorOf(() => parseKinesisConfig({ streamName: 'a/b', region: 'eu-west-1' })).path).toBe('transport.streamName');
    expect(configErrorOf(() => parseKinesisConfig({ streamName: 's', region: 'eu-west-1', roleArn: 'lineage-writer' })).expected).toContain('IAM role ARN');
    expect(configErrorOf(() => parseKinesisConfig({ streamName: 's', region: 'eu-west-1', endpoint: 'localhost:4566' })).path).toBe('transport.endpoint');
    const prop = configErrorOf(() =>
      createWith(descriptor, { type: 'kinesis', streamName: 's', region: 'eu-west-1', properties: { CollectionMaxCount: '900' } }, context()),
    );
    expect(prop.path).toBe('transport.properties.CollectionMaxCount');
    expect(prop.source).toBe('openlineage.yml (transport.properties.CollectionMaxCount)');
    expect(prop.expected).toContain('<= 500');
  });

  it('reads OPENLINEAGE__TRANSPORT__* variables, properties included', () => {
    const r = resolveConfig({
      env: {
        OPENLINEAGE__TRANSPORT__TYPE: 'kinesis',
        OPENLINEAGE__TRANSPORT__STREAM_NAME: 'lineage',
        OPENLINEAGE__TRANSPORT__REGION: 'eu-west-1',
        OPENLINEAGE__TRANSPORT__ROLE_ARN: 'arn:aws:iam::123456789012:role/w',
        OPENLINEAGE__TRANSPORT__PROPERTIES__RECORD_TTL: '5000',
      },
      cwd: '/nonexistent',
      homeDir: '/nonexistent',
    });
    expect(parseKinesisConfig(r.config.transport, { path: ['transport'], origin: r.origin })).toMatchObject({
      streamName: 'lineage',
      roleArn: 'arn:aws:iam::123456789012:role/w',
      recordTtlMs: 5000,
      ignoredProperties: [],
    });
  });

  it('warns once per KPL property it cannot honour, and about unknown options', async () => {
    const warnings: string[] = [];
    const t = await createWith(
      descriptor,
      {
        type: 'kinesis',
        streamName: 's',
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:1',
        propertys: 1,
        properties: { AggregationEnabled: true, MetricsLevel: 'none', RecordTtl: 1000 },
      },
      context({}, warnings),
    );
    await t.close(100);
    expect(warnings).toEqual([
      'kinesis transport at transport: ignoring unknown option(s) propertys',
      'kinesis: property AggregationEnabled has no meaning without the Kinesis Producer Library and is ignored (see the README for the ones that map)',
      'kinesis: property MetricsLevel has no meaning without the Kinesis Producer Library and is ignored (see the README for the ones that map)',
    ]);
  });

  it('checks code options as strictly as config', () => {
    expect(configErrorOf(() => createKinesisTransport({ streamName: '', region: 'eu-west-1' })).source).toBe('code');
  });
});

describe('package surface', () => {
  it('default export is the descriptor, Java class name as alias, at most 12 runtime exports', () => {
    expect(defaultExport).toBe(descriptor);
    expect(descriptor.type).toBe('kinesis');
    expect(descriptor.aliases).toContain('io.openlineage.client.transports.kinesis.KinesisTransport');
    expect(Object.keys(mod).length).toBeLessThanOrEqual(12);
  });
});
