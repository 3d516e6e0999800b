import { createLogger, type Logger } from '@ol/core';
import { parseLogLevel } from '@ol/core/internal';
import type { CliIO } from './io.js';
import type { Progress } from './progress.js';

/**
 * The client's logger for CLI runs: its warnings go to stderr (above the progress line), at the
 * level OPENLINEAGE_CLIENT_LOGGING sets. Per-event delivery failures are left out: the command
 * reports each one itself, with the event's position.
 */
export function cliLogger(io: CliIO, progress: Progress): Logger {
  const inner = createLogger({
    level: parseLogLevel(io.env.OPENLINEAGE_CLIENT_LOGGING) ?? 'warn',
    write: (line) => {
      progress.clear();
      io.stderr.write(`${line}\n`);
    },
  });
  return {
    ...inner,
    error: (message, ...rest) => {
      if (message.startsWith('failed to emit OpenLineage event')) return;
      inner.error(message, ...rest);
    },
  };
}
