import { expect } from '@open-wc/testing';
import { customerSummary } from '../../src/core/customer-summary.js';
import { calibrationHoldout } from '../../src/core/calibration-holdout.js';
import { cdnowMasterRows, cdnowSampleRows, csvRecords, tableFromRows, utcDay, type Row } from './fixtures.js';

const CAL_END = utcDay(1997, 9, 30);
const HOLD_END = utcDay(1998, 6, 30);
// Published values are rounded half-up to 2 decimals; allow exactly that rounding.
const close2 = (a: number, b: number): boolean => Math.abs(a - b) <= 0.005 + 1e-9;

/** Brute force: per customer the sorted set of purchase days with their summed value. */
function bruteSummary(rows: Row[], calEnd: number, unit: number) {
  const byCustomer = new Map<string, Map<number, { value: number; orders: number }>>();
  for (const r of rows) {
    if (r.day > calEnd) continue;
    if (!byCustomer.has(r.customer)) byCustomer.set(r.customer, new Map());
    const m = byCustomer.get(r.customer)!;
    const e = m.get(r.day) ?? { value: 0, orders: 0 };
    e.value += r.amount;
    e.orders += 1;
    m.set(r.day, e);
  }
  const out = new Map<string, { x: number; tx: number; T: number; zbar: number; orders: number; revenue: number }>();
  for (const [c, m] of byCustomer) {
    const ds = [...m.keys()].sort((a, b) => a - b);
    const repeat = ds.slice(1).map((d) => m.get(d)!.value);
    out.set(c, {
      x: ds.length - 1,
      tx: (ds[ds.length - 1] - ds[0]) / unit,
      T: (calEnd - ds[0]) / unit,
      zbar: repeat.length ? repeat.reduce((s, v) => s + v, 0) / repeat.length : 0,
      orders: [...m.values()].reduce((s, e) => s + e.orders, 0),
      revenue: [...m.values()].reduce((s, e) => s + e.value, 0),
    });
  }
  return out;
}

describe('customerSummary', () => {
  it('reproduces the published CDNOW calibration summary (2,357 customers, 2 decimals) and zbar', async () => {
    const orders = tableFromRows(await cdnowSampleRows());
    const s = customerSummary(orders, { unit: 'weeks', calibrationEnd: CAL_END });
    const pub = await csvRecords('/data/cdnow/cdnow_customers_summary.csv');
    const pubZ = await csvRecords('/data/cdnow/cdnow_customers_summary_with_transactions.csv');
    expect(s.length).to.equal(2357);
    expect(pub.length).to.equal(2357);
    const at = new Map(s.customerId.map((id, i) => [id, i]));
    let checked = 0;
    for (let k = 0; k < pub.length; k++) {
      const i = at.get(String(pub[k].ID))!;
      expect(i, `customer ${pub[k].ID}`).to.be.a('number');
      const ok = s.frequency[i] === pub[k].frequency && close2(s.recency[i], pub[k].recency) && close2(s.T[i], pub[k].T) && close2(s.monetary[i], pubZ[k].zbar);
      expect(ok, `ID ${pub[k].ID}: ${s.frequency[i]} ${s.recency[i]} ${s.T[i]} ${s.monetary[i]} vs ${JSON.stringify(pub[k])} zbar ${pubZ[k].zbar}`).to.equal(true);
      checked++;
    }
    expect(checked).to.equal(2357);
    expect(s.frequency.reduce((a, b) => a + b, 0)).to.equal(2457); // SOURCE.md
  });

  it('counts the 8 zero-value CDNOW_sample rows, as the published summary does', async () => {
    const rows = await cdnowSampleRows();
    const zero = rows.filter((r) => r.amount === 0);
    expect(zero.length).to.equal(8);
    const pub = new Map((await csvRecords('/data/cdnow/cdnow_customers_summary.csv')).map((r) => [String(r.ID), r]));
    // Without them, these customers would vanish: their only calibration purchase is the zero-value one.
    const dropped = customerSummary(tableFromRows(rows.filter((r) => r.amount !== 0)), { unit: 'weeks', calibrationEnd: CAL_END });
    expect(dropped.length).to.equal(2357 - 8);
    const s = customerSummary(tableFromRows(rows), { unit: 'weeks', calibrationEnd: CAL_END });
    for (const z of zero) {
      const i = s.customerId.indexOf(z.customer);
      expect(s.firstDay[i]).to.equal(z.day);
      expect(close2(s.T[i], pub.get(z.customer)!.T)).to.equal(true);
    }
  });

  it('matches a brute-force summary on CDNOW master (days and weeks, 23,570 customers)', async () => {
    const rows = await cdnowMasterRows();
    const orders = tableFromRows(rows);
    for (const [unit, div] of [['days', 1], ['weeks', 7]] as const) {
      const s = customerSummary(orders, { unit, calibrationEnd: CAL_END });
      const oracle = bruteSummary(rows, CAL_END, div);
      expect(s.length).to.equal(oracle.size);
      expect(s.length).to.equal(23570);
      for (let i = 0; i < s.length; i++) {
        const o = oracle.get(s.customerId[i])!;
        expect([s.frequency[i], s.orders[i]]).to.deep.equal([o.x, o.orders]);
        expect(s.recency[i]).to.be.closeTo(o.tx, 1e-9);
        expect(s.T[i]).to.be.closeTo(o.T, 1e-9);
        expect(s.monetary[i]).to.be.closeTo(o.zbar, 1e-6);
        expect(s.revenue[i]).to.be.closeTo(o.revenue, 1e-6);
      }
    }
    const repeaters = customerSummary(orders, { unit: 'days' });
    expect(Array.from(repeaters.purchaseDays).filter((k) => k >= 2).length).to.equal(11516); // SOURCE.md
  });

  it('measures T to asOf when given, and handles one-order customers and a one-day dataset', () => {
    const orders = tableFromRows([
      { customer: 'a', day: 100, amount: 5 },
      { customer: 'b', day: 100, amount: 7 },
      { customer: 'a', day: 100, amount: 1 },
    ]);
    const s = customerSummary(orders, { unit: 'days', asOf: 114 });
    expect(s.endDay).to.equal(114);
    expect(Array.from(s.frequency)).to.deep.equal([0, 0]);
    expect(Array.from(s.orders)).to.deep.equal([2, 1]);
    expect(Array.from(s.T)).to.deep.equal([14, 14]);
    expect(Array.from(s.monetary)).to.deep.equal([0, 0]);
    expect(Array.from(s.revenue)).to.deep.equal([6, 7]);
    const w = customerSummary(orders, { unit: 'weeks' });
    expect(Array.from(w.T)).to.deep.equal([0, 0]);
  });
});

describe('calibrationHoldout', () => {
  it('counts holdout purchase days per calibration customer (CDNOW master, brute force)', async () => {
    const rows = await cdnowMasterRows();
    const ch = calibrationHoldout(tableFromRows(rows), CAL_END, HOLD_END, { unit: 'weeks' });
    expect(ch.holdoutLength).to.be.closeTo(273 / 7, 1e-12);
    const holdDays = new Map<string, Set<number>>();
    for (const r of rows) if (r.day > CAL_END && r.day <= HOLD_END) {
      if (!holdDays.has(r.customer)) holdDays.set(r.customer, new Set());
      holdDays.get(r.customer)!.add(r.day);
    }
    let total = 0;
    for (let i = 0; i < ch.length; i++) {
      expect(ch.holdoutFrequency[i]).to.equal(holdDays.get(ch.customerId[i])?.size ?? 0);
      total += ch.holdoutFrequency[i];
    }
    expect(total).to.be.greaterThan(0);
    expect(ch.T[0]).to.be.closeTo((CAL_END - ch.firstDay[0]) / 7, 1e-12);
  });
});
