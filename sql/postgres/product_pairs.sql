-- retention-widgets · products bought together: pair counts, support, confidence, lift (PostgreSQL ≥ 12)
--
-- A line-by-line translation of sql/duckdb/product_pairs.sql (same CTEs, same output columns); the
-- same numbers as `productAffinity` in retention-widgets/core (src/core/product-affinity.ts).
--   Support, confidence: Agrawal, Imieliński & Swami (1993), "Mining association rules between sets
--   of items in large databases", SIGMOD '93. Lift: Brin, Motwani, Ullman & Tsur (1997), "Dynamic
--   itemset counting and implication rules for market basket data", SIGMOD '97.
--
-- Input: a table or view `orders(customer_id, order_id, order_date, amount, product_id)`, one row per
-- order line: the contract of sql/README.md plus `product_id` (text; NULL, blank or a missing word =
-- no product, the line then counts for no item). Put a category in `product_id` to pair categories.
--
-- Parameters (all optional), as session settings (an unset or empty setting means the default):
--   SET retention.min_orders = '2';             -- pairs bought together in fewer orders are left out; default 2
--   SET retention.max_items_per_order = '100';  -- orders with more distinct products are skipped everywhere; default none
--   SET retention.top = '100';                  -- rows returned; default 100
--   SET retention.keep_zero_amounts = 'true';   -- zero-amount lines are purchases (loader zeroAmounts:'keep')
--
-- Definitions, over the N orders with at least one product line (not skipped); n(X) = orders holding
-- every product of X, a product counting once per order however many lines it has:
--   support = n(a,b) / N, confidence_ab = n(a,b) / n(a) = P(b | a), confidence_ba = n(a,b) / n(b),
--   lift = n(a,b) · N / (n(a) · n(b)).
-- A pair is unordered, reported once with a < b by byte order of the UTF-8 text (COLLATE "C"; the
-- same as core's JavaScript order for every text without characters above U+FFFF).
--
-- Output: at most `top` rows, ordered by orders DESC, a, b (core's order):
--   a, b                          text     product ids, a < b
--   orders                        bigint   n(a,b)
--   orders_a, orders_b            bigint   n(a), n(b)
--   support, confidence_ab, confidence_ba, lift  float8
--   total_orders                  bigint   N
--   skipped_orders                bigint   orders left out by max_items_per_order
WITH accepted AS (
  -- Row rules of loadOrders that can be checked on the contract columns (returns: 'exclude'), as in
  -- customer_summary.sql.
  SELECT
    trim(customer_id) AS customer_id,
    CASE WHEN lower(trim(order_id)) IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a') THEN NULL
         ELSE trim(order_id) END AS order_id,
    CASE WHEN lower(trim(product_id)) IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a') THEN NULL
         ELSE trim(product_id) END COLLATE "C" AS product_id
  FROM orders
  WHERE customer_id IS NOT NULL                                                              -- missing-customer
    AND lower(trim(customer_id)) NOT IN ('', 'nan', 'null', 'none', 'undefined', 'n/a', 'na', '#n/a')
    AND order_date IS NOT NULL                                                               -- missing-date
    AND amount IS NOT NULL                                                                   -- non-numeric-amount
    AND CAST(amount AS double precision) NOT IN ('NaN', 'Infinity', '-Infinity')
    AND (amount > 0 OR (amount = 0                                                           -- cancellation, negative, zero
         AND coalesce(CAST(nullif(current_setting('retention.keep_zero_amounts', true), '') AS boolean), false)))
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
  WHERE items <= coalesce(CAST(nullif(current_setting('retention.max_items_per_order', true), '') AS bigint), 9223372036854775807)
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
  HAVING count(*) >= coalesce(CAST(nullif(current_setting('retention.min_orders', true), '') AS bigint), 2)
)
SELECT
  p.a,
  p.b,
  p.orders,
  ia.n AS orders_a,
  ib.n AS orders_b,
  CAST(p.orders AS double precision) / t.total_orders AS support,
  CAST(p.orders AS double precision) / ia.n AS confidence_ab,
  CAST(p.orders AS double precision) / ib.n AS confidence_ba,
  CAST(p.orders AS double precision) * t.total_orders / (CAST(ia.n AS double precision) * ib.n) AS lift,
  t.total_orders,
  t.skipped_orders
FROM pairs p
JOIN item_orders ia ON ia.product_id = p.a
JOIN item_orders ib ON ib.product_id = p.b
CROSS JOIN totals t
ORDER BY p.orders DESC, p.a, p.b
LIMIT coalesce(CAST(nullif(current_setting('retention.top', true), '') AS bigint), 100);
