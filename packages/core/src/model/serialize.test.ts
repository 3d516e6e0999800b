import { describe, expect, it } from 'vitest';
import { toJSON } from './serialize.js';

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
