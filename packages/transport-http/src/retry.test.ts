import { codeScope, OptionReader } from '@ol/core/internal';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, RetryState, backoffMs, parseRetryAfter, readRetryConfig } from './retry.js';

const read = (retry: Record<string, unknown>) => readRetryConfig(new OptionReader(retry, codeScope(['transport', 'retry'])));

describe('retry config', () => {
  it('has the Python defaults', () => {
    expect(readRetryConfig(undefined)).toEqual({ ...DEFAULT_RETRY, statusForcelist: [500, 502, 503, 504], allowedMethods: ['HEAD', 'POST'] });
  });

  it('merges a partial map over the defaults, in either spelling', () => {
    const c = read({ total: 2, backoffFactor: 1, status_forcelist: [503] });
    expect(c).toMatchObject({ total: 2, read: 5, connect: 5, backoffFactor: 1, statusForcelist: [503], allowedMethods: ['HEAD', 'POST'] });
  });

  it('coerces env strings (JSON lists arrive parsed; comma lists are split)', () => {
    expect(read({ total: '3', backoff_factor: '0.5', status_forcelist: '500, 503', allowed_methods: 'post' })).toMatchObject({
      total: 3,
      backoffFactor: 0.5,
      statusForcelist: [500, 503],
      allowedMethods: ['POST'],
    });
  });

  it.each([{ total: -1 }, { total: 1.5 }, { backoff_factor: 'x' }, { status_forcelist: ['abc'] }, { status_forcelist: [42] }])('rejects %j', (retry) => {
    expect(() => read(retry)).toThrow(/transport\.retry\./);
  });
});

describe('retry decisions (urllib3 semantics)', () => {
  it('default backoff: 0, 0.6, 1.2, 2.4, 4.8 s, then gives up after 6 attempts', () => {
    const s = new RetryState(readRetryConfig(undefined));
    const delays: number[] = [];
    for (;;) {
      const d = s.next({ kind: 'status', status: 503 });
      if (!d.retry) {
        expect(d).toMatchObject({ retryable: true, exhausted: true });
        break;
      }
      delays.push(d.delayMs);
    }
    expect(delays.map((d) => Math.round(d))).toEqual([0, 600, 1200, 2400, 4800]);
  });

  it('caps backoff at backoff_max (120 s)', () => {
    expect(backoffMs(10, 10)).toBe(120_000);
    expect(backoffMs(10, 10, 5000)).toBe(5000);
  });

  it('counts connect and read errors separately, each also against total', () => {
    const s = new RetryState({ ...readRetryConfig(undefined), connect: 1, read: 1, total: 10 });
    expect(s.next({ kind: 'connect' }).retry).toBe(true);
    expect(s.next({ kind: 'read' }).retry).toBe(true);
    expect(s.next({ kind: 'connect' })).toMatchObject({ retry: false, exhausted: true });
  });

  it('`status` bounds status retries when set', () => {
    const s = new RetryState({ ...readRetryConfig(undefined), status: 1 });
    expect(s.next({ kind: 'status', status: 500 }).retry).toBe(true);
    expect(s.next({ kind: 'status', status: 500 }).retry).toBe(false);
  });

  it('retries 413/429/503 only with Retry-After (unless in the forcelist) and sleeps what it says', () => {
    const s = new RetryState(readRetryConfig(undefined));
    expect(s.next({ kind: 'status', status: 429 })).toMatchObject({ retry: false, retryable: false });
    const d = new RetryState(readRetryConfig(undefined)).next({ kind: 'status', status: 429, retryAfter: '7' });
    expect(d).toMatchObject({ retry: true, delayMs: 7000 });
    expect(new RetryState(readRetryConfig(undefined)).next({ kind: 'status', status: 500, retryAfter: '7' }).delayMs).toBe(0);
    expect(new RetryState(readRetryConfig(undefined)).next({ kind: 'status', status: 503, retryAfter: '100000' }).delayMs).toBe(120_000);
  });

  it('read errors need POST in allowed_methods; connect errors do not', () => {
    const c = { ...readRetryConfig(undefined), allowedMethods: ['HEAD'] };
    expect(new RetryState(c).next({ kind: 'read' }).retry).toBe(false);
    expect(new RetryState(c).next({ kind: 'connect' }).retry).toBe(true);
    expect(new RetryState(c).next({ kind: 'status', status: 503 }).retry).toBe(false);
  });

  it('never retries fatal failures', () => {
    expect(new RetryState(readRetryConfig(undefined)).next({ kind: 'fatal' })).toMatchObject({ retry: false, retryable: false });
  });

  it('total: 0 means one attempt', () => {
    expect(new RetryState({ ...readRetryConfig(undefined), total: 0 }).next({ kind: 'status', status: 503 })).toMatchObject({ retry: false, exhausted: true });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
  });
});
