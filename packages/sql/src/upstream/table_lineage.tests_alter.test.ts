/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_alter.rs
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

describe('table_lineage/tests_alter.rs', () => {
  it('alter_contains_modified_table_as_output', async () => {
    expect(norm((await testSql('ALTER TABLE tab1 ADD COLUMN b int')).table_lineage)).toEqual(
      norm({
        in_tables: tables([]),
        out_tables: tables(['tab1']),
      }),
    );
  });
  it('alter_table_rename', async () => {
    expect(norm((await testSql('ALTER TABLE tab1 RENAME TO tab2')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['tab1']),
        out_tables: tables(['tab2']),
      }),
    );
  });
  it('alter_snowflake_swap_with', async () => {
    expect(norm((await parseSqlRaw('ALTER TABLE tab1 SWAP WITH tab2', 'snowflake', null)).table_lineage)).toEqual(
      norm({
        in_tables: tables(['tab1', 'tab2']),
        out_tables: tables(['tab1', 'tab2']),
      }),
    );
  });
  it('alter_multiple_operations', async () => {
    expect(norm((await testSql('ALTER TABLE IF EXISTS ONLY tab ADD COLUMN a TEXT, ADD COLUMN b INT')).table_lineage)).toEqual(
      norm({
        in_tables: [],
        out_tables: [table('tab')],
      }),
    );
  });
});
