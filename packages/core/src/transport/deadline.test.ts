import { afterEach, describe, expect, it, vi } from 'vitest';
import { withDeadline } from './deadline.js';

class Late extends Error {}

describe('withDeadline', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the value of a promise that settles in time, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const result = withDeadline(Promise.resolve(42), 1000, () => new Late('late'));
    await expect(result).resolves.toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes on the rejection of a promise that fails in time, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const boom = new Error('boom');
    await expect(withDeadline(Promise.reject(boom), 1000, () => new Late('late'))).rejects.toBe(boom);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with the error onTimeout makes once the deadline passes first', async () => {
    vi.useFakeTimers();
    const never = new Promise<number>(() => undefined);
    const result = withDeadline(never, 1000, () => new Late('no answer within 1000 ms'));
    const caught = result.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(999);
    let settled = false;
    void result.then(
      () => (settled = true),
      () => (settled = true),
    );
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await caught;
    expect(error).toBeInstanceOf(Late);
    expect((error as Error).message).toBe('no answer within 1000 ms');
  });

  it('handles a rejection that comes after the deadline: nothing surfaces as unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      let fail: (e: Error) => void = () => undefined;
      const slow = new Promise<number>((_, reject) => (fail = reject));
      await expect(withDeadline(slow, 5, () => new Late('late'))).rejects.toBeInstanceOf(Late);
      fail(new Error('too late to matter'));
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
