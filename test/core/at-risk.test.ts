import { expect } from '@open-wc/testing';
import { atRiskCustomers, pAliveCurve } from '../../src/core/at-risk.js';
import { customerSummary } from '../../src/core/customer-summary.js';
import { fitBgNbd, bgNbdPAlive } from '../../src/core/bg-nbd.js';
import { fitMbgNbd, mbgNbdPAlive } from '../../src/core/mbg-nbd.js';
import { overdueProbability } from '../../src/core/model-diagnostics.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { cdnowSampleRows, tableFromRows, utcDay, type Row } from './fixtures.js';
import { noDropoutRows } from './no-dropout-simulate.js';

function withoutAmounts(orders: OrderTable): OrderTable {
  return { ...orders, hasAmount: false, amount: new Float64Array(orders.length) };
}

describe('atRiskCustomers', () => {
  let cdnow: OrderTable;
  const asOf = utcDay(1997, 9, 30);

  before(async () => {
    cdnow = tableFromRows(await cdnowSampleRows());
  });

  it('CDNOW, BG/NBD: P(alive) and overdue per customer, ranked by expected value lost', () => {
    const risk = atRiskCustomers(cdnow, { asOf, model: 'bg-nbd' });
    const summary = customerSummary(cdnow, { unit: 'weeks', calibrationEnd: asOf });
    const fit = fitBgNbd(summary);
    expect(risk.model).to.equal('bg-nbd');
    expect(risk.modelReason).to.equal('requested');
    expect(risk.dropoutNegligible).to.equal(false);
    expect(risk.lossBasis).to.equal('p-alive');
    expect(risk.rankedBy).to.equal('expected-value-lost');
    expect(risk.customers.length).to.equal(2357);
    const index = new Map(summary.customerId.map((id, i) => [id, i]));
    for (const c of risk.customers.slice(0, 50)) {
      const i = index.get(c.customerId)!;
      const [x, tx, T] = [summary.frequency[i], summary.recency[i], summary.T[i]];
      expect(c.pAlive).to.be.closeTo(bgNbdPAlive(fit, x, tx, T), 1e-9);
      expect(c.overdue).to.be.closeTo(Math.pow((fit.alpha + tx) / (fit.alpha + T), fit.r + x), 1e-9);
      expect(c.daysSinceLastOrder).to.equal(asOf - summary.lastDay[i]);
      expect(c.expectedValueLost).to.be.at.least(0);
    }
    for (let k = 1; k < risk.customers.length; k++) expect(risk.customers[k - 1].expectedValueLost!).to.be.at.least(risk.customers[k].expectedValueLost!);
    // The top of the list is repeat buyers the model thinks are probably gone.
    expect(risk.customers[0].pAlive).to.be.below(0.5);
    expect(atRiskCustomers(cdnow, { asOf, model: 'bg-nbd', limit: 10 }).customers.map((c) => c.customerId)).to.deep.equal(risk.customers.slice(0, 10).map((c) => c.customerId));
  });

  it('repeat buyers the model gives a low P(alive) buy less in the holdout than those it gives a high one (CDNOW, MBG/NBD)', async () => {
    const risk = atRiskCustomers(cdnow, { asOf, model: 'mbg-nbd' });
    const later = new Map<string, number>();
    for (const r of await cdnowSampleRows()) if (r.day > asOf) later.set(r.customer, (later.get(r.customer) ?? 0) + 1);
    const repeat = risk.customers.filter((c) => c.frequency >= 2);
    const low = repeat.filter((c) => c.pAlive < 0.3);
    const high = repeat.filter((c) => c.pAlive > 0.7);
    const mean = (cs: typeof repeat) => cs.reduce((s, c) => s + (later.get(c.customerId) ?? 0), 0) / cs.length;
    expect(low.length).to.be.above(20);
    expect(mean(low)).to.be.below(mean(high) / 2);
  });

  it('without amounts ranks by expected purchases lost and says why there is no value', () => {
    const risk = atRiskCustomers(withoutAmounts(cdnow), { asOf, model: 'bg-nbd' });
    expect(risk.rankedBy).to.equal('expected-purchases-lost');
    expect(risk.noValueReason).to.equal('no-amounts');
    expect(risk.customers.every((c) => c.expectedValueLost === null)).to.equal(true);
    for (let k = 1; k < risk.customers.length; k++) expect(risk.customers[k - 1].expectedPurchasesLost).to.be.at.least(risk.customers[k].expectedPurchasesLost);
    expect(risk.customers[0].expectedPurchasesLost).to.be.above(0);
  });

  it('when the model sees no dropout, ranks by how overdue customers are and says so; never by id text', () => {
    const rows = noDropoutRows(2000, 11);
    const last = rows.reduce((m, r) => Math.max(m, r.day), 0);
    // A weekly buyer for 30 weeks who then went silent for 20 weeks, and a weekly buyer still buying.
    const planted: Row[] = [];
    for (let w = 0; w < 30; w++) planted.push({ customer: 'zz-gone-quiet', day: last - 50 * 7 + w * 7, amount: 40 });
    for (let w = 0; w < 50; w++) planted.push({ customer: 'aa-still-buying', day: last - 50 * 7 + w * 7 + 3, amount: 40 });
    const orders = tableFromRows([...rows, ...planted]);
    for (const table of [orders, withoutAmounts(orders)]) {
      const risk = atRiskCustomers(table, { model: 'bg-nbd' });
      expect(risk.dropoutNegligible).to.equal(true);
      expect(risk.lossBasis).to.equal('overdue');
      expect(risk.customers.length).to.be.above(0);
      expect(risk.customers.slice(0, 5).map((c) => c.customerId)).to.include('zz-gone-quiet');
      const gone = risk.customers.find((c) => c.customerId === 'zz-gone-quiet')!;
      const active = risk.customers.find((c) => c.customerId === 'aa-still-buying')!;
      expect(gone.overdue).to.be.below(1e-3);
      expect(active.overdue).to.be.above(0.3);
      expect(risk.customers.indexOf(gone)).to.be.below(risk.customers.indexOf(active));
    }
    const auto = atRiskCustomers(orders, { limit: 20 });
    expect(['bg-nbd', 'mbg-nbd', 'pareto-nbd']).to.include(auto.model);
    expect(auto.modelReason).to.not.equal('requested');
    expect(auto.customers.length).to.equal(20);
    expect(auto.dropoutNegligible).to.equal(true);
  });

  it('customers whose first order is on asOf are counted, not ranked', () => {
    const rows: Row[] = [...noDropoutRows(300, 3)];
    const last = rows.reduce((m, r) => Math.max(m, r.day), 0);
    rows.push({ customer: 'brand-new', day: last, amount: 10 });
    const risk = atRiskCustomers(tableFromRows(rows), { model: 'mbg-nbd' });
    expect(risk.customers.some((c) => c.customerId === 'brand-new')).to.equal(false);
    expect(risk.customersWithoutHistory).to.be.at.least(1);
  });
});

describe('pAliveCurve', () => {
  it('overdue falls with days since the last order; P(alive) follows the model', () => {
    const bg = { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426, unit: 'weeks' };
    const curves = pAliveCurve(bg, { model: 'bg-nbd', x: [0, 2, 5], days: 180 });
    expect(curves.map((c) => c.x)).to.deep.equal([0, 2, 5]);
    for (const curve of curves) {
      expect(curve.days.length).to.equal(181);
      expect(curve.overdue[0]).to.equal(1);
      for (let d = 1; d < curve.days.length; d++) expect(curve.overdue[d]).to.be.below(curve.overdue[d - 1]);
      const tx = curve.recencyDays / 7;
      expect(curve.overdue[90]).to.be.closeTo(overdueProbability(bg, curve.x, tx, tx + 90 / 7), 1e-14);
      expect(curve.pAlive[90]).to.be.closeTo(bgNbdPAlive(bg, curve.x, tx, tx + 90 / 7), 1e-14);
    }
    expect(curves[0].pAlive.every((p) => p === 1)).to.equal(true); // BG/NBD: no repeat purchase → alive
    expect(curves[1].recencyDays).to.be.closeTo((2 * 4.414 * 7) / 0.2426, 1e-9);
    const mbg = pAliveCurve({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, { model: 'mbg-nbd', x: 0, days: [0, 30, 60], unit: 'weeks' });
    expect(mbg[0].pAlive[1]).to.be.closeTo(mbgNbdPAlive({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 0, 0, 30 / 7), 1e-14);
    expect(mbg[0].pAlive[2]).to.be.below(mbg[0].pAlive[1]);
    expect(fitMbgNbd).to.be.a('function');
  });
});
