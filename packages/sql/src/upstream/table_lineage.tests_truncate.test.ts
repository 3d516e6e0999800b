/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_truncate.rs
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

describe('table_lineage/tests_truncate.rs', () => {
  it('truncate_table', async () => {
    expect(norm((await testSql('TRUNCATE TABLE a.b')).table_lineage)).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['a.b']),
      }),
    );
  });
});
