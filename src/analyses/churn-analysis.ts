/**
 * What <rw-churn> computes: core `churn` (rate per period, threshold) plus the BG/NBD at-risk list,
 * and the customers behind a clicked period.
 *
 * At-risk list: customers whose P(alive) at `asOf` under the chosen purchase model (`model`: BG/NBD
 * by default, Fader, Hardie & Lee 2005, eq. (13); MBG/NBD; Pareto/NBD; or 'auto') is below
 * `pAliveBelow`, sorted by **expected value lost**, descending (ties: more overdue first, then longer
 * silence, never the text order of ids). When the fit sees negligible dropout (P(alive) ≈ 1 for
 * everyone: UCI Online Retail's maximum-likelihood BG/NBD has a ≈ 0.003), or no P(alive) is below the
 * threshold while the inactivity rule finds churned customers, the list is based on `overdue`
 * instead (listBasis 'overdue', with listBasisReason) and "lost" means purchases already missed,
 * (r+x)/(α+t_x)·(T−t_x) — see core at-risk.ts. Without amounts it is ranked by purchases lost.
 * On the 'p-alive' basis:
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
import type { BgNbdFit } from '../core/bg-nbd.js';
import type { MonthOrWeek } from '../core/calendar.js';
import { churn, type Churn } from '../core/churn.js';
import type { CustomerSummary, SummaryUnit } from '../core/customer-summary.js';
import { FALLBACK_INACTIVE_DAYS } from '../core/kernels/inactivity.js';
import type { OrderTable } from '../core/order-table.js';
import { heldSummary, heldSummaryHasMonetary, summaryAsOf } from './aggregate-summary.js';
import { btydInput, sharedBgNbdFit, sharedPurchaseModel, type BtydInput } from './model-cache.js';
import type { RecommendationReason } from '../core/compare-models.js';
import { diagnoseFit, overdueProbability, type DegeneracyCode, type PurchaseModelName } from '../core/model-diagnostics.js';
import {
  purchaseModelConditionalExpectedPurchases,
  purchaseModelPAlive,
  type PurchaseModelFit,
} from '../core/purchase-models.js';
import { groupTriples } from '../core/optimize/group-rows.js';

/** Purchase model of the at-risk list: one of the three, or 'auto' (compareModels' recommendation by BIC). */
export type ChurnModelChoice = 'auto' | PurchaseModelName;
/** What the at-risk list is based on: P(alive) < pAliveBelow, or overdue < pAliveBelow when P(alive) cannot rank. */
export type AtRiskListBasis = 'p-alive' | 'overdue';
/**
 * Why the list is based on `overdue`: the fit sees negligible dropout (P(alive) ≈ 1 for everyone), or
 * no customer has P(alive) below the threshold while the inactivity rule finds churned customers.
 */
export type AtRiskBasisReason = 'negligible-dropout' | 'no-p-alive-below-threshold' | null;


export interface ChurnAnalysisParams {
  period: MonthOrWeek;
  inactiveDays: number | 'auto';
  pAliveBelow: number;
  /** Day number of the status; undefined = last order day. */
  asOf?: number;
  unit: SummaryUnit;
  /** Purchase model for P(alive) and the list (default 'bg-nbd'). */
  model?: ChurnModelChoice;
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
  /** The list's rows (P(alive) or overdue below pAliveBelow, see listBasis), most urgent first:
   *  by valueLost (purchasesLost without amounts) descending, then overdue ascending, then longer
   *  silence, then model-input order — never the text order of ids. */
  atRisk: Int32Array;
  /** The model used for pAlive, expectedNext and the list (`fit` stays the BG/NBD fit). */
  model: PurchaseModelName;
  modelFit: PurchaseModelFit;
  modelReason: 'requested' | RecommendationReason;
  /** Degeneracy codes of modelFit (core diagnoseFit). */
  degeneracy: DegeneracyCode[];
  dropoutNegligible: boolean;
  listBasis: AtRiskListBasis;
  listBasisReason: AtRiskBasisReason;
  rankedBy: 'expected-value-lost' | 'expected-purchases-lost';
  /** Per row: P(no purchase since the last one | still active), ((α+t_x)/(α+T))^(r+x). */
  overdue: Float64Array;
  /** Per row: expected purchases lost ('p-alive': (1 − P(alive)) × E[Y(next) | alive]; 'overdue': purchases missed since the last order). */
  purchasesLost: Float64Array;
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
  const chosen = sharedPurchaseModel(orders, params.unit, c.asOf, params.model ?? 'bg-nbd');
  const modelFit = chosen.fit;
  const modelReason = chosen.reason;
  const diagnosis = diagnoseFit(modelFit, input);
  const nextPeriod = NEXT_PERIOD_DAYS[params.period] / (params.unit === 'weeks' ? 7 : 1);
  const n = input.length;
  // Model quantities once per distinct (x, t_x, T).
  const grouped = groupTriples(input.frequency, input.recency, input.T);
  const pAlive = new Float64Array(n);
  const expectedNext = new Float64Array(n);
  const overdue = new Float64Array(n);
  const ifAliveNext = new Float64Array(n);
  const perGroup = new Float64Array(grouped.groups * 4);
  for (let g = 0; g < grouped.groups; g++) {
    const [x, tx, T] = [grouped.u[g], grouped.v[g], grouped.w[g]];
    perGroup[4 * g] = purchaseModelPAlive(modelFit, x, tx, T);
    perGroup[4 * g + 1] = purchaseModelConditionalExpectedPurchases(modelFit, nextPeriod, x, tx, T);
    perGroup[4 * g + 2] = overdueProbability(modelFit, x, tx, T);
    // E[Y | alive] = E[Y | x, t_x = T, T] / P(alive | x, t_x = T): both well away from 0.
    perGroup[4 * g + 3] = purchaseModelConditionalExpectedPurchases(modelFit, nextPeriod, x, T, T) / purchaseModelPAlive(modelFit, x, T, T);
  }
  for (let i = 0; i < n; i++) {
    const g = 4 * grouped.groupOfRow[i];
    pAlive[i] = perGroup[g];
    expectedNext[i] = perGroup[g + 1];
    overdue[i] = perGroup[g + 2];
    ifAliveNext[i] = perGroup[g + 3];
  }
  let belowPAlive = 0;
  for (let i = 0; i < n; i++) if (pAlive[i] < params.pAliveBelow) belowPAlive++;
  const listBasisReason: AtRiskBasisReason = diagnosis.dropoutNegligible
    ? 'negligible-dropout'
    : belowPAlive === 0 && c.churnedCustomers > 0
      ? 'no-p-alive-below-threshold'
      : null;
  const listBasis: AtRiskListBasis = listBasisReason === null ? 'p-alive' : 'overdue';
  const averageValue = new Float64Array(n);
  const valueLost = new Float64Array(n);
  const purchasesLost = new Float64Array(n);
  const inList: number[] = [];
  for (let i = 0; i < n; i++) {
    averageValue[i] = input.revenue[i] / input.purchaseDays[i];
    purchasesLost[i] =
      listBasis === 'p-alive'
        ? (1 - pAlive[i]) * ifAliveNext[i]
        : ((modelFit.r + input.frequency[i]) / (modelFit.alpha + input.recency[i])) * (input.T[i] - input.recency[i]);
    valueLost[i] = purchasesLost[i] * averageValue[i];
    if ((listBasis === 'p-alive' ? pAlive[i] : overdue[i]) < params.pAliveBelow) inList.push(i);
  }
  const hasAmount = heldSummaryHasMonetary(orders);
  const key = hasAmount ? valueLost : purchasesLost;
  inList.sort((p, q) => key[q] - key[p] || overdue[p] - overdue[q] || input.lastDay[p] - input.lastDay[q] || p - q);
  const atRisk = Int32Array.from(inList);
  return {
    churn: c,
    params,
    input,
    fit,
    nextPeriod,
    pAlive,
    expectedNext,
    averageValue,
    valueLost,
    atRisk,
    model: modelFit.model,
    modelFit,
    modelReason,
    degeneracy: diagnosis.codes,
    dropoutNegligible: diagnosis.dropoutNegligible,
    listBasis,
    listBasisReason,
    rankedBy: hasAmount ? 'expected-value-lost' : 'expected-purchases-lost',
    overdue,
    purchasesLost,
  };
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
