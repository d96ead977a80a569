/**
 * MBG/NBD ("modified beta-geometric / NBD") model of repeat purchasing.
 *
 * Reference: E. P. Batislam, M. Denizel and A. Filiztekin (2007), "Empirical validation and comparison
 * of models for customer base analysis", International Journal of Research in Marketing 24(3),
 * 201–209 (below: BDF); the same formulas as the `lifetimes` ModifiedBetaGeoFitter. Like the BG/NBD
 * (Fader, Hardie & Lee 2005) but a customer may also drop out at time 0, right after the first
 * purchase, so customers with no repeat purchase are not "alive by construction" — the fix for the
 * BG/NBD's P(alive) = 1 at x = 0.
 *
 * Inputs per customer: x ("frequency"), t_x ("recency"), T ("age"), one time unit. λ ~ Gamma(r, α),
 * dropout probability at time 0 and after each purchase p ~ Beta(a, b).
 */
import { digamma, logGamma } from './special/gamma.js';
import { hyp2f1Minus1 } from './special/hyp2f1.js';
import { minimizeBfgs } from './optimize/bfgs.js';
import { groupTriples } from './optimize/group-rows.js';
import {
  assertFiniteFit,
  ModelFitError,
  modelRows,
  type ModelRows,
  type RecencyFrequencyInput,
  validateRecencyFrequency,
} from './model-diagnostics.js';

/** MBG/NBD parameters (all > 0); α in the time unit of the data it was fitted on. */
export interface MbgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
  unit?: string;
}

/** Result of {@link fitMbgNbd}. */
export interface MbgNbdFit extends MbgNbdParams {
  /** Σ weightᵢ · log Lᵢ at the optimum. */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  /** Customers fitted (T > 0), or the sum of their weights. */
  customers: number;
  groups: number;
  /** Rows with T = 0 (no history; likelihood 1), not fitted. */
  customersWithoutHistory: number;
}

/** Options for {@link fitMbgNbd} (as for the BG/NBD). */
export interface MbgNbdFitOptions {
  weights?: ArrayLike<number>;
  /** L2 penalty penalizer · (r² + α² + a² + b²) on the mean negative log-likelihood. Default 0. */
  penalizer?: number;
  initial?: Partial<MbgNbdParams>;
  maxIterations?: number;
  tolerance?: number;
}

/**
 * Mean negative log-likelihood and gradient in (r, α, a, b). Per customer (BDF; lifetimes):
 *   L = B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
 *     + B(a+1, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))      (for every x, also x = 0)
 * as log A₁ + softplus(d), d = log a − log(b+x) + (r+x) log((α+T)/(α+t_x)), the log-ratio of the
 * second term to the first.
 */
function negativeMeanLogLikelihood(r: number, alpha: number, a: number, b: number, rows: ModelRows, gradient: Float64Array | null): number {
  const { u: x, v: tx, w: T, weight } = rows;
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  let total = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  // The Γ terms depend on x only; the rows are cached by the last x seen (grouped rows repeat x often).
  let lastX = -1;
  let gammaTerms = 0;
  let psiRX = 0;
  let psiBX1 = 0;
  let psiABX1 = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weight[i];
    if (w === 0) continue;
    const xi = x[i];
    if (xi !== lastX) {
      lastX = xi;
      gammaTerms = logGamma(r + xi) - lgR + lgAB + logGamma(b + xi + 1) - lgB - logGamma(a + b + xi + 1);
      if (gradient !== null) {
        psiRX = digamma(r + xi);
        psiBX1 = digamma(b + xi + 1);
        psiABX1 = digamma(a + b + xi + 1);
      }
    }
    const rx = r + xi;
    const logAlphaT = Math.log(alpha + T[i]);
    const logRatio = logAlphaT - Math.log(alpha + tx[i]);
    const d = logA - Math.log(b + xi) + rx * logRatio;
    const e = Math.exp(-Math.abs(d));
    total += w * (gammaTerms + r * logAlpha - rx * logAlphaT + (d > 0 ? d + Math.log1p(e) : Math.log1p(e)));
    if (gradient !== null) {
      const pDead = d > 0 ? 1 / (1 + e) : e / (1 + e);
      gR += w * (psiRX - psiR + logAlpha - logAlphaT + pDead * logRatio);
      gAlpha += w * (r / alpha - rx / (alpha + T[i]) + pDead * rx * (1 / (alpha + T[i]) - 1 / (alpha + tx[i])));
      gA += w * (psiAB - psiABX1 + pDead / a);
      gB += w * (psiAB + psiBX1 - psiB - psiABX1 - pDead / (b + xi));
    }
  }
  const n = rows.totalWeight;
  if (gradient !== null) {
    gradient[0] = -gR / n;
    gradient[1] = -gAlpha / n;
    gradient[2] = -gA / n;
    gradient[3] = -gB / n;
  }
  return -total / n;
}

/**
 * Total log-likelihood Σ wᵢ log Lᵢ (BDF) and its gradient in (r, α, a, b); rows with T = 0 add 0.
 * @example mbgNbdLogLikelihood({ r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 }, summary).value
 */
export function mbgNbdLogLikelihood(params: MbgNbdParams, input: RecencyFrequencyInput, weights?: ArrayLike<number>): { value: number; gradient: Float64Array } {
  const rows = modelRows(input, weights, 'MBG/NBD');
  const gradient = new Float64Array(4);
  if (rows.totalWeight === 0) return { value: 0, gradient };
  const mean = negativeMeanLogLikelihood(params.r, params.alpha, params.a, params.b, rows, gradient);
  for (let k = 0; k < 4; k++) gradient[k] *= -rows.totalWeight;
  return { value: -mean * rows.totalWeight, gradient };
}

/**
 * Fit the MBG/NBD by maximum likelihood on distinct (x, t_x, T) triples, BFGS in log-parameter space.
 * Rows with T = 0 are counted in `customersWithoutHistory` and not fitted.
 * @example const fit = fitMbgNbd(customerSummary(orders, { unit: 'weeks' })); // CDNOW: r≈0.525 α≈6.18 a≈0.891 b≈1.61
 */
export function fitMbgNbd(input: RecencyFrequencyInput, options: MbgNbdFitOptions = {}): MbgNbdFit {
  const rows = modelRows(input, options.weights, 'MBG/NBD');
  if (!(rows.totalWeight > 0)) throw new ModelFitError('no-customers', 'MBG/NBD: no customers to fit');
  const penalizer = options.penalizer ?? 0;
  let sumX = 0;
  let sumT = 0;
  for (let g = 0; g < rows.groups; g++) {
    sumX += rows.weight[g] * rows.u[g];
    sumT += rows.weight[g] * rows.w[g];
  }
  const initial = options.initial ?? {};
  const start = Float64Array.of(
    Math.log(initial.r ?? 1),
    Math.log(initial.alpha ?? (sumX > 0 ? sumT / sumX : sumT / rows.totalWeight)),
    Math.log(initial.a ?? 1),
    Math.log(initial.b ?? 1),
  );
  const natural = new Float64Array(4);
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    for (let k = 0; k < 4; k++) natural[k] = Math.exp(theta[k]);
    const value = negativeMeanLogLikelihood(natural[0], natural[1], natural[2], natural[3], rows, gradient);
    let penalty = 0;
    for (let k = 0; k < 4; k++) {
      penalty += natural[k] * natural[k];
      gradient[k] = natural[k] * (gradient[k] + 2 * penalizer * natural[k]);
    }
    return value + penalizer * penalty;
  };
  const result = minimizeBfgs(objective, start, { maxIterations: options.maxIterations ?? 500, gradientTolerance: options.tolerance ?? 1e-9 });
  const [r, alpha, a, b] = Array.from(result.x, Math.exp);
  const meanLL = -negativeMeanLogLikelihood(r, alpha, a, b, rows, null);
  assertFiniteFit('MBG/NBD', { r, alpha, a, b }, meanLL);
  const fit: MbgNbdFit = {
    r,
    alpha,
    a,
    b,
    logLikelihood: meanLL * rows.totalWeight,
    converged: result.converged,
    iterations: result.iterations,
    customers: rows.totalWeight,
    groups: rows.groups,
    customersWithoutHistory: rows.customersWithoutHistory,
  };
  if (input.unit !== undefined) fit.unit = input.unit;
  return fit;
}

/**
 * P(alive at T | x, t_x, T) (BDF; lifetimes):
 *   P(alive) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)),   for every x (x = 0: t_x = 0).
 * @example mbgNbdPAlive({ r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 }, 0, 0, 38) // < 1, unlike the BG/NBD
 */
export function mbgNbdPAlive(params: MbgNbdParams, x: number, tx: number, T: number): number {
  const d = Math.log(params.a) - Math.log(params.b + x) + (params.r + x) * (Math.log(params.alpha + T) - Math.log(params.alpha + tx));
  return d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
}

/**
 * (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; z)], z = t/(α+T+t): the
 * expected purchases in (T, T+t] of a customer alive at T (BDF; lifetimes). As for the BG/NBD,
 * Euler's transformation (A&S 15.3.3) gives (1−z)^(r+x) ₂F₁(r+x, b+x+1; c; z) = (1−z)^(a−1)
 * ₂F₁(a+b−r, a−1; c; z), which converges fast for any x, and the bracket is formed without cancellation.
 */
function expectedPurchasesIfAlive(params: MbgNbdParams, t: number, x: number, T: number): number {
  if (t === 0) return 0;
  const { r, alpha, b } = params;
  const a = Math.abs(params.a - 1) < 1e-9 ? 1 + 1e-9 : params.a;
  const c = a + b + x;
  const z = t / (alpha + T + t);
  const logScale = (a - 1) * Math.log1p(-z);
  const tail = hyp2f1Minus1(a + b - r, a - 1, c, z);
  return (c / (a - 1)) * (-Math.expm1(logScale) - Math.exp(logScale) * tail);
}

/**
 * Expected repeat purchases of a new customer in (0, t] (BDF; lifetimes):
 *   E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].
 * @example mbgNbdExpectedPurchases(fit, 39)
 */
export function mbgNbdExpectedPurchases(params: MbgNbdParams, t: number): number {
  if (!(t >= 0)) throw new Error(`MBG/NBD: t must be ≥ 0 (got ${t})`);
  return expectedPurchasesIfAlive(params, t, 0, 0) * mbgNbdPAlive(params, 0, 0, 0);
}

/**
 * Expected repeat purchases in (T, T+t] given (x, t_x, T) (BDF; lifetimes):
 *   E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))]
 *                         / [1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)].
 * @example mbgNbdConditionalExpectedPurchases(fit, 39, 2, 30.43, 38.86)
 */
export function mbgNbdConditionalExpectedPurchases(params: MbgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (!(t >= 0)) throw new Error(`MBG/NBD: t must be ≥ 0 (got ${t})`);
  return expectedPurchasesIfAlive(params, t, x, T) * mbgNbdPAlive(params, x, tx, T);
}

/**
 * {@link mbgNbdPAlive} for every customer of a summary.
 * @example const alive = mbgNbdPAliveAll(fit, summary);
 */
export function mbgNbdPAliveAll(params: MbgNbdParams, summary: RecencyFrequencyInput): Float64Array {
  const n = validateRecencyFrequency(summary, 'MBG/NBD');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mbgNbdPAlive(params, summary.frequency[i], summary.recency[i], summary.T[i]);
  return out;
}

/**
 * {@link mbgNbdConditionalExpectedPurchases} for every customer; the ₂F₁ runs once per distinct triple.
 * @example const next39 = mbgNbdConditionalExpectedPurchasesAll(fit, 39, summary);
 */
export function mbgNbdConditionalExpectedPurchasesAll(params: MbgNbdParams, t: number, summary: RecencyFrequencyInput): Float64Array {
  if (!(t >= 0)) throw new Error(`MBG/NBD: t must be ≥ 0 (got ${t})`);
  const n = validateRecencyFrequency(summary, 'MBG/NBD');
  const grouped = groupTriples(summary.frequency, summary.recency, summary.T);
  const perGroup = new Float64Array(grouped.groups);
  for (let g = 0; g < grouped.groups; g++) perGroup[g] = mbgNbdConditionalExpectedPurchases(params, t, grouped.u[g], grouped.v[g], grouped.w[g]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = perGroup[grouped.groupOfRow[i]];
  return out;
}
