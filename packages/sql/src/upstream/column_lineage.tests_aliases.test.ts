/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/column_lineage/tests_aliases.rs
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

describe('column_lineage/tests_aliases.rs', () => {
  it('test_nested_renaming', async () => {
    const output = await testSql('SELECT t2.a, t2.c as d\n         FROM (SELECT t2.a, t2.b as c FROM table2 t2) t2');
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'a',
          },
          lineage: [
            {
              origin: table('table2'),
              name: 'a',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'd',
          },
          lineage: [
            {
              origin: table('table2'),
              name: 'b',
            },
          ],
        },
      ]),
    );
  });
  it('test_nested_renaming_with_join', async () => {
    const output = await testSql(
      'SELECT t1.a, t2.c as d\n         FROM table1 t1\n         INNER JOIN (SELECT t2.a, t2.b as c FROM table2 t2) t2\n         ON t1.a = t2.a',
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
            name: 'd',
          },
          lineage: [
            {
              origin: table('table2'),
              name: 'b',
            },
          ],
        },
      ]),
    );
  });
  it('test_multiple_tables', async () => {
    const output = await testSql('SELECT t1.a, t2.b, t3.c\n         FROM table1 t1, table2 t2, table3 t3');
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
  it('test_deeply_nested_alias_chain', async () => {
    const output = await testSql(
      'SELECT d as e FROM (\n            SELECT c as d FROM (\n                SELECT b as c FROM (\n                    SELECT a as b FROM table1 t\n                )\n            )\n         )',
    );
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'e',
          },
          lineage: [
            {
              origin: table('table1'),
              name: 'a',
            },
          ],
        },
      ]),
    );
  });
  it('test_circular_alias', async () => {
    expect(norm((await testSql('select * from test_orders as test_orders')).table_lineage.in_tables)).toEqual(norm([table('test_orders')]));
  });
  it('test_long_alias_used', async () => {
    expect(norm((await testSql('with test_orders as (select * from a as a) select * from test_orders')).table_lineage.in_tables)).toEqual(norm([table('a')]));
  });
  // ignored upstream // https://github.com/OpenLineage/OpenLineage/issues/2752
  it('test_long_alias_not_used', async () => {
    expect(norm((await testSql('with test_orders as (select * from a as a) select * from other')).table_lineage.in_tables)).toEqual(norm([table('other')]));
  });
  // ignored upstream // https://github.com/OpenLineage/OpenLineage/issues/2752
  it('test_long_circular_alias', async () => {
    expect(norm((await testSql('with test_orders as (select * from test_orders as test_orders) select * from test_orders')).table_lineage.in_tables)).toEqual(
      norm([table('test_orders')]),
    );
  });
});
