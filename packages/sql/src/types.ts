/** A table (or, for Snowflake stages and URLs, a location) that a statement reads or writes. */
export interface TableMeta {
  database?: string | null;
  schema?: string | null;
  name: string;
  /** The present parts joined by `.`. */
  qualifiedName: string;
  /**
   * Set (true) only for locations whose whole text is the name and which carry their own namespace:
   * Snowflake stages (`@stage/path`) and `s3://`, `gcs://`, `azure://` URLs in `COPY INTO`.
   */
  providedNamespace?: true;
}

export interface ColumnMeta {
  /** The table the column belongs to; `null` for the columns a statement produces. */
  origin?: TableMeta | null;
  name: string;
}

export interface ColumnLineage {
  descendant: ColumnMeta;
  lineage: ColumnMeta[];
}

export interface ExtractionError {
  /** Position of the failing element in the input array (0 for a single string). */
  index: number;
  message: string;
  /** The element exactly as it was given. */
  originStatement: string;
}

export interface SqlMeta {
  inTables: TableMeta[];
  outTables: TableMeta[];
  columnLineage: ColumnLineage[];
  errors: ExtractionError[];
}

export interface ParseSqlOptions {
  /** Dialect name as openlineage-sql accepts it (see the README's table); default `generic`. */
  dialect?: string;
  /** Schema for table references that name none. */
  defaultSchema?: string;
  /** Database for table references that name none. */
  defaultDatabase?: string;
  /**
   * Longest element (in characters) handed to the parser; longer ones become an `errors` entry.
   * The parser's AST is about 50 times the size of the SQL, so this bounds memory and time.
   * Default 1,000,000; `Infinity` turns the check off.
   */
  maxLength?: number;
}
