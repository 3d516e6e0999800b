import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { specDir } from '@ol/spec-files';

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(PACKAGE_DIR, 'dist', 'bin.js');
export const FIXTURES = path.join(PACKAGE_DIR, 'fixtures');
export const SPEC_DIR = specDir();

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `openlineage` bin as a subprocess, as a user would. */
export function runCli(
  args: readonly string[],
  opts: { input?: string; env?: Record<string, string | undefined>; cwd?: string; bin?: string } = {},
): Promise<CliResult> {
  // A clean environment: the developer's own OPENLINEAGE_* variables must not leak into tests, and
  // NODE_PATH (pnpm sets it for scripts, pointing at its hoisted store) would find packages a user's shell would not.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('OPENLINEAGE') && k !== 'NODE_PATH') env[k] = v;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [opts.bin ?? BIN, ...args], { cwd: opts.cwd ?? PACKAGE_DIR, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ol-cli-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
