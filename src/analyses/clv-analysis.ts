/**
 * What <rw-clv> computes: BG/NBD (Fader, Hardie & Lee 2005) + Gamma-Gamma (Fader & Hardie 2013)
 * discounted CLV through core `clv`, the CLV distribution in 1-2-5 bins, the top customers, and a
 * calibration / holdout check (FHL 2005 §4; as `lifetimes`' plot_calibration_purchases_vs_holdout_purchases).
 */
import { bgNbdConditionalExpectedPurchasesAll, type BgNbdFit } from '../core/bg-nbd.js';
import { calibrationHoldout } from '../core/calibration-holdout.js';
import { clv, type ClvResult } from '../core/clv.js';
import type { SummaryUnit } from '../core/customer-summary.js';
import type { GammaGammaFit } from '../core/gamma-gamma.js';
import type { OrderTable } from '../core/order-table.js';
import { heldSummary, heldSummaryHasMonetary } from './aggregate-summary.js';
import { NeedsOrdersError } from '../core/pre-aggregated.js';
import { btydInput, restrictToModelRows, sharedBgNbdFit, sharedGammaGammaFit, type BtydInput } from './model-cache.js';

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
}

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
  /** Mean E[Y(holdout length) | x, t_x, T] of the calibration fit (FHL eq. (10)). */
  predicted: number;
}

export interface ClvAnalysis {
  params: ClvAnalysisParams;
  asOf: number;
  input: BtydInput;
  bgNbd: BgNbdFit;
  gammaGamma: GammaGammaFit;
  value: ClvResult;
  bins: ClvBin[];
  /** Input rows by CLV descending (ties: id ascending), the first `limit`. */
  top: Int32Array;
  /** The calibration / holdout check; null for a pre-aggregated input (it needs the orders over time). */
  calibration: {
    calibrationEnd: number;
    holdoutEnd: number;
    /** In the model unit. */
    holdoutLength: number;
    fit: BgNbdFit;
    points: CalibrationPoint[];
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
  if (!held && !orders.hasAmount) {
    // The purchase model needs no amounts, but CLV is money: say why with a code instead of letting
    // the Gamma-Gamma fit fail as 'unknown'. (Showing the purchase model alone is the widget's next step.)
    throw Object.assign(new Error('CLV needs an amount column: the purchase model has no money values to multiply by.'), { code: 'no-amounts' });
  }
  const asOf = held ? held.endDay : orders.day[orders.length - 1];
  const input = btydInput(orders, params.unit, asOf);
  const bgNbd = sharedBgNbdFit(orders, params.unit, asOf);
  const gammaGamma = sharedGammaGammaFit(orders, params.unit, asOf);
  const value = clv(bgNbd, gammaGamma, input, { horizon: params.horizon, horizonUnit: 'months', modelUnit: params.unit, discountRatePerPeriod: params.discountRate });
  const bins = clvHistogram(value.clv, clvBinEdges(value.clv));
  const order = new Int32Array(input.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const ids = input.customerId;
  order.sort((p, q) => value.clv[q] - value.clv[p] || (ids[p] < ids[q] ? -1 : ids[p] > ids[q] ? 1 : 0));
  const top = order.slice(0, Math.max(0, Math.min(order.length, params.limit)));
  return { params, asOf, input, bgNbd, gammaGamma, value, bins, top, calibration: held ? null : calibrationCheck(orders, params.unit, params.calibrationEnd ?? defaultCalibrationEnd(orders), asOf) };
}

/**
 * Fit on the calibration period, predict each customer's holdout purchases (FHL eq. (10)), and
 * average actual and predicted by calibration frequency 0 … 6, 7+.
 */
function calibrationCheck(orders: OrderTable, unit: SummaryUnit, calibrationEnd: number, holdoutEnd: number): ClvAnalysis['calibration'] {
  if (!(calibrationEnd >= orders.day[0] && calibrationEnd < holdoutEnd)) {
    throw Object.assign(new RangeError('calibration-end must fall on or after the first order day and before the last one'), { code: 'bad-attribute' });
  }
  const ch = calibrationHoldout(orders, calibrationEnd, holdoutEnd, { unit });
  const cal = restrictToModelRows(ch);
  // The calibration summary is customerSummary(orders, { unit, calibrationEnd }), i.e. the shared
  // model input as of calibrationEnd: its fit is shared too.
  const fit = sharedBgNbdFit(orders, unit, calibrationEnd);
  const predicted = bgNbdConditionalExpectedPurchasesAll(fit, ch.holdoutLength, cal);
  const n = CALIBRATION_MAX_FREQUENCY + 1;
  const customers = new Float64Array(n);
  const actual = new Float64Array(n);
  const expected = new Float64Array(n);
  for (let j = 0; j < cal.length; j++) {
    const k = Math.min(cal.frequency[j], CALIBRATION_MAX_FREQUENCY);
    customers[k]++;
    actual[k] += ch.holdoutFrequency[cal.rows[j]];
    expected[k] += predicted[j];
  }
  const points: CalibrationPoint[] = [];
  for (let k = 0; k < n; k++) {
    if (customers[k] === 0) continue;
    points.push({ frequency: k, customers: customers[k], actual: actual[k] / customers[k], predicted: expected[k] / customers[k] });
  }
  return { calibrationEnd, holdoutEnd, holdoutLength: ch.holdoutLength, fit, points };
}
