/**
 * The client's own costs on the path from builder to transport (CPU time per call, medians of
 * rounds), and two end-to-end rows without a network:
 *
 * - `runEvent()` per call (the typical event's parts kept, as an application keeps its job and
 *   dataset ids), next to a hand-written object literal with the same members;
 * - client overhead per typical (~900-byte) event on top of serialization: `await client.emit(e)`
 *   into a transport that serializes with core's `toJSON` and encodes the text (as the bundled
 *   transports do), minus the same serialization of a copy of the event the client hands over
 *   (a copy carries no remembered text, so `toJSON` writes it again); with default settings and
 *   with every enrichment on (a job-name filter that does not match, job and run tags, one
 *   environment variable in the environment-variables facet). Next to it, the whole emit against
 *   `JSON.stringify` of the handed event, as a hand-written sender would serialize it;
 * - file (`append: true`), builder + client, each emit awaited, next to a raw `fs.write` loop
 *   that serializes each event.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OpenLineageClient, type OpenLineageConfig, type OpenLineageEvent, runEvent, toJSON, type Transport } from '@ol/core';
import { cpuMicros, median, paired, scenario, type Scenario } from './harness.js';
import { clientFor, eventSource, wireEvents } from './e2e.js';

const FILE_EVENTS = 10_000;

/** Median CPU ns per call over `rounds` timed loops of `n` calls. */
function nsPerCall(fn: (i: number) => unknown, n: number, rounds = 9): number {
  for (let i = 0; i < n; i++) fn(i);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = process.cpuUsage();
    for (let i = 0; i < n; i++) fn(i);
    samples.push((cpuMicros(t) * 1000) / n);
  }
  return median(samples);
}

function builderRows(): Scenario[] {
  const run = { runId: '01890000-0000-7000-8000-000000000001' };
  const job = { namespace: 'bench', name: 'nightly_orders' };
  const inputs = [{ namespace: 'postgres://db.internal:5432', name: 'shop.public.orders' }];
  const outputs = [{ namespace: 's3://lake', name: 'orders/daily' }];
  const producer = 'https://github.com/openlineage-ts/openlineage-ts/tree/v0.1.0/packages/core';
  const schemaURL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
  const times = Array.from({ length: 1024 }, (_, i) => new Date(1_700_000_000_000 + i * 1000).toISOString());
  let sink: unknown;
  const builder = nsPerCall((i) => (sink = runEvent({ eventType: i & 1 ? 'COMPLETE' : 'START', run, job, inputs, outputs })), 100_000);
  const builderTime = nsPerCall(
    (i) => (sink = runEvent({ eventType: i & 1 ? 'COMPLETE' : 'START', eventTime: times[i & 1023]!, run, job, inputs, outputs })),
    100_000,
  );
  const literal = nsPerCall(
    (i) => (sink = { eventType: i & 1 ? 'COMPLETE' : 'START', eventTime: new Date().toISOString(), producer, schemaURL, run, job, inputs, outputs }),
    100_000,
  );
  if (sink === undefined) throw new Error('unreachable');
  return [
    scenario({
      name: 'runEvent() per call, CPU time (eventTime defaulted)',
      figure: builder / 1000,
      unit: 'µs',
      baseline: literal / 1000,
      baselineName: 'object literal + new Date().toISOString()',
      higherIsBetter: false,
      maxFigure: 1,
    }),
    scenario({
      name: 'runEvent() per call, CPU time (RFC 3339 string eventTime)',
      figure: builderTime / 1000,
      unit: 'µs',
      baseline: literal / 1000,
      baselineName: 'object literal + new Date().toISOString()',
      higherIsBetter: false,
      maxFigure: 1,
    }),
  ];
}

/** What the bundled transports do with an event, and nothing else: serialize it with core's toJSON. */
class SerializingTransport implements Transport {
  readonly type = 'serializing';
  readonly config = {};
  bytes = 0;
  last: OpenLineageEvent | undefined;
  emit(event: OpenLineageEvent): Promise<void> {
    // Encoding flattens the text, as every transport's send does.
    this.bytes += Buffer.byteLength(toJSON(event));
    this.last = event;
    return Promise.resolve();
  }
  close(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

const ALL_ENRICHMENTS: OpenLineageConfig = {
  filters: [{ type: 'exact', match: 'some_other_job' }],
  tags: { job: { team: 'data-platform' }, run: { environment: 'production' } },
  facets: { environment_variables: ['DEPLOY_REGION'] },
};

async function clientOverhead(label: string, config: OpenLineageConfig | undefined): Promise<Scenario[]> {
  const transport = new SerializingTransport();
  const client = await OpenLineageClient.create({
    transport,
    ...(config && { config }),
    env: { OPENLINEAGE_CLIENT_LOGGING: 'error', DEPLOY_REGION: 'eu-west-1' },
  });
  const next = eventSource();
  const events = Array.from({ length: 1000 }, (_, i) => next(i));
  // The events as the transport receives them, for the JSON.stringify baseline.
  const handed: OpenLineageEvent[] = [];
  for (const e of events) {
    await client.emit(e);
    handed.push(transport.last!);
  }
  const bytes = median(handed.map((e) => JSON.stringify(e).length));
  // Top-level copies: no remembered text of their own; the facets they share with the handed events keep theirs.
  const copies = handed.map((e) => ({ ...e }));
  const n = 20_000;
  const emitNs: number[] = [];
  const serializeNs: number[] = [];
  const stringifyNs: number[] = [];
  let sink = 0;
  for (let round = 0; round < 11; round++) {
    let t = process.cpuUsage();
    for (let i = 0; i < n; i++) await client.emit(events[i % 1000]!);
    emitNs.push((cpuMicros(t) * 1000) / n);
    t = process.cpuUsage();
    for (let i = 0; i < n; i++) sink += Buffer.byteLength(toJSON(copies[i % 1000]!));
    serializeNs.push((cpuMicros(t) * 1000) / n);
    t = process.cpuUsage();
    for (let i = 0; i < n; i++) sink += Buffer.byteLength(JSON.stringify(handed[i % 1000]));
    stringifyNs.push((cpuMicros(t) * 1000) / n);
  }
  await client.close();
  if (sink === 0 || transport.bytes === 0) throw new Error('nothing serialized');
  const emit = median(emitNs.slice(1)) / 1000;
  const serialize = median(serializeNs.slice(1)) / 1000;
  const stringify = median(stringifyNs.slice(1)) / 1000;
  return [
    scenario({
      name: `client overhead on top of serialization, CPU time, ${label} (~${Math.round(bytes)}-byte event)`,
      figure: emit - serialize,
      unit: 'µs/event',
      higherIsBetter: false,
      maxFigure: 2,
      goal: '<= 2 µs/event',
    }),
    scenario({
      name: `await client.emit() into a serializing transport, ${label}`,
      figure: emit,
      unit: 'µs/event',
      baseline: stringify,
      baselineName: 'JSON.stringify of the event the transport receives, encoded',
      higherIsBetter: false,
    }),
  ];
}

async function fileRows(): Promise<Scenario[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-e2e-file-'));
  const file = path.join(dir, 'events.jsonl');
  try {
    const wire = await wireEvents(FILE_EVENTS);
    const write = (fd: number, data: Buffer): Promise<void> =>
      new Promise((resolve, reject) => fs.write(fd, data, 0, data.length, null, (err) => (err ? reject(err) : resolve())));
    const raw = async (): Promise<number> => {
      fs.rmSync(file, { force: true });
      const started = performance.now();
      const fd = fs.openSync(file, 'a');
      for (const e of wire) await write(fd, Buffer.from(JSON.stringify(e) + '\n'));
      fs.closeSync(fd);
      return FILE_EVENTS / ((performance.now() - started) / 1000);
    };
    const throughClient = async (): Promise<number> => {
      fs.rmSync(file, { force: true });
      const next = eventSource();
      const started = performance.now();
      const client = await clientFor({ type: 'file', log_file_path: file, append: true });
      for (let i = 0; i < FILE_EVENTS; i++) await client.emit(next(i));
      await client.close();
      const rate = FILE_EVENTS / ((performance.now() - started) / 1000);
      const lines = fs.readFileSync(file, 'utf8').split('\n').length - 1;
      if (lines !== FILE_EVENTS) throw new Error(`file through the client wrote ${lines} lines, expected ${FILE_EVENTS}`);
      return rate;
    };
    await throughClient();
    await raw();
    const r = await paired(9, throughClient, raw);
    return [
      scenario({
        name: 'e2e file append, sequential await emit, builder + client',
        figure: r.figure,
        unit: 'events/s',
        baseline: r.baseline,
        baselineName: 'raw fs.write loop, JSON.stringify per event',
        minRatio: 0.8,
      }),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<Scenario[]> {
  const builders = builderRows();
  const overhead = [...(await clientOverhead('default settings', undefined)), ...(await clientOverhead('filter + tags + env facet', ALL_ENRICHMENTS))];
  const file = await fileRows();
  // A typical event's size, for the record.
  const size = JSON.stringify((await wireEvents(2))[1]).length;
  return [...builders, ...overhead, ...file, scenario({ name: 'typical e2e event (COMPLETE, as sent by a default client)', figure: size, unit: 'bytes' })];
}
