/**
 * The cloud transports against their loopback peers (test-kit), each next to the raw SDK call
 * doing the same requests in the same run (alternated, medians). Events are built inside the
 * timed loop on both sides; the transport side goes through `OpenLineageClient`.
 *
 * - s3: awaited emits, one conditional PutObject each, against awaited raw `PutObjectCommand`s
 *   with the same key, body and `If-None-Match`.
 * - gcs: awaited emits, one multipart upload each, against awaited raw `file.save` calls with the
 *   same options.
 * - kinesis: emits not awaited, then `flush()`, against raw `PutRecordsCommand`s of 500 records,
 *   24 in flight (the transport's defaults: KPL's CollectionMaxCount and MaxConnections).
 *
 * The raw side adds the run facets a default client adds (its client-version tags facet), so both
 * sides send the same bytes. The peers run in this process: both sides pay the same peer cost per request.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { Storage } from '@google-cloud/storage';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { OpenLineageClient, toJSON, type Transport } from '@ol/core';
import { startGcsPeer, startKinesisPeer, startS3Peer } from '@ol/test-kit';
import { createGcsTransport } from '@ol/transport-gcs';
import { createKinesisTransport, partitionKeyOf } from '@ol/transport-kinesis';
import { createS3Transport } from '@ol/transport-s3';
import { clientRunFacets, type RunFacets, withClientFacets } from './e2e.js';
import { paired, scenario, sequenceEvent, type Scenario } from './harness.js';

const CREDENTIALS = { accessKeyId: 'AKIDBENCHEXAMPLE', secretAccessKey: 'benchSecretKeyExample0123456789' };
const OBJECT_EVENTS = 200;
const KINESIS_EVENTS = 20_000;
const REPETITIONS = 5;
/** Each run writes new object names: run r, event i has eventTime base + r·1e7 + i. */
let runNo = 0;

function eventAt(i: number, run: number) {
  const e = sequenceEvent(i);
  e.eventTime = new Date(1_700_000_000_000 + run * 10_000_000 + i).toISOString();
  return e;
}

async function throughClient(transport: Transport, n: number, awaitEach: boolean): Promise<number> {
  const client = new OpenLineageClient({ transport, failOnError: awaitEach });
  const run = ++runNo;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const p = client.emit(eventAt(i, run));
    if (awaitEach) await p;
  }
  if (!(await client.flush(60_000))) throw new Error('not everything was delivered');
  const rate = n / ((performance.now() - started) / 1000);
  await client.close(10_000);
  return rate;
}

async function s3Bench(added: RunFacets): Promise<Scenario> {
  const peer = await startS3Peer({ keepObjects: false });
  peer.recordLimit = 0;
  const common = { endpoint: peer.url, region: 'us-east-1', credentials: CREDENTIALS };
  const raw = new S3Client({ ...common, forcePathStyle: true, maxAttempts: 3 });
  try {
    await raw.send(new PutObjectCommand({ Bucket: 'bench', Key: 'warm-up', Body: '{}' }));
    const r = await paired(
      REPETITIONS,
      () => throughClient(createS3Transport({ bucketName: 'bench', fileNamePrefix: 'ol/', ...common }), OBJECT_EVENTS, true),
      async () => {
        const run = ++runNo;
        const started = performance.now();
        for (let i = 0; i < OBJECT_EVENTS; i++) {
          const e = withClientFacets(eventAt(i, run), added);
          const body = Buffer.from(JSON.stringify(e), 'utf8');
          await raw.send(
            new PutObjectCommand({
              Bucket: 'bench',
              Key: `raw/${Date.parse(e.eventTime)}.json`,
              Body: body,
              ContentType: 'application/json',
              IfNoneMatch: '*',
            }),
          );
        }
        return OBJECT_EVENTS / ((performance.now() - started) / 1000);
      },
    );
    return scenario({
      name: 's3: awaited emits (one PutObject each)',
      figure: r.figure,
      unit: 'events/s',
      baseline: r.baseline,
      baselineName: 'raw S3Client PutObject',
      minRatio: 0.8,
    });
  } finally {
    raw.destroy();
    await peer.close();
  }
}

async function gcsBench(added: RunFacets): Promise<Scenario> {
  const peer = await startGcsPeer({ keepObjects: false });
  peer.recordLimit = 0;
  const raw = new Storage({ apiEndpoint: peer.url, retryOptions: { maxRetries: 2, totalTimeout: 60 } });
  try {
    const r = await paired(
      REPETITIONS,
      () => throughClient(createGcsTransport({ bucketName: 'bench', apiEndpoint: peer.url, fileNamePrefix: 'ol/' }), OBJECT_EVENTS, true),
      async () => {
        const run = ++runNo;
        const bucket = raw.bucket('bench');
        const started = performance.now();
        for (let i = 0; i < OBJECT_EVENTS; i++) {
          const e = withClientFacets(eventAt(i, run), added);
          const body = Buffer.from(JSON.stringify(e), 'utf8');
          await bucket
            .file(`raw/${Date.parse(e.eventTime)}.json`)
            .save(body, { resumable: false, contentType: 'application/json', preconditionOpts: { ifGenerationMatch: 0 } });
        }
        return OBJECT_EVENTS / ((performance.now() - started) / 1000);
      },
    );
    return scenario({
      name: 'gcs: awaited emits (one multipart upload each)',
      figure: r.figure,
      unit: 'events/s',
      baseline: r.baseline,
      baselineName: 'raw Storage file.save',
      minRatio: 0.8,
    });
  } finally {
    await peer.close();
  }
}

async function kinesisBench(added: RunFacets): Promise<Scenario> {
  const peer = await startKinesisPeer({ keepRecords: false });
  peer.recordLimit = 0;
  const common = { region: 'us-east-1', endpoint: peer.url, credentials: CREDENTIALS };
  const raw = new KinesisClient({ ...common, maxAttempts: 3, requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: 24 } }) });
  try {
    const r = await paired(
      REPETITIONS,
      () => throughClient(createKinesisTransport({ streamName: 'bench', ...common, properties: { RecordMaxBufferedTime: 5 } }), KINESIS_EVENTS, false),
      async () => {
        const run = ++runNo;
        const started = performance.now();
        const calls: Promise<unknown>[] = [];
        let batch: { Data: Buffer; PartitionKey: string }[] = [];
        const inFlight = new Set<Promise<unknown>>();
        for (let i = 0; i < KINESIS_EVENTS; i++) {
          const e = withClientFacets(eventAt(i, run), added);
          batch.push({ Data: Buffer.from(toJSON(e), 'utf8'), PartitionKey: partitionKeyOf(e) });
          if (batch.length === 500 || i === KINESIS_EVENTS - 1) {
            if (inFlight.size >= 24) await Promise.race(inFlight);
            const p = raw.send(new PutRecordsCommand({ StreamName: 'bench', Records: batch }));
            inFlight.add(p);
            void p.finally(() => inFlight.delete(p));
            calls.push(p);
            batch = [];
          }
        }
        await Promise.all(calls);
        return KINESIS_EVENTS / ((performance.now() - started) / 1000);
      },
    );
    return scenario({
      name: 'kinesis: emits + flush (PutRecords batches)',
      figure: r.figure,
      unit: 'events/s',
      baseline: r.baseline,
      baselineName: 'raw KinesisClient PutRecords x500',
      minRatio: 0.7,
    });
  } finally {
    raw.destroy();
    await peer.close();
  }
}

export default async function cloudBench(): Promise<Scenario[]> {
  const added = await clientRunFacets();
  return [await s3Bench(added), await gcsBench(added), await kinesisBench(added)];
}
