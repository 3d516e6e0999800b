/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_cte.rs
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

describe('table_lineage/tests_cte.rs', () => {
  it('parse_simple_cte', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n                WITH sum_trans as (\n                    SELECT user_id, COUNT(*) as cnt, SUM(amount) as balance\n                    FROM transactions\n                    WHERE created_date > '2020-01-01'\n                    GROUP BY user_id\n                )\n                INSERT INTO potential_fraud (user_id, cnt, balance)\n                SELECT user_id, cnt, balance\n                    FROM sum_trans\n                    WHERE count > 1000 OR balance > 100000;\n                ",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['transactions']),
        out_tables: tables(['potential_fraud']),
      }),
    );
  });
  it('parse_bugged_cte', async () => {
    const sql =
      "\n        WITH sum_trans (\n            SELECT user_id, COUNT(*) as cnt, SUM(amount) as balance\n            FROM transactions\n            WHERE created_date > '2020-01-01'\n            GROUP BY user_id\n        )\n        INSERT INTO potential_fraud (user_id, cnt, balance)\n        SELECT user_id, cnt, balance\n        FROM sum_trans\n        WHERE count > 1000 OR balance > 100000;";
    const meta = await parseSqlRaw(sql, 'postgres', null);
    expect(norm(meta.errors.length)).toEqual(norm(1));
    expect(norm(meta.errors[0])).toEqual(
      norm({
        index: 0,
        message: 'Expected: ), found: ( at Line: 3, Column: 34',
        origin_statement: sql,
      }),
    );
  });
  it('parse_recursive_cte', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n            WITH RECURSIVE subordinates AS\n            (SELECT employee_id,\n                manager_id,\n                full_name\n            FROM employees\n            WHERE employee_id = 2\n            UNION SELECT e.employee_id,\n                e.manager_id,\n                e.full_name\n            FROM employees e\n            INNER JOIN subordinates s ON s.employee_id = e.manager_id)\n            INSERT INTO sub_employees (employee_id, manager_id, full_name)\n            SELECT employee_id, manager_id, full_name FROM subordinates;\n        ',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['employees']),
        out_tables: tables(['sub_employees']),
      }),
    );
  });
  it('multiple_ctes', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n            WITH customers AS (\n                SELECT * FROM DEMO_DB.public.stg_customers\n            ),\n            orders AS (\n                SELECT * FROM DEMO_DB.public.stg_orders\n            )\n            SELECT *\n            FROM customers c\n            JOIN orders o\n            ON c.id = o.customer_id\n        ',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['DEMO_DB.public.stg_customers', 'DEMO_DB.public.stg_orders']),
        out_tables: [],
      }),
    );
  });
  it('cte_insert_overwrite', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            "\n            WITH g_s AS (\n              SELECT\n                p_i,\n                u_i,\n                uk,\n                started,\n                COALESCE(stopped, updated) AS stopped,\n                CASE WHEN started > MAX(\n                  FROM_UNIXTIME(\n                    UNIX_TIMESTAMP(\n                      COALESCE(stopped, updated)\n                    ) + 30\n                  )\n                ) OVER(\n                  PARTITION BY p_i,\n                  u_i,\n                  uk\n                  ORDER BY\n                    started,\n                    COALESCE(stopped, updated) ROWS BETWEEN UNBOUNDED PRECEDING\n                    AND 1 PRECEDING\n                ) THEN 1 ELSE 0 END gr_st\n              FROM\n                d_n.f_p_s\n              WHERE\n                ds = 'ds'\n            ),\n            grps AS (\n              SELECT\n                p_i,\n                u_i,\n                uk,\n                started,\n                stopped,\n                SUM(gr_st) OVER(\n                  PARTITION BY p_i,\n                  u_i,\n                  uk\n                  ORDER BY\n                    started,\n                    stopped\n                ) AS grp\n              FROM\n                g_s\n            ) INSERT OVERWRITE TABLE dev_d_n.f_p_s_m PARTITION (ds = 'ds')\n            SELECT\n              grps.p_i,\n              grps.u_i,\n              grps.uk,\n              MIN(grps.started) AS started,\n              MIN(tps.joined) AS joined,\n              MAX(grps.stopped) AS stopped,\n              COLLECT_LIST(tps.id) AS s_i_l,\n              COLLECT_LIST(tps.p_i_i) AS p_i_i_l\n            FROM\n              grps\n              INNER JOIN d_n.f_p_s fps ON grps.p_i = tps.p_i\n              AND grps.u_i = tps.u_i\n              AND grps.uk = tps.uk\n              AND tps.ds = 'ds'\n              AND grps.started = tps.started\n            GROUP BY\n              grps.p_i,\n              grps.u_i,\n              grps.uk,\n              grps.grp\n        ",
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['d_n.f_p_s']),
        out_tables: tables(['dev_d_n.f_p_s_m']),
      }),
    );
  });
});
