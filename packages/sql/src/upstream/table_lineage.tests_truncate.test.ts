// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_truncate.rs
import { describe, expect, it } from 'vitest';
import { nsTable, norm, parseMultipleRaw, parseSqlRaw, table, tables, testMultipleSql, testMultipleSqlDialect, testSql, testSqlDialect } from './upstream-helpers.js';

describe('table_lineage/tests_truncate.rs', () => {
it('truncate_table', async () => {
    expect(norm((await testSql("TRUNCATE TABLE a.b",)).table_lineage)).toEqual(norm({
            in_tables: [],
            out_tables: tables(["a.b"])
        }));
});
});
