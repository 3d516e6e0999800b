import { statSync } from 'node:fs';
import path from 'node:path';
import { stringOption, UsageError, type ParsedArgs } from './args.js';
import type { CliIO } from './io.js';

export const CONFIG_OPTION_HELP = `  -c, --config FILE      use this openlineage.yml (same as OPENLINEAGE_CONFIG=FILE)`;

/**
 * `--config FILE` means exactly `OPENLINEAGE_CONFIG=FILE`, so the CLI and the library agree.
 * Unlike the variable, a missing file is an error here: the user named it on purpose.
 */
export function envWithConfigOption(args: ParsedArgs, io: CliIO): Record<string, string | undefined> {
  const file = stringOption(args, 'config');
  if (file === undefined) return io.env;
  const abs = path.resolve(io.cwd, file);
  let isFile = false;
  try {
    isFile = statSync(abs).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new UsageError(`--config ${file}: no such file`);
  return { ...io.env, OPENLINEAGE_CONFIG: abs };
}
