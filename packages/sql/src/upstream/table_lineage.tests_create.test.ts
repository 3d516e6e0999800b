/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_create.rs
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

describe('table_lineage/tests_create.rs', () => {
  it('test_create_table', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n        CREATE TABLE Persons (\n        PersonID int,\n        LastName varchar(255),\n        FirstName varchar(255),\n        Address varchar(255),\n        City varchar(255));',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['Persons']),
      }),
    );
  });
  it('test_create_table_like', async () => {
    expect(norm((await testSql('CREATE TABLE new LIKE original')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['original']),
        out_tables: tables(['new']),
      }),
    );
  });
  it('test_create_table_clone', async () => {
    expect(norm((await testSql('CREATE OR REPLACE TABLE new CLONE original')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['original']),
        out_tables: tables(['new']),
      }),
    );
  });
  it('test_create_and_insert', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n        CREATE TABLE Persons (\n        key int,\n        value varchar(255));\n        INSERT INTO Persons SELECT key, value FROM temp.table;',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['temp.table']),
        out_tables: tables(['Persons']),
      }),
    );
  });
  it('create_and_insert_multiple_stmts', async () => {
    expect(
      norm(
        (await testMultipleSql(['CREATE TABLE Persons (key int, value varchar(255));', 'INSERT INTO Persons SELECT key, value FROM temp.table;']))
          .table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['temp.table']),
        out_tables: tables(['Persons']),
      }),
    );
  });
  it('create_hive_external_table_if_not_exist', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            "\n            CREATE EXTERNAL TABLE IF NOT EXISTS  Testing_Versions_latest (\n                `ID` INT,\n                `ExperimentID` INT,\n                `Version` SMALLINT,\n                `EnrollmentPeriodInHours` INT,\n                `Started` TIMESTAMP,\n                `EndDate` TIMESTAMP,\n                `IsActive` BOOLEAN,\n                `PercentOfSubjectsToEnroll` SMALLINT,\n                `Created` TIMESTAMP,\n                `Updated` TIMESTAMP,\n                        ds STRING\n                    )\n                    STORED AS PARQUET\n                    LOCATION 's3://abc.ingest/sqlserver/Testing/Versions/ds=2022-08-10'\n                    TBLPROPERTIES ('parquet.compression'='SNAPPY');\n        ",
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['Testing_Versions_latest']),
      }),
    );
  });
  it('create_replace_as_select', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n            CREATE OR REPLACE TABLE DATA_TEAM_DEMOS.ALL_DAYS AS (\n            SELECT date AS calendar_day, yyyy_mm as calendar_month, yyyy as calendar_year\n            FROM dwh_dev.commons.calendar\n            WHERE date BETWEEN '2022-01-01' AND CURRENT_DATE\n        )",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['dwh_dev.commons.calendar']),
        out_tables: tables(['DATA_TEAM_DEMOS.ALL_DAYS']),
      }),
    );
  });
  it('create_view', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n            CREATE OR REPLACE VIEW DATA_TEAM_DEMOS.ALL_DAYS AS (\n            SELECT date AS calendar_day, yyyy_mm as calendar_month, yyyy as calendar_year\n            FROM dwh_dev.commons.calendar\n            WHERE date BETWEEN '2022-01-01' AND CURRENT_DATE\n        )",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['dwh_dev.commons.calendar']),
        out_tables: tables(['DATA_TEAM_DEMOS.ALL_DAYS']),
      }),
    );
  });
  it('create_stage', async () => {
    expect(
      norm(
        (
          await parseSqlRaw(
            "\n             CREATE STAGE IF NOT EXISTS IN_OPENLINEAGE.DATA\n             URL='gcs://openlineage/data/'\n             storage_integration = GCS_INT\n             FILE_FORMAT=(TYPE=PARQUET TRIM_SPACE=TRUE)\n             COPY_OPTIONS=(MATCH_BY_COLUMN_NAME=CASE_INSENSITIVE)\n         ",
            'snowflake',
            null,
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [nsTable('gcs://openlineage/data/', true, true)],
        out_tables: [nsTable('IN_OPENLINEAGE.DATA', false, true)],
      }),
    );
  });
});
