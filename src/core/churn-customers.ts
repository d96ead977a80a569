/**
 * The customers behind a period of `churn` (a click on the churn-rate chart or its table row).
 */
import { periodIndex, periodKey, periodStart } from './calendar.js';
import type { Churn } from './churn.js';
import { idsOfMarked } from './kernels/customer-ids.js';
import { rowsUntil } from './kernels/rows.js';
import type { OrderTable } from './order-table.js';

/**
 * Ids of the customers with a churn event (crossing the inactivity threshold, as in `churn`) on a
 * day of period `selection.period` (clipped to asOf): the customers counted in that period's
 * `churned`, under the resolved rules of a `churn` result. One pass over the orders up to asOf.
 * @example const c = churn(orders, { period: 'month' }); churnCustomers(orders, c, { period: '1997-10' }).length === row.churned
 */
export function churnCustomers(orders: OrderTable, options: Pick<Churn, 'asOf' | 'inactiveDays' | 'period'>, selection: { period: string }): string[] {
  const { asOf, inactiveDays, period } = options;
  const key = selection.period;
  const n = rowsUntil(orders.day, asOf);
  const nCodes = orders.customer.values.length;
  const codes = orders.customer.codes;
  const days = orders.day;
  // Period bounds [from, to] as day numbers: find the index whose key matches by scanning from asOf.
  let p = periodIndex(period, asOf);
  const first = n ? periodIndex(period, days[0]) : p;
  while (p >= first && periodKey(period, p) !== key) p--;
  if (p < first) return [];
  const from = periodStart(period, p);
  const to = Math.min(asOf, periodStart(period, p + 1) - 1);
  const NONE = -2147483648;
  const last = new Int32Array(nCodes).fill(NONE);
  const hit = new Uint8Array(nCodes);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const d = days[i];
    const a = last[c];
    if (a !== NONE && d - a > inactiveDays + 1) {
      const e = a + inactiveDays + 1;
      if (e >= from && e <= to) hit[c] = 1;
    }
    last[c] = d;
  }
  for (let c = 0; c < nCodes; c++) {
    const a = last[c];
    if (a === NONE) continue;
    const e = a + inactiveDays + 1;
    if (asOf - a > inactiveDays && e >= from && e <= to) hit[c] = 1;
  }
  return idsOfMarked(orders, hit);
}

