import type { DialectInfo } from './dialects.js';

/** One part of a dotted name as the parser gives it. */
export interface Ident {
  value: string;
  quote_style?: string | null;
}

/** A table as the walk tracks it; `TableMeta` is made from it at the end. */
export interface Table {
  database: string | null;
  schema: string | null;
  name: string;
  providedNamespace: boolean;
}

export interface Col {
  origin: Table | null;
  name: string;
}

export function tableKey(t: Table): string {
  return `${t.database ?? '\u0000'}\u0001${t.schema ?? '\u0000'}\u0001${t.name}\u0001${t.providedNamespace ? 1 : 0}`;
}

export function colKey(c: Col): string {
  return `${c.origin ? tableKey(c.origin) : '\u0000'}\u0002${c.name}`;
}

export function qualifiedName(t: Table): string {
  return [t.database, t.schema, t.name].filter((p): p is string => p !== null).join('.');
}

export function sameTable(a: Table | null, b: Table | null): boolean {
  if (a === null || b === null) return a === b;
  return tableKey(a) === tableKey(b);
}

/** Strips the quote pair from a name that still carries one (e.g. from `IDENTIFIER('"x"')`). */
function canonicalName(value: string, dialect: DialectInfo): string {
  if (value.length === 0 || !dialect.quotes.includes(value[0]!)) return value;
  return value.slice(1, -1);
}

/**
 * A table from the parts of a name: the last is the table, the one before the schema, the one
 * before that the database; missing parts take the defaults.
 */
export function makeTable(idents: readonly Ident[], dialect: DialectInfo, defaultSchema: string | null, defaultDatabase: string | null): Table {
  const parts = idents.map((i) => canonicalName(i.value, dialect)).reverse();
  return {
    database: parts[2] ?? defaultDatabase,
    schema: parts[1] ?? defaultSchema,
    name: parts[0] ?? '',
    providedNamespace: false,
  };
}

/** A location whose whole text is the name (stages, URLs): no database or schema. */
export function makeLocation(idents: readonly Ident[], providedNamespace: boolean): Table {
  return { database: null, schema: null, name: idents.map((i) => i.value).join('.'), providedNamespace };
}
