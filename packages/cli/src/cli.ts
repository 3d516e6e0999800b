import { parseCommandArgs, UsageError } from './args.js';
import type { Command } from './command.js';
import { configCommand } from './commands/config.js';
import { emitCommand } from './commands/emit.js';
import { generateCommand } from './commands/generate/command.js';
import { relayCommand } from './commands/relay.js';
import { sqlCommand } from './commands/sql.js';
import { validateCommand } from './commands/validate.js';
import { viewCommand } from './commands/view.js';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-codes.js';
import { describeError } from './format.js';
import type { CliIO } from './io.js';
import { cliVersion } from './version.js';

/** The command table: one module per command. */
export const COMMANDS: readonly Command[] = [emitCommand, validateCommand, configCommand, generateCommand, relayCommand, sqlCommand, viewCommand];

export const EXIT_CODES_HELP = `Exit codes:
  0  everything was done
  1  some event failed to send or to validate, or a facet naming rule was broken
     (each is reported with its position; the rest is still processed)
  2  usage or configuration error (nothing was attempted)`;

export function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.usage}`.length)) + 2;
  const rows = COMMANDS.map((c) => `  ${`${c.name} ${c.usage}`.padEnd(width)}${c.summary}`);
  return `Usage: openlineage <command> [options]

The OpenLineage command line: send, check, inspect and draw lineage events, and
generate types for custom facets. Uses the same openlineage.yml and OPENLINEAGE_*
variables as the library.

Commands:
${rows.join('\n')}

Options:
  -h, --help     show help (also after a command: openlineage emit --help)
  -v, --version  print the version

${EXIT_CODES_HELP}
`;
}

export function commandHelp(command: Command): string {
  return `Usage: openlineage ${command.name} ${command.usage}\n\n${command.help.trimEnd()}\n  -h, --help             show this help\n\n${EXIT_CODES_HELP}\n`;
}

/** Runs one invocation; never throws, never exits the process (bin.ts sets the exit code). */
export async function run(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(topic ? commandHelp(topic) : topLevelHelp());
    // Bare `openlineage` is a usage error for scripts, but still prints the help a human wants.
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '-v' || first === '--version' || first === 'version') {
    io.stdout.write(`${cliVersion()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.stderr.write(`openlineage: unknown command '${first}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.\nRun 'openlineage --help' for usage.\n`);
    return EXIT_USAGE;
  }
  try {
    const args = parseCommandArgs(rest, command.options);
    if (args.values.help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT_OK;
    }
    return await command.run(args, io);
  } catch (err) {
    if (UsageError.isInstance(err)) {
      io.stderr.write(`openlineage ${command.name}: ${err.message}\nUsage: openlineage ${command.name} ${command.usage}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`openlineage ${command.name}: ${describeError(err)}\n`);
    return EXIT_USAGE;
  }
}
