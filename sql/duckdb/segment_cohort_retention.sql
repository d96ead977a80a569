-- retention-widgets · monthly cohort retention per segment (DuckDB ≥ 1.1)
--
-- The same numbers as, for every segment s of `breakdown(orders, { by, assign: 'first' })`,
-- `cohortRetention(s.orders, { period: 'month', measure: 'customers', mode: 'on' })` in
-- retention-widgets/core: a customer's segment is that of their first order; cohort = month of the
-- first order; cell (segment, cohort, k) = customers of the segment's cohort with an order in month
-- cohort + k. Every cell from k = 0 to the last month with an order *of that segment* is returned
-- (as core does on the segment's own table), zeros included.
--
-- Input: a table or view `orders(customer_id, order_id, order_date, amount, segment, order_seq)`:
-- the four columns of sql/README.md's contract plus
--   segment    the dimension to break down by (channel, region, a coupon flag…), any type, NULL = no value;
--   order_seq  any sortable value that orders a customer's orders within a day as core's table does
--              (the source line number, or the order timestamp); core keeps the source order within a day.
--
-- Parameter (optional): SET VARIABLE keep_zero_amounts = true;  -- loader zeroAmounts:'keep'
--
-- Output, ordered by segment, cohort, months_since:
--   segment VARCHAR, cohort VARCHAR 'YYYY-MM', cohort_start DATE, months_since BIGINT,
--   cohort_size BIGINT, customers BIGINT
WITH accepted AS (
  -- Row rules of loadOrders that can be checked on the contract columns (returns: 'exclude'), as in
  -- customer_summary.sql; the segment and order_seq columns ride along.
  SELECT
    trim(customer_id) AS customer_id,
    CASE WHEN lower(trim(order_id)) IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a') THEN NULL
         ELSE trim(order_id) END AS order_id,
    order_date,
    amount,
    coalesce(CAST(segment AS VARCHAR), '') AS segment,                                      -- no value = '' (core's MISSING_KEY)
    order_seq
  FROM orders
  WHERE customer_id IS NOT NULL                                                              -- missing-customer
    AND lower(trim(customer_id)) NOT IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a')
    AND order_date IS NOT NULL                                                               -- missing-date
    AND amount IS NOT NULL AND isfinite(amount)                                              -- non-numeric-amount
    AND (amount > 0 OR (amount = 0 AND coalesce(getvariable('keep_zero_amounts'), false)))   -- cancellation, negative, zero
),
order_rows AS (
  -- Order aggregation: the lines of one order id are one order on the day of its earliest line,
  -- sequenced by its first line and carrying that line's segment (the loader's "first row" rule).
  SELECT customer_id, min(order_date) AS order_day, min(order_seq) AS order_seq, arg_min(segment, order_seq) AS segment
  FROM accepted WHERE order_id IS NOT NULL
  GROUP BY customer_id, order_id
  UNION ALL
  SELECT customer_id, order_date, order_seq, segment
  FROM accepted WHERE order_id IS NULL
),
firsts AS (
  -- Each customer's first order: earliest day, then smallest order_seq (core's tie rule: the earliest
  -- row of the day in the table, i.e. source or time order). Its segment is the customer's segment.
  SELECT customer_id, order_day AS first_day, segment
  FROM (
    SELECT customer_id, order_day, segment,
           row_number() OVER (PARTITION BY customer_id ORDER BY order_day, order_seq, segment) AS k
    FROM order_rows
  ) AS ranked
  WHERE k = 1
),
customer_months AS (
  SELECT
    o.customer_id,
    f.segment,
    (year(o.order_day) - 1970) * 12 + month(o.order_day) - 1 AS month_index
  FROM order_rows AS o JOIN firsts AS f ON f.customer_id = o.customer_id
  GROUP BY o.customer_id, f.segment, month_index
),
cohort_months AS (
  SELECT segment, min(month_index) OVER (PARTITION BY customer_id) AS cohort_index, month_index
  FROM customer_months
),
cells AS (
  SELECT segment, cohort_index, month_index - cohort_index AS months_since, count(*) AS customers
  FROM cohort_months
  GROUP BY segment, cohort_index, month_index
),
cohorts AS (
  SELECT segment, cohort_index, customers AS cohort_size FROM cells WHERE months_since = 0
),
segment_ends AS (
  SELECT segment, max(month_index) AS last_index FROM cohort_months GROUP BY segment
),
grid AS (
  SELECT h.segment, h.cohort_index, h.cohort_size, k.months_since
  FROM cohorts AS h
  JOIN segment_ends AS e ON e.segment = h.segment,
  generate_series(0, e.last_index - h.cohort_index) AS k(months_since)
)
SELECT
  g.segment,
  strftime(make_date(CAST(1970 + g.cohort_index // 12 AS BIGINT), CAST(g.cohort_index % 12 + 1 AS BIGINT), 1), '%Y-%m') AS cohort,
  make_date(CAST(1970 + g.cohort_index // 12 AS BIGINT), CAST(g.cohort_index % 12 + 1 AS BIGINT), 1) AS cohort_start,
  g.months_since,
  g.cohort_size,
  coalesce(x.customers, 0) AS customers
FROM grid AS g
LEFT JOIN cells AS x ON x.segment = g.segment AND x.cohort_index = g.cohort_index AND x.months_since = g.months_since
ORDER BY g.segment, g.cohort_index, g.months_since;
