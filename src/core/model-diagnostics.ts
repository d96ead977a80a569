/**
 * What the three buy-till-you-die purchase models (BG/NBD, MBG/NBD, Pareto/NBD) share: the input
 * rows they accept, the error they throw when a fit is not a number, and the checks that name a
 * degenerate fit — a maximum of the likelihood that is real but tells the analyst little (the
 * model sees no dropout, a parameter ran off to 0 or ∞, too few repeat buyers, too short a history).
 *
 * Results carry codes, never sentences: the widgets own the words (en + zh-CN).
 */
import { groupTriples, type GroupedTriples } from './optimize/group-rows.js';

/** Names of the purchase models, as the widgets' `model` attribute spells them. */
export type PurchaseModelName = 'bg-nbd' | 'mbg-nbd' | 'pareto-nbd';

/** Per-customer recency/frequency/age columns (arrays or typed arrays). */
export interface RecencyFrequencyInput {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Optional time unit of recency and T ('days', 'weeks', …), carried into the fitted params. */
  unit?: string;
}

/** Codes of {@link ModelFitError}. */
export type ModelFitErrorCode =
  | 'invalid-input'
  | 'no-customers'
  /** Gamma-Gamma: no customer with a repeat purchase (and a positive amount) to learn spend from. */
  | 'no-repeat-customers'
  | 'non-finite-fit';

/**
 * A fit that cannot be reported: invalid rows, nothing to fit, or NaN / ∞ / 0 in the parameters or
 * the log-likelihood (never reported as "converged").
 * @example try { fitBgNbd(s) } catch (e) { if (e instanceof ModelFitError) e.code }
 */
export class ModelFitError extends Error {
  readonly code: ModelFitErrorCode;
  constructor(code: ModelFitErrorCode, message: string) {
    super(message);
    this.name = 'ModelFitError';
    this.code = code;
  }
}

/**
 * Checks the columns of a model input and returns the number of rows; throws a {@link ModelFitError}
 * (code 'invalid-input') naming the first row no model can describe. A row with T = 0 (first
 * purchase on the last day) is valid when x = t_x = 0: its likelihood is 1 under every model.
 * @example validateRecencyFrequency({ frequency: [2, 0], recency: [30.43, 0], T: [38.86, 0] }) // 2
 */
export function validateRecencyFrequency(input: RecencyFrequencyInput, model = 'BTYD'): number {
  const { frequency, recency, T } = input;
  const n = frequency.length;
  if (recency.length !== n || T.length !== n) {
    throw new ModelFitError('invalid-input', `${model}: frequency, recency and T must have the same length (${n}, ${recency.length}, ${T.length})`);
  }
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const tx = recency[i];
    const age = T[i];
    const valid = x >= 0 && x === Math.floor(x) && tx >= 0 && age >= 0 && tx <= age && Number.isFinite(age) && (age > 0 || x === 0);
    if (!valid) {
      throw new ModelFitError(
        'invalid-input',
        `${model}: row ${i} is invalid (frequency=${x}, recency=${tx}, T=${age}); need an integer frequency ≥ 0 and 0 ≤ recency ≤ T finite, with frequency 0 when T = 0`,
      );
    }
  }
  return n;
}

/** Distinct (x, t_x, T) triples of the rows with T > 0, and how many rows had T = 0. */
export interface ModelRows extends GroupedTriples {
  totalWeight: number;
  /** Rows with T = 0: no history to learn from (their likelihood is 1); left out of the fit. */
  customersWithoutHistory: number;
}

/**
 * Validates, checks the weights, and groups the rows with T > 0 into distinct (x, t_x, T) triples.
 * @example const rows = modelRows(summary, undefined, 'MBG/NBD'); rows.groups
 */
export function modelRows(input: RecencyFrequencyInput, weights: ArrayLike<number> | undefined, model: string): ModelRows {
  const n = validateRecencyFrequency(input, model);
  if (weights !== undefined) {
    if (weights.length !== n) throw new ModelFitError('invalid-input', `${model}: weights has length ${weights.length}, expected ${n}`);
    for (let i = 0; i < n; i++) {
      if (!(weights[i] >= 0) || !Number.isFinite(weights[i])) throw new ModelFitError('invalid-input', `${model}: weight ${i} is not a finite number ≥ 0`);
    }
  }
  const include = new Uint8Array(n);
  let customersWithoutHistory = 0;
  for (let i = 0; i < n; i++) {
    if (input.T[i] > 0) include[i] = 1;
    else customersWithoutHistory += weights === undefined ? 1 : weights[i];
  }
  const grouped = groupTriples(input.frequency, input.recency, input.T, weights, include);
  let totalWeight = 0;
  for (let g = 0; g < grouped.groups; g++) totalWeight += grouped.weight[g];
  return { ...grouped, totalWeight, customersWithoutHistory };
}

/**
 * Throws {@link ModelFitError} 'non-finite-fit' unless every parameter is finite and > 0 and the
 * log-likelihood is finite.
 */
export function assertFiniteFit(model: string, params: Record<string, number>, logLikelihood: number): void {
  for (const [key, value] of Object.entries(params)) {
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new ModelFitError('non-finite-fit', `${model}: the fit ended with ${key} = ${value}; the data do not identify the model`);
    }
  }
  if (!Number.isFinite(logLikelihood)) throw new ModelFitError('non-finite-fit', `${model}: the log-likelihood at the fit is ${logLikelihood}`);
}

/** Codes of {@link diagnoseFit}. */
export type DegeneracyCode = 'negligible-dropout' | 'parameter-at-bound' | 'few-repeat-customers' | 'short-history';

/**
 * Thresholds of {@link diagnoseFit}, documented here because they are judgement calls:
 * - negligibleDropout: the expected dropout per expected purchase below which the model "sees no
 *   dropout". BG/NBD and MBG/NBD: E[p] = a/(a+b), the mean probability of dropping out after a
 *   purchase. Pareto/NBD: E[μ]/E[λ] = (s/β)/(r/α), the dropout rate per purchase rate. 0.01 means a
 *   typical customer would make over 100 purchases before leaving: P(alive) then stays near 1.
 * - shapeBounds: r, a, b, s outside [1e-4, 1e4] are at the edge of what the data identify.
 * - scaleBounds: α, β outside [1e-4, 1e4] × the longest history T are at that edge.
 * - minRepeatCustomers: fewer customers with x > 0 than this leave the dropout process unidentified.
 * - minHistoryDays: a history (longest T) shorter than this many days (when the unit is known), or
 *   shorter than 3 mean inter-purchase times, cannot separate "slow buyer" from "gone".
 */
export const DEGENERACY_THRESHOLDS = {
  negligibleDropout: 0.01,
  shapeBounds: [1e-4, 1e4] as const,
  scaleBounds: [1e-4, 1e4] as const,
  minRepeatCustomers: 30,
  minHistoryDays: 56,
  minHistoryGaps: 3,
};

/** Result of {@link diagnoseFit}. */
export interface FitDiagnosis {
  /** Every degeneracy found (empty when none). */
  codes: DegeneracyCode[];
  /** Expected dropout per expected purchase (see {@link DEGENERACY_THRESHOLDS}). */
  dropoutPerPurchase: number;
  dropoutNegligible: boolean;
  /** Parameters at a bound, by name. */
  parametersAtBound: string[];
  repeatCustomers: number;
  /** Longest T in the input, in its unit. */
  longestHistory: number;
}

/** Parameters of any of the three models, as {@link diagnoseFit} reads them. */
export type AnyModelParams =
  | { model: 'bg-nbd'; r: number; alpha: number; a: number; b: number; unit?: string }
  | { model: 'mbg-nbd'; r: number; alpha: number; a: number; b: number; unit?: string }
  | { model: 'pareto-nbd'; r: number; alpha: number; s: number; beta: number; unit?: string };

const DAYS_PER_UNIT: Record<string, number> = { days: 1, weeks: 7 };

/**
 * Names what makes a fit degenerate (see {@link DEGENERACY_THRESHOLDS}).
 * @example diagnoseFit({ model: 'bg-nbd', r: 0.5, alpha: 20, a: 0.0034, b: 6.75 }, summary).codes // ['negligible-dropout']
 */
export function diagnoseFit(params: AnyModelParams, input: RecencyFrequencyInput): FitDiagnosis {
  const t = DEGENERACY_THRESHOLDS;
  let repeatCustomers = 0;
  let longestHistory = 0;
  let sumX = 0;
  let sumTx = 0;
  for (let i = 0; i < input.frequency.length; i++) {
    const x = input.frequency[i];
    if (x > 0) {
      repeatCustomers++;
      sumX += x;
      sumTx += input.recency[i];
    }
    if (input.T[i] > longestHistory) longestHistory = input.T[i];
  }
  const dropoutPerPurchase =
    params.model === 'pareto-nbd' ? (params.s / params.beta) / (params.r / params.alpha) : params.a / (params.a + params.b);
  const dropoutNegligible = !(dropoutPerPurchase >= t.negligibleDropout);
  const shapes: Record<string, number> = params.model === 'pareto-nbd' ? { r: params.r, s: params.s } : { r: params.r, a: params.a, b: params.b };
  const scales: Record<string, number> = params.model === 'pareto-nbd' ? { alpha: params.alpha, beta: params.beta } : { alpha: params.alpha };
  const parametersAtBound: string[] = [];
  for (const [k, v] of Object.entries(shapes)) if (!(v >= t.shapeBounds[0] && v <= t.shapeBounds[1])) parametersAtBound.push(k);
  for (const [k, v] of Object.entries(scales)) {
    if (!(v >= t.scaleBounds[0] * longestHistory && v <= t.scaleBounds[1] * longestHistory)) parametersAtBound.push(k);
  }
  const codes: DegeneracyCode[] = [];
  if (dropoutNegligible) codes.push('negligible-dropout');
  if (parametersAtBound.length > 0) codes.push('parameter-at-bound');
  if (repeatCustomers < t.minRepeatCustomers) codes.push('few-repeat-customers');
  const perDay = input.unit !== undefined ? DAYS_PER_UNIT[input.unit] : undefined;
  const meanGap = sumX > 0 ? sumTx / sumX : Infinity;
  const tooShort = (perDay !== undefined && longestHistory * perDay < t.minHistoryDays) || longestHistory < t.minHistoryGaps * meanGap;
  if (tooShort) codes.push('short-history');
  return { codes, dropoutPerPurchase, dropoutNegligible, parametersAtBound, repeatCustomers, longestHistory };
}

/**
 * log(e^u − e^v) for u ≥ v, without overflow; −Infinity when u = v.
 * @example logDiffExp(Math.log(3), Math.log(1)) // ≈ Math.log(2)
 */
export function logDiffExp(u: number, v: number): number {
  if (v === -Infinity) return u;
  const d = v - u;
  if (!(d < 0)) return -Infinity;
  return u + (d > -0.6931471805599453 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}

/**
 * log(e^u + e^v) without overflow.
 * @example logAddExp(0, 0) // ≈ Math.log(2)
 */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = Math.max(u, v);
  return m + Math.log1p(Math.exp(-Math.abs(u - v)));
}

/**
 * P(no purchase in (t_x, T] | x purchases in (0, t_x], still active) under the NBD purchase process
 * that the three models share, λ ~ Gamma(r, α): the posterior of λ is Gamma(r+x, α+t_x), so
 *   overdue = ((α+t_x)/(α+T))^(r+x)
 * (Fader, Hardie & Lee 2005, the first term of eq. (6) over the second; Schmittlein et al. 1987).
 * Small values mean the silence is unusual for a customer who still buys — meaningful even when the
 * model sees no dropout.
 * @example overdueProbability({ r: 0.24, alpha: 4.4 }, 2, 30.43, 38.86) // ≈ 0.62
 */
export function overdueProbability(params: { r: number; alpha: number }, x: number, tx: number, T: number): number {
  if (!(T > tx)) return 1;
  return Math.exp((params.r + x) * (Math.log(params.alpha + tx) - Math.log(params.alpha + T)));
}
