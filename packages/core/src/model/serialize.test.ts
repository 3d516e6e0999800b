import { describe, expect, it, vi } from 'vitest';
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
    rememberText(a, '{"x":1}');
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      expect(toJSON(a)).toBe('{"x":1}');
      expect(stringify).not.toHaveBeenCalled();
      expect(toJSON(b)).toBe('{"x":1}');
      expect(stringify).toHaveBeenCalledTimes(1);
    } finally {
      stringify.mockRestore();
    }
  });
});
