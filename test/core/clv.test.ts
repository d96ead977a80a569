import { expect } from '@open-wc/testing';
import { bgNbdConditionalExpectedPurchases, fitBgNbd } from '../../src/core/bg-nbd.js';
import { fitGammaGamma, gammaGammaConditionalSpend } from '../../src/core/gamma-gamma.js';
import { clv } from '../../src/core/clv.js';
import { csvColumns } from './fixtures.js';


describe('CLV (BG/NBD × Gamma-Gamma, discounted monthly)', () => {
  let weeks: { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array; unit: string };
  let days: typeof weeks;
  let bgWeeks: ReturnType<typeof fitBgNbd>;
  let bgDays: ReturnType<typeof fitBgNbd>;
  let gg: ReturnType<typeof fitGammaGamma>;

  before(async () => {
    const csv = await csvColumns('/data/cdnow/cdnow_customers_summary_with_transactions.csv');
    weeks = { frequency: csv.x, recency: csv.t_x, T: csv.T, monetary: csv.zbar, unit: 'weeks' };
    days = { ...weeks, recency: csv.t_x.map((v) => v * 7), T: csv.T.map((v) => v * 7), unit: 'days' };
    bgWeeks = fitBgNbd(weeks);
    bgDays = fitBgNbd(days);
    gg = fitGammaGamma(weeks);
  });

  it('the fitted params remember their unit', () => {
    expect(bgWeeks.unit).to.equal('weeks');
    expect(bgDays.unit).to.equal('days');
  });

  it('a weekly model and the same data in days give the same 12-month CLV', () => {
    const w = clv(bgWeeks, gg, weeks, { horizon: 12, horizonUnit: 'months', modelUnit: 'weeks' });
    const d = clv(bgDays, gg, days, { horizon: 12, horizonUnit: 'months', modelUnit: 'days' });
    expect(w.horizonInModelUnits).to.be.closeTo(360 / 7, 1e-12);
    expect(d.horizonInModelUnits).to.equal(360);
    expect(w.steps).to.equal(12);
    for (let i = 0; i < w.clv.length; i++) expect(Math.abs(w.clv[i] - d.clv[i])).to.be.at.most(1e-5 * Math.max(1, w.clv[i]));
    expect(Math.abs(w.total - d.total) / w.total).to.be.below(1e-6);
    expect(w.mean).to.be.closeTo(w.total / 2357, 1e-9);
    // The same horizon given as 360 days is the same computation.
    const inDays = clv(bgWeeks, gg, weeks, { horizon: 360, horizonUnit: 'days', modelUnit: 'weeks' });
    expect(inDays.total).to.be.closeTo(w.total, 1e-9 * w.total);
  });

  it('refuses mismatched or missing time units (no "weeks read as days")', () => {
    expect(() => clv(bgWeeks, gg, weeks, { horizon: 12, horizonUnit: 'months', modelUnit: 'days' })).to.throw(/units disagree.*'days'.*'weeks'/);
    expect(() => clv(bgWeeks, gg, days, { horizon: 12, horizonUnit: 'months' })).to.throw(/units disagree/);
    const { unit: _unit, ...noUnitSummary } = weeks;
    const { unit: _fitUnit, ...noUnitParams } = bgWeeks;
    expect(() => clv(noUnitParams, gg, noUnitSummary, { horizon: 12, horizonUnit: 'months' })).to.throw(/unknown/);
    // Without units on the data, modelUnit is what decides.
    const explicit = clv(noUnitParams, gg, noUnitSummary, { horizon: 12, horizonUnit: 'months', modelUnit: 'weeks' });
    expect(explicit.horizonInModelUnits).to.be.closeTo(360 / 7, 1e-12);
    expect(() => clv(bgWeeks, gg, weeks, { horizon: -1, horizonUnit: 'months' })).to.throw(/horizon/);
  });

  it('with no discount, CLV = expected purchases over the horizon × expected spend', () => {
    const result = clv(bgWeeks, gg, weeks, { horizon: 12, horizonUnit: 'months', discountRatePerPeriod: 0 });
    for (let i = 0; i < result.clv.length; i++) {
      const purchases = bgNbdConditionalExpectedPurchases(bgWeeks, 360 / 7, weeks.frequency[i], weeks.recency[i], weeks.T[i]);
      const spend = gammaGammaConditionalSpend(gg, weeks.frequency[i], weeks.monetary[i]);
      expect(result.expectedPurchases[i]).to.be.closeTo(purchases, 1e-12 * Math.max(1, purchases));
      expect(result.expectedSpend[i]).to.equal(spend);
      expect(result.clv[i]).to.be.closeTo(purchases * spend, 1e-9 * Math.max(1, purchases * spend));
    }
  });

  it('discounts each month of expected purchases by (1 + d)^month, as lifetimes does', () => {
    const d = 0.01;
    const result = clv(bgWeeks, gg, weeks, { horizon: 12, horizonUnit: 'months', discountRatePerPeriod: d });
    // Customer 1 by hand: Σ_{i=1..12} (E[Y(i·30/7)] − E[Y((i−1)·30/7)]) · E[M] / 1.01^i.
    const [x, tx, T, m] = [weeks.frequency[0], weeks.recency[0], weeks.T[0], weeks.monetary[0]];
    let byHand = 0;
    for (let month = 1; month <= 12; month++) {
      const increment =
        bgNbdConditionalExpectedPurchases(bgWeeks, (month * 30) / 7, x, tx, T) - bgNbdConditionalExpectedPurchases(bgWeeks, ((month - 1) * 30) / 7, x, tx, T);
      byHand += (increment * gammaGammaConditionalSpend(gg, x, m)) / Math.pow(1 + d, month);
    }
    expect(result.clv[0]).to.be.closeTo(byHand, 1e-10);
    // Discounting lowers every CLV, and more so at a higher rate.
    const undiscounted = clv(bgWeeks, gg, weeks, { horizon: 12, horizonUnit: 'months', discountRatePerPeriod: 0 });
    const steeper = clv(bgWeeks, gg, weeks, { horizon: 12, horizonUnit: 'months', discountRatePerPeriod: 0.05 });
    expect(result.total).to.be.below(undiscounted.total);
    expect(steeper.total).to.be.below(result.total);
    // Finer steps approach continuous discounting; a 1-step horizon discounts everything by a full year.
    const oneStep = clv(bgWeeks, gg, weeks, { horizon: 12, horizonUnit: 'months', stepsPerHorizon: 1 });
    expect(oneStep.total).to.be.closeTo(undiscounted.total / Math.pow(1.01, 12), 1e-6 * undiscounted.total);
  });
});
