/* eslint-disable */
// Ported from openlineage-sql: integration/sql/impl/tests/table_lineage/tests_tpcds.rs
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

describe('table_lineage/tests_tpcds.rs', () => {
  it('test_tpcds_cte_query', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n            WITH year_total AS\n                (SELECT c_customer_id customer_id,\n                        c_first_name customer_first_name,\n                        c_last_name customer_last_name,\n                        c_preferred_cust_flag customer_preferred_cust_flag,\n                        c_birth_country customer_birth_country,\n                        c_login customer_login,\n                        c_email_address customer_email_address,\n                        d_year dyear,\n                        Sum(((ss_ext_list_price - ss_ext_wholesale_cost - ss_ext_discount_amt)\n                            + ss_ext_sales_price) / 2) year_total,\n                        's' sale_type\n                FROM src.customer,\n                    store_sales,\n                    date_dim\n                WHERE c_customer_sk = ss_customer_sk\n                    AND ss_sold_date_sk = d_date_sk GROUP  BY c_customer_id,\n                                                            c_first_name,\n                                                            c_last_name,\n                                                            c_preferred_cust_flag,\n                                                            c_birth_country,\n                                                            c_login,\n                                                            c_email_address,\n                                                            d_year)\n            SELECT t_s_secyear.customer_id,\n                t_s_secyear.customer_first_name,\n                t_s_secyear.customer_last_name,\n                t_s_secyear.customer_preferred_cust_flag\n            FROM year_total t_s_firstyear,\n                year_total t_s_secyear,\n                year_total t_c_firstyear,\n                year_total t_c_secyear,\n                year_total t_w_firstyear,\n                year_total t_w_secyear\n            WHERE t_s_secyear.customer_id = t_s_firstyear.customer_id\n                AND t_s_firstyear.customer_id = t_c_secyear.customer_id\n                AND t_s_firstyear.customer_id = t_c_firstyear.customer_id\n                AND t_s_firstyear.customer_id = t_w_firstyear.customer_id\n                AND t_s_firstyear.customer_id = t_w_secyear.customer_id\n                AND t_s_firstyear.sale_type = 's'\n                AND t_c_firstyear.sale_type = 'c'\n                AND t_w_firstyear.sale_type = 'w'\n                AND t_s_secyear.sale_type = 's'\n                AND t_c_secyear.sale_type = 'c'\n                AND t_w_secyear.sale_type = 'w'\n                AND t_s_firstyear.dyear = 2001\n                AND t_s_secyear.dyear = 2001 + 1\n                AND t_c_firstyear.dyear = 2001\n                AND t_c_secyear.dyear = 2001 + 1\n                AND t_w_firstyear.dyear = 2001\n                AND t_w_secyear.dyear = 2001 + 1\n                AND t_s_firstyear.year_total > 0\n                AND t_c_firstyear.year_total > 0\n                AND t_w_firstyear.year_total > 0\n                AND CASE WHEN\n                        t_c_firstyear.year_total > 0 THEN t_c_secyear.year_total / t_c_firstyear.year_total\n                        ELSE NULL\n                    END > CASE WHEN\n                        t_s_firstyear.year_total > 0 THEN t_s_secyear.year_total / t_s_firstyear.year_total\n                        ELSE NULL\n                    END\n                AND CASE WHEN\n                        t_c_firstyear.year_total > 0 THEN t_c_secyear.year_total / t_c_firstyear.year_total\n                        ELSE NULL\n                    END > CASE WHEN\n                        t_w_firstyear.year_total > 0 THEN t_w_secyear.year_total / t_w_firstyear.year_total\n                        ELSE NULL\n                    END\n                ORDER  BY t_s_secyear.customer_id,\n                        t_s_secyear.customer_first_name,\n                        t_s_secyear.customer_last_name,\n                        t_s_secyear.customer_preferred_cust_flag\n            LIMIT 100;\n            ",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['date_dim', 'store_sales', 'src.customer']),
        out_tables: [],
      }),
    );
  });
  it('test_tcpds_query_1', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n        WITH customer_total_return\n             AS (SELECT sr_customer_sk     AS ctr_customer_sk,\n                        sr_store_sk        AS ctr_store_sk,\n                        Sum(sr_return_amt) AS ctr_total_return\n                 FROM   store_returns,\n                        date_dim\n                 WHERE  sr_returned_date_sk = d_date_sk\n                        AND d_year = 2001\n                 GROUP  BY sr_customer_sk,\n                           sr_store_sk)\n        SELECT c_customer_id\n        FROM   customer_total_return ctr1,\n               store,\n               customer\n        WHERE  ctr1.ctr_total_return > (SELECT Avg(ctr_total_return) * 1.2\n                                        FROM   customer_total_return ctr2\n                                        WHERE  ctr1.ctr_store_sk = ctr2.ctr_store_sk)\n               AND s_store_sk = ctr1.ctr_store_sk\n               AND s_state = 'TN'\n               AND ctr1.ctr_customer_sk = c_customer_sk\n        ORDER  BY c_customer_id\n        LIMIT 100;",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['customer', 'date_dim', 'store', 'store_returns']),
        out_tables: [],
      }),
    );
  });
  it('test_tcpds_query_2', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n    WITH wscs\n         AS (SELECT sold_date_sk,\n                    sales_price\n             FROM   (SELECT ws_sold_date_sk    sold_date_sk,\n                            ws_ext_sales_price sales_price\n                     FROM   web_sales)\n             UNION ALL\n             (SELECT cs_sold_date_sk    sold_date_sk,\n                     cs_ext_sales_price sales_price\n              FROM   catalog_sales)),\n         wswscs\n         AS (SELECT d_week_seq,\n                    Sum(CASE\n                          WHEN ( d_day_name = 'Sunday' ) THEN sales_price\n                          ELSE NULL\n                        END) sun_sales,\n                    Sum(CASE\n                          WHEN ( d_day_name = 'Monday' ) THEN sales_price\n                          ELSE NULL\n                        END) mon_sales,\n                    Sum(CASE\n                          WHEN ( d_day_name = 'Tuesday' ) THEN sales_price\n                          ELSE NULL\n                        END) tue_sales,\n                    Sum(CASE\n                          WHEN ( d_day_name = 'Wednesday' ) THEN sales_price\n                          ELSE NULL\n                        END) wed_sales,\n                    Sum(CASE\n                          WHEN ( d_day_name = 'Thursday' ) THEN sales_price\n                          ELSE NULL\n                        END) thu_sales,\n                    Sum(CASE\n                          WHEN ( d_day_name = 'Friday' ) THEN sales_price\n                          ELSE NULL\n                        END) fri_sales,\n                    Sum(CASE\n                          WHEN ( d_day_name = 'Saturday' ) THEN sales_price\n                          ELSE NULL\n                        END) sat_sales\n             FROM   wscs,\n                    date_dim\n             WHERE  d_date_sk = sold_date_sk\n             GROUP  BY d_week_seq)\n    SELECT d_week_seq1,\n           Round(sun_sales1 / sun_sales2, 2),\n           Round(mon_sales1 / mon_sales2, 2),\n           Round(tue_sales1 / tue_sales2, 2),\n           Round(wed_sales1 / wed_sales2, 2),\n           Round(thu_sales1 / thu_sales2, 2),\n           Round(fri_sales1 / fri_sales2, 2),\n           Round(sat_sales1 / sat_sales2, 2)\n    FROM   (SELECT wswscs.d_week_seq d_week_seq1,\n                   sun_sales         sun_sales1,\n                   mon_sales         mon_sales1,\n                   tue_sales         tue_sales1,\n                   wed_sales         wed_sales1,\n                   thu_sales         thu_sales1,\n                   fri_sales         fri_sales1,\n                   sat_sales         sat_sales1\n            FROM   wswscs,\n                   date_dim\n            WHERE  date_dim.d_week_seq = wswscs.d_week_seq\n                   AND d_year = 1998) y,\n           (SELECT wswscs.d_week_seq d_week_seq2,\n                   sun_sales         sun_sales2,\n                   mon_sales         mon_sales2,\n                   tue_sales         tue_sales2,\n                   wed_sales         wed_sales2,\n                   thu_sales         thu_sales2,\n                   fri_sales         fri_sales2,\n                   sat_sales         sat_sales2\n            FROM   wswscs,\n                   date_dim\n            WHERE  date_dim.d_week_seq = wswscs.d_week_seq\n                   AND d_year = 1998 + 1) z\n    WHERE  d_week_seq1 = d_week_seq2 - 53\n    ORDER  BY d_week_seq1;",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['catalog_sales', 'date_dim', 'web_sales']),
        out_tables: [],
      }),
    );
  });
  it('test_tcpds_query_3', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n        SELECT dt.d_year,\n               item.i_brand_id          brand_id,\n               item.i_brand             brand,\n               Sum(ss_ext_discount_amt) sum_agg\n        FROM   date_dim dt,\n               store_sales,\n               item\n        WHERE  dt.d_date_sk = store_sales.ss_sold_date_sk\n               AND store_sales.ss_item_sk = item.i_item_sk\n               AND item.i_manufact_id = 427\n               AND dt.d_moy = 11\n        GROUP  BY dt.d_year,\n                  item.i_brand,\n                  item.i_brand_id\n        ORDER  BY dt.d_year,\n                  sum_agg DESC,\n                  brand_id\n        LIMIT 100;\n        ',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['date_dim', 'item', 'store_sales']),
        out_tables: [],
      }),
    );
  });
  it('test_tcpds_query_4', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n            WITH year_total\n             AS (SELECT c_customer_id                       customer_id,\n                        c_first_name                        customer_first_name,\n                        c_last_name                         customer_last_name,\n                        c_preferred_cust_flag               customer_preferred_cust_flag\n                        ,\n                        c_birth_country\n                        customer_birth_country,\n                        c_login                             customer_login,\n                        c_email_address                     customer_email_address,\n                        d_year                              dyear,\n                        Sum(( ( ss_ext_list_price - ss_ext_wholesale_cost\n                                - ss_ext_discount_amt\n                              )\n                              +\n                                  ss_ext_sales_price ) / 2) year_total,\n                        's'                                 sale_type\n                 FROM   customer,\n                        store_sales,\n                        date_dim\n                 WHERE  c_customer_sk = ss_customer_sk\n                        AND ss_sold_date_sk = d_date_sk\n                 GROUP  BY c_customer_id,\n                           c_first_name,\n                           c_last_name,\n                           c_preferred_cust_flag,\n                           c_birth_country,\n                           c_login,\n                           c_email_address,\n                           d_year\n                 UNION ALL\n                 SELECT c_customer_id                             customer_id,\n                        c_first_name                              customer_first_name,\n                        c_last_name                               customer_last_name,\n                        c_preferred_cust_flag\n                        customer_preferred_cust_flag,\n                        c_birth_country                           customer_birth_country\n                        ,\n                        c_login\n                        customer_login,\n                        c_email_address                           customer_email_address\n                        ,\n                        d_year                                    dyear\n                        ,\n                        Sum(( ( ( cs_ext_list_price\n                                  - cs_ext_wholesale_cost\n                                  - cs_ext_discount_amt\n                                ) +\n                                      cs_ext_sales_price ) / 2 )) year_total,\n                        'c'                                       sale_type\n                 FROM   customer,\n                        catalog_sales,\n                        date_dim\n                 WHERE  c_customer_sk = cs_bill_customer_sk\n                        AND cs_sold_date_sk = d_date_sk\n                 GROUP  BY c_customer_id,\n                           c_first_name,\n                           c_last_name,\n                           c_preferred_cust_flag,\n                           c_birth_country,\n                           c_login,\n                           c_email_address,\n                           d_year\n                 UNION ALL\n                 SELECT c_customer_id                             customer_id,\n                        c_first_name                              customer_first_name,\n                        c_last_name                               customer_last_name,\n                        c_preferred_cust_flag\n                        customer_preferred_cust_flag,\n                        c_birth_country                           customer_birth_country\n                        ,\n                        c_login\n                        customer_login,\n                        c_email_address                           customer_email_address\n                        ,\n                        d_year                                    dyear\n                        ,\n                        Sum(( ( ( ws_ext_list_price\n                                  - ws_ext_wholesale_cost\n                                  - ws_ext_discount_amt\n                                ) +\n                                      ws_ext_sales_price ) / 2 )) year_total,\n                        'w'                                       sale_type\n                 FROM   customer,\n                        web_sales,\n                        date_dim\n                 WHERE  c_customer_sk = ws_bill_customer_sk\n                        AND ws_sold_date_sk = d_date_sk\n                 GROUP  BY c_customer_id,\n                           c_first_name,\n                           c_last_name,\n                           c_preferred_cust_flag,\n                           c_birth_country,\n                           c_login,\n                           c_email_address,\n                           d_year)\n        SELECT t_s_secyear.customer_id,\n                       t_s_secyear.customer_first_name,\n                       t_s_secyear.customer_last_name,\n                       t_s_secyear.customer_preferred_cust_flag\n        FROM   year_total t_s_firstyear,\n               year_total t_s_secyear,\n               year_total t_c_firstyear,\n               year_total t_c_secyear,\n               year_total t_w_firstyear,\n               year_total t_w_secyear\n        WHERE  t_s_secyear.customer_id = t_s_firstyear.customer_id\n               AND t_s_firstyear.customer_id = t_c_secyear.customer_id\n               AND t_s_firstyear.customer_id = t_c_firstyear.customer_id\n               AND t_s_firstyear.customer_id = t_w_firstyear.customer_id\n               AND t_s_firstyear.customer_id = t_w_secyear.customer_id\n               AND t_s_firstyear.sale_type = 's'\n               AND t_c_firstyear.sale_type = 'c'\n               AND t_w_firstyear.sale_type = 'w'\n               AND t_s_secyear.sale_type = 's'\n               AND t_c_secyear.sale_type = 'c'\n               AND t_w_secyear.sale_type = 'w'\n               AND t_s_firstyear.dyear = 2001\n               AND t_s_secyear.dyear = 2001 + 1\n               AND t_c_firstyear.dyear = 2001\n               AND t_c_secyear.dyear = 2001 + 1\n               AND t_w_firstyear.dyear = 2001\n               AND t_w_secyear.dyear = 2001 + 1\n               AND t_s_firstyear.year_total > 0\n               AND t_c_firstyear.year_total > 0\n               AND t_w_firstyear.year_total > 0\n               AND CASE\n                     WHEN t_c_firstyear.year_total > 0 THEN t_c_secyear.year_total /\n                                                            t_c_firstyear.year_total\n                     ELSE NULL\n                   END > CASE\n                           WHEN t_s_firstyear.year_total > 0 THEN\n                           t_s_secyear.year_total /\n                           t_s_firstyear.year_total\n                           ELSE NULL\n                         END\n               AND CASE\n                     WHEN t_c_firstyear.year_total > 0 THEN t_c_secyear.year_total /\n                                                            t_c_firstyear.year_total\n                     ELSE NULL\n                   END > CASE\n                           WHEN t_w_firstyear.year_total > 0 THEN\n                           t_w_secyear.year_total /\n                           t_w_firstyear.year_total\n                           ELSE NULL\n                         END\n        ORDER  BY t_s_secyear.customer_id,\n                  t_s_secyear.customer_first_name,\n                  t_s_secyear.customer_last_name,\n                  t_s_secyear.customer_preferred_cust_flag\n        LIMIT 100;\n        ",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['catalog_sales', 'customer', 'date_dim', 'store_sales', 'web_sales']),
        out_tables: [],
      }),
    );
  });
  it('test_tcpds_query_5', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n            WITH ssr AS\n            (\n                     SELECT   s_store_id,\n                              Sum(sales_price) AS sales,\n                              Sum(profit)      AS profit,\n                              Sum(return_amt)  AS returns1,\n                              Sum(net_loss)    AS profit_loss\n                     FROM     (\n                                     SELECT ss_store_sk             AS store_sk,\n                                            ss_sold_date_sk         AS date_sk,\n                                            ss_ext_sales_price      AS sales_price,\n                                            ss_net_profit           AS profit,\n                                            Cast(0 AS DECIMAL(7,2)) AS return_amt,\n                                            Cast(0 AS DECIMAL(7,2)) AS net_loss\n                                     FROM   store_sales\n                                     UNION ALL\n                                     SELECT sr_store_sk             AS store_sk,\n                                            sr_returned_date_sk     AS date_sk,\n                                            Cast(0 AS DECIMAL(7,2)) AS sales_price,\n                                            Cast(0 AS DECIMAL(7,2)) AS profit,\n                                            sr_return_amt           AS return_amt,\n                                            sr_net_loss             AS net_loss\n                                     FROM   store_returns ) salesreturns,\n                              date_dim,\n                              store\n                     WHERE    date_sk = d_date_sk\n                     AND      d_date BETWEEN Cast('2002-08-22' AS DATE) AND      (\n                                       Cast('2002-08-22' AS DATE) + INTERVAL '14' day)\n                     AND      store_sk = s_store_sk\n                     GROUP BY s_store_id) , csr AS\n            (\n                     SELECT   cp_catalog_page_id,\n                              sum(sales_price) AS sales,\n                              sum(profit)      AS profit,\n                              sum(return_amt)  AS returns1,\n                              sum(net_loss)    AS profit_loss\n                     FROM     (\n                                     SELECT cs_catalog_page_sk      AS page_sk,\n                                            cs_sold_date_sk         AS date_sk,\n                                            cs_ext_sales_price      AS sales_price,\n                                            cs_net_profit           AS profit,\n                                            cast(0 AS decimal(7,2)) AS return_amt,\n                                            cast(0 AS decimal(7,2)) AS net_loss\n                                     FROM   catalog_sales\n                                     UNION ALL\n                                     SELECT cr_catalog_page_sk      AS page_sk,\n                                            cr_returned_date_sk     AS date_sk,\n                                            cast(0 AS decimal(7,2)) AS sales_price,\n                                            cast(0 AS decimal(7,2)) AS profit,\n                                            cr_return_amount        AS return_amt,\n                                            cr_net_loss             AS net_loss\n                                     FROM   catalog_returns ) salesreturns,\n                              date_dim,\n                              catalog_page\n                     WHERE    date_sk = d_date_sk\n                     AND      d_date BETWEEN cast('2002-08-22' AS date) AND      (\n                                       cast('2002-08-22' AS date) + INTERVAL '14' day)\n                     AND      page_sk = cp_catalog_page_sk\n                     GROUP BY cp_catalog_page_id) , wsr AS\n            (\n                     SELECT   web_site_id,\n                              sum(sales_price) AS sales,\n                              sum(profit)      AS profit,\n                              sum(return_amt)  AS returns1,\n                              sum(net_loss)    AS profit_loss\n                     FROM     (\n                                     SELECT ws_web_site_sk          AS wsr_web_site_sk,\n                                            ws_sold_date_sk         AS date_sk,\n                                            ws_ext_sales_price      AS sales_price,\n                                            ws_net_profit           AS profit,\n                                            cast(0 AS decimal(7,2)) AS return_amt,\n                                            cast(0 AS decimal(7,2)) AS net_loss\n                                     FROM   web_sales\n                                     UNION ALL\n                                     SELECT          ws_web_site_sk          AS wsr_web_site_sk,\n                                                     wr_returned_date_sk     AS date_sk,\n                                                     cast(0 AS decimal(7,2)) AS sales_price,\n                                                     cast(0 AS decimal(7,2)) AS profit,\n                                                     wr_return_amt           AS return_amt,\n                                                     wr_net_loss             AS net_loss\n                                     FROM            web_returns\n                                     LEFT OUTER JOIN web_sales\n                                     ON              (\n                                                                     wr_item_sk = ws_item_sk\n                                                     AND             wr_order_number = ws_order_number) ) salesreturns,\n                              date_dim,\n                              web_site\n                     WHERE    date_sk = d_date_sk\n                     AND      d_date BETWEEN cast('2002-08-22' AS date) AND      (\n                                       cast('2002-08-22' AS date) + INTERVAL '14' day)\n                     AND      wsr_web_site_sk = web_site_sk\n                     GROUP BY web_site_id)\n            SELECT\n                     channel ,\n                     id ,\n                     sum(sales)   AS sales ,\n                     sum(returns1) AS returns1 ,\n                     sum(profit)  AS profit\n            FROM     (\n                            SELECT 'store channel' AS channel ,\n                                   'store'\n                                          || s_store_id AS id ,\n                                   sales ,\n                                   returns1 ,\n                                   (profit - profit_loss) AS profit\n                            FROM   ssr\n                            UNION ALL\n                            SELECT 'catalog channel' AS channel ,\n                                   'catalog_page'\n                                          || cp_catalog_page_id AS id ,\n                                   sales ,\n                                   returns1 ,\n                                   (profit - profit_loss) AS profit\n                            FROM   csr\n                            UNION ALL\n                            SELECT 'web channel' AS channel ,\n                                   'web_site'\n                                          || web_site_id AS id ,\n                                   sales ,\n                                   returns1 ,\n                                   (profit - profit_loss) AS profit\n                            FROM   wsr ) x\n            GROUP BY rollup (channel, id)\n            ORDER BY channel ,\n                     id\n            LIMIT 100; ",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables([
          'catalog_page',
          'catalog_returns',
          'catalog_sales',
          'date_dim',
          'store',
          'store_returns',
          'store_sales',
          'web_returns',
          'web_sales',
          'web_site',
        ]),
        out_tables: [],
      }),
    );
  });
  it('test_tcpds_query_6', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n        SELECT a.ca_state state,\n               Count(*)   cnt\n        FROM   customer_address a,\n               customer c,\n               store_sales s,\n               date_dim d,\n               item i\n        WHERE  a.ca_address_sk = c.c_current_addr_sk\n               AND c.c_customer_sk = s.ss_customer_sk\n               AND s.ss_sold_date_sk = d.d_date_sk\n               AND s.ss_item_sk = i.i_item_sk\n               AND d.d_month_seq = (SELECT DISTINCT ( d_month_seq )\n                                    FROM   date_dim\n                                    WHERE  d_year = 1998\n                                           AND d_moy = 7)\n               AND i.i_current_price > 1.2 * (SELECT Avg(j.i_current_price)\n                                              FROM   item j\n                                              WHERE  j.i_category = i.i_category)\n        GROUP  BY a.ca_state\n        HAVING Count(*) >= 10\n        ORDER  BY cnt\n        LIMIT 100;\n    ',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['customer', 'customer_address', 'date_dim', 'item', 'store_sales']),
        out_tables: [],
      }),
    );
  });
  it('test_tcpds_query_7', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n        SELECT i_item_id,\n               Avg(ss_quantity)    agg1,\n               Avg(ss_list_price)  agg2,\n               Avg(ss_coupon_amt)  agg3,\n               Avg(ss_sales_price) agg4\n        FROM   store_sales,\n               customer_demographics,\n               date_dim,\n               item,\n               promotion\n        WHERE  ss_sold_date_sk = d_date_sk\n               AND ss_item_sk = i_item_sk\n               AND ss_cdemo_sk = cd_demo_sk\n               AND ss_promo_sk = p_promo_sk\n               AND cd_gender = 'F'\n               AND cd_marital_status = 'W'\n               AND cd_education_status = '2 yr Degree'\n               AND ( p_channel_email = 'N'\n                      OR p_channel_event = 'N' )\n               AND d_year = 1998\n        GROUP  BY i_item_id\n        ORDER  BY i_item_id\n        LIMIT 100;\n    ",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['customer_demographics', 'date_dim', 'item', 'promotion', 'store_sales']),
        out_tables: [],
      }),
    );
  });
  it('test_tcpds_query_8', async () => {
    expect(
      norm(
        (
          await testSql(
            "\n        SELECT s_store_name,\n                       Sum(ss_net_profit)\n        FROM   store_sales,\n               date_dim,\n               store,\n               (SELECT ca_zip\n                FROM   (SELECT Substr(ca_zip, 1, 5) ca_zip\n                        FROM   customer_address\n                        WHERE  Substr(ca_zip, 1, 5) IN ( '67436', '26121', '38443',\n                                                         '63157',\n                                                         '68856', '19485', '86425',\n                                                         '26741',\n                                                         '70991', '60899', '63573',\n                                                         '47556',\n                                                         '56193', '93314', '87827',\n                                                         '62017',\n                                                         '85067', '95390', '48091',\n                                                         '43224',\n                                                         '22322', '86959', '68519',\n                                                         '14308',\n                                                         '46501', '81131', '34056',\n                                                         '61991',\n                                                         '19896', '87804', '65774',\n                                                         '92564' )\n                        INTERSECT\n                        SELECT ca_zip\n                        FROM   (SELECT Substr(ca_zip, 1, 5) ca_zip,\n                                       Count(*)             cnt\n                                FROM   customer_address,\n                                       customer\n                                WHERE  ca_address_sk = c_current_addr_sk\n                                       AND c_preferred_cust_flag = 'Y'\n                                GROUP  BY ca_zip\n                                HAVING Count(*) > 10)A1)A2) V1\n        WHERE  ss_store_sk = s_store_sk\n               AND ss_sold_date_sk = d_date_sk\n               AND d_qoy = 2\n               AND d_year = 2000\n               AND ( Substr(s_zip, 1, 2) = Substr(V1.ca_zip, 1, 2) )\n        GROUP  BY s_store_name\n        ORDER  BY s_store_name\n        LIMIT 100;\n    ",
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['customer', 'customer_address', 'date_dim', 'store', 'store_sales']),
        out_tables: [],
      }),
    );
  });
  it('test_tcpds_query_9', async () => {
    expect(
      norm(
        (
          await testSql(
            '\n        SELECT CASE\n                 WHEN (SELECT Count(*)\n                       FROM   store_sales\n                       WHERE  ss_quantity BETWEEN 1 AND 20) > 3672 THEN\n                 (SELECT Avg(ss_ext_list_price)\n                  FROM   store_sales\n                  WHERE\n                 ss_quantity BETWEEN 1 AND 20)\n                 ELSE (SELECT Avg(ss_net_profit)\n                       FROM   store_sales\n                       WHERE  ss_quantity BETWEEN 1 AND 20)\n               END bucket1,\n               CASE\n                 WHEN (SELECT Count(*)\n                       FROM   store_sales\n                       WHERE  ss_quantity BETWEEN 21 AND 40) > 3392 THEN\n                 (SELECT Avg(ss_ext_list_price)\n                  FROM   store_sales\n                  WHERE\n                 ss_quantity BETWEEN 21 AND 40)\n                 ELSE (SELECT Avg(ss_net_profit)\n                       FROM   store_sales\n                       WHERE  ss_quantity BETWEEN 21 AND 40)\n               END bucket2,\n               CASE\n                 WHEN (SELECT Count(*)\n                       FROM   store_sales\n                       WHERE  ss_quantity BETWEEN 41 AND 60) > 32784 THEN\n                 (SELECT Avg(ss_ext_list_price)\n                  FROM   store_sales\n                  WHERE\n                 ss_quantity BETWEEN 41 AND 60)\n                 ELSE (SELECT Avg(ss_net_profit)\n                       FROM   store_sales\n                       WHERE  ss_quantity BETWEEN 41 AND 60)\n               END bucket3,\n               CASE\n                 WHEN (SELECT Count(*)\n                       FROM   store_sales\n                       WHERE  ss_quantity BETWEEN 61 AND 80) > 26032 THEN\n                 (SELECT Avg(ss_ext_list_price)\n                  FROM   store_sales\n                  WHERE\n                 ss_quantity BETWEEN 61 AND 80)\n                 ELSE (SELECT Avg(ss_net_profit)\n                       FROM   store_sales\n                       WHERE  ss_quantity BETWEEN 61 AND 80)\n               END bucket4,\n               CASE\n                 WHEN (SELECT Count(*)\n                       FROM   store_sales\n                       WHERE  ss_quantity BETWEEN 81 AND 100) > 23982 THEN\n                 (SELECT Avg(ss_ext_list_price)\n                  FROM   store_sales\n                  WHERE\n                 ss_quantity BETWEEN 81 AND 100)\n                 ELSE (SELECT Avg(ss_net_profit)\n                       FROM   store_sales\n                       WHERE  ss_quantity BETWEEN 81 AND 100)\n               END bucket5\n        FROM   reason\n        WHERE  r_reason_sk = 1;\n    ',
          )
        ).table_lineage,
      ),
    ).toEqual(
      norm({
        in_tables: tables(['reason', 'store_sales']),
        out_tables: [],
      }),
    );
  });
});
