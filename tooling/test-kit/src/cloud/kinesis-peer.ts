import { nextRequestId, startHttpPeer } from './http-peer.js';
import type { HttpPeer, PeerRequest, PeerResponse } from './http-peer.js';

/** A record the Kinesis peer accepted. */
export interface KinesisStoredRecord {
  stream: string;
  partitionKey: string;
  data: Buffer;
  shardId: string;
  sequenceNumber: string;
}

/** Decides, per record of one PutRecords call, whether it fails and with which ErrorCode (undefined: accepted). */
export type KinesisRecordFault = (record: { partitionKey: string; data: Buffer; index: number; call: number }) => string | undefined;

export interface KinesisPeer extends HttpPeer {
  records: KinesisStoredRecord[];
  /** Records per accepted PutRecords call, in call order. */
  callSizes: number[];
  /** Per-record failures for the coming calls (partial success); `undefined` turns it off. */
  recordFault: KinesisRecordFault | undefined;
}

export interface KinesisPeerOptions {
  /** Streams that exist; any other answers ResourceNotFoundException (default: every stream exists). */
  streams?: readonly string[];
  shards?: number;
  keepRecords?: boolean;
}

const MAX_RECORDS = 500;
const MAX_RECORD_BYTES = 1024 * 1024;
const MAX_CALL_BYTES = 5 * 1024 * 1024;
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=[A-Z0-9]+\/\d{8}\/[a-z0-9-]+\/kinesis\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/;

/** An error the way Kinesis's JSON protocol returns it: `__type` plus `message`, and the request id header. */
export function kinesisError(status: number, type: string, message: string): PeerResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': nextRequestId() },
    body: JSON.stringify({ __type: type, message }),
  };
}

function shardOf(partitionKey: string, shards: number): string {
  let h = 0;
  for (let i = 0; i < partitionKey.length; i++) h = (h * 31 + partitionKey.charCodeAt(i)) >>> 0;
  return `shardId-${String(h % shards).padStart(12, '0')}`;
}

/**
 * A loopback stand-in for Kinesis Data Streams' `PutRecords` (JSON 1.1 protocol,
 * `X-Amz-Target: Kinesis_20131202.PutRecords`), for tests and benchmarks driven by the real AWS
 * SDK. Enforces the service limits (500 records, 1 MiB per record and 5 MiB per call, partition
 * key and data counted) with the service's ValidationException / InvalidArgumentException, and
 * fails chosen records (partial success: `FailedRecordCount`, per-record `ErrorCode`).
 */
export async function startKinesisPeer(options: KinesisPeerOptions = {}): Promise<KinesisPeer> {
  const shards = options.shards ?? 4;
  const keep = options.keepRecords ?? true;
  const streams = options.streams === undefined ? undefined : new Set(options.streams);
  let sequence = 10n ** 50n;
  let calls = 0;
  const handle = (req: PeerRequest): PeerResponse => {
    if (!SIGV4.test(req.headers.authorization ?? ''))
      return kinesisError(400, 'MissingAuthenticationTokenException', 'Missing or malformed SigV4 Authorization');
    if (req.headers['x-amz-target'] !== 'Kinesis_20131202.PutRecords')
      return kinesisError(400, 'UnknownOperationException', String(req.headers['x-amz-target']));
    if (req.headers['content-type'] !== 'application/x-amz-json-1.1') return kinesisError(400, 'SerializationException', 'expected application/x-amz-json-1.1');
    let input: { StreamName?: string; Records?: { Data?: string; PartitionKey?: string }[] };
    try {
      input = JSON.parse(req.body.toString('utf8')) as typeof input;
    } catch {
      return kinesisError(400, 'SerializationException', 'body is not JSON');
    }
    const stream = input.StreamName ?? '';
    const records = input.Records ?? [];
    if (records.length === 0 || records.length > MAX_RECORDS) {
      return kinesisError(
        400,
        'ValidationException',
        `1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORDS}`,
      );
    }
    if (streams !== undefined && !streams.has(stream))
      return kinesisError(400, 'ResourceNotFoundException', `Stream ${stream} under account 123456789012 not found.`);
    const decoded = records.map((r) => ({ partitionKey: r.PartitionKey ?? '', data: Buffer.from(r.Data ?? '', 'base64') }));
    let total = 0;
    for (const r of decoded) {
      const size = r.data.length + Buffer.byteLength(r.partitionKey);
      total += size;
      if (size > MAX_RECORD_BYTES) return kinesisError(400, 'ValidationException', `Record size ${size} exceeds the maximum of ${MAX_RECORD_BYTES}`);
      if (r.partitionKey.length < 1 || r.partitionKey.length > 256)
        return kinesisError(400, 'ValidationException', 'PartitionKey must have length between 1 and 256');
    }
    if (total > MAX_CALL_BYTES)
      return kinesisError(400, 'InvalidArgumentException', `Records size ${total} exceeds the maximum request size of ${MAX_CALL_BYTES}`);
    const call = ++calls;
    let failed = 0;
    const results = decoded.map((r, index) => {
      const code = peer.recordFault?.({ ...r, index, call });
      if (code !== undefined) {
        failed++;
        return { ErrorCode: code, ErrorMessage: `${code} for shard` };
      }
      const shardId = shardOf(r.partitionKey, shards);
      const sequenceNumber = String(++sequence);
      peer.records.push({ stream, partitionKey: r.partitionKey, data: keep ? r.data : Buffer.alloc(0), shardId, sequenceNumber });
      if (peer.records.length > peer.recordLimit) peer.records.splice(0, peer.records.length - peer.recordLimit);
      return { SequenceNumber: sequenceNumber, ShardId: shardId };
    });
    peer.callSizes.push(records.length);
    if (peer.callSizes.length > peer.recordLimit) peer.callSizes.splice(0, peer.callSizes.length - peer.recordLimit);
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': nextRequestId() },
      body: JSON.stringify({ FailedRecordCount: failed, Records: results, EncryptionType: 'NONE' }),
    };
  };
  const peer = (await startHttpPeer(handle)) as KinesisPeer;
  peer.records = [];
  peer.callSizes = [];
  peer.recordFault = undefined;
  return peer;
}
