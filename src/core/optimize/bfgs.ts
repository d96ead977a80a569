/**
 * Unconstrained minimisation by BFGS with an analytic gradient (Nocedal & Wright, "Numerical
 * Optimization", 2nd ed., 2006: Algorithm 6.1 for the inverse-Hessian update, eq. (6.17); the
 * initial scaling eq. (6.20); a backtracking line search with the Armijo condition, eq. (3.4)).
 * The BFGS update is skipped when the curvature condition yᵀs > 0 fails, which keeps the inverse
 * Hessian positive definite without a full Wolfe line search.
 *
 * Written here (rather than pulling an optimiser package) because the models have 3–4 parameters:
 * the whole method is ~100 lines, allocation-free per iteration apart from small typed arrays, and
 * the tests show it reaches the published optima to 1e-5 relative.
 */

/** Objective: writes ∂f/∂xᵢ into `gradient` and returns f(x). Return a non-finite value outside the domain. */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

/** Options for {@link minimizeBfgs}. */
export interface BfgsOptions {
  /** Stop when max |∂f/∂xᵢ| falls below this (default 1e-9). */
  gradientTolerance?: number;
  /** Stop after this many iterations (default 500). */
  maxIterations?: number;
  /** Largest change of any coordinate in one step (default 5; the models work in log space, so e^5). */
  maxStep?: number;
}

/** Result of {@link minimizeBfgs}. */
export interface BfgsResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  /** True when the gradient tolerance was met, or no further decrease was possible at machine precision. */
  converged: boolean;
}

/**
 * Minimise `objective` from `start`.
 * @example
 * const r = minimizeBfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, Float64Array.of(0));
 * // r.x[0] ≈ 3
 */
export function minimizeBfgs(objective: ObjectiveWithGradient, start: ArrayLike<number>, options: BfgsOptions = {}): BfgsResult {
  const gradientTolerance = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 5;
  const n = start.length;
  const x = Float64Array.from(start);
  const g = new Float64Array(n);
  let f = objective(x, g);
  if (!Number.isFinite(f) || !allFinite(g)) throw new Error('minimizeBfgs: objective is not finite at the starting point');

  const h = new Float64Array(n * n); // inverse Hessian approximation, row-major
  for (let i = 0; i < n; i++) h[i * n + i] = 1;
  const direction = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  let iterations = 0;
  let converged = maxAbs(g) < gradientTolerance;
  let firstUpdate = true;

  while (!converged && iterations < maxIterations) {
    iterations++;
    // d = −H g; fall back to steepest descent if H stopped giving a descent direction.
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum -= h[i * n + j] * g[j];
      direction[i] = sum;
      slope += sum * g[i];
    }
    if (!(slope < 0)) {
      resetToIdentity(h, n);
      for (let i = 0; i < n; i++) direction[i] = -g[i];
      slope = -dot(g, g);
    }
    const longest = maxAbs(direction);
    let step = longest > maxStep ? maxStep / longest : 1;

    // Backtracking line search with the Armijo condition f(x + αd) ≤ f(x) + c₁ α ∇fᵀd.
    let fNew = Infinity;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * direction[i];
      fNew = objective(xNew, gNew);
      if (Number.isFinite(fNew) && allFinite(gNew) && fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      // Quadratic interpolation of the step, kept within [0.1, 0.5] of the previous one.
      const quadratic = Number.isFinite(fNew) ? (-slope * step * step) / (2 * (fNew - f - slope * step)) : 0.1 * step;
      step = Math.min(0.5 * step, Math.max(0.1 * step, quadratic));
    }
    if (!accepted) {
      // No decrease is possible along a descent direction: at the minimum to machine precision.
      converged = maxAbs(g) < Math.sqrt(gradientTolerance);
      break;
    }

    let ys = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
      ys += y[i] * s[i];
      yy += y[i] * y[i];
    }
    const previousF = f;
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (maxAbs(g) < gradientTolerance) {
      converged = true;
      break;
    }
    if (previousF - f <= 1e-16 * Math.abs(f) && maxAbs(s) < 1e-14) {
      converged = maxAbs(g) < Math.sqrt(gradientTolerance);
      break;
    }
    if (ys > 1e-300) {
      if (firstUpdate) {
        // N&W eq. (6.20): scale the initial inverse Hessian before the first update.
        resetToIdentity(h, n, ys / yy);
        firstUpdate = false;
      }
      bfgsUpdate(h, n, s, y, ys, hy);
    }
  }
  return { x, value: f, gradient: g, iterations, converged };
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs) (N&W eq. (6.17)), expanded for symmetric H. */
function bfgsUpdate(h: Float64Array, n: number, s: Float64Array, y: Float64Array, ys: number, hy: Float64Array): void {
  const rho = 1 / ys;
  let yhy = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += h[i * n + j] * y[j];
    hy[i] = sum;
    yhy += y[i] * sum;
  }
  const factor = (1 + rho * yhy) * rho;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] += factor * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
    }
  }
}

function resetToIdentity(h: Float64Array, n: number, scale = 1): void {
  h.fill(0);
  for (let i = 0; i < n; i++) h[i * n + i] = scale;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
