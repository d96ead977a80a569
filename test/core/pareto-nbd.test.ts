import { expect } from '@open-wc/testing';
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdConditionalExpectedPurchasesAll,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdPAlive,
  paretoNbdPAliveAll,
  type ParetoNbdParams,
} from '../../src/core/pareto-nbd.js';
import { customerSummary } from '../../src/core/customer-summary.js';
import { hyp2f1 } from '../../src/core/special/hyp2f1.js';
import { cdnowSampleRows, csvColumns, expectRelative, tableFromRows, utcDay } from './fixtures.js';

// lifetimes' ParetoNBDFitter on cdnow_customers_summary (weeks); Fader & Hardie (2005) note, 2 decimals.
const LIFETIMES = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
const FADER_HARDIE = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67, logLikelihood: -9594.98 };

const lgamma = (x: number): number => {
  // Independent of src/core/special: Lanczos (g = 7, n = 9), ~1e-15 relative for x > 0.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
};

/** FH-note eq. (22) as printed (the ₂F₁ cases α ≥ β / α < β), in plain powers: the oracle for moderate x. */
function closedFormLogL(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const rsx = r + s + x;
  const A0 =
    alpha >= beta
      ? hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + tx)) / Math.pow(alpha + tx, rsx) - hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + T)) / Math.pow(alpha + T, rsx)
      : hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + tx)) / Math.pow(beta + tx, rsx) - hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + T)) / Math.pow(beta + T, rsx);
  return lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta) + Math.log(1 / (Math.pow(alpha + T, r + x) * Math.pow(beta + T, s)) + (s / rsx) * A0);
}

/** P(alive) by Simpson's rule on the integral form of the likelihood, scaled by the "alive" term (no ₂F₁ at all). */
function pAliveByQuadrature(p: ParetoNbdParams, x: number, tx: number, T: number, intervals = 20_000): number {
  const { r, alpha, s, beta } = p;
  const f = (tau: number): number => Math.exp((r + x) * Math.log((alpha + T) / (alpha + tau)) + s * Math.log((beta + T) / (beta + tau))) / (beta + tau);
  const h = (T - tx) / intervals;
  let sum = f(tx) + f(T);
  for (let i = 1; i < intervals; i++) sum += (i % 2 ? 4 : 2) * f(tx + i * h);
  return 1 / (1 + s * (sum * h) / 3);
}

describe('Pareto/NBD on CDNOW (Schmittlein et al. 1987; Fader & Hardie 2005 note)', () => {
  let summary: { frequency: Float64Array; recency: Float64Array; T: Float64Array };
  let fit: ReturnType<typeof fitParetoNbd>;

  before(async () => {
    const csv = await csvColumns('/data/cdnow/cdnow_customers_summary.csv');
    summary = { frequency: csv.frequency, recency: csv.recency, T: csv.T };
    const start = performance.now();
    fit = fitParetoNbd(summary);
    console.log(`Pareto/NBD fit on ${fit.customers} CDNOW customers (${fit.groups} triples): ${(performance.now() - start).toFixed(1)} ms, ${fit.iterations} iterations`);
  });

  it('reaches the published estimates (Fader & Hardie note, lifetimes)', () => {
    expect(fit.converged).to.equal(true);
    expect(fit.customers).to.equal(2357);
    expect(fit.customersWithoutHistory).to.equal(0);
    for (const key of ['r', 'alpha', 's', 'beta'] as const) {
      expectRelative(fit[key], LIFETIMES[key], 2e-3, `${key} (lifetimes)`);
      expect(fit[key], key).to.be.closeTo(FADER_HARDIE[key], 0.011);
    }
    expect(fit.logLikelihood).to.be.closeTo(FADER_HARDIE.logLikelihood, 0.01);
    // Our optimum is at least as good as lifetimes' point, and nearby points are worse.
    expect(fit.logLikelihood).to.be.at.least(paretoNbdLogLikelihood(LIFETIMES, summary));
    for (const key of ['r', 'alpha', 's', 'beta'] as const) {
      for (const factor of [0.995, 1.005]) expect(paretoNbdLogLikelihood({ ...fit, [key]: fit[key] * factor }, summary)).to.be.below(fit.logLikelihood);
    }
  });

  it('the likelihood equals eq. (22) as printed, in both ₂F₁ cases and at α = β', () => {
    const points: ParetoNbdParams[] = [LIFETIMES, { r: 0.5, alpha: 3, s: 2.5, beta: 40 }, { r: 2, alpha: 30, s: 0.3, beta: 2 }, { r: 0.8, alpha: 9.87, s: 0.001, beta: 300 }, { r: 0.7, alpha: 8, s: 0.9, beta: 8 }];
    for (const p of points) {
      let oracle = 0;
      for (let i = 0; i < summary.frequency.length; i++) oracle += closedFormLogL(p, summary.frequency[i], summary.recency[i], summary.T[i]);
      expectRelative(paretoNbdLogLikelihood(p, summary), oracle, 1e-11, `LL at ${JSON.stringify(p)}`);
    }
  });

  it('P(alive) matches the integral form by Simpson quadrature, also for β ≫ α, α ≫ β and large x', () => {
    const cases: [ParetoNbdParams, number, number, number][] = [
      [fit, 2, 30.43, 38.86],
      [fit, 0, 0, 38.86],
      [fit, 10, 20, 38.86],
      [{ r: 0.83, alpha: 9.9, s: 1e-3, beta: 5e4 }, 3, 10, 50], // degenerate: no dropout
      [{ r: 0.83, alpha: 9.9, s: 2, beta: 0.05 }, 3, 10, 50], // α ≫ β
      [{ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, 500, 39.5, 40], // large x
      [{ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, 2000, 39.9, 40],
    ];
    for (const [p, x, tx, T] of cases) {
      const value = paretoNbdPAlive(p, x, tx, T);
      expect(Number.isFinite(value), `finite at x=${x}`).to.equal(true);
      expect(value).to.be.within(0, 1);
      expect(value, `P(alive) ${JSON.stringify(p)} x=${x}`).to.be.closeTo(pAliveByQuadrature(p, x, tx, T), 1e-9);
    }
    expect(paretoNbdPAlive(fit, 3, 20, 20)).to.equal(1);
    expect(paretoNbdPAlive(fit, 0, 0, 0)).to.equal(1);
    // Longer silence lowers P(alive).
    expect(paretoNbdPAlive(fit, 2, 10, 38.86)).to.be.below(paretoNbdPAlive(fit, 2, 30, 38.86));
  });

  it('is continuous through α = β (the switch between the two ₂F₁ cases)', () => {
    const base = { r: 0.55, s: 0.61, beta: 11.67 };
    const at = paretoNbdPAlive({ ...base, alpha: 11.67 }, 4, 20, 38);
    // At α = β the integral is [(α+t_x)^−(r+s+x) − (α+T)^−(r+s+x)]/(r+s+x).
    const rsx = 0.55 + 0.61 + 4;
    const integral = (Math.pow(11.67 + 20, -rsx) - Math.pow(11.67 + 38, -rsx)) / rsx;
    const alive = Math.pow(11.67 + 38, -(0.55 + 4)) * Math.pow(11.67 + 38, -0.61);
    expect(at).to.be.closeTo(alive / (alive + 0.61 * integral), 1e-13);
    for (const eps of [1e-12, 1e-8, 1e-5]) {
      expect(paretoNbdPAlive({ ...base, alpha: 11.67 * (1 + eps) }, 4, 20, 38)).to.be.closeTo(at, 10 * eps + 1e-13);
      expect(paretoNbdPAlive({ ...base, alpha: 11.67 * (1 - eps) }, 4, 20, 38)).to.be.closeTo(at, 10 * eps + 1e-13);
    }
  });

  it('conditional expectation follows the note (lifetimes’ formula) and E[X(t)] the survival integral', () => {
    const { r, alpha, s, beta } = fit;
    const [x, tx, T, t] = [2, 30.43, 38.86, 39];
    const expected = paretoNbdPAlive(fit, x, tx, T) * ((r + x) * (beta + T)) / ((alpha + T) * (s - 1)) * (1 - Math.pow((beta + T) / (beta + T + t), s - 1));
    expect(paretoNbdConditionalExpectedPurchases(fit, t, x, tx, T)).to.be.closeTo(expected, 1e-12);
    // E[X(t)] = E[λ] E[min(lifetime, t)] = (r/α) ∫₀ᵗ (β/(β+u))^s du, by Simpson.
    const n = 10_000;
    let sum = 1 + Math.pow(beta / (beta + t), s);
    for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * Math.pow(beta / (beta + (i * t) / n), s);
    expect(paretoNbdExpectedPurchases(fit, t)).to.be.closeTo((r / alpha) * (sum * t) / (3 * n), 1e-10);
    // s = 1 is the logarithmic limit, not a division by zero.
    const one = { r: 0.5, alpha: 10, s: 1, beta: 12 };
    expect(paretoNbdExpectedPurchases(one, 39)).to.be.closeTo((0.5 * 12 / 10) * Math.log(1 + 39 / 12), 1e-12);
    expect(paretoNbdExpectedPurchases({ ...one, s: 1 + 1e-12 }, 39)).to.be.closeTo(paretoNbdExpectedPurchases(one, 39), 1e-9);
    expect(paretoNbdConditionalExpectedPurchases(fit, 0, x, tx, T)).to.equal(0);
  });

  it('vectorised forms equal the scalar functions', () => {
    const alive = paretoNbdPAliveAll(fit, summary);
    const next = paretoNbdConditionalExpectedPurchasesAll(fit, 39, summary);
    for (let i = 0; i < 200; i++) {
      expect(alive[i]).to.equal(paretoNbdPAlive(fit, summary.frequency[i], summary.recency[i], summary.T[i]));
      expect(next[i]).to.equal(paretoNbdConditionalExpectedPurchases(fit, 39, summary.frequency[i], summary.recency[i], summary.T[i]));
    }
  });

  it('rows with T = 0 contribute nothing and are counted, from customerSummary output as it is', async () => {
    const withNew = {
      frequency: Float64Array.from([...summary.frequency, 0, 0]),
      recency: Float64Array.from([...summary.recency, 0, 0]),
      T: Float64Array.from([...summary.T, 0, 0]),
    };
    const refit = fitParetoNbd(withNew);
    expect(refit.customersWithoutHistory).to.equal(2);
    expect(refit.customers).to.equal(2357);
    expect(refit.logLikelihood).to.be.closeTo(fit.logLikelihood, 1e-6);
    // A customer whose first order is on the last day of the log, straight from customerSummary.
    const rows = await cdnowSampleRows();
    const last = rows.reduce((m, r) => Math.max(m, r.day), 0);
    const orders = tableFromRows([...rows, { customer: 'new-on-last-day', day: last, amount: 10 }]);
    const s = customerSummary(orders, { unit: 'weeks' });
    const f = fitParetoNbd(s);
    expect(f.customersWithoutHistory).to.equal(1);
    expect(Number.isFinite(f.logLikelihood)).to.equal(true);
    expect(() => fitParetoNbd({ frequency: [1], recency: [0], T: [0] })).to.throw(/row 0/);
    expect(() => fitParetoNbd({ frequency: [0], recency: [0], T: [0] })).to.throw(/no customers/);
    expect(utcDay(1998, 6, 30)).to.be.above(0);
  });

  it('t_x one rounding step below T (as simulated or converted logs produce) is finite, value and fit', () => {
    const tx = 27.71428571428571;
    const T = 27.714285714285715;
    expect(tx).to.be.below(T);
    expect(paretoNbdPAlive(fit, 1, tx, T)).to.be.closeTo(1, 1e-12);
    const rows = { frequency: [...summary.frequency, 1, 2], recency: [...summary.recency, tx, 32.14285714285714], T: [...summary.T, T, 32.142857142857146] };
    const refit = fitParetoNbd(rows, { initial: { r: 1, alpha: 10, s: 1, beta: 10 } });
    expect(refit.converged).to.equal(true);
    expect(Number.isFinite(refit.logLikelihood)).to.equal(true);
  });

  it('the same data in days gives the same r, s and α, β × 7', () => {
    const days = { frequency: summary.frequency, recency: summary.recency.map((v) => v * 7), T: summary.T.map((v) => v * 7) };
    const inDays = fitParetoNbd(days);
    expectRelative(inDays.r, fit.r, 1e-4, 'r');
    expectRelative(inDays.s, fit.s, 1e-4, 's');
    expectRelative(inDays.alpha, fit.alpha * 7, 1e-4, 'alpha');
    expectRelative(inDays.beta, fit.beta * 7, 1e-4, 'beta');
  });
});
