import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { looksLikeEvent } from '@ol/core';
import { flag, stringOption, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import { describeError, plural } from '../format.js';
import { readInputs } from '../input.js';
import { checkReadable } from '../input-files.js';
import type { CliIO } from '../io.js';

const FORMATS = ['html', 'mermaid', 'dot'] as const;
type Format = (typeof FORMATS)[number];
const DEFAULT_OUT = 'lineage.html';

export const viewCommand: Command = {
  name: 'view',
  summary: 'draw the lineage graph: an offline HTML page, Mermaid or DOT',
  usage: '[FILE...] [--out FILE] [--format html|mermaid|dot] [--open]',
  help: `Reads events (JSON, a JSON array, or JSON Lines) from each FILE, or stdin when
there is none or FILE is -, and draws their lineage: a node per job and per dataset,
dataset → job for inputs and job → dataset for outputs, child jobs inside their parent
job, each job coloured by the state of its latest run.
html (the default) writes one self-contained page (no network, works from file://):
click a node for its runs, facets, schema and column lineage; search; zoom and pan.
mermaid and dot print a Mermaid flowchart or a Graphviz digraph on stdout.
A line that is not an event is reported with its position and skipped (exit code 1,
the picture is still drawn); input without any event is an error.

Options:
  -o, --out FILE         where to write, - for stdout (html default: ${DEFAULT_OUT};
                         mermaid and dot default to stdout)
  -f, --format FORMAT    html, mermaid or dot (default html)
      --open             open the written file in a browser ($BROWSER, else the
                         system's opener)
      --title TEXT       the page's title (default: the input file names)`,
  options: {
    out: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
    open: { type: 'boolean' },
    title: { type: 'string' },
  },
  async run(args, io) {
    const files = args.positionals;
    const formatOption = stringOption(args, 'format') ?? 'html';
    if (!(FORMATS as readonly string[]).includes(formatOption)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${formatOption}'`);
    const format = formatOption as Format;
    const outOption = stringOption(args, 'out') ?? (format === 'html' ? DEFAULT_OUT : undefined);
    const out = outOption === '-' ? undefined : outOption;
    const open = flag(args, 'open');
    if (open && out === undefined) throw new UsageError(`--open needs a file to open: add --out FILE.${format === 'dot' ? 'dot' : 'mmd'}`);
    checkReadable(files, io.cwd);

    const events: unknown[] = [];
    let skipped = 0;
    for await (const record of readInputs(files, io.stdin, io.cwd)) {
      if (record.error !== undefined) {
        skipped += 1;
        io.stderr.write(`${record.position}: ${record.error}; skipped\n`);
      } else if (!looksLikeEvent(record.value)) {
        skipped += 1;
        io.stderr.write(`${record.position}: not an OpenLineage event (needs eventTime and a job or a dataset); skipped\n`);
      } else {
        events.push(record.value);
      }
    }
    const inputs = files.length === 0 ? ['<stdin>'] : files.map((f) => (f === '-' ? '<stdin>' : f));
    if (events.length === 0) {
      io.stderr.write(`openlineage view: no OpenLineage events in ${inputs.join(', ')}\n`);
      return EXIT_FAILED;
    }

    // Loaded here, not at start-up: only this command needs the renderer and its page script.
    const view = await import('@ol/lineage-view');
    const graph = view.buildLineageGraph(events);
    const text =
      format === 'html'
        ? view.renderHtml(graph, { title: stringOption(args, 'title') ?? `Lineage of ${inputs.map((f) => path.basename(f)).join(', ')}` })
        : format === 'mermaid'
          ? view.toMermaid(graph)
          : view.toDot(graph);
    if (out === undefined) io.stdout.write(text);
    else await writeFile(path.resolve(io.cwd, out), text);
    io.stderr.write(
      `${plural(graph.events, 'event')}, ${plural(graph.jobs.length, 'job')}, ${plural(graph.datasets.length, 'dataset')}, ` +
        `${plural(graph.edges.length, 'edge')} → ${out ?? 'stdout'}\n`,
    );
    if (open && out !== undefined) await openFile(path.resolve(io.cwd, out), io);
    return skipped > 0 ? EXIT_FAILED : EXIT_OK;
  },
};

/** Hands the file to $BROWSER or the platform's opener; failing to open is a warning, the file is written. */
async function openFile(file: string, io: CliIO): Promise<void> {
  const url = pathToFileURL(file).href;
  const browser = io.env.BROWSER?.trim();
  const [command, ...args] = browser
    ? [browser, url]
    : process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  await new Promise<void>((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env: io.env });
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
    child.once('error', (err) => {
      io.stderr.write(`warning: could not open a browser (${command}: ${describeError(err)}); open ${file} yourself\n`);
      resolve();
    });
  });
}
