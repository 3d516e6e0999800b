import { facets, type InputDataset, type JobFacet, type OutputDataset, type RunFacet } from '@ol/core';
import { sqlLineage } from './lineage.js';
import { parseSql } from './parse-sql.js';

/** What a SQL task may carry; every member but `sql` overrides the extractor's option of that name. */
export interface SqlTaskFields {
  sql?: string | readonly string[];
  dialect?: string;
  namespace?: string;
  defaultDatabase?: string;
  defaultSchema?: string;
}

export interface SqlExtractorOptions {
  /** Task types (class names or `taskType` values) whose tasks carry SQL. */
  taskTypes: readonly string[];
  /** Dataset namespace of the database the tasks run against, e.g. `postgres://db:5432`. */
  namespace: string;
  dialect?: string;
  defaultDatabase?: string;
  defaultSchema?: string;
  /** Where the SQL is on the task; default: its `sql` property. */
  sqlOf?: (task: unknown) => string | readonly string[] | undefined;
}

/** The `TaskLineage` shape of @ol/integration, repeated so @ol/sql needs no import of it. */
export interface SqlTaskLineage {
  inputs: InputDataset[];
  outputs: OutputDataset[];
  runFacets: Record<string, RunFacet>;
  jobFacets: Record<string, JobFacet>;
}

/** A plain extractor definition, as `LineageRegistry.registerExtractor` and `defineExtractor` take it. */
export interface SqlExtractorDefinition {
  taskTypes: readonly string[];
  extract(task: unknown): Promise<SqlTaskLineage | undefined>;
}

/**
 * An extractor for @ol/integration: a task of one of `taskTypes` gets inputs, outputs, column
 * lineage and the `sql` job facet from its SQL, with no code of its own. SQL that does not parse
 * gives the lineage of the rest plus an `extractionError` run facet; the task itself is never failed.
 */
export function defineSqlExtractor(options: SqlExtractorOptions): SqlExtractorDefinition {
  if (!Array.isArray(options.taskTypes) || options.taskTypes.length === 0) {
    throw new TypeError('defineSqlExtractor: taskTypes must be a non-empty list of task type names');
  }
  if (typeof options.namespace !== 'string' || options.namespace === '') {
    throw new TypeError(`defineSqlExtractor: namespace must be a dataset namespace such as "postgres://db:5432", got ${JSON.stringify(options.namespace)}`);
  }
  const sqlOf = options.sqlOf ?? ((task: unknown) => (task as SqlTaskFields).sql);
  return {
    taskTypes: [...(options.taskTypes as readonly string[])],
    async extract(task: unknown): Promise<SqlTaskLineage | undefined> {
      const sql = sqlOf(task);
      if (typeof sql !== 'string' && !Array.isArray(sql)) return undefined;
      const fields = (typeof task === 'object' && task !== null ? task : {}) as SqlTaskFields;
      const dialect = fields.dialect ?? options.dialect;
      const defaultDatabase = fields.defaultDatabase ?? options.defaultDatabase;
      const defaultSchema = fields.defaultSchema ?? options.defaultSchema;
      const elements = typeof sql === 'string' ? [sql] : (sql as readonly string[]);
      try {
        const meta = await parseSql(sql, {
          ...(dialect ? { dialect } : {}),
          ...(defaultSchema ? { defaultSchema } : {}),
          ...(defaultDatabase ? { defaultDatabase } : {}),
        });
        const lineage = sqlLineage(meta, {
          namespace: fields.namespace ?? options.namespace,
          query: sql,
          ...(dialect ? { dialect } : {}),
          ...(defaultDatabase ? { defaultDatabase } : {}),
          ...(defaultSchema ? { defaultSchema } : {}),
        });
        const runFacets: Record<string, RunFacet> = {};
        if (meta.errors.length > 0) {
          runFacets.extractionError = facets.extractionErrorRun({
            totalTasks: elements.length,
            failedTasks: new Set(meta.errors.map((e) => e.index)).size,
            errors: meta.errors.map((e) => ({ errorMessage: e.message, task: e.originStatement, taskNumber: e.index })),
          });
        }
        return { inputs: lineage.inputs, outputs: lineage.outputs, runFacets, jobFacets: { ...lineage.jobFacets } };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          inputs: [],
          outputs: [],
          runFacets: {
            extractionError: facets.extractionErrorRun({ totalTasks: elements.length, failedTasks: elements.length, errors: [{ errorMessage: message }] }),
          },
          jobFacets: {},
        };
      }
    },
  };
}
