import { createInputDataset, createOutputDataset, facets, type InputDataset, type InputField, naming, type OutputDataset, type SQLJobFacet } from '@ol/core';
import { SqlParseError } from './errors.js';
import type { SqlMeta, TableMeta } from './types.js';

export interface SqlLineageOptions {
  /**
   * Dataset namespace of the database, e.g. `postgres://host:5432` (a URI is normalised with core's
   * `naming.fromUri`: default port filled in, credentials and path dropped).
   */
  namespace: string;
  /** Database for tables the SQL names without one (as in the dataset naming spec). */
  defaultDatabase?: string;
  /** Schema for tables the SQL names without one. */
  defaultSchema?: string;
  /** The SQL, for the `sql` job facet; several statements are joined with `;\n`. */
  query?: string | readonly string[];
  /** Dialect for the `sql` job facet. */
  dialect?: string;
}

export interface SqlLineage {
  inputs: InputDataset[];
  outputs: OutputDataset[];
  /** `{ sql }` when a query was given, else empty. */
  jobFacets: { sql?: SQLJobFacet };
}

/**
 * Turns `parseSql`'s answer into OpenLineage datasets: one input per table read, one output per
 * table written, each output with a `columnLineage` facet (openlineage-sql does not say which
 * output a column belongs to, so every output gets the call's column lineage), and a `sql` job facet.
 */
export function sqlLineage(meta: SqlMeta, options: SqlLineageOptions): SqlLineage {
  if (typeof options.namespace !== 'string' || options.namespace.trim() === '') {
    throw new SqlParseError(`sqlLineage: option namespace must be a non-empty string such as "postgres://host:5432", got ${JSON.stringify(options.namespace)}`);
  }
  const namespace = normaliseNamespace(options.namespace);
  const id = (t: TableMeta): { namespace: string; name: string } => {
    if (t.providedNamespace && /^[a-z][a-z0-9+.-]*:\/\//i.test(t.name)) return naming.fromUri(t.name);
    const parts = [t.database ?? options.defaultDatabase, t.schema ?? options.defaultSchema, t.name].filter((p): p is string => Boolean(p));
    return { namespace, name: parts.join('.') };
  };

  const fields: Record<string, { inputFields: InputField[] }> = {};
  for (const { descendant, lineage } of meta.columnLineage) {
    const inputFields = lineage.filter((c) => c.origin).map((c) => ({ ...id(c.origin!), field: c.name }));
    if (inputFields.length === 0) continue;
    const entry = (fields[descendant.name] ??= { inputFields: [] });
    for (const f of inputFields) {
      if (!entry.inputFields.some((e) => e.namespace === f.namespace && e.name === f.name && e.field === f.field)) entry.inputFields.push(f);
    }
  }
  const datasetFacets = Object.keys(fields).length > 0 ? { columnLineage: facets.columnLineageDataset({ fields }) } : undefined;

  const query = typeof options.query === 'string' ? options.query : options.query?.join(';\n');
  return {
    inputs: meta.inTables.map((t) => createInputDataset(id(t))),
    outputs: meta.outTables.map((t) => createOutputDataset(id(t), datasetFacets)),
    jobFacets: query ? { sql: facets.sqlJob({ query, ...(options.dialect ? { dialect: options.dialect } : {}) }) } : {},
  };
}

/** `postgres://host` → `postgres://host:5432` through core's naming rules; other text is kept. */
function normaliseNamespace(namespace: string): string {
  if (!namespace.includes('://')) return namespace;
  try {
    // fromUri wants a whole dataset URI; a placeholder path gives the namespace part alone.
    return naming.fromUri(`${namespace.replace(/\/+$/, '')}/db/schema/table`).namespace;
  } catch {
    return namespace;
  }
}
