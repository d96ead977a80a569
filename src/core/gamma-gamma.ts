/**
 * Gamma-Gamma model of average transaction value (spend per repeat purchase).
 *
 * References: P. S. Fader and B. G. S. Hardie (2013), "The Gamma-Gamma Model of Monetary Value"
 * (note; below FH2013), building on J. Colombo and W. Jiang (1999), "A stochastic RFM model",
 * Journal of Interactive Marketing 13(3), 2–12. Each transaction value z ~ Gamma(p, ν) with the
 * customer's ν ~ Gamma(q, γ); the observed mean m_x of x transactions is Gamma(px, νx).
 * Spend is in the currency of the data; the model is independent of the time unit.
 */
import { digamma, logGamma } from './special/gamma.js';
import { minimizeBfgs } from './optimize/bfgs.js';
import { groupTriples } from './optimize/group-rows.js';
import { assertFiniteFit, ModelFitError } from './model-diagnostics.js';

/** Gamma-Gamma parameters (all > 0; q > 1 for a finite mean spend). γ is in currency units. */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Result of {@link fitGammaGamma}. */
export interface GammaGammaFit extends GammaGammaParams {
  /** Σ weightᵢ · log f(m_xᵢ | xᵢ) at the optimum over the customers used. */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  /** Customers used: those with frequency > 0 (and weight > 0); sum of their weights if weighted. */
  customers: number;
  /** Rows skipped because frequency was 0. */
  skipped: number;
}

/** Per-customer repeat count x ("frequency") and mean value of those repeat purchases m_x ("monetary"). */
export interface FrequencyMonetaryInput {
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

/** Options for {@link fitGammaGamma}. */
export interface GammaGammaFitOptions {
  weights?: ArrayLike<number>;
  /** L2 penalty penalizer · (p² + q² + γ²) added to the mean negative log-likelihood (as `lifetimes`). Default 0. */
  penalizer?: number;
  /** Starting parameters. Default p = 1, q = 2, γ = mean m_x (so the implied mean spend γp/(q−1) ≈ mean m_x). */
  initial?: Partial<GammaGammaParams>;
  maxIterations?: number;
  tolerance?: number;
}

/**
 * Mean negative log-likelihood and its gradient in (p, q, γ). Per customer, the marginal density
 * of the observed mean m_x after integrating ν over its Gamma(q, γ) prior (FH2013; Colombo &
 * Jiang 1999; the note was not at hand to check its equation numbers, so none is quoted
 * here):
 *   f(m_x | p, q, γ, x) = Γ(px+q)/(Γ(px)Γ(q)) · γ^q m_x^(px−1) x^(px) / (γ + m_x x)^(px+q).
 */
function negativeMeanLogLikelihood(
  p: number,
  q: number,
  gamma: number,
  x: Float64Array,
  m: Float64Array,
  weight: Float64Array,
  gradient: Float64Array | null,
): number {
  const lgQ = logGamma(q);
  const psiQ = digamma(q);
  const logGam = Math.log(gamma);
  let total = 0;
  let totalWeight = 0;
  let gP = 0;
  let gQ = 0;
  let gG = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weight[i];
    if (w === 0) continue;
    const xi = x[i];
    const px = p * xi;
    const logM = Math.log(m[i]);
    const logX = Math.log(xi);
    const logDen = Math.log(gamma + m[i] * xi);
    total += w * (logGamma(px + q) - logGamma(px) - lgQ + q * logGam + (px - 1) * logM + px * logX - (px + q) * logDen);
    totalWeight += w;
    if (gradient !== null) {
      const psiPXQ = digamma(px + q);
      gP += w * xi * (psiPXQ - digamma(px) + logM + logX - logDen);
      gQ += w * (psiPXQ - psiQ + logGam - logDen);
      gG += w * (q / gamma - (px + q) / (gamma + m[i] * xi));
    }
  }
  if (gradient !== null) {
    gradient[0] = -gP / totalWeight;
    gradient[1] = -gQ / totalWeight;
    gradient[2] = -gG / totalWeight;
  }
  return -total / totalWeight;
}

/**
 * Fit the Gamma-Gamma model (FH2013) by maximum likelihood on the customers with at least one
 * repeat purchase (frequency > 0); the others carry no information on spend and are skipped.
 * BFGS in log-parameter space on distinct (x, m_x) pairs.
 * @example
 * const gg = fitGammaGamma({ frequency: x, monetary: zbar }); // CDNOW: p≈6.25 q≈3.74 γ≈15.44
 */
export function fitGammaGamma(input: FrequencyMonetaryInput, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const { frequency, monetary } = input;
  const n = frequency.length;
  if (monetary.length !== n) throw new Error(`Gamma-Gamma: frequency and monetary lengths differ (${n}, ${monetary.length})`);
  const weights = options.weights;
  if (weights !== undefined && weights.length !== n) throw new Error(`Gamma-Gamma: weights has length ${weights.length}, expected ${n}`);
  const include = new Uint8Array(n);
  let skipped = 0;
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    if (!(x >= 0) || !Number.isFinite(x)) throw new Error(`Gamma-Gamma: row ${i} has an invalid frequency ${x}`);
    if (x === 0) {
      skipped++;
      continue;
    }
    if (!(monetary[i] > 0) || !Number.isFinite(monetary[i])) {
      throw new Error(`Gamma-Gamma: row ${i} has frequency ${x} but monetary value ${monetary[i]}; need a finite value > 0`);
    }
    if (weights !== undefined && (!(weights[i] >= 0) || !Number.isFinite(weights[i]))) throw new Error(`Gamma-Gamma: weight ${i} is not a finite number ≥ 0`);
    include[i] = 1;
  }
  const zeros = new Float64Array(n);
  const grouped = groupTriples(frequency, monetary, zeros, weights, include);
  let totalWeight = 0;
  let weightedSpend = 0;
  for (let g = 0; g < grouped.groups; g++) {
    totalWeight += grouped.weight[g];
    weightedSpend += grouped.weight[g] * grouped.v[g];
  }
  if (!(totalWeight > 0)) throw new ModelFitError('no-repeat-customers', 'Gamma-Gamma: no customer with frequency > 0 (and weight > 0) to fit');
  const penalizer = options.penalizer ?? 0;
  const initial = options.initial ?? {};
  const start = Float64Array.of(Math.log(initial.p ?? 1), Math.log(initial.q ?? 2), Math.log(initial.gamma ?? weightedSpend / totalWeight));
  const natural = new Float64Array(3);
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    for (let k = 0; k < 3; k++) natural[k] = Math.exp(theta[k]);
    const value = negativeMeanLogLikelihood(natural[0], natural[1], natural[2], grouped.u, grouped.v, grouped.weight, gradient);
    let penalty = 0;
    for (let k = 0; k < 3; k++) {
      penalty += natural[k] * natural[k];
      gradient[k] = natural[k] * (gradient[k] + 2 * penalizer * natural[k]); // ∂f/∂log θ = θ ∂f/∂θ
    }
    return value + penalizer * penalty;
  };
  const result = minimizeBfgs(objective, start, { maxIterations: options.maxIterations ?? 500, gradientTolerance: options.tolerance ?? 1e-9 });
  const [p, q, gamma] = Array.from(result.x, Math.exp);
  const meanLL = -negativeMeanLogLikelihood(p, q, gamma, grouped.u, grouped.v, grouped.weight, null);
  assertFiniteFit('Gamma-Gamma', { p, q, gamma }, meanLL);
  return { p, q, gamma, logLikelihood: meanLL * totalWeight, converged: result.converged, iterations: result.iterations, customers: totalWeight, skipped };
}

/**
 * Expected average transaction value of a customer given x repeat purchases with mean value m_x,
 * the mean of the posterior of ν plugged into E[Z] = p/ν (FH2013; Colombo & Jiang 1999):
 *   E[M | p, q, γ, m_x, x] = (γ + m_x x) p / (px + q − 1)
 *                          = (q−1)/(px+q−1) · γp/(q−1) + px/(px+q−1) · m_x,
 * a weighted mean of the population mean γp/(q−1) and the customer's own mean. For x = 0 it is
 * the population mean (m_x is ignored). Requires q > 1.
 * @example gammaGammaConditionalSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, 2, 22.35) // ≈ 24.66
 */
export function gammaGammaConditionalSpend(params: GammaGammaParams, x: number, mx: number): number {
  const { p, q, gamma } = params;
  if (!(q > 1)) throw new Error(`Gamma-Gamma: q must exceed 1 for a finite expected spend (q=${q})`);
  if (x === 0) return (gamma * p) / (q - 1);
  return ((gamma + mx * x) * p) / (p * x + q - 1);
}

/**
 * {@link gammaGammaConditionalSpend} for every customer.
 * @example const spend = gammaGammaConditionalSpendAll(gg, { frequency, monetary });
 */
export function gammaGammaConditionalSpendAll(params: GammaGammaParams, input: FrequencyMonetaryInput): Float64Array {
  const n = input.frequency.length;
  if (input.monetary.length !== n) throw new Error('Gamma-Gamma: frequency and monetary lengths differ');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = gammaGammaConditionalSpend(params, input.frequency[i], input.monetary[i]);
  return out;
}
