/**
 * Row-range and period helpers shared by the analyses. Orders are sorted by day, so "every order on
 * or before day d" is a prefix of the table, found by binary search instead of a filter.
 */
import { periodIndex, type Period } from '../calendar.js';
import type { OrderTable } from '../order-table.js';

/**
 * Number of leading rows with `day[i] <= lastDay` (an upper bound by binary search).
 * @example rowsUntil(Int32Array.of(1, 2, 2, 5), 2) // 3
 */
export function rowsUntil(day: Int32Array, lastDay: number): number {
  let lo = 0;
  let hi = day.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (day[mid] <= lastDay) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Period index of each of the first `n` rows. Because rows are sorted by day the (comparatively
 * costly) month computation runs once per distinct day, not once per row.
 * @example rowPeriods(orders.day, 'month', orders.length)
 */
export function rowPeriods(day: Int32Array, period: Period, n: number = day.length): Int32Array {
  const out = new Int32Array(n);
  let lastDay = NaN;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d !== lastDay) {
      lastDay = d;
      p = periodIndex(period, d);
    }
    out[i] = p;
  }
  return out;
}

/**
 * The "as of" day of an analysis: the given day, or the last order day of the table.
 * Throws on an empty table without `asOf`, since no day can be implied.
 * @example resolveAsOf(orders, undefined) // orders.day[orders.length - 1]
 */
export function resolveAsOf(orders: OrderTable, asOf: number | undefined): number {
  if (asOf !== undefined) {
    if (!Number.isInteger(asOf)) throw new RangeError(`asOf must be an integer day number, got ${asOf}`);
    return asOf;
  }
  if (orders.length === 0) throw new RangeError('the order table is empty and no asOf day was given');
  return orders.day[orders.length - 1];
}
