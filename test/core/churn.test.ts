import { expect } from '@open-wc/testing';
import { churn } from '../../src/core/churn.js';
import { cdnowMasterRows, keyOf, tableFromRows, utcDay, type Row } from './fixtures.js';

type P = 'month' | 'week' | 'day';

/** Day-by-day simulation: status of every customer at the end of every day (0 none, 1 active, 2 churned). */
function simulate(rows: Row[], asOf: number, inactive: number, period: P) {
  const days = new Map<string, number[]>();
  for (const r of rows) if (r.day <= asOf) {
    if (!days.has(r.customer)) days.set(r.customer, []);
    days.get(r.customer)!.push(r.day);
  }
  const first = Math.min(...rows.map((r) => r.day));
  // Periods by key change, starting at the calendar start of the first order's period.
  let start = first;
  while (keyOf(period, start - 1) === keyOf(period, first)) start--;
  const periods: { key: string; s: number; t: number; active: number; churned: number; churnedOfActive: number }[] = [];
  for (let d = start; d <= asOf; d++) {
    const k = keyOf(period, d);
    if (!periods.length || periods[periods.length - 1].key !== k) periods.push({ key: k, s: d, t: d, active: 0, churned: 0, churnedOfActive: 0 });
    else periods[periods.length - 1].t = d;
  }
  const status = new Int8Array(asOf - start + 2); // index d - (start - 1)
  const atRisk = new Set<string>();
  const churnedNow = new Set<string>();
  for (const [c, ds] of days) {
    const set = new Set(ds);
    let last = -Infinity;
    for (let d = start - 1; d <= asOf; d++) {
      if (set.has(d)) last = d;
      status[d - start + 1] = last === -Infinity ? 0 : d - last > inactive ? 2 : 1;
    }
    for (const p of periods) {
      const activeAtStart = status[p.s - 1 - start + 1] === 1;
      if (activeAtStart) p.active++;
      let crossed = false;
      for (let d = p.s; d <= p.t; d++) if (status[d - start] === 1 && status[d - start + 1] === 2) crossed = true;
      if (crossed) p.churned++;
      if (crossed && activeAtStart) p.churnedOfActive++;
    }
    const idle = asOf - last;
    if (idle > inactive) churnedNow.add(c);
    else if (idle > inactive / 2) atRisk.add(c);
  }
  return { periods, churnedNow, atRisk, customers: days.size };
}

describe('churn', () => {
  let rows: Row[];
  before(async () => { rows = await cdnowMasterRows(); });

  for (const [period, inactive, asOf] of [['month', 90, utcDay(1998, 6, 30)], ['week', 30, utcDay(1997, 12, 10)]] as const) {
    it(`matches a day-by-day simulation on CDNOW master (${period}, ${inactive} days)`, () => {
      const res = churn(tableFromRows(rows), { inactiveDays: inactive, period, asOf });
      const sim = simulate(rows, asOf, inactive, period);
      expect(res.thresholdRule).to.equal('given');
      expect(res.customers).to.equal(sim.customers);
      expect(res.churnedCustomers).to.equal(sim.churnedNow.size);
      expect(res.churnRate).to.be.closeTo(sim.churnedNow.size / sim.customers, 1e-12);
      const values = tableFromRows(rows).customer.values;
      const ids = (codes: Int32Array) => new Set(Array.from(codes, (c) => values[c]));
      expect([...ids(res.churnedCodes)].sort()).to.deep.equal([...sim.churnedNow].sort());
      expect([...ids(res.atRiskCodes)].sort()).to.deep.equal([...sim.atRisk].sort());
      expect(res.perPeriod.map((p) => p.period)).to.deep.equal(sim.periods.map((p) => p.key));
      res.perPeriod.forEach((p, i) => {
        const w = sim.periods[i];
        expect([p.activeAtStart, p.churned, p.churnedOfActiveAtStart], p.period).to.deep.equal([w.active, w.churned, w.churnedOfActive]);
        expect(p.churnRate).to.equal(w.active ? w.churnedOfActive / w.active : 0);
      });
      expect(res.perPeriod.some((p) => p.churned > 0)).to.equal(true);
    });
  }

  it("resolves 'auto' to the ceiling of the p90 repurchase interval", () => {
    const orders = tableFromRows(rows);
    const gaps: number[] = [];
    const byC = new Map<string, Set<number>>();
    for (const r of rows) { if (!byC.has(r.customer)) byC.set(r.customer, new Set()); byC.get(r.customer)!.add(r.day); }
    for (const s of byC.values()) { const ds = [...s].sort((a, b) => a - b); for (let i = 1; i < ds.length; i++) gaps.push(ds[i] - ds[i - 1]); }
    gaps.sort((a, b) => a - b);
    const pos = 0.9 * (gaps.length - 1);
    const p90 = gaps[Math.floor(pos)] + (pos - Math.floor(pos)) * (gaps[Math.floor(pos) + 1] - gaps[Math.floor(pos)]);
    const res = churn(orders, { inactiveDays: 'auto' });
    expect(res.inactiveDays).to.equal(Math.ceil(p90));
    expect(res.thresholdRule).to.equal('p90');
    expect(res.inactiveDays).to.equal(Math.ceil(p90));
  });

  it('handles a one-day dataset and one-order customers', () => {
    const t = tableFromRows([{ customer: 'a', day: 100, amount: 1 }, { customer: 'b', day: 100, amount: 1 }]);
    const res = churn(t, { inactiveDays: 'auto', period: 'day' });
    expect(res.inactiveDays).to.equal(90);
    expect(res.perPeriod).to.deep.equal([{ period: '1970-04-11', activeAtStart: 0, churned: 0, churnedOfActiveAtStart: 0, churnRate: 0, partial: false }]);
    const later = churn(t, { inactiveDays: 10, period: 'day', asOf: 112 });
    expect(later.churnedCustomers).to.equal(2);
    expect(later.perPeriod.map((p) => p.churned)).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0]);
    expect(later.perPeriod[11].activeAtStart).to.equal(2);
    expect(later.perPeriod[11].churnRate).to.equal(1);
  });
});
