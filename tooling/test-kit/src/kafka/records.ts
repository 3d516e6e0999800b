/**
 * Record batches (magic 2), the only message format the broker accepts: clients that produce
 * with Produce v3+ always send them. Decoding checks the CRC and inflates gzip; encoding writes
 * uncompressed batches for Fetch.
 */
import zlib from 'node:zlib';
import { crc32c, ProtocolError, Reader, Writer } from './codec.js';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** One record as a producer sent it. */
export interface ProducedRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
  /** Milliseconds since the epoch. */
  timestamp: number;
}

export interface DecodedBatch {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  compression: Compression;
  records: ProducedRecord[];
}

export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
const COMPRESSIONS: readonly Compression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

export class UnsupportedCompressionError extends ProtocolError {
  override name = 'UnsupportedCompressionError';
}

export class CorruptRecordError extends ProtocolError {
  override name = 'CorruptRecordError';
}

/** Decodes every batch in a Produce request's record set. */
export function decodeRecordBatches(buf: Buffer): DecodedBatch[] {
  const r = new Reader(buf);
  const out: DecodedBatch[] = [];
  while (r.remaining >= 12) {
    r.int64(); // base offset: assigned by the broker, the producer's value is meaningless
    const batchLength = r.int32();
    const batch = new Reader(r.raw(batchLength));
    batch.int32(); // partition leader epoch
    const magic = batch.int8();
    if (magic !== 2) throw new CorruptRecordError(`record batch magic ${magic} is not supported (only 2)`);
    const crc = batch.uint32();
    const checked = batch.buf.subarray(batch.offset);
    if (crc32c(checked) !== crc) throw new CorruptRecordError('record batch CRC mismatch');
    const attributes = batch.int16();
    const compression = COMPRESSIONS[attributes & 0x07];
    if (compression === undefined) throw new CorruptRecordError(`unknown compression codec ${attributes & 0x07}`);
    batch.int32(); // last offset delta
    const baseTimestamp = Number(batch.int64());
    batch.int64(); // max timestamp
    const producerId = batch.int64();
    const producerEpoch = batch.int16();
    const baseSequence = batch.int32();
    const count = batch.int32();
    let body: Buffer = batch.buf.subarray(batch.offset);
    if (compression === 'gzip') body = zlib.gunzipSync(body);
    else if (compression !== 'none') throw new UnsupportedCompressionError(`${compression} record batches are not supported by the test broker`);
    const rr = new Reader(body);
    const records: ProducedRecord[] = [];
    for (let i = 0; i < count; i++) {
      const len = rr.varint();
      const rec = new Reader(rr.raw(len));
      rec.int8(); // record attributes (unused)
      const timestampDelta = rec.varint();
      rec.varint(); // offset delta: records are stored in order
      const key = rec.varBytes();
      const value = rec.varBytes();
      const headerCount = rec.varint();
      const headers: RecordHeader[] = [];
      for (let h = 0; h < headerCount; h++) {
        const hk = rec.varBytes();
        headers.push({ key: hk === null ? '' : hk.toString('utf8'), value: rec.varBytes() });
      }
      records.push({ key, value, headers, timestamp: baseTimestamp + timestampDelta });
    }
    out.push({ producerId, producerEpoch, baseSequence, compression, records });
  }
  return out;
}

/** Encodes stored records (consecutive offsets from `baseOffset`) as one uncompressed batch. */
export function encodeRecordBatch(baseOffset: bigint, records: readonly ProducedRecord[]): Buffer {
  if (records.length === 0) return Buffer.alloc(0);
  const first = records[0]!;
  const baseTimestamp = first.timestamp;
  const maxTimestamp = Math.max(...records.map((r) => r.timestamp));
  const body = new Writer();
  records.forEach((rec, i) => {
    const w = new Writer()
      .int8(0)
      .varint(rec.timestamp - baseTimestamp)
      .varint(i)
      .varBytes(rec.key)
      .varBytes(rec.value)
      .varint(rec.headers.length);
    for (const h of rec.headers) w.varBytes(Buffer.from(h.key, 'utf8')).varBytes(h.value);
    const encoded = w.toBuffer();
    body.varint(encoded.length).raw(encoded);
  });
  const afterCrc = new Writer()
    .int16(0) // attributes: no compression, create time
    .int32(records.length - 1)
    .int64(baseTimestamp)
    .int64(maxTimestamp)
    .int64(-1n) // producer id: none (records are served as plain data)
    .int16(-1)
    .int32(-1)
    .int32(records.length)
    .raw(body.toBuffer())
    .toBuffer();
  const afterLength = new Writer().int32(0).int8(2).uint32(crc32c(afterCrc)).raw(afterCrc).toBuffer();
  return new Writer().int64(baseOffset).int32(afterLength.length).raw(afterLength).toBuffer();
}
