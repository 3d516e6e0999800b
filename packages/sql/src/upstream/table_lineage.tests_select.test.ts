/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_select.rs
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

describe('table_lineage/tests_select.rs', () => {
  it('select_simple', async () => {
    expect(norm((await testSql('SELECT * FROM table0;')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['table0']),
        out_tables: [],
      }),
    );
  });
  it('select_where_exists_subquery', async () => {
    expect(norm((await testSql('SELECT 1 WHERE EXISTS (SELECT 1 FROM customers);')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['customers']),
        out_tables: [],
      }),
    );
  });
  it('select_having_exists_subquery', async () => {
    expect(norm((await testSql('SELECT count(*)\n             FROM orders\n             HAVING EXISTS (SELECT 1 FROM customers);')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['customers', 'orders']),
        out_tables: [],
      }),
    );
  });
  it('select_aggregate_filter_subquery', async () => {
    expect(
      norm((await testSql('SELECT count(*) FILTER (\n                 WHERE EXISTS (SELECT 1 FROM customers)\n             ) FROM orders;')).table_lineage),
    ).toEqual(
      norm({
        in_tables: tables(['customers', 'orders']),
        out_tables: [],
      }),
    );
  });
  it('select_from_schema_table', async () => {
    expect(norm((await testSql('SELECT * FROM schema0.table0;')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['schema0.table0']),
        out_tables: [],
      }),
    );
  });
  it('select_join', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n                SELECT col0, col1, col2\n                FROM table0\n                JOIN table1\n                ON t1.col0 = t2.col0',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['table0', 'table1']),
        out_tables: [],
      }),
    );
  });
  it('select_parenthesized_join', async () => {
    for (const sql of ['SELECT * FROM (foo JOIN bar ON foo.id = bar.id)', 'SELECT * FROM (foo JOIN bar ON foo.id = bar.id) AS joined']) {
      expect(norm((await testSql(sql)).table_lineage)).toEqual(
        norm({
          in_tables: tables(['bar', 'foo']),
          out_tables: [],
        }),
      );
    }
  });
  it('select_join_condition_subquery', async () => {
    expect(norm((await testSql('SELECT a.id\n             FROM a\n             JOIN b ON b.id IN (SELECT c.id FROM c)')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['a', 'b', 'c']),
        out_tables: [],
      }),
    );
  });
  it('select_inner_join', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n                SELECT col0, col1, col2\n                FROM table0\n                INNER JOIN table1\n                ON t1.col0 = t2.col0',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['table0', 'table1']),
        out_tables: [],
      }),
    );
  });
  it('select_left_join', async () => {
    expect(
      norm(
        (await testSql('\n            SELECT col0, col1, col2\n            FROM table0\n            LEFT JOIN table1\n            ON t1.col0 = t2.col0'))
          .table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['table0', 'table1']),
        out_tables: [],
      }),
    );
  });
  it('select_bigquery_escaping', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            '\n            SELECT *\n            FROM `random-project`.`dbt_test1`.`source_table`\n            WHERE id = 1\n            ',
            'bigquery',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['`random-project`.`dbt_test1`.`source_table`']),
        out_tables: [],
      }),
    );
  });
  it('select_into', async () => {
    expect(norm((await testSql('SELECT * INTO table0 FROM table1;')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['table1']),
        out_tables: tables(['table0']),
      }),
    );
  });
  it('select_redshift', async () => {
    expect(norm((await testSqlDialect('SELECT [col1] FROM [test_schema].[test_table]', 'redshift')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['[test_schema].[test_table]']),
        out_tables: [],
      }),
    );
  });
  it('select_sqlserver', async () => {
    expect(norm((await testSqlDialect('SELECT [col1] FROM [test_schema].[test_table]', 'sqlserver')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['[test_schema].[test_table]']),
        out_tables: [],
      }),
    );
  });
  it('select_with_table_generator', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n            SELECT row_number() OVER (ORDER BY col) row_num, d\n            FROM TABLE(GENERATOR(ROWCOUNT => (12 * 6)))\n            JOIN test_schema.test_table ON test_table.d = row_number()\n            ',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['test_schema.test_table']),
        out_tables: [],
      }),
    );
  });
  it('select_window_function', async () => {
    expect(
      norm(
        (
          await testSql(
            "SELECT row_number() OVER (ORDER BY dt DESC), sum(foo) OVER (PARTITION BY a, b ORDER BY c, d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), avg(bar) OVER (ORDER BY a RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING), sum(bar) OVER (ORDER BY a RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND INTERVAL '1 MONTH' FOLLOWING), COUNT(*) OVER (ORDER BY a RANGE BETWEEN INTERVAL '1 DAY' PRECEDING AND INTERVAL '1 DAY' FOLLOWING), max(baz) OVER (ORDER BY a ROWS UNBOUNDED PRECEDING), sum(qux) OVER (ORDER BY a GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM foo",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [table('foo')],
        out_tables: [],
      }),
    );
  });
  it('select_bq_array_function', async () => {
    expect(norm((await testSql('SELECT l.LOCATION[offset(0)] AS my_city FROM my_bq_dataset.my_table_2 AS l')).table_lineage)).toEqual(
      norm({
        in_tables: [table('my_bq_dataset.my_table_2')],
        out_tables: [],
      }),
    );
  });
  it('select_bq_array_subquery', async () => {
    expect(norm((await testSqlDialect('SELECT ARRAY(SELECT id FROM source_table)', 'bigquery')).table_lineage)).toEqual(
      norm({
        in_tables: [table('source_table')],
        out_tables: [],
      }),
    );
  });
  it('select_identifier_function', async () => {
    const test_cases = [
      ['target', [table('target')]],
      ["'target'", [table('target')]],
      ['$target', []],
      [':target', []],
      ['?', []],
      [":myschema || '.' || :mytab", []],
    ];

    const dialects = ['snowflake', 'databricks', 'mssql'];

    for (const [in_table_id, in_tables] of test_cases) {
      for (const dialect of dialects) {
        const sql = `SELECT col1 FROM identifier(${in_table_id}) WHERE x = 1;`;
        expect(norm((await testSqlDialect(sql, dialect)).table_lineage)).toEqual(
          norm({
            in_tables: in_tables,
            out_tables: [],
          }),
        );
      }
    }
  });
  it('select_snowflake_lateral', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            "SELECT id as ID,\n        f.value AS Contact,\n        f1.value:type AS Type,\n        f1.value:content AS Details\n        FROM my_snowflake_schema.persons p,\n        lateral flatten(input => p.c, path => 'contact') f,\n        lateral flatten(input => f.value:business) f1;",
            'snowflake',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [table('my_snowflake_schema.persons')],
        out_tables: [],
      }),
    );
  });
});
