/**
 * Every customer's lifecycle stage in one period: the customers behind a bar or a transition cell
 * of `lifecycle`. It returns counts per period (and stages only for the last period), so this
 * applies the same documented rules to one period directly:
 *
 * for customer c and period P (first day s, last day t = min(end of P, asOf)), over c's distinct
 * purchase days on or before t:
 * - new: c's first purchase is in P;
 * - returning: otherwise, a purchase day b in P follows the previous purchase day a with
 *   b − a > inactiveDays + 1 (the gap was long enough to have churned);
 * - active: otherwise, c has a purchase in P;
 * - dormant: no purchase in P and t − (last purchase day) ≤ inactiveDays;
 * - churned: no purchase in P and t − (last purchase day) > inactiveDays.
 * Cost: one pass over the orders up to t.
 */
import { periodStart, type Period } from './calendar.js';
import { idsOfMarked } from './kernels/customer-ids.js';
import { parsePeriodKey } from './kernels/period-key.js';
import { rowsUntil } from './kernels/rows.js';
import { LIFECYCLE_STAGES, type LifecycleStage } from './lifecycle.js';
import type { OrderTable } from './order-table.js';

/** Stage code of a customer with no purchase on or before the period's end. */
export const NOT_YET_CUSTOMER = 255;

export interface StagesAtOptions {
  period: Period;
  /** The resolved threshold in days (core `Lifecycle.inactiveDays`), not 'auto'. */
  inactiveDays: number;
  /** Last day considered (core `Lifecycle.asOf`). */
  asOf: number;
}

const NONE = -2147483648;
const FIRST_IN_P = 1;
const BOUGHT_IN_P = 2;
const RETURNED_IN_P = 4;

/**
 * Stage per customer code (index into `LIFECYCLE_STAGES`: 0 new … 4 churned) in the period with
 * calendar index `periodIdx` (as `periodIndex(period, day)`), or {@link NOT_YET_CUSTOMER}.
 * @example
 * const lc = lifecycle(orders, { period: 'month', inactiveDays: 'auto' });
 * const st = lifecycleStagesAt(orders, lc, periodIndex('month', lc.asOf));
 * // st.filter((s) => s === 4).length === lc.perPeriod.at(-1).counts[4]
 */
export function lifecycleStagesAt(orders: OrderTable, options: StagesAtOptions, periodIdx: number): Uint8Array {
  const { period, inactiveDays, asOf } = options;
  const start = periodStart(period, periodIdx);
  const end = Math.min(periodStart(period, periodIdx + 1) - 1, asOf);
  const nRows = rowsUntil(orders.day, end);
  const nCodes = orders.customer.values.length;
  const codes = orders.customer.codes;
  const days = orders.day;
  const last = new Int32Array(nCodes).fill(NONE);
  const flags = new Uint8Array(nCodes);
  for (let i = 0; i < nRows; i++) {
    const c = codes[i];
    const d = days[i];
    const a = last[c];
    if (a === d) continue;
    if (d >= start) {
      if (a === NONE) flags[c] |= FIRST_IN_P;
      else if (d - a > inactiveDays + 1) flags[c] |= RETURNED_IN_P;
      flags[c] |= BOUGHT_IN_P;
    }
    last[c] = d;
  }
  const stage = new Uint8Array(nCodes).fill(NOT_YET_CUSTOMER);
  for (let c = 0; c < nCodes; c++) {
    if (last[c] === NONE) continue;
    const f = flags[c];
    if (f & FIRST_IN_P) stage[c] = 0;
    else if (f & RETURNED_IN_P) stage[c] = 2;
    else if (f & BOUGHT_IN_P) stage[c] = 1;
    else stage[c] = end - last[c] > inactiveDays ? 4 : 3;
  }
  return stage;
}

/**
 * A stage in a period (a bar segment), or a move between two stages from the period before
 * `period` into `period` (a transition cell). `period` is a period key as in the result (`2011-03`).
 */
export type LifecycleSelection = { period: string; stage: LifecycleStage } | { period: string; from: LifecycleStage; to: LifecycleStage };

/**
 * Ids of the customers behind `selection` under the resolved rules of a `lifecycle` result
 * (`period`, `inactiveDays`, `asOf`), in customer-code order.
 * @example
 * const lc = lifecycle(orders, { period: 'month', inactiveDays: 'auto' });
 * lifecycleCustomers(orders, lc, { period: '2011-11', stage: 'churned' }).length === lc.perPeriod.at(-1).counts[4]
 * lifecycleCustomers(orders, lc, { period: '2011-11', from: 'active', to: 'dormant' })
 */
export function lifecycleCustomers(orders: OrderTable, options: StagesAtOptions, selection: LifecycleSelection): string[] {
  const idx = parsePeriodKey(options.period, selection.period);
  const mark = new Uint8Array(orders.customer.values.length);
  if ('stage' in selection) {
    const stage = LIFECYCLE_STAGES.indexOf(selection.stage);
    const now = lifecycleStagesAt(orders, options, idx);
    for (let c = 0; c < now.length; c++) if (now[c] === stage) mark[c] = 1;
  } else {
    const from = LIFECYCLE_STAGES.indexOf(selection.from);
    const to = LIFECYCLE_STAGES.indexOf(selection.to);
    const before = lifecycleStagesAt(orders, options, idx - 1);
    const now = lifecycleStagesAt(orders, options, idx);
    for (let c = 0; c < now.length; c++) if (before[c] === from && now[c] === to) mark[c] = 1;
  }
  return idsOfMarked(orders, mark);
}
