import path from 'node:path';
import { looksLikeEvent, type OpenLineageEvent } from '@ol/core';
import type { JsonLine } from '@ol/integration';
import { flag, stringOption, UsageError } from '../args.js';
import { createCliClient } from '../cli-client.js';
import { cliLogger } from '../cli-logger.js';
import type { Command } from '../command.js';
import { CONFIG_OPTION_HELP, envWithConfigOption } from '../config-option.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { Progress } from '../progress.js';

const DEFAULT_BATCH = 100;
const DEFAULT_INTERVAL_S = 1;

function positiveNumber(text: string | undefined, name: string, fallback: number, integer: boolean): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
    throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got '${text}'`);
  return n;
}

export const relayCommand: Command = {
  name: 'relay',
  summary: 'forward events from a JSON Lines spool file, resumably',
  usage: '--from FILE --cursor FILE [--follow]',
  help: `Forwards the events in a JSON Lines file (as the file transport writes it with
append: true) to the configured transport, remembering in the cursor file how far it
got. The cursor only moves after the transport accepted a batch, so a relay that is
stopped, killed or loses its backend resumes where it left off: no gaps, and at most
the batch in flight is sent again. Together with the file transport this is a
durable spool in front of a backend that may be down.
A line that is not an event is reported with its line number and skipped. Only one
relay may use a cursor at a time (a lock file next to it enforces this).

Options:
      --from FILE        the JSON Lines file to read (required)
      --cursor FILE      where the position is stored (required; created if missing)
  -f, --follow           keep tailing the file for new events until Ctrl-C
      --batch N          events per batch (default ${DEFAULT_BATCH})
      --interval SECONDS pause between polls when following, and between retries
                         while the backend is down (default ${DEFAULT_INTERVAL_S})
${CONFIG_OPTION_HELP}`,
  options: {
    from: { type: 'string' },
    cursor: { type: 'string' },
    follow: { type: 'boolean', short: 'f' },
    batch: { type: 'string' },
    interval: { type: 'string' },
    config: { type: 'string', short: 'c' },
  },
  async run(args, io) {
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]!}' (the input is --from FILE)`);
    const fromOption = stringOption(args, 'from');
    const cursorOption = stringOption(args, 'cursor');
    if (fromOption === undefined) throw new UsageError('--from FILE.jsonl is required');
    if (cursorOption === undefined) throw new UsageError('--cursor FILE is required');
    const from = path.resolve(io.cwd, fromOption);
    const cursorFile = path.resolve(io.cwd, cursorOption);
    const batch = positiveNumber(stringOption(args, 'batch'), 'batch', DEFAULT_BATCH, true);
    const intervalS = positiveNumber(stringOption(args, 'interval'), 'interval', DEFAULT_INTERVAL_S, false);
    const follow = flag(args, 'follow');
    const env = envWithConfigOption(args, io);

    const progress = new Progress(io.stderr);
    const logger = cliLogger(io, progress);
    // Loaded here, not at start-up: only this command needs the sensor.
    const { createSensor, jsonLinesSource, SensorLockedError } = await import('@ol/integration');
    const client = await createCliClient('relay', env, io, logger);
    if (client === undefined) return EXIT_USAGE;

    let relayed = 0;
    let skipped = 0;
    const report = (message: string) => {
      progress.clear();
      io.stderr.write(`${message}\n`);
    };
    const sensor = createSensor({
      source: jsonLinesSource(from),
      convert: (line: JsonLine): OpenLineageEvent[] => {
        if (line.error !== undefined || !looksLikeEvent(line.value)) {
          skipped += 1;
          report(`${fromOption}:${line.line}: ${line.error !== undefined ? `not JSON (${line.error})` : 'not an OpenLineage event'}; skipped`);
          return [];
        }
        return [line.value];
      },
      target: {
        emit: async (event) => {
          await client.emit(event);
          relayed += 1;
          progress.update(() => `relaying: ${relayed} sent${skipped ? `, ${skipped} skipped` : ''}`);
        },
        flush: (timeoutMs) => client.flush(timeoutMs),
      },
      cursorFile,
      recordLimit: batch,
      intervalSeconds: intervalS,
      logger,
    });

    let failed = false;
    try {
      if (follow) {
        sensor.start();
        await new Promise<void>((resolve) => {
          const unlisten = io.onInterrupt?.(() => {
            unlisten?.();
            resolve();
          });
        });
      } else {
        const result = await sensor.drain();
        failed = result.failed;
      }
    } catch (err) {
      if (!SensorLockedError.isInstance(err)) throw err;
      io.stderr.write(`openlineage relay: ${err.message}\n`);
      await client.close(1000);
      return EXIT_USAGE;
    } finally {
      await sensor.stop();
    }
    await client.close(30_000);
    progress.clear();
    const at = sensor.cursor === undefined ? 'the start' : `line ${sensor.cursor.split(':')[1] ?? '?'}`;
    io.stdout.write(`relayed ${relayed}, skipped ${skipped}; cursor at ${at} of ${fromOption}\n`);
    if (failed) {
      io.stderr.write(`openlineage relay: delivery failed (${client.stats().failed} failed send(s)); run again to resume from the cursor\n`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  },
};
