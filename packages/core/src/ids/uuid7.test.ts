import { describe, expect, it } from 'vitest';
import { isUuid, newRunId, staticRunId } from './uuid7.js';

// Vectors computed once with the Python client's algorithm (openlineage.client.uuid.generate_static_uuid)
// on CPython 3.11: python3 -c 'generate_static_uuid(datetime(...), b"...")'.
const vectors: [string, Date | number, Uint8Array | string, string][] = [
  ['ms precision', new Date('2025-05-20T10:52:33.881Z'), 'some-data', '0196ed52-e0d9-7e85-a57e-82b5687c883c'],
  ['whole second (isoformat omits the fraction)', new Date('2025-05-20T10:52:33Z'), '', '0196ed52-dd68-7420-a78f-5ea03ab9f4fd'],
  ['UTF-8 string data', new Date('2025-05-20T12:52:33.881+02:00'), 'naïve job ✓', '0196ed52-e0d9-75ac-b594-c6cc2c4e2d3f'],
  ['epoch with raw bytes', 0, new Uint8Array([0, 1, 255]), '00000000-0000-73b1-8e31-177714f57c1e'],
  ['leap day', Date.UTC(2024, 1, 29, 23, 59, 59, 999), 'airflow.dag.task', '018df74f-83ff-7d5a-9395-4b6835139b00'],
  ['microseconds via fractional ms', Date.UTC(2025, 4, 20, 10, 52, 33, 881) + 0.123, 'micro', '0196ed52-e0d9-7209-98dd-fd83cf84b4b7'],
  // Python computes int(1094213933.376 * 1000) = 1094213933375: the float quirk is reproduced.
  ['Python float truncation quirk', 1094213933376, 'quirk', '00fec43b-993f-7ca4-bd9e-6bfec16bbca5'],
  ['before the epoch', -500, 'neg', 'ffffffff-fe0c-7d44-814d-796380e4093d'],
];

describe('staticRunId', () => {
  it.each(vectors)('matches generate_static_uuid: %s', (_name, instant, data, expected) => {
    expect(staticRunId(instant, data)).toBe(expected);
  });

  it('is deterministic and depends on both inputs', () => {
    const t = new Date('2025-01-01T00:00:00.000Z');
    expect(staticRunId(t, 'a')).toBe(staticRunId(t, 'a'));
    expect(staticRunId(t, 'a')).not.toBe(staticRunId(t, 'b'));
    expect(staticRunId(t, 'a')).not.toBe(staticRunId(new Date(t.getTime() + 1), 'a'));
    expect(staticRunId(t, 'abc')).toBe(staticRunId(t, new TextEncoder().encode('abc')));
  });

  it('rejects invalid instants and data', () => {
    expect(() => staticRunId(new Date('nope'), 'x')).toThrow(TypeError);
    expect(() => staticRunId(Number.NaN, 'x')).toThrow(/instant/);
    expect(() => staticRunId(0, 5 as never)).toThrow(/data/);
    expect(() => staticRunId(Date.UTC(10000, 0, 1), 'x')).toThrow(RangeError);
  });
});

describe('newRunId', () => {
  it('returns version 7 RFC-variant UUIDs carrying the current time', () => {
    const before = Date.now();
    const id = newRunId();
    const after = Date.now();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it('is strictly increasing, also within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newRunId());
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps increasing when the clock steps back', () => {
    const realNow = Date.now;
    const a = newRunId();
    try {
      Date.now = () => realNow() - 60_000;
      const b = newRunId();
      const c = newRunId();
      expect(b > a).toBe(true);
      expect(c > b).toBe(true);
    } finally {
      Date.now = realNow;
    }
  });
});

describe('isUuid', () => {
  it('accepts UUIDs and rejects the rest', () => {
    expect(isUuid('0196ed52-e0d9-7e85-a57e-82b5687c883c')).toBe(true);
    expect(isUuid('0196ED52-E0D9-7E85-A57E-82B5687C883C')).toBe(true);
    expect(isUuid('0196ed52e0d97e85a57e82b5687c883c')).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
