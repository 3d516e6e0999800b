import { ConfigError, type Transport, TransportError } from '@ol/core';
import { createWith, parseWith } from '@ol/core/internal';
import { describe, expect, it } from 'vitest';
import descriptor, { CompositeTransport, createCompositeTransport, readCompositeConfig } from './index.js';
import { runEvent } from './test-events.js';
import { ScriptedTransport, handMadeContext, type Journal } from './test-transports.js';

const scope = { path: ['transport'], origin: (p: readonly string[]) => `openlineage.yml (${p.join('.')})` };

async function build(config: Record<string, unknown>, journal: Journal = [], logs: string[] = []) {
  const ctx = handMadeContext(journal, [descriptor], logs);
  const t = await createWith(descriptor, { type: 'composite', ...config }, ctx);
  if (!(t instanceof CompositeTransport)) throw new Error('descriptor built something else');
  return { t, ctx, journal, logs };
}

describe('config', () => {
  it('has the Python defaults', () => {
    const c = readCompositeConfig({ transports: [{ type: 'console' }] }, scope);
    expect(c).toMatchObject({ continueOnFailure: true, continueOnSuccess: true, sortTransports: false });
    expect(c.transports).toEqual([{ priority: 0, config: { type: 'console' }, path: ['transport', 'transports', '0'] }]);
  });

  it('reads a list whose entries may carry name and priority (removed from the child config)', () => {
    const c = readCompositeConfig({ transports: [{ type: 'http', url: 'http://a', name: 'my_http', priority: '3' }, { type: 'console' }] }, scope);
    expect(c.transports.map((t) => [t.name, t.priority, t.config])).toEqual([
      ['my_http', 3, { type: 'http', url: 'http://a' }],
      [undefined, 0, { type: 'console' }],
    ]);
  });

  it('reads a map (key = name, even over a name inside) and skips {} entries', () => {
    const c = readCompositeConfig({ transports: { first: { type: 'http', name: 'ignored' }, default_http: {}, second: { type: 'console' } } }, scope);
    expect(c.transports.map((t) => t.name)).toEqual(['first', 'second']);
    expect(c.transports[0]!.path).toEqual(['transport', 'transports', 'first']);
  });

  it('sorts by priority, higher first, stable for equal priorities, only when sort_transports', () => {
    const transports = { a: { type: 'x' }, b: { type: 'x', priority: 10 }, c: { type: 'x', priority: -1 }, d: { type: 'x' }, e: { type: 'x', priority: 10 } };
    expect(readCompositeConfig({ transports, sort_transports: true }, scope).transports.map((t) => t.name)).toEqual(['b', 'e', 'a', 'd', 'c']);
    expect(readCompositeConfig({ transports, sortTransports: 'false' }, scope).transports.map((t) => t.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('accepts camelCase and env spellings of the flags', () => {
    expect(readCompositeConfig({ transports: [{ type: 'x' }], continueOnFailure: 'false', continueonsuccess: false }, scope)).toMatchObject({
      continueOnFailure: false,
      continueOnSuccess: false,
    });
  });

  it('errors name the key path, source, expectation and value', () => {
    const check = (config: Record<string, unknown>, path: string, expected: RegExp) => {
      let err: unknown;
      try {
        readCompositeConfig(config, scope);
      } catch (e) {
        err = e;
      }
      expect(ConfigError.isInstance(err)).toBe(true);
      expect((err as ConfigError).path).toBe(path);
      expect((err as ConfigError).source).toBe(`openlineage.yml (${path})`);
      expect((err as ConfigError).expected).toMatch(expected);
    };
    check({}, 'transport.transports', /list or a map/);
    check({ transports: 'http' }, 'transport.transports', /list or a map/);
    check({ transports: [] }, 'transport.transports', /at least one/);
    check({ transports: { default_http: {} } }, 'transport.transports', /at least one/);
    check({ transports: ['http'] }, 'transport.transports.0', /transport config/);
    check({ transports: { a: { type: 'x', priority: 'high' } } }, 'transport.transports.a.priority', /integer/);
    check({ transports: [{ type: 'x' }], continue_on_failure: 'maybe' }, 'transport.continue_on_failure', /true or false/);
  });

  it('exposes the type, the Python class path alias and normalize', () => {
    expect(descriptor.type).toBe('composite');
    expect(descriptor.aliases).toContain('openlineage.client.transport.composite.CompositeTransport');
    expect(parseWith(descriptor, { transports: [{ type: 'x' }] }, handMadeContext([]))).toMatchObject({ continueOnFailure: true });
  });
});

describe('emit', () => {
  const three = (first: Record<string, unknown>) => [
    { type: 'scripted', id: '1', ...first },
    { type: 'scripted', id: '2' },
    { type: 'scripted', id: '3' },
  ];

  // Python's test_emit_continue_combinations: child 1 fails, 2 and 3 succeed.
  it.each([
    [true, true, ['emit:1', 'emit:2', 'emit:3'], false],
    [true, false, ['emit:1', 'emit:2'], false],
    [false, true, ['emit:1'], true],
    [false, false, ['emit:1'], true],
  ])('continue_on_failure=%s continue_on_success=%s', async (onFailure, onSuccess, calls, rejects) => {
    const { t, journal } = await build({ transports: three({ failEmit: true }), continue_on_failure: onFailure, continue_on_success: onSuccess });
    const result = t.emit(runEvent());
    if (rejects) {
      const err = await result.catch((e: unknown) => e);
      expect(TransportError.isInstance(err)).toBe(true);
      expect((err as Error).message).toMatch(/Transport #0 \(scripted\) failed to emit event: 1 is down/);
      expect((err as Error).cause).toBeInstanceOf(TransportError);
    } else {
      await result;
    }
    expect(journal).toEqual(calls);
  });

  it('with continue_on_success=false and all succeeding, only the first child gets the event', async () => {
    const { t, journal } = await build({ transports: three({}), continue_on_success: false });
    await t.emit(runEvent());
    expect(journal).toEqual(['emit:1']);
  });

  it('logs a failing child by name and goes on', async () => {
    const { t, logs } = await build({ transports: { first: { type: 'scripted', id: '1', failEmit: true }, second: { type: 'scripted', id: '2' } } });
    await t.emit(runEvent());
    expect(logs.some((l) => l.includes('WARN') && l.includes('first (scripted)') && l.includes('1 is down'))).toBe(true);
  });

  it('rejects listing every failure when no child succeeded; retryable if any was', async () => {
    const { t } = await build({
      transports: { a: { type: 'scripted', id: '1', failEmit: true }, b: { type: 'scripted', id: '2', failEmit: true, retryable: true } },
    });
    const err = (await t.emit(runEvent()).catch((e: unknown) => e)) as TransportError;
    expect(err.message).toBe('None of the transports successfully emitted the event: a (scripted): 1 is down; b (scripted): 2 is down');
    expect(err.retryable).toBe(true);
    expect((err.cause as AggregateError).errors).toHaveLength(2);
  });

  it('delivers in sorted order and the same event to each child', async () => {
    const { t, journal, ctx } = await build({
      sort_transports: true,
      transports: [
        { type: 'scripted', id: 'low' },
        { type: 'scripted', id: 'high', priority: 5 },
      ],
    });
    const e = runEvent();
    await t.emit(e);
    expect(journal).toEqual(['emit:high', 'emit:low']);
    expect(ctx.built.get('low')!.events).toEqual([e]);
  });

  it('can nest composites built through the same context', async () => {
    const { t, journal } = await build({
      transports: [
        { type: 'composite', transports: { x: { type: 'scripted', id: 'inner1' }, y: { type: 'scripted', id: 'inner2' } } },
        { type: 'scripted', id: 'outer' },
      ],
    });
    await t.emit(runEvent());
    expect(journal).toEqual(['emit:inner1', 'emit:inner2', 'emit:outer']);
  });

  it('passes each child its own key path, and closes children already built when a later one fails', async () => {
    const journal: Journal = [];
    const ctx = handMadeContext(journal, [descriptor]);
    const paths: string[] = [];
    const create = ctx.createChild;
    ctx.createChild = (config, path) => {
      paths.push(path.join('.'));
      return create(config, path);
    };
    await expect(createWith(descriptor, { transports: { ok: { type: 'scripted', id: 'ok' }, bad: { type: 'nope' } } }, ctx)).rejects.toThrow(
      /unknown type nope at transport.transports.bad/,
    );
    expect(paths).toEqual(['transport.transports.ok', 'transport.transports.bad']);
    expect(journal).toEqual(['close:ok']);
  });
});

describe('flush, close and stats', () => {
  it('flush and close reach every child even after errors, and report all failures', async () => {
    const { t, journal } = await build({
      transports: {
        a: { type: 'scripted', id: 'a', failFlush: true, failClose: true },
        b: { type: 'scripted', id: 'b' },
        c: { type: 'scripted', id: 'c', failClose: true },
      },
    });
    await expect(t.flush(1000)).rejects.toThrow('Could not flush 1 of 3 transports: a (scripted): a flush broke');
    const err = (await t.close(1000).catch((e: unknown) => e)) as TransportError;
    expect(err.message).toBe('Could not close 2 of 3 transports: a (scripted): a close broke; c (scripted): c close broke');
    expect(journal).toEqual(['flush:a', 'flush:b', 'flush:c', 'close:a', 'close:b', 'close:c']);
    // Idempotent: the second close reports the same outcome without closing again.
    await expect(t.close()).rejects.toThrow(/Could not close/);
    expect(journal.filter((j) => j.startsWith('close'))).toHaveLength(3);
  });

  it('flush is true only when every child flushed; children without flush count as flushed', async () => {
    const slow: Transport = {
      type: 'slow',
      config: {},
      emit: () => Promise.resolve(),
      flush: () => Promise.resolve(false),
      close: () => Promise.resolve(true),
    };
    const bare: Transport = { type: 'bare', config: {}, emit: () => Promise.resolve(), close: () => Promise.resolve(true) };
    expect(await createCompositeTransport({ transports: [bare] }).flush()).toBe(true);
    expect(await createCompositeTransport({ transports: [bare, slow] }).flush()).toBe(false);
  });

  // Issue 19: one definition of flush()/close() for every transport (see @ol/delivery's README).
  it('flush is false after a child failure continue_on_failure swallowed since the previous flush, then true again', async () => {
    const j: Journal = [];
    const ok = new ScriptedTransport({ id: 'ok' }, j);
    const down = new ScriptedTransport({ id: 'down', failEmit: true }, j);
    const t = createCompositeTransport({ transports: [ok, down] });
    await t.emit(runEvent());
    expect(await t.flush()).toBe(false);
    expect(await t.flush()).toBe(true);
    const strict = createCompositeTransport({ transports: [down, ok], continueOnFailure: false });
    await expect(strict.emit(runEvent())).rejects.toThrow(/down is down/);
    expect(await strict.close()).toBe(false);
    const healthy = createCompositeTransport({ transports: [ok] });
    await healthy.emit(runEvent());
    expect(await healthy.close()).toBe(true);
  });

  it('sums the stats of children that have them, and has none when no child does', async () => {
    const j: Journal = [];
    const a = new ScriptedTransport({ id: 'a', stats: { pending: 1, success: 2, failed: 3, dropped: 4 } }, j);
    const b = new ScriptedTransport({ id: 'b', stats: { pending: 10, success: 20, failed: 30, dropped: 40 } }, j);
    const c = new ScriptedTransport({ id: 'c' }, j);
    expect(createCompositeTransport({ transports: [a, b, c] }).stats?.()).toEqual({ pending: 11, success: 22, failed: 33, dropped: 44 });
    expect(createCompositeTransport({ transports: [c] }).stats).toBeUndefined();
  });

  it('with a background child, counts deliveries to the synchronous children of accepted events only', async () => {
    const j: Journal = [];
    const background = new ScriptedTransport({ id: 'bg', stats: { pending: 0, success: 0, failed: 0, dropped: 0 } }, j);
    const ok = new ScriptedTransport({ id: 'ok' }, j);
    const down = new ScriptedTransport({ id: 'down', failEmit: true }, j);
    const t = createCompositeTransport({ transports: [background, ok, down] });
    await t.emit(runEvent());
    await t.emit(runEvent());
    expect(t.stats?.()).toEqual({ pending: 0, success: 2, failed: 2, dropped: 0 });
    const strict = createCompositeTransport({ transports: [background, down, ok], continueOnFailure: false });
    await expect(strict.emit(runEvent())).rejects.toThrow(/down is down/);
    expect(strict.stats?.()).toEqual({ pending: 0, success: 0, failed: 0, dropped: 0 });
  });
  it('counts a swallowed rejection of a child that has stats() (it counts only what emit does not report)', async () => {
    const j: Journal = [];
    const rejecting = new ScriptedTransport({ id: 'dz', failEmit: true, stats: { pending: 0, success: 0, failed: 0, dropped: 0 } }, j);
    const ok = new ScriptedTransport({ id: 'ok' }, j);
    const t = createCompositeTransport({ transports: [rejecting, ok] });
    await t.emit(runEvent());
    expect(t.stats?.()).toEqual({ pending: 0, success: 1, failed: 1, dropped: 0 });
  });
});

describe('createCompositeTransport (code)', () => {
  it('takes ready transports or named children, sorts stably by priority when asked', async () => {
    const j: Journal = [];
    const t = createCompositeTransport({
      sortTransports: true,
      continueOnSuccess: false,
      transports: [
        new ScriptedTransport({ id: 'a', failEmit: true }, j),
        { name: 'b', priority: 2, transport: new ScriptedTransport({ id: 'b', failEmit: true }, j) },
        { name: 'c', priority: 2, transport: new ScriptedTransport({ id: 'c' }, j) },
      ],
    });
    await t.emit(runEvent());
    expect(j).toEqual(['emit:b', 'emit:c']);
    expect(t.config).toEqual({ continueOnFailure: true, continueOnSuccess: false });
  });

  it('refuses an empty list', () => {
    expect(() => createCompositeTransport({ transports: [] })).toThrow(/at least one/);
  });
});
