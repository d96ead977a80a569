/**
 * Results shared by every widget that reads the same OrderTable.
 *
 * Six widgets linked to one `<rw-orders>` receive the very same (filtered) OrderTable object, and
 * several of them need the same intermediate result: the per-customer summary, a BG/NBD fit, RFM
 * scores. `sharedResult` computes such a result once per table and parameter set and hands the
 * same object to every caller. The cache is a WeakMap keyed by the table, so when the source
 * reloads or a filter changes, the old table and everything computed from it can be collected.
 *
 * Results are shared objects: callers must treat them as read-only.
 */
import type { OrderTable } from '../core/order-table.js';

const cache = new WeakMap<OrderTable, Map<string, unknown>>();

/**
 * The result of `compute()` for (`orders`, `key`), computed on the first call and reused after.
 * `key` must name the computation and every parameter it depends on, e.g.
 * `customerSummary:weeks:asOf=10500`. A `compute` that throws caches nothing. A Promise result is
 * cached as the Promise (callers share one in-flight computation); a rejected one is dropped so
 * that the next call retries.
 *
 * @example
 * const summary = sharedResult(orders, `customerSummary:weeks:asOf=${asOf}`, () => customerSummary(orders, { unit: 'weeks', asOf }));
 */
export function sharedResult<R>(orders: OrderTable, key: string, compute: () => R): R {
  let results = cache.get(orders);
  if (results === undefined) {
    results = new Map();
    cache.set(orders, results);
  }
  if (results.has(key)) return results.get(key) as R;
  const value = compute();
  results.set(key, value);
  if (value instanceof Promise) {
    value.catch(() => {
      if (results.get(key) === value) results.delete(key);
    });
  }
  return value;
}

/** Whether a result for (`orders`, `key`) is cached (for tests and diagnostics). */
export function hasSharedResult(orders: OrderTable, key: string): boolean {
  return cache.get(orders)?.has(key) ?? false;
}
