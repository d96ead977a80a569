/**
 * Every customer's lifecycle stage in one period: the customers behind a bar or a transition cell
 * of <rw-lifecycle>. Core `lifecycle` returns counts per period (and stages only for the last
 * period), so this applies the same documented rules to one period directly:
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
import { periodStart, type Period } from '../../core/calendar.js';
import type { OrderTable } from '../../core/order-table.js';
import { rowsUntil } from '../../core/kernels/rows.js';

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
 * Ids of the customers in stage `stage` (index) in period `periodIdx`, in customer-code order.
 * @example lifecycleStageCustomerIds(orders, lc, periodIndex('month', lc.asOf), 4) // churned now
 */
export function lifecycleStageCustomerIds(orders: OrderTable, options: StagesAtOptions, periodIdx: number, stage: number): string[] {
  const st = lifecycleStagesAt(orders, options, periodIdx);
  const out: string[] = [];
  for (let c = 0; c < st.length; c++) if (st[c] === stage) out.push(orders.customer.values[c]);
  return out;
}

/**
 * Ids of the customers in stage `from` in period `periodIdx − 1` and stage `to` in `periodIdx`.
 * @example lifecycleTransitionCustomerIds(orders, lc, p, 1, 3) // active → dormant
 */
export function lifecycleTransitionCustomerIds(orders: OrderTable, options: StagesAtOptions, periodIdx: number, from: number, to: number): string[] {
  const before = lifecycleStagesAt(orders, options, periodIdx - 1);
  const now = lifecycleStagesAt(orders, options, periodIdx);
  const out: string[] = [];
  for (let c = 0; c < now.length; c++) if (before[c] === from && now[c] === to) out.push(orders.customer.values[c]);
  return out;
}
