/**
 * Proportions with honest uncertainty: the Wilson score interval, the pooled two-proportion z test
 * and Holm's step-down correction for comparing many segments at once.
 */

/** z of a two-sided 95 % interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * Complementary error function, Chebyshev fit of Press, Teukolsky, Vetterling & Flannery,
 * "Numerical Recipes in C" (2nd ed., 1992), §6.2 `erfcc`: fractional error below 1.2·10⁻⁷ everywhere,
 * ample for p-values compared with 0.05.
 * @example erfc(0) // 1
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const ans =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? ans : 2 - ans;
}

/** Two-sided tail probability of a standard normal beyond |z|: 2·(1 − Φ(|z|)) = erfc(|z|/√2). */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** A closed interval of proportions. */
export interface ProportionInterval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for `successes` of `n` (E. B. Wilson 1927, "Probable inference, the law of
 * succession, and statistical inference", JASA 22(158)):
 *   (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
 * Unlike the Wald interval p̂ ± z·√(p̂(1−p̂)/n) it stays inside [0, 1] and keeps close to its nominal
 * coverage for small n and for rates near 0 or 1 (Newcombe 1998, Stat Med 17, method 3), which is
 * where small segments live. NaN bounds when n = 0.
 * @example wilsonInterval(81, 263) // { low: 0.2553…, high: 0.3662… } (Newcombe 1998, Table II)
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): ProportionInterval {
  if (!(n > 0)) return { low: NaN, high: NaN };
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const scale = 1 + z2 / n;
  // At p̂ = 0 or 1 the bound is exactly 0 or 1; the formula lands there only up to rounding.
  return { low: successes <= 0 ? 0 : Math.max(0, (centre - half) / scale), high: successes >= n ? 1 : Math.min(1, (centre + half) / scale) };
}

/** Result of {@link twoProportionZTest}. */
export interface TwoProportionTest {
  /** (p₁ − p₂) / SE with the pooled standard error; NaN when it is undefined. */
  z: number;
  /** Two-sided p-value; NaN when a group is empty; 1 when both rates are 0 or both are 1. */
  p: number;
}

/**
 * Pooled two-proportion z test of H₀: p₁ = p₂ (e.g. Agresti 2013, "Categorical Data Analysis",
 * 3rd ed., §3.1.3 / Fleiss, Levin & Paik 2003, §2.5): p̄ = (x₁ + x₂)/(n₁ + n₂),
 * SE = √(p̄(1 − p̄)(1/n₁ + 1/n₂)), z = (x₁/n₁ − x₂/n₂)/SE, two-sided p = 2(1 − Φ(|z|)).
 * Equivalent to Pearson's χ² test of the 2×2 table without continuity correction.
 * @example twoProportionZTest(60, 100, 40, 100).p // ≈ 0.0047
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TwoProportionTest {
  if (!(n1 > 0) || !(n2 > 0)) return { z: NaN, p: NaN };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, p: twoSidedNormalP(z) };
}

/**
 * Holm's step-down adjusted p-values (S. Holm 1979, "A simple sequentially rejective multiple test
 * procedure", Scand. J. Statist. 6(2)): sort the m p-values ascending, adjusted₍ᵢ₎ =
 * max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎). Rejecting where adjusted ≤ α controls the family-wise
 * error rate at α under any dependence between the tests (segment-versus-rest tests share customers,
 * so they are dependent), like Bonferroni, but rejects at least as much. NaN entries are not tests:
 * they stay NaN and do not count in m.
 * @example holmAdjust([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holmAdjust(pValues: ArrayLike<number>): Float64Array {
  const out = new Float64Array(pValues.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < pValues.length; i++) if (!Number.isNaN(pValues[i])) idx.push(i);
  idx.sort((a, b) => pValues[a] - pValues[b] || a - b);
  const m = idx.length;
  let running = 0;
  for (let j = 0; j < m; j++) {
    running = Math.max(running, Math.min(1, (m - j) * pValues[idx[j]]));
    out[idx[j]] = running;
  }
  return out;
}
