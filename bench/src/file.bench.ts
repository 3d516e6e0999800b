/**
 * @ol/transport-file benchmarks: JSON Lines append throughput against a raw `fs` loop writing
 * the same lines to an O_APPEND descriptor, in the same run (alternated, medians).
 *
 * - sequential: each emit awaited before the next (a job emitting as it goes) against a loop
 *   of awaited `fs.write` calls of the pre-serialized lines. The transport also serializes.
 * - burst: all emits started at once, then awaited, against the same raw loop (raw `fs`
 *   has no way to take a burst other than one write after another).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toJSON } from '@ol/core';
import { createFileTransport } from '@ol/transport-file';
import { paired, scenario, sequenceEvent as event, type Scenario } from './harness.js';

const EVENTS = 10_000;
const REPETITIONS = 15;

const events = Array.from({ length: EVENTS }, (_, i) => event(i));
const lines = events.map((e) => Buffer.from(toJSON(e) + '\n'));

function write(fd: number, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => fs.write(fd, data, 0, data.length, null, (err) => (err ? reject(err) : resolve())));
}

async function rawLoop(file: string): Promise<number> {
  fs.rmSync(file, { force: true });
  const started = performance.now();
  const fd = fs.openSync(file, 'a');
  for (const line of lines) await write(fd, line);
  fs.closeSync(fd);
  return EVENTS / ((performance.now() - started) / 1000);
}

async function transportRun(file: string, burst: boolean): Promise<number> {
  fs.rmSync(file, { force: true });
  const started = performance.now();
  const t = createFileTransport({ logFilePath: file, append: true });
  if (burst) await Promise.all(events.map((e) => t.emit(e)));
  else for (const e of events) await t.emit(e);
  await t.close();
  const rate = EVENTS / ((performance.now() - started) / 1000);
  const written = fs.statSync(file).size;
  const expected = lines.reduce((n, l) => n + l.length, 0);
  if (written !== expected) throw new Error(`file transport wrote ${written} bytes, expected ${expected}`);
  return rate;
}

export default async function bench(): Promise<Scenario[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-file-bench-'));
  const file = path.join(dir, 'events.jsonl');
  try {
    await transportRun(file, false);
    await rawLoop(file);
    const sequential = await paired(
      REPETITIONS,
      () => transportRun(file, false),
      () => rawLoop(file),
    );
    const burst = await paired(
      REPETITIONS,
      () => transportRun(file, true),
      () => rawLoop(file),
    );
    return [
      scenario({
        name: 'file append, sequential emits (events/s)',
        figure: sequential.figure,
        unit: 'events/s',
        baseline: sequential.baseline,
        baselineName: 'raw fs.write loop',
        minRatio: 0.8,
      }),
      scenario({
        name: 'file append, burst of concurrent emits (events/s)',
        figure: burst.figure,
        unit: 'events/s',
        baseline: burst.baseline,
        baselineName: 'raw fs.write loop',
        minRatio: 0.8,
      }),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
