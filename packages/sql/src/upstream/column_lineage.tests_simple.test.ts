/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/column_lineage/tests_simple.rs
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

describe('column_lineage/tests_simple.rs', () => {
  it('test_simple_select', async () => {
    const output = await testSql('SELECT a FROM t1');
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'a',
          },
          lineage: [
            {
              origin: table('t1'),
              name: 'a',
            },
          ],
        },
      ]),
    );
  });
  it('test_simple_renaming', async () => {
    const output = await testSql('SELECT t1.a, b, c as x, d as y FROM table1 t1');
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
              origin: table('table1'),
              name: 'b',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'x',
          },
          lineage: [
            {
              origin: table('table1'),
              name: 'c',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'y',
          },
          lineage: [
            {
              origin: table('table1'),
              name: 'd',
            },
          ],
        },
      ]),
    );
  });
  it('test_compound_names', async () => {
    const output = await testSql('SELECT db.t.x as x, y, t1.z as z FROM db.t as t1');
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'x',
          },
          lineage: [
            {
              origin: table('db.t'),
              name: 'x',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'y',
          },
          lineage: [
            {
              origin: table('db.t'),
              name: 'y',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'z',
          },
          lineage: [
            {
              origin: table('db.t'),
              name: 'z',
            },
          ],
        },
      ]),
    );
  });
  it('test_column_name_inference', async () => {
    const output = await testSql('SELECT db.t.a, b, (a + b) FROM db.t');
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: '_0',
          },
          lineage: [
            {
              origin: table('db.t'),
              name: 'a',
            },
            {
              origin: table('db.t'),
              name: 'b',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'a',
          },
          lineage: [
            {
              origin: table('db.t'),
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
              origin: table('db.t'),
              name: 'b',
            },
          ],
        },
      ]),
    );
  });
  it('test_simple_join', async () => {
    const output = await testSql('SELECT t1.a as x, t2.b as y\n         FROM table1 t1\n         INNER JOIN table2 t2\n         ON t1.a = t2.a');
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'x',
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
            name: 'y',
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
  it('test_nested_select', async () => {
    const output = await testSql('SELECT t1.a\n         FROM table1 t1\n         WHERE b IN (SELECT b FROM table2)');
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
      ]),
    );
  });
  it('test_simple_case', async () => {
    const output = await testSql('SELECT CASE WHEN a > b THEN c ELSE a END as d\n         FROM table1');
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'd',
          },
          lineage: [
            {
              origin: table('table1'),
              name: 'a',
            },
            {
              origin: table('table1'),
              name: 'b',
            },
            {
              origin: table('table1'),
              name: 'c',
            },
          ],
        },
      ]),
    );
  });
  it('test_simple_operators', async () => {
    const output = await testSql('SELECT t1.a + b as c\n         FROM table1 t1');
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'c',
          },
          lineage: [
            {
              origin: table('table1'),
              name: 'a',
            },
            {
              origin: table('table1'),
              name: 'b',
            },
          ],
        },
      ]),
    );
  });
  it('test_simple_count', async () => {
    const output = await testSql('SELECT COUNT(t1.a) as b\n         FROM table1 t1');
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'b',
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
  it('test_aggregate_filter', async () => {
    const output = await testSql("SELECT COUNT(*) FILTER (WHERE status = 'paid') AS paid_orders\n         FROM orders");
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'paid_orders',
          },
          lineage: [
            {
              origin: table('orders'),
              name: 'status',
            },
          ],
        },
      ]),
    );
  });
  it('test_simple_aggregate', async () => {
    const output = await testSql('SELECT RANK() OVER (PARTITION BY i.a ORDER BY i.b DESC) AS c\n         FROM table1 i');
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'c',
          },
          lineage: [
            {
              origin: table('table1'),
              name: 'a',
            },
            {
              origin: table('table1'),
              name: 'b',
            },
          ],
        },
      ]),
    );
  });
});
