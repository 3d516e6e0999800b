#!/usr/bin/env node
/**
 * `ol-kafka-test-broker --port N [--host H] [--partitions P] [--topic NAME[:P]]... [--sasl-user U:PASSWORD]...`:
 * the Kafka test broker in its own process (benchmarks, manual runs with kcat). Prints
 * `listening on N` when ready. Lines on stdin control it, so a benchmark can keep its memory flat:
 * `clear` forgets every record (answers `cleared`), `count` prints the number of records held.
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { KafkaTestBroker } from '../kafka/broker.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    partitions: { type: 'string', default: '1' },
    topic: { type: 'string', multiple: true, default: [] },
    'sasl-user': { type: 'string', multiple: true, default: [] },
    verbose: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  process.stderr.write(`ol-kafka-test-broker: ${message}\n`);
  process.exit(2);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be an integer 0-65535, got ${values.port}`);
const partitions = Number(values.partitions);
if (!Number.isInteger(partitions) || partitions < 1) fail(`--partitions must be a positive integer, got ${values.partitions}`);

const topics: Record<string, number> = {};
for (const spec of values.topic) {
  const [name, count] = spec.split(':');
  if (!name) fail(`--topic wants NAME or NAME:PARTITIONS, got ${spec}`);
  topics[name] = count === undefined ? partitions : Number(count);
}
const users: Record<string, string> = {};
for (const spec of values['sasl-user']) {
  const i = spec.indexOf(':');
  if (i <= 0) fail('--sasl-user wants USER:PASSWORD');
  users[spec.slice(0, i)] = spec.slice(i + 1);
}

const broker = await KafkaTestBroker.start({
  port,
  host: values.host,
  topics,
  defaultPartitions: partitions,
  ...(Object.keys(users).length ? { sasl: { users } } : {}),
  ...(values.verbose ? { log: (line: string) => process.stderr.write(`${line}\n`) } : {}),
});
process.stdout.write(`listening on ${broker.port}\n`);

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'clear') {
    broker.clear();
    process.stdout.write('cleared\n');
  } else if (command === 'count') {
    process.stdout.write(`count ${broker.records().length}\n`);
  } else if (command !== '') {
    process.stderr.write(`ol-kafka-test-broker: unknown command ${JSON.stringify(command)} (clear, count)\n`);
  }
});

const stop = (): void => {
  void broker.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
