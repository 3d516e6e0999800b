import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { flag, stringOption, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import { toJsonText } from '../format.js';

const STDIN = '-';

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'tables read and written, and column lineage, of SQL (as openlineage-sql)',
  usage: '<SQL|FILE|->... [--dialect D] [--json]',
  help: `Parses SQL with the same parser and rules as openlineage-sql and prints the tables it
reads and writes and the lineage of each output column. Each argument is SQL text, a
file holding SQL, or - for stdin; each is parsed on its own (a failure in one does not
stop the others), and USE in one applies to those after it.

Options:
      --dialect D           ansi, bigquery, databricks, hive, mysql, mssql, postgres, redshift,
                            snowflake, sqlite, generic (default), duckdb, clickhouse, oracle,
                            spark, teradata
      --default-schema S    schema for tables named without one
      --default-database D  database for tables named without one
      --json                print parseSql's result as JSON

Exit code 1 when some statement did not parse (the others are still reported).`,
  options: {
    dialect: { type: 'string' },
    'default-schema': { type: 'string' },
    'default-database': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('give the SQL to analyse: text, a file, or - for stdin');
    if (args.positionals.filter((p) => p === STDIN).length > 1) throw new UsageError('stdin (-) can be read only once');
    const elements: string[] = [];
    for (const arg of args.positionals) elements.push(await readSql(arg, io.cwd, io.stdin));
    const dialect = stringOption(args, 'dialect');
    const defaultSchema = stringOption(args, 'default-schema');
    const defaultDatabase = stringOption(args, 'default-database');

    // Loaded here so the other commands never pay for the parser's WASM.
    const { parseSql, DIALECTS, SqlParseError } = await import('@ol/sql');
    if (dialect !== undefined && !DIALECTS.includes(dialect)) throw new UsageError(`--dialect ${dialect}: not one of ${DIALECTS.join(', ')}`);
    let meta;
    try {
      meta = await parseSql(elements, {
        ...(dialect ? { dialect } : {}),
        ...(defaultSchema ? { defaultSchema } : {}),
        ...(defaultDatabase ? { defaultDatabase } : {}),
      });
    } catch (err) {
      if (SqlParseError.isInstance(err)) throw new UsageError(err.message);
      throw err;
    }

    if (flag(args, 'json')) {
      io.stdout.write(toJsonText(meta));
    } else {
      const out: string[] = [];
      const section = (title: string, lines: string[]) => {
        out.push(`${title}:`);
        out.push(...(lines.length > 0 ? lines.map((l) => `  ${l}`) : ['  (none)']));
      };
      section(
        'inputs',
        meta.inTables.map((t) => t.qualifiedName),
      );
      section(
        'outputs',
        meta.outTables.map((t) => t.qualifiedName),
      );
      section(
        'column lineage',
        meta.columnLineage.map(
          (l) => `${l.descendant.name} <- ${l.lineage.map((c) => (c.origin ? `${c.origin.qualifiedName}.${c.name}` : c.name)).join(', ') || '(no column)'}`,
        ),
      );
      if (meta.errors.length > 0) {
        const label = (i: number) => (args.positionals.length > 1 ? `[${args.positionals[i]}] ` : '');
        section(
          'errors',
          meta.errors.map((e) => `${label(e.index)}${e.message}`),
        );
      }
      io.stdout.write(`${out.join('\n')}\n`);
    }
    return meta.errors.length > 0 ? EXIT_FAILED : EXIT_OK;
  },
};

/** An argument is stdin (`-`), an existing file, or else SQL text itself. */
async function readSql(arg: string, cwd: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (arg === STDIN) {
    let text = '';
    stdin.setEncoding('utf8');
    for await (const chunk of stdin) text += String(chunk);
    return text;
  }
  const file = path.resolve(cwd, arg);
  if (!/\s/.test(arg) && existsSync(file) && statSync(file).isFile()) return readFile(file, 'utf8');
  return arg;
}
