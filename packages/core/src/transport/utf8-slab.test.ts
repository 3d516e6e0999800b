import { describe, expect, it } from 'vitest';
import { SLAB_BYTES, utf8Bytes } from './utf8-slab.js';

describe('utf8Bytes', () => {
  it('encodes like Buffer.from: ASCII, multi-byte characters, surrogate pairs and lone surrogates', () => {
    for (const text of ['', '{"a":1}', 'café', '数据血缘', '🚀 lineage', 'lone \ud800 surrogate', 'end \udc00']) {
      expect(utf8Bytes(text).equals(Buffer.from(text))).toBe(true);
    }
  });

  it('keeps every earlier result intact while later texts fill and replace slabs', () => {
    const texts = Array.from({ length: 3 * (SLAB_BYTES / 500) }, (_, i) => `{"i":${i},"name":"${'é'.repeat(i % 7)}${'x'.repeat(480)}"}`);
    const encoded = texts.map(utf8Bytes);
    const slabs = new Set(encoded.map((b) => b.buffer));
    expect(slabs.size).toBeGreaterThan(2);
    encoded.forEach((bytes, i) => expect(bytes.toString()).toBe(texts[i]));
  });

  it('measures the text when the worst case would not fit, so a slab is filled to its end', () => {
    const ascii = 'a'.repeat(1000);
    // Leave less than 3 × 1000 bytes of room: the text still fits and goes into the same slab.
    let last = utf8Bytes(ascii);
    while (SLAB_BYTES - (last.byteOffset + last.length) >= 3 * ascii.length) last = utf8Bytes(ascii);
    const next = utf8Bytes(ascii);
    expect(next.buffer).toBe(last.buffer);
    expect(next.byteOffset).toBe(last.byteOffset + last.length);
    expect(next.toString()).toBe(ascii);
  });

  it('gives a large text a buffer of its own', () => {
    const big = 'x'.repeat(SLAB_BYTES);
    const bytes = utf8Bytes(big);
    expect(bytes.length).toBe(SLAB_BYTES);
    expect(bytes.toString()).toBe(big);
    expect(utf8Bytes('small').buffer).not.toBe(bytes.buffer);
  });
});
