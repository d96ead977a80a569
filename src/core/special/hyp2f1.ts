/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z < 1.
 *
 * Method (Abramowitz & Stegun ch. 15; DLMF §15.8):
 * - z < 0: Pfaff's transformation ₂F₁(a,b;c;z) = (1−z)^(−a) ₂F₁(a, c−b; c; z/(z−1)) (A&S 15.3.4)
 *   maps z to [0, 1), where the series has no alternating-sign cancellation when its parameters
 *   are positive.
 * - 0 ≤ z ≤ 0.9, or c−a−b within 0.05 of an integer: the Gauss series (A&S 15.1.1), summed until
 *   a term is below 1e-17 of the sum after the terms started shrinking, with a hard cap on the
 *   number of terms (convergence guard: non-convergence returns NaN, never a wrong number).
 * - z > 0.9 otherwise: the connection formula to 1−z (A&S 15.3.6), whose two series converge fast.
 * Only what the BG/NBD model needs is attempted: c must not be 0 or a negative integer.
 */
import { logAbsGammaWithSign } from './gamma.js';

const MAX_TERMS = 5_000_000;
const RELATIVE_EPSILON = 1e-17;

/**
 * Σ_{n≥1} (a)_n (b)_n / ((c)_n n!) zⁿ: the Gauss series without its leading 1, so callers that
 * need ₂F₁ − 1 (e.g. the BG/NBD expectation at small t) do not lose digits to cancellation.
 * Valid for |z| < 1 (and z = 1 when c − a − b > 0, slowly). Returns NaN if it does not converge.
 * @example hyp2f1SeriesTail(1, 1, 2, 0.5) // −ln(0.5)/0.5 − 1 ≈ 0.3862943611198906
 */
export function hyp2f1SeriesTail(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 0;
  let term = 1;
  let sum = 0;
  // Neumaier-compensated summation: near z = 1 the series needs ~10⁵ terms, whose rounding errors
  // would otherwise add up to ~1e-12 relative.
  let compensation = 0;
  let previousMagnitude = Infinity;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    const next = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
    const magnitude = Math.abs(term);
    if (term === 0) return sum + compensation;
    // Stop only once terms are shrinking (after the hump that large a, b create) and negligible.
    if (magnitude <= previousMagnitude && magnitude <= RELATIVE_EPSILON * Math.abs(sum)) return sum + compensation;
    if (!Number.isFinite(sum)) return Number.NaN;
    previousMagnitude = magnitude;
  }
  return Number.NaN;
}

/**
 * ₂F₁(a, b; c; z) for real a, b, c (c not 0, −1, −2, …) and real z < 1.
 * @example hyp2f1(1, 1, 2, -1) // ln 2 ≈ 0.6931471805599453
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1)) return Number.NaN;
  if (c <= 0 && c === Math.floor(c)) return Number.NaN;
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z < 0) {
    // A&S 15.3.4 (Pfaff). Pick the form whose second parameter keeps the new series positive if possible.
    const w = z / (z - 1);
    if (c - b >= 0 || c - a < 0) return Math.pow(1 - z, -a) * hyp2f1NonNegative(a, c - b, c, w);
    return Math.pow(1 - z, -b) * hyp2f1NonNegative(b, c - a, c, w);
  }
  return hyp2f1NonNegative(a, b, c, z);
}

function hyp2f1NonNegative(a: number, b: number, c: number, z: number): number {
  const s = c - a - b;
  const nearInteger = Math.abs(s - Math.floor(s + 0.5)) < 0.05;
  if (z <= 0.9 || nearInteger) return 1 + hyp2f1SeriesTail(a, b, c, z);
  // A&S 15.3.6: ₂F₁(a,b;c;z) = Γ(c)Γ(s)/(Γ(c−a)Γ(c−b)) ₂F₁(a,b;1−s;1−z)
  //                         + (1−z)^s Γ(c)Γ(−s)/(Γ(a)Γ(b)) ₂F₁(c−a,c−b;1+s;1−z),  s = c−a−b.
  const oneMinusZ = 1 - z;
  const first = gammaRatio([c, s], [c - a, c - b]) * (1 + hyp2f1SeriesTail(a, b, 1 - s, oneMinusZ));
  const second =
    Math.pow(oneMinusZ, s) * gammaRatio([c, -s], [a, b]) * (1 + hyp2f1SeriesTail(c - a, c - b, 1 + s, oneMinusZ));
  return first + second;
}

/** Π Γ(top) / Π Γ(bottom), evaluated in log space with signs; a pole in the bottom gives 0. */
function gammaRatio(top: readonly number[], bottom: readonly number[]): number {
  let logValue = 0;
  let sign = 1;
  for (const x of top) {
    const g = logAbsGammaWithSign(x);
    logValue += g.logAbs;
    sign *= g.sign;
  }
  for (const x of bottom) {
    const g = logAbsGammaWithSign(x);
    if (g.sign === 0) return 0; // 1/Γ at a pole is 0
    logValue -= g.logAbs;
    sign *= g.sign;
  }
  return sign * Math.exp(logValue);
}

/**
 * ₂F₁(a, b; c; z) − 1 without the cancellation of subtracting 1 from a value close to 1 (small z,
 * or a or b close to 0), for real z < 1. Same methods as {@link hyp2f1}.
 * @example hyp2f1Minus1(1, 1, 2, 1e-10) // ≈ 5e-11
 */
export function hyp2f1Minus1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1)) return Number.NaN;
  if (c <= 0 && c === Math.floor(c)) return Number.NaN;
  if (z === 0 || a === 0 || b === 0) return 0;
  if (z < 0) {
    // (1−z)^(−a) (1 + tail) − 1 = expm1(−a log1p(−z)) + (1−z)^(−a) tail, with Pfaff (A&S 15.3.4).
    const w = z / (z - 1);
    const [first, second] = c - b >= 0 || c - a < 0 ? [a, c - b] : [b, c - a];
    const logScale = -first * Math.log1p(-z);
    return Math.expm1(logScale) + Math.exp(logScale) * hyp2f1Minus1(first, second, c, w);
  }
  const s = c - a - b;
  if (z <= 0.9 || Math.abs(s - Math.floor(s + 0.5)) < 0.05) return hyp2f1SeriesTail(a, b, c, z);
  return hyp2f1(a, b, c, z) - 1;
}
