/**
 * Discounted customer lifetime value from a BG/NBD purchase model and a Gamma-Gamma spend model,
 * computed as in the `lifetimes` Python package (`customer_lifetime_value`): for monthly steps
 * i = 1..H,
 *   CLV = Σᵢ (E[Y(tᵢ) | x, t_x, T] − E[Y(tᵢ₋₁) | x, t_x, T]) · E[M | x, m_x] / (1 + d)^(months at tᵢ),
 * with E[Y] the BG/NBD conditional expectation (Fader, Hardie & Lee 2005, eq. (10)) and E[M] the
 * Gamma-Gamma conditional mean spend (Fader & Hardie 2013); see also Fader, Hardie & Lee (2005),
 * "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4), for discounted
 * expected transactions.
 *
 * Units: a month is 30 days and a week 7 days, so a month is 30/7 weeks. (`lifetimes` uses 4.345
 * weeks but 30 days per month, so its weekly and daily answers differ by 1.3%; here a weekly model
 * and the same model in days give the same CLV.) The BG/NBD parameters are only meaningful in the
 * unit they were fitted in; the function refuses to guess it.
 */
import { type BgNbdParams, bgNbdConditionalExpectedPurchases, type RecencyFrequencyInput, validateRecencyFrequency } from './bg-nbd.js';
import { type GammaGammaParams, gammaGammaConditionalSpend } from './gamma-gamma.js';
import { groupTriples } from './optimize/group-rows.js';
import { ModelFitError } from './model-diagnostics.js';

/** Time units the CLV horizon can be given in. */
export type ClvHorizonUnit = 'days' | 'weeks' | 'months';
/** Time units a BG/NBD model can be fitted in. */
export type ClvModelUnit = 'days' | 'weeks';

/** Length of each unit in days (a month is 30 days, as in `lifetimes`). */
export const CLV_DAYS_PER_UNIT: Readonly<Record<ClvHorizonUnit, number>> = { days: 1, weeks: 7, months: 30 };

/** A customer summary as the CLV needs it: BG/NBD inputs plus the mean repeat-purchase value. */
export interface ClvSummary extends RecencyFrequencyInput {
  /** Mean value of the repeat purchases (ignored where frequency is 0). */
  monetary: ArrayLike<number>;
}

/** Options for {@link clv}. */
export interface ClvOptions {
  /** Length of the horizon, in `horizonUnit`. */
  horizon: number;
  horizonUnit: ClvHorizonUnit;
  /** Unit the BG/NBD model was fitted in (that of recency and T). Must equal `summary.unit` and
   *  the params' `unit` when those are set; required when neither is. */
  modelUnit?: ClvModelUnit;
  /** Discount rate per month (default 0.01). */
  discountRatePerPeriod?: number;
  /** Number of discounting steps over the horizon (default: one per month, at least 1). */
  stepsPerHorizon?: number;
}

/** Result of {@link clv}: one value per customer plus totals. */
export interface ClvResult {
  /** Discounted CLV per customer, in the currency of `monetary`. */
  clv: Float64Array;
  /** Undiscounted expected repeat purchases over the horizon, per customer. */
  expectedPurchases: Float64Array;
  /** Expected value per purchase, per customer (Gamma-Gamma). */
  expectedSpend: Float64Array;
  total: number;
  mean: number;
  /** The horizon converted to the model unit (the t passed to the BG/NBD). */
  horizonInModelUnits: number;
  modelUnit: ClvModelUnit;
  steps: number;
}

function resolveModelUnit(bgnbd: BgNbdParams, summary: ClvSummary, requested: ClvModelUnit | undefined): ClvModelUnit {
  const candidates: [string, string | undefined][] = [
    ['options.modelUnit', requested],
    ['summary.unit', summary.unit],
    ['the BG/NBD params unit', bgnbd.unit],
  ];
  let unit: string | undefined;
  let source = '';
  for (const [name, value] of candidates) {
    if (value === undefined) continue;
    if (unit === undefined) {
      unit = value;
      source = name;
    } else if (value !== unit) {
      throw new Error(
        `CLV: time units disagree: ${source} is '${unit}' but ${name} is '${value}'. The BG/NBD parameters only hold in the unit they were fitted in; refit or convert the summary.`,
      );
    }
  }
  if (unit === undefined) throw new Error("CLV: the model's time unit is unknown; pass modelUnit ('days' or 'weeks') or a summary with a unit");
  if (unit !== 'days' && unit !== 'weeks') throw new Error(`CLV: unsupported model unit '${unit}'; use 'days' or 'weeks'`);
  return unit;
}

/**
 * Discounted CLV over a horizon for every customer of a summary.
 * @example
 * const value = clv(bgnbdFit, ggFit, summary, { horizon: 12, horizonUnit: 'months', modelUnit: 'weeks' });
 * // value.clv[i]: expected discounted spend of customer i over the next 12 months
 */
export function clv(bgnbd: BgNbdParams, gammaGamma: GammaGammaParams, summary: ClvSummary, options: ClvOptions): ClvResult {
  const modelUnit = resolveModelUnit(bgnbd, summary, options.modelUnit);
  const { horizon, horizonUnit } = options;
  if (!(horizon > 0) || !Number.isFinite(horizon)) throw new Error(`CLV: horizon must be a finite number > 0 (got ${horizon})`);
  if (!(horizonUnit in CLV_DAYS_PER_UNIT)) throw new Error(`CLV: unknown horizonUnit '${String(horizonUnit)}'`);
  const discount = options.discountRatePerPeriod ?? 0.01;
  if (!(discount > -1) || !Number.isFinite(discount)) throw new Error(`CLV: discountRatePerPeriod must be > −1 (got ${discount})`);
  const horizonDays = horizon * CLV_DAYS_PER_UNIT[horizonUnit];
  const horizonMonths = horizonDays / CLV_DAYS_PER_UNIT.months;
  const horizonInModelUnits = horizonDays / CLV_DAYS_PER_UNIT[modelUnit];
  const steps = options.stepsPerHorizon ?? Math.max(1, Math.ceil(horizonMonths - 1e-9));
  if (!(steps >= 1) || steps !== Math.floor(steps)) throw new Error(`CLV: stepsPerHorizon must be an integer ≥ 1 (got ${steps})`);

  const { frequency, recency, T, monetary } = summary;
  const n = validateRecencyFrequency(summary);
  if (monetary.length !== n) throw new Error(`CLV: monetary has length ${monetary.length}, expected ${n}`);

  // Discount factor and cumulative horizon of each step, shared by all customers.
  const stepTime = new Float64Array(steps + 1);
  const stepDiscount = new Float64Array(steps + 1);
  for (let i = 1; i <= steps; i++) {
    stepTime[i] = (horizonInModelUnits * i) / steps;
    stepDiscount[i] = Math.pow(1 + discount, -(horizonMonths * i) / steps);
  }

  // Per distinct (x, t_x, T): the discounted sum of incremental purchases and the total purchases.
  const grouped = groupTriples(frequency, recency, T);
  const discountedPurchases = new Float64Array(grouped.groups);
  const purchases = new Float64Array(grouped.groups);
  for (let g = 0; g < grouped.groups; g++) {
    let previous = 0;
    let discounted = 0;
    for (let i = 1; i <= steps; i++) {
      const cumulative = bgNbdConditionalExpectedPurchases(bgnbd, stepTime[i], grouped.u[g], grouped.v[g], grouped.w[g]);
      discounted += (cumulative - previous) * stepDiscount[i];
      previous = cumulative;
    }
    discountedPurchases[g] = discounted;
    purchases[g] = previous;
  }

  const out = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  const expectedSpend = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const g = grouped.groupOfRow[i];
    const spend = gammaGammaConditionalSpend(gammaGamma, frequency[i], monetary[i]);
    expectedSpend[i] = spend;
    expectedPurchases[i] = purchases[g];
    out[i] = discountedPurchases[g] * spend;
    total += out[i];
  }
  // A NaN here means the models do not describe the data (e.g. a fit at a bound on a very short log):
  // an error with a code, never a "mean CLV NaN" shown as a result.
  if (!Number.isFinite(total)) {
    throw new ModelFitError('non-finite-fit', 'CLV: the purchase or spend model gives no finite value for these customers; check the fit diagnostics');
  }
  return { clv: out, expectedPurchases, expectedSpend, total, mean: n > 0 ? total / n : 0, horizonInModelUnits, modelUnit, steps };
}
