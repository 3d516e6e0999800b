/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/test_use.rs
// Rewritten case by case from the Rust source, keeping its shape so each case can be compared with the original;
// the Rust idioms kept (tuples in loops, Option wrappers) do not type-check strictly, so this file is exempt.
// @ts-nocheck
import { describe, expect, it } from 'vitest';
import {
  nsTable,
  norm,
  parseMultipleRaw,
  parseSqlRaw,
  table,
  tables,
  testMultipleSql,
  testMultipleSqlDialect,
  testSql,
  testSqlDialect,
} from './test-upstream.js';

describe('table_lineage/test_use.rs', () => {
  const _tbl = (database: string | null, schema: string | null, name: string) => ({ database, schema, name, provided_namespace: false });
  it('use_generic_with_single_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1;', // Sets db
              'INSERT INTO Clients SELECT key, value FROM my_table;',
            ],
            'generic',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', null, 'my_table')],
        out_tables: [_tbl('db1', null, 'Clients')],
      }),
    );
  });
  it('use_generic_with_full_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1.schema1;', // Sets db and schema
              'SELECT key, value FROM my_table;',
            ],
            'generic',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', 'schema1', 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_generic_with_complex_select', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1.schema1;', // Sets db and schema
              "SELECT x, y FROM my_table WHERE STATUS = 'LOADED' GROUP BY DATA_DATE, DATA_HOUR;",
            ],
            'generic',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', 'schema1', 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_generic_with_full_id_and_full_table_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1.schema1;', // Sets db and schema
              'SELECT key, value FROM some_db.other_schema.my_table;',
            ],
            'generic',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('some_db', 'other_schema', 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_generic_with_single_id_and_single_table_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1;', // Sets db
              'SELECT key, value FROM other_schema.my_table;',
            ],
            'generic',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', 'other_schema', 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_generic_with_multiple_use_statements', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1;', // Sets db only
              'SELECT key, value FROM foo;',
              'USE db2.schema2;', // Sets db and schema
              'INSERT INTO Clients SELECT key, value FROM bar;',
              'USE db3;', // Sets db only
              'SELECT key, value FROM world;',
            ],
            'generic',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', null, 'foo'), _tbl('db2', 'schema2', 'bar'), _tbl('db3', 'schema2', 'world')],
        out_tables: [_tbl('db2', 'schema2', 'Clients')],
      }),
    );
  });
  it('use_databricks_with_single_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1;', // Sets schema in Databricks
              'INSERT INTO Clients SELECT key, value FROM my_schema.my_table;',
            ],
            'databricks',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl(null, 'my_schema', 'my_table')],
        out_tables: [_tbl(null, 'db1', 'Clients')],
      }),
    );
  });
  it('use_databricks_with_database_keyword', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE DATABASE my_schema;', // Sets schema in Databricks
              'SELECT key, value FROM my_table;',
            ],
            'databricks',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl(null, 'my_schema', 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_databricks_with_schema_keyword', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE SCHEMA my_schema;', // Sets schema in Databricks
              'SELECT key, value FROM my_table;',
            ],
            'databricks',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl(null, 'my_schema', 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_databricks_with_catalog_keyword', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE CATALOG db1;', // Sets db in Databricks
              'SELECT key, value FROM my_table;',
            ],
            'databricks',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', null, 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_snowflake_with_single_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1;', // Sets db
              'INSERT INTO Clients SELECT key, value FROM my_table;',
            ],
            'snowflake',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', null, 'my_table')],
        out_tables: [_tbl('db1', null, 'Clients')],
      }),
    );
  });
  it('use_snowflake_with_full_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1.my_schema;', // Sets db and schema
              'INSERT INTO Clients SELECT key, value FROM my_table;',
            ],
            'snowflake',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', 'my_schema', 'my_table')],
        out_tables: [_tbl('db1', 'my_schema', 'Clients')],
      }),
    );
  });
  it('use_snowflake_with_database_keyword', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE DATABASE db1;', // Sets db
              'SELECT key, value FROM my_table;',
            ],
            'snowflake',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', null, 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_snowflake_with_schema_keyword_and_single_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE SCHEMA my_schema;', // Sets schema
              'SELECT key, value FROM my_table;',
            ],
            'snowflake',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl(null, 'my_schema', 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_snowflake_with_schema_keyword_and_full_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE SCHEMA db1.my_schema;', // Sets schema
              'SELECT key, value FROM my_table;',
            ],
            'snowflake',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', 'my_schema', 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_mssql_with_single_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1;', // Sets db
              'SELECT key, value FROM my_table;',
            ],
            'mssql',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', null, 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_mysql_with_single_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1;', // Sets db
              'SELECT key, value FROM my_table;',
            ],
            'mysql',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', null, 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_hive_with_single_id', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE db1;', // Sets db
              'SELECT key, value FROM my_table;',
            ],
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl('db1', null, 'my_table')],
        out_tables: [],
      }),
    );
  });
  it('use_hive_with_default_keyword', async () => {
    expect(
      norm(
        (
          await testMultipleSqlDialect(
            [
              'USE DEFAULT;', // We don't support it
              'SELECT key, value FROM my_table;',
            ],
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [_tbl(null, null, 'my_table')],
        out_tables: [],
      }),
    );
  });
});
