/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_update.rs
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

describe('table_lineage/tests_update.rs', () => {
  it('update_table', async () => {
    expect(norm((await testSql('UPDATE table0 SET col0 = val0 WHERE col1 = val1')).table_lineage)).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['table0']),
      }),
    );
  });
  it('update_table_from', async () => {
    expect(
      norm(
        (
          await testSql(
            'UPDATE dataset.Inventory i\n            SET quantity = i.quantity + n.quantity,\n                supply_constrained = false\n            FROM dataset.NewArrivals n\n            WHERE i.product = n.product',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['dataset.NewArrivals']),
        out_tables: tables(['dataset.Inventory']),
      }),
    );
  });
  it('update_table_from_subquery', async () => {
    expect(
      norm(
        (
          await testSql(
            'UPDATE dataset.Inventory\n            SET quantity = quantity +\n            (SELECT quantity FROM dataset.NewArrivals\n            WHERE Inventory.product = NewArrivals.product),\n            supply_constrained = false\n            WHERE product IN (SELECT product FROM dataset.NewArrivals)',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['dataset.NewArrivals']),
        out_tables: tables(['dataset.Inventory']),
      }),
    );
  });
  it('update_table_from_assignment_subquery', async () => {
    expect(norm((await testSql('UPDATE dataset.Inventory\n            SET quantity = (SELECT quantity FROM dataset.NewArrivals)')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['dataset.NewArrivals']),
        out_tables: tables(['dataset.Inventory']),
      }),
    );
  });
  it('update_identifier_function', async () => {
    const test_cases = [
      ['target', "'source'", [table('source')], [table('target')]],
      ['$target', ':source', [], []],
      ['?', '$source', [], []],
      [":myschema || '.' || :mytab", 'source', [table('source')], []],
    ];

    const dialects = ['snowflake', 'mssql']; // Databricks has different update syntax

    for (const [out_table_id, in_table_id, in_tables, out_tables] of test_cases) {
      for (const dialect of dialects) {
        const sql = `UPDATE IDENTIFIER(${out_table_id}) SET v = src.v FROM identifier(${in_table_id}) as src WHERE target.k = src.k;`;
        expect(norm((await testSqlDialect(sql, dialect)).table_lineage)).toEqual(
          norm({
            in_tables: in_tables,
            out_tables: out_tables,
          }),
        );
      }
    }
  });
  it('update_identifier_function_databricks', async () => {
    const test_cases = [
      ['target', 'source', [table('source')], [table('target')]],
      ['$target', ':source', [], []],
      ['?', '$source', [], []],
      [":myschema || '.' || :mytab", 'source', [table('source')], []],
    ];

    for (const [out_table_id, in_table_id, in_tables, out_tables] of test_cases) {
      const sql = `UPDATE IDENTIFIER(${out_table_id}) SET v = src.v WHERE EXISTS (SELECT x FROM identifier(${in_table_id}) WHERE t1.oid = oid);`;
      expect(norm((await testSqlDialect(sql, 'databricks')).table_lineage)).toEqual(
        norm({
          in_tables: in_tables,
          out_tables: out_tables,
        }),
      );
    }
  });
});
