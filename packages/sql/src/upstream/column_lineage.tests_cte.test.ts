// Ported from openlineage-sql: integration/sql/impl/tests/column_lineage/tests_cte.rs
import { describe, expect, it } from 'vitest';
import { nsTable, norm, parseMultipleRaw, parseSqlRaw, table, tables, testMultipleSql, testMultipleSqlDialect, testSql, testSqlDialect } from './upstream-helpers.js';

describe('column_lineage/tests_cte.rs', () => {
it('test_simple_cte', async () => {
    const output = (await testSql(
        "WITH my_cte AS (\n            SELECT a,b,c FROM t1\n         )\n         SELECT a,c FROM my_cte",
    ))
    ;
    expect(norm(output.column_lineage)).toEqual(norm([
            {
                descendant: {
                    origin: null,
                    name: "a"
                },
                lineage: [{
                    origin: (table("t1")),
                    name: "a"
                }]
            },
            {
                descendant: {
                    origin: null,
                    name: "c"
                },
                lineage: [{
                    origin: (table("t1")),
                    name: "c"
                }]
            },
        ]));
});
});
