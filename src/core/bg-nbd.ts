/**
 * BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchasing.
 *
 * Reference: P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy
 * Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275–284 (below: FHL),
 * and the companion notes by Fader & Hardie, "Implementing the BG/NBD Model for Customer Base
 * Analysis in Excel" (2005) and "Computing P(alive) Using the BG/NBD Model" (2008).
 *
 * Inputs per customer (any time unit, used consistently): x = number of repeat purchases
 * ("frequency"), t_x = time of the last repeat purchase since the first purchase ("recency"),
 * T = time since the first purchase ("age"). Parameters: purchase rate λ ~ Gamma(r, α) with α in
 * the same time unit; dropout probability after each purchase p ~ Beta(a, b).
 */
import { digamma, logBeta, logGamma } from './special/gamma.js';
import { hyp2f1Minus1 } from './special/hyp2f1.js';
import { minimizeBfgs } from './optimize/bfgs.js';
import { groupTriples } from './optimize/group-rows.js';
import {
  assertFiniteFit,
  ModelFitError,
  modelRows,
  type RecencyFrequencyInput,
  validateRecencyFrequency as validateRows,
} from './model-diagnostics.js';

export type { RecencyFrequencyInput } from './model-diagnostics.js';

/**
 * Checks the columns of a BG/NBD input and returns the number of rows; throws a ModelFitError
 * ('invalid-input') naming the first row that the model cannot describe. Rows with T = 0 and
 * x = t_x = 0 (first purchase on the last day) are accepted: their likelihood is 1.
 * @example validateRecencyFrequency({ frequency: [2], recency: [30.43], T: [38.86] }) // 1
 */
export function validateRecencyFrequency(input: RecencyFrequencyInput): number {
  return validateRows(input, 'BG/NBD');
}

/** BG/NBD parameters (all > 0). α is in the time unit of the data it was fitted on. */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
  /** Time unit of α and of every t the model is evaluated at, when the fit input carried one. */
  unit?: string;
}

/** Result of {@link fitBgNbd}: the maximum-likelihood parameters and how the fit went. */
export interface BgNbdFit extends BgNbdParams {
  /** Σ weightᵢ · log Lᵢ at the optimum (natural log, without the penalty). */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  /** Number of customers (rows) fitted, or the sum of the weights when weights are given. */
  customers: number;
  /** Number of distinct (x, t_x, T) triples the likelihood was evaluated on. */
  groups: number;
  /** Rows (or their weight) with T = 0: first purchase on the last day, no history; not fitted. */
  customersWithoutHistory: number;
}

/** Options for {@link fitBgNbd}. */
export interface BgNbdFitOptions {
  /** Non-negative weight of each row (e.g. the number of customers sharing it). Default 1. */
  weights?: ArrayLike<number>;
  /** L2 penalty on the parameters, added as penalizer · (r² + α² + a² + b²) to the mean negative
   *  log-likelihood, as in the `lifetimes` Python package. Default 0. */
  penalizer?: number;
  /** Starting parameters. Default r = a = b = 1, α = Σ T / Σ x (the mean inter-purchase time). */
  initial?: Partial<BgNbdParams>;
  /** Default 500. */
  maxIterations?: number;
  /** Gradient tolerance on the mean log-likelihood in log-parameter space. Default 1e-9. */
  tolerance?: number;
}

/**
 * Mean negative log-likelihood over grouped rows and its gradient with respect to the natural
 * parameters. Per customer (FHL eq. (6)), with B the beta function:
 *   L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
 *     + δ(x>0) B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)).
 * Written as log L = log A₁ + log(1 + e^d) with d = log A₂ − log A₁
 *   = log a − log(b+x−1) + (r+x) log((α+T)/(α+t_x))   (the log-ratio of the two terms; the
 * FHL note "Implementing the BG/NBD model" likewise works with logged components),
 * so the sum is a log-sum-exp that neither overflows for large x and T nor loses the smaller term;
 * and B(a, b+x)/B(a, b) = Γ(b+x)Γ(a+b)/(Γ(b)Γ(a+b+x)).
 */
function negativeMeanLogLikelihood(
  r: number,
  alpha: number,
  a: number,
  b: number,
  data: GroupedRows,
  gradient: Float64Array | null,
): number {
  const { x, tx, T, weight, xIndex, distinctX } = data;
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  // The Γ and ψ terms depend on x alone: evaluate them once per distinct x (CDNOW has 28).
  const { logGammaTerms, psiR: psiRX, psiB: psiBX, psiAB: psiABX } = data.scratch;
  for (let k = 0; k < distinctX.length; k++) {
    const xk = distinctX[k];
    if (xk === 0) continue;
    logGammaTerms[k] = logGamma(r + xk) - lgR + logGamma(b + xk) - lgB + lgAB - logGamma(a + b + xk);
    if (gradient !== null) {
      psiRX[k] = digamma(r + xk);
      psiBX[k] = digamma(b + xk);
      psiABX[k] = digamma(a + b + xk);
    }
  }
  let total = 0;
  let totalWeight = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weight[i];
    if (w === 0) continue;
    const xi = x[i];
    const rx = r + xi;
    const logAlphaT = Math.log(alpha + T[i]);
    let ll = r * logAlpha - rx * logAlphaT;
    let pDead = 0; // weight of the A₂ term in the log-sum-exp = 1 − P(alive)
    let logRatio = 0;
    let bx1 = 1;
    const k = xIndex[i];
    if (xi > 0) {
      bx1 = b + xi - 1;
      logRatio = logAlphaT - Math.log(alpha + tx[i]);
      const d = logA - Math.log(bx1) + rx * logRatio;
      // softplus(d) = log(1 + e^d) and the logistic weight e^d/(1+e^d), stable for |d| large.
      const e = Math.exp(-Math.abs(d));
      ll += logGammaTerms[k] + (d > 0 ? d + Math.log1p(e) : Math.log1p(e));
      pDead = d > 0 ? 1 / (1 + e) : e / (1 + e);
    }
    total += w * ll;
    totalWeight += w;
    if (gradient !== null) {
      let dR = logAlpha - logAlphaT + pDead * logRatio;
      let dAlpha = r / alpha - rx / (alpha + T[i]);
      let dA = 0;
      let dB = 0;
      if (xi > 0) {
        dR += psiRX[k] - psiR;
        dAlpha += pDead * rx * (1 / (alpha + T[i]) - 1 / (alpha + tx[i]));
        dA = psiAB - psiABX[k] + pDead / a;
        dB = psiBX[k] - psiB + psiAB - psiABX[k] - pDead / bx1;
      }
      gR += w * dR;
      gAlpha += w * dAlpha;
      gA += w * dA;
      gB += w * dB;
    }
  }
  if (gradient !== null) {
    gradient[0] = -gR / totalWeight;
    gradient[1] = -gAlpha / totalWeight;
    gradient[2] = -gA / totalWeight;
    gradient[3] = -gB / totalWeight;
  }
  return -total / totalWeight;
}

/** Distinct (x, t_x, T) rows with weights, plus the index of each row's x among the distinct x. */
interface GroupedRows {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  xIndex: Int32Array;
  distinctX: Float64Array;
  totalWeight: number;
  groups: number;
  customersWithoutHistory: number;
  scratch: { logGammaTerms: Float64Array; psiR: Float64Array; psiB: Float64Array; psiAB: Float64Array };
}

function groupRows(input: RecencyFrequencyInput, weights: ArrayLike<number> | undefined): GroupedRows {
  const grouped = modelRows(input, weights, 'BG/NBD');
  const positionOfX = new Map<number, number>();
  const xIndex = new Int32Array(grouped.groups);
  const totalWeight = grouped.totalWeight;
  for (let g = 0; g < grouped.groups; g++) {
    const x = grouped.u[g];
    let k = positionOfX.get(x);
    if (k === undefined) {
      k = positionOfX.size;
      positionOfX.set(x, k);
    }
    xIndex[g] = k;
  }
  const distinctX = Float64Array.from(positionOfX.keys());
  const m = distinctX.length;
  return {
    x: grouped.u,
    tx: grouped.v,
    T: grouped.w,
    weight: grouped.weight,
    xIndex,
    distinctX,
    totalWeight,
    groups: grouped.groups,
    customersWithoutHistory: grouped.customersWithoutHistory,
    scratch: { logGammaTerms: new Float64Array(m), psiR: new Float64Array(m), psiB: new Float64Array(m), psiAB: new Float64Array(m) },
  };
}

/**
 * Total log-likelihood Σ wᵢ log Lᵢ (FHL eq. (6)) and its gradient with respect to (r, α, a, b).
 * Exposed for diagnostics and tests; {@link fitBgNbd} maximises it.
 * @example
 * const { value, gradient } = bgNbdLogLikelihood({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, summary);
 */
export function bgNbdLogLikelihood(
  params: BgNbdParams,
  input: RecencyFrequencyInput,
  weights?: ArrayLike<number>,
): { value: number; gradient: Float64Array } {
  validateRecencyFrequency(input);
  const grouped = groupRows(input, weights);
  const totalWeight = grouped.totalWeight;
  const gradient = new Float64Array(4);
  const mean = negativeMeanLogLikelihood(params.r, params.alpha, params.a, params.b, grouped, gradient);
  for (let k = 0; k < 4; k++) gradient[k] *= -totalWeight;
  return { value: -mean * totalWeight, gradient };
}

/**
 * Fit the BG/NBD model by maximum likelihood (FHL eq. (6)), on distinct (x, t_x, T) triples with
 * weights, by BFGS in log-parameter space (so all four parameters stay positive).
 * @example
 * const fit = fitBgNbd({ frequency, recency, T }); // CDNOW (weeks): r≈0.243 α≈4.41 a≈0.793 b≈2.43
 */
export function fitBgNbd(input: RecencyFrequencyInput, options: BgNbdFitOptions = {}): BgNbdFit {
  const penalizer = options.penalizer ?? 0;
  const grouped = groupRows(input, options.weights);
  const totalWeight = grouped.totalWeight;
  if (!(totalWeight > 0)) throw new ModelFitError('no-customers', 'BG/NBD: no customers to fit');

  let sumX = 0;
  let sumT = 0;
  for (let g = 0; g < grouped.groups; g++) {
    sumX += grouped.weight[g] * grouped.x[g];
    sumT += grouped.weight[g] * grouped.T[g];
  }
  const initial = options.initial ?? {};
  const start = Float64Array.of(
    Math.log(initial.r ?? 1),
    Math.log(initial.alpha ?? (sumX > 0 ? sumT / sumX : sumT / totalWeight)),
    Math.log(initial.a ?? 1),
    Math.log(initial.b ?? 1),
  );
  const natural = new Float64Array(4);
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    for (let k = 0; k < 4; k++) natural[k] = Math.exp(theta[k]);
    const value = negativeMeanLogLikelihood(natural[0], natural[1], natural[2], natural[3], grouped, gradient);
    let penalty = 0;
    for (let k = 0; k < 4; k++) {
      penalty += natural[k] * natural[k];
      // Chain rule to log space: ∂f/∂θ = p ∂f/∂p.
      gradient[k] = natural[k] * (gradient[k] + 2 * penalizer * natural[k]);
    }
    return value + penalizer * penalty;
  };
  const result = minimizeBfgs(objective, start, { maxIterations: options.maxIterations ?? 500, gradientTolerance: options.tolerance ?? 1e-9 });
  const [r, alpha, a, b] = Array.from(result.x, Math.exp);
  const meanLL = -negativeMeanLogLikelihood(r, alpha, a, b, grouped, null);
  assertFiniteFit('BG/NBD', { r, alpha, a, b }, meanLL);
  const fit: BgNbdFit = {
    r,
    alpha,
    a,
    b,
    logLikelihood: meanLL * totalWeight,
    converged: result.converged,
    iterations: result.iterations,
    customers: totalWeight,
    groups: grouped.groups,
    customersWithoutHistory: grouped.customersWithoutHistory,
  };
  if (input.unit !== undefined) fit.unit = input.unit;
  return fit;
}

/**
 * log of the odds "dead : alive" for one customer, d = log a − log(b+x−1) + (r+x) log((α+T)/(α+t_x)),
 * so that P(alive) = 1/(1 + e^d) (FHL eq. (13)); −Infinity when x = 0 (always alive).
 */
function logOddsDead(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return -Infinity;
  return Math.log(params.a) - Math.log(params.b + x - 1) + (params.r + x) * (Math.log(params.alpha + T) - Math.log(params.alpha + tx));
}

function aliveFromLogOdds(d: number): number {
  return d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive at T (FHL eq. (13); Fader &
 * Hardie, "Computing P(alive) Using the BG/NBD Model"):
 *   P(alive) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 * Customers with no repeat purchase have P(alive) = 1 under the BG/NBD.
 * @example bgNbdPAlive({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86) // ≈ 0.7266
 */
export function bgNbdPAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  return aliveFromLogOdds(logOddsDead(params, x, tx, T));
}

/**
 * {@link bgNbdPAlive} for every customer of a summary.
 * @example const alive = bgNbdPAliveAll(fit, summary); // Float64Array, one per customer
 */
export function bgNbdPAliveAll(params: BgNbdParams, summary: RecencyFrequencyInput): Float64Array {
  const n = validateRecencyFrequency(summary);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = aliveFromLogOdds(logOddsDead(params, summary.frequency[i], summary.recency[i], summary.T[i]));
  return out;
}

/**
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)], z = t/(α+T+t):
 * the common factor of FHL eqs. (7) (x = T = 0) and (10). Euler's transformation (Abramowitz &
 * Stegun 15.3.3) turns (1−z)^(r+x) ₂F₁(r+x, b+x; c; z) into (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; c; z),
 * whose terms shrink fast for any x (the original series grows like (1−z)^−x first and overflows for
 * large x); and 1 − (1−z)^(a−1)(1 + S) = −expm1((a−1) log1p(−z)) − (1−z)^(a−1) S keeps full
 * precision at small t. a = 1 exactly is a removable singularity; it is nudged by 1e-9.
 */
function expectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  if (t === 0) return 0;
  const { r, alpha, b } = params;
  const a = Math.abs(params.a - 1) < 1e-9 ? 1 + 1e-9 : params.a;
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  const logScale = (a - 1) * Math.log1p(-z);
  const tail = hyp2f1Minus1(a + b - 1 - r, a - 1, c, z);
  const bracket = -Math.expm1(logScale) - Math.exp(logScale) * tail;
  const value = (c / (a - 1)) * bracket;
  if (Number.isFinite(value)) return value;
  // The series gives up far out in the parameter space (a → 0 with b in the thousands: a fit that sees
  // almost no dropout). There the dropout probability per purchase p = a/(a+b) is negligible and the
  // expectation is the gamma-Poisson one's limit, E[Y(t) | alive] = (r+x)·t/(α+T), with the first
  // order correction for the chance of dropping out at each of those purchases.
  const p = params.a / (params.a + b + x);
  const nbd = ((r + x) * t) / (alpha + T);
  return p < 1e-3 ? nbd * (1 - (p * nbd) / 2) : value;
}

/**
 * Expected number of repeat purchases in (0, t] for a new customer, E[X(t)] (FHL eq. (7)):
 *   E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 * t is in the model's time unit.
 * @example bgNbdExpectedPurchases({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, 39) // ≈ 1.195
 */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  if (!(t >= 0)) throw new Error(`BG/NBD: t must be ≥ 0 (got ${t})`);
  return expectedPurchasesIfAlive(params, t, 0, 0);
}

/**
 * Expected repeat purchases in (T, T+t] for a customer with history (x, t_x, T), FHL eq. (10):
 *   E[Y(t) | x, t_x, T] = [(a+b+x−1)/(a−1)] · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *                         / [1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)].
 * @example bgNbdConditionalExpectedPurchases(fit, 39, 2, 30.43, 38.86) // ≈ 1.226 (FHL, CDNOW weeks)
 */
export function bgNbdConditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (!(t >= 0)) throw new Error(`BG/NBD: t must be ≥ 0 (got ${t})`);
  return expectedPurchasesIfAlive(params, t, x, T) * bgNbdPAlive(params, x, tx, T);
}

/**
 * {@link bgNbdConditionalExpectedPurchases} for every customer of a summary; the ₂F₁ series runs
 * once per distinct (x, t_x, T).
 * @example const next39 = bgNbdConditionalExpectedPurchasesAll(fit, 39, summary);
 */
export function bgNbdConditionalExpectedPurchasesAll(params: BgNbdParams, t: number, summary: RecencyFrequencyInput): Float64Array {
  if (!(t >= 0)) throw new Error(`BG/NBD: t must be ≥ 0 (got ${t})`);
  const n = validateRecencyFrequency(summary);
  const grouped = groupTriples(summary.frequency, summary.recency, summary.T);
  const perGroup = new Float64Array(grouped.groups);
  for (let g = 0; g < grouped.groups; g++) {
    perGroup[g] = expectedPurchasesIfAlive(params, t, grouped.u[g], grouped.w[g]) * bgNbdPAlive(params, grouped.u[g], grouped.v[g], grouped.w[g]);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = perGroup[grouped.groupOfRow[i]];
  return out;
}

/**
 * Probability that a new customer makes exactly n repeat purchases in (0, t], FHL eq. (8):
 *   P(X(t)=n) = B(a, b+n)/B(a, b) · Γ(r+n)/(Γ(r) n!) (α/(α+t))^r (t/(α+t))^n
 *             + δ(n>0) B(a+1, b+n−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j].
 * The bracket is the upper tail of a negative binomial; it is summed directly when it is small, so
 * large n keeps relative precision.
 * @example bgNbdProbabilityOfPurchases(fit, 39, 0) // share of new customers with no repeat purchase in 39 weeks
 */
export function bgNbdProbabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  if (!(t >= 0)) throw new Error(`BG/NBD: t must be ≥ 0 (got ${t})`);
  if (!(n >= 0) || n !== Math.floor(n)) throw new Error(`BG/NBD: n must be an integer ≥ 0 (got ${n})`);
  const { r, alpha, a, b } = params;
  if (t === 0) return n === 0 ? 1 : 0;
  const logP0 = r * (Math.log(alpha) - Math.log(alpha + t)); // log (α/(α+t))^r
  const logQ = Math.log(t) - Math.log(alpha + t); // log (t/(α+t))
  const logB0 = logBeta(a, b);
  const logNegBin = (j: number): number => logGamma(r + j) - logGamma(r) - logGamma(j + 1) + logP0 + j * logQ;
  let probability = Math.exp(logBeta(a, b + n) - logB0 + logNegBin(n));
  if (n > 0) {
    let head = 0;
    for (let j = 0; j < n; j++) head += Math.exp(logNegBin(j));
    let upperTail: number;
    if (head <= 0.5) {
      upperTail = 1 - head;
    } else {
      // Σ_{j≥n} of the negative binomial, term ratio (r+j)/(j+1)·q, summed until negligible past the mode.
      const q = Math.exp(logQ);
      let term = Math.exp(logNegBin(n));
      upperTail = 0;
      for (let j = n; j < n + 10_000_000; j++) {
        upperTail += term;
        const ratio = ((r + j) / (j + 1)) * q;
        term *= ratio;
        if (ratio < 1 && term <= 1e-17 * upperTail) break;
      }
    }
    probability += Math.exp(logBeta(a + 1, b + n - 1) - logB0) * upperTail;
  }
  return probability;
}
