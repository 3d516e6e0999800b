/**
 * The engine's batching, with scripted batch sends (as in engine.test.ts: the engine knows nothing
 * about HTTP, and scripting when and how each batch settles reaches interleavings a real peer
 * would only hit by chance). The HTTP side is tested against the real sink in batch.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DeliveryEngine } from './engine.js';

interface Ev {
  id: string;
  runId?: string;
  start?: boolean;
}

interface BatchCall {
  evs: Ev[];
  settle(results: readonly unknown[]): void;
  fail(error: Error): void;
  done: boolean;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

function harness(o: { maxConcurrent: number; maxEvents: number; maxBytes?: number; lingerMs?: number; maxQueueSize?: number }, onSend?: (evs: Ev[]) => void) {
  const calls: BatchCall[] = [];
  const settled = new Set<string>();
  let inFlight = 0;
  let maxInFlight = 0;
  const engine = new DeliveryEngine<Ev>({
    maxConcurrent: o.maxConcurrent,
    maxQueueSize: o.maxQueueSize ?? 100,
    maxWaitingSubmits: 100_000,
    keepProcessAlive: false,
    send: () => Promise.reject(new Error('single sends are not expected while batching')),
    batch: {
      maxEvents: o.maxEvents,
      maxBytes: o.maxBytes ?? 1 << 20,
      lingerMs: o.lingerMs ?? 0,
      sizeOf: (ev) => ev.id.length,
      send: (evs) =>
        new Promise<readonly unknown[]>((resolve, reject) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          onSend?.(evs);
          const call: BatchCall = {
            evs,
            done: false,
            settle: (results) => {
              call.done = true;
              inFlight--;
              for (const ev of evs) settled.add(ev.id);
              resolve(results);
            },
            fail: (e) => {
              call.done = true;
              inFlight--;
              for (const ev of evs) settled.add(ev.id);
              reject(e);
            },
          };
          calls.push(call);
        }),
    },
  });
  return { engine, calls, settled, maxInFlight: () => maxInFlight, submit: (ev: Ev) => engine.submit(ev, ev.runId, ev.start) };
}

describe('DeliveryEngine batches', () => {
  it('fills batches up to maxEvents and maxBytes, oldest first, one slot per batch', async () => {
    // maxBytes: [a1,a2] = 7 bytes fits, [a1,a2,a3] = 10 does not; linger long enough never to expire here.
    const h = harness({ maxConcurrent: 2, maxEvents: 3, maxBytes: 9, lingerMs: 60_000 });
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']) void h.submit({ id });
    await tick();
    expect(h.calls.map((c) => c.evs.map((e) => e.id))).toEqual([
      ['a1', 'a2'],
      ['a3', 'a4'],
    ]);
    h.calls[0]!.settle([]);
    await tick();
    expect(h.calls[2]!.evs.map((e) => e.id)).toEqual(['a5', 'a6']);
    h.calls[1]!.settle([]);
    h.calls[2]!.settle([]);
    await tick();
    // a7 alone is not a full batch: it lingers until flush asks for it.
    expect(h.calls).toHaveLength(3);
    const flushed = h.engine.flush(1000);
    await tick();
    expect(h.calls[3]!.evs.map((e) => e.id)).toEqual(['a7']);
    h.calls[3]!.settle([]);
    expect(await flushed).toBe(true);
    expect(h.engine.stats()).toEqual({ pending: 0, success: 7, failed: 0, dropped: 0 });
  });

  it('counts per event: an error in the results fails that event only; a rejected batch fails all of it', async () => {
    const h = harness({ maxConcurrent: 1, maxEvents: 3, lingerMs: 60_000 });
    for (const id of ['a', 'b', 'c', 'd']) void h.submit({ id });
    void h.engine.flush();
    await tick();
    h.calls[0]!.settle([undefined, new Error('refused'), undefined]);
    await tick();
    h.calls[1]!.fail(new Error('down'));
    expect(await h.engine.flush(1000)).toBe(false);
    expect(h.engine.stats()).toEqual({ pending: 0, success: 2, failed: 2, dropped: 0 });
  });

  it('switches to single sends when batching is disabled', async () => {
    const singles: string[] = [];
    const engine = new DeliveryEngine<string>({
      maxConcurrent: 2,
      maxQueueSize: 100,
      maxWaitingSubmits: 100,
      keepProcessAlive: false,
      send: (p) => {
        singles.push(p);
        return Promise.resolve();
      },
      batch: { maxEvents: 10, maxBytes: 1000, lingerMs: 10_000, sizeOf: (p) => p.length, send: () => Promise.reject(new Error('no batches expected')) },
    });
    void engine.submit('a');
    void engine.submit('b');
    engine.disableBatching();
    void engine.submit('c');
    expect(await engine.flush(1000)).toBe(true);
    expect(singles).toEqual(['a', 'b', 'c']);
  });

  it('keeps the START rule at any interleaving (randomized, 3,000 events, per-event and whole-batch failures)', async () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const submitted: Ev[] = [];
    const violations: string[] = [];
    const h = harness({ maxConcurrent: 5, maxEvents: 6, maxQueueSize: 60 }, (evs) => {
      const batchIds = new Set(evs.map((e) => e.id));
      // Every earlier START of the run must have settled before the event is sent: not merely sent, and not in this batch.
      for (const ev of evs) {
        for (const earlier of submitted) {
          if (earlier === ev) break;
          if (earlier.start && ev.runId !== undefined && earlier.runId === ev.runId && (!h.settled.has(earlier.id) || batchIds.has(earlier.id)))
            violations.push(ev.id);
        }
      }
    });
    const waits: Promise<void>[] = [];
    const settleSome = async (): Promise<void> => {
      while (rand() < 0.6) {
        const open = h.calls.filter((c) => !c.done);
        if (open.length === 0) break;
        const c = open[Math.floor(rand() * open.length)]!;
        if (rand() < 0.05) c.fail(new Error('batch lost'));
        else c.settle(c.evs.map(() => (rand() < 0.05 ? new Error('refused') : undefined)));
        await tick();
      }
    };
    for (let i = 0; i < 3000; i++) {
      const runId = `r${Math.floor(rand() * 50)}`;
      const ev: Ev = rand() < 0.35 ? { id: `e${i}`, runId, start: true } : rand() < 0.1 ? { id: `e${i}` } : { id: `e${i}`, runId };
      submitted.push(ev);
      const p = h.submit(ev);
      if (p) waits.push(p);
      if (rand() < 0.3) await settleSome();
    }
    for (;;) {
      await tick();
      const open = h.calls.filter((c) => !c.done);
      if (open.length === 0 && h.engine.pending === 0) break;
      for (const c of open) c.settle([]);
    }
    await Promise.all(waits);
    expect(violations).toEqual([]);
    expect(h.maxInFlight()).toBeLessThanOrEqual(5);
    expect(Math.max(...h.calls.map((c) => c.evs.length))).toBe(6);
    expect(h.calls.flatMap((c) => c.evs.map((e) => e.id)).sort()).toEqual(submitted.map((e) => e.id).sort());
    // Per run: sent in submission order (within a batch, in array order).
    const position = new Map<string, number>();
    h.calls.flatMap((c) => c.evs).forEach((e, i) => position.set(e.id, i));
    const byRun = new Map<string, Ev[]>();
    for (const ev of submitted) if (ev.runId) byRun.set(ev.runId, [...(byRun.get(ev.runId) ?? []), ev]);
    for (const evs of byRun.values()) {
      for (let i = 1; i < evs.length; i++) expect(position.get(evs[i]!.id)!).toBeGreaterThan(position.get(evs[i - 1]!.id)!);
    }
    const s = h.engine.stats();
    expect(s.pending).toBe(0);
    expect(s.success + s.failed).toBe(3000);
    expect(h.engine.trackedRuns).toBe(0);
  });
});
