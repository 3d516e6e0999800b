import { ConfigError, type Logger, OpenLineageClient } from '@ol/core';
import { installHint } from './format.js';
import type { CliIO } from './io.js';

/** Prints a configuration problem, with a hint when a transport package is missing. */
export function reportConfigProblem(command: string, message: string, io: CliIO): void {
  io.stderr.write(`openlineage ${command}: ${message}\n`);
  const hint = installHint(message);
  if (hint !== undefined) io.stderr.write(`${hint}\n`);
}

/**
 * The library's client for a CLI run, built exactly as an application's would be. Delivery
 * failures reject (`failOnError`), so commands can report each with its position. A config
 * mistake is reported here and gives `undefined` (the command exits 2).
 */
export async function createCliClient(
  command: string,
  env: Record<string, string | undefined>,
  io: CliIO,
  logger: Logger,
): Promise<OpenLineageClient | undefined> {
  try {
    return await OpenLineageClient.create({ env, cwd: io.cwd, failOnError: true, logger });
  } catch (err) {
    if (!ConfigError.isInstance(err)) throw err;
    reportConfigProblem(command, err.message, io);
    return undefined;
  }
}
