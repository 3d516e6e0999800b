import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { toJSON } from './serialize.js';
import { rememberText } from './serialized-text.js';

describe('toJSON', () => {
  it('drops undefined and null members at every depth and keeps empty containers', () => {
    const event = {
      eventTime: '2025-01-01T00:00:00.000Z',
      producer: 'p',
      schemaURL: 's',
      eventType: undefined,
      run: { runId: 'r', facets: { a: null, b: { _producer: 'p', _schemaURL: 's', x: null, y: [] } } },
      job: { namespace: 'n', name: 'j', facets: {} },
      inputs: [null, { namespace: 'n', name: 'd', facets: undefined }, undefined],
    };
    const before = structuredClone(event);
    expect(JSON.parse(toJSON(event as never))).toEqual({
      eventTime: '2025-01-01T00:00:00.000Z',
      producer: 'p',
      schemaURL: 's',
      run: { runId: 'r', facets: { b: { _producer: 'p', _schemaURL: 's', y: [] } } },
      job: { namespace: 'n', name: 'j', facets: {} },
      inputs: [{ namespace: 'n', name: 'd' }],
    });
    expect(event).toEqual(before);
    expect(event.inputs).toHaveLength(3);
  });

  it('keeps falsy non-null values', () => {
    expect(toJSON({ a: 0, b: false, c: '', d: [0, false, ''] })).toBe('{"a":0,"b":false,"c":"","d":[0,false,""]}');
  });

  it('serializes Dates through their ISO form', () => {
    expect(toJSON({ t: new Date(0) })).toBe('{"t":"1970-01-01T00:00:00.000Z"}');
  });
});

describe('toJSON fast path', () => {
  it('gives the same result with and without nulls to remove', () => {
    const clean = { a: [{ b: 1, c: [2, 'x'] }], d: undefined, e: { f: true } };
    expect(toJSON(clean)).toBe('{"a":[{"b":1,"c":[2,"x"]}],"e":{"f":true}}');
    expect(toJSON({ ...clean, g: null })).toBe(toJSON(clean));
    expect(toJSON({ ...clean, a: [{ b: 1, c: [2, null, 'x', undefined] }] })).toBe(toJSON(clean));
  });

  it('drops nulls that a toJSON method returns', () => {
    const odd = { toJSON: () => ({ kept: 1, dropped: null }) };
    expect(toJSON({ odd })).toBe('{"odd":{"kept":1}}');
  });

  it('serializes primitives like JSON.stringify', () => {
    expect(toJSON('x' as never)).toBe('"x"');
  });
});

describe('toJSON: values JSON cannot represent', () => {
  const event = () => ({
    eventTime: '2025-01-01T00:00:00.000Z',
    producer: 'p',
    schemaURL: 's',
    eventType: 'START',
    run: { runId: 'r', facets: {} as Record<string, unknown> },
    job: { namespace: 'n', name: 'j' },
    inputs: [{ namespace: 'n', name: 'd', facets: {} as Record<string, unknown> }],
  });

  function failure(value: object): ValidationError {
    try {
      toJSON(value);
    } catch (error) {
      if (ValidationError.isInstance(error)) return error;
      throw error;
    }
    throw new Error('toJSON did not throw');
  }

  it('names where a circular reference closes, as a dotted path and a JSON pointer', () => {
    const e = event();
    const facet: Record<string, unknown> = { _producer: 'p', _schemaURL: 's', nested: { items: [1, {}] } };
    ((facet.nested as { items: object[] }).items[1] as Record<string, unknown>).back = facet;
    e.run.facets.custom_loop = facet;
    const error = failure(e);
    expect(error.message).toBe('circular reference at run.facets.custom_loop.nested.items[1].back (JSON pointer /run/facets/custom_loop/nested/items/1/back)');
    expect(error.errors).toEqual([{ pointer: '/run/facets/custom_loop/nested/items/1/back', message: 'circular reference' }]);
  });

  it('a cycle in a facet that also holds a null (the replacer path) is found too', () => {
    const e = event();
    const facet: Record<string, unknown> = { _producer: 'p', _schemaURL: 's', gone: null };
    facet.self = facet;
    e.run.facets.custom_x = facet;
    expect(failure(e).message).toBe('circular reference at run.facets.custom_x.self (JSON pointer /run/facets/custom_x/self)');
  });

  it('names a BigInt, a function and a symbol by path, escaping odd keys', () => {
    const withValue = (v: unknown) => {
      const e = event();
      e.inputs[0]!.facets['my/facet'] = { _producer: 'p', _schemaURL: 's', 'a~b': [0, v] };
      return e;
    };
    const where = 'inputs[0].facets["my/facet"]["a~b"][1] (JSON pointer /inputs/0/facets/my~1facet/a~0b/1)';
    expect(failure(withValue(10n)).message).toBe(`BigInt value (JSON has none: convert it to a number or a string) at ${where}`);
    expect(failure(withValue(() => 1)).message).toBe(`function value at ${where}`);
    expect(failure(withValue(Symbol('s'))).message).toBe(`symbol value at ${where}`);
  });

  it('functions and symbols as object members are refused, not silently dropped, with or without nulls elsewhere', () => {
    const e = event();
    e.run.facets.custom_fn = { _producer: 'p', _schemaURL: 's', compute() {} };
    expect(failure(e).message).toBe('function value at run.facets.custom_fn.compute (JSON pointer /run/facets/custom_fn/compute)');
    e.run.facets.custom_fn = { _producer: 'p', _schemaURL: 's', dropped: null, tag: Symbol('t') };
    expect(failure(e).message).toBe('symbol value at run.facets.custom_fn.tag (JSON pointer /run/facets/custom_fn/tag)');
  });

  it('a BigInt at the top level and an error thrown by a toJSON method are reported as they are', () => {
    expect(() => toJSON(5n as never)).toThrow(TypeError);
    const boom = new Error('no JSON for you');
    expect(() =>
      toJSON({
        a: {
          toJSON: () => {
            throw boom;
          },
        },
      }),
    ).toThrow(boom);
  });
});

describe('toJSON: text the client remembered', () => {
  it('returns the remembered text for that object only', () => {
    const a = { x: 1 };
    const b = { x: 1 };
    // A text the writer would not produce proves which path answered.
    rememberText(a, '{"x":1 }');
    expect(toJSON(a)).toBe('{"x":1 }');
    expect(toJSON(b)).toBe('{"x":1}');
  });

  it('the remembered text is invisible: no own keys or symbols, not printed, not copied', () => {
    const a = { x: 1 };
    rememberText(a, '{"x":1 }');
    expect(Reflect.ownKeys(a)).toEqual(['x']);
    expect(inspect(a)).toBe('{ x: 1 }');
    expect(JSON.stringify(a)).toBe('{"x":1}');
    expect(toJSON({ ...a })).toBe('{"x":1}');
    expect(toJSON(Object.assign({}, a))).toBe('{"x":1}');
    expect(toJSON(structuredClone(a))).toBe('{"x":1}');
  });

  it('splices in the remembered text of a shared sub-object (the client tags facet) wherever it sits', () => {
    const facet = { _producer: 'p', _schemaURL: 's', tags: [{ key: 'k', value: 'v' }] };
    rememberText(facet, '{"remembered":true}');
    expect(toJSON({ run: { facets: { tags: facet } }, more: [facet] })).toBe('{"run":{"facets":{"tags":{"remembered":true}}},"more":[{"remembered":true}]}');
  });
});

/** What the writer must produce: JSON.stringify once nulls are gone (the old replacer). */
function reference(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v === null) return undefined;
    if (Array.isArray(v)) return v.filter((x: unknown) => x !== null && x !== undefined);
    return v;
  });
}

describe('toJSON writes what JSON.stringify writes once nulls are dropped', () => {
  const cases: Record<string, unknown> = {
    'escapes in values and keys': { 'a"b\\c': 'line\nbreak\ttab "quoted" back\\slash \u0001\u001f', '\u0000': '\u2028\u2029' },
    'surrogate pairs and lone surrogates': { ok: 'emoji 😀 数据', lone: 'x\ud800y', low: '\udc00' },
    'numbers JSON has no form for': { nan: NaN, inf: Infinity, neg: -Infinity, zero: -0, big: 1e21, small: 5e-7, list: [NaN, 1.5] },
    'integer-like keys first, ascending, as the object orders them': { b: 1, 2: 'two', a: 2, 1: 'one', '-1': 'neg' },
    'empty containers and sparse arrays': { o: {}, a: [], holes: Object.assign([1], { 2: 3 }) as unknown[], nested: [[], [{}]] },
    'Dates, URLs and Buffers through toJSON': { at: new Date(0), url: new URL('https://example.com/a b'), bytes: Buffer.from('hi') },
    'boxed primitives unwrapped': { n: Object(3), s: Object('x"y'), b: Object(false) },
    'toJSON answers of every kind': {
      prim: { toJSON: () => 7 },
      gone: { toJSON: () => undefined },
      nil: { toJSON: () => null },
      obj: { toJSON: () => ({ kept: 1, dropped: null, inner: { toJSON: () => 'inner' } }) },
      list: [{ toJSON: () => 'first' }, 2],
    },
    'class instances: own members only, getters run': new (class Facet {
      _producer = 'p';
      get computed(): number {
        return 42;
      }
      method(): void {}
    })(),
    'members inherited from a prototype are left out': Object.assign(Object.create({ inherited: 'no' }) as object, { own: 'yes' }),
    'null-prototype objects': Object.assign(Object.create(null) as object, { a: 1, b: null }),
    'nulls and undefined anywhere': { a: null, b: undefined, c: [null, 1, undefined, { d: null, e: [null] }] },
  };
  for (const [name, value] of Object.entries(cases)) {
    it(name, () => {
      expect(toJSON(value as object)).toBe(reference(value));
    });
  }

  it('an array element whose toJSON answers undefined is dropped like a null one (JSON.stringify would write null)', () => {
    expect(toJSON({ list: [1, { toJSON: () => undefined }, 2] })).toBe('{"list":[1,2]}');
  });

  it('strings of the same length and last character, alternating, are quoted each as itself', () => {
    const values = ['ab"c', 'abxc', 'a\nbc', 'zzzc', 'ab"c'];
    expect(toJSON({ values, again: values })).toBe(reference({ values, again: values }));
  });

  it('long strings (beyond what the quote cache keeps) are quoted and escaped the same', () => {
    const long = { sql: `SELECT "a" FROM t WHERE x = '${'y'.repeat(300)}'\n`, plain: 'z'.repeat(400), [`${'k'.repeat(300)}"`]: 1 };
    expect(toJSON(long)).toBe(reference(long));
    expect(toJSON(long)).toBe(reference(long));
  });

  it('toJSON methods get the member name or the array index as their key', () => {
    const keys: string[] = [];
    const spy = {
      toJSON(key: string) {
        keys.push(key);
        return key;
      },
    };
    expect(toJSON({ here: spy, list: [0, spy] })).toBe('{"here":"here","list":[0,"1"]}');
    expect(keys).toEqual(['here', '1']);
  });

  it('random nested structures', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const strings = ['', 'plain', 'quote"', 'nl\n', 'é数', '\ud83d', 'a/b', '0', 'toJSONish'];
    const build = (depth: number): unknown => {
      switch (rand(depth > 4 ? 5 : 8)) {
        case 0:
          return strings[rand(strings.length)];
        case 1:
          return rand(3) === 0 ? -rand(1000) / 7 : rand(1000);
        case 2:
          return rand(2) === 0;
        case 3:
          return null;
        case 4:
          return undefined;
        case 5:
          return Array.from({ length: rand(4) }, () => build(depth + 1));
        default: {
          const o: Record<string, unknown> = {};
          for (let i = rand(5); i > 0; i--) o[strings[rand(strings.length)]! + String(rand(3))] = build(depth + 1);
          return o;
        }
      }
    };
    for (let i = 0; i < 500; i++) {
      const value = { root: build(0) };
      expect(toJSON(value)).toBe(reference(value));
    }
  });

  it('nesting deeper than the writer’s stack still serializes', () => {
    let deep: Record<string, unknown> = { leaf: null, v: 1 };
    for (let i = 0; i < 1_500; i++) deep = { d: deep, gone: null };
    expect(toJSON(deep)).toBe(reference(deep));
  });
});
