/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_delete.rs
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

describe('table_lineage/tests_delete.rs', () => {
  it('delete_from', async () => {
    expect(norm((await testSql('DELETE FROM a.b WHERE x = 0')).table_lineage)).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['a.b']),
      }),
    );
  });
  it('delete_without_from_bigquery', async () => {
    expect(norm((await testSqlDialect('DELETE "project.dataset.table" WHERE 1', 'bigquery')).table_lineage.out_tables[0].qualified_name())).toEqual(
      norm('project.dataset.table'),
    );
  });
  it('delete_from_using', async () => {
    expect(
      norm(
        (
          await testSql(
            "DELETE FROM a.b AS t\n                USING (\n                    SELECT col\n                    FROM b.c\n                    WHERE col = 'x'\n                ) AS duplicates\n                WHERE a.b.col = duplicates.col",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['b.c']),
        out_tables: tables(['a.b']),
      }),
    );
  });
  it('delete_mysql_multiple_tables', async () => {
    const test_cases = [
      ['DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id', ['t2'], ['t1']],
      ['DELETE target FROM foo AS target JOIN bar AS lookup ON target.id = lookup.id', ['bar'], ['foo']],
      ['DELETE t1, t2 FROM t1 JOIN t2 ON t1.id = t2.id JOIN lookup ON t1.id = lookup.id', ['lookup'], ['t1', 't2']],
    ];

    for (const [sql, in_tables, out_tables] of test_cases) {
      expect(norm((await testSqlDialect(sql, 'mysql')).table_lineage)).toEqual(
        norm({
          in_tables: tables(in_tables),
          out_tables: tables(out_tables),
        }),
      );
    }
  });
  it('delete_mysql_preserves_previous_inputs', async () => {
    expect(norm((await testMultipleSqlDialect(['SELECT * FROM t1', 'DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id'], 'mysql')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['t1', 't2']),
        out_tables: tables(['t1']),
      }),
    );
  });
  it('delete_identifier_function', async () => {
    const test_cases = [
      ['target', [table('target')]],
      ["'target'", [table('target')]],
      ['$target', []],
      [':target', []],
      ['?', []],
      [":myschema || '.' || :mytab", []],
    ];

    const dialects = ['snowflake', 'databricks', 'mssql'];

    for (const [out_table_id, out_tables] of test_cases) {
      for (const dialect of dialects) {
        const sql = `DELETE FROM identifier(${out_table_id}) WHERE x = 1;`;
        expect(norm((await testSqlDialect(sql, dialect)).table_lineage)).toEqual(
          norm({
            in_tables: [],
            out_tables: out_tables,
          }),
        );
      }
    }
  });
});
