/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/test_alias_resolving.rs
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

describe('table_lineage/test_alias_resolving.rs', () => {
  it('table_reference_with_simple_ctes', async () => {
    const query_string =
      '\n        WITH tab1 AS (\n            SELECT * FROM users as u\n        ),\n        tab2 AS (\n            SELECT * FROM bots\n        )\n        SELECT r.id\n        FROM python AS r\n        UNION ALL\n        SELECT id\n        FROM tab2';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['bots', 'python']));
  });
  it('table_reference_with_simple_q_ctes', async () => {
    const query_string = '\n        WITH tab1 AS (\n            SELECT * FROM users\n        )\n        SELECT id\n        FROM tab2';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['tab2']));
  });
  it('table_complex', async () => {
    const output_1 = await testSql(
      '\n        SELECT COL1\n        FROM\n        (\n            SELECT COL1\n            FROM\n                (\n                    SELECT \n                    COL2\n                        AS COL1\n                    FROM TAB1\n                  ) INNER_QUERY\n        );',
    );

    const output_2 = await testSql(
      '\n        SELECT COL1\n        FROM\n        (\n            SELECT COL1\n            FROM\n                (\n                    SELECT \n                    COL2\n                        AS COL1\n                    FROM TAB1\n                    )\n        );',
    );

    const output_3 = await testSql(
      '\n        SELECT COL1\n        FROM\n        (\n            SELECT COL1\n            FROM\n                (\n                    SELECT \n                    COL2\n                        AS COL1\n                    FROM TAB1\n                    ) INNER_QUERY\n        ) OUTER_QUERY;',
    );

    // assert all outputs are the same
    expect(norm(output_1)).toEqual(norm(output_2));
    expect(norm(output_2)).toEqual(norm(output_3));

    expect(norm(output_1.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'COL1',
          },
          lineage: [
            {
              origin: table('TAB1'),
              name: 'COL2',
            },
          ],
        },
      ]),
    );
  });
  it('table_reference_with_passersby_ctes', async () => {
    const query_string =
      '\n        WITH tab1 AS (\n            SELECT * FROM users as u\n        ),\n        tab2 AS (\n            SELECT * FROM tab1\n        ),\n        tab3 AS (\n            SELECT * FROM users2\n        )\n        SELECT id\n        FROM tab2\n        UNION ALL\n        SELECT id\n        FROM users3';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['users', 'users3']));
  });
  it('table_references_with_simple_query', async () => {
    const query_string = '\n        SELECT * FROM tab1\n        UNION ALL\n        SELECT * FROM tab2';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['tab1', 'tab2']));
  });
  it('table_references_with_subquery', async () => {
    const query_string = '\n        SELECT * FROM tab1\n        UNION ALL\n        SELECT * FROM (SELECT * FROM tab2)';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['tab1', 'tab2']));
  });
  it('table_references_with_subquery_and_alias', async () => {
    const query_string = '\n        SELECT * FROM tab1\n        UNION ALL\n        SELECT * FROM (SELECT * FROM tab2) AS t';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['tab1', 'tab2']));
  });
  it('table_references_with_subquery_and_alias_and_cte', async () => {
    const query_string =
      '\n        WITH tab1 AS (\n            SELECT * FROM users as u\n        )\n        SELECT * FROM tab1\n        UNION ALL\n        SELECT * FROM (SELECT * FROM tab2) AS t';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['tab2', 'users']));
  });
  it('table_references_complex_main_query_does_not_use_ctes', async () => {
    const query_string =
      '\n        WITH tab10 AS (\n            SELECT * FROM users as u\n        )\n        SELECT * FROM animals1\n        UNION ALL\n        SELECT * FROM (SELECT * FROM animals2) AS t\n        UNION ALL\n        SELECT * FROM (SELECT * FROM animals3) AS t';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['animals1', 'animals2', 'animals3']));
  });
  it('table_references_complex_main_query_uses_ctes', async () => {
    const query_string =
      '\n        WITH tab10 AS (\n            SELECT * FROM\n            (SELECT * FROM users2 as u\n            UNION\n            SELECT * FROM users as u) as t\n        )\n        SELECT * FROM tab10\n        UNION ALL\n        SELECT * FROM (SELECT * FROM animals2) AS t\n        UNION ALL\n        SELECT * FROM (SELECT * FROM animals3) AS t';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['animals2', 'animals3', 'users', 'users2']));
  });
  it('table_references_with_many_union_all', async () => {
    const query_string =
      '\n        WITH tab10 AS (\n            SELECT * FROM\n            (SELECT * FROM users2 as u\n            UNION\n            SELECT * FROM users as u\n            UNION\n            SELECT * FROM users3 as u\n            UNION\n            SELECT * FROM users4 as u\n            ) as t\n        )\n        SELECT * FROM tab10\n        UNION ALL\n        SELECT * FROM (SELECT * FROM animals2) AS t\n        UNION ALL\n        SELECT * FROM (SELECT * FROM animals3) AS t';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['animals2', 'animals3', 'users', 'users2', 'users3', 'users4']));
  });
  it('table_references_connected_ctes', async () => {
    const query_string =
      '\n        WITH tab1 AS (\n            WITH data3 AS (\n                WITH data8 AS (\n                    SELECT r.* FROM (\n                        SELECT * FROM users as u\n                    ) as r\n                ),\n                data5 AS (\n                    SELECT r.* FROM (\n                        SELECT * FROM owners as u\n                    ) as r\n                ),\n               data6 AS (\n                    SELECT * FROM data5\n                )\n               SELECT * FROM data6\n               UNION ALL\n               SELECT * FROM data5\n            ),\n            data2 AS (\n                SELECT * FROM data3\n            )\n            SELECT * FROM data2\n        ),\n        tab2 AS (\n            SELECT * FROM tab1\n        ),\n        tab3 AS (\n            SELECT * FROM tab2\n        ),\n        tab4 AS (\n            SELECT * FROM users2\n        ),\n        tab5 AS (\n            SELECT * FROM tab4\n        )\n        SELECT * FROM tab5';

    const table_lineage = await testSql(query_string);

    expect(norm(table_lineage.table_lineage.in_tables.map((x) => x.name))).toEqual(norm(['users2']));
  });
  it('test_complex_cte', async () => {
    const output = await testSql(
      'with tab1 as (\n                 SELECT s.col1, s.col2, s2.col3, s2.col4\n                 from stg as s, stg2 AS s2\n            ),\n            tab2 as (\n                 SELECT col1, col2, col3, col4 from tab1\n            )\n            SELECT col1, col2, col3, col4 FROM tab2',
    );

    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'col1',
          },
          lineage: [
            {
              origin: table('stg'),
              name: 'col1',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'col2',
          },
          lineage: [
            {
              origin: table('stg'),
              name: 'col2',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'col3',
          },
          lineage: [
            {
              origin: table('stg2'),
              name: 'col3',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'col4',
          },
          lineage: [
            {
              origin: table('stg2'),
              name: 'col4',
            },
          ],
        },
      ]),
    );
  });
  it('test_column_resolving_in_complex_cte', async () => {
    const output = await testSql(
      'with stage_1 as\n            (\n                   SELECT col_1, col_2, col_3, col_4 FROM source_tbl\n                   WHERE date_time >= current_date AND  col_1 IN (SELECT distinct col_1 FROM source_tbl)\n            ),\n            stage_2 as\n            (\n                select col_1, col_2, col_3, col_4 from stage_1\n            )\n            select tl.col_1, s_acc.x,\n            s_coa_acc.y,\n            tl.col_3, tl.col_4\n            from stage_2 tl\n            join tbl2 s_acc on s_acc.x= tl.col_2\n            left join tbl3 s_coa_acc on s_coa_acc.y= tl.col_2',
    );
    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'col_1',
          },
          lineage: [
            {
              origin: table('source_tbl'),
              name: 'col_1',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'col_3',
          },
          lineage: [
            {
              origin: table('source_tbl'),
              name: 'col_3',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'col_4',
          },
          lineage: [
            {
              origin: table('source_tbl'),
              name: 'col_4',
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
              origin: table('tbl2'),
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
              origin: table('tbl3'),
              name: 'y',
            },
          ],
        },
      ]),
    );
  });
  it('test_cte_with_cycles', async () => {
    const output = await testSql(
      'WITH tab1 AS (\n                SELECT s.col1, s.col2, s2.col3, s2.col4\n                FROM stg AS s, stg2 AS s2\n            ), tab1 AS (\n                SELECT col1, col2, col3, col4\n                FROM tab1\n            )\n            SELECT col1, col2, col3, col4\n            FROM tab1',
    );

    expect(norm(output.column_lineage)).toEqual(
      norm([
        {
          descendant: {
            origin: null,
            name: 'col1',
          },
          lineage: [
            {
              origin: table('stg'),
              name: 'col1',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'col2',
          },
          lineage: [
            {
              origin: table('stg'),
              name: 'col2',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'col3',
          },
          lineage: [
            {
              origin: table('stg2'),
              name: 'col3',
            },
          ],
        },
        {
          descendant: {
            origin: null,
            name: 'col4',
          },
          lineage: [
            {
              origin: table('stg2'),
              name: 'col4',
            },
          ],
        },
      ]),
    );
  });
});
