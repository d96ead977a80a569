import { expect } from '@open-wc/testing';
import {
  fitMbgNbd,
  mbgNbdConditionalExpectedPurchases,
  mbgNbdConditionalExpectedPurchasesAll,
  mbgNbdExpectedPurchases,
  mbgNbdLogLikelihood,
  mbgNbdPAlive,
  mbgNbdPAliveAll,
  type MbgNbdParams,
} from '../../src/core/mbg-nbd.js';
import { bgNbdPAlive } from '../../src/core/bg-nbd.js';
import { hyp2f1 } from '../../src/core/special/hyp2f1.js';
import { csvColumns, expectRelative } from './fixtures.js';

// lifetimes' ModifiedBetaGeoFitter on cdnow_customers_summary (weeks).
const LIFETIMES = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

/**
 * Batislam et al. (2007) likelihood written out with products instead of log-gamma (independent of
 * src/core/special): B(a, b+x+1)/B(a, b) = Π_{k=0}^{x} (b+k)/(a+b+k), Γ(r+x)/Γ(r) = Π_{k<x} (r+k),
 * B(a+1, b+x)/B(a, b+x+1) = a/(b+x).
 */
function directLogL(p: MbgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  let logBetaRatio = 0;
  for (let k = 0; k <= x; k++) logBetaRatio += Math.log((b + k) / (a + b + k));
  let logGammaRatio = 0;
  for (let k = 0; k < x; k++) logGammaRatio += Math.log(r + k);
  const first = Math.exp(logBetaRatio + logGammaRatio + r * Math.log(alpha) - (r + x) * Math.log(alpha + T));
  const second = Math.exp(logBetaRatio + Math.log(a / (b + x)) + logGammaRatio + r * Math.log(alpha) - (r + x) * Math.log(alpha + tx));
  return Math.log(first + second);
}

describe('MBG/NBD on CDNOW (Batislam, Denizel & Filiztekin 2007)', () => {
  let summary: { frequency: Float64Array; recency: Float64Array; T: Float64Array };
  let fit: ReturnType<typeof fitMbgNbd>;

  before(async () => {
    const csv = await csvColumns('/data/cdnow/cdnow_customers_summary.csv');
    summary = { frequency: csv.frequency, recency: csv.recency, T: csv.T };
    const start = performance.now();
    fit = fitMbgNbd(summary);
    console.log(`MBG/NBD fit on ${fit.customers} CDNOW customers: ${(performance.now() - start).toFixed(1)} ms, ${fit.iterations} iterations`);
  });

  it("reaches lifetimes' estimates, and is the maximum of an independently written likelihood", () => {
    expect(fit.converged).to.equal(true);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expectRelative(fit[key], LIFETIMES[key], 2e-3, key);
    let direct = 0;
    for (let i = 0; i < summary.frequency.length; i++) direct += directLogL(fit, summary.frequency[i], summary.recency[i], summary.T[i]);
    expect(fit.logLikelihood).to.be.closeTo(direct, 1e-7);
    expect(fit.logLikelihood).to.be.closeTo(-9582.13, 0.01);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      for (const factor of [0.999, 1.001]) expect(mbgNbdLogLikelihood({ ...fit, [key]: fit[key] * factor }, summary).value).to.be.below(fit.logLikelihood);
    }
  });

  it('the analytic gradient matches central finite differences', () => {
    const params: MbgNbdParams = { r: 0.5, alpha: 7, a: 1.3, b: 0.9 };
    const { gradient } = mbgNbdLogLikelihood(params, summary);
    (['r', 'alpha', 'a', 'b'] as const).forEach((key, k) => {
      const h = 1e-5 * params[key];
      const up = mbgNbdLogLikelihood({ ...params, [key]: params[key] + h }, summary).value;
      const down = mbgNbdLogLikelihood({ ...params, [key]: params[key] - h }, summary).value;
      expectRelative(gradient[k], (up - down) / (2 * h), 1e-6, `∂LL/∂${key}`);
    });
  });

  it('P(alive) is below 1 also without repeat purchases (dropout at time 0), unlike the BG/NBD', () => {
    const { r, alpha, a, b } = fit;
    expect(mbgNbdPAlive(fit, 2, 30.43, 38.86)).to.be.closeTo(1 / (1 + (a / (b + 2)) * Math.pow((alpha + 38.86) / (alpha + 30.43), r + 2)), 1e-14);
    const oneTimer = mbgNbdPAlive(fit, 0, 0, 38.86);
    expect(oneTimer).to.be.closeTo(1 / (1 + (a / b) * Math.pow((alpha + 38.86) / alpha, r)), 1e-14);
    expect(oneTimer).to.be.below(1);
    expect(bgNbdPAlive({ r, alpha, a, b }, 0, 0, 38.86)).to.equal(1);
    expect(mbgNbdPAlive(fit, 0, 0, 0)).to.be.closeTo(b / (a + b), 1e-14);
  });

  it('E[X(t)] agrees with numerical integration over p; E[Y] with lifetimes’ formula', () => {
    const { r, alpha, a, b } = fit;
    const t = 39;
    // E[X(t) | λ, p] = (1 − p)(1 − e^{−λpt})/p (dropout also at time 0); over λ: (1−p)(1 − (α/(α+pt))^r)/p.
    // Simpson after p = u^(1/a); B(a, b) by the same rule on the density's normaliser.
    const integrand = (u: number, withValue: boolean): number => {
      const p = Math.pow(u, 1 / a);
      const value = p < 1e-12 ? (r * t) / alpha : ((1 - p) * (1 - Math.pow(alpha / (alpha + p * t), r))) / p;
      return (withValue ? value : 1) * Math.pow(1 - p, b - 1);
    };
    const n = 200_000;
    let top = integrand(0, true) + integrand(1, true);
    let bottom = integrand(0, false) + integrand(1, false);
    for (let i = 1; i < n; i++) {
      top += (i % 2 ? 4 : 2) * integrand(i / n, true);
      bottom += (i % 2 ? 4 : 2) * integrand(i / n, false);
    }
    expectRelative(mbgNbdExpectedPurchases(fit, t), top / bottom, 1e-6, 'E[X(39)]');
    // lifetimes: (a+b+x)/(a−1) [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] / [1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)]
    for (const [x, tx, T] of [[2, 30.43, 38.86], [0, 0, 38.86], [7, 35, 38]]) {
      const z = t / (alpha + T + t);
      const lifetimes = (((a + b + x) / (a - 1)) * (1 - hyp2f1(r + x, b + x + 1, a + b + x, z) * Math.pow((alpha + T) / (alpha + T + t), r + x))) /
        (1 + (a / (b + x)) * Math.pow((alpha + T) / (alpha + tx), r + x));
      expectRelative(mbgNbdConditionalExpectedPurchases(fit, t, x, tx, T), lifetimes, 1e-10, `E[Y] x=${x}`);
    }
    expect(mbgNbdConditionalExpectedPurchases(fit, t, 0, 0, 0)).to.be.closeTo(mbgNbdExpectedPurchases(fit, t), 1e-12);
  });

  it('stays finite for large x and a ≈ 1', () => {
    const big = mbgNbdConditionalExpectedPurchases(fit, 39, 3000, 38, 38.86);
    expect(Number.isFinite(big)).to.equal(true);
    expect(big).to.be.above(0);
    const nearOne = { ...fit, a: 1 };
    const e = mbgNbdExpectedPurchases(nearOne, 39);
    expect(e).to.be.closeTo(mbgNbdExpectedPurchases({ ...fit, a: 1 + 1e-6 }, 39), 1e-4);
    expect(directLogL(fit, 300, 38, 38.86)).to.be.closeTo(mbgNbdLogLikelihood(fit, { frequency: [300], recency: [38], T: [38.86] }).value, 1e-8);
  });

  it('vectorised forms equal the scalar functions; T = 0 rows are counted, not fitted', () => {
    const alive = mbgNbdPAliveAll(fit, summary);
    const next = mbgNbdConditionalExpectedPurchasesAll(fit, 39, summary);
    for (let i = 0; i < 300; i++) {
      expect(alive[i]).to.equal(mbgNbdPAlive(fit, summary.frequency[i], summary.recency[i], summary.T[i]));
      expect(next[i]).to.equal(mbgNbdConditionalExpectedPurchases(fit, 39, summary.frequency[i], summary.recency[i], summary.T[i]));
    }
    const withNew = { frequency: [...summary.frequency, 0], recency: [...summary.recency, 0], T: [...summary.T, 0] };
    const refit = fitMbgNbd(withNew);
    expect(refit.customersWithoutHistory).to.equal(1);
    expect(refit.customers).to.equal(2357);
    expectRelative(refit.r, fit.r, 1e-6, 'r unchanged');
  });
});
