/**
 * The inactivity threshold shared by churn and lifecycle, and a day → period lookup table.
 */
import { periodIndex, type Period } from '../calendar.js';
import type { OrderTable } from '../order-table.js';
import { repurchaseGapCounts } from './intervals.js';
import { quantileOfCounts } from './quantiles.js';

/** Threshold used when 'auto' finds no repeat purchase at all. */
export const FALLBACK_INACTIVE_DAYS = 90;

/**
 * Resolves `inactiveDays`: a given positive integer, or 'auto' = ⌈p90⌉ (type-7) of the gaps between
 * consecutive distinct purchase days in the first `nRows` rows (90 days when there is no gap).
 * @example resolveInactiveDays(orders, orders.length, 'auto') // { inactiveDays: 112, source: 'auto: p90 of repurchase intervals = 112 days' }
 */
export function resolveInactiveDays(orders: OrderTable, nRows: number, given: number | 'auto'): { inactiveDays: number; source: string } {
  if (given !== 'auto') {
    if (!Number.isInteger(given) || given < 0) throw new RangeError(`inactiveDays must be a non-negative integer or 'auto', got ${given}`);
    return { inactiveDays: given, source: 'given' };
  }
  const p90 = quantileOfCounts(repurchaseGapCounts(orders, nRows), 0.9);
  if (Number.isNaN(p90)) return { inactiveDays: FALLBACK_INACTIVE_DAYS, source: `auto: no repurchase intervals, default ${FALLBACK_INACTIVE_DAYS} days` };
  const days = Math.ceil(p90);
  return { inactiveDays: days, source: `auto: p90 of repurchase intervals = ${days} days` };
}

/**
 * Period index of every day in [fromDay, toDay]: `table[d − fromDay]`. Lets hot loops map many days
 * (not only order days) to periods without calendar arithmetic.
 * @example dayPeriodTable('month', 0, 59)[31] // 1 (February 1970)
 */
export function dayPeriodTable(period: Period, fromDay: number, toDay: number): Int32Array {
  const table = new Int32Array(Math.max(0, toDay - fromDay + 1));
  for (let d = fromDay; d <= toDay; d++) table[d - fromDay] = periodIndex(period, d);
  return table;
}
