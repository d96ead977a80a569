import { expect } from '@open-wc/testing';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdConditionalExpectedPurchasesAll,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  bgNbdPAliveAll,
  bgNbdProbabilityOfPurchases,
  fitBgNbd,
  type BgNbdParams,
} from '../../src/core/bg-nbd.js';
import { ModelFitError } from '../../src/core/model-diagnostics.js';
import { seededUniform, simulateBgNbd } from './bg-nbd-simulate.js';
import { csvColumns, expectRelative } from './fixtures.js';


// Fader, Hardie & Lee (2005), section 5 (CDNOW, 2,357 customers, 39 weeks of calibration).
const PUBLISHED = { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 };
const LIFETIMES = { r: 0.242593, alpha: 4.413532, a: 0.792919, b: 2.425892 };

describe('BG/NBD on CDNOW (FHL 2005)', () => {
  let summary: { frequency: Float64Array; recency: Float64Array; T: Float64Array };
  let fit: ReturnType<typeof fitBgNbd>;

  before(async () => {
    const csv = await csvColumns('/data/cdnow/cdnow_customers_summary.csv');
    summary = { frequency: csv.frequency, recency: csv.recency, T: csv.T };
    const start = performance.now();
    fit = fitBgNbd(summary);
    console.log(`BG/NBD fit on ${fit.customers} CDNOW customers (${fit.groups} distinct triples): ${(performance.now() - start).toFixed(1)} ms, ${fit.iterations} iterations`);
  });

  it('reaches the published maximum-likelihood estimates', () => {
    expect(fit.customers).to.equal(2357);
    expect(fit.converged).to.equal(true);
    // Published: r = 0.2426, α = 4.414, a = 0.793, b = 2.426, LL = −9582.43.
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expectRelative(fit[key], PUBLISHED[key], 1e-3, key);
      expectRelative(fit[key], LIFETIMES[key], 1e-3, `${key} (lifetimes)`);
    }
    expect(fit.logLikelihood).to.be.closeTo(-9582.43, 0.01);
  });

  it('the optimum has a zero gradient and no nearby point has a higher likelihood', () => {
    const { value, gradient } = bgNbdLogLikelihood(fit, summary);
    expect(value).to.equal(fit.logLikelihood);
    for (let k = 0; k < 4; k++) expect(Math.abs(gradient[k])).to.be.below(1e-3);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    for (const key of keys) {
      for (const factor of [0.999, 1.001]) {
        const moved = { ...fit, [key]: fit[key] * factor };
        expect(bgNbdLogLikelihood(moved, summary).value).to.be.below(fit.logLikelihood);
      }
    }
  });

  it('the analytic gradient matches central finite differences away from the optimum', () => {
    const params: BgNbdParams = { r: 0.5, alpha: 7, a: 1.3, b: 0.9 };
    const { gradient } = bgNbdLogLikelihood(params, summary);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    keys.forEach((key, k) => {
      const h = 1e-5 * params[key];
      const up = bgNbdLogLikelihood({ ...params, [key]: params[key] + h }, summary).value;
      const down = bgNbdLogLikelihood({ ...params, [key]: params[key] - h }, summary).value;
      expectRelative(gradient[k], (up - down) / (2 * h), 1e-6, `∂LL/∂${key}`);
    });
  });

  it('conditional expectation for customer 1 (x=2, t_x=30.43, T=38.86) is 1.226 over 39 weeks (FHL 2005)', () => {
    expect(bgNbdConditionalExpectedPurchases(fit, 39, 2, 30.43, 38.86)).to.be.closeTo(1.226, 5e-4);
  });

  it('P(alive) follows eq. (13) for customer 1 and is 1 without repeat purchases', () => {
    // Direct evaluation of 1 / (1 + a/(b+x−1) ((α+T)/(α+t_x))^(r+x)), in powers rather than logs.
    const { r, alpha, a, b } = fit;
    const direct = 1 / (1 + (a / (b + 2 - 1)) * Math.pow((alpha + 38.86) / (alpha + 30.43), r + 2));
    expect(bgNbdPAlive(fit, 2, 30.43, 38.86)).to.be.closeTo(direct, 1e-14);
    expect(direct).to.be.closeTo(0.7266, 1e-4);
    expect(bgNbdPAlive(fit, 0, 0, 38.86)).to.equal(1);
    // Longer silence since the last purchase lowers P(alive).
    expect(bgNbdPAlive(fit, 2, 10, 38.86)).to.be.below(bgNbdPAlive(fit, 2, 30, 38.86));
  });

  it('unconditional E[X(39)] agrees with numerical integration over p and with a seeded simulation', () => {
    const t = 39;
    const closedForm = bgNbdExpectedPurchases(fit, t);
    // Oracle 1: E[X(t)] = E_p[(1 − (α/(α+pt))^r)/p] (FHL 2005, eq. (7) before integrating p, with λ
    // integrated out), by Simpson's rule after p = u^(1/a), which removes the p^(a−1) singularity.
    const { r, alpha, a, b } = fit;
    const logB = lgammaSlow(a) + lgammaSlow(b) - lgammaSlow(a + b);
    const integrand = (u: number): number => {
      const p = Math.pow(u, 1 / a);
      const value = p < 1e-12 ? (r * t) / alpha : (1 - Math.pow(alpha / (alpha + p * t), r)) / p;
      return value * Math.pow(1 - p, b - 1);
    };
    const intervals = 200_000;
    let simpson = integrand(0) + integrand(1);
    for (let i = 1; i < intervals; i++) simpson += (i % 2 ? 4 : 2) * integrand(i / intervals);
    const integrated = (simpson / (3 * intervals)) / (a * Math.exp(logB));
    expectRelative(closedForm, integrated, 1e-7, 'E[X(39)] vs quadrature');

    // Oracle 2: Monte Carlo of the purchase process itself.
    const customers = 200_000;
    const sim = simulateBgNbd(fit, new Float64Array(customers).fill(t), seededUniform(2005));
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < customers; i++) {
      sum += sim.frequency[i];
      sumSq += sim.frequency[i] ** 2;
    }
    const mean = sum / customers;
    const standardError = Math.sqrt((sumSq / customers - mean * mean) / customers);
    expect(Math.abs(mean - closedForm), `simulated ${mean} ± ${standardError}`).to.be.below(4 * standardError);
    expect(closedForm).to.be.closeTo(1.195, 1e-3);
  });

  it('P(X(t)=n) sums to 1 and its mean equals E[X(t)] (eq. (8) vs eq. (7))', () => {
    for (const t of [1, 39, 78, 500]) {
      let total = 0;
      let mean = 0;
      for (let n = 0; n < 5000; n++) {
        const p = bgNbdProbabilityOfPurchases(fit, t, n);
        expect(p).to.be.at.least(0);
        total += p;
        mean += n * p;
      }
      expect(total).to.be.closeTo(1, 1e-9);
      expectRelative(mean, bgNbdExpectedPurchases(fit, t), 1e-8, `mean at t=${t}`);
    }
    expect(bgNbdProbabilityOfPurchases(fit, 0, 0)).to.equal(1);
  });

  it('vectorised forms equal the scalar functions row by row', () => {
    const alive = bgNbdPAliveAll(fit, summary);
    const expected = bgNbdConditionalExpectedPurchasesAll(fit, 39, summary);
    for (let i = 0; i < summary.frequency.length; i++) {
      const [x, tx, T] = [summary.frequency[i], summary.recency[i], summary.T[i]];
      expect(alive[i]).to.equal(bgNbdPAlive(fit, x, tx, T));
      expect(expected[i]).to.equal(bgNbdConditionalExpectedPurchases(fit, 39, x, tx, T));
    }
  });

  it('the same data in days gives the same r, a, b and α × 7', () => {
    const days = { frequency: summary.frequency, recency: summary.recency.map((v) => v * 7), T: summary.T.map((v) => v * 7) };
    const inDays = fitBgNbd(days);
    expectRelative(inDays.r, fit.r, 1e-6, 'r');
    expectRelative(inDays.alpha, fit.alpha * 7, 1e-6, 'alpha');
    expectRelative(inDays.a, fit.a, 1e-6, 'a');
    expectRelative(inDays.b, fit.b, 1e-6, 'b');
    expectRelative(bgNbdConditionalExpectedPurchases(inDays, 39 * 7, 2, 30.43 * 7, 38.86 * 7), bgNbdConditionalExpectedPurchases(fit, 39, 2, 30.43, 38.86), 1e-6, 'E[Y]');
  });

  it('a weighted fit equals the fit on the expanded rows', () => {
    const rows = 400;
    const uniform = seededUniform(7);
    const weights = new Float64Array(rows);
    const pick = new Int32Array(rows);
    const expanded: { frequency: number[]; recency: number[]; T: number[] } = { frequency: [], recency: [], T: [] };
    for (let i = 0; i < rows; i++) {
      pick[i] = Math.floor(uniform() * summary.frequency.length);
      weights[i] = 1 + Math.floor(uniform() * 4);
      for (let k = 0; k < weights[i]; k++) {
        expanded.frequency.push(summary.frequency[pick[i]]);
        expanded.recency.push(summary.recency[pick[i]]);
        expanded.T.push(summary.T[pick[i]]);
      }
    }
    const subset = {
      frequency: Array.from(pick, (j) => summary.frequency[j]),
      recency: Array.from(pick, (j) => summary.recency[j]),
      T: Array.from(pick, (j) => summary.T[j]),
    };
    const weighted = fitBgNbd(subset, { weights });
    const plain = fitBgNbd(expanded);
    expect(weighted.customers).to.equal(expanded.frequency.length);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expectRelative(weighted[key], plain[key], 1e-6, key);
    expectRelative(weighted.logLikelihood, plain.logLikelihood, 1e-10, 'LL');
  });

  it('the penalizer shrinks the parameters', () => {
    const penalized = fitBgNbd(summary, { penalizer: 0.1 });
    expect(penalized.alpha).to.be.below(fit.alpha);
    expect(penalized.logLikelihood).to.be.below(fit.logLikelihood);
  });
});

describe('BG/NBD numerics and validation', () => {
  const params: BgNbdParams = { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 };

  it('is finite for x = 500 and T = 5000 (log-likelihood, gradient, P(alive), expectations)', () => {
    for (const tx of [4990, 2500, 10]) {
      const { value, gradient } = bgNbdLogLikelihood(params, { frequency: [500], recency: [tx], T: [5000] });
      expect(Number.isFinite(value), `LL at t_x=${tx}`).to.equal(true);
      for (const g of gradient) expect(Number.isFinite(g)).to.equal(true);
      const alive = bgNbdPAlive(params, 500, tx, 5000);
      expect(alive).to.be.within(0, 1);
      const expected = bgNbdConditionalExpectedPurchases(params, 39, 500, tx, 5000);
      expect(Number.isFinite(expected)).to.equal(true);
    }
    // The naive product ((α+T)/(α+t_x))^(r+x) overflows here; the log form gives a tiny P(alive), not NaN.
    expect(Math.pow((4.414 + 5000) / (4.414 + 10), 502.4)).to.equal(Infinity);
    expect(bgNbdPAlive(params, 500, 10, 5000)).to.be.below(1e-300);
    // A customer who just bought and buys 10 times per 100 weeks is expected to keep that pace.
    const busy = bgNbdConditionalExpectedPurchases(params, 100, 500, 4999, 5000);
    expect(busy).to.be.within(9, 10.5);
    // And a fit on such data converges with finite values.
    const fit = fitBgNbd({ frequency: [500, 0, 3, 1], recency: [4990, 0, 20, 5], T: [5000, 5000, 40, 60] });
    for (const v of [fit.r, fit.alpha, fit.a, fit.b, fit.logLikelihood]) expect(Number.isFinite(v)).to.equal(true);
  });

  it('eq. (10) matches a 40-digit evaluation of the untransformed formula (mpmath), incl. z → 1 and large x', () => {
    // mpmath 1.3, mp.dps = 40, evaluating FHL eq. (10) as printed with mp.hyp2f1, at these params.
    const fitted: BgNbdParams = { r: 0.2425929, alpha: 4.4135316, a: 0.7928861, b: 2.4257534 };
    const cases: [t: number, x: number, tx: number, T: number, expected: number][] = [
      [39, 2, 30.43, 38.86, 1.225910474979406272],
      [1e-6, 2, 30.43, 38.86, 3.7655547814309669991e-8],
      [39, 0, 0, 38.86, 0.19478084196652689236],
      [3000, 0, 0, 38.86, 3.8828109234299474367], // z = 0.987: connection formula
      [1e5, 0, 0, 0.5, 28.736578130442373267], // z = 0.99996
      [52, 5, 20, 38, 1.5091361034808212261],
      [2000, 1, 1.71, 38.86, 2.5471893685332602174],
      [39, 50, 38, 38.86, 33.392619726494293784],
      [500, 200, 300, 310, 59.56747737798021634],
    ];
    for (const [t, x, tx, T, expected] of cases) {
      expectRelative(bgNbdConditionalExpectedPurchases(fitted, t, x, tx, T), expected, 1e-11, `E[Y(${t}) | ${x}, ${tx}, ${T}]`);
    }
  });

  it('small t keeps relative precision (no 1 − (1 − ε) cancellation)', () => {
    // E[X(t)] ≈ r t / α for t → 0 (the expected rate at time 0).
    expectRelative(bgNbdExpectedPurchases(params, 1e-9), (params.r * 1e-9) / params.alpha, 1e-6, 'E[X(1e-9)]');
    expect(bgNbdExpectedPurchases(params, 0)).to.equal(0);
  });

  it('a = 1 (a removable singularity of eq. (7)) gives the limit', () => {
    const near = bgNbdExpectedPurchases({ ...params, a: 1 + 1e-6 }, 39);
    const exact = bgNbdExpectedPurchases({ ...params, a: 1 }, 39);
    expect(Number.isFinite(exact)).to.equal(true);
    expectRelative(exact, near, 1e-5, 'a → 1');
  });

  it('rejects rows the model cannot describe', () => {
    expect(() => fitBgNbd({ frequency: [1], recency: [5], T: [4] })).to.throw(/row 0/);
    expect(() => fitBgNbd({ frequency: [-1], recency: [0], T: [4] })).to.throw(/row 0/);
    expect(() => fitBgNbd({ frequency: [1.5], recency: [1], T: [4] })).to.throw(/integer/);
    expect(() => fitBgNbd({ frequency: [1, 2], recency: [1], T: [4, 4] })).to.throw(/same length/);
    expect(() => fitBgNbd({ frequency: [1], recency: [1], T: [4] }, { weights: [-1] })).to.throw(/weight/);
    expect(() => fitBgNbd({ frequency: [], recency: [], T: [] })).to.throw(/no customers/);
    // T = 0 needs x = 0: a repeat purchase cannot happen before the first one's day ends.
    expect(() => fitBgNbd({ frequency: [1], recency: [0], T: [0] })).to.throw(/row 0/);
    try {
      fitBgNbd({ frequency: [1], recency: [5], T: [4] });
    } catch (error) {
      expect(error).to.be.instanceOf(ModelFitError);
      expect((error as ModelFitError).code).to.equal('invalid-input');
    }
  });

  it('accepts customerSummary rows with T = 0 (first order on the last day): likelihood 1, counted, not fitted', async () => {
    const csv = await csvColumns('/data/cdnow/cdnow_customers_summary.csv');
    const base = fitBgNbd({ frequency: csv.frequency, recency: csv.recency, T: csv.T });
    const withNew = { frequency: [...csv.frequency, 0, 0, 0], recency: [...csv.recency, 0, 0, 0], T: [...csv.T, 0, 0, 0] };
    const fit = fitBgNbd(withNew);
    expect(base.customersWithoutHistory).to.equal(0);
    expect(fit.customersWithoutHistory).to.equal(3);
    expect(fit.customers).to.equal(2357);
    expect(fit.logLikelihood).to.be.closeTo(base.logLikelihood, 1e-9);
    expectRelative(fit.a, base.a, 1e-9, 'a');
    expect(bgNbdLogLikelihood(base, withNew).value).to.be.closeTo(base.logLikelihood, 1e-9);
    expect(bgNbdPAlive(fit, 0, 0, 0)).to.equal(1);
    expect(() => fitBgNbd({ frequency: [0, 0], recency: [0, 0], T: [0, 0] })).to.throw(/no customers/);
  });

  it('a fit that ends at 0 or ∞ in a parameter is a coded error, never "converged"', () => {
    // Two customers, each buying again at the very end: the likelihood grows without bound as r, α → ∞.
    let outcome: unknown;
    try {
      outcome = fitBgNbd({ frequency: [1, 1], recency: [5, 5], T: [5, 5] });
    } catch (error) {
      outcome = error;
    }
    if (outcome instanceof ModelFitError) {
      expect(outcome.code).to.equal('non-finite-fit');
    } else {
      const fit = outcome as ReturnType<typeof fitBgNbd>;
      for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(Number.isFinite(fit[key]) && fit[key] > 0, key).to.equal(true);
      expect(Number.isFinite(fit.logLikelihood)).to.equal(true);
    }
  });
});

describe('BG/NBD on a million simulated customers', () => {
  // Mocha's timeout here is the runner's 120 s (web-test-runner.config.mjs).
  it('recovers the true parameters from a seeded simulation (grouped fit)', () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const customers = 1_000_000;
    const uniform = seededUniform(20050101);
    // Acquisition spread over 12 weeks (whole days) before a 39-week calibration end; times in weeks,
    // recorded to the day as a transaction log would.
    const T = new Float64Array(customers);
    for (let i = 0; i < customers; i++) T[i] = 39 - Math.floor(uniform() * 84) / 7;
    const simulated = simulateBgNbd(truth, T, uniform, 1 / 7);
    const start = performance.now();
    const fit = fitBgNbd({ frequency: simulated.frequency, recency: simulated.recency, T });
    const elapsed = performance.now() - start;
    console.log(`BG/NBD fit on 1,000,000 simulated customers (${fit.groups} distinct triples): ${elapsed.toFixed(0)} ms, ${fit.iterations} iterations`);
    expect(fit.converged).to.equal(true);
    expectRelative(fit.r, truth.r, 0.03, 'r');
    expectRelative(fit.alpha, truth.alpha, 0.03, 'alpha');
    expectRelative(fit.a, truth.a, 0.06, 'a');
    expectRelative(fit.b, truth.b, 0.06, 'b');
  });
});

/** An independent log Γ for the quadrature oracle: Lanczos (g = 7, n = 9), not the library's Stirling code. */
function lgammaSlow(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgammaSlow(1 - x);
  x -= 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}
