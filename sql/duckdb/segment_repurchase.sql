-- retention-widgets · repurchase rate per segment (DuckDB ≥ 1.1)
--
-- The counts behind `segmentRates(orders, { by, assign: 'first', target: 'repurchase', withinDays })` in
-- retention-widgets/core (src/core/segment-rates.ts, src/core/customer-outcome.ts): each customer
-- belongs to the segment of their first order; a customer repurchased if they have another purchase day
-- d with first_day < d ≤ first_day + within_days; customers whose window runs past the last order day
-- are not eligible (unless include_censored). The Wilson intervals and the Holm-corrected tests are
-- computed from these counts by `compareCounts` in core.
--
-- Input: a table or view `orders(customer_id, order_id, order_date, amount, segment, order_seq)`:
-- the four columns of sql/README.md's contract plus
--   segment    the dimension to break down by (channel, region, a coupon flag…), any type, NULL = no value;
--   order_seq  any sortable value that orders a customer's orders within a day as core's table does
--              (the source line number, or the order timestamp); core keeps the source order within a day.
--
-- Parameters (all optional), as DuckDB variables:
--   SET VARIABLE within_days = 90;            -- default 30 (core's repurchase default)
--   SET VARIABLE include_censored = true;     -- core's censored: 'include'; default false ('exclude')
--   SET VARIABLE keep_zero_amounts = true;    -- loader zeroAmounts:'keep'
--
-- Output, one row per segment, ordered by customers (most first) then segment (core's segment order):
--   segment VARCHAR, customers BIGINT (all), eligible BIGINT (the rate's n), repurchasers BIGINT,
--   repurchase_rate DOUBLE (repurchasers / eligible; NULL when nobody is eligible)
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
params AS (
  SELECT
    coalesce(getvariable('within_days'), 30) AS within_days,
    coalesce(getvariable('include_censored'), false) AS include_censored,
    (SELECT max(order_day) FROM order_rows) AS last_day
),
second_days AS (
  SELECT o.customer_id, min(o.order_day) AS second_day
  FROM order_rows AS o JOIN firsts AS f ON f.customer_id = o.customer_id
  WHERE o.order_day > f.first_day
  GROUP BY o.customer_id
),
per_customer AS (
  SELECT
    f.segment,
    (p.include_censored OR f.first_day + CAST(p.within_days AS INTEGER) <= p.last_day) AS eligible,
    (s.second_day IS NOT NULL AND s.second_day - f.first_day <= p.within_days) AS repurchased
  FROM firsts AS f
  LEFT JOIN second_days AS s ON s.customer_id = f.customer_id
  CROSS JOIN params AS p
)
SELECT
  segment,
  count(*) AS customers,
  count(*) FILTER (WHERE eligible) AS eligible,
  count(*) FILTER (WHERE eligible AND repurchased) AS repurchasers,
  CAST(count(*) FILTER (WHERE eligible AND repurchased) AS DOUBLE) / nullif(count(*) FILTER (WHERE eligible), 0) AS repurchase_rate
FROM per_customer
GROUP BY segment
ORDER BY customers DESC, segment;
