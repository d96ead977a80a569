import { expect } from '@open-wc/testing';
import { fitGammaGamma, gammaGammaConditionalSpend, gammaGammaConditionalSpendAll } from '../../src/core/gamma-gamma.js';
import { gammaVariate, seededUniform } from './bg-nbd-simulate.js';
import { csvColumns, expectRelative } from './fixtures.js';


describe('Gamma-Gamma on CDNOW (Fader & Hardie 2013)', () => {
  let csv: Record<string, Float64Array>;
  let fit: ReturnType<typeof fitGammaGamma>;

  before(async () => {
    csv = await csvColumns('/data/cdnow/cdnow_customers_summary_with_transactions.csv');
    const start = performance.now();
    fit = fitGammaGamma({ frequency: csv.x, monetary: csv.zbar });
    console.log(`Gamma-Gamma fit on ${fit.customers} CDNOW repeaters: ${(performance.now() - start).toFixed(1)} ms, ${fit.iterations} iterations`);
  });

  it('uses the 946 repeat customers and reaches the published estimates', () => {
    expect(fit.customers).to.equal(946);
    expect(fit.skipped).to.equal(2357 - 946);
    expect(fit.converged).to.equal(true);
    // lifetimes (scipy) reports p = 6.2490, q = 3.7443, γ = 15.4472.
    expectRelative(fit.p, 6.249, 1e-3, 'p');
    expectRelative(fit.q, 3.7443, 1e-3, 'q');
    expectRelative(fit.gamma, 15.4472, 1e-3, 'γ');
    // The note prints p = 6.25, q = 3.74, γ = 15.44: agreement to its printed precision (±½ unit in
    // the last place plus 1e-3 relative; q's optimum is 3.7446, which rounds to 3.74).
    expect(fit.p).to.be.closeTo(6.25, 0.005 + 6.25e-3);
    expect(fit.q).to.be.closeTo(3.74, 0.005 + 3.74e-3);
    expect(fit.gamma).to.be.closeTo(15.44, 0.005 + 15.44e-3);
  });

  it('is a maximum: moving any parameter by 0.1% lowers the log-likelihood', () => {
    const repeaters = csv.x.filter((x) => x > 0).length;
    expect(repeaters).to.equal(946);
    for (const key of ['p', 'q', 'gamma'] as const) {
      for (const factor of [0.999, 1.001]) {
        const moved = fitGammaGamma({ frequency: csv.x, monetary: csv.zbar }, { initial: { ...fit, [key]: fit[key] * factor }, maxIterations: 0 });
        expect(moved.logLikelihood).to.be.below(fit.logLikelihood);
      }
    }
  });

  it('conditional expected spend of customer 1 (x=2, m_x=22.35) ≈ 24.66, a credibility-weighted mean', () => {
    const spend = gammaGammaConditionalSpend(fit, 2, 22.35);
    // Direct from the formula E[M] = p(γ + x m_x)/(px + q − 1).
    expect(spend).to.be.closeTo((fit.p * (fit.gamma + 2 * 22.35)) / (2 * fit.p + fit.q - 1), 1e-12);
    expect(spend).to.be.closeTo(24.66, 5e-3);
    const populationMean = (fit.p * fit.gamma) / (fit.q - 1);
    expect(gammaGammaConditionalSpend(fit, 0, 0)).to.equal(populationMean);
    // The estimate lies between the customer's own mean and the population mean, nearer the own
    // mean the more purchases there are.
    const few = gammaGammaConditionalSpend(fit, 1, 100);
    const many = gammaGammaConditionalSpend(fit, 20, 100);
    expect(few).to.be.within(populationMean, 100);
    expect(many).to.be.within(few, 100);
    const all = gammaGammaConditionalSpendAll(fit, { frequency: csv.x, monetary: csv.zbar });
    expect(all[0]).to.equal(spend);
    expect(all.length).to.equal(2357);
  });

  it('the mean spend of 946 repeaters over the fitted population mean is plausible', () => {
    let sum = 0;
    let count = 0;
    csv.x.forEach((x, i) => {
      if (x > 0) {
        sum += csv.zbar[i];
        count++;
      }
    });
    // The model's population mean γp/(q−1) and the sample's mean of m_x are close.
    expectRelative((fit.p * fit.gamma) / (fit.q - 1), sum / count, 0.15, 'population mean');
  });
});

describe('Gamma-Gamma recovery and validation', () => {
  it('recovers known parameters from a seeded simulation, weighted equal to expanded', () => {
    const truth = { p: 4, q: 3, gamma: 20 };
    const customers = 50_000;
    const uniform = seededUniform(2013);
    const frequency = new Float64Array(customers);
    const monetary = new Float64Array(customers);
    for (let i = 0; i < customers; i++) {
      // ν ~ Gamma(q, rate γ); each of x transactions ~ Gamma(p, rate ν); m_x is their mean.
      const nu = gammaVariate(truth.q, uniform) / truth.gamma;
      const x = 1 + Math.floor(uniform() * 6);
      let total = 0;
      for (let k = 0; k < x; k++) total += gammaVariate(truth.p, uniform) / nu;
      frequency[i] = x;
      monetary[i] = total / x;
    }
    const fit = fitGammaGamma({ frequency, monetary });
    expectRelative(fit.p, truth.p, 0.05, 'p');
    expectRelative(fit.q, truth.q, 0.05, 'q');
    expectRelative(fit.gamma, truth.gamma, 0.08, 'γ');

    const weights = [3, 1, 2];
    const weighted = fitGammaGamma({ frequency: [2, 1, 4, 0], monetary: [10, 30, 12, 0] }, { weights: [3, 1, 2, 5] });
    const expanded = fitGammaGamma({ frequency: [2, 2, 2, 1, 4, 4], monetary: [10, 10, 10, 30, 12, 12] });
    expect(weighted.customers).to.equal(weights.reduce((s, w) => s + w, 0));
    expectRelative(weighted.logLikelihood, expanded.logLikelihood, 1e-9, 'LL');
  });

  it('rejects a repeater without a positive monetary value and an all-zero input', () => {
    expect(() => fitGammaGamma({ frequency: [1, 2], monetary: [10, 0] })).to.throw(/row 1/);
    expect(() => fitGammaGamma({ frequency: [0, 0], monetary: [0, 0] })).to.throw(/no customer/);
    expect(() => gammaGammaConditionalSpend({ p: 1, q: 0.5, gamma: 1 }, 1, 1)).to.throw(/q must exceed 1/);
  });
});
