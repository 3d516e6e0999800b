/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/column_lineage/tests_cte.rs
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

describe('column_lineage/tests_cte.rs', () => {
  it('test_simple_cte', async () => {
    const output = await testSql('WITH my_cte AS (\n            SELECT a,b,c FROM t1\n         )\n         SELECT a,c FROM my_cte');
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
        {
          descendant: {
            origin: null,
            name: 'c',
          },
          lineage: [
            {
              origin: table('t1'),
              name: 'c',
            },
          ],
        },
      ]),
    );
  });
});
