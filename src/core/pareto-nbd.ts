/**
 * Pareto/NBD model of repeat purchasing.
 *
 * References: D. C. Schmittlein, D. G. Morrison and R. Colombo (1987), "Counting Your Customers: Who
 * Are They and What Will They Do Next?", Management Science 33(1), 1–24; P. S. Fader and B. G. S.
 * Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions" (below: FH-note).
 *
 * While active a customer buys at rate λ ~ Gamma(r, α) and stays active for an exponential time with
 * rate μ ~ Gamma(s, β). Inputs per customer: x, t_x, T in one time unit (α and β are in that unit).
 *
 * The likelihood (FH-note eq. (22)) is evaluated through its integral form,
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ ],
 * the second term being "bought x times, then dropped out at τ". The integral is J(t_x) − J(T) with
 * J(u) = ∫_u^∞ …, which FH-note writes with ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+u)) when α ≥ β and
 * ₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+u)) when α < β (their A₀). Those series grow like
 * (1−z)^−(r+x) and overflow for large x; Euler's transformation (A&S 15.3.3) turns both into
 * ₂F₁(1, ·; r+s+x+1; z), whose terms are positive and fall at least geometrically (ratio < z):
 *   α ≥ β: J(u) = (α+u)^−(r+x) (β+u)^−s ₂F₁(1, r+x; r+s+x+1; (α−β)/(α+u)) / (r+s+x)
 *   α < β: J(u) = (α+u)^−(r+x−1) (β+u)^−(s+1) ₂F₁(1, s+1; r+s+x+1; (β−α)/(β+u)) / (r+s+x)
 * and at α = β the ₂F₁ is exactly 1, so α ≈ β is the easy case, not a special one. Everything is
 * summed in logs (log-sum-exp), as in the `lifetimes` ParetoNBDFitter.
 */
import { logGamma } from './special/gamma.js';
import { hyp2f1 } from './special/hyp2f1.js';
import { minimizeBfgs } from './optimize/bfgs.js';
import { groupTriples } from './optimize/group-rows.js';
import {
  assertFiniteFit,
  logAddExp,
  logDiffExp,
  ModelFitError,
  modelRows,
  type ModelRows,
  type RecencyFrequencyInput,
  validateRecencyFrequency,
} from './model-diagnostics.js';

/** Pareto/NBD parameters (all > 0); α and β in the time unit of the data. */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
  unit?: string;
}

/** Result of {@link fitParetoNbd}. */
export interface ParetoNbdFit extends ParetoNbdParams {
  /** Σ weightᵢ · log Lᵢ at the optimum. */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  customers: number;
  groups: number;
  /** Rows with T = 0 (no history; likelihood 1), not fitted. */
  customersWithoutHistory: number;
}

/** Options for {@link fitParetoNbd}. */
export interface ParetoNbdFitOptions {
  weights?: ArrayLike<number>;
  /** L2 penalty penalizer · (r² + α² + s² + β²) on the mean negative log-likelihood. Default 0. */
  penalizer?: number;
  /** Default r = s = 1, α = β = Σ T / Σ x. */
  initial?: Partial<ParetoNbdParams>;
  maxIterations?: number;
  /** Gradient tolerance on the mean log-likelihood in log-parameter space. Default 1e-7 (the
   *  gradient is a central difference, accurate to ~1e-9). */
  tolerance?: number;
}

/** log ₂F₁(1, b; c; z) for 0 ≤ z < 1, c > b > 0 (a sum of positive terms, so ≥ 0). */
function logHyp2f1One(b: number, c: number, z: number): number {
  if (z === 0) return 0;
  const value = hyp2f1(1, b, c, z);
  return Math.log(value);
}

/** log J(u), J(u) = ∫_u^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ (see the file comment). */
function logTail(r: number, alpha: number, s: number, beta: number, x: number, u: number): number {
  const rsx = r + s + x;
  if (alpha >= beta) {
    return -(r + x) * Math.log(alpha + u) - s * Math.log(beta + u) + logHyp2f1One(r + x, rsx + 1, (alpha - beta) / (alpha + u)) - Math.log(rsx);
  }
  return -(r + x - 1) * Math.log(alpha + u) - (s + 1) * Math.log(beta + u) + logHyp2f1One(s + 1, rsx + 1, (beta - alpha) / (beta + u)) - Math.log(rsx);
}

/**
 * The two parts of log L without the constant log Γ(r+x) − log Γ(r) + r log α + s log β:
 * alive = log[(α+T)^−(r+x) (β+T)^−s] and dead = log[s ∫_{t_x}^{T} …] (−∞ when t_x = T).
 */
function logParts(p: ParetoNbdParams, x: number, tx: number, T: number): { alive: number; dead: number } {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const dead = tx < T ? Math.log(s) + logDiffExp(logTail(r, alpha, s, beta, x, tx), logTail(r, alpha, s, beta, x, T)) : -Infinity;
  return { alive, dead };
}

function negativeMeanLogLikelihood(r: number, alpha: number, s: number, beta: number, rows: ModelRows): number {
  const p = { r, alpha, s, beta };
  const constant = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  let total = 0;
  let lastX = -1;
  let lgRX = 0;
  for (let i = 0; i < rows.groups; i++) {
    const w = rows.weight[i];
    if (w === 0) continue;
    const x = rows.u[i];
    if (x !== lastX) {
      lastX = x;
      lgRX = logGamma(r + x);
    }
    const { alive, dead } = logParts(p, x, rows.v[i], rows.w[i]);
    total += w * (lgRX + constant + logAddExp(alive, dead));
  }
  return -total / rows.totalWeight;
}

/**
 * Total log-likelihood Σ wᵢ log Lᵢ (FH-note eq. (22)); rows with T = 0 add 0.
 * @example paretoNbdLogLikelihood({ r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 }, summary) // ≈ −9594.98 on CDNOW
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, input: RecencyFrequencyInput, weights?: ArrayLike<number>): number {
  const rows = modelRows(input, weights, 'Pareto/NBD');
  if (rows.totalWeight === 0) return 0;
  return -negativeMeanLogLikelihood(params.r, params.alpha, params.s, params.beta, rows) * rows.totalWeight;
}

/**
 * Fit the Pareto/NBD by maximum likelihood (FH-note eq. (22)) on distinct (x, t_x, T) triples: BFGS
 * in log-parameter space with a central-difference gradient (the ₂F₁ has no cheap parameter
 * derivative). Rows with T = 0 are counted in `customersWithoutHistory` and not fitted.
 * @example const fit = fitParetoNbd(summary); // CDNOW weeks: r≈0.553 α≈10.58 s≈0.606 β≈11.66
 */
export function fitParetoNbd(input: RecencyFrequencyInput, options: ParetoNbdFitOptions = {}): ParetoNbdFit {
  const rows = modelRows(input, options.weights, 'Pareto/NBD');
  if (!(rows.totalWeight > 0)) throw new ModelFitError('no-customers', 'Pareto/NBD: no customers to fit (none with T > 0 and weight > 0)');
  const penalizer = options.penalizer ?? 0;
  let sumX = 0;
  let sumT = 0;
  for (let g = 0; g < rows.groups; g++) {
    sumX += rows.weight[g] * rows.u[g];
    sumT += rows.weight[g] * rows.w[g];
  }
  const scale = sumX > 0 ? sumT / sumX : sumT / rows.totalWeight;
  const initial = options.initial ?? {};
  const start = Float64Array.of(
    Math.log(initial.r ?? 1),
    Math.log(initial.alpha ?? scale),
    Math.log(initial.s ?? 1),
    Math.log(initial.beta ?? scale),
  );
  const value = (theta: ArrayLike<number>): number => {
    const r = Math.exp(theta[0]);
    const alpha = Math.exp(theta[1]);
    const s = Math.exp(theta[2]);
    const beta = Math.exp(theta[3]);
    return negativeMeanLogLikelihood(r, alpha, s, beta, rows) + penalizer * (r * r + alpha * alpha + s * s + beta * beta);
  };
  const moved = new Float64Array(4);
  const h = 1e-5;
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    const f = value(theta);
    if (!Number.isFinite(f)) return f;
    for (let k = 0; k < 4; k++) {
      moved.set(theta);
      moved[k] = theta[k] + h;
      const up = value(moved);
      moved[k] = theta[k] - h;
      const down = value(moved);
      gradient[k] = (up - down) / (2 * h);
    }
    return f;
  };
  let result;
  try {
    result = minimizeBfgs(objective, start, { maxIterations: options.maxIterations ?? 300, gradientTolerance: options.tolerance ?? 1e-7 });
  } catch (error) {
    throw new ModelFitError('non-finite-fit', `Pareto/NBD: ${(error as Error).message}`);
  }
  const [r, alpha, s, beta] = Array.from(result.x, Math.exp);
  const meanLL = -negativeMeanLogLikelihood(r, alpha, s, beta, rows);
  assertFiniteFit('Pareto/NBD', { r, alpha, s, beta }, meanLL);
  const fit: ParetoNbdFit = {
    r,
    alpha,
    s,
    beta,
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
 * P(alive at T | x, t_x, T) (FH-note eq. (18); Schmittlein et al. 1987 eq. (11)): the "alive" part of
 * the likelihood over the whole, 1 / (1 + s ∫_{t_x}^{T} … / ((α+T)^−(r+x) (β+T)^−s)).
 * @example paretoNbdPAlive({ r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 }, 2, 30.43, 38.86)
 */
export function paretoNbdPAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  if (!(T > tx)) return 1;
  const { alive, dead } = logParts(params, x, tx, T);
  const d = dead - alive;
  return d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
}

/** −expm1(−(s−1)L)/(s−1), L = log(1 + t/(β+T)): ∫ of the survival-weighted purchase rate; s → 1 gives L. */
function survivalIntegral(s: number, beta: number, T: number, t: number): number {
  const L = Math.log1p(t / (beta + T));
  if (Math.abs(s - 1) < 1e-10) return L;
  return -Math.expm1(-(s - 1) * L) / (s - 1);
}

/**
 * Expected purchases of a new customer in (0, t] (FH-note eq. (27); Schmittlein et al. 1987 eq. (17)):
 *   E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)]   (s = 1: (rβ/α) log(1 + t/β)).
 * @example paretoNbdExpectedPurchases({ r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 }, 39)
 */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, t: number): number {
  if (!(t >= 0)) throw new Error(`Pareto/NBD: t must be ≥ 0 (got ${t})`);
  return ((params.r * params.beta) / params.alpha) * survivalIntegral(params.s, params.beta, 0, t);
}

/**
 * Expected purchases in (T, T+t] given (x, t_x, T) (FH-note eq. (28)):
 *   E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)].
 * @example paretoNbdConditionalExpectedPurchases(fit, 39, 2, 30.43, 38.86)
 */
export function paretoNbdConditionalExpectedPurchases(params: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (!(t >= 0)) throw new Error(`Pareto/NBD: t must be ≥ 0 (got ${t})`);
  if (t === 0) return 0;
  const ifAlive = (((params.r + x) * (params.beta + T)) / (params.alpha + T)) * survivalIntegral(params.s, params.beta, T, t);
  return ifAlive * paretoNbdPAlive(params, x, tx, T);
}

/**
 * {@link paretoNbdPAlive} for every customer; the ₂F₁ runs once per distinct triple.
 * @example const alive = paretoNbdPAliveAll(fit, summary);
 */
export function paretoNbdPAliveAll(params: ParetoNbdParams, summary: RecencyFrequencyInput): Float64Array {
  return perDistinctTriple(summary, (x, tx, T) => paretoNbdPAlive(params, x, tx, T));
}

/**
 * {@link paretoNbdConditionalExpectedPurchases} for every customer.
 * @example const next39 = paretoNbdConditionalExpectedPurchasesAll(fit, 39, summary);
 */
export function paretoNbdConditionalExpectedPurchasesAll(params: ParetoNbdParams, t: number, summary: RecencyFrequencyInput): Float64Array {
  return perDistinctTriple(summary, (x, tx, T) => paretoNbdConditionalExpectedPurchases(params, t, x, tx, T));
}

function perDistinctTriple(summary: RecencyFrequencyInput, f: (x: number, tx: number, T: number) => number): Float64Array {
  const n = validateRecencyFrequency(summary, 'Pareto/NBD');
  const grouped = groupTriples(summary.frequency, summary.recency, summary.T);
  const perGroup = new Float64Array(grouped.groups);
  for (let g = 0; g < grouped.groups; g++) perGroup[g] = f(grouped.u[g], grouped.v[g], grouped.w[g]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = perGroup[grouped.groupOfRow[i]];
  return out;
}
