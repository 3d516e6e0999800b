import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../sink/self-signed.js';
import { KafkaTestBroker } from './broker.js';
import { consumeWithKcat, kcatPath, runKcat } from './kcat.js';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

const brokers: KafkaTestBroker[] = [];
async function startBroker(options: ConstructorParameters<typeof KafkaTestBroker>[0] = {}): Promise<KafkaTestBroker> {
  const b = await KafkaTestBroker.start(options);
  brokers.push(b);
  return b;
}
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

function client(broker: KafkaTestBroker, extra: Partial<ConstructorParameters<typeof Kafka>[0]> = {}): Kafka {
  return new Kafka({
    brokers: [broker.address],
    clientId: 'broker-test',
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 50 },
    connectionTimeout: 2000,
    ...extra,
  });
}

/** kcat is installed by `.ci/run`; in CI its absence is a failure, locally the kcat tests skip. */
const kcat = kcatPath();
const kcatIt = kcat !== null || process.env.CI ? it : it.skip;
function requireKcat(): void {
  if (kcat === null) throw new Error('kcat is not installed: `apt-get install -y kcat` (CI installs it in .ci/run)');
}

describe('KafkaTestBroker with kafkajs', () => {
  it('stores key, value, headers, partition and offset of produced records', async () => {
    const broker = await startBroker();
    const producer = client(broker).producer();
    await producer.connect();
    await producer.send({
      topic: 'lineage',
      messages: [
        { key: 'k1', value: 'v1', headers: { h: 'x' } },
        { key: null, value: 'v2' },
      ],
    });
    await producer.disconnect();
    const recs = broker.records('lineage');
    expect(recs.map((r) => [r.partition, r.offset, r.key?.toString() ?? null, r.value?.toString()])).toEqual([
      [0, 0, 'k1', 'v1'],
      [0, 1, null, 'v2'],
    ]);
    expect(recs[0]!.headers).toEqual([{ key: 'h', value: Buffer.from('x') }]);
    expect(broker.values('lineage')).toEqual(['v1', 'v2']);
    expect(broker.clientIds.has('broker-test')).toBe(true);
  });

  it('decodes gzip record batches', async () => {
    const broker = await startBroker();
    const producer = client(broker).producer();
    await producer.connect();
    const value = JSON.stringify({ big: 'x'.repeat(5000) });
    await producer.send({
      topic: 'gz',
      compression: CompressionTypes.GZIP,
      messages: [
        { key: 'a', value },
        { key: 'b', value: 'small' },
      ],
    });
    await producer.disconnect();
    expect(broker.records('gz').map((r) => [r.compression, r.key?.toString(), r.value?.toString()])).toEqual([
      ['gzip', 'a', value],
      ['gzip', 'b', 'small'],
    ]);
  });

  it('rejects codecs it cannot decode with UNSUPPORTED_COMPRESSION_TYPE', async () => {
    const broker = await startBroker();
    // kafkajs refuses snappy without a registered codec; register a pass-through one so the batch reaches the broker.
    const { CompressionCodecs } = await import('kafkajs');
    const identity = () => ({ compress: async (e: { buffer: Buffer }) => e.buffer, decompress: async (b: Buffer) => b });
    const before = CompressionCodecs[CompressionTypes.Snappy];
    CompressionCodecs[CompressionTypes.Snappy] = identity as never;
    try {
      const producer = client(broker, { retry: { retries: 0 } }).producer();
      await producer.connect();
      await expect(producer.send({ topic: 'snappy', compression: CompressionTypes.Snappy, messages: [{ value: 'v' }] })).rejects.toThrow(/compression/i);
      await producer.disconnect();
    } finally {
      CompressionCodecs[CompressionTypes.Snappy] = before;
    }
    expect(broker.records('snappy')).toEqual([]);
  });

  it('serves idempotent producers (InitProducerId) and stores a resent batch once', async () => {
    const broker = await startBroker();
    const producer = client(broker).producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic: 'idem', acks: -1, messages: [{ value: '1' }, { value: '2' }] });
    await producer.send({ topic: 'idem', acks: -1, messages: [{ value: '3' }] });
    await producer.disconnect();
    expect(broker.count('InitProducerId')).toBe(1);
    const recs = broker.records('idem');
    expect(recs.map((r) => r.value?.toString())).toEqual(['1', '2', '3']);
    expect(recs.every((r) => r.producerId >= 1000n)).toBe(true);
  });

  it('creates topics with the configured partitions and spreads keyed records', async () => {
    const broker = await startBroker({ topics: { multi: 3 }, defaultPartitions: 2 });
    const producer = client(broker).producer();
    await producer.connect();
    await producer.send({ topic: 'multi', messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: String(i) })) });
    await producer.send({ topic: 'auto', messages: [{ value: 'a' }] });
    await producer.disconnect();
    expect(new Set(broker.records('multi').map((r) => r.partition)).size).toBeGreaterThan(1);
    expect(broker.records('multi')).toHaveLength(30);
    expect(broker.topics()).toEqual(['auto', 'multi']);
    const admin = client(broker).admin();
    await admin.connect();
    const meta = await admin.fetchTopicMetadata({ topics: ['auto'] });
    await admin.disconnect();
    expect(meta.topics[0]!.partitions).toHaveLength(2);
  });

  it('does not auto-create topics when told not to', async () => {
    const broker = await startBroker({ autoCreateTopics: false });
    const producer = client(broker, { retry: { retries: 0 } }).producer();
    await producer.connect();
    await expect(producer.send({ topic: 'nope', messages: [{ value: 'v' }] })).rejects.toThrow();
    await producer.disconnect();
    expect(broker.topics()).toEqual([]);
  });

  it('authenticates SASL/PLAIN and refuses a wrong password', async () => {
    const broker = await startBroker({ sasl: { users: { alice: 's3cret-pw' } } });
    const good = client(broker, { sasl: { mechanism: 'plain', username: 'alice', password: 's3cret-pw' } }).producer();
    await good.connect();
    await good.send({ topic: 'secure', messages: [{ value: 'ok' }] });
    await good.disconnect();
    expect(broker.authenticated).toContain('alice');
    expect(broker.count('SaslHandshake')).toBeGreaterThan(0);
    expect(broker.count('SaslAuthenticate')).toBeGreaterThan(0);

    const bad = client(broker, { sasl: { mechanism: 'plain', username: 'alice', password: 'wrong' }, retry: { retries: 0 } }).producer();
    await expect(bad.connect()).rejects.toThrow(/SASL|auth/i);
    expect(broker.values('secure')).toEqual(['ok']);
  });

  it('closes connections that skip SASL authentication', async () => {
    const broker = await startBroker({ sasl: { users: { alice: 'pw-123' } } });
    const producer = client(broker, { retry: { retries: 0 } }).producer();
    const attempt = async () => {
      await producer.connect();
      await producer.send({ topic: 'secure', messages: [{ value: 'sneaky' }] });
    };
    await expect(attempt()).rejects.toThrow();
    await producer.disconnect();
    expect(broker.count('Produce')).toBe(0);
    expect(broker.records()).toEqual([]);
  });

  it('serves TLS when given a certificate', async () => {
    const { key, cert } = selfSignedCertificate();
    const broker = await startBroker({ tls: { key, cert } });
    const producer = client(broker, { ssl: { ca: [cert] } }).producer();
    await producer.connect();
    await producer.send({ topic: 'tls', messages: [{ value: 'over tls' }] });
    await producer.disconnect();
    expect(broker.values('tls')).toEqual(['over tls']);
  });

  it('restarts on the same port, keeping records unless told to clear them', async () => {
    const broker = await startBroker();
    const producer = client(broker).producer();
    await producer.connect();
    await producer.send({ topic: 'durable', messages: [{ value: 'before' }] });
    const port = broker.port;
    await broker.stop();
    expect(broker.running).toBe(false);
    await expect(new Promise((resolve, reject) => net.connect(port, '127.0.0.1').on('connect', resolve).on('error', reject))).rejects.toThrow(/ECONNREFUSED/);
    await broker.start();
    expect(broker.port).toBe(port);
    await producer.send({ topic: 'durable', messages: [{ value: 'after' }] });
    await producer.disconnect();
    expect(broker.values('durable')).toEqual(['before', 'after']);
    expect(broker.records('durable').map((r) => r.offset)).toEqual([0, 1]);

    const forgetful = await startBroker({ clearOnRestart: true });
    const p2 = client(forgetful).producer();
    await p2.connect();
    await p2.send({ topic: 't', messages: [{ value: 'gone' }] });
    await p2.disconnect();
    await forgetful.restart();
    expect(forgetful.records('t')).toEqual([]);
  });

  it('waitForRecords resolves on arrival and times out otherwise', async () => {
    const broker = await startBroker();
    const waiting = broker.waitForRecords('w', 1, 10_000);
    const producer = client(broker).producer();
    await producer.connect();
    await producer.send({ topic: 'w', messages: [{ value: 'here' }] });
    await producer.disconnect();
    expect((await waiting).map((r) => r.value?.toString())).toEqual(['here']);
    await expect(broker.waitForRecords('w', 2, 100)).rejects.toThrow(/timed out waiting for 2 records on w/);
  });
});

describe('KafkaTestBroker with kcat (librdkafka)', () => {
  kcatIt('lists metadata with kcat -L', async () => {
    requireKcat();
    const broker = await startBroker({ topics: { alpha: 2, beta: 1 } });
    const out = await runKcat(['-L', '-b', broker.address, '-J']);
    const meta = JSON.parse(out) as { brokers: { id: number; name: string }[]; topics: { topic: string; partitions: unknown[] }[] };
    expect(meta.brokers).toEqual([{ id: 1, name: broker.address }]);
    expect(meta.topics.map((t) => [t.topic, t.partitions.length]).sort()).toEqual([
      ['alpha', 2],
      ['beta', 1],
    ]);
  });

  kcatIt('consumes what kafkajs produced (plain and gzip), with CRC checks on', async () => {
    requireKcat();
    const broker = await startBroker({ topics: { both: 2 } });
    const producer = client(broker).producer();
    await producer.connect();
    await producer.send({
      topic: 'both',
      messages: [
        { key: 'a', value: 'one', partition: 0, headers: { h: 'v' } },
        { key: 'b', value: 'two', partition: 1 },
      ],
    });
    await producer.send({ topic: 'both', compression: CompressionTypes.GZIP, messages: [{ key: 'a', value: 'three', partition: 0 }] });
    await producer.disconnect();
    const msgs = await consumeWithKcat(broker.address, 'both', ['-X', 'check.crcs=true']);
    const byPartition = msgs.map((m) => [m.partition, m.offset, m.key, m.payload]).sort();
    expect(byPartition).toEqual([
      [0, 0, 'a', 'one'],
      [0, 1, 'a', 'three'],
      [1, 0, 'b', 'two'],
    ]);
    expect(msgs.find((m) => m.payload === 'one')!.headers).toEqual(['h', 'v']);
    expect(broker.count('ListOffsets')).toBeGreaterThan(0);
    expect(broker.count('Fetch')).toBeGreaterThan(0);
  });

  kcatIt('consumes many records across several fetches', async () => {
    requireKcat();
    const broker = await startBroker();
    const producer = client(broker).producer();
    await producer.connect();
    const values = Array.from({ length: 500 }, (_, i) => `${i}:${'y'.repeat(200)}`);
    await producer.send({ topic: 'many', messages: values.map((value) => ({ value })) });
    await producer.disconnect();
    const msgs = await consumeWithKcat(broker.address, 'many', [
      '-X',
      'message.max.bytes=10000',
      '-X',
      'fetch.max.bytes=20000',
      '-X',
      'max.partition.fetch.bytes=20000',
    ]);
    expect(msgs.map((m) => m.payload)).toEqual(values);
  });
});

describe('ol-kafka-test-broker command', () => {
  it('prints "listening on N", accepts producers, and obeys count/clear on stdin', async () => {
    const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'bin', 'kafka-test-broker.js');
    const child = spawn(process.execPath, [bin, '--port', '0', '--topic', 'cmd:2'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 200 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      return re.exec(out);
    };
    try {
      const port = Number((await waitFor(/listening on (\d+)\n/))?.[1]);
      const kafka = new Kafka({ brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      const meta = await admin.fetchTopicMetadata({ topics: ['cmd'] });
      await admin.disconnect();
      expect(meta.topics[0]!.partitions).toHaveLength(2);
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'cmd', messages: [{ value: 'a' }, { value: 'b' }] });
      await producer.disconnect();
      child.stdin.write('count\n');
      expect((await waitFor(/count (\d+)\n/))?.[1]).toBe('2');
      child.stdin.write('clear\ncount\n');
      expect((await waitFor(/cleared\ncount (\d+)\n/))?.[1]).toBe('0');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
