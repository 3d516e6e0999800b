/**
 * Dialect names as openlineage-sql accepts them, plus the other dialects the parser has.
 * `parser` is the parser's own name for it; `quotes` the characters that open a delimited
 * identifier in that dialect (what openlineage-sql strips from names).
 */
export interface DialectInfo {
  readonly name: string;
  readonly parser: string;
  readonly quotes: string;
}

const table: Record<string, { parser: string; quotes: string }> = {
  ansi: { parser: 'ansi', quotes: '"`' },
  bigquery: { parser: 'bigquery', quotes: '`' },
  databricks: { parser: 'databricks', quotes: '`' },
  hive: { parser: 'hive', quotes: '"`' },
  mysql: { parser: 'mysql', quotes: '`' },
  mssql: { parser: 'mssql', quotes: '"[' },
  sqlserver: { parser: 'mssql', quotes: '"[' },
  postgres: { parser: 'postgresql', quotes: '"' },
  postgresql: { parser: 'postgresql', quotes: '"' },
  redshift: { parser: 'redshift', quotes: '"[' },
  snowflake: { parser: 'snowflake', quotes: '"`' },
  sqlite: { parser: 'sqlite', quotes: '`"[' },
  generic: { parser: 'generic', quotes: '"`' },
  // Not in openlineage-sql; the parser has them.
  duckdb: { parser: 'duckdb', quotes: '"' },
  clickhouse: { parser: 'clickhouse', quotes: '"`' },
  oracle: { parser: 'oracle', quotes: '"' },
  spark: { parser: 'spark', quotes: '`' },
  teradata: { parser: 'teradata', quotes: '"' },
};

/** Every accepted dialect name, in the order the README lists them. */
export const DIALECTS: readonly string[] = Object.keys(table);

let warned = false;

/**
 * The dialect for a name. Like openlineage-sql, an unknown name means `generic`; unlike it, the
 * first unknown name is reported once through `warn` so a typo does not go unnoticed.
 */
export function resolveDialect(name: string | undefined, warn: (message: string) => void = defaultWarn): DialectInfo {
  const key = name ?? 'generic';
  const hit = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  if (hit) return { name: key, ...hit };
  if (!warned) {
    warned = true;
    warn(`@ol/sql: unknown dialect ${JSON.stringify(key)}, parsing as "generic"; accepted dialects: ${DIALECTS.join(', ')}`);
  }
  return { name: 'generic', ...table.generic! };
}

function defaultWarn(message: string): void {
  process.emitWarning(message, { code: 'OL_SQL_UNKNOWN_DIALECT' });
}

/** For tests: forget that the warning was given. */
export function resetDialectWarning(): void {
  warned = false;
}
