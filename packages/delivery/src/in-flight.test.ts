import { describe, expect, it } from 'vitest';
import { type Flying, InFlight } from './in-flight.js';

interface Item extends Flying {
  id: number;
}
const item = (id: number): Item => ({ id, flightPrev: undefined, flightNext: undefined });

describe('InFlight', () => {
  it('keeps the items in the order they were added, whatever order they leave in', () => {
    const list = new InFlight<Item>();
    const items = [1, 2, 3, 4, 5].map(item);
    for (const i of items) list.add(i);
    expect(list.size).toBe(5);
    list.delete(items[2]!); // middle
    list.delete(items[0]!); // oldest
    list.delete(items[4]!); // newest
    expect(list.size).toBe(2);
    list.add(items[0]!); // again, now the newest
    expect(list.drain().map((i) => i.id)).toEqual([2, 4, 1]);
    expect(list.size).toBe(0);
    expect(list.drain()).toEqual([]);
  });

  it('unlinks what leaves, so a removed item holds on to nothing', () => {
    const list = new InFlight<Item>();
    const [a, b, c] = [item(1), item(2), item(3)];
    list.add(a);
    list.add(b);
    list.add(c);
    list.delete(b);
    expect(b.flightPrev).toBeUndefined();
    expect(b.flightNext).toBeUndefined();
    list.delete(a);
    list.delete(c);
    expect(list.size).toBe(0);
    list.add(b);
    expect(list.drain()).toEqual([b]);
  });
});
