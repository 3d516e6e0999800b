/**
 * Helpers for the cases ported from openlineage-sql's test suite: they give `parseSql`'s answer in
 * the shape of the Rust `SqlMeta`, so each ported case reads like the original.
 */
import { parseSql } from '../parse-sql.js';
import type { ColumnMeta, SqlMeta, TableMeta } from '../types.js';

export interface UTable {
  database: string | null;
  schema: string | null;
  name: string;
  provided_namespace: boolean;
}

function utable(t: TableMeta): UTable {
  const out = { database: t.database ?? null, schema: t.schema ?? null, name: t.name, provided_namespace: t.providedNamespace === true };
  // Not enumerable, so comparisons ignore it; the ported cases call it like the Rust method.
  Object.defineProperty(out, 'qualified_name', { value: () => t.qualifiedName, enumerable: false });
  return out;
}

function ucolumn(c: ColumnMeta): { origin: UTable | null; name: string } {
  return { origin: c.origin ? utable(c.origin) : null, name: c.name };
}

export function adapt(meta: SqlMeta) {
  return {
    table_lineage: { in_tables: meta.inTables.map(utable), out_tables: meta.outTables.map(utable) },
    column_lineage: meta.columnLineage.map((l) => ({ descendant: ucolumn(l.descendant), lineage: l.lineage.map(ucolumn) })),
    errors: meta.errors.map((e) => ({ index: e.index, message: e.message, origin_statement: e.originStatement })),
  };
}

export async function parseSqlRaw(sql: string, dialect: string, defaultSchema: string | null) {
  return adapt(await parseSql(sql, { dialect, ...(defaultSchema === null ? {} : { defaultSchema }) }));
}

export async function parseMultipleRaw(sql: string[], dialect: string, defaultSchema: string | null) {
  return adapt(await parseSql(sql, { dialect, ...(defaultSchema === null ? {} : { defaultSchema }) }));
}

export const testSql = (sql: string) => parseSqlRaw(sql, 'postgres', null);
export const testSqlDialect = (sql: string, dialect: string) => parseSqlRaw(sql, dialect, null);
export const testMultipleSql = (sql: string[]) => parseMultipleRaw(sql, 'postgres', null);
export const testMultipleSqlDialect = (sql: string[], dialect: string) => parseMultipleRaw(sql, dialect, null);

/** openlineage-sql's `DbTableMeta::new_default_dialect`: dotted name, quotes stripped. */
export function table(name: string): UTable {
  const parts = name
    .split('.')
    .map((p) => (p.length > 1 && `'"\`[`.includes(p[0]!) ? p.slice(1, -1) : p))
    .reverse();
  return { database: parts[2] ?? null, schema: parts[1] ?? null, name: parts[0]!, provided_namespace: false };
}

export function tables(names: string[]): UTable[] {
  return names.map(table);
}

/** `DbTableMeta::new_default_dialect_with_namespace_and_schema`: the whole text is the name. */
// The third argument of the Rust helper, provided_field_schema, is not part of our TableMeta.
export function nsTable(name: string, providedNamespace: boolean): UTable {
  return { database: null, schema: null, name, provided_namespace: providedNamespace };
}

/** Drops what our TableMeta does not carry (quote styles, provided_field_schema) before comparing. */
export function norm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(norm);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'quote_style' || k === 'provided_field_schema') continue;
      out[k] = norm(v === undefined ? null : v);
    }
    return out;
  }
  return value;
}
