import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startLineageSink } from '@ol/test-kit';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, runCli, withTempDir } from '../test-cli.js';
import { jsonLines, runEvent } from '../test-events.js';

async function fileTransportConfig(dir: string): Promise<{ config: string; out: string }> {
  const out = path.join(dir, 'out', 'lineage.jsonl');
  const config = path.join(dir, 'ol.yml');
  await writeFile(config, `transport:\n  type: file\n  log_file_path: ${JSON.stringify(out)}\n  append: true\n`);
  return { config, out };
}

async function readLines(file: string): Promise<Record<string, any>[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, any>);
}

describe('openlineage emit (subprocess)', () => {
  it('sends to a file transport; a bad line and an invalid event are reported by line and the rest goes on', async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, 'out'));
      const { config, out } = await fileTransportConfig(dir);
      const first = runEvent();
      const last = runEvent({ eventType: 'COMPLETE' });
      const input = path.join(dir, 'events.jsonl');
      await writeFile(
        input,
        `${JSON.stringify(first)}\n{"eventType": "START", oops\n${JSON.stringify(runEvent({ run: { runId: 'x' } }))}\n\n${JSON.stringify(last)}\n`,
      );
      const r = await runCli(['emit', '--config', config, input], { cwd: dir });
      expect(r.stdout).toBe('sent 2, failed 2, skipped 0\n');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${input}:2: not valid JSON`);
      expect(r.stderr).toContain(`${input}:3: invalid event, not sent: /run/runId must be a valid uuid`);
      const written = await readLines(out);
      expect(written.map((e) => [e.run.runId, e.eventType])).toEqual([
        [(first.run as { runId: string }).runId, 'START'],
        [(last.run as { runId: string }).runId, 'COMPLETE'],
      ]);
    });
  });

  it('reads a JSON array from stdin and posts every event to an HTTP backend', async () => {
    const sink = await startLineageSink();
    try {
      const events = [runEvent(), runEvent({ eventType: 'RUNNING' }), runEvent({ eventType: 'COMPLETE' })];
      const r = await runCli(['emit'], {
        input: JSON.stringify(events, null, 2),
        env: {
          OPENLINEAGE__TRANSPORT__TYPE: 'http',
          OPENLINEAGE__TRANSPORT__URL: sink.url,
          OPENLINEAGE__TRANSPORT__AUTH__TYPE: 'api_key',
          OPENLINEAGE__TRANSPORT__AUTH__API_KEY: 'k-123456',
        },
      });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('sent 3, failed 0, skipped 0\n');
      expect(r.code).toBe(0);
      expect(sink.events.map((e: any) => e.eventType)).toEqual(['START', 'RUNNING', 'COMPLETE']);
      expect(sink.requests[0]!.path).toBe('/api/v1/lineage');
      expect(sink.requests[0]!.headers.authorization).toBe('Bearer k-123456');
    } finally {
      await sink.close();
    }
  });

  it('counts an event the backend refuses as failed, with its position, and sends the others', async () => {
    const sink = await startLineageSink();
    try {
      sink.respondWith([200, { status: 400, body: 'bad event' }]);
      const r = await runCli(['emit', '-'], {
        input: jsonLines([runEvent(), runEvent(), runEvent()]),
        env: { OPENLINEAGE_URL: sink.url },
      });
      expect(r.stdout).toBe('sent 2, failed 1, skipped 0\n');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^<stdin>:2: failed to send: .*400/m);
      expect(sink.events).toHaveLength(2);
    } finally {
      await sink.close();
    }
  });

  it('--dry-run validates and sends nothing', async () => {
    await withTempDir(async (dir) => {
      const { config, out } = await fileTransportConfig(dir);
      const r = await runCli(['emit', '--dry-run', '--config', config], { input: jsonLines([runEvent(), runEvent({ eventTime: 'soon' })]) });
      expect(r.stdout).toBe('sent 0, failed 1, skipped 1 (dry run: 1 valid, nothing sent)\n');
      expect(r.code).toBe(1);
      await expect(readFile(out)).rejects.toThrow();
    });
  });

  it('counts events dropped by a job-name filter as skipped, and sends unvalidated events with --no-validate', async () => {
    await withTempDir(async (dir) => {
      const out = path.join(dir, 'out.jsonl');
      const config = path.join(dir, 'ol.yml');
      await writeFile(
        config,
        `transport:\n  type: file\n  log_file_path: ${JSON.stringify(out)}\n  append: true\nfilters:\n  - type: exact\n    match: noisy\n`,
      );
      const input = jsonLines([
        runEvent(),
        runEvent({ job: { namespace: 'ns', name: 'noisy' } }),
        runEvent({ run: { runId: 'not-a-uuid' } }),
        { hello: 'world' },
      ]);
      const r = await runCli(['emit', '--config', config, '--no-validate'], { input });
      expect(r.stdout).toBe('sent 2, failed 1, skipped 1\n');
      expect(r.stderr).toBe('<stdin>:4: not an OpenLineage event (needs eventTime and a run, job or dataset), not sent\n');
      expect((await readLines(out)).map((e) => e.run.runId)).toContain('not-a-uuid');
    });
  });

  it('skips everything when OPENLINEAGE_DISABLED is true', async () => {
    await withTempDir(async (dir) => {
      const { config, out } = await fileTransportConfig(dir);
      const r = await runCli(['emit', '-c', config], { input: jsonLines([runEvent(), runEvent()]), env: { OPENLINEAGE_DISABLED: 'TRUE' } });
      expect(r.stdout).toBe('sent 0, failed 0, skipped 2 (OPENLINEAGE_DISABLED is true: nothing sent)\n');
      expect(r.code).toBe(0);
      await expect(readFile(out)).rejects.toThrow();
    });
  });

  it('finds a transport package installed in the current directory, as a globally installed CLI must', async () => {
    await withTempDir(async (dir) => {
      // A transport package the CLI itself cannot see: only the project in the cwd has it.
      const pkg = path.join(dir, 'node_modules', 'acme-lineage-transport');
      await mkdir(pkg, { recursive: true });
      await writeFile(
        path.join(pkg, 'package.json'),
        JSON.stringify({ name: 'acme-lineage-transport', version: '1.0.0', type: 'module', exports: './index.js' }),
      );
      await writeFile(
        path.join(pkg, 'index.js'),
        `import { appendFileSync } from 'node:fs';
export default {
  type: 'acme',
  parse: (options) => options.raw,
  create(config) {
    return { type: 'acme', config, async emit(e) { appendFileSync(config.path, JSON.stringify(e) + '\\n'); }, async close() { return true; } };
  },
};
`,
      );
      const out = path.join(dir, 'acme.jsonl');
      await writeFile(path.join(dir, 'openlineage.yml'), `transport:\n  type: acme-lineage-transport\n  path: ${JSON.stringify(out)}\n`);
      const r = await runCli(['emit'], { cwd: dir, input: jsonLines([runEvent()]) });
      expect(r.stdout).toBe('sent 1, failed 0, skipped 0\n');
      expect(r.code).toBe(0);
      expect(await readLines(out)).toHaveLength(1);
    });
  });

  it('run through a global bin symlink, finds a transport installed globally next to it (npm global layout)', async () => {
    await withTempDir(async (dir) => {
      // npm -g puts each package under <prefix>/lib/node_modules with its own dependencies (and peers) nested.
      const root = path.join(dir, 'prefix', 'lib', 'node_modules', '@ol');
      const copy = async (from: string, to: string) => {
        await mkdir(to, { recursive: true });
        await cp(path.join(from, 'package.json'), path.join(to, 'package.json'));
        await cp(path.join(from, 'dist'), path.join(to, 'dist'), { recursive: true });
      };
      await copy(PACKAGE_DIR, path.join(root, 'cli'));
      await copy(path.join(PACKAGE_DIR, '..', 'core'), path.join(root, 'cli', 'node_modules', '@ol', 'core'));
      await copy(path.join(PACKAGE_DIR, '..', 'integration'), path.join(root, 'cli', 'node_modules', '@ol', 'integration'));
      await copy(path.join(PACKAGE_DIR, '..', 'transport-file'), path.join(root, 'transport-file'));
      await copy(path.join(PACKAGE_DIR, '..', 'core'), path.join(root, 'transport-file', 'node_modules', '@ol', 'core'));
      // transport-file's own runtime dependency, where npm puts it.
      await copy(path.join(PACKAGE_DIR, '..', 'delivery'), path.join(root, 'transport-file', 'node_modules', '@ol', 'delivery'));
      const bin = path.join(dir, 'prefix', 'bin', 'openlineage');
      await mkdir(path.dirname(bin));
      await symlink(path.join(root, 'cli', 'dist', 'bin.js'), bin);
      const project = path.join(dir, 'elsewhere');
      await mkdir(project);
      const out = path.join(project, 'out.jsonl');
      const r = await runCli(['emit'], {
        bin,
        cwd: project,
        input: jsonLines([runEvent()]),
        env: { OPENLINEAGE__TRANSPORT__TYPE: 'file', OPENLINEAGE__TRANSPORT__LOG_FILE_PATH: out, OPENLINEAGE__TRANSPORT__APPEND: 'true' },
      });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('sent 1, failed 0, skipped 0\n');
      expect(await readLines(out)).toHaveLength(1);
    });
  });

  it('exits 2 and names the package to install when a transport is missing', async () => {
    await withTempDir(async (dir) => {
      const r = await runCli(['emit'], { cwd: dir, input: jsonLines([runEvent()]), env: { OPENLINEAGE__TRANSPORT__TYPE: 'kafka' } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('@ol/transport-kafka');
      expect(r.stderr).toContain('hint: install @ol/transport-kafka in this project (npm install @ol/transport-kafka) or next to the CLI');
      expect(r.stdout).toBe('');
    });
  });

  it('exits 2 on usage errors before reading anything', async () => {
    expect((await runCli(['emit', '--config', 'missing.yml'])).stderr).toContain('--config missing.yml: no such file');
    expect((await runCli(['emit', 'missing.jsonl'])).code).toBe(2);
    expect((await runCli(['emit', '--timeout', 'soon'])).code).toBe(2);
  });

  it('accepts empty input', async () => {
    await withTempDir(async (dir) => {
      const { config } = await fileTransportConfig(dir);
      const r = await runCli(['emit', '--config', config], { input: '' });
      expect(r.stdout).toBe('sent 0, failed 0, skipped 0 (the input held no events)\n');
      expect(r.code).toBe(0);
    });
  });
});
