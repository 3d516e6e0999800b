import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readInputs, type InputRecord } from './input.js';

async function read(text: string): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const r of readInputs([], Readable.from([text]), '/')) out.push(r);
  return out;
}

describe('readInputs', () => {
  it('reads a single pretty-printed JSON object', async () => {
    const records = await read('{\n  "a": 1,\n  "b": [1, 2]\n}\n');
    expect(records).toEqual([{ position: '<stdin>:1', source: '<stdin>', line: 1, value: { a: 1, b: [1, 2] } }]);
  });

  it('reads a JSON array, one record per element with its index', async () => {
    const records = await read('[\n {"a": 1},\n {"a": 2}\n]');
    expect(records.map((r) => [r.position, r.index, r.value])).toEqual([
      ['<stdin>:1[0]', 0, { a: 1 }],
      ['<stdin>:1[1]', 1, { a: 2 }],
    ]);
  });

  it('reads JSON Lines, skipping blank lines, reporting a bad line by number and continuing', async () => {
    const records = await read('{"a":1}\n\n{"a":2\n{"a":3}\r\n');
    expect(records.map((r) => r.position)).toEqual(['<stdin>:1', '<stdin>:3', '<stdin>:4']);
    expect(records[1]!.error).toMatch(/^not valid JSON/);
    expect(records[1]!.value).toBeUndefined();
    expect(records[2]!.value).toEqual({ a: 3 });
  });

  it('treats a file whose first line is broken as JSON Lines when the other lines stand alone', async () => {
    const records = await read('{"a":\n{"a":2}\n{"a":3}\n');
    expect(records.map((r) => [r.position, r.error === undefined])).toEqual([
      ['<stdin>:1', false],
      ['<stdin>:2', true],
      ['<stdin>:3', true],
    ]);
  });

  it('reports a broken document once, with line and column when the parser gives a position', async () => {
    const records = await read('{\n  "a": 1,\n  "b" 2\n}');
    expect(records).toHaveLength(1);
    expect(records[0]!.position).toBe('<stdin>:3:7');
    expect(records[0]!.error).toMatch(/^not valid JSON: /);
  });

  it('never copies the input into the error message', async () => {
    const records = await read('{"secret": "hunter2", }');
    expect(records[0]!.error).not.toContain('hunter2');
  });

  it('expands an array on a JSON Lines line', async () => {
    const records = await read('{"a":1}\n[{"a":2},{"a":3}]\n');
    expect(records.map((r) => r.position)).toEqual(['<stdin>:1', '<stdin>:2[0]', '<stdin>:2[1]']);
  });

  it('returns nothing for empty input and strips a byte-order mark', async () => {
    expect(await read('')).toEqual([]);
    expect((await read('\uFEFF{"a":1}'))[0]!.value).toEqual({ a: 1 });
  });
});
