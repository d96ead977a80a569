/**
 * The four descriptive workloads in SQL (DuckDB dialect), over a table `orders(customer_id,
 * order_id, order_date DATE, amount DOUBLE)`. Shared by the DuckDB-wasm page engine and by the Node
 * test, which runs them in native DuckDB on a tiny log so the SQL cannot rot unnoticed.
 * Counts and sums are cast to DOUBLE so results cross to JS as plain numbers (no BigInt/HUGEINT).
 */
import { cohortCells, gapDistribution, monthKey, rfmCube } from './canonical.mjs';


/** W1: the per-customer summary, materialised as a table (the result a widget would read). */
export const W1 = `CREATE OR REPLACE TEMP TABLE w1 AS
SELECT customer_id,
       min(order_date) AS first_day, max(order_date) AS last_day,
       count(*) AS orders, count(DISTINCT order_date) AS purchase_days,
       sum(amount) AS revenue, avg(amount) AS mean_amount
FROM orders GROUP BY customer_id`;

/** Totals of W1's table (not timed; the check). */
export const W1_TOTALS = `SELECT count(*)::DOUBLE AS customers, sum(orders)::DOUBLE AS orders,
       sum(purchase_days)::DOUBLE AS purchase_days, sum(revenue)::DOUBLE AS revenue,
       sum(first_day - DATE '1970-01-01')::DOUBLE AS first_day_sum,
       sum(last_day - DATE '1970-01-01')::DOUBLE AS last_day_sum,
       sum(orders * purchase_days)::DOUBLE AS orders_times_days
FROM w1`;

/** W2: cohort (month of the first order) × age in months → distinct customers with an order. */
export const W2 = `WITH cm AS (
  SELECT DISTINCT customer_id, year(order_date) * 12 + month(order_date) - 1 AS month FROM orders
), c AS (
  SELECT month, min(month) OVER (PARTITION BY customer_id) AS cohort FROM cm
)
SELECT cohort::INTEGER AS cohort, (month - cohort)::INTEGER AS age, count(*)::DOUBLE AS customers
FROM c GROUP BY ALL ORDER BY ALL`;

/** W3a: customers and customers with at least two orders. */
export const W3_SHARE = `SELECT count(*)::DOUBLE AS customers, count(*) FILTER (WHERE n >= 2)::DOUBLE AS repeat_customers
FROM (SELECT count(*) AS n FROM orders GROUP BY customer_id)`;

/** W3b: histogram (per day) of the days between consecutive distinct purchase days of a customer. */
export const W3_GAPS = `WITH d AS (SELECT DISTINCT customer_id, order_date FROM orders),
g AS (SELECT order_date - lag(order_date) OVER (PARTITION BY customer_id ORDER BY order_date) AS gap FROM d)
SELECT gap::INTEGER AS gap, count(*)::DOUBLE AS n FROM g WHERE gap IS NOT NULL GROUP BY gap ORDER BY gap`;

/**
 * W4: RFM quintile scores with core/rfm.ts's tie rule — score = ⌊5 · (customers strictly worse) / n⌋ + 1,
 * where RANK() − 1 counts the customers strictly worse — and the customers in each (R, F, M) cell.
 * Recency is measured to the last order day of the data.
 */
export const W4 = `WITH c AS (
  SELECT max(order_date) AS last_day, count(*) AS f, sum(amount) AS m FROM orders GROUP BY customer_id
), s AS (
  SELECT max(last_day) OVER () - last_day AS rec, f, m, count(*) OVER () AS n FROM c
), q AS (
  SELECT floor(5 * (rank() OVER (ORDER BY rec DESC) - 1) / n)::INTEGER + 1 AS r,
         floor(5 * (rank() OVER (ORDER BY f) - 1) / n)::INTEGER + 1 AS fs,
         floor(5 * (rank() OVER (ORDER BY m) - 1) / n)::INTEGER + 1 AS ms
  FROM s
)
SELECT r, fs, ms, count(*)::DOUBLE AS customers FROM q GROUP BY ALL ORDER BY ALL`;

/**
 * Canonical form (lib/canonical.mjs) of the SQL results, given as arrays of plain row objects.
 * @param {'w1'|'w2'|'w3'|'w4'} workload
 * @param {{ totals?: object, rows?: object[], share?: object, gaps?: object[] }} res
 */
export function canonicalFromSql(workload, res) {
  if (workload === 'w1') {
    const t = res.totals;
    return {
      customers: Number(t.customers), orders: Number(t.orders), purchaseDays: Number(t.purchase_days), revenue: Number(t.revenue),
      firstDaySum: Number(t.first_day_sum), lastDaySum: Number(t.last_day_sum), ordersTimesDays: Number(t.orders_times_days),
    };
  }
  if (workload === 'w2') return { cells: cohortCells(res.rows.map((r) => [monthKey(Number(r.cohort)), Number(r.age), Number(r.customers)])) };
  if (workload === 'w3') {
    return {
      customers: Number(res.share.customers),
      repeatCustomers: Number(res.share.repeat_customers),
      ...gapDistribution(res.gaps.map((r) => Number(r.gap)), res.gaps.map((r) => Number(r.n))),
    };
  }
  if (workload === 'w4') {
    const rows = res.rows;
    return rfmCube(rows.map((r) => Number(r.r)), rows.map((r) => Number(r.fs)), rows.map((r) => Number(r.ms)), rows.map((r) => Number(r.customers)));
  }
  throw new Error(`unknown workload ${workload}`);
}
