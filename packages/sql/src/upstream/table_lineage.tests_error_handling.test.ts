/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_error_handling.rs
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

describe('table_lineage/tests_error_handling.rs', () => {
  it('test_failing_statement_with_insert', async () => {
    expect(norm(await testMultipleSql(['FAILING STATEMENT;', 'INSERT INTO Persons SELECT key FROM temp.table;', 'INSERT ALSO FAILING']))).toEqual(
      norm({
        table_lineage: {
          in_tables: tables(['temp.table']),
          out_tables: tables(['Persons']),
        },
        column_lineage: [
          {
            descendant: {
              origin: null,
              name: 'key',
            },
            lineage: [
              {
                origin: table('temp.table'),
                name: 'key',
              },
            ],
          },
        ],
        errors: [
          {
            index: 0,
            message: 'Expected: an SQL statement, found: FAILING at Line: 1, Column: 1',
            origin_statement: 'FAILING STATEMENT;',
          },
          {
            index: 2,
            message: 'Expected: SELECT, VALUES, or a subquery in the query body, found: EOF',
            origin_statement: 'INSERT ALSO FAILING',
          },
        ],
      }),
    );
  });
  it('test_failing_statement_tokenizer_failes', async () => {
    const errors = (await testMultipleSql(['$$$'])).errors;
    expect(norm(errors)).toEqual(
      norm([
        {
          index: 0,
          message: 'Unterminated dollar-quoted string at Line: 1, Column: 4',
          origin_statement: '$$$',
        },
      ]),
    );
  });
});
