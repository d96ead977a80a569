/**
 * The customers behind one cell of `cohortRetention`'s customers matrix (a click on the heatmap or
 * a curve point): the same cohort and period rules, applied to one cell.
 */
import type { CohortRetentionOptions } from './cohort-retention.js';
import { parsePeriodKey } from './kernels/period-key.js';
import { rowPeriods } from './kernels/rows.js';
import { idsOfMarked } from './kernels/customer-ids.js';
import { DEFAULT_PERIOD } from './calendar.js';
import type { OrderTable } from './order-table.js';

/** A cell: the cohort's period key and the period index counted from it (0 = the cohort's own period). */
export interface CohortCell {
  cohort: string;
  periodIndex: number;
}

/**
 * Ids of the customers counted in `cell` of the 'customers' matrix with the same `period` and
 * `mode` options, in customer-code order.
 * @example cohortRetentionCustomers(orders, { period: 'month' }, { cohort: '1997-01', periodIndex: 3 }) // ['00012', …]
 */
export function cohortRetentionCustomers(orders: OrderTable, options: Pick<CohortRetentionOptions, 'period' | 'mode'>, cell: CohortCell): string[] {
  const period = options.period ?? DEFAULT_PERIOD;
  const mode = options.mode ?? 'on';
  const target = parsePeriodKey(period, cell.cohort);
  const n = orders.length;
  const per = rowPeriods(orders.day, period, n);
  const nCodes = orders.customer.values.length;
  const codes = orders.customer.codes;
  const NONE = -2147483648;
  const cohortOf = new Int32Array(nCodes).fill(NONE);
  const hit = new Uint8Array(nCodes);
  for (let i = 0; i < n; i++) {
    const cust = codes[i];
    if (cohortOf[cust] === NONE) cohortOf[cust] = per[i];
    if (cohortOf[cust] !== target) continue;
    const periodIndex = per[i] - target;
    if (mode === 'on' ? periodIndex === cell.periodIndex : periodIndex >= cell.periodIndex) hit[cust] = 1;
  }
  return idsOfMarked(orders, hit);
}
