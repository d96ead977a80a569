/**
 * Cohort retention (留存率) matrices: customers grouped by the period of their first order, and for
 * each later period what the cohort did in it.
 */
import { DEFAULT_PERIOD, isoDate, periodKey, periodStart, type Period } from './calendar.js';
import type { OrderTable } from './order-table.js';
import { rowPeriods } from './kernels/rows.js';

export type CohortMeasure = 'customers' | 'revenue' | 'orders';
/** 'on': activity in period k itself; 'on-or-after': activity in period k or any later period. */
export type CohortMode = 'on' | 'on-or-after';

export interface CohortRetentionOptions {
  period?: Period;
  measure?: CohortMeasure;
  mode?: CohortMode;
}

export interface CohortRow {
  /** Cohort key: `YYYY-MM`, ISO `YYYY-Www` or `YYYY-MM-DD`. */
  cohort: string;
  /** Customers whose first order is in the cohort period. */
  size: number;
  /** values[k] for period cohort + k, k = 0 … lastPeriod − cohortPeriod. */
  values: number[];
}

export interface CohortRetention {
  period: Period;
  measure: CohortMeasure;
  mode: CohortMode;
  /** Keys of every period from the first cohort to the last period in the data (gaps included). */
  periods: string[];
  /** One row per cohort period that has customers, oldest first. */
  cohorts: CohortRow[];
  /**
   * Day number of the last order in the data, and whether the last period runs past it (the data
   * ends mid-period, so the last column holds a part of a period: it dips, which is not churn).
   * Absent for matrices computed elsewhere (a cohort matrix input does not say).
   */
  lastDay?: number;
  lastPeriodPartial?: boolean;
}

/**
 * Cohort × age matrix in one pass in day order.
 *
 * - Cohort of a customer = period of the customer's first order. Cohort periods without any new
 *   customer (gaps) have no row; `periods` still lists every period so columns line up.
 * - Row length = lastPeriod − cohortPeriod + 1 (the last period of the data may be partial).
 * - measure 'customers', mode 'on': values[k] = distinct customers of the cohort with an order in
 *   period cohort + k (values[0] = size). Mode 'on-or-after': customers with an order in period k or
 *   any later period (non-increasing in k; a customer counts while they have not yet made their last order).
 * - measure 'revenue' / 'orders', mode 'on': sum of amounts / number of orders of the cohort in period
 *   cohort + k. Mode 'on-or-after': the same summed over periods k … last (what is still to come).
 * Divide by `size` for rates.
 *
 * @example
 * const m = cohortRetention(orders, { period: 'month', measure: 'customers' });
 * m.cohorts[0].values[1] / m.cohorts[0].size; // month-1 retention of the first cohort
 */
export function cohortRetention(orders: OrderTable, options: CohortRetentionOptions = {}): CohortRetention {
  const period = options.period ?? DEFAULT_PERIOD;
  const measure = options.measure ?? 'customers';
  const mode = options.mode ?? 'on';
  const n = orders.length;
  if (n === 0) return { period, measure, mode, periods: [], cohorts: [] };
  const lastDay = orders.day[n - 1];
  const per = rowPeriods(orders.day, period, n);
  const p0 = per[0];
  const nPeriods = per[n - 1] - p0 + 1;
  const nCodes = orders.customer.values.length;
  const codes = orders.customer.codes;
  const amounts = orders.amount;

  const cohortOf = new Int32Array(nCodes).fill(-1); // relative cohort period
  const lastPeriodOf = new Int32Array(nCodes).fill(-1); // relative period of the last order seen
  const size = new Float64Array(nPeriods);
  // cell (cohort c, age k) at c * nPeriods + k; ages beyond the data end are never written.
  const cells = new Float64Array(nPeriods * nPeriods);
  for (let i = 0; i < n; i++) {
    const cust = codes[i];
    const p = per[i] - p0;
    let c = cohortOf[cust];
    if (c < 0) {
      c = cohortOf[cust] = p;
      size[c]++;
    }
    const at = c * nPeriods + (p - c);
    if (measure === 'customers') {
      // 'on': the first order of the customer in a period counts; 'on-or-after' is filled in below.
      if (mode === 'on' && lastPeriodOf[cust] !== p) cells[at]++;
    } else cells[at] += measure === 'revenue' ? amounts[i] : 1;
    lastPeriodOf[cust] = p;
  }
  if (measure === 'customers' && mode === 'on-or-after') {
    // A customer counts for ages 0 … (last period − cohort): add 1 at the last age, then suffix-sum.
    for (let cust = 0; cust < nCodes; cust++) {
      const c = cohortOf[cust];
      if (c >= 0) cells[c * nPeriods + (lastPeriodOf[cust] - c)]++;
    }
  }

  const periods: string[] = new Array(nPeriods);
  for (let k = 0; k < nPeriods; k++) periods[k] = periodKey(period, p0 + k);
  const cohorts: CohortRow[] = [];
  for (let c = 0; c < nPeriods; c++) {
    if (size[c] === 0) continue;
    const len = nPeriods - c;
    const values = new Array<number>(len);
    for (let k = 0; k < len; k++) values[k] = cells[c * nPeriods + k];
    if (mode === 'on-or-after') for (let k = len - 2; k >= 0; k--) values[k] += values[k + 1];
    cohorts.push({ cohort: periods[c], size: size[c], values });
  }
  const lastPeriodPartial = periodStart(period, p0 + nPeriods) - 1 > lastDay;
  return { period, measure, mode, periods, cohorts, lastDay, lastPeriodPartial };
}
