/**
 * `pnpm bench`: runs every `*.bench.js` next to this file (one child process each, so one
 * benchmark's heap and sockets cannot skew another), prints one table and writes
 * bench/results/latest.json. Benchmarks never fail on a number.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

async function main(): Promise<void> {
  if (process.env.OL_BENCH_CHILD) {
    const mod = (await import(path.join(here, process.env.OL_BENCH_CHILD))) as { default: () => Promise<Scenario[]> };
    const scenarios = await mod.default();
    process.stdout.write('\n@@RESULT@@' + JSON.stringify(scenarios) + '\n');
    return;
  }
  const files = fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.bench.js') && (only.length === 0 || only.some((o) => f.includes(o))))
    .sort();
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const started = Date.now();
    process.stderr.write(`running ${file}…\n`);
    try {
      const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {
        env: { ...process.env, OL_BENCH_CHILD: file, OPENLINEAGE_CLIENT_LOGGING: 'error' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 240_000,
      });
      const line = out.split('\n').find((l) => l.startsWith('@@RESULT@@'));
      if (line) scenarios.push(...(JSON.parse(line.slice('@@RESULT@@'.length)) as Scenario[]));
      process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (err) {
      process.stderr.write(`  ${file} failed: ${(err as Error).message}\n`);
    }
  }
  printTable(scenarios);
  const result = { generatedAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, scenarios };
  fs.mkdirSync(path.join(here, '..', 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, '..', 'results', 'latest.json'), JSON.stringify(result, null, 2) + '\n');
}

function printTable(rows: Scenario[]): void {
  const header = ['scenario', 'figure', 'baseline', 'ratio', 'goal', 'met'];
  const body = rows.map((r) => [
    r.name,
    `${r.figure} ${r.unit}`,
    r.baseline === null ? '-' : `${r.baseline} ${r.unit} (${r.baselineName ?? ''})`,
    r.ratio === null ? '-' : `${r.ratio}x`,
    r.goal,
    r.meetsGoal === null ? '-' : r.meetsGoal ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const b of body) console.log(line(b));
}

await main();
