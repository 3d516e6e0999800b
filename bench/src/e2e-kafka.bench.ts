/**
 * End to end over Kafka, as an application does it: each event built with the builders inside
 * the timed loop and emitted through `OpenLineageClient.create({ config })` with the kafka
 * transport's default producer settings, to the test-kit broker in its own process. Baselines in
 * the same run (each path first runs untimed three times at full size, then alternated rounds,
 * medians of 5): a raw kafkajs producer sending the same enriched events
 * with the same keys and placement, serializing each one as it goes —
 *
 * - `flush: false` (emit all, then `flush()`): raw `producer.send` of 1,000-message batches, one
 *   after another;
 * - `flush: true` (each emit awaited until the broker acknowledged it): raw one-message sends.
 */
import zlib from 'node:zlib';
import type { OpenLineageEvent } from '@ol/core';
import { defaultMessageKey } from '@ol/transport-kafka';
import kafkajs from 'kafkajs';
import { paired, scenario, type Scenario } from './harness.js';
import { clientFor, deliverBuilt, wireEvents } from './e2e.js';
import { BrokerProcess } from './kafka.bench.js';

const { Kafka, logLevel } = kafkajs;
const TOPIC = 'bench';
const BATCH_EVENTS = 15_000;
const SYNC_EVENTS = 1_500;
const RAW_BATCH = 1_000;
const REPS = 5;
const WARMUP_ROUNDS = 3;

async function throughClient(broker: BrokerProcess, n: number, flush: boolean): Promise<number> {
  const client = await clientFor({ type: 'kafka', topic: TOPIC, config: { 'bootstrap.servers': broker.address, 'client.id': 'bench-client' }, flush });
  // Connect and fetch metadata outside the timed part, as the raw producer does; the broker forgets it below.
  await client.emit((await wireEvents(1))[0] as never);
  await client.flush();
  const { rate, success } = await deliverBuilt(client, n, undefined);
  const held = await broker.drain();
  if (success !== n + 1 || held !== n + 1) throw new Error(`kafka through the client: ${success} delivered, broker holds ${held}, expected ${n + 1}`);
  process.stderr.write(`  client kafka flush=${flush}: ${Math.round(rate)} events/s\n`);
  return rate;
}

async function raw(broker: BrokerProcess, events: readonly OpenLineageEvent[], batched: boolean): Promise<number> {
  const kafka = new Kafka({ brokers: [broker.address], clientId: 'bench-raw', logLevel: logLevel.NOTHING });
  // The transport's placement (librdkafka's CRC-32 of the key), so both sides do the same work per message.
  const producer = kafka.producer({
    createPartitioner:
      () =>
      ({ message, partitionMetadata }) =>
        message.key ? zlib.crc32(message.key) % partitionMetadata.length : 0,
  });
  await producer.connect();
  await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: 'warm', value: '{}' }] });
  const started = performance.now();
  if (batched) {
    for (let i = 0; i < events.length; i += RAW_BATCH) {
      const messages = events.slice(i, i + RAW_BATCH).map((e) => ({ key: defaultMessageKey(e), value: JSON.stringify(e) }));
      await producer.send({ topic: TOPIC, acks: -1, messages });
    }
  } else {
    for (const e of events) await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: defaultMessageKey(e), value: JSON.stringify(e) }] });
  }
  const rate = events.length / ((performance.now() - started) / 1000);
  await producer.disconnect();
  const held = await broker.drain();
  if (held !== events.length + 1) throw new Error(`raw kafkajs: broker holds ${held}, expected ${events.length + 1}`);
  process.stderr.write(`  raw kafkajs ${batched ? `${RAW_BATCH}-message batches` : 'per message'}: ${Math.round(rate)} events/s\n`);
  return rate;
}

export default async function bench(): Promise<Scenario[]> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const broker = await BrokerProcess.start();
  try {
    const wire = await wireEvents(BATCH_EVENTS);
    const syncWire = wire.slice(0, SYNC_EVENTS);
    // Warm every path up with full-size untimed runs (JIT, heap sizing, connections): steady state,
    // as in a service that has been running a while, for the client and the raw loops alike.
    for (let w = 0; w < WARMUP_ROUNDS; w++) {
      await raw(broker, syncWire, false);
      await throughClient(broker, SYNC_EVENTS, true);
      await raw(broker, wire, true);
      await throughClient(broker, BATCH_EVENTS, false);
    }

    const batch = await paired(
      REPS,
      () => throughClient(broker, BATCH_EVENTS, false),
      () => raw(broker, wire, true),
    );
    const sync = await paired(
      REPS,
      () => throughClient(broker, SYNC_EVENTS, true),
      () => raw(broker, syncWire, false),
    );
    return [
      scenario({
        name: 'e2e kafka flush=false (default producer settings), builder + client',
        figure: batch.figure,
        unit: 'events/s',
        baseline: batch.baseline,
        baselineName: `raw kafkajs, sequential ${RAW_BATCH}-message batches, stringify per event`,
        minRatio: 1,
      }),
      scenario({
        name: 'e2e kafka flush=true (ack per emit), builder + client',
        figure: sync.figure,
        unit: 'events/s',
        baseline: sync.baseline,
        baselineName: 'raw kafkajs, one send per message, stringify per event',
        minRatio: 0.9,
      }),
    ];
  } finally {
    broker.stop();
  }
}
