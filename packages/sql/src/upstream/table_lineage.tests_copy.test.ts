/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_copy.rs
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

describe('table_lineage/tests_copy.rs', () => {
  it('parse_copy_into_table', async () => {
    const meta = await parseSqlRaw(
      'COPY INTO SCHEMA.SOME_MONITORING_SYSTEM\n        FROM (SELECT t.$1:st AS st FROM @schema.general_finished)',
      'snowflake',
      null,
    );
    expect(norm(meta.table_lineage)).toEqual(
      norm({
        in_tables: [nsTable('@schema.general_finished', true, true)],
        out_tables: tables(['SCHEMA.SOME_MONITORING_SYSTEM']),
      }),
    );
  });
  it('parse_copy_into_with_snowflake_stage_locations', async () => {
    // gcs with single quote
    expect(norm((await parseSqlRaw("COPY INTO my_company.emp_basic FROM 'gcs://mybucket/./../a.csv'", 'snowflake', null)).table_lineage)).toEqual(
      norm({
        in_tables: [nsTable('gcs://mybucket/./../a.csv', true, true)],
        out_tables: tables(['my_company.emp_basic']),
      }),
    );

    // s3 with double quote
    expect(norm((await parseSqlRaw('COPY INTO my_company.emp_basic FROM "s3://mybucket/./../a.csv"', 'snowflake', null)).table_lineage)).toEqual(
      norm({
        in_tables: [nsTable('s3://mybucket/./../a.csv', true, true)],
        out_tables: tables(['my_company.emp_basic']),
      }),
    );

    // azure location without quotes
    expect(norm((await parseSqlRaw("COPY INTO my_company.emp_basic FROM 'azure://mybucket/./../a.csv'", 'snowflake', null)).table_lineage)).toEqual(
      norm({
        in_tables: [nsTable('azure://mybucket/./../a.csv', true, true)],
        out_tables: tables(['my_company.emp_basic']),
      }),
    );
  });
  it('parse_copy_into_with_snowflake_internal_stages', async () => {
    const stage_names = ['@namespace.stage_name', '@namespace.stage_name/path', '@namespace.%table_name/path', '@~/path'];

    for (const stage_name of stage_names) {
      expect(norm((await parseSqlRaw(`COPY INTO a.b FROM ${stage_name}`, 'snowflake', null)).table_lineage)).toEqual(
        norm({
          out_tables: tables(['a.b']),
          in_tables: [nsTable(stage_name, true, true)],
        }),
      );
    }
  });
  it('parse_copy_into_location_from_table', async () => {
    expect(norm((await parseSqlRaw('COPY INTO @namespace.stage FROM db.schema.source_table', 'snowflake', null)).table_lineage)).toEqual(
      norm({
        in_tables: tables(['db.schema.source_table']),
        out_tables: [nsTable('@namespace.stage', true, true)],
      }),
    );
  });
  it('parse_copy_into_location_from_query', async () => {
    expect(norm((await parseSqlRaw("COPY INTO 's3://bucket/path' FROM (SELECT * FROM db.schema.source_table)", 'snowflake', null)).table_lineage)).toEqual(
      norm({
        in_tables: tables(['db.schema.source_table']),
        out_tables: [nsTable('s3://bucket/path', true, true)],
      }),
    );
  });
  it('parse_pivot_table', async () => {
    expect(
      norm(
        (
          await parseSqlRaw(
            "SELECT * FROM monthly_sales AS a PIVOT(SUM(a.amount) FOR a.MONTH IN ('JAN', 'FEB', 'MAR', 'APR')) AS p (c, d) ORDER BY EMPID",
            'snowflake',
            null,
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['monthly_sales']),
        out_tables: tables([]),
      }),
    );
  });
  it('parse_pivot_derived_table', async () => {
    const meta = await parseSqlRaw("SELECT * FROM (SELECT region, amount FROM sales) AS s PIVOT(SUM(amount) FOR region IN ('EAST')) AS p", 'snowflake', null);

    expect(norm(meta.table_lineage)).toEqual(
      norm({
        in_tables: tables(['sales']),
        out_tables: [],
      }),
    );
    expect(meta.errors.length === 0).toBe(true);
  });
});
