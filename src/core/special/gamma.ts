/**
 * Log-gamma, digamma and log-beta for positive real arguments, plus a signed gamma for the
 * hypergeometric connection formula.
 *
 * Why hand-written rather than `@stdlib/math-base-special-*`: those packages are CommonJS only
 * (they do not load in the browser test runner or a plain ES-module page without a bundler
 * plugin) and bring ~180 transitive packages for three functions. The methods below are the
 * textbook ones and `test/core/special.test.ts` checks them against 30-digit mpmath values:
 * - log Γ(x), x ≥ 10: Stirling's series (Abramowitz & Stegun 6.1.41) to the x^-13 term, whose
 *   truncation error is below 1e-16 there; x < 10: the recurrence Γ(x+1) = xΓ(x) (A&S 6.1.15)
 *   shifts the argument up, so the absolute error is a few ulp of log Γ(x + n).
 * - ψ(x): the same shift (A&S 6.3.5) and the asymptotic series A&S 6.3.18.
 */

const HALF_LOG_TWO_PI = 0.9189385332046728; // ½ ln(2π)

/** Stirling series for log Γ(x), valid to double precision for x ≥ 10 (A&S 6.1.41). */
function logGammaStirling(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  // Coefficients B_{2k} / (2k(2k−1)): 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156.
  const series =
    inv *
    (1 / 12 +
      inv2 * (-1 / 360 + inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 / 156))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
}

/**
 * Natural logarithm of the gamma function for x > 0 (NaN for x ≤ 0 or NaN).
 * @example logGamma(5) // ≈ Math.log(24)
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x >= 10) return logGammaStirling(x);
  // log Γ(x) = log Γ(x + n) − log(x (x+1) … (x+n−1)); the product stays far from overflow (n ≤ 10).
  let product = 1;
  let shifted = x;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1;
  }
  return logGammaStirling(shifted) - Math.log(product);
}

/**
 * Digamma ψ(x) = d/dx log Γ(x) for x > 0 (NaN for x ≤ 0).
 * @example digamma(1) // ≈ −0.5772156649015329 (−Euler's γ)
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Infinity) return Infinity;
  let shift = 0;
  // ψ(x) = ψ(x + 1) − 1/x (A&S 6.3.5).
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // A&S 6.3.18: ln x − 1/(2x) − Σ B_{2k}/(2k x^{2k}).
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - (691 * inv2) / 32760)))));
  return shift + Math.log(x) - 0.5 * inv - series;
}

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) for a, b > 0.
 * @example logBeta(2, 3) // ≈ Math.log(1 / 12)
 */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * log |Γ(x)| and the sign of Γ(x) for any real x that is not 0 or a negative integer, using the
 * reflection formula Γ(x)Γ(1−x) = π / sin(πx) (A&S 6.1.17) for x < 0.5. Returns sign 0 at the poles.
 * @example logAbsGammaWithSign(-0.5) // { logAbs: log(2√π), sign: -1 }
 */
export function logAbsGammaWithSign(x: number): { logAbs: number; sign: number } {
  if (x > 0) return { logAbs: logGamma(x), sign: 1 };
  if (x === Math.floor(x)) return { logAbs: Infinity, sign: 0 };
  // sin(πx) computed from the distance to the nearest integer keeps full relative precision.
  const nearest = Math.floor(x + 0.5);
  const sinPiX = Math.sin(Math.PI * (x - nearest)) * (nearest % 2 === 0 ? 1 : -1);
  return { logAbs: Math.log(Math.PI / Math.abs(sinPiX)) - logGamma(1 - x), sign: sinPiX > 0 ? 1 : -1 };
}
