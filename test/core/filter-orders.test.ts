import { expect } from '@open-wc/testing';
import { customerCodesOf, filterOrders } from '../../src/core/filter-orders.js';
import type { OrderTable } from '../../src/core/order-table.js';

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random day-sorted table with orders, channels and shuffled invoice lines (product + category). */
function randomTable(seed: number, n: number, nCustomers: number): OrderTable {
  const r = rng(seed);
  const days = Array.from({ length: n }, () => 9000 + Math.floor(r() * 60)).sort((a, b) => a - b);
  const customers = Array.from({ length: nCustomers }, (_, i) => `c${i}`);
  const lineOrder: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(r() * 3); // 0..2 lines per order
    for (let j = 0; j < k; j++) lineOrder.push(i);
  }
  // Lines are not required to be grouped by order: shuffle them.
  for (let j = lineOrder.length - 1; j > 0; j--) {
    const s = Math.floor(r() * (j + 1));
    [lineOrder[j], lineOrder[s]] = [lineOrder[s], lineOrder[j]];
  }
  const m = lineOrder.length;
  return {
    length: n,
    customer: { codes: Int32Array.from({ length: n }, () => Math.floor(r() * nCustomers)), values: customers },
    day: Int32Array.from(days),
    amount: Float64Array.from({ length: n }, () => Math.floor(r() * 10000) / 100),
    hasAmount: true,
    order: { codes: Int32Array.from({ length: n }, (_, i) => i), values: Array.from({ length: n }, (_, i) => `o${i}`) },
    channel: { codes: Int32Array.from({ length: n }, () => Math.floor(r() * 2)), values: ['web', 'shop'] },
    lines: {
      length: m,
      order: Int32Array.from(lineOrder),
      amount: Float64Array.from({ length: m }, (_, j) => j + 0.5),
      product: { codes: Int32Array.from({ length: m }, (_, j) => j % 7), values: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'] },
      category: { codes: Int32Array.from({ length: m }, (_, j) => j % 3), values: ['a', 'b', 'c'] },
    },
    timeZone: 'UTC',
  };
}

/** Rows of a table as plain objects, resolving every dictionary (the oracle compares these). */
function orderRows(t: OrderTable) {
  return Array.from({ length: t.length }, (_, i) => ({
    customer: t.customer.values[t.customer.codes[i]],
    day: t.day[i],
    amount: t.amount[i],
    order: t.order?.values[t.order.codes[i]],
    channel: t.channel?.values[t.channel.codes[i]],
  }));
}
function lineRows(t: OrderTable) {
  const l = t.lines;
  if (!l) return [];
  return Array.from({ length: l.length }, (_, j) => ({
    order: t.order!.values[t.order!.codes[l.order[j]]],
    amount: l.amount[j],
    product: l.product!.values[l.product!.codes[j]],
    category: l.category!.values[l.category!.codes[j]],
  }));
}

describe('filterOrders', () => {
  it('equals a brute-force row filter on random tables (orders, dictionaries and remapped lines)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const t = randomTable(seed, 1 + (seed * 37) % 400, 1 + (seed % 25));
      const r = rng(seed * 101);
      const fromDay = r() < 0.25 ? undefined : 8995 + Math.floor(r() * 70);
      const toDay = r() < 0.25 ? undefined : 8995 + Math.floor(r() * 70);
      const ids = r() < 0.3 ? null : t.customer.values.filter(() => r() < 0.4);
      const codes = ids === null ? null : customerCodesOf(t, [...ids, 'nobody']);
      const out = filterOrders(t, { fromDay, toDay, customerCodes: codes });

      const keep = (row: { day: number; customer: string }) =>
        (fromDay === undefined || row.day >= fromDay) && (toDay === undefined || row.day <= toDay) && (ids === null || ids.includes(row.customer));
      const expectedOrders = orderRows(t).filter(keep);
      const keptOrderIds = new Set(expectedOrders.map((o) => o.order));
      const expectedLines = lineRows(t).filter((l) => keptOrderIds.has(l.order));

      expect(out.length, `seed ${seed}`).to.equal(expectedOrders.length);
      expect(orderRows(out), `seed ${seed}`).to.deep.equal(expectedOrders);
      expect(lineRows(out), `seed ${seed} lines`).to.deep.equal(expectedLines);
      expect(out.lines!.length).to.equal(expectedLines.length);
      for (let i = 1; i < out.length; i++) expect(out.day[i]).to.be.at.least(out.day[i - 1]);
      for (let j = 0; j < out.lines!.length; j++) expect(out.lines!.order[j]).to.be.within(0, out.length - 1);
      expect(out.hasAmount).to.equal(true);
      expect(out.timeZone).to.equal('UTC');
      if (out !== t) {
        // Dictionaries' values are shared; code arrays are new typed arrays.
        expect(out.customer.values).to.equal(t.customer.values);
        expect(out.customer.codes).to.be.instanceOf(Int32Array);
        expect(out.customer.codes).to.not.equal(t.customer.codes);
        expect(out.day).to.be.instanceOf(Int32Array);
        expect(out.amount).to.be.instanceOf(Float64Array);
      }
    }
  });

  it('keeps the dimension columns of the kept orders (a breakdown by a dimension still works after a filter)', () => {
    const t: OrderTable = { ...randomTable(3, 120, 9), dimensions: { coupon: { codes: Int32Array.from({ length: 120 }, (_, i) => i % 3), values: ['a', 'b', 'c'] } } };
    const out = filterOrders(t, { fromDay: 9010, toDay: 9040 });
    const want = Array.from(t.day.keys()).filter((i) => t.day[i] >= 9010 && t.day[i] <= 9040).map((i) => i % 3);
    expect([...out.dimensions!.coupon.codes]).to.deep.equal(want);
    expect(out.dimensions!.coupon.values).to.equal(t.dimensions!.coupon.values);
  });

  it('returns the input table itself when nothing is filtered out', () => {
    const t = randomTable(7, 50, 5);
    expect(filterOrders(t, {})).to.equal(t);
    expect(filterOrders(t, { fromDay: t.day[0], toDay: t.day[t.length - 1] })).to.equal(t);
    expect(filterOrders(t, { customerCodes: [0, 1, 2, 3, 4] })).to.equal(t);
    // Modest change: one day less → a new table.
    expect(filterOrders(t, { toDay: t.day[t.length - 1] - 1 })).to.not.equal(t);
  });

  it('treats from/to as inclusive calendar days, an empty customer list as "none", and an inverted range as empty', () => {
    const t = randomTable(3, 200, 10);
    const d = t.day[100];
    const only = filterOrders(t, { fromDay: d, toDay: d });
    expect(only.length).to.equal(t.day.filter((x) => x === d).length);
    expect(Array.from(only.day).every((x) => x === d)).to.equal(true);
    expect(filterOrders(t, { customerCodes: [] }).length).to.equal(0);
    expect(filterOrders(t, { customerCodes: [] }).lines!.length).to.equal(0);
    expect(filterOrders(t, { fromDay: d + 1, toDay: d }).length).to.equal(0);
  });

  it('works on a table without optional columns', () => {
    const t: OrderTable = {
      length: 4,
      customer: { codes: Int32Array.of(0, 1, 0, 2), values: ['a', 'b', 'c'] },
      day: Int32Array.of(1, 2, 3, 4),
      amount: Float64Array.of(10, 20, 30, 40),
      hasAmount: false,
      timeZone: 'Asia/Shanghai',
    };
    const out = filterOrders(t, { fromDay: 2, customerCodes: customerCodesOf(t, ['a', 'c']) });
    expect(Array.from(out.day)).to.deep.equal([3, 4]);
    expect(Array.from(out.amount)).to.deep.equal([30, 40]);
    expect(Array.from(out.customer.codes)).to.deep.equal([0, 2]);
    expect(out.lines).to.equal(undefined);
    expect(out.order).to.equal(undefined);
    expect(out.hasAmount).to.equal(false);
    expect(out.timeZone).to.equal('Asia/Shanghai');
  });
});
