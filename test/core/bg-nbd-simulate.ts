/**
 * Test-only oracle: a seeded simulation of the BG/NBD purchase process (FHL 2005, section 3
 * assumptions (i)–(v)), written from the model's story rather than its formulas, so tests can
 * check the closed forms and the fitter against it.
 */

/** Mulberry32: a small seeded uniform generator on [0, 1). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function standardNormal(uniform: () => number): number {
  // Box–Muller; 1 − u avoids log(0).
  return Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Gamma(shape, scale 1) by Marsaglia & Tsang (2000), with the U^(1/shape) boost for shape < 1. */
export function gammaVariate(shape: number, uniform: () => number): number {
  if (shape < 1) return gammaVariate(shape + 1, uniform) * Math.pow(1 - uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(uniform);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Simulate customers observed for T[i] time units after their first purchase: λ ~ Gamma(r, rate α),
 * p ~ Beta(a, b); purchases arrive as a Poisson process of rate λ; after each repeat purchase the
 * customer drops out with probability p. Returns x (repeat purchases in (0, T]) and t_x.
 */
export function simulateBgNbd(
  params: { r: number; alpha: number; a: number; b: number },
  T: ArrayLike<number>,
  uniform: () => number,
  roundTimesTo = 0,
): { frequency: Float64Array; recency: Float64Array } {
  const n = T.length;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = gammaVariate(params.r, uniform) / params.alpha;
    const g1 = gammaVariate(params.a, uniform);
    const p = g1 / (g1 + gammaVariate(params.b, uniform));
    let time = 0;
    let x = 0;
    let last = 0;
    for (;;) {
      time += -Math.log(1 - uniform()) / lambda;
      if (time > T[i]) break;
      x++;
      last = time;
      if (uniform() < p) break;
    }
    frequency[i] = x;
    recency[i] = roundTimesTo > 0 ? Math.min(T[i], Math.floor(last / roundTimesTo + 0.5) * roundTimesTo) : last;
  }
  return { frequency, recency };
}
