#!/usr/bin/env node
/**
 * `ol-lineage-sink --port N [--tls] [--no-record]`: a lineage sink in its own process, so a
 * benchmark's client and server do not share one event loop. Prints `listening on N` when ready.
 */
import { parseArgs } from 'node:util';
import { startLineageSink } from '../sink/lineage-sink.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    tls: { type: 'boolean', default: false },
    'no-record': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`ol-lineage-sink: --port must be an integer 0-65535, got ${values.port}\n`);
  process.exit(2);
}

const sink = await startLineageSink({ port, host: values.host, tls: values.tls, record: !values['no-record'] });
process.stdout.write(`listening on ${sink.port}\n`);

const stop = (): void => {
  void sink.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
