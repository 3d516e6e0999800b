/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_insert.rs
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

describe('table_lineage/tests_insert.rs', () => {
  it('insert_values', async () => {
    expect(norm((await testSql('INSERT INTO TEST VALUES(1)')).table_lineage)).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['TEST']),
      }),
    );
  });
  it('insert_values_subquery', async () => {
    expect(norm((await testSql('INSERT INTO report (total) VALUES ((SELECT count(*) FROM orders))')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['orders']),
        out_tables: tables(['report']),
      }),
    );
  });
  it('insert_cols_values', async () => {
    expect(norm((await testSql('INSERT INTO tbl(col1, col2) VALUES (1, 2), (2, 3)')).table_lineage)).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['tbl']),
      }),
    );
  });
  it('insert_select_table', async () => {
    expect(norm((await testSql('INSERT INTO TEST SELECT * FROM TEMP')).table_lineage)).toEqual(
      norm({
        in_tables: tables(['TEMP']),
        out_tables: tables(['TEST']),
      }),
    );
  });
  it('insert_select_table_2', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n            insert into "a1"."a2"\n            select to_date(C_AT),\n                   dm.C_NAME,\n                   P,\n                   count(*)\n            from "b1"."b2" as s\n                     left join "m"."dim" as dm on (dm.m_id = s.m_id)\n            where PROCESSED_AT = \'2022-04-14\'\n            group by to_date(C_AT), dm.C_NAME, P\n            ;',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['"b1"."b2"', '"m"."dim"']),
        out_tables: tables(['"a1"."a2"']),
      }),
    );
  });
  it('insert_nested_select', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n                INSERT INTO popular_orders_day_of_week (order_day_of_week, order_placed_on,orders_placed)\n                SELECT EXTRACT(ISODOW FROM order_placed_on) AS order_day_of_week,\n                    order_placed_on,\n                    COUNT(*) AS orders_placed\n                FROM top_delivery_times\n                GROUP BY order_placed_on;\n            ',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['top_delivery_times']),
        out_tables: tables(['popular_orders_day_of_week']),
      }),
    );
  });
  it('insert_snowflake_table', async () => {
    expect(
      norm(
        (await testSqlDialect("\n    INSERT INTO test_orders (ord, str, num) VALUES\n    (1, 'b', 15),\n    (2, 'a', 21),\n    (3, 'b', 7);\n   ", 'snowflake'))
          .table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['test_orders']),
      }),
    );
  });
  it('insert_overwrite_table', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            "INSERT OVERWRITE TABLE schema.dps\n        PARTITION (ds = '2022-03-30')\n        SELECT\n            pid,\n            uid,\n            pii_userid,\n            NULL as session_id,\n            NULL as session_start_ts,\n            COUNT(1) AS session_cnt,\n            SUM(\n                UNIX_TIMESTAMP(stopped) - UNIX_TIMESTAMP(joined)\n            ) AS time_spent_sec\n        FROM schema.fpsm\n        WHERE ds = '2022-03-30'\n            AND UNIX_TIMESTAMP(stopped) - UNIX_TIMESTAMP(joined) BETWEEN 0 AND 28800\n        GROUP BY\n            pid,\n            uid,\n            pii_userid\n    ",
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['schema.fpsm']),
        out_tables: tables(['schema.dps']),
      }),
    );
  });
  it('insert_overwrite_subqueries', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            "\n        INSERT OVERWRITE TABLE mytable\n        PARTITION (ds = '2022-03-31')\n        SELECT\n            *\n        FROM\n        (SELECT * FROM table2) a",
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['table2']),
        out_tables: tables(['mytable']),
      }),
    );
  });
  it('insert_overwrite_multiple_subqueries', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            "\n        INSERT OVERWRITE TABLE mytable\n        PARTITION (ds = '2022-03-31')\n        SELECT\n            *\n        FROM\n        (SELECT * FROM table2\n         UNION\n         SELECT * FROM table3\n         UNION ALL\n         SELECT * FROM table4) a\n         ",
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['table2', 'table3', 'table4']),
        out_tables: tables(['mytable']),
      }),
    );
  });
  it('insert_overwrite_partition', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            "\n            INSERT OVERWRITE TABLE d_d_n.g_d_t_r\n            PARTITION (ds = '2022-02-24')\n            SELECT\n                u.u_i,\n                g.d_r\n            FROM\n                (SELECT * FROM d_d_n.u_t_250 WHERE ds = '2022-02-24') u\n            JOIN\n                (SELECT * FROM d_n_p.g_d_r WHERE ds = '2022-02-24') g\n            ON\n                u.u_i = g.u_i\n        ",
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['d_d_n.u_t_250', 'd_n_p.g_d_r']),
        out_tables: tables(['d_d_n.g_d_t_r']),
      }),
    );
  });
  it('set_before_insert', async () => {
    expect(
      norm(
        (await testSqlDialect('\n                SET hive.something=false;\n                INSERT INTO TABLE a.b.c VALUES (1, 2, 3);\n            ', 'hive'))
          .table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['a.b.c']),
      }),
    );
  });
  it('insert_overwrite_hive_sets_large', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            "\n                SET hive.auto.convert.join=false;\n                SET hive.tez.auto.reducer.parallelism=false;\n                SET mapred.reduce.tasks=150;\n                INSERT OVERWRITE TABLE d_d_p.d_f_s\n                PARTITION (ds = '2022-05-01')\n                  SELECT\n                      T1.p_id,\n                      T2.s_st_ts\n                      FROM d_p.f_p_s AS T1\n                      INNER JOIN\n                        (SELECT\n                           fpsm.p_id,\n                           MIN(fpsm.ds) as ds\n                           from d_p.f_p_s_merged  AS fpsm\n                           WHERE fpsm.ds = '2022-05-01'\n                           GROUP BY\n                               fpsm.p_id\n                        ) AS T2\n                        ON T1.p_id = T2.p_id\n        ",
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['d_p.f_p_s', 'd_p.f_p_s_merged']),
        out_tables: tables(['d_d_p.d_f_s']),
      }),
    );
  });
  it('insert_group_by', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n            insert into "a1"."a2"\n            select\n              C_DT,\n              C_NAME,\n              U_C,\n              U_M,\n              U_SOURCE,\n              P,\n              IFF(U_SOURCE is NULL, \'abc\', \'def\') as D_TYPE,\n              count(*)\n            from\n              "b1"."b2"\n            where\n              P_AT = \'2022-04-14\'\n            group by\n              C_DT,\n              C_NAME,\n              U_C,\n              U_M,\n              U_SOURCE,\n              P,\n              U_SOURCE;',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['"b1"."b2"']),
        out_tables: tables(['"a1"."a2"']),
      }),
    );
  });
  it('insert_nested_with_select', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n        insert into \"a1\".\"a2\" with a_b_c as (\n          select\n            created_dt,\n            s_id,\n            user_id,\n            match_id,\n            region,\n            x\n          from\n            (\n              (\n                select\n                  created_dt,\n                  s_id,\n                  puuid as user_id,\n                  cast(g_id as string) as match_id,\n                  coalesce(region, '0') as region,\n                  'A' as x\n                from\n                  \"b1\".\"b2\"\n                where\n                  processed_at = '2022-04-14'\n              )\n              union all\n                (\n                  select\n                    created_dt,\n                    s_id,\n                    puuid as user_id,\n                    cast(g_id as string) as match_id,\n                    coalesce(region, '0') as region,\n                    'B' as x\n                  from\n                    \"c1\".\"c2\"\n                  where\n                    processed_at = '2022-04-14'\n                )\n              union all\n                (\n                  select\n                    created_dt,\n                    s_id,\n                    puuid as user_id,\n                    match_id,\n                    coalesce(region, '0') as region,\n                    'C' as x\n                  from\n                    \"d1\".\"d2\"\n                  where\n                    processed_at = '2022-04-14'\n                )\n              union all\n                (\n                  select\n                    created_dt,\n                    s_id,\n                    s_id as user_id,\n                    -- using s_id as proxy to puuid\n                    match_id,\n                    coalesce(region, '0') as region,\n                    'D' as x\n                  from\n                    \"e1\".\"e2\"\n                  where\n                    processed_at = '2022-04-14'\n                )\n              union all\n                (\n                  select\n                    created_dt,\n                    s_id,\n                    user_id,\n                    guid as match_id,\n                    '0' as region,\n                    'E' as x\n                  from\n                    \"f1\".\"f2\"\n                  where\n                    processed_at = '2022-04-14'\n                )\n            )\n          group by\n            created_dt,\n            s_id,\n            user_id,\n            match_id,\n            region,\n            x\n        )\n        select\n          created_dt,\n          region,\n          x,\n          count(*),\n          count(distinct user_id)\n        from\n          a_b_c\n        group by\n          created_dt,\n          region,\n          x;",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['"b1"."b2"', '"c1"."c2"', '"d1"."d2"', '"e1"."e2"', '"f1"."f2"']),
        out_tables: tables(['"a1"."a2"']),
      }),
    );
  });
  it('test_multiple_statements_delete_insert', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n            DELETE FROM public.\"Employees\";\n            INSERT INTO public.\"Employees\" VALUES (1, 'TALES OF SHIVA', 'Mark', 'mark', 0);\n        ",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['public."Employees"']),
      }),
    );
  });
  it('test_multiple_statements_insert_insert', async () => {
    expect(norm((await testSql('\n            INSERT INTO a.a VALUES(1,2);\n            INSERT INTO b.b VALUES(1,2);\n        ')).table_lineage)).toEqual(
      norm({
        in_tables: [],
        out_tables: tables(['a.a', 'b.b']),
      }),
    );
  });
  it('test_triple_statements_insert_insert_insert', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n            INSERT INTO a.a VALUES(1,2);\n            INSERT INTO b.b SELECT * FROM a.a;\n            INSERT INTO c.c VALUES(1,2);\n        ',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['a.a']),
        out_tables: tables(['a.a', 'b.b', 'c.c']),
      }),
    );
  });
  it('insert_overwrite_multiple_unions', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            "\n            INSERT OVERWRITE TABLE d_d_n.a_p_s_v\n            PARTITION (ds = '2022-05-01')\n            SELECT\n                sub.p_i,\n                MIN(sub.f_a_d) AS session_id,\n                MAX(sub.l_a_d) AS l_a_d\n            FROM\n                (\n                SELECT\n                    p_i,\n                    f_a_d,\n                    l_a_d\n                FROM\n                    d_d_n.d_p_s_v\n                WHERE\n                    ds = '2022-05-01'\n                UNION ALL\n                SELECT\n                    p_i,\n                    f_a_d,\n                    l_a_d\n                FROM\n                    d_d_n.a_p_s_v\n                WHERE\n                    ds = '2022-04-30'\n                    AND l_a_d >= DATE_ADD('2022-05-01', -56)\n                UNION ALL\n                SELECT\n                    p_i,\n                    f_a_d,\n                    l_a_d\n                FROM\n                    d_d_n.a_p_s_v\n                WHERE\n                    ds = '2022-04-24'\n                    AND l_a_d >= DATE_ADD('2022-05-01', -56)\n                UNION ALL\n                SELECT\n                    p_i,\n                    f_a_d,\n                    l_a_d\n                FROM\n                    d_d_n.a_p_s_v\n                WHERE\n                    ds = '2022-04-03'\n                    AND l_a_d >= DATE_ADD('2022-05-01', -56)\n                ) sub\n            GROUP BY\n                sub.p_i,\n                sub.u_i\n        ",
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['d_d_n.a_p_s_v', 'd_d_n.d_p_s_v']),
        out_tables: tables(['d_d_n.a_p_s_v']),
      }),
    );
  });
  it('insert_overwrite_partition_dates', async () => {
    expect(
      norm(
        (
          await testSqlDialect(
            "INSERT OVERWRITE TABLE ddw.aps2\n        PARTITION (ds = '2022-05-01')\n        SELECT\n            sub.pid,\n            sub.uid,\n            sub.userkey,\n            MIN(sub.fs_id) AS session_id,\n            MIN(sub.fs_start_ts) AS session_start_ts,\n            SUM(sub.sc_1d) AS sc_1d,\n            SUM(sub.sc_7d) AS sc_7d,\n            SUM(sub.sc_28d) AS sc_28d,\n            SUM(sub.sc_inf) AS session_cnt_inf,\n            SUM(sub.tss_1d) AS tss_1d,\n            SUM(sub.tss_7d) AS tss_7d,\n            SUM(sub.tss_28d) AS tss_28d,\n            SUM(sub.tss_inf) AS tss_inf,\n            SUM(sub.datelist) AS datelist,\n            MIN(sub.fad) AS fad,\n            MAX(sub.lad) AS lad\n        FROM\n            (\n            SELECT\n                pid,\n                uid,\n                userkey,\n                fs_id,\n                fs_start_ts,\n                session_cnt AS session_cnt_1d,\n                session_cnt AS session_cnt_7d,\n                session_cnt AS session_cnt_28d,\n                session_cnt AS session_cnt_inf,\n                tss AS tss_1d,\n                tss AS tss_7d,\n                tss AS tss_28d,\n                tss AS tss_inf,\n                1 AS datelist,\n                '2022-05-01' AS fad,\n                '2022-05-01' AS lad\n            FROM\n                ddw.dps\n            WHERE\n                ds = '2022-05-01'\n            UNION ALL\n            SELECT\n                pid,\n                uid,\n                userkey,\n                fs_id,\n                fs_start_ts,\n                0 AS session_cnt_1d,\n                session_cnt_7d AS session_cnt_7d,\n                session_cnt_28d AS session_cnt_28d,\n                session_cnt_inf AS session_cnt_inf,\n                0 AS tss_1d,\n                tss_7d AS tss_7d,\n                tss_28d AS tss_28d,\n                tss_inf AS tss_inf,\n                (datelist % 549755813888) * 2 AS datelist,\n                fad AS fad,\n                lad AS lad\n            FROM\n                ddw.aps2\n            WHERE\n                ds = '2022-04-30'\n                AND lad >= DATE_ADD('2022-05-01', -56)\n            UNION ALL\n            SELECT\n                pid,\n                uid,\n                userkey,\n                fs_id,\n                fs_start_ts,\n                0 AS session_cnt_1d,\n                -session_cnt_1d AS session_cnt_7d,\n                0 AS session_cnt_28d,\n                0 AS session_cnt_inf,\n                0 AS tss_1d,\n                -tss_1d AS tss_7d,\n                0 AS tss_28d,\n                0 AS tss_inf,\n                0 AS datelist,\n                fad,\n                lad\n            FROM\n                ddw.aps2\n            WHERE\n                ds = '2022-04-24'\n                AND lad >= DATE_ADD('2022-05-01', -56)\n            UNION ALL\n            SELECT\n                pid,\n                uid,\n                userkey,\n                fs_id,\n                fs_start_ts,\n                0 AS session_cnt_1d,\n                0 AS session_cnt_7d,\n                -session_cnt_1d AS session_cnt_28d,\n                0 AS session_cnt_inf,\n                0 AS tss_1d,\n                0 AS tss_7d,\n                -tss_1d AS tss_28d,\n                0 AS tss_inf,\n                0 AS datelist,\n                fad,\n                lad\n            FROM\n                ddw.aps2\n            WHERE\n                ds = '2022-04-03'\n                AND lad >= DATE_ADD('2022-05-01', -56)\n            ) sub\n        GROUP BY\n            sub.pid,\n            sub.uid,\n            sub.userkey\n        ",
            'hive',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['ddw.aps2', 'ddw.dps']),
        out_tables: tables(['ddw.aps2']),
      }),
    );
  });
});
