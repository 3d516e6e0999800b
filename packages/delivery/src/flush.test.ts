/** FlushTracker alone, as synchronous transports (http, file, datazone, kafka with flush: true) use it. */
import { describe, expect, it } from 'vitest';
import { FlushTracker } from './flush.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('FlushTracker', () => {
  it('is true at once with nothing counted in, and stays usable', async () => {
    const t = new FlushTracker();
    expect(await t.flush()).toBe(true);
    expect(await t.flush(0)).toBe(true);
  });

  it('waits for events counted in before the call, not for later ones', async () => {
    const t = new FlushTracker();
    const a = t.enter();
    let result: boolean | undefined;
    void t.flush().then((r) => (result = r));
    const later = t.enter();
    await tick();
    expect(result).toBeUndefined();
    t.settle(a, true);
    await tick();
    expect(result).toBe(true);
    expect(t.outstanding).toBe(1);
    t.settle(later, true);
    expect(t.outstanding).toBe(0);
  });

  it('is false when an event since the previous flush failed or was refused, and reports it once', async () => {
    const t = new FlushTracker();
    t.settle(t.enter(), false);
    expect(await t.flush()).toBe(false);
    expect(await t.flush()).toBe(true);
    t.refuse();
    expect(await t.flush()).toBe(false);
    expect(await t.flush()).toBe(true);
  });

  it('every flush that waited for a failed event reports it', async () => {
    const t = new FlushTracker();
    const a = t.enter();
    const first = t.flush();
    const second = t.flush();
    t.settle(a, false);
    expect(await Promise.all([first, second])).toEqual([false, false]);
  });

  it('is false at its timeout; the event stays counted and a later flush still sees it', async () => {
    const t = new FlushTracker();
    const a = t.enter();
    expect(await t.flush(10)).toBe(false);
    const later = t.flush();
    t.settle(a, true);
    expect(await later).toBe(true);
  });

  it('keeps its bookkeeping bounded under repeated flushes while an old event stays outstanding', async () => {
    const t = new FlushTracker();
    const a = t.enter();
    const flushes = Array.from({ length: 100 }, () => t.flush());
    expect(t.trackedEpochs).toBeLessThanOrEqual(2);
    t.settle(a, true);
    expect(await Promise.all(flushes)).toEqual(Array.from({ length: 100 }, () => true));
    expect(t.trackedEpochs).toBe(1);
  });
});
