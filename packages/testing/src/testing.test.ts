import { AssertionError } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OpenLineageEvent, RunEvent } from '@ol/core';
import { any, eventKey, expectEvents, matching, memoryTransport, readEventsFile } from './index.js';

function run(job: string, eventType: RunEvent['eventType'], extra: Partial<RunEvent> = {}): RunEvent {
  return {
    eventTime: '2026-11-21T10:00:00.000Z',
    producer: 'https://example.com/producer',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    eventType,
    run: { runId: '0190f5a2-7c3e-7d4a-9b1e-2f3a4b5c6d7e' },
    job: { namespace: 'ns', name: job },
    ...extra,
  };
}

describe('memoryTransport', () => {
  it('records clones of emitted events and clears them', async () => {
    const t = memoryTransport();
    const e = run('a', 'START');
    await t.emit(e);
    e.job.name = 'changed';
    expect(t.events).toHaveLength(1);
    expect((t.events[0] as RunEvent).job.name).toBe('a');
    t.clear();
    expect(t.events).toHaveLength(0);
    await t.close();
    await expect(t.emit(e)).rejects.toThrow(/closed/);
  });
});

describe('eventKey', () => {
  it('follows <job name>.event.<type>', () => {
    expect(eventKey(run('dag.task', 'COMPLETE'))).toBe('dag.task.event.complete');
    expect(eventKey({ eventTime: 't', producer: 'p', schemaURL: 's', job: { namespace: 'n', name: 'j' } })).toBe('j.event.job');
    expect(eventKey({ eventTime: 't', producer: 'p', schemaURL: 's', dataset: { namespace: 'n', name: 'd' } })).toBe('d.event.dataset');
  });
});

describe('expectEvents', () => {
  const events: OpenLineageEvent[] = [
    run('etl.load', 'START', { inputs: [{ namespace: 'postgres://db:5432', name: 'shop.public.orders' }] }),
    run('etl.load', 'COMPLETE', { outputs: [{ namespace: 's3://bucket', name: 'orders.parquet' }] }),
  ];

  it('compares only the given fields, with matchers for varying ones', () => {
    expectEvents(events, {
      'etl.load.event.start': {
        eventTime: any.dateTime(),
        run: { runId: any.uuid() },
        job: { namespace: 'ns' },
        inputs: [{ namespace: matching(/^postgres:\/\//), name: 'shop.public.orders' }],
      },
      'etl.load.event.complete': { outputs: [{ name: any.string() }] },
    });
  });

  it('throws an AssertionError listing each difference with its path', () => {
    let error: unknown;
    try {
      expectEvents(events, {
        'etl.load.event.start': { job: { namespace: 'other' }, run: { runId: matching(/^x/) } },
        'etl.load.event.fail': {},
        'etl.load.event.complete': { outputs: [{}, {}] },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AssertionError);
    const message = (error as Error).message;
    expect(message).toContain('at job.namespace: expected "other", got "ns"');
    expect(message).toContain('at run.runId: expected a string matching /^x/');
    expect(message).toContain('etl.load.event.fail: no event with this key (seen: etl.load.event.complete, etl.load.event.start)');
    expect(message).toContain('at outputs: expected an array of 2, got an array of 1');
    // The message ends with the lineage of the events seen, as Mermaid without colour classes.
    expect(message.slice(message.indexOf('\n\nLineage'))).toBe(`

Lineage of the 2 events seen (Mermaid):
  flowchart LR
    j0(["ns/etl.load (COMPLETE)"])
    d0[("postgres://db:5432/shop.public.orders")]
    d1[("s3://bucket/orders.parquet")]
    d0 --> j0
    j0 --> d1`);
  });

  it('leaves the lineage graph out of the message when it would be too long to read', () => {
    const many = Array.from({ length: 40 }, (_, i) => run(`job${i}`, 'START'));
    expect(() => expectEvents(many, { 'job0.event.start': { job: { namespace: 'x' } } })).toThrow(/^(?![\s\S]*Lineage of)[\s\S]*expected "x"/);
  });

  it('passes when any of several events with the same key matches', () => {
    const two = [run('j', 'RUNNING', { job: { namespace: 'a', name: 'j' } }), run('j', 'RUNNING', { job: { namespace: 'b', name: 'j' } })];
    expectEvents(two, { 'j.event.running': { job: { namespace: 'b' } } });
    expect(() => expectEvents(two, { 'j.event.running': { job: { namespace: 'c' } } })).toThrow(/closest of 2 events/);
  });

  it('rejects a malformed date-time and a non-uuid', () => {
    const bad = [run('j', 'START', { eventTime: '2026-11-21 10:00', run: { runId: 'not-a-uuid' } })];
    expect(() => expectEvents(bad, { 'j.event.start': { eventTime: any.dateTime() } })).toThrow(/any RFC 3339 date-time/);
    expect(() => expectEvents(bad, { 'j.event.start': { run: { runId: any.uuid() } } })).toThrow(/any UUID/);
  });

  it('works under node:test (a plain AssertionError fails the test)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-testing-'));
    const distIndex = path.resolve(import.meta.dirname, '..', 'dist', 'index.js');
    const file = path.join(dir, 'sample.test.mjs');
    fs.writeFileSync(
      file,
      `import test from 'node:test';
import { expectEvents } from ${JSON.stringify(distIndex)};
const e = ${JSON.stringify(run('j', 'START'))};
test('passes', () => expectEvents([e], { 'j.event.start': { job: { name: 'j' } } }));
test('fails', () => expectEvents([e], { 'j.event.start': { job: { name: 'k' } } }));
`,
    );
    let output = '';
    try {
      execFileSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      output = (err as { stdout: string }).stdout;
    }
    expect(output).toMatch(/# pass 1/);
    expect(output).toMatch(/# fail 1/);
    expect(output).toContain('at job.name: expected "k", got "j"');
  });
});

describe('readEventsFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-read-'));

  it('reads JSON Lines, reporting a bad line by number', async () => {
    const file = path.join(dir, 'events.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(run('a', 'START'))}\n${JSON.stringify(run('a', 'COMPLETE'))}\n`);
    expect((await readEventsFile(file)).map(eventKey)).toEqual(['a.event.start', 'a.event.complete']);
    fs.appendFileSync(file, '{oops\n');
    await expect(readEventsFile(file)).rejects.toThrow(/events\.jsonl:3: not a JSON event/);
  });

  it('reads a JSON array and the per-event files of append: false', async () => {
    const arr = path.join(dir, 'array.json');
    fs.writeFileSync(arr, JSON.stringify([run('b', 'START')]));
    expect(await readEventsFile(arr)).toHaveLength(1);
    const prefix = path.join(dir, 'ol');
    fs.writeFileSync(`${prefix}-20261121-100000.000001.json`, JSON.stringify(run('c', 'START')));
    fs.writeFileSync(`${prefix}-20261121-100000.000002.json`, JSON.stringify(run('c', 'COMPLETE')));
    expect((await readEventsFile(prefix)).map(eventKey)).toEqual(['c.event.start', 'c.event.complete']);
    await expect(readEventsFile(path.join(dir, 'missing'))).rejects.toThrow(/no events at/);
  });
});
