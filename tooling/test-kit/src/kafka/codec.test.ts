import { describe, expect, it } from 'vitest';
import { crc32c, Reader, Writer } from './codec.js';
import { decodeRecordBatches, encodeRecordBatch } from './records.js';

describe('wire codec', () => {
  it('CRC-32C matches the standard check value and a bytewise reference at every length', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    const reference = (buf: Buffer) => {
      let c = 0xffffffff;
      for (const b of buf) {
        c ^= b;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      }
      return (c ^ 0xffffffff) >>> 0;
    };
    const data = Buffer.from(Array.from({ length: 100 }, (_, i) => (i * 37 + 11) & 0xff));
    for (let n = 0; n <= data.length; n++) expect(crc32c(data.subarray(0, n))).toBe(reference(data.subarray(0, n)));
  });

  it('round-trips zig-zag varints, strings and bytes', () => {
    const values = [0, 1, -1, 63, -64, 64, 300, -300, 2 ** 31 - 1, -(2 ** 31), 2 ** 40];
    const w = new Writer();
    for (const v of values) w.varint(v);
    w.string('héllo')
      .nullableString(null)
      .bytes(Buffer.from([1, 2]))
      .bytes(null)
      .int64(-2n);
    const r = new Reader(w.toBuffer());
    expect(values.map(() => r.varint())).toEqual(values);
    expect([r.string(), r.nullableString(), r.nullableBytes(), r.nullableBytes(), r.int64()]).toEqual(['héllo', null, Buffer.from([1, 2]), null, -2n]);
    expect(r.remaining).toBe(0);
  });

  it('decodes the batches it encodes, and rejects a corrupted one', () => {
    const records = [
      { key: Buffer.from('k'), value: Buffer.from('v1'), headers: [{ key: 'h', value: Buffer.from('x') }], timestamp: 1_700_000_000_000 },
      { key: null, value: null, headers: [], timestamp: 1_700_000_000_005 },
    ];
    const batch = encodeRecordBatch(5n, records);
    expect(decodeRecordBatches(batch)[0]!.records).toEqual(records);
    const corrupt = Buffer.from(batch);
    corrupt[corrupt.length - 1]! ^= 0xff;
    expect(() => decodeRecordBatches(corrupt)).toThrow(/CRC/);
  });
});
