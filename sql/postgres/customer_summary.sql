-- retention-widgets · per-customer purchase summary (PostgreSQL ≥ 12)
--
-- A line-by-line translation of sql/duckdb/customer_summary.sql (same CTEs, same output columns);
-- the same numbers as `customerSummary` in retention-widgets/core (src/core/customer-summary.ts).
--   Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2);
--   Fader, Hardie & Lee (2005), "RFM and CLV", Journal of Marketing Research 42(4).
--
-- Input: a table or view `orders(customer_id, order_id, order_date, amount)`, one row per order
-- line or per order; see sql/README.md for the contract and for the row rules applied here.
--
-- Parameters (all optional), as session settings (an unset or empty setting means the default):
--   SET retention.calibration_end = '1997-09-30';  -- last day of orders used; default: last order day
--   SET retention.as_of = '1997-09-30';            -- day T is measured to; default: calibration_end
--   SET retention.keep_zero_amounts = 'true';      -- zero-amount lines are purchases (loader zeroAmounts:'keep')
--
-- Output: one row per customer with an order on or before calibration_end, ordered by customer_id.
--   first_day, last_day  date    first and last purchase day
--   orders               bigint  orders (several on one day count separately)
--   purchase_days        bigint  distinct purchase days (the literature's "transactions")
--   revenue              float8  sum of order amounts
--   frequency            bigint  purchase_days − 1 (repeat purchase days)
--   recency_days, t_days bigint  last_day − first_day, as_of − first_day
--   recency_weeks, t_weeks float8 the same divided by 7
--   monetary             float8  mean value of the repeat purchase days (first day excluded); 0 when none
--   end_day              date    the day T is measured to
WITH accepted AS (
  -- Row rules of loadOrders that can be checked on the contract columns (returns: 'exclude').
  SELECT
    trim(customer_id) AS customer_id,
    CASE WHEN lower(trim(order_id)) IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a') THEN NULL
         ELSE trim(order_id) END AS order_id,
    order_date,
    CAST(amount AS double precision) AS amount
  FROM orders
  WHERE customer_id IS NOT NULL                                                              -- missing-customer
    AND lower(trim(customer_id)) NOT IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a')
    AND order_date IS NOT NULL                                                               -- missing-date
    AND amount IS NOT NULL                                                                   -- non-numeric-amount
    AND CAST(amount AS double precision) NOT IN ('NaN', 'Infinity', '-Infinity')
    AND (amount > 0 OR (amount = 0                                                           -- cancellation, negative, zero
         AND coalesce(CAST(nullif(current_setting('retention.keep_zero_amounts', true), '') AS boolean), false)))
),
order_rows AS (
  -- Order aggregation: the accepted lines of one order id are one order on the day of its earliest line.
  -- Lines without an order id are orders of their own.
  SELECT customer_id, min(order_date) AS order_day, sum(amount) AS amount
  FROM accepted WHERE order_id IS NOT NULL
  GROUP BY customer_id, order_id
  UNION ALL
  SELECT customer_id, order_date, amount
  FROM accepted WHERE order_id IS NULL
),
params AS (
  SELECT calibration_end,
         coalesce(CAST(nullif(current_setting('retention.as_of', true), '') AS date), calibration_end) AS as_of
  FROM (SELECT coalesce(CAST(nullif(current_setting('retention.calibration_end', true), '') AS date),
                        (SELECT max(order_day) FROM order_rows)) AS calibration_end) AS given
),
purchase_days AS (
  -- One row per customer and purchase day: several orders on one day are one purchase.
  SELECT
    customer_id,
    order_day,
    count(*) AS orders,
    sum(amount) AS revenue,
    min(order_day) OVER (PARTITION BY customer_id) AS first_day
  FROM order_rows, params
  WHERE order_day <= params.calibration_end
  GROUP BY customer_id, order_day
),
per_customer AS (
  SELECT
    customer_id,
    min(order_day) AS first_day,
    max(order_day) AS last_day,
    sum(orders) AS orders,
    count(*) AS purchase_days,
    sum(revenue) AS revenue,
    coalesce(sum(revenue) FILTER (WHERE order_day > first_day), 0) AS repeat_revenue
  FROM purchase_days
  GROUP BY customer_id
)
SELECT
  customer_id,
  first_day,
  last_day,
  CAST(orders AS bigint) AS orders,
  purchase_days,
  revenue,
  purchase_days - 1 AS frequency,
  CAST(last_day - first_day AS bigint) AS recency_days,
  CAST(params.as_of - first_day AS bigint) AS t_days,
  CAST(last_day - first_day AS double precision) / 7 AS recency_weeks,
  CAST(params.as_of - first_day AS double precision) / 7 AS t_weeks,
  CASE WHEN purchase_days > 1 THEN repeat_revenue / (purchase_days - 1) ELSE 0 END AS monetary,
  params.as_of AS end_day
FROM per_customer, params
ORDER BY customer_id;
