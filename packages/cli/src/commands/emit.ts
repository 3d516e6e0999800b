import { looksLikeEvent, type OpenLineageClient, type OpenLineageEvent, validateEvent } from '@ol/core';
import { flag, stringOption, UsageError } from '../args.js';
import { createCliClient } from '../cli-client.js';
import { cliLogger } from '../cli-logger.js';
import type { Command } from '../command.js';
import { CONFIG_OPTION_HELP, envWithConfigOption } from '../config-option.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { describeError } from '../format.js';
import { readInputs, STDIN } from '../input.js';
import { checkReadable } from '../input-files.js';
import { Progress } from '../progress.js';

const DEFAULT_CLOSE_TIMEOUT_S = 30;

export const emitCommand: Command = {
  name: 'emit',
  summary: 'send events through the configured transport',
  usage: '[FILE...] [--config FILE] [--dry-run]',
  help: `Reads events (JSON, a JSON array, or JSON Lines) from each FILE, or stdin when
there is none or FILE is -, and sends them through the transport configured exactly
as for the library: openlineage.yml ($OPENLINEAGE_CONFIG, ./openlineage.yml,
~/.openlineage/openlineage.yml), OPENLINEAGE__* variables, OPENLINEAGE_URL.
Events go through the client as in an application (job-name filters, tags,
environment-variables facet). Each event is validated first; an invalid one is not
sent. A line that is not JSON, an invalid event or a failed send is reported with
its position and the rest goes on. Prints "sent N, failed N, skipped N"
(skipped: disabled by OPENLINEAGE_DISABLED, dropped by a filter, or --dry-run).

Options:
${CONFIG_OPTION_HELP}
  -n, --dry-run          validate only; send nothing
      --no-validate      send events as they are, without validating them first
      --timeout SECONDS  how long to wait for delivery at the end (default ${DEFAULT_CLOSE_TIMEOUT_S})`,
  options: {
    config: { type: 'string', short: 'c' },
    'dry-run': { type: 'boolean', short: 'n' },
    'no-validate': { type: 'boolean' },
    timeout: { type: 'string' },
  },
  async run(args, io) {
    const files = args.positionals;
    checkReadable(files, io.cwd);
    const env = envWithConfigOption(args, io);
    const dryRun = flag(args, 'dry-run');
    const validate = !flag(args, 'no-validate');
    const timeoutText = stringOption(args, 'timeout');
    const timeoutS = timeoutText === undefined ? DEFAULT_CLOSE_TIMEOUT_S : Number(timeoutText);
    if (!Number.isFinite(timeoutS) || timeoutS < 0) throw new UsageError(`--timeout must be a number of seconds, got '${timeoutText}'`);
    if (dryRun && !validate) throw new UsageError('--dry-run with --no-validate would do nothing');

    const progress = new Progress(io.stderr);
    let client: OpenLineageClient | undefined;
    if (!dryRun) {
      client = await createCliClient('emit', env, io, cliLogger(io, progress));
      if (client === undefined) return EXIT_USAGE;
    }
    if ((files.length === 0 || files.includes(STDIN)) && io.stdin.isTTY === true) {
      io.stderr.write('reading events from stdin (end with Ctrl-D)\n');
    }

    const report = (position: string, message: string) => {
      progress.clear();
      io.stderr.write(`${position}: ${message}\n`);
    };
    let read = 0;
    let rejected = 0; // not JSON, not an event, or invalid: never handed to the client
    let valid = 0;
    let skipped = 0;
    for await (const record of readInputs(files, io.stdin, io.cwd)) {
      read += 1;
      progress.update(() => {
        const s = client?.stats();
        return `emitting: ${read} read, ${s ? `${s.success} sent, ${s.failed + rejected} failed` : `${rejected} invalid`}`;
      });
      if (record.error !== undefined) {
        rejected += 1;
        report(record.position, record.error);
        continue;
      }
      if (validate) {
        const problems = validateEvent(record.value);
        if (problems.length > 0) {
          rejected += 1;
          report(record.position, `invalid event, not sent: ${problems.map((p) => `${p.pointer || '/'} ${p.message}`).join('; ')}`);
          continue;
        }
      } else if (!looksLikeEvent(record.value)) {
        rejected += 1;
        report(record.position, 'not an OpenLineage event (needs eventTime and a run, job or dataset), not sent');
        continue;
      }
      valid += 1;
      if (client === undefined) continue;
      if (client.disabled) {
        skipped += 1;
        continue;
      }
      const filteredBefore = client.stats().filtered;
      try {
        await client.emit(record.value as OpenLineageEvent);
      } catch (err) {
        report(record.position, `failed to send: ${describeError(err)}`);
      }
      if (client.stats().filtered > filteredBefore) skipped += 1;
    }

    let sent = 0;
    let failed = rejected;
    if (client !== undefined) {
      const delivered = await client.close(timeoutS * 1000);
      const s = client.stats();
      sent = s.success;
      // Background transports settle their counts only now; whatever is still pending did not make it.
      failed += s.failed + s.dropped + s.pending;
      if (!delivered && s.pending > 0) report('emit', `${s.pending} event(s) still pending after ${timeoutS}s; counted as failed`);
    } else {
      skipped = valid;
    }
    progress.clear();
    const notes: string[] = [];
    if (dryRun) notes.push(`dry run: ${valid} valid, nothing sent`);
    if (client?.disabled) notes.push('OPENLINEAGE_DISABLED is true: nothing sent');
    if (read === 0) notes.push('the input held no events');
    io.stdout.write(`sent ${sent}, failed ${failed}, skipped ${skipped}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}\n`);
    return failed > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
