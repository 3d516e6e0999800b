import { describe, expect, it } from 'vitest';
import { TransportError } from '../errors.js';
import { runEvent } from '../model/builders.js';
import { MAX_NAME_COLLISIONS, objectMillis, objectName, putUnderFreeName, triedObjectNames } from './object-names.js';

const event = (eventTime: unknown) =>
  Object.assign(runEvent({ eventType: 'START', run: { runId: '01890000-0000-7000-8000-000000000001' }, job: { namespace: 'ns', name: 'job' } }), {
    eventTime,
  });

describe('objectMillis', () => {
  it('is the eventTime in epoch milliseconds', () => {
    expect(objectMillis(event('2024-01-01T00:00:00.000Z'), 'S3', 's3')).toBe(1704067200000);
  });

  it('refuses an eventTime that is not a date, naming the value and the store', () => {
    for (const [bad, shown] of [
      ['yesterday', '"yesterday"'],
      [undefined, 'undefined'],
    ] as const) {
      let error: unknown;
      try {
        objectMillis(event(bad), 'GCS', 'gcs');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).message).toBe(`GCS transport names objects by eventTime, and ${shown} is not a date`);
      expect((error as TransportError).retryable).toBe(false);
      expect((error as TransportError).transport).toBe('gcs');
    }
  });
});

describe('putUnderFreeName', () => {
  it('tries the names in order and stops at the first one stored', async () => {
    const tried: string[] = [];
    const name = await putUnderFreeName('dir/', 1704067200000, (n) => {
      tried.push(n);
      return Promise.resolve(tried.length === 3);
    });
    expect(tried).toEqual(['dir/1704067200000.json', 'dir/1704067200000_1.json', 'dir/1704067200000_2.json']);
    expect(name).toBe('dir/1704067200000_2.json');
  });

  it('gives up after MAX_NAME_COLLISIONS taken names', async () => {
    const tried: string[] = [];
    const name = await putUnderFreeName(undefined, 5, (n) => {
      tried.push(n);
      return Promise.resolve(false);
    });
    expect(name).toBeUndefined();
    expect(tried).toHaveLength(MAX_NAME_COLLISIONS);
    expect(tried.at(-1)).toBe(objectName(undefined, 5, MAX_NAME_COLLISIONS - 1));
    expect(triedObjectNames(undefined, 5)).toBe(`${tried[0]} .. ${tried.at(-1)}`);
  });

  it("passes the store's own errors through without trying further names", async () => {
    let calls = 0;
    const failing = putUnderFreeName('p', 5, () => {
      calls++;
      return Promise.reject(new Error('access denied'));
    });
    await expect(failing).rejects.toThrow('access denied');
    expect(calls).toBe(1);
  });
});
