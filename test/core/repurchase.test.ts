import { expect } from '@open-wc/testing';
import { repurchase } from '../../src/core/repurchase.js';
import { cdnowMasterRows, keyOf, rng, tableFromRows, type Row } from './fixtures.js';

/** Type-7 quantile, written out plainly for the oracle. */
function q7(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = q * (s.length - 1);
  const i = Math.floor(pos);
  return i + 1 < s.length ? s[i] * (1 - (pos - i)) + s[i + 1] * (pos - i) : s[i];
}

function purchaseDays(rows: Row[]): Map<string, number[]> {
  const m = new Map<string, Set<number>>();
  for (const r of rows) {
    if (!m.has(r.customer)) m.set(r.customer, new Set());
    m.get(r.customer)!.add(r.day);
  }
  return new Map([...m].map(([c, s]) => [c, [...s].sort((a, b) => a - b)]));
}

describe('repurchase', () => {
  it('matches brute force on CDNOW master (rates, intervals, second order, frequency, per month)', async () => {
    const rows = await cdnowMasterRows();
    const r = repurchase(tableFromRows(rows), { withinDays: 30, period: 'month' });
    const pd = purchaseDays(rows);
    const orderCount = new Map<string, number>();
    for (const x of rows) orderCount.set(x.customer, (orderCount.get(x.customer) ?? 0) + 1);

    expect(r.customers).to.equal(23570);
    const repeaters = [...orderCount.values()].filter((k) => k >= 2).length;
    expect(r.repeatCustomers).to.equal(repeaters);
    expect(r.repurchaseRate).to.be.closeTo(repeaters / 23570, 1e-12);
    expect(r.repeatPurchaseDayCustomers).to.equal(11516); // SOURCE.md
    expect(r.aov).to.be.closeTo(2500315.63 / 69659, 1e-9);
    expect(r.ordersPerCustomer).to.be.closeTo(69659 / 23570, 1e-12);

    const gaps: number[] = [];
    const seconds: number[] = [];
    for (const ds of pd.values()) {
      for (let i = 1; i < ds.length; i++) gaps.push(ds[i] - ds[i - 1]);
      if (ds.length > 1) seconds.push(ds[1] - ds[0]);
    }
    for (const [got, want] of [[r.intervalDays, gaps], [r.timeToSecondOrder, seconds]] as const) {
      expect(got.count).to.equal(want.length);
      expect(got.mean).to.be.closeTo(want.reduce((a, b) => a + b, 0) / want.length, 1e-9);
      expect([got.p25, got.median, got.p75]).to.deep.equal([q7(want, 0.25), q7(want, 0.5), q7(want, 0.75)]);
      const edges = got.histogram.binDays;
      got.histogram.counts.forEach((n, i) => {
        const hi = i + 1 < edges.length ? edges[i + 1] : Infinity;
        expect(n).to.equal(want.filter((g) => g >= edges[i] && g < hi).length);
      });
    }

    const dist = r.frequencyDistribution;
    expect(dist.length).to.equal(10);
    for (const b of dist) {
      const want = [...orderCount.values()].filter((k) => (b.orPlus ? k >= b.orders : k === b.orders)).length;
      expect(b.customers, `orders=${b.orders}`).to.equal(want);
    }
    expect(dist.reduce((s, b) => s + b.customers, 0)).to.equal(23570);

    // Per month, brute force over each customer's purchase days.
    const lastDay = Math.max(...rows.map((x) => x.day));
    const want = new Map<string, { buyers: number; inP: number; inN: number }>();
    for (const ds of pd.values()) {
      const seen = new Set<string>();
      for (const f of ds) {
        const key = keyOf('month', f);
        if (seen.has(key)) continue;
        seen.add(key);
        const w = want.get(key) ?? { buyers: 0, inP: 0, inN: 0 };
        w.buyers++;
        if (ds.some((d) => d > f && keyOf('month', d) === key)) w.inP++;
        if (ds.some((d) => d > f && d <= f + 30)) w.inN++;
        want.set(key, w);
      }
    }
    expect(r.perPeriod.length).to.equal(18);
    for (const row of r.perPeriod) {
      const w = want.get(row.period)!;
      expect([row.buyers, row.repeatersWithinPeriod, row.repeatersWithinNDays], row.period).to.deep.equal([w.buyers, w.inP, w.inN]);
      expect(row.repeatedWithinNDays).to.be.closeTo(w.inN / w.buyers, 1e-12);
    }
    expect(r.perPeriod.at(-1)!.windowCensored).to.equal(true);
    expect(r.perPeriod.at(-1)!.partial).to.equal(false); // data ends on 1998-06-30
    expect(r.perPeriod[0].windowCensored).to.equal(false);
    expect(lastDay).to.be.greaterThan(0);
    expect(r.byProduct).to.equal(undefined);
  });

  it('per product and per category: buyers, repeat buyers, median cycle (synthetic, brute force)', () => {
    const rand = rng(7);
    const rows: Row[] = [];
    const products = ['tea', 'cup', 'pot', 'bag', 'spoon'];
    for (let i = 0; i < 3000; i++) {
      const k = 1 + Math.floor(rand() * 3);
      const items = Array.from({ length: k }, () => products[Math.floor(rand() * products.length)]);
      rows.push({ customer: `c${Math.floor(rand() * 300)}`, day: 1000 + Math.floor(rand() * 400), amount: 10, products: items, categories: items.map((p) => (p === 'tea' ? 'food' : 'ware')) });
    }
    const r = repurchase(tableFromRows(rows));
    for (const [list, field] of [[r.byProduct!, 'products'], [r.byCategory!, 'categories']] as const) {
      const days = new Map<string, Map<string, Set<number>>>();
      for (const x of rows) for (const p of x[field]!) {
        if (!days.has(p)) days.set(p, new Map());
        const m = days.get(p)!;
        if (!m.has(x.customer)) m.set(x.customer, new Set());
        m.get(x.customer)!.add(x.day);
      }
      expect(list.length).to.equal(days.size);
      for (const item of list) {
        const m = days.get(item.product)!;
        const cycles: number[] = [];
        for (const s of m.values()) {
          const ds = [...s].sort((a, b) => a - b);
          for (let i = 1; i < ds.length; i++) cycles.push(ds[i] - ds[i - 1]);
        }
        const rep = [...m.values()].filter((s) => s.size >= 2).length;
        expect([item.buyers, item.repeatBuyers]).to.deep.equal([m.size, rep]);
        expect(item.medianCycleDays).to.equal(q7(cycles, 0.5));
      }
      for (let i = 1; i < list.length; i++) expect(list[i - 1].repeatBuyers).to.be.at.least(list[i].repeatBuyers);
    }
  });

  it('handles one-order customers and a one-day dataset', () => {
    const r = repurchase(tableFromRows([
      { customer: 'a', day: 50, amount: 3 },
      { customer: 'a', day: 50, amount: 4 },
      { customer: 'b', day: 50, amount: 5 },
    ]), { period: 'day' });
    expect([r.customers, r.repeatCustomers, r.repeatPurchaseDayCustomers]).to.deep.equal([2, 1, 0]);
    expect(r.intervalDays.count).to.equal(0);
    expect(Number.isNaN(r.intervalDays.median)).to.equal(true);
    expect(r.aov).to.equal(4);
    expect(r.perPeriod).to.deep.equal([{ period: '1970-02-20', buyers: 2, repeatersWithinPeriod: 0, repeatedWithinPeriod: 0, repeatersWithinNDays: 0, repeatedWithinNDays: 0, partial: false, windowCensored: true }]);
    expect(r.frequencyDistribution.slice(0, 2)).to.deep.equal([{ orders: 1, customers: 1, orPlus: false }, { orders: 2, customers: 1, orPlus: false }]);
  });
});
