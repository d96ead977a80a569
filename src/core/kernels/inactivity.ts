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
 * How an inactivity threshold was decided (a code; widgets' messages say it in words):
 * - `given`: the caller's number;
 * - `p90`: 'auto', ⌈p90⌉ (type-7) of the gaps between consecutive distinct purchase days;
 * - `fallback`: 'auto' with no repeat purchase to measure: {@link FALLBACK_INACTIVE_DAYS};
 * - `summary-fallback`: 'auto' on a per-customer summary, which holds no gaps: {@link FALLBACK_INACTIVE_DAYS}.
 */
export type ThresholdRule = 'given' | 'p90' | 'fallback' | 'summary-fallback';

/**
 * Resolves `inactiveDays`: a given positive integer, or 'auto' = ⌈p90⌉ (type-7) of the gaps between
 * consecutive distinct purchase days in the first `nRows` rows (90 days when there is no gap).
 * @example resolveInactiveDays(orders, orders.length, 'auto') // { inactiveDays: 112, rule: 'p90' }
 */
export function resolveInactiveDays(orders: OrderTable, nRows: number, given: number | 'auto'): { inactiveDays: number; rule: ThresholdRule } {
  if (given !== 'auto') {
    if (!Number.isInteger(given) || given < 0) throw new RangeError(`inactiveDays must be a non-negative integer or 'auto', got ${given}`);
    return { inactiveDays: given, rule: 'given' };
  }
  const p90 = quantileOfCounts(repurchaseGapCounts(orders, nRows), 0.9);
  if (Number.isNaN(p90)) return { inactiveDays: FALLBACK_INACTIVE_DAYS, rule: 'fallback' };
  return { inactiveDays: Math.ceil(p90), rule: 'p90' };
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
