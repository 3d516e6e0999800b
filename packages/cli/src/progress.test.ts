import { describe, expect, it } from 'vitest';
import { Progress } from './progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 20, write: (s: string) => chunks.push(s) };
}

describe('Progress', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const s = stream(false);
    const p = new Progress(s, 0, 0);
    p.update(() => 'emitting: 1 read');
    p.clear();
    expect(s.chunks).toEqual([]);
  });

  it('overwrites one line on a terminal, cut to its width, and erases it on clear', () => {
    const s = stream(true);
    const p = new Progress(s, 0, 0);
    p.update(() => 'emitting: 1 read, 0 failed, and more');
    p.clear();
    p.clear();
    expect(s.chunks).toEqual(['\r\x1b[Kemitting: 1 read, 0', '\r\x1b[K']);
  });

  it('stays quiet for short runs', () => {
    const s = stream(true);
    const p = new Progress(s, 60_000, 0);
    p.update(() => 'x');
    expect(s.chunks).toEqual([]);
  });
});
