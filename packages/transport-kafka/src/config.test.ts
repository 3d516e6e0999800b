import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, createTransport } from '@ol/core';
import { codeScope } from '@ol/core/internal';
import { CompressionCodecs, CompressionTypes } from './kafkajs.js';
import { configErrorOf } from '@ol/test-kit';
import { describe, expect, it } from 'vitest';
import { normalizeKafkaConfig } from './index.js';
import { DEFAULTS, readProducerProperties } from './config.js';

const scope = { ...codeScope(['transport', 'config']), baseDir: process.cwd() };
const read = (p: Record<string, unknown>, s = scope) => readProducerProperties(p, s);
const bootstrap = { 'bootstrap.servers': 'localhost:9092' };

describe('librdkafka properties → kafkajs', () => {
  it('maps bootstrap.servers, client.id and fills sensible defaults', () => {
    const s = read({ 'bootstrap.servers': 'localhost:9092, another.host:9092,PLAINTEXT://third:9093' });
    expect(s.brokers).toEqual(['localhost:9092', 'another.host:9092', 'third:9093']);
    expect(s).toMatchObject({
      clientId: DEFAULTS.clientId,
      acks: -1,
      retries: DEFAULTS.retries,
      compression: 'none',
      securityProtocol: 'PLAINTEXT',
      ssl: undefined,
      sasl: undefined,
      idempotent: false,
      partitioner: 'consistent_random',
      batchNumMessages: 1000,
      batchesInFlight: 1,
      unsupported: [],
    });
    expect(read({ 'metadata.broker.list': 'h:1', 'client.id': 'svc' })).toMatchObject({ brokers: ['h:1'], clientId: 'svc' });
  });

  it('requires bootstrap.servers as host:port', () => {
    expect(configErrorOf(() => read({})).message).toMatch(/transport\.config\.bootstrap\.servers.*expected a string/);
    expect(configErrorOf(() => read({ 'bootstrap.servers': 'nohostport' })).message).toMatch(/host:port/);
  });

  it('accepts numbers given as strings (env vars, the Python example)', () => {
    const s = read({
      ...bootstrap,
      acks: '1',
      retries: '7',
      'retry.backoff.ms': '250',
      'retry.backoff.max.ms': '2000',
      'request.timeout.ms': '1500',
      'message.timeout.ms': '9000',
      'linger.ms': '20',
      'batch.num.messages': '50',
      'queue.buffering.max.messages': '500',
      'socket.connection.setup.timeout.ms': '800',
    });
    expect(s).toMatchObject({
      acks: 1,
      retries: 7,
      initialRetryTimeMs: 250,
      maxRetryTimeMs: 2000,
      requestTimeoutMs: 1500,
      deliveryTimeoutMs: 9000,
      lingerMs: 20,
      batchNumMessages: 50,
      maxQueueSize: 500,
      connectionTimeoutMs: 800,
    });
    expect(read({ ...bootstrap, acks: 0, retries: 3 })).toMatchObject({ acks: 0, retries: 3 });
    expect(read({ ...bootstrap, acks: 'all' }).acks).toBe(-1);
    expect(read({ ...bootstrap, acks: '-1' }).acks).toBe(-1);
  });

  it('takes librdkafka aliases', () => {
    const s = read({
      ...bootstrap,
      'request.required.acks': '1',
      'message.send.max.retries': 4,
      'queue.buffering.max.ms': 9,
      'delivery.timeout.ms': 1234,
      'compression.codec': 'gzip',
    });
    expect(s).toMatchObject({ acks: 1, retries: 4, lingerMs: 9, deliveryTimeoutMs: 1234, compression: 'gzip', compressionType: CompressionTypes.GZIP });
  });

  it('rejects bad values with the property path and value', () => {
    const e = configErrorOf(() => read({ ...bootstrap, retries: 'many' }));
    expect(e.path).toBe('transport.config.retries');
    expect(e.message).toMatch(/expected an integer >= 0, got "many"/);
    expect(configErrorOf(() => read({ ...bootstrap, acks: '2' })).message).toMatch(/all, -1, 0 or 1/);
    expect(configErrorOf(() => read({ ...bootstrap, 'security.protocol': 'KERBEROS' })).message).toMatch(/"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"/);
  });

  it("through the registry, property errors name the key the properties were given under, Python's `properties` included", async () => {
    for (const key of ['config', 'properties']) {
      const e: unknown = await createTransport(
        { type: 'kafka', topic: 't', [key]: { ...bootstrap, retries: 'many' } },
        { origin: (p) => `openlineage.yml (${p.join('.')})` },
      ).catch((err: unknown) => err);
      if (!ConfigError.isInstance(e)) throw new Error(`expected a ConfigError, got ${String(e)}`);
      expect(e.path).toBe(`transport.${key}.retries`);
      expect(e.source).toBe(`openlineage.yml (transport.${key}.retries)`);
    }
  });

  it('compression: none and gzip built in; others only with a registered codec', () => {
    expect(read({ ...bootstrap, 'compression.type': 'GZIP' }).compressionType).toBe(CompressionTypes.GZIP);
    const e = configErrorOf(() => read({ ...bootstrap, 'compression.type': 'zstd' }));
    expect(e.path).toBe('transport.config.compression.type');
    expect(e.message).toMatch(/CompressionCodecs\[CompressionTypes\.ZSTD\].*kafkajs-zstd/);
    const before = CompressionCodecs[CompressionTypes.LZ4];
    CompressionCodecs[CompressionTypes.LZ4] = (() => ({ compress: async () => Buffer.alloc(0), decompress: async () => Buffer.alloc(0) })) as never;
    try {
      expect(read({ ...bootstrap, 'compression.type': 'lz4' }).compressionType).toBe(CompressionTypes.LZ4);
    } finally {
      CompressionCodecs[CompressionTypes.LZ4] = before;
    }
  });

  it('security.protocol SASL_PLAINTEXT / SASL_SSL with each mechanism', () => {
    const s = read({ ...bootstrap, 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'PLAIN', 'sasl.username': 'u', 'sasl.password': 'p@ss' });
    expect(s.sasl).toEqual({ mechanism: 'plain', username: 'u', password: 'p@ss' });
    expect(s.ssl).toBeUndefined();
    for (const m of ['SCRAM-SHA-256', 'SCRAM-SHA-512']) {
      const x = read({ ...bootstrap, 'security.protocol': 'sasl_ssl', 'sasl.mechanisms': m, 'sasl.username': 'u', 'sasl.password': 'p' });
      expect(x.sasl?.mechanism).toBe(m.toLowerCase());
      expect(x.ssl).toEqual({});
    }
    expect(
      configErrorOf(() => read({ ...bootstrap, 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'GSSAPI', 'sasl.username': 'u', 'sasl.password': 'p' }))
        .message,
    ).toMatch(/"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"/);
    const missing = configErrorOf(() => read({ ...bootstrap, 'security.protocol': 'SASL_SSL', 'sasl.username': 'u' }));
    expect(missing.path).toBe('transport.config.sasl.password');
  });

  it('never shows a password in a ConfigError', () => {
    const e = configErrorOf(() =>
      read({ ...bootstrap, 'security.protocol': 'SASL_PLAINTEXT', 'sasl.username': 'u', 'sasl.password': { nested: 'hunter2-secret' } }),
    );
    expect(e.message).not.toContain('hunter2');
    expect(e.message).toContain('***');
  });

  it('SSL: reads CA, certificate and key files relative to baseDir; verification switch', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-kafka-ssl-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), 'CA PEM');
    fs.writeFileSync(path.join(dir, 'cert.pem'), 'CERT PEM');
    fs.writeFileSync(path.join(dir, 'key.pem'), 'KEY PEM');
    const s = read(
      {
        ...bootstrap,
        'security.protocol': 'SSL',
        'ssl.ca.location': 'ca.pem',
        'ssl.certificate.location': path.join(dir, 'cert.pem'),
        'ssl.key.location': 'key.pem',
        'ssl.key.password': 'kp',
        'enable.ssl.certificate.verification': 'false',
      },
      { ...scope, baseDir: dir },
    );
    expect(s.ssl).toMatchObject({ ca: ['CA PEM'], cert: 'CERT PEM', key: 'KEY PEM', passphrase: 'kp', rejectUnauthorized: false });
    expect(read({ ...bootstrap, 'security.protocol': 'SSL', 'ssl.endpoint.identification.algorithm': 'none' }).ssl?.checkServerIdentity).toBeTypeOf('function');
    const e = configErrorOf(() => read({ ...bootstrap, 'security.protocol': 'SSL', 'ssl.ca.location': 'missing.pem' }, { ...scope, baseDir: dir }));
    expect(e.message).toMatch(/transport\.config\.ssl\.ca\.location.*a readable PEM file.*missing\.pem/);
    fs.rmSync(dir, { recursive: true });
  });

  it('lists properties it cannot honour, including SSL/SASL ones under a protocol that does not use them', () => {
    const s = read({ ...bootstrap, 'statistics.interval.ms': 1000, 'transactional.id': 'tx', 'sasl.username': 'u', 'ssl.ca.location': '/x' });
    expect(s.unsupported.sort()).toEqual(['sasl.username', 'ssl.ca.location', 'statistics.interval.ms', 'transactional.id']);
  });

  it('enable.idempotence needs acks=all and limits in-flight requests', () => {
    expect(read({ ...bootstrap, 'enable.idempotence': 'true' })).toMatchObject({ idempotent: true, maxInFlightRequests: 1, batchesInFlight: 1 });
    expect(read({ ...bootstrap, 'enable.idempotence': 'true', 'max.in.flight': 5 })).toMatchObject({ maxInFlightRequests: 1, batchesInFlight: 1 });
    expect(read({ ...bootstrap, 'max.in.flight': '3' })).toMatchObject({ maxInFlightRequests: 3, batchesInFlight: 3 });
    expect(configErrorOf(() => read({ ...bootstrap, 'enable.idempotence': true, acks: 1 })).message).toMatch(/enable\.idempotence/);
    expect(read({ ...bootstrap, 'max.in.flight.requests.per.connection': '5' }).maxInFlightRequests).toBe(5);
  });
});

describe('transport options', () => {
  const scopeT = codeScope(['transport']);
  it('reads topic/topicName, config/properties, messageKey/message_key, flush (default true)', () => {
    expect(normalizeKafkaConfig({ type: 'kafka', topic: 't', config: bootstrap }, scopeT)).toEqual({
      type: 'kafka',
      topic: 't',
      config: bootstrap,
      flush: true,
    });
    expect(normalizeKafkaConfig({ topicName: 't2', properties: bootstrap, message_key: 'k', flush: 'false' }, scopeT)).toEqual({
      type: 'kafka',
      topic: 't2',
      config: bootstrap,
      messageKey: 'k',
      flush: false,
    });
    expect(normalizeKafkaConfig({ topic: 't', config: bootstrap, messageKey: 'a', message_key: 'b' }, scopeT).messageKey).toBe('a');
  });
  it('requires topic and config', () => {
    expect(configErrorOf(() => normalizeKafkaConfig({ config: bootstrap }, scopeT)).path).toBe('transport.topic');
    expect(configErrorOf(() => normalizeKafkaConfig({ topic: 't' }, scopeT)).path).toBe('transport.config');
    expect(configErrorOf(() => normalizeKafkaConfig({ topic: 't', config: 'bootstrap.servers=x' }, scopeT)).message).toMatch(/expected a mapping/);
  });
  it('keeps property keys exactly as given', () => {
    const config = { 'bootstrap.servers': 'h:1', 'Client.Id': 'x', sasl_username: 'y' };
    expect(normalizeKafkaConfig({ topic: 't', config }, scopeT).config).toEqual(config);
  });
});
