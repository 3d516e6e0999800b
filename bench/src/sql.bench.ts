/**
 * @ol/sql: statements per second for a TPC-DS-sized query and a small INSERT … SELECT, each next to
 * the bare parser (sqlparser-ts parsing the same text to its AST, which parseSql also pays), and
 * the first call's cost (WASM compile + instantiate) in a fresh process next to a warm call.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, Parser } from '@guanmingchiu/sqlparser-ts';
import { parseSql } from '@ol/sql';
import { median, paired, scenario, type Scenario } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Shaped like TPC-DS query 4 (year-over-year customer growth): three CTE branches, many joins. */
const TPCDS = `
WITH year_total AS (
  SELECT c_customer_id AS customer_id, c_first_name AS customer_first_name, c_last_name AS customer_last_name,
         c_preferred_cust_flag AS customer_preferred_cust_flag, c_birth_country AS customer_birth_country,
         c_login AS customer_login, c_email_address AS customer_email_address, d_year AS dyear,
         SUM(((ss_ext_list_price - ss_ext_wholesale_cost - ss_ext_discount_amt) + ss_ext_sales_price) / 2) AS year_total,
         's' AS sale_type
  FROM customer, store_sales, date_dim
  WHERE c_customer_sk = ss_customer_sk AND ss_sold_date_sk = d_date_sk
  GROUP BY c_customer_id, c_first_name, c_last_name, c_preferred_cust_flag, c_birth_country, c_login, c_email_address, d_year
  UNION ALL
  SELECT c_customer_id, c_first_name, c_last_name, c_preferred_cust_flag, c_birth_country, c_login, c_email_address, d_year,
         SUM((((cs_ext_list_price - cs_ext_wholesale_cost - cs_ext_discount_amt) + cs_ext_sales_price) / 2)), 'c'
  FROM customer, catalog_sales, date_dim
  WHERE c_customer_sk = cs_bill_customer_sk AND cs_sold_date_sk = d_date_sk
  GROUP BY c_customer_id, c_first_name, c_last_name, c_preferred_cust_flag, c_birth_country, c_login, c_email_address, d_year
  UNION ALL
  SELECT c_customer_id, c_first_name, c_last_name, c_preferred_cust_flag, c_birth_country, c_login, c_email_address, d_year,
         SUM((((ws_ext_list_price - ws_ext_wholesale_cost - ws_ext_discount_amt) + ws_ext_sales_price) / 2)), 'w'
  FROM customer, web_sales, date_dim
  WHERE c_customer_sk = ws_bill_customer_sk AND ws_sold_date_sk = d_date_sk
  GROUP BY c_customer_id, c_first_name, c_last_name, c_preferred_cust_flag, c_birth_country, c_login, c_email_address, d_year
)
INSERT INTO report.customer_growth
SELECT t_s_secyear.customer_id, t_s_secyear.customer_first_name, t_s_secyear.customer_last_name, t_s_secyear.customer_birth_country
FROM year_total t_s_firstyear, year_total t_s_secyear, year_total t_c_firstyear, year_total t_c_secyear,
     year_total t_w_firstyear, year_total t_w_secyear
WHERE t_s_secyear.customer_id = t_s_firstyear.customer_id
  AND t_s_firstyear.customer_id = t_c_secyear.customer_id
  AND t_s_firstyear.customer_id = t_c_firstyear.customer_id
  AND t_s_firstyear.customer_id = t_w_firstyear.customer_id
  AND t_s_firstyear.customer_id = t_w_secyear.customer_id
  AND t_s_firstyear.sale_type = 's' AND t_c_firstyear.sale_type = 'c' AND t_w_firstyear.sale_type = 'w'
  AND t_s_secyear.sale_type = 's' AND t_c_secyear.sale_type = 'c' AND t_w_secyear.sale_type = 'w'
  AND t_s_firstyear.dyear = 2001 AND t_s_secyear.dyear = 2001 + 1
  AND t_c_firstyear.dyear = 2001 AND t_c_secyear.dyear = 2001 + 1
  AND t_w_firstyear.dyear = 2001 AND t_w_secyear.dyear = 2001 + 1
  AND t_s_firstyear.year_total > 0 AND t_c_firstyear.year_total > 0 AND t_w_firstyear.year_total > 0
  AND CASE WHEN t_c_firstyear.year_total > 0 THEN t_c_secyear.year_total / t_c_firstyear.year_total ELSE NULL END
    > CASE WHEN t_s_firstyear.year_total > 0 THEN t_s_secyear.year_total / t_s_firstyear.year_total ELSE NULL END
  AND t_s_secyear.customer_id IN (SELECT c_customer_id FROM customer WHERE c_birth_country = 'GERMANY')
ORDER BY t_s_secyear.customer_id
LIMIT 100`;

const SMALL = `INSERT INTO analytics.daily_orders (day, customer_id, total)
SELECT o.order_date, o.customer_id, SUM(o.amount) AS total
FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id
WHERE o.status = 'paid'
GROUP BY o.order_date, o.customer_id`;

/** Statements per second over one timed loop of `n` calls. */
async function perSecond(fn: () => unknown, n: number): Promise<number> {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return n / (Number(process.hrtime.bigint() - t) / 1e9);
}

const FIRST_CALL = `
await import('@ol/core');
const t0 = process.hrtime.bigint();
const { parseSql } = await import('@ol/sql');
const t1 = process.hrtime.bigint();
await parseSql('SELECT a FROM t', { dialect: 'postgres' });
const t2 = process.hrtime.bigint();
await parseSql('SELECT b FROM u', { dialect: 'postgres' });
const t3 = process.hrtime.bigint();
console.log(JSON.stringify({ importMs: Number(t1 - t0) / 1e6, firstMs: Number(t2 - t1) / 1e6, warmMs: Number(t3 - t2) / 1e6 }));`;

export default async function bench(): Promise<Scenario[]> {
  await init();
  const meta = await parseSql(TPCDS, { dialect: 'postgres' });
  if (meta.errors.length > 0 || meta.inTables.length !== 5) throw new Error(`bench TPC-DS query: unexpected lineage ${JSON.stringify(meta)}`);
  const out: Scenario[] = [];
  for (const [label, sql, n] of [
    ['TPC-DS-sized query (q4 shape, 58 lines)', TPCDS, 20],
    ['5-line INSERT … SELECT', SMALL, 300],
  ] as const) {
    const ours = () => perSecond(() => parseSql(sql, { dialect: 'postgres' }), n);
    const raw = () => perSecond(() => Parser.parse(sql, 'postgresql'), n);
    await ours();
    await raw();
    // Alternating rounds: both sides share the machine's drift and the GC's timing.
    const r = await paired(9, ours, raw);
    out.push(
      scenario({
        name: `parseSql, ${label}`,
        figure: r.figure,
        unit: 'statements/s',
        baseline: r.baseline,
        baselineName: 'sqlparser-ts parse alone',
        minRatio: 0.5,
      }),
    );
  }
  const runs = Array.from(
    { length: 5 },
    () =>
      JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', FIRST_CALL], { cwd: here, encoding: 'utf8' })) as {
        importMs: number;
        firstMs: number;
        warmMs: number;
      },
  );
  out.push(
    scenario({
      name: '@ol/sql first call (WASM compile + instantiate, fresh process)',
      figure: median(runs.map((r) => r.firstMs)),
      unit: 'ms',
      baseline: median(runs.map((r) => r.warmMs)),
      baselineName: 'second call, same process',
      higherIsBetter: false,
      goal: 'report (lower is better)',
    }),
    scenario({ name: '@ol/sql import after @ol/core (no WASM yet)', figure: median(runs.map((r) => r.importMs)), unit: 'ms', maxFigure: 50 }),
  );
  return out;
}
