import type { OptionSpec, ParsedArgs } from './args.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';

export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** `openlineage <name> <usage>`. */
  usage: string;
  /** Full help text printed by `<command> --help` (after the usage line). */
  help: string;
  options: OptionSpec;
  run(args: ParsedArgs, io: CliIO): Promise<ExitCode>;
}
