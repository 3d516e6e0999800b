import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './cli.js';
import { PACKAGE_DIR, runCli } from './test-cli.js';

const version = (JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;

describe('openlineage (subprocess)', () => {
  it('prints the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('lists every command and the exit codes in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['emit', 'validate', 'config', 'generate', 'relay', 'view']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stdout).toContain('2  usage or configuration error');
  });

  it('exits 2 with the help when no command is given', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: openlineage <command>');
  });

  it('has --help on every command', async () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(['emit', 'validate', 'config', 'generate', 'relay', 'sql', 'view']);
    for (const c of COMMANDS) {
      const long = await runCli([c.name, '--help']);
      expect(long.code).toBe(0);
      expect(long.stdout).toMatch(new RegExp(`^Usage: openlineage ${c.name} `));
      expect(long.stdout).toContain('Exit codes:');
      const short = await runCli(['help', c.name]);
      expect(short.stdout).toBe(long.stdout);
    }
  });

  it('exits 2 on an unknown command or option, naming it', async () => {
    const unknown = await runCli(['emitt']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'emitt'");
    const option = await runCli(['validate', '--jsn']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--jsn'");
    expect(option.stderr).toContain('Usage: openlineage validate');
  });
});
