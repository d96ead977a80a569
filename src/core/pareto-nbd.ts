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
 * and at α = β the ₂F₁ is exactly 1, so α ≈ β is the easy case, not a special one. That series is
 * used (with its term-wise parameter derivatives) while its argument is ≤ 0.9; beyond, and where
 * J(t_x) − J(T) would cancel, the integral is summed by an exact-weight Gauss–Legendre quadrature
 * (logIntegralByQuadrature), so degenerate fits (β ≫ α: no dropout) stay fast and exact. Everything
 * is summed in logs (log-sum-exp), as in the `lifetimes` ParetoNBDFitter.
 */
import { digamma, logGamma } from './special/gamma.js';
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
  /** Gradient tolerance on the mean log-likelihood in log-parameter space. Default 1e-9. */
  tolerance?: number;
}

// 8-point Gauss–Legendre on [−1, 1] (Abramowitz & Stegun table 25.4): nodes and weights.
const GL_NODES = [-0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363];
const GL_WEIGHTS = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

/**
 * log I and ∂log I/∂(r, α, s, β) for I = ∫_{t_x}^{T} f(τ) dτ, f = (α+τ)^−(r+x) (β+τ)^−(s+1) (t_x < T),
 * by quadrature.
 *
 * Why not the ₂F₁ of FH-note eq. (22) here: its series (after Euler's transformation,
 * ₂F₁(1, ·; r+s+x+1; z)) converges slowly as z → 1, which is exactly the degenerate fits that real
 * data produce (β ≫ α: no dropout; α ≫ β), and it has no cheap derivative in the parameters.
 * Method: in ℓ = log(α+τ), f dτ falls off like e^{−κℓ} with the local exponent
 * κ = r+x−1 + (s+1)ω, ω = (α+τ)/(β+τ). Panel by panel (from t_x up), that exponential is taken out
 * exactly with q = e^{−κ(ℓ−ℓₐ)}:
 *   ∫_panel f dτ = (α+τₐ)^−κ / κ · ∫ ψ dq,   ψ = (α+τ)^(κ+1−r−x) (β+τ)^−(s+1),
 * and ψ, which changes by at most a factor ~e over a panel (panel width ≤ 1/κ, ≤ 1/((s+1) ω|1−ω|),
 * since dω/dℓ = ω(1−ω)), is summed by 8-point Gauss–Legendre. Panels stop once the rest is below
 * 1e-18 of the sum and falling. The same nodes give ∫ f ∂log f/∂θ dτ, hence the gradient.
 * test/core/pareto-nbd.test.ts checks the result against the ₂F₁ closed form and Simpson's rule.
 */
function logIntegralByQuadrature(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number, gradient: Float64Array | null): number {
  const rx = r + x;
  const s1 = s + 1;
  const ellEnd = Math.log(alpha + T);
  let ellA = Math.log(alpha + tx);
  let reference = Number.NaN;
  let sum = 0;
  let gR = 0;
  let gAlpha = 0;
  let gS = 0;
  let gBeta = 0;
  for (let panel = 0; panel < 20_000 && ellA < ellEnd; panel++) {
    const alphaTauA = Math.exp(ellA);
    const omega = alphaTauA / (beta - alpha + alphaTauA);
    const target = rx - 1 + s1 * omega;
    const kappa = Math.max(target, 0.5);
    let width = Math.min(Math.LN2, 1 / kappa, 1 / (s1 * omega * Math.abs(1 - omega) + 1e-300), ellEnd - ellA);
    if (kappa > target) width = Math.min(width, 1 / (kappa - target));
    const qWidth = -Math.expm1(-kappa * width);
    const prefactor = -kappa * ellA - Math.log(kappa) + Math.log(qWidth * 0.5);
    let panelSum = 0;
    for (let j = 0; j < 8; j++) {
      const fraction = (1 - GL_NODES[j]) * 0.5;
      const ell = ellA - Math.log1p(-fraction * qWidth) / kappa;
      const alphaTau = Math.exp(ell);
      const betaTau = beta - alpha + alphaTau;
      const logBetaTau = Math.log(betaTau);
      const logTerm = prefactor + Math.log(GL_WEIGHTS[j]) + (kappa + 1 - rx) * ell - s1 * logBetaTau;
      if (Number.isNaN(reference)) reference = logTerm;
      const term = Math.exp(logTerm - reference);
      panelSum += term;
      if (gradient !== null) {
        gR -= term * ell;
        gAlpha -= (term * rx) / alphaTau;
        gS -= term * logBetaTau;
        gBeta -= (term * s1) / betaTau;
      }
    }
    sum += panelSum;
    ellA += width;
    const alphaTauB = Math.exp(ellA);
    const slopeAfter = -(rx - 1) - (s1 * alphaTauB) / (beta - alpha + alphaTauB);
    if (panelSum < 1e-18 * sum && slopeAfter < -1) break;
  }
  if (!(sum > 0)) {
    // t_x and T equal to rounding (e.g. 27.714285714285710 vs …715): no room to drop out in between.
    gradient?.fill(0);
    return -Infinity;
  }
  if (gradient !== null) {
    gradient[0] = gR / sum;
    gradient[1] = gAlpha / sum;
    gradient[2] = gS / sum;
    gradient[3] = gBeta / sum;
  }
  return reference + Math.log(sum);
}

/** z above which the ₂F₁ series is left for the quadrature (the series needs ~40/(1−z) terms). */
const SERIES_MAX_Z = 0.9;

/**
 * log J(u), J(u) = ∫_u^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, by the Euler-transformed ₂F₁ of the file
 * comment, G = ₂F₁(1, b; c; z) = Σ tₙ, t₀ = 1, tₙ₊₁ = tₙ (b+n)/(c+n) z, and when asked
 * ∂log J/∂(r, α, s, β) from the term-wise derivatives ∂tₙ/∂b = tₙ Σ_{k<n} 1/(b+k),
 * ∂tₙ/∂c = −tₙ Σ_{k<n} 1/(c+k), ∂tₙ/∂z = n tₙ/z. Used for z ≤ SERIES_MAX_Z, where it is fast.
 */
function logTailBySeries(r: number, alpha: number, s: number, beta: number, x: number, u: number, gradient: Float64Array | null): number {
  const rsx = r + s + x;
  const alphaU = alpha + u;
  const betaU = beta + u;
  const logAlphaU = Math.log(alphaU);
  const logBetaU = Math.log(betaU);
  const alphaLarger = alpha >= beta;
  const b = alphaLarger ? r + x : s + 1;
  const c = rsx + 1;
  const z = alphaLarger ? (alpha - beta) / alphaU : (beta - alpha) / betaU;
  let term = 1;
  let sum = 1;
  let hb = 0;
  let hc = 0;
  let sumB = 0;
  let sumC = 0;
  let sumZ = 0;
  for (let n = 0; n < 100_000; n++) {
    const ratio = (b + n) / (c + n);
    if (gradient !== null) sumZ += (n + 1) * term * ratio;
    term *= ratio * z;
    hb += 1 / (b + n);
    hc += 1 / (c + n);
    sum += term;
    if (gradient !== null) {
      sumB += term * hb;
      sumC -= term * hc;
    }
    if (term <= 1e-17 * sum) break;
  }
  const logG = Math.log(sum);
  if (gradient !== null) {
    const dB = sumB / sum;
    const dC = sumC / sum;
    const dZ = sumZ / sum;
    if (alphaLarger) {
      gradient[0] = -logAlphaU + dB + dC - 1 / rsx;
      gradient[1] = -(r + x) / alphaU + (dZ * betaU) / (alphaU * alphaU);
      gradient[2] = -logBetaU + dC - 1 / rsx;
      gradient[3] = -s / betaU - dZ / alphaU;
    } else {
      gradient[0] = -logAlphaU + dC - 1 / rsx;
      gradient[1] = -(r + x - 1) / alphaU - dZ / betaU;
      gradient[2] = -logBetaU + dB + dC - 1 / rsx;
      gradient[3] = -(s + 1) / betaU + (dZ * alphaU) / (betaU * betaU);
    }
  }
  return alphaLarger
    ? -(r + x) * logAlphaU - s * logBetaU + logG - Math.log(rsx)
    : -(r + x - 1) * logAlphaU - (s + 1) * logBetaU + logG - Math.log(rsx);
}

const tailGradientTx = new Float64Array(4);
const tailGradientT = new Float64Array(4);

/**
 * log I and its gradient, I = ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ = J(t_x) − J(T) (t_x < T): by
 * the ₂F₁ series when its argument is ≤ SERIES_MAX_Z (the usual case, e.g. CDNOW's α ≈ β), else by
 * quadrature (β ≫ α or α ≫ β: the degenerate fits). Both are exact to ~1e-12 relative.
 */
function logIntegral(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number, gradient: Float64Array | null): number {
  const z = alpha >= beta ? (alpha - beta) / (alpha + tx) : (beta - alpha) / (beta + tx);
  if (z > SERIES_MAX_Z) return logIntegralByQuadrature(r, alpha, s, beta, x, tx, T, gradient);
  const atTx = logTailBySeries(r, alpha, s, beta, x, tx, gradient === null ? null : tailGradientTx);
  const atT = logTailBySeries(r, alpha, s, beta, x, T, gradient === null ? null : tailGradientT);
  const ratio = Math.exp(atT - atTx);
  // J(t_x) − J(T) cancels when T − t_x is tiny; the quadrature has no such cancellation (one short panel).
  if (ratio > 1 - 1e-6) return logIntegralByQuadrature(r, alpha, s, beta, x, tx, T, gradient);
  if (gradient !== null) {
    // ∂log(J₁ − J₂) = (∂log J₁ − ρ ∂log J₂)/(1 − ρ), ρ = J₂/J₁ < 1.
    for (let k = 0; k < 4; k++) gradient[k] = (tailGradientTx[k] - ratio * tailGradientT[k]) / (1 - ratio);
  }
  return logDiffExp(atTx, atT);
}

/**
 * The two parts of log L without the constant log Γ(r+x) − log Γ(r) + r log α + s log β:
 * alive = log[(α+T)^−(r+x) (β+T)^−s] and dead = log[s ∫_{t_x}^{T} …] (−∞ when t_x = T).
 */
function logParts(p: ParetoNbdParams, x: number, tx: number, T: number): { alive: number; dead: number } {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const dead = tx < T ? Math.log(s) + logIntegral(r, alpha, s, beta, x, tx, T, null) : -Infinity;
  return { alive, dead };
}

/** Mean negative log-likelihood over grouped rows and, when asked, its gradient in (r, α, s, β). */
function negativeMeanLogLikelihood(r: number, alpha: number, s: number, beta: number, rows: ModelRows, gradient: Float64Array | null = null): number {
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  const logS = Math.log(s);
  const constant = -logGamma(r) + r * logAlpha + s * logBeta;
  const psiR = digamma(r);
  const dI = new Float64Array(4);
  let total = 0;
  let lastX = -1;
  let lgRX = 0;
  let psiRX = 0;
  let gR = 0;
  let gAlpha = 0;
  let gS = 0;
  let gBeta = 0;
  for (let i = 0; i < rows.groups; i++) {
    const w = rows.weight[i];
    if (w === 0) continue;
    const x = rows.u[i];
    const tx = rows.v[i];
    const T = rows.w[i];
    if (x !== lastX) {
      lastX = x;
      lgRX = logGamma(r + x);
      if (gradient !== null) psiRX = digamma(r + x);
    }
    const logAlphaT = Math.log(alpha + T);
    const logBetaT = Math.log(beta + T);
    const alive = -(r + x) * logAlphaT - s * logBetaT;
    const dead = tx < T ? logS + logIntegral(r, alpha, s, beta, x, tx, T, gradient === null ? null : dI) : -Infinity;
    const both = logAddExp(alive, dead);
    total += w * (lgRX + constant + both);
    if (gradient !== null) {
      const pAlive = Math.exp(alive - both);
      const pDead = dead === -Infinity ? 0 : Math.exp(dead - both);
      gR += w * (psiRX - psiR + logAlpha - pAlive * logAlphaT + pDead * dI[0]);
      gAlpha += w * (r / alpha - (pAlive * (r + x)) / (alpha + T) + pDead * dI[1]);
      gS += w * (logBeta - pAlive * logBetaT + pDead * (dI[2] + 1 / s));
      gBeta += w * (s / beta - (pAlive * s) / (beta + T) + pDead * dI[3]);
    }
  }
  const n = rows.totalWeight;
  if (gradient !== null) {
    gradient[0] = -gR / n;
    gradient[1] = -gAlpha / n;
    gradient[2] = -gS / n;
    gradient[3] = -gBeta / n;
  }
  return -total / n;
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
 * in log-parameter space with the analytic gradient (see logIntegral). Rows with T = 0 are counted in `customersWithoutHistory` and not fitted.
 * @example const fit = fitParetoNbd(summary); // CDNOW weeks: r≈0.553 α≈10.58 s≈0.606 β≈11.66
 */
export function fitParetoNbd(input: RecencyFrequencyInput, options: ParetoNbdFitOptions = {}): ParetoNbdFit {
  const rows = modelRows(input, options.weights, 'Pareto/NBD');
  if (!(rows.totalWeight > 0)) throw new ModelFitError('no-customers', 'Pareto/NBD: no customers to fit');
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
  let result;
  try {
    result = minimizeBfgs(objective, start, { maxIterations: options.maxIterations ?? 500, gradientTolerance: options.tolerance ?? 1e-9 });
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
