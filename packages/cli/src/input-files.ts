import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './args.js';
import { STDIN } from './input.js';

/** Every named file must exist before anything is read or sent: a typo is a usage error, not a half-done run. */
export function checkReadable(files: readonly string[], cwd: string): void {
  const missing = files.filter((f) => {
    if (f === STDIN) return false;
    try {
      return !statSync(path.resolve(cwd, f)).isFile();
    } catch {
      return true;
    }
  });
  if (missing.length > 0) throw new UsageError(`no such file: ${missing.join(', ')}`);
  if (files.filter((f) => f === STDIN).length > 1) throw new UsageError('stdin (-) can be read only once');
}
