export { run, COMMANDS, topLevelHelp, commandHelp } from './cli.js';
export type { Command } from './command.js';
export type { CliIO, OutputStream } from './io.js';
export { EXIT_OK, EXIT_FAILED, EXIT_USAGE, type ExitCode } from './exit-codes.js';
export { readInputs, type InputRecord } from './input.js';
export { generateFromSchemas, type GenerateResult, type GeneratedFile, type NamingViolation } from './commands/generate/generate.js';
