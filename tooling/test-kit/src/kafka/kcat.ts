/**
 * Runs Debian's `kcat` (librdkafka) against the test broker, so tests check the broker, and what a
 * transport wrote, with a client this project did not write.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface KcatMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  /** Header names and values, flattened as kcat prints them: [name, value, name, value, …]. */
  headers?: string[];
}

/** Absolute path of `kcat` (or `kafkacat`) on PATH, or null when it is not installed. */
export function kcatPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['kcat', 'kafkacat']) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** Runs kcat with `args`; rejects with its stderr when it fails or outlives `timeoutMs`. */
export function runKcat(args: readonly string[], timeoutMs = 20_000): Promise<string> {
  const bin = kcatPath();
  if (bin === null) return Promise.reject(new Error('kcat is not installed (apt-get install -y kcat)'));
  return new Promise((resolve, reject) => {
    execFile(bin, [...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`kcat ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Consumes `topic` from the beginning to its end (`kcat -C -o beginning -e -J`). */
export async function consumeWithKcat(bootstrap: string, topic: string, extraArgs: readonly string[] = []): Promise<KcatMessage[]> {
  const out = await runKcat(['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-J', '-q', ...extraArgs]);
  return out
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as KcatMessage);
}
