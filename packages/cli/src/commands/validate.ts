import { validateEvent } from '@ol/core';
import { flag } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import { plural, toJsonText } from '../format.js';
import { readInputs } from '../input.js';
import { checkReadable } from '../input-files.js';
import { Progress } from '../progress.js';

export interface ValidationReportProblem {
  /** Where the event is in the input: `file:line`, `file[index]`. */
  position: string;
  /** JSON pointer into the event ('' for the event itself). */
  pointer: string;
  message: string;
  schema?: string;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check events against spec 2-0-2 and the standard facet schemas',
  usage: '[FILE...] [--json]',
  help: `Reads events (JSON, a JSON array, or JSON Lines) from each FILE, or stdin when
there is none or FILE is -, and checks each against the spec 2-0-2 model and each
standard facet against its own schema (custom facets must be valid base facets).
Prints every problem with the event's position and a JSON pointer into it.

Options:
      --json             print one JSON report on stdout instead of text`,
  options: {
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const files = args.positionals;
    checkReadable(files, io.cwd);
    const json = flag(args, 'json');
    const progress = new Progress(io.stderr);
    const problems: ValidationReportProblem[] = [];
    let events = 0;
    let invalid = 0;
    for await (const record of readInputs(files, io.stdin, io.cwd)) {
      events += 1;
      const found: ValidationReportProblem[] =
        record.error !== undefined
          ? [{ position: record.position, pointer: '', message: record.error }]
          : validateEvent(record.value).map((p) => ({
              position: record.position,
              pointer: p.pointer,
              message: p.message,
              ...(p.schema !== undefined ? { schema: p.schema } : {}),
            }));
      if (found.length > 0) {
        invalid += 1;
        problems.push(...found);
        if (!json) {
          progress.clear();
          for (const p of found) io.stdout.write(`${p.position}: ${formatProblem(p)}\n`);
        }
      }
      progress.update(() => `validating: ${events} read, ${invalid} invalid`);
    }
    progress.clear();
    if (json) {
      io.stdout.write(toJsonText({ valid: invalid === 0, events, invalid, problems }));
    } else {
      const summary =
        invalid === 0
          ? `${plural(events, 'event')}: all valid`
          : `${plural(events, 'event')}: ${events - invalid} valid, ${invalid} invalid (${plural(problems.length, 'problem')})`;
      io.stdout.write(`${summary}\n`);
      if (events === 0) io.stderr.write('warning: the input held no events\n');
    }
    return invalid === 0 ? EXIT_OK : EXIT_FAILED;
  },
};

/** Parse errors have no pointer: they are about the text, not a member of the event. */
function formatProblem(p: ValidationReportProblem): string {
  if (p.pointer === '' && p.schema === undefined) return p.message;
  return `${p.pointer || '/'} ${p.message}${p.schema ? ` (${p.schema})` : ''}`;
}
