/**
 * What <rw-churn> computes: core `churn` (rate per period, threshold) plus the BG/NBD at-risk list,
 * and the customers behind a clicked period.
 *
 * At-risk list: customers whose BG/NBD P(alive) (Fader, Hardie & Lee 2005, eq. (13)) at `asOf` is
 * below `pAliveBelow`, sorted by **expected value lost**, descending (ties: id ascending):
 *
 *   value lost = (1 − P(alive)) × E[Y(t) | alive] × average purchase value,
 *
 * - E[Y(t) | alive]: purchases expected in the next period (t = 30 days for `month`, 7 for `week`,
 *   in the model unit) *if the customer is still alive*. Given "alive at T" the posterior depends on
 *   (x, T) only, so it equals FHL eq. (10) evaluated with t_x = T divided by P(alive | x, t_x = T):
 *   the purchases the customer would have made had they not left.
 * - average purchase value = revenue / purchase days (a BG/NBD "purchase" is a purchase day, so the
 *   value of one expected purchase is the mean value of a purchase day; with one order per day this
 *   is the average order value, 客单价).
 * So the list ranks valuable, formerly frequent customers who have most likely left, rather than
 * customers who were never going to buy much anyway.
 * The list also shows E[Y(t) | x, t_x, T] (FHL eq. (10), the unconditional expectation, which
 * already includes P(alive)) as "expected purchases next period".
 */
import {
  bgNbdConditionalExpectedPurchasesAll,
  bgNbdPAliveAll,
  type BgNbdFit,
} from '../core/bg-nbd.js';
import type { MonthOrWeek } from '../core/calendar.js';
import { churn, type Churn } from '../core/churn.js';
import type { CustomerSummary, SummaryUnit } from '../core/customer-summary.js';
import { FALLBACK_INACTIVE_DAYS } from '../core/kernels/inactivity.js';
import type { OrderTable } from '../core/order-table.js';
import { heldSummary, summaryAsOf } from './aggregate-summary.js';
import { btydInput, sharedBgNbdFit, type BtydInput } from './model-cache.js';


export interface ChurnAnalysisParams {
  period: MonthOrWeek;
  inactiveDays: number | 'auto';
  pAliveBelow: number;
  /** Day number of the status; undefined = last order day. */
  asOf?: number;
  unit: SummaryUnit;
}

export interface ChurnAnalysis {
  churn: Churn;
  params: ChurnAnalysisParams;
  /** Model input (customers with T > 0 at asOf), ordered by customer code. */
  input: BtydInput;
  fit: BgNbdFit;
  /** Length of "the next period" in the model unit (30 or 7 days, in days or weeks). */
  nextPeriod: number;
  /** Per model-input row: P(alive) at asOf. */
  pAlive: Float64Array;
  /** Per row: E[Y(next period) | x, t_x, T] (FHL eq. (10)). */
  expectedNext: Float64Array;
  /** Per row: revenue / purchase days. */
  averageValue: Float64Array;
  /** Per row: (1 − P(alive)) × E[Y(next period) | alive] × averageValue. */
  valueLost: Float64Array;
  /** Rows with P(alive) < pAliveBelow, by valueLost descending then id ascending. */
  atRisk: Int32Array;
}

/** Days in "the next period": a month is 30 days, as in core's CLV (`CLV_DAYS_PER_UNIT`). */
export const NEXT_PERIOD_DAYS: Readonly<Record<MonthOrWeek, number>> = { month: 30, week: 7 };

/**
 * Churn per period plus the BG/NBD at-risk list. The summary and fit come from the per-table
 * shared cache (see model-cache.ts).
 * @example const a = churnAnalysis(orders, { period: 'month', inactiveDays: 'auto', pAliveBelow: 0.5, unit: 'weeks' });
 */
export function churnAnalysis(orders: OrderTable, params: ChurnAnalysisParams): ChurnAnalysis {
  const held = heldSummary(orders);
  const c = held ? churnOfSummary(held, params) : churn(orders, { inactiveDays: params.inactiveDays, period: params.period, asOf: params.asOf });
  const input = btydInput(orders, params.unit, c.asOf);
  const fit = sharedBgNbdFit(orders, params.unit, c.asOf);
  const nextPeriod = NEXT_PERIOD_DAYS[params.period] / (params.unit === 'weeks' ? 7 : 1);
  const pAlive = bgNbdPAliveAll(fit, input);
  const expectedNext = bgNbdConditionalExpectedPurchasesAll(fit, nextPeriod, input);
  // FHL eq. (10) with t_x = T, divided by P(alive | x, t_x = T) = (b+x−1)/(a+b+x−1) (≥ b/(a+b) > 0):
  // the expectation given alive, without dividing by a P(alive) that may underflow.
  const recent = { frequency: input.frequency, recency: input.T, T: input.T };
  const nextIfRecent = bgNbdConditionalExpectedPurchasesAll(fit, nextPeriod, recent);
  const aliveIfRecent = bgNbdPAliveAll(fit, recent);
  const n = input.length;
  const averageValue = new Float64Array(n);
  const valueLost = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    averageValue[i] = input.revenue[i] / input.purchaseDays[i];
    valueLost[i] = (1 - pAlive[i]) * (nextIfRecent[i] / aliveIfRecent[i]) * averageValue[i];
    if (pAlive[i] < params.pAliveBelow) count++;
  }
  const atRisk = new Int32Array(count);
  for (let i = 0, j = 0; i < n; i++) if (pAlive[i] < params.pAliveBelow) atRisk[j++] = i;
  const ids = input.customerId;
  atRisk.sort((p, q) => valueLost[q] - valueLost[p] || (ids[p] < ids[q] ? -1 : ids[p] > ids[q] ? 1 : 0));
  return { churn: c, params, input, fit, nextPeriod, pAlive, expectedNext, averageValue, valueLost, atRisk };
}

/**
 * Churn status at asOf of a per-customer summary (pre-aggregated input), by core `churn`'s rule
 * (churned ⇔ asOf − last order day > inactiveDays; at risk ⇔ inactiveDays / 2 < that ≤ inactiveDays).
 * Churn per period needs the orders over time: `perPeriod` is empty. 'auto' cannot take the 90th
 * percentile of purchase gaps a summary does not hold: it is the loader's default, and says so.
 * @example churnOfSummary(summary, { period: 'month', inactiveDays: 120, pAliveBelow: 0.5, unit: 'weeks' }).churnRate
 */
export function churnOfSummary(summary: CustomerSummary, params: ChurnAnalysisParams): Churn {
  const given = params.inactiveDays;
  if (given !== 'auto' && (!Number.isInteger(given) || given < 0)) throw new RangeError(`inactiveDays must be a non-negative integer or 'auto', got ${given}`);
  const s = summaryAsOf(summary, 'days', params.asOf ?? summary.endDay);
  const inactiveDays = given === 'auto' ? FALLBACK_INACTIVE_DAYS : given;
  const churned: number[] = [];
  const atRisk: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const idle = s.endDay - s.lastDay[i];
    if (idle > inactiveDays) churned.push(s.customerCode[i]);
    else if (idle > inactiveDays / 2) atRisk.push(s.customerCode[i]);
  }
  return {
    asOf: s.endDay,
    inactiveDays,
    thresholdRule: given === 'auto' ? 'summary-fallback' : 'given',
    period: params.period,
    customers: s.length,
    churnedCustomers: churned.length,
    churnRate: s.length ? churned.length / s.length : NaN,
    churnedCodes: Int32Array.from(churned),
    atRiskCodes: Int32Array.from(atRisk),
    perPeriod: [],
  };
}
