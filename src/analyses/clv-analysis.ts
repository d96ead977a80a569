/**
 * What <rw-clv> computes: a purchase model (BG/NBD, Fader, Hardie & Lee 2005, by default; MBG/NBD,
 * Batislam et al. 2007; Pareto/NBD, Schmittlein et al. 1987; or 'auto', compareModels' choice) +
 * Gamma-Gamma (Fader & Hardie 2013) discounted CLV (core `clv` for BG/NBD; the same monthly sum
 * over the chosen model's E[Y(t) | x, t_x, T] otherwise), the CLV distribution in 1-2-5 bins, the
 * top customers, and a calibration / holdout check (FHL 2005 §4; as `lifetimes`'
 * plot_calibration_purchases_vs_holdout_purchases).
 *
 * Without an amount column the purchase model still holds (it needs only dates): the result has
 * the model, each customer's expected purchases and the calibration, `value: null` and
 * `noValueReason: 'no-amounts'`, and the top list is by expected purchases.
 */
import type { BgNbdFit } from '../core/bg-nbd.js';
import { calibrationHoldout } from '../core/calibration-holdout.js';
import { clv, CLV_DAYS_PER_UNIT, type ClvResult } from '../core/clv.js';
import type { SummaryUnit } from '../core/customer-summary.js';
import { gammaGammaConditionalSpend, type GammaGammaFit } from '../core/gamma-gamma.js';
import { diagnoseFit, ModelFitError, type DegeneracyCode, type PurchaseModelName } from '../core/model-diagnostics.js';
import type { RecommendationReason } from '../core/compare-models.js';
import { groupTriples } from '../core/optimize/group-rows.js';
import { purchaseModelConditionalExpectedPurchases, type PurchaseModelFit } from '../core/purchase-models.js';
import type { OrderTable } from '../core/order-table.js';
import { heldSummary, heldSummaryHasMonetary } from './aggregate-summary.js';
import { NeedsOrdersError } from '../core/pre-aggregated.js';
import { btydInput, restrictToModelRows, sharedBgNbdFit, sharedGammaGammaFit, sharedPurchaseModel, type BtydInput, type PurchaseModelChoice } from './model-cache.js';

export interface ClvAnalysisParams {
  /** Months. */
  horizon: number;
  /** Per month. */
  discountRate: number;
  unit: SummaryUnit;
  /** Day number of the calibration end; undefined = the day at 2/3 of the data span. */
  calibrationEnd?: number;
  /** Rows of the top-customers table. */
  limit: number;
  /** Purchase model (default 'bg-nbd', as before the choice existed). */
  model?: PurchaseModelChoice;
}

/** Why a result has no money values: the data has no amount column. */
/**
 * Why a CLV result has no money values: the data has no amount column, or the spend model could not
 * be fitted or gives no finite value (too few repeat customers, a degenerate fit): the purchase model
 * is still shown.
 */
export type ClvNoValueReason = 'no-amounts' | 'no-spend-model';

/** One bin of the CLV histogram: customers with lo ≤ CLV < hi. */
export interface ClvBin {
  lo: number;
  hi: number;
  count: number;
}

/** Calibration frequency bucket: customers with x repeat purchases in calibration (the last bucket is x ≥ 7). */
export interface CalibrationPoint {
  /** 0 … 7; 7 stands for 7+. */
  frequency: number;
  customers: number;
  /** Mean repeat purchase days in the holdout. */
  actual: number;
  /** Mean E[Y(holdout length) | x, t_x, T] of the calibration fit (FHL eq. (10) for BG/NBD). */
  predicted: number;
}

export interface ClvAnalysis {
  params: ClvAnalysisParams;
  asOf: number;
  input: BtydInput;
  /** The BG/NBD fit (also when another model is chosen: the reference the CLI and KPIs share). */
  bgNbd: BgNbdFit;
  /** The purchase model the values use, its fit, and why ('requested' or compareModels' reason). */
  model: PurchaseModelName;
  modelFit: PurchaseModelFit;
  modelReason: 'requested' | RecommendationReason;
  /** Degeneracy codes of modelFit (core diagnoseFit). */
  degeneracy: DegeneracyCode[];
  /** Per input row: expected repeat purchases over the horizon, E[Y(horizon) | x, t_x, T], undiscounted. */
  expectedPurchases: Float64Array;
  /** The spend model; null without amounts. */
  gammaGamma: GammaGammaFit | null;
  /** CLV per customer; null without amounts (see noValueReason). */
  value: ClvResult | null;
  /** Why `value` is null; null when there are values. */
  noValueReason: ClvNoValueReason | null;
  /** The CLV histogram; empty without values. */
  bins: ClvBin[];
  /** Input rows by CLV descending (by expected purchases without values; ties: id ascending), the first `limit`. */
  top: Int32Array;
  /** The calibration / holdout check; null for a pre-aggregated input (it needs the orders over time). */
  calibration: {
    calibrationEnd: number;
    holdoutEnd: number;
    /** In the model unit. */
    holdoutLength: number;
    /** The chosen model fitted on the calibration period. */
    fit: PurchaseModelFit;
    points: CalibrationPoint[];
    /**
     * Overall error: mean absolute difference between each bucket's mean predicted and actual
     * holdout purchases, weighted by the bucket's customers (so it is per customer, in purchases).
     */
    meanAbsoluteError: number;
    /** Customers in the check (the sum of the bucket sizes). */
    customers: number;
  } | null;
}

/** Last bucket of the calibration chart (7 = "7+"). */
export const CALIBRATION_MAX_FREQUENCY = 7;

/**
 * Bin edges 0 < e₁ < … on a 1-2-5 scale, so a skewed CLV (most customers at a few dollars, a few
 * at thousands) stays readable: e₁ is the largest 1-2-5 value ≤ the 2nd percentile of the positive
 * values; the last edge is the first 1-2-5 value above the maximum. Beyond 16 bins the 2 and 5 are
 * dropped (decades only).
 * @example clvBinEdges(Float64Array.of(0.3, 4, 7, 130)) // [0, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200]
 */
export function clvBinEdges(values: ArrayLike<number>): number[] {
  const positive: number[] = [];
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > 0 && Number.isFinite(v)) positive.push(v);
    if (v > max) max = v;
  }
  if (positive.length === 0) return [0, 1];
  positive.sort((a, b) => a - b);
  const low = positive[Math.floor(0.02 * (positive.length - 1))];
  const build = (steps: number[]): number[] => {
    let decade = Math.pow(10, Math.floor(Math.log10(low)));
    let k = steps.length - 1;
    while (k > 0 && steps[k] * decade > low) k--;
    const edges = [0];
    for (;;) {
      const e = Number((steps[k] * decade).toPrecision(12));
      if (e > 0) edges.push(e);
      if (e > max) return edges;
      k++;
      if (k === steps.length) {
        k = 0;
        decade *= 10;
      }
    }
  };
  const fine = build([1, 2, 5]);
  return fine.length <= 17 ? fine : build([1]);
}

/**
 * Histogram of `values` over `edges` (bin i = [edges[i], edges[i+1])).
 * @example clvHistogram(Float64Array.of(0.5, 1.5, 1.7), [0, 1, 2]) // [{lo:0,hi:1,count:1},{lo:1,hi:2,count:2}]
 */
export function clvHistogram(values: ArrayLike<number>, edges: number[]): ClvBin[] {
  const bins = edges.slice(0, -1).map((lo, i) => ({ lo, hi: edges[i + 1], count: 0 }));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // Binary search of the bin: edges are few, values many.
    let lo = 0;
    let hi = bins.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (v >= bins[mid].lo) lo = mid;
      else hi = mid - 1;
    }
    bins[lo].count++;
  }
  return bins;
}

/**
 * The default calibration end: the day at 2/3 of the span from the first to the last order day.
 * @example defaultCalibrationEnd(orders) // CDNOW: 1997-10-31 (day 0 = 1997-01-01, last = 1998-06-30)
 */
export function defaultCalibrationEnd(orders: OrderTable): number {
  const first = orders.day[0];
  const last = orders.day[orders.length - 1];
  return first + Math.floor(((last - first) * 2) / 3);
}

/**
 * CLV, its distribution, top customers and the calibration check, as of the last order day.
 * @example const a = clvAnalysis(orders, { horizon: 12, discountRate: 0.01, unit: 'weeks', limit: 20 });
 */
export function clvAnalysis(orders: OrderTable, params: ClvAnalysisParams): ClvAnalysis {
  const held = heldSummary(orders);
  if (held && !heldSummaryHasMonetary(orders)) {
    throw new NeedsOrdersError('needs-orders', 'CLV needs the mean value of repeat purchases: add the monetary column to the customer summary (sql/duckdb/customer_summary.sql writes it).');
  }
  if (orders.length === 0 && !held) throw new RangeError('no orders');
  const asOf = held ? held.endDay : orders.day[orders.length - 1];
  const input = btydInput(orders, params.unit, asOf);
  const bgNbd = sharedBgNbdFit(orders, params.unit, asOf);
  const chosen = sharedPurchaseModel(orders, params.unit, asOf, params.model ?? 'bg-nbd');
  const modelFit = chosen.fit;
  const hasAmount = held ? true : orders.hasAmount;
  const horizonMonths = params.horizon;
  const steps = discountedPurchases(modelFit, input, params.unit, horizonMonths, params.discountRate);
  let gammaGamma: GammaGammaFit | null = null;
  let value: ClvResult | null = null;
  let noValueReason: ClvNoValueReason | null = hasAmount ? null : 'no-amounts';
  if (hasAmount) {
    try {
      gammaGamma = sharedGammaGammaFit(orders, params.unit, asOf);
      value = modelFit.model === 'bg-nbd'
        ? clv(bgNbd, gammaGamma, input, { horizon: params.horizon, horizonUnit: 'months', modelUnit: params.unit, discountRatePerPeriod: params.discountRate })
        : modelClv(steps, gammaGamma, input, params.unit, params.horizon);
    } catch (e) {
      // A spend model that cannot be fitted, or money values that are not finite, leave the purchase
      // model standing: shown with a note rather than an error state for the whole widget.
      if (!(e instanceof ModelFitError)) throw e;
      value = null;
      noValueReason = 'no-spend-model';
    }
  }
  const expectedPurchases = value ? value.expectedPurchases : steps.purchases;
  const bins = value ? clvHistogram(value.clv, clvBinEdges(value.clv)) : [];
  const rankKey = value ? value.clv : expectedPurchases;
  const order = new Int32Array(input.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const ids = input.customerId;
  order.sort((p, q) => rankKey[q] - rankKey[p] || (ids[p] < ids[q] ? -1 : ids[p] > ids[q] ? 1 : 0));
  const top = order.slice(0, Math.max(0, Math.min(order.length, params.limit)));
  return {
    params,
    asOf,
    input,
    bgNbd,
    model: modelFit.model,
    modelFit,
    modelReason: chosen.reason,
    degeneracy: diagnoseFit(modelFit, input).codes,
    expectedPurchases,
    gammaGamma,
    value,
    noValueReason,
    bins,
    top,
    calibration: held ? null : calibrationCheck(orders, params.unit, params.calibrationEnd ?? defaultCalibrationEnd(orders), asOf, modelFit.model),
  };
}

/** Per input row: Σ over the monthly steps of the discounted increments of E[Y(t)], and E[Y(horizon)]. */
interface DiscountedPurchases {
  discounted: Float64Array;
  purchases: Float64Array;
  steps: number;
}

/**
 * The purchase half of core `clv`'s sum for any of the three models: for monthly steps i = 1..H,
 * Σᵢ (E[Y(tᵢ) | x, t_x, T] − E[Y(tᵢ₋₁) | x, t_x, T]) / (1 + d)^i (Fader, Hardie & Lee 2005, "RFM and
 * CLV", discounted expected transactions), a month being 30 days as in core `clv`.
 */
function discountedPurchases(fit: PurchaseModelFit, input: BtydInput, unit: SummaryUnit, horizonMonths: number, discount: number): DiscountedPurchases {
  const horizonInModelUnits = (horizonMonths * CLV_DAYS_PER_UNIT.months) / CLV_DAYS_PER_UNIT[unit];
  const steps = Math.max(1, Math.ceil(horizonMonths - 1e-9));
  const grouped = groupTriples(input.frequency, input.recency, input.T);
  const groupDiscounted = new Float64Array(grouped.groups);
  const groupPurchases = new Float64Array(grouped.groups);
  for (let g = 0; g < grouped.groups; g++) {
    let previous = 0;
    let discounted = 0;
    for (let i = 1; i <= steps; i++) {
      const cumulative = purchaseModelConditionalExpectedPurchases(fit, (horizonInModelUnits * i) / steps, grouped.u[g], grouped.v[g], grouped.w[g]);
      discounted += (cumulative - previous) * Math.pow(1 + discount, -(horizonMonths * i) / steps);
      previous = cumulative;
    }
    groupDiscounted[g] = discounted;
    groupPurchases[g] = previous;
  }
  const discounted = new Float64Array(input.length);
  const purchases = new Float64Array(input.length);
  for (let i = 0; i < input.length; i++) {
    discounted[i] = groupDiscounted[grouped.groupOfRow[i]];
    purchases[i] = groupPurchases[grouped.groupOfRow[i]];
  }
  return { discounted, purchases, steps };
}

/** CLV of a non-BG/NBD purchase model: discounted purchases × Gamma-Gamma spend, as core `clv` does. */
function modelClv(p: DiscountedPurchases, gammaGamma: GammaGammaFit, input: BtydInput, unit: SummaryUnit, horizonMonths: number): ClvResult {
  const n = input.length;
  const out = new Float64Array(n);
  const expectedSpend = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    expectedSpend[i] = gammaGammaConditionalSpend(gammaGamma, input.frequency[i], input.monetary[i]);
    out[i] = p.discounted[i] * expectedSpend[i];
    total += out[i];
  }
  if (!Number.isFinite(total)) {
    throw new ModelFitError('non-finite-fit', 'CLV: the purchase or spend model gives no finite value for these customers; check the fit diagnostics');
  }
  const horizonInModelUnits = (horizonMonths * CLV_DAYS_PER_UNIT.months) / CLV_DAYS_PER_UNIT[unit];
  return { clv: out, expectedPurchases: p.purchases, expectedSpend, total, mean: n > 0 ? total / n : 0, horizonInModelUnits, modelUnit: unit === 'days' ? 'days' : 'weeks', steps: p.steps };
}

/**
 * Fit on the calibration period, predict each customer's holdout purchases (FHL eq. (10)), and
 * average actual and predicted by calibration frequency 0 … 6, 7+.
 */
function calibrationCheck(orders: OrderTable, unit: SummaryUnit, calibrationEnd: number, holdoutEnd: number, model: PurchaseModelName): ClvAnalysis['calibration'] {
  if (!(calibrationEnd >= orders.day[0] && calibrationEnd < holdoutEnd)) {
    throw Object.assign(new RangeError('calibration-end must fall on or after the first order day and before the last one'), { code: 'bad-attribute' });
  }
  const ch = calibrationHoldout(orders, calibrationEnd, holdoutEnd, { unit });
  const cal = restrictToModelRows(ch);
  // The calibration summary is customerSummary(orders, { unit, calibrationEnd }), i.e. the shared
  // model input as of calibrationEnd: its fit is shared too. The model is the one chosen at asOf
  // (for 'auto' too: the check is of that model, not of a second choice).
  const fit = sharedPurchaseModel(orders, unit, calibrationEnd, model).fit;
  const grouped = groupTriples(cal.frequency, cal.recency, cal.T);
  const perGroup = new Float64Array(grouped.groups);
  for (let g = 0; g < grouped.groups; g++) perGroup[g] = purchaseModelConditionalExpectedPurchases(fit, ch.holdoutLength, grouped.u[g], grouped.v[g], grouped.w[g]);
  const n = CALIBRATION_MAX_FREQUENCY + 1;
  const customers = new Float64Array(n);
  const actual = new Float64Array(n);
  const expected = new Float64Array(n);
  for (let j = 0; j < cal.length; j++) {
    const k = Math.min(cal.frequency[j], CALIBRATION_MAX_FREQUENCY);
    customers[k]++;
    actual[k] += ch.holdoutFrequency[cal.rows[j]];
    expected[k] += perGroup[grouped.groupOfRow[j]];
  }
  const points: CalibrationPoint[] = [];
  let weightedError = 0;
  let total = 0;
  for (let k = 0; k < n; k++) {
    if (customers[k] === 0) continue;
    points.push({ frequency: k, customers: customers[k], actual: actual[k] / customers[k], predicted: expected[k] / customers[k] });
    weightedError += Math.abs(actual[k] - expected[k]);
    total += customers[k];
  }
  return { calibrationEnd, holdoutEnd, holdoutLength: ch.holdoutLength, fit, points, meanAbsoluteError: total > 0 ? weightedError / total : NaN, customers: total };
}
