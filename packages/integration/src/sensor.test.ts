import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenLineageEvent, type RunEvent, silentLogger } from '@ol/core';
import { createSensor, jsonLinesSource, SensorLockedError, type JsonLine, type Sensor } from './index.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ol-sensor-'));

function writeRecords(file: string, n: number): void {
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `rec-${i}`, at: Date.UTC(2026, 10, 21, 10, 0, i) }));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

function convert(line: JsonLine, ctx: { runId(identity: string, instant: number): string }): OpenLineageEvent[] {
  const rec = line.value as { id: string; at: number };
  const runId = ctx.runId(rec.id, rec.at);
  const base = {
    producer: 'https://example.com/p',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId },
    job: { namespace: 'ns', name: rec.id },
  };
  return [
    { ...base, eventTime: new Date(rec.at).toISOString(), eventType: 'START' },
    { ...base, eventTime: new Date(rec.at + 1).toISOString(), eventType: 'COMPLETE' },
  ];
}

const sensors: Sensor<unknown>[] = [];
afterEach(async () => {
  for (const s of sensors.splice(0)) await s.stop();
});

describe('sensor', () => {
  it('reads at most recordLimit records per tick and persists the cursor after emitting', async () => {
    const dir = tmp();
    writeRecords(path.join(dir, 'log.jsonl'), 70);
    const sent: RunEvent[] = [];
    const sensor = createSensor({
      source: jsonLinesSource(path.join(dir, 'log.jsonl')),
      convert,
      target: { emit: async (e) => void sent.push(e as RunEvent) },
      cursorFile: path.join(dir, 'cursor.json'),
      logger: silentLogger,
    });
    sensors.push(sensor);
    const first = await sensor.tick();
    expect(first).toMatchObject({ processed: 30, events: 60, failed: false, more: true });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'cursor.json'), 'utf8')).cursor).toBe(first.cursor);
    const rest = await sensor.drain();
    expect(rest.processed).toBe(40);
    expect(new Set(sent.map((e) => e.job.name)).size).toBe(70);
    expect((await sensor.tick()).processed).toBe(0);
  });

  it('does not advance past a record whose emit failed, and retries it next tick with the same run id', async () => {
    const dir = tmp();
    writeRecords(path.join(dir, 'log.jsonl'), 5);
    const sent: RunEvent[] = [];
    let failOnce = true;
    const sensor = createSensor({
      source: jsonLinesSource(path.join(dir, 'log.jsonl')),
      convert,
      target: {
        emit: async (e) => {
          if ((e as RunEvent).job.name === 'rec-2' && failOnce) {
            failOnce = false;
            throw new Error('backend down');
          }
          sent.push(e as RunEvent);
        },
      },
      cursorFile: path.join(dir, 'cursor.json'),
      logger: silentLogger,
    });
    sensors.push(sensor);
    expect(await sensor.tick()).toMatchObject({ processed: 2, failed: true });
    expect(await sensor.tick()).toMatchObject({ processed: 3, failed: false });
    const ids = sent.filter((e) => e.job.name === 'rec-2').map((e) => e.run.runId);
    expect(new Set(ids).size).toBe(1);
  });

  it('waits for a background transport to confirm delivery before advancing', async () => {
    const dir = tmp();
    writeRecords(path.join(dir, 'log.jsonl'), 3);
    let confirm = false;
    const sensor = createSensor({
      source: jsonLinesSource(path.join(dir, 'log.jsonl')),
      convert,
      target: { emit: async () => {}, flush: async () => confirm },
      cursorFile: path.join(dir, 'c.json'),
      logger: silentLogger,
    });
    sensors.push(sensor);
    expect(await sensor.tick()).toMatchObject({ processed: 0, failed: true, cursor: undefined });
    confirm = true;
    expect(await sensor.tick()).toMatchObject({ processed: 3, failed: false });
  });

  it('starts after afterCursor when no cursor is stored', async () => {
    const dir = tmp();
    writeRecords(path.join(dir, 'log.jsonl'), 4);
    const firstLine = fs.readFileSync(path.join(dir, 'log.jsonl'), 'utf8').indexOf('\n') + 1;
    const names: string[] = [];
    const sensor = createSensor({
      source: jsonLinesSource(path.join(dir, 'log.jsonl')),
      convert,
      target: { emit: async (e) => void names.push((e as RunEvent).job.name) },
      cursorFile: path.join(dir, 'c.json'),
      afterCursor: `${firstLine}:1`,
      logger: silentLogger,
    });
    sensors.push(sensor);
    await sensor.drain();
    expect([...new Set(names)]).toEqual(['rec-1', 'rec-2', 'rec-3']);
  });

  it('a second sensor on the same cursor refuses to start, in this process and in another', async () => {
    const dir = tmp();
    writeRecords(path.join(dir, 'log.jsonl'), 1);
    const options = {
      source: jsonLinesSource(path.join(dir, 'log.jsonl')),
      convert,
      target: { emit: async () => {} },
      cursorFile: path.join(dir, 'c.json'),
      intervalSeconds: 60,
      logger: silentLogger,
    };
    const a = createSensor(options);
    sensors.push(a);
    a.start();
    const b = createSensor(options);
    await expect(b.tick()).rejects.toBeInstanceOf(SensorLockedError);
    await expect(b.tick()).rejects.toThrow(/another sensor \(pid \d+\) is already using this cursor/);
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', childScript(dir, { limit: 30 })], { encoding: 'utf8' });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('SensorLockedError');
    await a.stop();
    expect(fs.existsSync(path.join(dir, 'c.json.lock'))).toBe(false);
  });

  it('killed mid-batch and restarted: no gap, and re-processed records keep their run ids', () => {
    const dir = tmp();
    writeRecords(path.join(dir, 'log.jsonl'), 100);
    const killed = spawnSync(process.execPath, ['--input-type=module', '-e', childScript(dir, { limit: 30, killAfter: 75 })], { encoding: 'utf8' });
    expect(killed.signal).toBe('SIGKILL');
    execFileSync(process.execPath, ['--input-type=module', '-e', childScript(dir, { limit: 30 })], { encoding: 'utf8' });
    const out = fs
      .readFileSync(path.join(dir, 'out.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunEvent);
    const byJob = new Map<string, Set<string>>();
    for (const e of out) byJob.set(e.job.name, (byJob.get(e.job.name) ?? new Set()).add(e.run.runId));
    expect(byJob.size).toBe(100);
    for (const ids of byJob.values()) expect(ids.size).toBe(1);
    // The kill came in the middle of the third batch: that batch (and only that) was sent again.
    expect(out.length).toBeGreaterThan(200);
    expect(out.length).toBeLessThanOrEqual(200 + 2 * 30);
    expect(fs.existsSync(path.join(dir, 'c.json.lock'))).toBe(false);
  });
});

/** A sensor process that appends what it emits to out.jsonl; with killAfter, SIGKILLs itself mid-batch. */
function childScript(dir: string, o: { limit: number; killAfter?: number }): string {
  const dist = path.resolve(import.meta.dirname, '..', 'dist', 'index.js');
  return `
import fs from 'node:fs';
import { createSensor, jsonLinesSource } from ${JSON.stringify(dist)};
const dir = ${JSON.stringify(dir)};
let n = 0;
const convert = ${convert.toString()};
const sensor = createSensor({
  source: jsonLinesSource(dir + '/log.jsonl'), convert, cursorFile: dir + '/c.json', recordLimit: ${o.limit},
  target: { emit: async (e) => {
    fs.appendFileSync(dir + '/out.jsonl', JSON.stringify(e) + '\\n');
    if (++n === ${o.killAfter ?? -1}) process.kill(process.pid, 'SIGKILL');
  } },
});
try { await sensor.drain(); } finally { await sensor.stop(); }
`;
}
