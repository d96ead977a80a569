-- retention-widgets · monthly cohort matrix (DuckDB ≥ 1.1)
--
-- The same numbers as `cohortRetention(orders, { period: 'month', mode: 'on' })` in
-- retention-widgets/core (src/core/cohort-retention.ts), for the measures 'customers', 'revenue'
-- and 'orders' at once:
--   cohort of a customer = calendar month of the customer's first order;
--   cell (cohort, months_since = k) = what the cohort did in month cohort + k:
--     customers = distinct customers of the cohort with an order in that month (k = 0: the cohort size),
--     revenue   = sum of their order amounts in that month,
--     orders    = number of their orders in that month.
-- Every cell from k = 0 to the last month of the data is returned, zeros included (the last month
-- may be partial); months in which no cohort starts have no rows. Divide by cohort_size for rates.
--
-- Input: a table or view `orders(customer_id, order_id, order_date, amount)`; see sql/README.md.
-- Parameter (optional): SET VARIABLE keep_zero_amounts = true;  -- loader zeroAmounts:'keep'
--
-- Output, ordered by cohort then months_since:
--   cohort        VARCHAR 'YYYY-MM' (the key core uses)     cohort_start DATE   first day of the cohort month
--   months_since  BIGINT  k ≥ 0                             cohort_size  BIGINT customers in the cohort
--   customers BIGINT, revenue DOUBLE, orders BIGINT         the cell values
WITH accepted AS (
  -- Row rules of loadOrders that can be checked on the contract columns (returns: 'exclude').
  SELECT
    trim(customer_id) AS customer_id,
    CASE WHEN lower(trim(order_id)) IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a') THEN NULL
         ELSE trim(order_id) END AS order_id,
    order_date,
    amount
  FROM orders
  WHERE customer_id IS NOT NULL                                                              -- missing-customer
    AND lower(trim(customer_id)) NOT IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a')
    AND order_date IS NOT NULL                                                               -- missing-date
    AND amount IS NOT NULL AND isfinite(amount)                                              -- non-numeric-amount
    AND (amount > 0 OR (amount = 0 AND coalesce(getvariable('keep_zero_amounts'), false)))   -- cancellation, negative, zero
),
order_rows AS (
  -- Order aggregation: the accepted lines of one order id are one order on the day of its earliest line.
  SELECT customer_id, min(order_date) AS order_day, sum(amount) AS amount
  FROM accepted WHERE order_id IS NOT NULL
  GROUP BY customer_id, order_id
  UNION ALL
  SELECT customer_id, order_date, amount
  FROM accepted WHERE order_id IS NULL
),
customer_months AS (
  -- One row per customer and calendar month with an order: its orders and revenue. Grouping by
  -- customer first makes "distinct customers" a plain count below (no COUNT(DISTINCT)).
  SELECT
    customer_id,
    CAST(date_trunc('month', order_day) AS DATE) AS month_start,
    count(*) AS orders,
    sum(amount) AS revenue
  FROM order_rows
  GROUP BY customer_id, date_trunc('month', order_day)
),
cohort_months AS (
  -- Cohort = the customer's first month; months since 1970-01 make "months since" a subtraction.
  SELECT
    min(month_start) OVER (PARTITION BY customer_id) AS cohort_start,
    (year(month_start) - 1970) * 12 + month(month_start) - 1 AS month_index,
    orders,
    revenue
  FROM customer_months
),
cells AS (
  SELECT
    cohort_start,
    month_index - ((year(cohort_start) - 1970) * 12 + month(cohort_start) - 1) AS months_since,
    count(*) AS customers,
    sum(revenue) AS revenue,
    CAST(sum(orders) AS BIGINT) AS orders
  FROM cohort_months
  GROUP BY cohort_start, month_index
),
cohorts AS (
  SELECT cohort_start, (year(cohort_start) - 1970) * 12 + month(cohort_start) - 1 AS cohort_index, customers AS cohort_size
  FROM cells WHERE months_since = 0
),
grid AS (
  -- Every age from 0 to the last month of the data, so empty cells come back as zeros.
  SELECT h.cohort_index, h.cohort_start, h.cohort_size, k.months_since
  FROM cohorts AS h,
       (SELECT max(month_index) AS last_index FROM cohort_months) AS b,
       generate_series(0, b.last_index - h.cohort_index) AS k(months_since)
)
SELECT
  strftime(g.cohort_start, '%Y-%m') AS cohort,
  g.cohort_start,
  g.months_since,
  g.cohort_size,
  coalesce(x.customers, 0) AS customers,
  coalesce(x.revenue, 0) AS revenue,
  coalesce(x.orders, 0) AS orders
FROM grid AS g
LEFT JOIN cells AS x ON x.cohort_start = g.cohort_start AND x.months_since = g.months_since
ORDER BY g.cohort_index, g.months_since;
