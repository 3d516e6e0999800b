import { createLogger, newRunId, OpenLineageClient, type RunEvent, runEvent } from '@ol/core';
import { createWith } from '@ol/core/internal';
/**
 * Kafka broker stopped and restarted mid-stream: delivery resumes, and nothing the transport
 * acknowledged is lost (every event whose emit resolved with `flush: true`, and every event
 * counted as a success with `flush: false`, is on the broker afterwards).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaTestBroker } from '@ol/test-kit';
import { descriptor as kafka } from '@ol/transport-kafka';

const brokers: KafkaTestBroker[] = [];
const clients: OpenLineageClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close(5000);
  for (const b of brokers.splice(0)) await b.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const logger = createLogger({ level: 'silent' });

function event(i: number): RunEvent {
  return runEvent({ eventType: i % 2 ? 'COMPLETE' : 'START', run: { runId: newRunId() }, job: { namespace: 'reliability', name: `stream_${i}` } });
}

async function client(broker: KafkaTestBroker, topic: string, flush: boolean): Promise<OpenLineageClient> {
  const transport = await createWith(
    kafka,
    {
      topic,
      flush,
      config: { 'bootstrap.servers': broker.address, retries: '10', 'retry.backoff.ms': '100', 'linger.ms': '5', 'message.timeout.ms': '20000' },
    },
    { logger, path: ['transport'], origin: () => 'code', baseDir: process.cwd(), env: {}, createChild: () => Promise.reject(new Error('no children')) },
  );
  // failOnError: an emit resolves only when the broker acknowledged the event.
  const c = new OpenLineageClient({ transport, logger, failOnError: true });
  clients.push(c);
  return c;
}

function jobNames(broker: KafkaTestBroker, topic: string): Set<string> {
  return new Set(broker.values(topic).map((v) => (JSON.parse(v) as RunEvent).job.name));
}

describe('kafka broker restarted mid-stream', () => {
  it('flush: true — every acknowledged emit is on the broker; emits during the outage resume', async () => {
    const broker = await KafkaTestBroker.start();
    brokers.push(broker);
    const c = await client(broker, 'acked', true);
    const acked: string[] = [];
    const stream = (async () => {
      for (let i = 0; i < 300; i++) {
        const e = event(i);
        try {
          await c.emit(e);
          acked.push(e.job.name);
        } catch {
          // Not acknowledged: allowed to be missing, but with these retries none should be.
        }
      }
    })();
    await sleep(300);
    await broker.stop();
    await sleep(400);
    await broker.start();
    await stream;
    const stored = jobNames(broker, 'acked');
    for (const name of acked) expect(stored.has(name), `${name} was acknowledged`).toBe(true);
    expect(acked).toHaveLength(300);
    expect(stored.size).toBe(300);
  });

  it('flush: false — batched delivery survives two restarts; flush() confirms everything', async () => {
    const broker = await KafkaTestBroker.start();
    brokers.push(broker);
    const c = await client(broker, 'batched', false);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 500; i++) await c.emit(event(round * 500 + i));
      if (round < 2) {
        await broker.stop();
        await sleep(200);
        await broker.start();
      }
    }
    expect(await c.flush(30_000)).toBe(true);
    const s = c.stats();
    expect(s).toMatchObject({ success: 1500, failed: 0, dropped: 0, pending: 0 });
    expect(jobNames(broker, 'batched').size).toBe(1500);
  });
});
