/**
 * BG/NBD, MBG/NBD and Pareto/NBD side by side on one customer base: log-likelihood, AIC / BIC
 * (Akaike 1974; Schwarz 1978), and — on a calibration / holdout split — how well each predicts the
 * holdout purchases per calibration-frequency bucket (the validation of Fader, Hardie & Lee 2005,
 * section 4 and fig. 3; Batislam et al. 2007 compare the models the same way), plus a recommended
 * model with the reason as a code.
 */
import type { OrderTable } from './order-table.js';
import { calibrationHoldout } from './calibration-holdout.js';
import { customerSummary, type SummaryUnit } from './customer-summary.js';
import { diagnoseFit, ModelFitError, type FitDiagnosis, type PurchaseModelName, type RecencyFrequencyInput } from './model-diagnostics.js';
import {
  fitPurchaseModel,
  PURCHASE_MODEL_PARAMETERS,
  PURCHASE_MODELS,
  purchaseModelConditionalExpectedPurchases,
  type PurchaseModelFit,
} from './purchase-models.js';
import { groupTriples } from './optimize/group-rows.js';

/** A summary to compare on; with `holdoutFrequency` and `holdoutLength` (as from calibrationHoldout) the holdout is scored too. */
export interface CompareModelsSummary extends RecencyFrequencyInput {
  /** Repeat purchases (purchase days) per customer in the holdout. */
  holdoutFrequency?: ArrayLike<number>;
  /** Holdout length in the unit of recency and T. */
  holdoutLength?: number;
}

/** Options of {@link compareModels}. */
export interface CompareModelsOptions {
  /** With an OrderTable: last calibration day (day number); with holdoutEnd it makes the split. */
  calibrationEnd?: number;
  /** With an OrderTable: last holdout day (day number). */
  holdoutEnd?: number;
  /** With an OrderTable: unit of the summary (default 'weeks'). */
  unit?: SummaryUnit;
  /** Models to compare (default all three). */
  models?: readonly PurchaseModelName[];
  /** Calibration frequencies 0 … buckets−2 get a bucket each, the rest share the last (default 8: 0–6 and 7+). */
  buckets?: number;
}

/** Holdout fit of one frequency bucket. */
export interface HoldoutBucket {
  /** Smallest calibration frequency in the bucket. */
  frequency: number;
  /** True for the last bucket (frequency and above). */
  andAbove: boolean;
  customers: number;
  /** Mean holdout purchases per customer, actual and predicted. */
  actual: number;
  predicted: number;
  /** predicted − actual. */
  error: number;
}

/** Holdout scores of one model. */
export interface HoldoutScore {
  buckets: HoldoutBucket[];
  /** √(mean over customers of (predicted − actual)²). */
  rmse: number;
  /** Mean over customers of |predicted − actual|. */
  meanAbsoluteError: number;
  /** Customers-weighted mean of |bucket error|: how far the calibration chart's lines are apart. */
  bucketError: number;
  totalActual: number;
  totalPredicted: number;
}

/** One model's row in the comparison. */
export interface ModelComparisonRow {
  model: PurchaseModelName;
  /** The fit, or undefined when it failed (see `error`). */
  fit?: PurchaseModelFit;
  /** ModelFitError code when the fit failed. */
  error?: string;
  logLikelihood: number;
  parameters: number;
  /** 2k − 2 LL. */
  aic: number;
  /** k ln n − 2 LL, n = customers fitted. */
  bic: number;
  diagnosis?: FitDiagnosis;
  holdout?: HoldoutScore;
}

/** Why {@link compareModels} recommends its model. */
export type RecommendationReason =
  /** Lowest holdout RMSE among the fits without a parameter at a bound. */
  | 'lowest-holdout-error'
  /** No holdout: lowest BIC among the fits without a parameter at a bound. */
  | 'lowest-bic'
  /** Every fit has a parameter at a bound: lowest BIC regardless. */
  | 'all-degenerate-lowest-bic'
  /** Only one model could be fitted. */
  | 'only-model-fitted';

/** Result of {@link compareModels}. */
export interface ModelComparison {
  rows: ModelComparisonRow[];
  recommended: PurchaseModelName;
  reason: RecommendationReason;
  /** True when every fitted model sees negligible dropout (see DEGENERACY_THRESHOLDS). */
  dropoutNegligible: boolean;
  customers: number;
  customersWithoutHistory: number;
  /** Holdout length in the model unit, when a holdout was scored. */
  holdoutLength?: number;
}

function isOrderTable(value: unknown): value is OrderTable {
  return typeof value === 'object' && value !== null && 'customer' in value && 'day' in value;
}

/**
 * Fits the models and compares them. Pass a summary (optionally with a holdout, as
 * `calibrationHoldout()` returns) or an OrderTable with `calibrationEnd` and `holdoutEnd`.
 * @example
 * const c = compareModels(orders, { calibrationEnd: day(1997, 9, 30), holdoutEnd: day(1998, 6, 30) });
 * c.recommended; c.reason; c.rows.map((r) => [r.model, r.bic, r.holdout?.rmse]);
 */
export function compareModels(summary: CompareModelsSummary | OrderTable, options: CompareModelsOptions = {}): ModelComparison {
  let input: CompareModelsSummary;
  if (isOrderTable(summary)) {
    const unit = options.unit ?? 'weeks';
    if (options.calibrationEnd !== undefined && options.holdoutEnd !== undefined) {
      input = calibrationHoldout(summary, options.calibrationEnd, options.holdoutEnd, { unit });
    } else {
      input = customerSummary(summary, { unit, calibrationEnd: options.calibrationEnd });
    }
  } else {
    input = summary;
  }
  const hasHoldout = input.holdoutFrequency !== undefined && input.holdoutLength !== undefined && input.holdoutLength > 0;
  const buckets = Math.max(2, Math.floor(options.buckets ?? 8));
  const rows: ModelComparisonRow[] = [];
  let customers = 0;
  let customersWithoutHistory = 0;
  let firstError: unknown;
  for (const model of options.models ?? PURCHASE_MODELS) {
    const parameters = PURCHASE_MODEL_PARAMETERS[model];
    try {
      const fit = fitPurchaseModel(model, input);
      customers = fit.customers;
      customersWithoutHistory = fit.customersWithoutHistory;
      const row: ModelComparisonRow = {
        model,
        fit,
        logLikelihood: fit.logLikelihood,
        parameters,
        aic: 2 * parameters - 2 * fit.logLikelihood,
        bic: parameters * Math.log(fit.customers) - 2 * fit.logLikelihood,
        diagnosis: diagnoseFit(fit, input),
      };
      if (hasHoldout) row.holdout = scoreHoldout(fit, input, input.holdoutFrequency!, input.holdoutLength!, buckets);
      rows.push(row);
    } catch (error) {
      if (!(error instanceof ModelFitError)) throw error;
      firstError ??= error;
      rows.push({ model, error: error.code, logLikelihood: Number.NaN, parameters, aic: Number.NaN, bic: Number.NaN });
    }
  }
  const fitted = rows.filter((r) => r.fit !== undefined);
  if (fitted.length === 0) throw firstError instanceof Error ? firstError : new ModelFitError('no-customers', 'compareModels: no model could be fitted');
  const sound = fitted.filter((r) => !r.diagnosis!.codes.includes('parameter-at-bound') && r.fit!.converged);
  const pool = sound.length > 0 ? sound : fitted;
  const score = (r: ModelComparisonRow): number => (hasHoldout ? r.holdout!.rmse : r.bic);
  let best = pool[0];
  for (const r of pool) if (score(r) < score(best)) best = r;
  const reason: RecommendationReason =
    fitted.length === 1 ? 'only-model-fitted' : sound.length === 0 ? 'all-degenerate-lowest-bic' : hasHoldout ? 'lowest-holdout-error' : 'lowest-bic';
  if (reason === 'all-degenerate-lowest-bic') for (const r of pool) if (r.bic < best.bic) best = r;
  const out: ModelComparison = {
    rows,
    recommended: best.model,
    reason,
    dropoutNegligible: fitted.every((r) => r.diagnosis!.dropoutNegligible),
    customers,
    customersWithoutHistory,
  };
  if (hasHoldout) out.holdoutLength = input.holdoutLength;
  return out;
}

/** Predicted vs actual holdout purchases per calibration-frequency bucket (FHL 2005 fig. 3). */
function scoreHoldout(fit: PurchaseModelFit, input: RecencyFrequencyInput, holdout: ArrayLike<number>, length: number, buckets: number): HoldoutScore {
  const n = input.frequency.length;
  const grouped = groupTriples(input.frequency, input.recency, input.T);
  const predictedPerGroup = new Float64Array(grouped.groups);
  for (let g = 0; g < grouped.groups; g++) predictedPerGroup[g] = purchaseModelConditionalExpectedPurchases(fit, length, grouped.u[g], grouped.v[g], grouped.w[g]);
  const count = new Float64Array(buckets);
  const actual = new Float64Array(buckets);
  const predicted = new Float64Array(buckets);
  let squared = 0;
  let absolute = 0;
  let totalActual = 0;
  let totalPredicted = 0;
  for (let i = 0; i < n; i++) {
    const k = Math.min(buckets - 1, input.frequency[i]);
    const p = predictedPerGroup[grouped.groupOfRow[i]];
    const y = holdout[i];
    count[k]++;
    actual[k] += y;
    predicted[k] += p;
    squared += (p - y) ** 2;
    absolute += Math.abs(p - y);
    totalActual += y;
    totalPredicted += p;
  }
  const out: HoldoutBucket[] = [];
  let bucketError = 0;
  for (let k = 0; k < buckets; k++) {
    if (count[k] === 0) continue;
    const a = actual[k] / count[k];
    const p = predicted[k] / count[k];
    out.push({ frequency: k, andAbove: k === buckets - 1, customers: count[k], actual: a, predicted: p, error: p - a });
    bucketError += count[k] * Math.abs(p - a);
  }
  return {
    buckets: out,
    rmse: n > 0 ? Math.sqrt(squared / n) : Number.NaN,
    meanAbsoluteError: n > 0 ? absolute / n : Number.NaN,
    bucketError: n > 0 ? bucketError / n : Number.NaN,
    totalActual,
    totalPredicted,
  };
}
