import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { OpenLineageClient, type OpenLineageEvent, toJSON, TransportError } from '@ol/core';
import {
  freePort,
  kinesisError,
  startHttpPeer,
  startKinesisPeer,
  testDatasetEvent,
  testJobEvent,
  testRunEvent,
  transportErrorOf,
  transportFromConfig,
} from '@ol/test-kit';
import type { KinesisPeer } from '@ol/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKinesisTransport } from './descriptor.js';
import { KinesisTransportError } from './errors.js';
import type { CreateKinesisTransportOptions } from './descriptor.js';
import type { KinesisTransport } from './transport.js';

const CREDS = { accessKeyId: 'AKIDOLTESTEXAMPLE', secretAccessKey: 'olKinesisSecret/doNotLeak+1234567890' };
let peer: KinesisPeer;
const open: { close(ms?: number): Promise<boolean> }[] = [];

beforeEach(async () => {
  peer = await startKinesisPeer({ streams: ['lineage'] });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close(1000)));
  await peer.close();
});

function transport(extra: Partial<CreateKinesisTransportOptions> = {}): KinesisTransport & { warnings: string[]; errors: Error[] } {
  const warnings: string[] = [];
  const errors: Error[] = [];
  const t = createKinesisTransport({
    streamName: 'lineage',
    region: 'eu-west-1',
    endpoint: peer.url,
    credentials: CREDS,
    maxAttempts: 3,
    logger: { warn: (m: string) => warnings.push(m), error() {}, info() {}, debug() {} },
    onError: (e) => errors.push(e),
    ...extra,
    properties: { RecordMaxBufferedTime: 20, ...extra.properties },
  });
  open.push(t);
  return Object.assign(t, { warnings, errors });
}

const json = (r: { data: Buffer }) => JSON.parse(r.data.toString('utf8')) as { eventType?: string; run?: { runId: string }; job?: { name: string } };
const run = (i: number, type: 'START' | 'COMPLETE' = 'START') => testRunEvent(`job${i % 7}`, type, i);

describe('PutRecords through the real AWS SDK', () => {
  it('batches events into one signed JSON-1.1 call with Java partition keys and the event JSON as data', async () => {
    const t = transport();
    const events: OpenLineageEvent[] = [run(1), testJobEvent('j'), testDatasetEvent('d')];
    await Promise.all(events.map((e) => t.emit(e)));
    expect(await t.flush(5000)).toBe(true);
    expect(peer.callSizes).toEqual([3]);
    const req = peer.requests[0]!;
    expect(req.headers['x-amz-target']).toBe('Kinesis_20131202.PutRecords');
    expect(req.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDOLTESTEXAMPLE\/\d{8}\/eu-west-1\/kinesis\/aws4_request/);
    expect(peer.records.map((r) => r.partitionKey)).toEqual(['run:ns/job1', 'job:ns/j', 'dataset:ns/d']);
    expect(peer.records.map((r) => r.data.toString('utf8'))).toEqual(events.map((e) => toJSON(e)));
    expect(t.stats()).toEqual({ pending: 0, success: 3, failed: 0, dropped: 0 });
  });

  it('never puts more than 500 records in one call', async () => {
    const t = transport({ properties: { RecordMaxBufferedTime: 1000 } });
    for (let i = 0; i < 1201; i++) void t.emit(testJobEvent(`j${i}`));
    expect(await t.flush(10_000)).toBe(true);
    expect(peer.callSizes.reduce((a, b) => a + b, 0)).toBe(1201);
    expect(Math.max(...peer.callSizes)).toBe(500);
  });

  it('never sends more than 5 MiB (data plus partition keys) in one call', async () => {
    const t = transport({ properties: { RecordMaxBufferedTime: 1000 } });
    const big = (i: number) => ({
      ...testJobEvent(`big${i}`),
      job: { namespace: 'ns', name: `big${i}`, facets: { pad: { _producer: 'p', _schemaURL: 's', x: 'x'.repeat(900_000) } } },
    });
    for (let i = 0; i < 12; i++) void t.emit(big(i));
    expect(await t.flush(10_000)).toBe(true);
    expect(peer.records).toHaveLength(12);
    expect(Math.max(...peer.callSizes)).toBe(5); // 5 × ~900 KB fits in 5 MiB, 6 does not
  });

  it('rejects an event over 1 MiB at emit, naming its size; nothing is sent and flush reports it', async () => {
    const t = transport();
    const huge = {
      ...testJobEvent('huge'),
      job: { namespace: 'ns', name: 'huge', facets: { pad: { _producer: 'p', _schemaURL: 's', x: 'x'.repeat(1_048_576) } } },
    };
    const e = await transportErrorOf(t.emit(huge));
    expect(e.message).toMatch(/the event is 10\d{5} bytes with its partition key; Kinesis accepts at most 1048576 per record/);
    expect(e.retryable).toBe(false);
    expect(await t.flush(1000)).toBe(false);
    expect(peer.requests).toHaveLength(0);
  });

  it('retries only the records a partly successful call refused', async () => {
    peer.recordFault = ({ index, call }) => (call === 1 && (index === 1 || index === 3) ? 'ProvisionedThroughputExceededException' : undefined);
    const t = transport();
    for (let i = 0; i < 5; i++) void t.emit(testJobEvent(`j${i}`));
    expect(await t.flush(5000)).toBe(true);
    expect(peer.callSizes).toEqual([5, 2]);
    expect(peer.records.map((r) => json(r).job!.name)).toEqual(['j0', 'j2', 'j4', 'j1', 'j3']);
    expect(t.stats()).toEqual({ pending: 0, success: 5, failed: 0, dropped: 0 });
  });

  it('a START that had to be retried still reaches the stream before its COMPLETE', async () => {
    peer.recordFault = ({ call, data }) => (call === 1 && data.toString().includes('"START"') ? 'InternalFailure' : undefined);
    const t = transport();
    void t.emit(run(1, 'START'));
    void t.emit(run(1, 'COMPLETE'));
    expect(await t.flush(5000)).toBe(true);
    expect(peer.records.map((r) => json(r).eventType)).toEqual(['START', 'COMPLETE']);
  });

  it('gives up on a record after maxAttempts tries, counts it failed and tells onError', async () => {
    peer.recordFault = () => 'ProvisionedThroughputExceededException';
    const t = transport({ maxAttempts: 2 });
    await t.emit(run(7));
    expect(await t.flush(5000)).toBe(false);
    expect(peer.requests).toHaveLength(2);
    expect(t.stats()).toMatchObject({ pending: 0, success: 0, failed: 1 });
    expect(t.errors).toHaveLength(1);
    const e = t.errors[0] as KinesisTransportError;
    expect(e.awsErrorName).toBe('ProvisionedThroughputExceededException');
    expect(e.retryable).toBe(true);
    expect(e.attempts).toBe(2);
    expect(t.warnings.join('\n')).toContain('could not deliver a START event of run 0190c8e4-0000-7000-8000-000000000007');
  });

  it('does not retry records refused for good (KMS access denied)', async () => {
    peer.recordFault = ({ index }) => (index === 0 ? 'KMSAccessDeniedException' : undefined);
    const t = transport();
    void t.emit(testJobEvent('a'));
    void t.emit(testJobEvent('b'));
    expect(await t.flush(5000)).toBe(false);
    expect(peer.requests).toHaveLength(1);
    expect(t.stats()).toMatchObject({ success: 1, failed: 1 });
    expect((t.errors[0] as TransportError).retryable).toBe(false);
  });

  it('a missing stream fails the call: every record failed, with the AWS error name, request id and a hint', async () => {
    const t = transport({ streamName: 'nope' });
    void t.emit(testJobEvent('a'));
    void t.emit(testJobEvent('b'));
    expect(await t.flush(5000)).toBe(false);
    expect(t.stats()).toMatchObject({ success: 0, failed: 2 });
    const e = t.errors[0] as KinesisTransportError;
    expect(e.awsErrorName).toBe('ResourceNotFoundException');
    expect(e.requestId).toMatch(/^[0-9A-F]{16}$/);
    expect(e.message).toContain('create the stream');
    expect(`${e.message} ${inspect(t)}`).not.toContain(CREDS.secretAccessKey);
  });

  it('a throttled call is retried by the SDK', async () => {
    peer.respondWith(kinesisError(400, 'ProvisionedThroughputExceededException', 'Rate exceeded for stream lineage'));
    const t = transport();
    await t.emit(testJobEvent('a'));
    expect(await t.flush(5000)).toBe(true);
    expect(peer.requests).toHaveLength(2);
  });

  it('a dead endpoint: emit resolves, the record is counted failed, close returns within its timeout', async () => {
    const t = transport({ endpoint: `http://127.0.0.1:${await freePort()}`, maxAttempts: 1 });
    await t.emit(testJobEvent('a'));
    const started = Date.now();
    expect(await t.close(3000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(3500);
    expect(t.stats()).toMatchObject({ pending: 0, failed: 1 });
  });

  it('a hung endpoint: close gives up after its timeout and counts what was in flight', async () => {
    peer.respondWith({ status: 200, delayMs: 10_000 });
    const t = transport({ maxAttempts: 1, properties: { RequestTimeout: 5000 } });
    await t.emit(testJobEvent('a'));
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    expect(await t.close(300)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(t.stats().pending).toBe(0);
    expect((await transportErrorOf(t.emit(testJobEvent('late')))).message).toContain('closed');
  });

  it('records older than RecordTtl are not sent again', async () => {
    peer.recordFault = () => 'ProvisionedThroughputExceededException';
    const t = transport({ maxAttempts: 10, properties: { RecordTtl: 150 } });
    await t.emit(testJobEvent('a'));
    expect(await t.flush(5000)).toBe(false);
    expect(peer.requests.length).toBeLessThan(4);
    expect(t.errors[0]!.message).toContain('RecordTtl');
  });
});

describe('roleArn: assume-role through the SDK credential providers', () => {
  it('signs PutRecords with the temporary credentials STS returned for session OLProducer', async () => {
    const sts = await startHttpPeer((req) => {
      const form = new URLSearchParams(req.body.toString('utf8'));
      if (form.get('Action') !== 'AssumeRole') return { status: 400, body: 'unexpected' };
      return {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIATEMPORARYKEY</AccessKeyId><SecretAccessKey>tempSecret/xyz</SecretAccessKey><SessionToken>session-token-1</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROA1:${form.get('RoleSessionName')}</AssumedRoleId><Arn>${form.get('RoleArn')}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      };
    });
    try {
      const t = transport({ roleArn: 'arn:aws:iam::123456789012:role/lineage-writer', stsClientConfig: { endpoint: sts.url } });
      await t.emit(testJobEvent('a'));
      expect(await t.flush(5000)).toBe(true);
      const form = new URLSearchParams(sts.requests[0]!.body.toString('utf8'));
      expect(form.get('RoleArn')).toBe('arn:aws:iam::123456789012:role/lineage-writer');
      expect(form.get('RoleSessionName')).toBe('OLProducer');
      expect(sts.requests[0]!.headers.authorization).toContain('Credential=AKIDOLTESTEXAMPLE/');
      expect(peer.requests[0]!.headers.authorization).toContain('Credential=ASIATEMPORARYKEY/');
      expect(peer.requests[0]!.headers['x-amz-security-token']).toBe('session-token-1');
    } finally {
      await sts.close();
    }
  });
});

describe('through the registry and the client', () => {
  const pkgDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  let appParent: string;
  beforeEach(() => {
    appParent = fs.mkdtempSync(path.join(pkgDir, '.test-app-'));
  });
  afterEach(() => fs.rmSync(appParent, { recursive: true, force: true }));

  it('type kinesis and the Java class name; region from the application env AWS_REGION; properties mapped', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey });
    try {
      const t1 = await transportFromConfig(appParent, {
        yaml: `transport:\n  type: kinesis\n  streamName: lineage\n  endpoint: ${peer.url}\n  properties:\n    RecordMaxBufferedTime: 10\n`,
        env: { AWS_REGION: 'ap-south-1' },
      });
      const t2 = await transportFromConfig(appParent, {
        env: {
          OPENLINEAGE__TRANSPORT__TYPE: 'io.openlineage.client.transports.kinesis.KinesisTransport',
          OPENLINEAGE__TRANSPORT__STREAM_NAME: 'lineage',
          OPENLINEAGE__TRANSPORT__REGION: 'eu-north-1',
          OPENLINEAGE__TRANSPORT__ENDPOINT: peer.url,
        },
      });
      open.push(t1, t2);
      for (const t of [t1, t2]) {
        expect(t.type).toBe('kinesis');
        const client = new OpenLineageClient({ transport: t });
        await client.emit(run(3));
        expect(await client.flush(5000)).toBe(true);
      }
      expect(t1.config).toMatchObject({ region: 'ap-south-1', lingerMs: 10 });
      expect(peer.requests.map((r) => /\/(\w+-\w+-\d)\/kinesis\//.exec(String(r.headers.authorization))?.[1])).toEqual(['ap-south-1', 'eu-north-1']);
    } finally {
      process.env = saved;
    }
  });
});
