/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/column_lineage/tests_select.rs
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

describe('column_lineage/tests_select.rs', () => {
  it('test_multiple_derived_tables', async () => {
    const output = await testSql(
      'SELECT t1.a, t2.b, t3.c FROM \n         (SELECT a, t.b FROM table1 t) t1,\n         (SELECT t.b, t.c FROM table2 t) t2,\n         (SELECT c, t.a FROM table3 t) t3',
    );
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'a',
          },
          lineage: [
            {
              origin: table('table1'),
              name: 'a',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'b',
          },
          lineage: [
            {
              origin: table('table2'),
              name: 'b',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'c',
          },
          lineage: [
            {
              origin: table('table3'),
              name: 'c',
            },
          ],
        },
      ]),
    );
  });
  it('test_deeply_nested_selects', async () => {
    const output = await testSql(
      'SELECT a FROM (\n            SELECT a FROM (\n                SELECT a FROM (\n                    SELECT a FROM t\n                )\n            )\n         )',
    );
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'a',
          },
          lineage: [
            {
              origin: table('t'),
              name: 'a',
            },
          ],
        },
      ]),
    );
  });
});
