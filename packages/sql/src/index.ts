export { parseSql } from './parse-sql.js';
export { SqlParseError } from './errors.js';
export { DIALECTS } from './dialects.js';
export type { TableMeta, ColumnMeta, ColumnLineage, ExtractionError, SqlMeta, ParseSqlOptions } from './types.js';
export { sqlLineage, type SqlLineage, type SqlLineageOptions } from './lineage.js';
export { defineSqlExtractor, type SqlExtractorOptions, type SqlExtractorDefinition, type SqlTaskFields, type SqlTaskLineage } from './extractor.js';
