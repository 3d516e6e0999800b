import { Context } from './context.js';
import { resolveDialect } from './dialects.js';
import { SqlParseError } from './errors.js';
import { type Col, type Table, qualifiedName } from './model.js';
import type { ColumnLineage, ColumnMeta, ExtractionError, ParseSqlOptions, SqlMeta, TableMeta } from './types.js';
import { visitStatement } from './visitor.js';
import { isTrap, loadParser } from './wasm.js';

const DEFAULT_MAX_LENGTH = 1_000_000;

/**
 * Tables read and written by SQL, and the column lineage between them.
 *
 * `sql` is one string (any number of statements) or an array of them; each array element is
 * parsed on its own, so one that fails becomes an entry of `errors` and the others are still
 * analysed. `USE` changes the defaults for everything after it in the same call.
 */
export async function parseSql(sql: string | readonly string[], options: ParseSqlOptions = {}): Promise<SqlMeta> {
  const elements = checkInput(sql);
  const dialect = resolveDialect(options.dialect);
  const maxLength = checkMaxLength(options.maxLength);
  const parser = await loadParser();
  const ctx = new Context(dialect, options.defaultSchema ?? null, options.defaultDatabase ?? null);
  const errors: ExtractionError[] = [];
  const columnLineage: ColumnLineage[] = [];

  elements.forEach((element, index) => {
    const fail = (message: string): void => {
      errors.push({ index, message, originStatement: element });
    };
    if (element.length > maxLength) {
      fail(`statement is ${element.length} characters long, over the maxLength option (${maxLength}); it was not parsed`);
      return;
    }
    let statements: unknown[];
    try {
      statements = parser.parse(dialect.parser, element);
    } catch (error) {
      fail(parserMessage(error));
      return;
    }
    if (statements.length === 0) {
      // openlineage-sql fails the whole call on an element without any statement; so do we.
      throw new SqlParseError(`element ${index} of the SQL holds no statement (empty or only comments)`, index);
    }
    for (const statement of statements) {
      const depth = ctx.frames.length;
      try {
        visitStatement(statement, ctx);
      } catch (error) {
        ctx.frames.length = depth;
        fail(`lineage walk failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      for (const warning of ctx.warnings.splice(0)) fail(warning);
      for (const { col, ancestors } of ctx.drainColumns().values()) {
        columnLineage.push({ descendant: columnMeta(col), lineage: sortColumns([...ancestors.values()].map(columnMeta)) });
      }
    }
  });

  return {
    inTables: sortTables([...ctx.inputs.values()].map(tableMeta)),
    outTables: sortTables([...ctx.outputs.values()].map(tableMeta)),
    columnLineage: columnLineage.sort((a, b) => compareColumns(a.descendant, b.descendant)),
    errors,
  };
}

function checkInput(sql: unknown): string[] {
  if (typeof sql === 'string') return [sql];
  if (Array.isArray(sql)) {
    sql.forEach((element: unknown, i) => {
      if (typeof element !== 'string') throw new SqlParseError(`parseSql: element ${i} must be a string of SQL, got ${describe(element)}`, i);
    });
    return sql as string[];
  }
  throw new SqlParseError(`parseSql: expected a string of SQL or an array of them, got ${describe(sql)}`);
}

function checkMaxLength(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_LENGTH;
  if (typeof value === 'number' && value > 0 && !Number.isNaN(value)) return value;
  throw new SqlParseError(`parseSql: option maxLength must be a positive number (or Infinity), got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** The parser's message in openlineage-sql's words (without the `sql parser error: ` prefix). */
function parserMessage(error: unknown): string {
  const raw = typeof error === 'object' && error !== null && 'message' in error ? error.message : error;
  const text = String(raw);
  const message = text.replace(/^sql parser error: /, '');
  if (/recursion limit exceeded/i.test(message)) return 'Recursion limit exceeded when parsing SQL';
  if (error instanceof RangeError || isTrap(error)) return `the parser failed on this statement (${message}); it is probably too deeply nested`;
  return message;
}

function tableMeta(t: Table): TableMeta {
  const meta: TableMeta = { database: t.database, schema: t.schema, name: t.name, qualifiedName: qualifiedName(t) };
  if (t.providedNamespace) meta.providedNamespace = true;
  return meta;
}

function columnMeta(c: Col): ColumnMeta {
  return { origin: c.origin ? tableMeta(c.origin) : null, name: c.name };
}

/** Rust's ordering of `Option<String>`: absent first, then byte order. */
function compareOptional(a: string | null | undefined, b: string | null | undefined): number {
  if (a == null || b == null) return (a == null ? 0 : 1) - (b == null ? 0 : 1);
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareTables(a: TableMeta | null | undefined, b: TableMeta | null | undefined): number {
  if (a == null || b == null) return (a == null ? 0 : 1) - (b == null ? 0 : 1);
  return (
    compareOptional(a.database, b.database) ||
    compareOptional(a.schema, b.schema) ||
    compareOptional(a.name, b.name) ||
    (a.providedNamespace ? 1 : 0) - (b.providedNamespace ? 1 : 0)
  );
}

function compareColumns(a: ColumnMeta, b: ColumnMeta): number {
  return compareTables(a.origin, b.origin) || compareOptional(a.name, b.name);
}

function sortTables(tables: TableMeta[]): TableMeta[] {
  return tables.sort(compareTables);
}

function sortColumns(columns: ColumnMeta[]): ColumnMeta[] {
  return columns.sort(compareColumns);
}
