import { describe, expect, it } from 'vitest';
import { ConfigError, OpenLineageError, TransportError, ValidationError } from './errors.js';
import { ModuleNotFound } from './registry/load-module.js';

const config = () => new ConfigError({ source: 'code', path: 'transport.url', expected: 'a URL', actual: 5 });
const transport = () => new TransportError('down', { transport: 'http', retryable: true, status: 503, data: { endpoint: '/api/v1/lineage' } });
const validation = () => new ValidationError([{ pointer: '/run', message: 'required' }]);
const moduleNotFound = () => new ModuleNotFound('pkg', ['/app']);

describe('errors', () => {
  it('every class recognises its own instances and subclasses, and no sibling', () => {
    const all = { config: config(), transport: transport(), validation: validation(), moduleNotFound: moduleNotFound() };
    for (const e of Object.values(all)) expect(OpenLineageError.isInstance(e)).toBe(true);
    expect(
      Object.entries(all)
        .filter(([, e]) => ConfigError.isInstance(e))
        .map(([k]) => k),
    ).toEqual(['config']);
    expect(
      Object.entries(all)
        .filter(([, e]) => TransportError.isInstance(e))
        .map(([k]) => k),
    ).toEqual(['transport']);
    expect(
      Object.entries(all)
        .filter(([, e]) => ValidationError.isInstance(e))
        .map(([k]) => k),
    ).toEqual(['validation']);
    expect(
      Object.entries(all)
        .filter(([, e]) => ModuleNotFound.isInstance(e))
        .map(([k]) => k),
    ).toEqual(['moduleNotFound']);
    for (const v of [undefined, null, 'ConfigError', new Error('x'), { name: 'TransportError' }]) {
      expect(OpenLineageError.isInstance(v)).toBe(false);
      expect(TransportError.isInstance(v)).toBe(false);
    }
  });

  it('is told apart by its Symbol.for brand, not by its mutable name', () => {
    const e = transport();
    e.name = 'ConfigError';
    expect(TransportError.isInstance(e)).toBe(true);
    expect(ConfigError.isInstance(e)).toBe(false);
  });

  it('recognises an error made by another copy of core (same Symbol.for brand, different class)', () => {
    // What a second, bundled copy of @ol/core would create: the brands are global symbols.
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('@ol/core.error')]: true,
      [Symbol.for('@ol/core.error.TransportError')]: true,
    });
    expect(foreign instanceof TransportError).toBe(false);
    expect(TransportError.isInstance(foreign)).toBe(true);
    expect(ConfigError.isInstance(foreign)).toBe(false);
  });

  it('keeps generic fields plus data, and sets cause only when there is one', () => {
    const e = transport();
    expect({ transport: e.transport, retryable: e.retryable, status: e.status, data: e.data }).toEqual({
      transport: 'http',
      retryable: true,
      status: 503,
      data: { endpoint: '/api/v1/lineage' },
    });
    expect(Object.hasOwn(e, 'cause')).toBe(false);
    expect(Object.hasOwn(e, 'data')).toBe(true);
    expect(Object.hasOwn(config(), 'data')).toBe(false);
    const cause = new Error('socket hang up');
    expect(new TransportError('x', { transport: 'http', cause }).cause).toBe(cause);
    expect(new OpenLineageError('y', { data: { n: 1 } }).data).toEqual({ n: 1 });
  });

  it('a subclass declaring its brand inherits a typed isInstance; brands do not show when printed', () => {
    class Rejected extends TransportError {
      static override readonly brand: symbol = Symbol.for('test.error.Rejected');
    }
    const r = new Rejected('no', { transport: 'webhook' });
    expect([Rejected.isInstance(r), TransportError.isInstance(r), OpenLineageError.isInstance(r)]).toEqual([true, true, true]);
    expect(Rejected.isInstance(transport())).toBe(false);
    expect(Object.keys(r)).not.toContain(Symbol.for('test.error.Rejected'));
    expect(Object.getOwnPropertySymbols(r).filter((s) => Object.getOwnPropertyDescriptor(r, s)?.enumerable)).toEqual([]);
  });
});
