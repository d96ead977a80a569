import { expect } from '@open-wc/testing';
import { compareModels } from '../../src/core/compare-models.js';
import { calibrationHoldout } from '../../src/core/calibration-holdout.js';
import { customerSummary } from '../../src/core/customer-summary.js';
import { fitBgNbd } from '../../src/core/bg-nbd.js';
import { fitMbgNbd } from '../../src/core/mbg-nbd.js';
import { fitParetoNbd } from '../../src/core/pareto-nbd.js';
import { purchaseModelConditionalExpectedPurchases } from '../../src/core/purchase-models.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { noDropoutRows } from './no-dropout-simulate.js';
import { cdnowSampleRows, tableFromRows, utcDay, type Row } from './fixtures.js';

describe('compareModels', () => {
  let orders: OrderTable;
  const calibrationEnd = utcDay(1997, 9, 30);
  const holdoutEnd = utcDay(1998, 6, 30);

  before(async () => {
    orders = tableFromRows(await cdnowSampleRows());
  });

  it('CDNOW calibration / holdout: fits, information criteria and holdout error per frequency bucket', () => {
    const comparison = compareModels(orders, { calibrationEnd, holdoutEnd });
    const split = calibrationHoldout(orders, calibrationEnd, holdoutEnd, { unit: 'weeks' });
    expect(comparison.rows.map((r) => r.model)).to.deep.equal(['bg-nbd', 'mbg-nbd', 'pareto-nbd']);
    expect(comparison.holdoutLength).to.be.closeTo(39, 1e-9);
    const direct = { 'bg-nbd': fitBgNbd(split), 'mbg-nbd': fitMbgNbd(split), 'pareto-nbd': fitParetoNbd(split) };
    let totalHoldout = 0;
    for (let i = 0; i < split.length; i++) totalHoldout += split.holdoutFrequency[i];
    for (const row of comparison.rows) {
      expect(row.error).to.equal(undefined);
      expect(row.logLikelihood).to.be.closeTo(direct[row.model].logLikelihood, 1e-6);
      expect(row.aic).to.be.closeTo(2 * 4 - 2 * row.logLikelihood, 1e-9);
      expect(row.bic).to.be.closeTo(4 * Math.log(2357) - 2 * row.logLikelihood, 1e-9);
      expect(row.diagnosis!.dropoutNegligible).to.equal(false);
      const holdout = row.holdout!;
      expect(holdout.buckets.reduce((n, b) => n + b.customers, 0)).to.equal(2357);
      expect(holdout.totalActual).to.equal(totalHoldout);
      expect(holdout.buckets.map((b) => b.frequency)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(holdout.buckets[7].andAbove).to.equal(true);
      // Bucket 0 by hand: mean predicted E[Y(39) | 0, 0, T] and mean actual over the one-time buyers.
      let n = 0;
      let predicted = 0;
      let actual = 0;
      for (let i = 0; i < split.length; i++) {
        if (split.frequency[i] !== 0) continue;
        n++;
        predicted += purchaseModelConditionalExpectedPurchases(row.fit!, 39, 0, 0, split.T[i]);
        actual += split.holdoutFrequency[i];
      }
      expect(holdout.buckets[0].customers).to.equal(n);
      expect(holdout.buckets[0].predicted).to.be.closeTo(predicted / n, 1e-9);
      expect(holdout.buckets[0].actual).to.be.closeTo(actual / n, 1e-12);
      expect(holdout.buckets[0].error).to.be.closeTo(predicted / n - actual / n, 1e-9);
      // The aggregate holdout forecast is in the right range (a sanity bound, not a published number).
      console.log(`${row.model}: holdout predicted ${holdout.totalPredicted.toFixed(1)} vs actual ${holdout.totalActual}, RMSE ${holdout.rmse.toFixed(4)}`);
      expect(Math.abs(holdout.totalPredicted - holdout.totalActual) / holdout.totalActual).to.be.below(0.25);
    }
    const best = comparison.rows.reduce((a, b) => (b.holdout!.rmse < a.holdout!.rmse ? b : a));
    expect(comparison.recommended).to.equal(best.model);
    expect(comparison.reason).to.equal('lowest-holdout-error');
    expect(comparison.dropoutNegligible).to.equal(false);
  });

  it('without a holdout recommends by BIC; a summary with a holdout column is scored like the table', () => {
    const summary = customerSummary(orders, { unit: 'weeks', calibrationEnd });
    const noHoldout = compareModels(summary);
    const best = noHoldout.rows.reduce((a, b) => (b.bic < a.bic ? b : a));
    expect(noHoldout.reason).to.equal('lowest-bic');
    expect(noHoldout.recommended).to.equal(best.model);
    expect(noHoldout.rows.every((r) => r.holdout === undefined)).to.equal(true);
    const split = calibrationHoldout(orders, calibrationEnd, holdoutEnd, { unit: 'weeks' });
    const fromSummary = compareModels(split, { models: ['bg-nbd'] });
    const fromTable = compareModels(orders, { calibrationEnd, holdoutEnd, models: ['bg-nbd'] });
    expect(fromSummary.rows[0].holdout!.rmse).to.equal(fromTable.rows[0].holdout!.rmse);
    expect(fromSummary.reason).to.equal('only-model-fitted');
  });

  it('names negligible dropout when customers never leave', () => {
    const simulated = tableFromRows(noDropoutRows(3000, 7));
    const comparison = compareModels(simulated);
    expect(comparison.dropoutNegligible).to.equal(true);
    for (const row of comparison.rows) {
      if (row.fit === undefined) continue;
      expect(row.diagnosis!.codes).to.include('negligible-dropout');
      expect(row.diagnosis!.dropoutPerPurchase).to.be.below(0.01);
    }
  });

  it('names too few repeat customers and too short a history', () => {
    const rows: Row[] = [];
    const start = utcDay(2024, 3, 1);
    for (let c = 0; c < 60; c++) {
      rows.push({ customer: `k${c}`, day: start + (c % 10), amount: 10 });
      if (c % 6 === 0) rows.push({ customer: `k${c}`, day: start + 9, amount: 10 });
    }
    const summary = customerSummary(tableFromRows(rows), { unit: 'days' });
    const comparison = compareModels(summary, { models: ['bg-nbd'] });
    const row = comparison.rows[0];
    if (row.fit !== undefined) {
      expect(row.diagnosis!.codes).to.include('few-repeat-customers');
      expect(row.diagnosis!.codes).to.include('short-history');
      expect(Number.isFinite(row.fit.r) && Number.isFinite(row.logLikelihood)).to.equal(true);
    } else {
      expect(row.error).to.equal('non-finite-fit');
    }
    expect(comparison.customersWithoutHistory).to.equal(6); // first order on day 9, the last day
  });
});
