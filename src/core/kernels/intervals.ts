/**
 * Gaps between consecutive distinct purchase days of each customer (the repurchase cycle, 复购周期),
 * collected as counts per gap length so quantiles need no sort.
 */
import type { OrderTable } from '../order-table.js';

/**
 * `counts[g]` = number of gaps of g days (g ≥ 1) over the first `n` rows (all rows by default).
 * @example quantileOfCounts(repurchaseGapCounts(orders), 0.9) // p90 of repurchase cycles in days
 */
export function repurchaseGapCounts(orders: OrderTable, n: number = orders.length): Int32Array {
  const nCodes = orders.customer.values.length;
  const codes = orders.customer.codes;
  const days = orders.day;
  const span = n ? days[n - 1] - days[0] : 0;
  const counts = new Int32Array(span + 1);
  const NONE = -2147483648;
  const last = new Int32Array(nCodes).fill(NONE);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const d = days[i];
    const prev = last[c];
    if (prev !== d) {
      if (prev !== NONE) counts[d - prev]++;
      last[c] = d;
    }
  }
  return counts;
}
