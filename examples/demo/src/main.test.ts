import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type RunEvent, validateEvent } from '@ol/core';
import { CHILD_JOBS, PARENT_JOB } from './pipeline.js';

const run = promisify(execFile);
const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');

/** Runs the built demo as `pnpm demo` does, in an empty directory with only the given OPENLINEAGE variables. */
async function demo(env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'ol-demo-'));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENLINEAGE')));
  const { stdout, stderr } = await run(process.execPath, [main], { cwd, env: { ...clean, HOME: cwd, ...env } });
  return { cwd, stdout, stderr };
}

function checkPipeline(events: RunEvent[]): void {
  expect(events.map((e) => `${e.job.name}:${e.eventType}`)).toEqual([
    `${PARENT_JOB}:START`,
    `${CHILD_JOBS[0]}:START`,
    `${CHILD_JOBS[0]}:COMPLETE`,
    `${CHILD_JOBS[1]}:START`,
    `${CHILD_JOBS[1]}:COMPLETE`,
    `${CHILD_JOBS[2]}:START`,
    `${CHILD_JOBS[2]}:FAIL`,
    `${PARENT_JOB}:FAIL`,
  ]);
  for (const event of events) expect(validateEvent(event)).toEqual([]);
  const parentRunId = events[0]!.run.runId;
  for (const child of events.slice(1, 7)) {
    expect(child.run.facets?.parent).toMatchObject({ run: { runId: parentRunId }, root: { run: { runId: parentRunId }, job: { name: PARENT_JOB } } });
  }
  const totals = events[4]!.outputs![0]!;
  expect(Object.keys(totals.facets ?? {}).sort()).toEqual(['columnLineage', 'schema']);
  expect(totals.outputFacets?.outputStatistics).toMatchObject({ rowCount: 312 });
  expect(events[6]!.run.facets?.errorMessage).toMatchObject({ message: 'dashboard API answered 503 Service Unavailable', programmingLanguage: 'JavaScript' });
  expect(events[0]!.run.facets?.tags).toMatchObject({ tags: [{ key: 'openlineage_client_version', source: 'OPENLINEAGE_CLIENT' }] });
}

describe('the demo (quick-start command 1)', () => {
  it('prints the pipeline as JSON lines on stdout when nothing is configured, with one warning', async () => {
    const { stdout, stderr } = await demo({});
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as RunEvent);
    checkPipeline(events);
    expect(stderr.match(/WARN/g)).toHaveLength(1);
    expect(stderr).toContain('8 events through the console transport');
  });

  it('follows the config: a file transport set by environment variables, loaded from the demo package', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ol-demo-out-'));
    const file = join(cwd, 'events.jsonl');
    const { stdout, stderr } = await demo({
      OPENLINEAGE__TRANSPORT__TYPE: 'file',
      OPENLINEAGE__TRANSPORT__LOG_FILE_PATH: file,
      OPENLINEAGE__TRANSPORT__APPEND: 'true',
    });
    expect(stdout).toBe('');
    expect(stderr).toContain('through the file transport');
    checkPipeline(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as RunEvent),
    );
  });
});

describe('the quick start prints only what is ours', () => {
  it("the demo's build step shows neither turbo's telemetry notice nor its banner on a fresh machine", async () => {
    const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
    const home = mkdtempSync(join(tmpdir(), 'ol-fresh-home-'));
    // A fresh machine: no turbo config in HOME, no telemetry opt-out in the environment.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TURBO_') && k !== 'DO_NOT_TRACK' && k !== 'CI'));
    const { stdout, stderr } = await run(
      process.execPath,
      [join(repo, 'tooling', 'turbo.mjs'), '--quiet', "the demo's packages", 'run', 'build', '--filter=@ol/example-demo...'],
      {
        cwd: repo,
        env: { ...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      },
    );
    const printed = stdout + stderr;
    expect(printed).not.toMatch(/telemetry/i);
    expect(printed).not.toMatch(/Packages in scope|Tasks:|turbo \d/);
    expect(printed.trim().split('\n')).toEqual(["building the demo's packages…", expect.stringMatching(/^built the demo's packages in [\d.]+ s$/)]);
    // `pnpm test` shows turbo's output (it is the test report), but never the telemetry notice.
    const home2 = mkdtempSync(join(tmpdir(), 'ol-fresh-home-'));
    const loud = await run(process.execPath, [join(repo, 'tooling', 'turbo.mjs'), 'run', 'build', '--filter=@ol/core'], {
      cwd: repo,
      env: { ...env, HOME: home2, XDG_CONFIG_HOME: join(home2, '.config') },
    });
    expect(loud.stdout + loud.stderr).toMatch(/Tasks:/);
    expect(loud.stdout + loud.stderr).not.toMatch(/telemetry/i);
  }, 180_000);
});
