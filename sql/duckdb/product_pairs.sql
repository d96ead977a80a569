-- retention-widgets · products bought together: pair counts, support, confidence, lift (DuckDB ≥ 1.1)
--
-- The same numbers as `productAffinity` in retention-widgets/core (src/core/product-affinity.ts),
-- computed in the warehouse.
--   Support, confidence: Agrawal, Imieliński & Swami (1993), "Mining association rules between sets
--   of items in large databases", SIGMOD '93. Lift: Brin, Motwani, Ullman & Tsur (1997), "Dynamic
--   itemset counting and implication rules for market basket data", SIGMOD '97.
--
-- Input: a table or view `orders(customer_id, order_id, order_date, amount, product_id)`, one row per
-- order line: the contract of sql/README.md plus `product_id` (text; NULL, blank or a missing word =
-- no product, the line then counts for no item). Put a category in `product_id` to pair categories.
--
-- Parameters (all optional), as DuckDB variables:
--   SET VARIABLE min_orders = 2;              -- pairs bought together in fewer orders are left out; default 2
--   SET VARIABLE max_items_per_order = 100;   -- orders with more distinct products are skipped everywhere; default none
--   SET VARIABLE top = 100;                   -- rows returned; default 100
--   SET VARIABLE keep_zero_amounts = true;    -- zero-amount lines are purchases (loader zeroAmounts:'keep')
--
-- Definitions, over the N orders with at least one product line (not skipped); n(X) = orders holding
-- every product of X, a product counting once per order however many lines it has:
--   support = n(a,b) / N, confidence_ab = n(a,b) / n(a) = P(b | a), confidence_ba = n(a,b) / n(b),
--   lift = n(a,b) · N / (n(a) · n(b)).
-- A pair is unordered, reported once with a < b by byte order of the UTF-8 text (the same as core's
-- JavaScript order for every text without characters above U+FFFF).
--
-- Output: at most `top` rows, ordered by orders DESC, a, b (core's order):
--   a, b                          VARCHAR  product ids, a < b
--   orders                        BIGINT   n(a,b)
--   orders_a, orders_b            BIGINT   n(a), n(b)
--   support, confidence_ab, confidence_ba, lift  DOUBLE
--   total_orders                  BIGINT   N
--   skipped_orders                BIGINT   orders left out by max_items_per_order
WITH accepted AS (
  -- Row rules of loadOrders that can be checked on the contract columns (returns: 'exclude'), as in
  -- customer_summary.sql.
  SELECT
    trim(customer_id) AS customer_id,
    CASE WHEN lower(trim(order_id)) IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a') THEN NULL
         ELSE trim(order_id) END AS order_id,
    CASE WHEN lower(trim(product_id)) IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a') THEN NULL
         ELSE trim(product_id) END AS product_id
  FROM orders
  WHERE customer_id IS NOT NULL                                                              -- missing-customer
    AND lower(trim(customer_id)) NOT IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a')
    AND order_date IS NOT NULL                                                               -- missing-date
    AND amount IS NOT NULL AND isfinite(amount)                                              -- non-numeric-amount
    AND (amount > 0 OR (amount = 0 AND coalesce(getvariable('keep_zero_amounts'), false)))   -- cancellation, negative, zero
),
basket AS (
  -- One row per (order, product). The lines of one order id of one customer are one order; a line
  -- without an order id is an order of its own (numbered here).
  SELECT DISTINCT
    customer_id, order_id,
    CASE WHEN order_id IS NULL THEN row_number() OVER () END AS line_no,
    product_id
  FROM accepted
),
sized AS (
  SELECT
    dense_rank() OVER (ORDER BY customer_id, order_id, line_no) AS order_no,
    product_id
  FROM basket
  WHERE product_id IS NOT NULL
),
counted AS (
  SELECT order_no, product_id, count(*) OVER (PARTITION BY order_no) AS items FROM sized
),
kept AS (
  SELECT order_no, product_id FROM counted
  WHERE items <= coalesce(CAST(getvariable('max_items_per_order') AS BIGINT), 9223372036854775807)
),
totals AS (
  SELECT
    (SELECT count(DISTINCT order_no) FROM kept) AS total_orders,
    (SELECT count(DISTINCT order_no) FROM counted) - (SELECT count(DISTINCT order_no) FROM kept) AS skipped_orders
),
item_orders AS (
  SELECT product_id, count(*) AS n FROM kept GROUP BY product_id
),
pairs AS (
  SELECT x.product_id AS a, y.product_id AS b, count(*) AS orders
  FROM kept x JOIN kept y ON x.order_no = y.order_no AND x.product_id < y.product_id
  GROUP BY x.product_id, y.product_id
  HAVING count(*) >= coalesce(CAST(getvariable('min_orders') AS BIGINT), 2)
)
SELECT
  p.a,
  p.b,
  p.orders,
  ia.n AS orders_a,
  ib.n AS orders_b,
  CAST(p.orders AS DOUBLE) / t.total_orders AS support,
  CAST(p.orders AS DOUBLE) / ia.n AS confidence_ab,
  CAST(p.orders AS DOUBLE) / ib.n AS confidence_ba,
  CAST(p.orders AS DOUBLE) * t.total_orders / (CAST(ia.n AS DOUBLE) * ib.n) AS lift,
  t.total_orders,
  t.skipped_orders
FROM pairs p
JOIN item_orders ia ON ia.product_id = p.a
JOIN item_orders ib ON ib.product_id = p.b
CROSS JOIN totals t
ORDER BY p.orders DESC, p.a, p.b
LIMIT coalesce(CAST(getvariable('top') AS BIGINT), 100);
