import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startLineageSink, type LineageSink } from '@ol/test-kit';
import { BIN, PACKAGE_DIR, runCli, withTempDir } from '../test-cli.js';

interface Ev {
  eventType: string;
  run: { runId: string };
  job: { name: string };
}

function event(i: number, type: 'START' | 'COMPLETE'): string {
  return JSON.stringify({
    eventTime: new Date(Date.UTC(2026, 10, 21, 10, 0, i)).toISOString(),
    producer: 'https://example.com/spool',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    eventType: type,
    run: { runId: `0190f5a2-7c3e-7d4a-9b1e-${String(i).padStart(12, '0')}` },
    job: { namespace: 'spool', name: `job_${i}` },
  });
}

function spool(file: string, from: number, to: number): void {
  let text = '';
  for (let i = from; i < to; i++) text += `${event(i, 'START')}\n${event(i, 'COMPLETE')}\n`;
  fs.appendFileSync(file, text);
}

const httpEnv = (url: string) => ({
  OPENLINEAGE__TRANSPORT__TYPE: 'http',
  OPENLINEAGE__TRANSPORT__URL: url,
  OPENLINEAGE__TRANSPORT__TIMEOUT: '2',
  OPENLINEAGE__TRANSPORT__RETRY: '{"total": 1, "backoff_factor": 0.01}',
});

const sinks: LineageSink[] = [];
afterEach(async () => {
  for (const s of sinks.splice(0)) await s.close();
});

function keys(sink: LineageSink): string[] {
  return (sink.events as Ev[]).map((e) => `${e.job.name}:${e.eventType}`);
}

describe('openlineage relay', () => {
  it('forwards a spool, persists the cursor, and resumes without duplicates', async () => {
    await withTempDir(async (dir) => {
      const sink = await startLineageSink();
      sinks.push(sink);
      const file = path.join(dir, 'spool.jsonl');
      spool(file, 0, 60);
      const args = ['relay', '--from', file, '--cursor', path.join(dir, 'cursor.json'), '--batch', '25'];
      const first = await runCli(args, { env: httpEnv(sink.url), cwd: dir });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^relayed 120, skipped 0; cursor at line 120 of/);
      expect(sink.events).toHaveLength(120);
      const again = await runCli(args, { env: httpEnv(sink.url), cwd: dir });
      expect(again.stdout).toMatch(/^relayed 0, skipped 0/);
      spool(file, 60, 65);
      fs.appendFileSync(file, '{"not": "an event"}\n{oops\n');
      spool(file, 65, 66);
      const more = await runCli(args, { env: httpEnv(sink.url), cwd: dir });
      expect(more.code).toBe(0);
      expect(more.stdout).toMatch(/^relayed 12, skipped 2; cursor at line 134/);
      expect(more.stderr).toMatch(/spool\.jsonl:131: not an OpenLineage event; skipped/);
      expect(more.stderr).toMatch(/spool\.jsonl:132: not JSON/);
      expect(new Set(keys(sink)).size).toBe(132);
      expect(sink.events).toHaveLength(132);
      expect(sink.orderViolations()).toBe(0);
    });
  });

  it('backend down: exits 1 and keeps the cursor; once the backend is up, resumes with no gap and no duplicate', async () => {
    await withTempDir(async (dir) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const file = path.join(dir, 'spool.jsonl');
      spool(file, 0, 10);
      const args = ['relay', '--from', file, '--cursor', path.join(dir, 'cursor.json'), '--batch', '4'];
      const down = await runCli(args, { env: httpEnv(url), cwd: dir });
      expect(down.code).toBe(1);
      expect(down.stdout).toMatch(/^relayed 0, skipped 0; cursor at the start/);
      expect(down.stderr).toMatch(/delivery failed.*run again to resume/);
      const sink = await startLineageSink({ port });
      sinks.push(sink);
      const up = await runCli(args, { env: httpEnv(url), cwd: dir });
      expect(up.code, up.stderr).toBe(0);
      expect(up.stdout).toMatch(/^relayed 20/);
      expect(keys(sink)).toEqual(Array.from({ length: 10 }, (_, i) => [`job_${i}:START`, `job_${i}:COMPLETE`]).flat());
    });
  });

  it('--follow tails new lines until interrupted; a second relay on the same cursor is refused', async () => {
    await withTempDir(async (dir) => {
      const sink = await startLineageSink();
      sinks.push(sink);
      const file = path.join(dir, 'spool.jsonl');
      spool(file, 0, 3);
      const cursor = path.join(dir, 'cursor.json');
      const env: Record<string, string> = { ...process.env, ...httpEnv(sink.url) };
      delete env.NODE_PATH;
      const child = spawn(process.execPath, [BIN, 'relay', '--from', file, '--cursor', cursor, '--follow', '--interval', '0.1'], {
        cwd: PACKAGE_DIR,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      await sink.waitForEvents(6, 15_000);
      spool(file, 3, 5);
      await sink.waitForEvents(10, 15_000);
      const second = await runCli(['relay', '--from', file, '--cursor', cursor], { env: httpEnv(sink.url), cwd: dir });
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(/another sensor \(pid \d+\) is already using this cursor/);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stdout).toMatch(/^relayed 10, skipped 0; cursor at line 10/);
      expect(sink.events).toHaveLength(10);
      expect(fs.existsSync(`${cursor}.lock`)).toBe(false);
    });
  });

  it('requires --from and --cursor', async () => {
    const r = await runCli(['relay', '--from', 'x.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--cursor FILE is required/);
  });
});
