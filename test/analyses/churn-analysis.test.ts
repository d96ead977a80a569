import { expect } from '@open-wc/testing';
import { churnAnalysis } from '../../src/analyses/churn-analysis.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { noDropoutRows } from '../core/no-dropout-simulate.js';
import { cdnowSampleRows, tableFromRows, utcDay, type Row } from '../core/fixtures.js';

const params = { period: 'month' as const, inactiveDays: 'auto' as const, pAliveBelow: 0.5, unit: 'weeks' as const };

describe('churnAnalysis: model choice and the at-risk list', () => {
  let cdnow: OrderTable;
  before(async () => {
    cdnow = tableFromRows(await cdnowSampleRows());
  });

  it('CDNOW: P(alive) basis for every model; auto names its reason', () => {
    for (const model of ['bg-nbd', 'mbg-nbd', 'pareto-nbd', 'auto'] as const) {
      const a = churnAnalysis(cdnow, { ...params, asOf: utcDay(1997, 9, 30), model });
      if (model !== 'auto') expect(a.model).to.equal(model);
      expect(a.modelReason).to.equal(model === 'auto' ? 'lowest-bic' : 'requested');
      expect(a.listBasis).to.equal('p-alive');
      expect(a.atRisk.length).to.be.above(0);
      for (const i of a.atRisk) expect(a.pAlive[i]).to.be.below(0.5);
      for (let k = 1; k < a.atRisk.length; k++) expect(a.valueLost[a.atRisk[k - 1]]).to.be.at.least(a.valueLost[a.atRisk[k]]);
    }
  });

  it('a fit with negligible dropout ranks by overdue and says so; never silently empty; no amounts → purchases lost', () => {
    const rows: Row[] = noDropoutRows(1500, 5);
    const table = tableFromRows(rows);
    const a = churnAnalysis(table, params);
    expect(a.dropoutNegligible).to.equal(true);
    expect(a.degeneracy).to.include('negligible-dropout');
    expect(a.listBasis).to.equal('overdue');
    expect(a.listBasisReason).to.equal('negligible-dropout');
    expect(a.atRisk.length).to.be.above(0);
    for (const i of a.atRisk) expect(a.overdue[i]).to.be.below(0.5);
    expect(a.rankedBy).to.equal('expected-value-lost');
    const noAmounts = churnAnalysis({ ...table, hasAmount: false, amount: new Float64Array(table.length) }, params);
    expect(noAmounts.rankedBy).to.equal('expected-purchases-lost');
    const list = Array.from(noAmounts.atRisk);
    for (let k = 1; k < list.length; k++) expect(noAmounts.purchasesLost[list[k - 1]]).to.be.at.least(noAmounts.purchasesLost[list[k]]);
    // Not the text order of ids.
    const ids = list.map((i) => noAmounts.input.customerId[i]);
    expect(ids).to.not.deep.equal([...ids].sort());
  });
});
