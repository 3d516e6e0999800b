/**
 * @ol/transport-kafka throughput to the test-kit Kafka broker, next to a raw kafkajs producer
 * sending the same messages the same way, in the same run (alternated, medians).
 *
 * - flush true: each emit awaited before the next (the transport waits for the broker's ack)
 *   against awaited one-message `producer.send` calls with pre-serialized values and the same keys.
 * - flush false, default config: all events emitted, then `flush()`, against the same messages sent by hand
 *   in sequential batches of 1,000 (kafkajs's sweet spot, the transport's default `batch.num.messages`),
 *   one batch in flight. A second row sets `max.in.flight.requests.per.connection: 4` (batches in flight).
 *
 * Every path first runs untimed twice at full size (steady state). The broker runs in its own
 * process (`ol-kafka-test-broker`) so it does not share the client's
 * event loop; it is told to forget its records between runs to keep its memory flat.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { type RunEvent, toJSON } from '@ol/core';
import { createKafkaTransport, defaultMessageKey } from '@ol/transport-kafka';
import kafkajs from 'kafkajs';
import { paired, scenario, sequenceEvent as event, type Scenario } from './harness.js';

const { Kafka, logLevel } = kafkajs;
const SYNC_EVENTS = 3_000;
const BATCH_EVENTS = 30_000;
const BATCH_SIZE = 1_000;
const REPETITIONS = 5;
const WARMUP_ROUNDS = 2;
const TOPIC = 'bench';

export class BrokerProcess {
  private out = '';
  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
    readonly address: string,
  ) {
    child.stdout.on('data', (c: Buffer) => (this.out += c.toString()));
  }

  static async start(): Promise<BrokerProcess> {
    const entry = fileURLToPath(import.meta.resolve('@ol/test-kit'));
    const bin = path.join(path.dirname(entry), 'bin', 'kafka-test-broker.js');
    const child = spawn(process.execPath, [bin, '--port', '0', '--topic', `${TOPIC}:1`], { stdio: ['pipe', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const onData = (c: Buffer) => {
        out += c.toString();
        const m = /listening on (\d+)\n/.exec(out);
        if (m) {
          child.stdout.off('data', onData);
          resolve(Number(m[1]));
        }
      };
      child.stdout.on('data', onData);
      child.once('exit', (code) => reject(new Error(`broker exited with ${code}`)));
    });
    return new BrokerProcess(child, `127.0.0.1:${port}`);
  }

  /** Number of records the broker holds, then forgets them. */
  async drain(): Promise<number> {
    this.out = '';
    this.child.stdin.write('count\nclear\n');
    for (let i = 0; i < 400 && !/cleared\n/.test(this.out); i++) await new Promise((r) => setTimeout(r, 5));
    const m = /count (\d+)\n/.exec(this.out);
    if (!m || !this.out.includes('cleared')) throw new Error('broker did not answer count/clear');
    return Number(m[1]);
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}

async function rawRun(broker: BrokerProcess, events: readonly RunEvent[], batched: boolean): Promise<number> {
  const messages = events.map((e) => ({ key: defaultMessageKey(e), value: toJSON(e) }));
  const kafka = new Kafka({ brokers: [broker.address], clientId: 'bench-raw', logLevel: logLevel.NOTHING });
  // The transport's placement (librdkafka's CRC-32 of the key), so both sides do the same work per message.
  const producer = kafka.producer({
    createPartitioner:
      () =>
      ({ message, partitionMetadata }) =>
        message.key ? zlib.crc32(message.key) % partitionMetadata.length : 0,
  });
  await producer.connect();
  // The first send fetches metadata; it stays outside the timed part, as the transport's does.
  await producer.send({ topic: TOPIC, acks: -1, messages: [messages[0]!] });
  const rest = messages.slice(1);
  const started = performance.now();
  if (batched) {
    for (let i = 0; i < rest.length; i += BATCH_SIZE) await producer.send({ topic: TOPIC, acks: -1, messages: rest.slice(i, i + BATCH_SIZE) });
  } else {
    for (const m of rest) await producer.send({ topic: TOPIC, acks: -1, messages: [m] });
  }
  const rate = rest.length / ((performance.now() - started) / 1000);
  await producer.disconnect();
  await check(broker, events.length, 'raw kafkajs');
  return rate;
}

async function transportRun(broker: BrokerProcess, events: readonly RunEvent[], flush: boolean, extra: Record<string, number> = {}): Promise<number> {
  // Default producer properties otherwise: the figures are what a user gets without tuning.
  const t = createKafkaTransport({ topic: TOPIC, config: { 'bootstrap.servers': broker.address, 'client.id': 'bench-transport', ...extra }, flush });
  // Connect outside the timed part, as the raw producer does.
  await t.emit(events[0]!);
  await t.flush(30_000);
  const rest = events.slice(1);
  const started = performance.now();
  for (const e of rest) await t.emit(e);
  if (!flush && !(await t.flush(120_000))) throw new Error('flush did not deliver everything');
  const rate = rest.length / ((performance.now() - started) / 1000);
  await t.close(10_000);
  await check(broker, events.length, 'transport');
  return rate;
}

async function check(broker: BrokerProcess, expected: number, who: string): Promise<void> {
  const got = await broker.drain();
  if (got !== expected) throw new Error(`${who}: broker holds ${got} records, expected ${expected}`);
}

export default async function kafkaBench(): Promise<Scenario[]> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const broker = await BrokerProcess.start();
  try {
    const syncEvents = Array.from({ length: SYNC_EVENTS }, (_, i) => event(i));
    const batchEvents = Array.from({ length: BATCH_EVENTS }, (_, i) => event(i));
    // Warm every path with full-size untimed runs (JIT, heap sizing, connections), as e2e-kafka does:
    // after a 300-event warm-up the transport's longer path was still being optimized in the timed rounds.
    for (let w = 0; w < WARMUP_ROUNDS; w++) {
      await rawRun(broker, syncEvents, false);
      await transportRun(broker, syncEvents, true);
      await rawRun(broker, batchEvents, true);
      await transportRun(broker, batchEvents, false);
    }

    const sync = await paired(
      REPETITIONS,
      () => transportRun(broker, syncEvents, true),
      () => rawRun(broker, syncEvents, false),
    );
    const batch = await paired(
      REPETITIONS,
      () => transportRun(broker, batchEvents, false),
      () => rawRun(broker, batchEvents, true),
    );
    const inFlight = await paired(
      REPETITIONS,
      () => transportRun(broker, batchEvents, false, { 'max.in.flight.requests.per.connection': 4 }),
      () => rawRun(broker, batchEvents, true),
    );
    return [
      scenario({
        name: 'kafka flush=true (ack per emit), transport only',
        figure: sync.figure,
        unit: 'events/s',
        baseline: sync.baseline,
        baselineName: 'raw kafkajs send per message',
        minRatio: 0.9,
      }),
      scenario({
        name: 'kafka flush=false (batched), default config, transport only',
        figure: batch.figure,
        unit: 'events/s',
        baseline: batch.baseline,
        baselineName: 'raw kafkajs, sequential 1,000-message batches',
        minRatio: 1,
      }),
      scenario({
        name: 'kafka flush=false, max.in.flight 4 (4 batches in flight), transport only',
        figure: inFlight.figure,
        unit: 'events/s',
        baseline: inFlight.baseline,
        baselineName: 'raw kafkajs, sequential 1,000-message batches',
      }),
    ];
  } finally {
    broker.stop();
  }
}
