import { describe, expect, it } from 'vitest';
import { BatchBudget } from './budget.js';

describe('BatchBudget', () => {
  it('measures the serialized array: brackets and commas count, the first event always fits', () => {
    const b = new BatchBudget(3, 10);
    expect(b.fits(20)).toBe(true);
    b.add(3); // [abc] = 5
    expect(b.fits(5)).toBe(false); // [abc,defgh] = 11 > 10
    expect(b.fits(4)).toBe(true); // [abc,defg] = 10
    b.add(4);
    expect(b.bytes).toBe(10);
    expect(b.fits(0)).toBe(false); // the comma alone overflows
    const n = new BatchBudget(2, 1000);
    n.add(1);
    n.add(1);
    expect(n.fits(1)).toBe(false); // max 2 events
    n.reset();
    expect([n.count, n.bytes, n.fits(5000)]).toEqual([0, 2, true]);
  });
});
