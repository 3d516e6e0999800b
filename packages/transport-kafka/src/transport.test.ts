import {
  createTransport,
  type DatasetEvent,
  type JobEvent,
  type Logger,
  OpenLineageClient,
  registerTransport,
  silentLogger,
  resolveConfig,
  type RunEvent,
  toJSON,
  type Transport,
  type TransportContext,
  TransportError,
} from '@ol/core';
import { createWith, parseWith } from '@ol/core/internal';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { consumeWithKcat, freePort, KafkaTestBroker, kcatPath, selfSignedCertificate } from '@ol/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import descriptor, { createKafkaTransport, descriptor as named, KafkaTransport } from './index.js';
import type { KafkaTransportOptions } from './index.js';

const brokers: KafkaTestBroker[] = [];
const transports: Transport[] = [];
async function startBroker(options: ConstructorParameters<typeof KafkaTestBroker>[0] = {}): Promise<KafkaTestBroker> {
  const b = await KafkaTestBroker.start(options);
  brokers.push(b);
  return b;
}
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close(2000)));
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (m: string, ...args: unknown[]) =>
      lines.push(`${level} ${m} ${args.map(String).join(' ')}`);
  return { logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }, lines };
}

function transport(options: Omit<KafkaTransportOptions, 'logger'> & { logger?: Logger }): KafkaTransport {
  const t = createKafkaTransport({ logger: capture().logger, ...options });
  transports.push(t);
  return t;
}

/** Fast-failing properties for tests that expect failures. */
const quick = { retries: 1, 'retry.backoff.ms': 50, 'socket.connection.setup.timeout.ms': 1000, 'message.timeout.ms': 5000 };

let seq = 0;
function runEvent(extra: Partial<RunEvent> = {}): RunEvent {
  seq++;
  return {
    eventTime: '2026-01-01T00:00:00.000Z',
    producer: 'https://github.com/openlineage-ts/test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    eventType: 'START',
    run: { runId: `0191e7a4-0000-7000-8000-${String(seq).padStart(12, '0')}` },
    job: { namespace: 'ns', name: 'job' },
    inputs: [],
    outputs: [{ namespace: 'db', name: 'table', facets: { x: { _producer: 'p', _schemaURL: 's', nested: { a: [1, 2] } } } }],
    ...extra,
  };
}

describe('KafkaTransport against the test broker', () => {
  it('flush true: emit resolves once the broker stored the message; value is the exact event JSON', async () => {
    const broker = await startBroker();
    const t = transport({ topic: 'lineage', config: { 'bootstrap.servers': broker.address } });
    const e = runEvent();
    await t.emit(e);
    const recs = broker.records('lineage');
    expect(recs).toHaveLength(1);
    expect(recs[0]!.value!.toString('utf8')).toBe(toJSON(e));
    expect(recs[0]!.key!.toString('utf8')).toBe('run:ns/job');
    expect(recs[0]!.headers).toEqual([]);
    expect(t.stats()).toEqual({ pending: 0, success: 1, failed: 0, dropped: 0 });
  });

  it('applies every key rule on the wire, and messageKey overrides them all', async () => {
    const broker = await startBroker();
    const t = transport({ topic: 'keys', config: { 'bootstrap.servers': broker.address } });
    const parent = { _producer: 'p', _schemaURL: 's', run: { runId: '0191e7a4-0000-7000-8000-0000000000aa' }, job: { namespace: 'pns', name: 'parent' } };
    const root = { run: { runId: '0191e7a4-0000-7000-8000-0000000000bb' }, job: { namespace: 'rns', name: 'root' } };
    const job: JobEvent = {
      eventTime: '2026-01-01T00:00:00Z',
      producer: 'p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
      job: { namespace: 'jns', name: 'j' },
    };
    const dataset: DatasetEvent = {
      eventTime: '2026-01-01T00:00:00Z',
      producer: 'p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: 'dns', name: 'd' },
    };
    const events = [
      runEvent(),
      runEvent({ run: { runId: '0191e7a4-0000-7000-8000-0000000000cc', facets: { parent } } }),
      runEvent({ run: { runId: '0191e7a4-0000-7000-8000-0000000000dd', facets: { parent: { ...parent, root } } } }),
      job,
      dataset,
    ];
    for (const e of events) await t.emit(e);
    expect(broker.records('keys').map((r) => r.key?.toString())).toEqual(['run:ns/job', 'run:pns/parent', 'run:rns/root', 'job:jns/j', 'dataset:dns/d']);
    expect(broker.values('keys')).toEqual(events.map((e) => toJSON(e)));

    const fixed = transport({ topic: 'fixed', config: { 'bootstrap.servers': broker.address }, messageKey: 'my-hierarchy' });
    for (const e of events) await fixed.emit(e);
    expect(broker.records('fixed').map((r) => r.key?.toString())).toEqual(Array(5).fill('my-hierarchy'));
  });

  it('puts one key on one partition (librdkafka consistent partitioner) and keeps order', async () => {
    const broker = await startBroker({ topics: { parts: 4 } });
    const t = transport({ topic: 'parts', config: { 'bootstrap.servers': broker.address }, flush: false });
    for (let i = 0; i < 20; i++) await t.emit(runEvent({ job: { namespace: 'ns', name: `job-${i % 5}` } }));
    expect(await t.flush(10_000)).toBe(true);
    const recs = broker.records('parts');
    expect(recs).toHaveLength(20);
    const byKey = new Map<string, Set<number>>();
    for (const r of recs) byKey.set(r.key!.toString(), (byKey.get(r.key!.toString()) ?? new Set()).add(r.partition));
    for (const parts of byKey.values()) expect(parts.size).toBe(1);
    expect(new Set(recs.map((r) => r.partition)).size).toBeGreaterThan(1);
  });

  it('flush false: emit returns before delivery; flush() waits for the acknowledgements, batching per batch.num.messages', async () => {
    const broker = await startBroker();
    const t = transport({ topic: 'batched', config: { 'bootstrap.servers': broker.address, 'linger.ms': '200', 'batch.num.messages': '10' }, flush: false });
    const events = Array.from({ length: 25 }, () => runEvent());
    await t.emit(events[0]!);
    expect(broker.records('batched')).toHaveLength(0);
    expect(t.stats().pending).toBe(1);
    for (const e of events.slice(1)) await t.emit(e);
    expect(await t.flush(10_000)).toBe(true);
    expect(broker.values('batched')).toEqual(events.map((e) => toJSON(e)));
    expect(t.stats()).toEqual({ pending: 0, success: 25, failed: 0, dropped: 0 });
    // 25 events with batches of at most 10: three produce requests, not 25.
    expect(broker.count('Produce')).toBeLessThanOrEqual(4);
    expect(broker.count('Produce')).toBeGreaterThanOrEqual(3);
  });

  it('flush false: queued values are the events’ UTF-8 bytes, intact across many shared slabs', async () => {
    const broker = await startBroker();
    const t = transport({ topic: 'utf8', config: { 'bootstrap.servers': broker.address, 'batch.num.messages': '50' }, flush: false });
    // About 1.2 KB each: 300 events span several 64 KiB slabs, all queued before the first batch is acknowledged.
    const events = Array.from({ length: 300 }, (_, i) =>
      runEvent({ job: { namespace: 'ns', name: `数据血缘_é_${i}_${'x'.repeat(i % 2 ? 1000 : 10)} lone \ud800 🚀` } }),
    );
    for (const e of events) await t.emit(e);
    expect(await t.flush(10_000)).toBe(true);
    const values = broker.records('utf8').map((r) => r.value!);
    expect(values).toHaveLength(300);
    values.forEach((v, i) => expect(v.equals(Buffer.from(toJSON(events[i]!)))).toBe(true));
    // The JSON escapes a lone surrogate (`\ud800`), so even that name comes back exactly.
    expect((JSON.parse(values[0]!.toString('utf8')) as RunEvent).job.name).toBe(events[0]!.job.name);
  });

  it('flush false: linger.ms sends a partial batch on its own', async () => {
    const broker = await startBroker();
    const t = transport({ topic: 'linger', config: { 'bootstrap.servers': broker.address, 'linger.ms': 20 }, flush: false });
    await t.emit(runEvent());
    await broker.waitForRecords('linger', 1, 10_000);
    expect(t.stats().success + t.stats().pending).toBe(1);
  });

  it('flush false: bounded buffer drops and counts events beyond queue.buffering.max.messages', async () => {
    const broker = await startBroker();
    const { logger, lines } = capture();
    const t = transport({
      topic: 'bounded',
      config: { 'bootstrap.servers': broker.address, 'linger.ms': 60_000, 'batch.num.messages': 1000, 'queue.buffering.max.messages': 5 },
      flush: false,
      logger,
    });
    for (let i = 0; i < 8; i++) await t.emit(runEvent());
    expect(t.stats()).toEqual({ pending: 5, success: 0, failed: 0, dropped: 3 });
    expect(lines.filter((l) => l.includes('buffer full'))).toHaveLength(1);
    // Issue 19: events dropped since the previous flush make close() false; the 5 kept are still delivered.
    expect(await t.close(10_000)).toBe(false);
    expect(broker.records('bounded')).toHaveLength(5);
    expect(t.stats()).toEqual({ pending: 0, success: 5, failed: 0, dropped: 3 });
  });

  it('flush false with max.in.flight set: several batches at once, every event once, a run never overtakes its START', async () => {
    const broker = await startBroker({ topics: { inflight: 2 } });
    const t = transport({
      topic: 'inflight',
      config: { 'bootstrap.servers': broker.address, 'batch.num.messages': 3, 'linger.ms': 0, 'max.in.flight.requests.per.connection': 4 },
      flush: false,
    });
    const events: RunEvent[] = [];
    for (let i = 0; i < 10; i++) {
      const start = runEvent({ job: { namespace: 'ns', name: `job-${i % 3}` } });
      events.push(start, { ...start, eventType: 'COMPLETE' });
    }
    for (const e of events) await t.emit(e);
    expect(await t.flush(10_000)).toBe(true);
    const values = broker.values('inflight').map((v) => JSON.parse(v) as RunEvent);
    expect(values).toHaveLength(20);
    const seen = new Map<string, string[]>();
    for (const v of values) seen.set(v.run.runId, [...(seen.get(v.run.runId) ?? []), v.eventType!]);
    expect([...seen.values()]).toEqual(Array.from({ length: 10 }, () => ['START', 'COMPLETE']));
    expect(t.stats()).toEqual({ pending: 0, success: 20, failed: 0, dropped: 0 });
  });

  it('flush() is false after an event that could not be serialized since the previous flush (flush true and false)', async () => {
    const broker = await startBroker();
    for (const flush of [true, false]) {
      const t = transport({ topic: 'cycles', config: { 'bootstrap.servers': broker.address, 'linger.ms': 0 }, flush });
      const bad = runEvent() as RunEvent & { self?: unknown };
      bad.self = bad;
      await expect(t.emit(bad)).rejects.toThrow();
      await t.emit(runEvent());
      expect(await t.flush(10_000)).toBe(false);
      await t.emit(runEvent());
      expect(await t.flush(10_000)).toBe(true);
    }
    expect(broker.records('cycles')).toHaveLength(4);
  });

  it('gzip: compression.type=gzip sends gzip batches the broker decodes', async () => {
    const broker = await startBroker();
    const t = transport({ topic: 'gz', config: { 'bootstrap.servers': broker.address, 'compression.type': 'gzip' } });
    const e = runEvent();
    await t.emit(e);
    expect(broker.records('gz').map((r) => [r.compression, r.value?.toString()])).toEqual([['gzip', toJSON(e)]]);
  });

  it('acks, client.id and enable.idempotence reach the wire', async () => {
    const broker = await startBroker();
    const t = transport({
      topic: 'idem',
      config: { 'bootstrap.servers': broker.address, 'client.id': 'my-service', acks: 'all', 'enable.idempotence': 'true' },
    });
    await t.emit(runEvent());
    expect(broker.clientIds.has('my-service')).toBe(true);
    expect(broker.count('InitProducerId')).toBe(1);
    expect(broker.records('idem')[0]!.producerId).toBeGreaterThanOrEqual(1000n);
    const fireAndForget = transport({ topic: 'acks0', config: { 'bootstrap.servers': broker.address, acks: '0' } });
    await fireAndForget.emit(runEvent());
    await broker.waitForRecords('acks0', 1, 10_000);
  });

  it('broker down at start: emit rejects with a TransportError naming broker and topic, within the configured timeouts', async () => {
    const port = await freePort();
    const t = transport({ topic: 'nowhere', config: { 'bootstrap.servers': `127.0.0.1:${port}`, ...quick } });
    const started = Date.now();
    const err = await t.emit(runEvent()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(TransportError.isInstance(err)).toBe(true);
    const te = err as TransportError;
    expect(te.transport).toBe('kafka');
    expect(te.message).toContain(`127.0.0.1:${port}`);
    expect(te.message).toContain('topic "nowhere"');
    expect(Date.now() - started).toBeLessThan(20_000);
    // The rejection reports the failure; stats() counts only what no emit promise reports.
    expect(t.stats()).toEqual({ failed: 0, success: 0, pending: 0, dropped: 0 });
    expect(await t.flush()).toBe(false);
  });

  it('broker down with flush true, through the client: the failure is counted once', async () => {
    const port = await freePort();
    const t = transport({ topic: 'nowhere', config: { 'bootstrap.servers': `127.0.0.1:${port}`, ...quick } });
    const client = new OpenLineageClient({ transport: t, logger: silentLogger });
    await client.emit(runEvent());
    await client.emit(runEvent());
    expect(client.stats()).toMatchObject({ emitted: 2, success: 0, failed: 2, pending: 0 });
  });

  it('broker down at start with flush false: counted failed, flush reports false, close returns', async () => {
    const port = await freePort();
    const { logger, lines } = capture();
    const t = transport({ topic: 'nowhere', config: { 'bootstrap.servers': `127.0.0.1:${port}`, ...quick }, flush: false, logger });
    await t.emit(runEvent());
    expect(await t.flush(20_000)).toBe(false);
    expect(t.stats()).toMatchObject({ failed: 1, pending: 0 });
    expect(lines.some((l) => l.includes('not delivered') && l.includes(`127.0.0.1:${port}`))).toBe(true);
    expect(await t.close(5000)).toBe(true);
  });

  it('a broker that accepts connections but never answers: emit fails at message.timeout.ms, never hangs', async () => {
    const accepted: net.Socket[] = [];
    const silent = net.createServer((socket) => accepted.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const t = transport({ topic: 'void', config: { 'bootstrap.servers': `127.0.0.1:${port}`, 'message.timeout.ms': 1500 } });
      const err = (await t.emit(runEvent()).catch((e: unknown) => e)) as TransportError;
      expect(TransportError.isInstance(err)).toBe(true);
      expect(err.message).toMatch(/no acknowledgement within message\.timeout\.ms=1500/);
      expect(err.retryable).toBe(true);
      // Issue 19: an event that failed since the previous flush makes close() false (it still returns in time).
      expect(await t.close(3000)).toBe(false);
      expect(await t.close(3000)).toBe(false);
    } finally {
      silent.close();
      for (const socket of accepted) socket.destroy();
    }
  });

  it('a broker that comes up after a failed first emit is used by the next emit (lazy reconnect)', async () => {
    const port = await freePort();
    const t = transport({ topic: 'late', config: { 'bootstrap.servers': `127.0.0.1:${port}`, ...quick } });
    await expect(t.emit(runEvent())).rejects.toThrow(/could not deliver/);
    const broker = await startBroker({ port });
    await t.emit(runEvent());
    expect(broker.records('late')).toHaveLength(1);
  });

  it('broker restarted mid-stream: delivery resumes (flush true)', async () => {
    const broker = await startBroker();
    const t = transport({ topic: 'restart', config: { 'bootstrap.servers': broker.address, retries: 5, 'retry.backoff.ms': 100 } });
    for (let i = 0; i < 3; i++) await t.emit(runEvent());
    await broker.restart();
    for (let i = 0; i < 3; i++) await t.emit(runEvent());
    expect(broker.records('restart')).toHaveLength(6);
    // Down while an emit is retrying, back before its retries run out.
    await broker.stop();
    const during = t.emit(runEvent());
    await sleep(150);
    await broker.start();
    await during;
    expect(broker.records('restart')).toHaveLength(7);
    expect(t.stats()).toMatchObject({ success: 7, failed: 0 });
  });

  it('broker restarted mid-stream: delivery resumes (flush false)', async () => {
    const broker = await startBroker();
    const t = transport({
      topic: 'restart2',
      config: { 'bootstrap.servers': broker.address, retries: 8, 'retry.backoff.ms': 100, 'linger.ms': 1 },
      flush: false,
    });
    for (let i = 0; i < 10; i++) await t.emit(runEvent());
    expect(await t.flush(10_000)).toBe(true);
    await broker.stop();
    for (let i = 0; i < 10; i++) await t.emit(runEvent());
    await sleep(100);
    await broker.start();
    expect(await t.flush(20_000)).toBe(true);
    expect(broker.records('restart2')).toHaveLength(20);
    expect(t.stats()).toMatchObject({ success: 20, failed: 0, pending: 0 });
  });

  it('SASL/PLAIN handshake: authenticates; a wrong password fails without showing it', async () => {
    const broker = await startBroker({ sasl: { users: { lineage: 'correct-horse-battery' } } });
    const ok = transport({
      topic: 'secure',
      config: {
        'bootstrap.servers': broker.address,
        'security.protocol': 'SASL_PLAINTEXT',
        'sasl.mechanism': 'PLAIN',
        'sasl.username': 'lineage',
        'sasl.password': 'correct-horse-battery',
      },
    });
    await ok.emit(runEvent());
    expect(broker.authenticated).toContain('lineage');
    expect(broker.count('SaslHandshake')).toBeGreaterThan(0);
    expect(broker.records('secure')).toHaveLength(1);

    const { logger, lines } = capture();
    const bad = transport({
      topic: 'secure',
      config: {
        'bootstrap.servers': broker.address,
        'security.protocol': 'SASL_PLAINTEXT',
        'sasl.username': 'lineage',
        'sasl.password': 'wrong-password-xyz',
        ...quick,
      },
      logger,
    });
    const err = (await bad.emit(runEvent()).catch((e: unknown) => e)) as TransportError;
    expect(TransportError.isInstance(err)).toBe(true);
    expect(err.message).toMatch(/SASL/);
    const everything = [err.message, String(err.cause), JSON.stringify(bad.config).replace('wrong-password-xyz', ''), ...lines].join('\n');
    expect(everything).not.toContain('wrong-password-xyz');
    // kafkajs's own log reaches our logger (as rate-limited warnings), scrubbed.
    expect(lines.some((l) => l.startsWith('warn kafka transport: kafkajs') && /sasl/i.test(l))).toBe(true);
    expect(broker.records('secure')).toHaveLength(1);
  });

  it('security.protocol SSL with ssl.ca.location (and with verification off)', async () => {
    const { key, cert } = selfSignedCertificate();
    const broker = await startBroker({ tls: { key, cert } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-kafka-tls-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), cert);
    const t = transport({
      topic: 'tls',
      config: { 'bootstrap.servers': broker.address, 'security.protocol': 'SSL', 'ssl.ca.location': 'ca.pem' },
      baseDir: dir,
    });
    await t.emit(runEvent());
    const noVerify = transport({
      topic: 'tls',
      config: { 'bootstrap.servers': broker.address, 'security.protocol': 'SSL', 'enable.ssl.certificate.verification': 'false' },
    });
    await noVerify.emit(runEvent());
    const untrusted = transport({ topic: 'tls', config: { 'bootstrap.servers': broker.address, 'security.protocol': 'SSL', ...quick } });
    await expect(untrusted.emit(runEvent())).rejects.toThrow(/could not deliver/);
    expect(broker.records('tls')).toHaveLength(2);
    fs.rmSync(dir, { recursive: true });
  });

  it('OPENLINEAGE_CLIENT_LOGGING=debug turns on kafkajs debug logging, through our logger', async () => {
    const broker = await startBroker();
    const { logger, lines } = capture();
    const context: TransportContext = {
      logger,
      path: ['transport'],
      origin: () => 'code',
      baseDir: process.cwd(),
      env: { OPENLINEAGE_CLIENT_LOGGING: 'debug' },
      createChild: () => Promise.reject(new Error('no children')),
    };
    const t = await createWith(descriptor, { type: 'kafka', topic: 'dbg', config: { 'bootstrap.servers': broker.address } }, context);
    transports.push(t);
    await t.emit(runEvent());
    expect(lines.some((l) => l.startsWith('debug kafkajs'))).toBe(true);
    const quiet = capture();
    const q = await createWith(
      descriptor,
      { type: 'kafka', topic: 'dbg', config: { 'bootstrap.servers': broker.address } },
      { ...context, logger: quiet.logger, env: {} },
    );
    transports.push(q);
    await q.emit(runEvent());
    expect(quiet.lines).toEqual([]);
  });

  it('warns once, naming the properties it cannot honour', async () => {
    const broker = await startBroker();
    const { logger, lines } = capture();
    transport({ topic: 't', config: { 'bootstrap.servers': broker.address, 'statistics.interval.ms': 500, 'sasl.username': 'u' }, logger });
    const warnings = lines.filter((l) => l.startsWith('warn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot honour: statistics\.interval\.ms, sasl\.username/);
  });

  it('close() flushes, disconnects, is idempotent; emit afterwards rejects', async () => {
    const broker = await startBroker();
    const t = transport({ topic: 'closing', config: { 'bootstrap.servers': broker.address, 'linger.ms': 60_000 }, flush: false });
    await t.emit(runEvent());
    const [a, b] = await Promise.all([t.close(10_000), t.close(10_000)]);
    expect([a, b]).toEqual([true, true]);
    expect(broker.records('closing')).toHaveLength(1);
    await expect(t.emit(runEvent())).rejects.toThrow(/closed/);
  });

  it('kcat (librdkafka) reads back exactly what the transport wrote', async () => {
    if (kcatPath() === null) {
      if (process.env.CI) throw new Error('kcat is not installed: `apt-get install -y kcat` (.ci/run installs it)');
      console.warn('kcat is not installed; skipping the kcat read-back locally');
      return;
    }
    const broker = await startBroker({ topics: { readback: 3 } });
    const t = transport({ topic: 'readback', config: { 'bootstrap.servers': broker.address, 'compression.type': 'gzip' }, flush: false });
    const events = Array.from({ length: 12 }, (_, i) => runEvent({ job: { namespace: 'ns', name: `job-${i % 4}` } }));
    for (const e of events) await t.emit(e);
    expect(await t.flush(10_000)).toBe(true);
    const msgs = await consumeWithKcat(broker.address, 'readback', ['-X', 'check.crcs=true']);
    expect(msgs).toHaveLength(12);
    const got = msgs.map((m) => [m.key, m.payload]).sort();
    const want = events.map((e) => [`run:ns/${e.job.name}`, toJSON(e)]).sort();
    expect(got).toEqual(want);
  });
});

describe('in a plain Node process', () => {
  it('imports under Node ESM, delivers, and exits after close()', async () => {
    const broker = await startBroker();
    const entry = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js')).href;
    const script = `
      import { createKafkaTransport } from ${JSON.stringify(entry)};
      const t = createKafkaTransport({ topic: 'proc', config: { 'bootstrap.servers': ${JSON.stringify(broker.address)} } });
      await t.emit({ eventTime: '2026-01-01T00:00:00Z', producer: 'p', schemaURL: 's', run: { runId: 'r' }, job: { namespace: 'n', name: 'j' } });
      await t.close(5000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(broker.values('proc')).toHaveLength(1);
  });
});

describe('descriptor and config from the environment', () => {
  it('exports the descriptor as default and named, with the Python class path alias', () => {
    expect(descriptor).toBe(named);
    expect(descriptor.type).toBe('kafka');
    expect(descriptor.aliases).toContain('openlineage.client.transport.kafka.KafkaTransport');
  });

  it('builds from the seed-style env config (OPENLINEAGE__TRANSPORT__CONFIG JSON, FLUSH string)', async () => {
    const broker = await startBroker();
    // What OPENLINEAGE__TRANSPORT__TYPE/TOPIC/CONFIG/FLUSH parse to: CONFIG is JSON, FLUSH stays a string.
    const env = {
      OPENLINEAGE__TRANSPORT__TYPE: 'kafka',
      OPENLINEAGE__TRANSPORT__TOPIC: 'my_topic',
      OPENLINEAGE__TRANSPORT__CONFIG: `{"bootstrap.servers": "${broker.address}", "acks": "all", "retries": 3, "linger.ms": "5"}`,
      OPENLINEAGE__TRANSPORT__FLUSH: 'true',
    };
    const raw = {
      type: env.OPENLINEAGE__TRANSPORT__TYPE,
      topic: env.OPENLINEAGE__TRANSPORT__TOPIC,
      config: JSON.parse(env.OPENLINEAGE__TRANSPORT__CONFIG) as Record<string, unknown>,
      flush: env.OPENLINEAGE__TRANSPORT__FLUSH,
    };
    const { logger, lines } = capture();
    const context: TransportContext = {
      logger,
      path: ['transport'],
      origin: (p) => (p.length > 1 ? `OPENLINEAGE__TRANSPORT__${p[1]!.toUpperCase()}` : 'env'),
      baseDir: process.cwd(),
      env,
      createChild: () => Promise.reject(new Error('no children')),
    };
    expect(parseWith(descriptor, raw, context)).toEqual({ type: 'kafka', topic: 'my_topic', config: raw.config, flush: true });
    const t = await createWith(descriptor, raw, context);
    expect(t).toBeInstanceOf(KafkaTransport);
    transports.push(t);
    await t.emit(runEvent());
    expect(broker.records('my_topic')).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('warn'))).toEqual([]);

    const bad = { ...raw, config: { ...raw.config, retries: 'lots' } };
    expect(() => createWith(descriptor, bad, context)).toThrow(
      /transport\.config\.retries \(from OPENLINEAGE__TRANSPORT__CONFIG\): expected an integer >= 0, got "lots"/,
    );
  });
});

describe('through core: resolveConfig + createTransport', () => {
  it('OPENLINEAGE__TRANSPORT__* as in the Python docs configures and delivers; property errors name the variable', async () => {
    const broker = await startBroker();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-kafka-env-'));
    const env = {
      OPENLINEAGE__TRANSPORT__TYPE: 'kafka',
      OPENLINEAGE__TRANSPORT__TOPIC: 'my_topic',
      OPENLINEAGE__TRANSPORT__CONFIG: `{"bootstrap.servers": "${broker.address}", "acks": "all", "retries": 3}`,
      OPENLINEAGE__TRANSPORT__FLUSH: 'true',
      OPENLINEAGE__TRANSPORT__MESSAGE_KEY: 'env-key',
    };
    registerTransport(descriptor);
    const resolved = resolveConfig({ env, cwd: dir, homeDir: dir });
    const { logger, lines } = capture();
    const t = await createTransport(resolved.config.transport, { env, origin: resolved.origin, logger, cwd: dir });
    transports.push(t);
    expect(t).toBeInstanceOf(KafkaTransport);
    expect(t.config).toEqual({
      type: 'kafka',
      topic: 'my_topic',
      config: { 'bootstrap.servers': broker.address, acks: 'all', retries: 3 },
      messageKey: 'env-key',
      flush: true,
    });
    await t.emit(runEvent());
    expect(broker.records('my_topic').map((r) => r.key?.toString())).toEqual(['env-key']);
    expect(lines.filter((l) => l.startsWith('warn'))).toEqual([]);

    const badEnv = { ...env, OPENLINEAGE__TRANSPORT__CONFIG: `{"bootstrap.servers": "${broker.address}", "linger.ms": "soon"}` };
    const bad = resolveConfig({ env: badEnv, cwd: dir, homeDir: dir });
    await expect(createTransport(bad.config.transport, { env: badEnv, origin: bad.origin, logger, cwd: dir })).rejects.toThrow(
      /transport\.config\.linger\.ms \(from OPENLINEAGE__TRANSPORT__CONFIG\): expected an integer >= 0, got "soon"/,
    );
    fs.rmSync(dir, { recursive: true });
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A port nothing listens on: bind, read the port, close. */
