import { expect } from '@open-wc/testing';
import { productAffinity, productAffinityCustomers } from '../../src/core/product-affinity.js';
import { nextPurchase, nextPurchaseCustomers } from '../../src/core/next-purchase.js';
import { basketStats } from '../../src/core/basket-stats.js';
import { filterOrders } from '../../src/core/filter-orders.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { rng, tableFromRows, type Row } from './fixtures.js';

const text = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Random orders: skewed product popularity, 0–7 lines each (repeats inside an order allowed). */
function randomRows(seed: number, nOrders = 1500, nProducts = 30, nCustomers = 250): Row[] {
  const u = rng(seed);
  const rows: Row[] = [];
  for (let i = 0; i < nOrders; i++) {
    const k = Math.floor(u() * 8);
    const products: string[] = [];
    for (let j = 0; j < k; j++) products.push(`P${Math.floor(nProducts * u() * u())}`);
    rows.push({ customer: `c${Math.floor(u() * nCustomers)}`, day: 18000 + Math.floor(u() * 400), amount: 10, ...(k ? { products } : {}) });
  }
  // Every order needs the products key for the fixture to attach lines; orders without lines stay empty.
  if (!rows.some((r) => r.products)) rows[0].products = ['P0'];
  return rows;
}

/** Brute force: distinct items per order, every pair counted in a Map keyed by "a|b" with a < b by text. */
function bruteAffinity(rows: Row[], maxItems = Infinity) {
  const baskets = rows.map((r) => new Set(r.products ?? [])).filter((s) => s.size > 0 && s.size <= maxItems);
  const single = new Map<string, number>();
  const pair = new Map<string, number>();
  for (const s of baskets) {
    const items = [...s].sort(text);
    for (const a of items) single.set(a, (single.get(a) ?? 0) + 1);
    for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
      const key = `${items[i]}|${items[j]}`;
      pair.set(key, (pair.get(key) ?? 0) + 1);
    }
  }
  const n = baskets.length;
  const pairs = [...pair].map(([key, both]) => {
    const [a, b] = key.split('|');
    const nA = single.get(a)!;
    const nB = single.get(b)!;
    return { a, b, orders: both, ordersA: nA, ordersB: nB, support: both / n, confidenceAB: both / nA, confidenceBA: both / nB, lift: both / n / ((nA / n) * (nB / n)) };
  });
  pairs.sort((x, y) => y.orders - x.orders || text(x.a, y.a) || text(x.b, y.b));
  return { n, items: single.size, pairs };
}

function expectPairsClose(actual: { a: string; b: string; orders: number; lift: number; support: number; confidenceAB: number; confidenceBA: number }[], expected: typeof actual): void {
  expect(actual.map((p) => `${p.a}|${p.b}|${p.orders}`)).to.deep.equal(expected.map((p) => `${p.a}|${p.b}|${p.orders}`));
  actual.forEach((p, i) => {
    for (const k of ['support', 'confidenceAB', 'confidenceBA', 'lift'] as const) expect(p[k]).to.be.closeTo(expected[i][k], 1e-12);
  });
}

describe('productAffinity', () => {
  // The textbook basket (Tan, Steinbach & Kumar, "Introduction to Data Mining", table 6.1), with
  // bread on two lines of the first order to check that an item counts once per order.
  const textbook: Row[] = [
    { customer: 'u1', day: 1, amount: 5, products: ['bread', 'milk', 'bread'] },
    { customer: 'u2', day: 2, amount: 5, products: ['bread', 'diapers', 'beer', 'eggs'] },
    { customer: 'u3', day: 3, amount: 5, products: ['milk', 'diapers', 'beer', 'cola'] },
    { customer: 'u1', day: 4, amount: 5, products: ['bread', 'milk', 'diapers', 'beer'] },
    { customer: 'u4', day: 5, amount: 5, products: ['bread', 'milk', 'diapers', 'cola'] },
  ];

  it('gives the textbook support, confidence and lift of {beer, diapers}', () => {
    const r = productAffinity(tableFromRows(textbook), { minOrders: 1, top: 1000 });
    expect(r.status).to.equal('ok');
    expect(r.orders).to.equal(5);
    expect(r.items).to.equal(6);
    const p = r.pairs.find((x) => x.a === 'beer' && x.b === 'diapers')!;
    expect(p.orders).to.equal(3);
    expect(p.support).to.be.closeTo(0.6, 1e-12);
    expect(p.confidenceAB).to.be.closeTo(1, 1e-12); // P(diapers | beer) = 3/3
    expect(p.confidenceBA).to.be.closeTo(0.75, 1e-12); // P(beer | diapers) = 3/4
    expect(p.lift).to.be.closeTo(1.25, 1e-12); // 0.6 / (0.6 · 0.8)
    const bm = r.pairs.find((x) => x.a === 'bread' && x.b === 'milk')!;
    expect(bm.orders).to.equal(3);
    expect(bm.lift).to.be.closeTo(0.6 / (0.8 * 0.8), 1e-12);
    // Ties on orders (3): a ascending, then b.
    expect(r.pairs.slice(0, 4).map((x) => `${x.a}+${x.b}`)).to.deep.equal(['beer+diapers', 'bread+diapers', 'bread+milk', 'diapers+milk']);
    expect(productAffinityCustomers(tableFromRows(textbook), { a: 'diapers', b: 'beer' })).to.deep.equal(['u1', 'u2', 'u3']);
  });

  it('minOrders drops rare pairs and top cuts the sorted list', () => {
    const r = productAffinity(tableFromRows(textbook), { minOrders: 3, top: 2 });
    expect(r.qualifyingPairs).to.equal(4);
    expect(r.pairs.map((x) => `${x.a}+${x.b}`)).to.deep.equal(['beer+diapers', 'bread+diapers']);
    expect(r.distinctPairs).to.equal(13);
  });

  for (const seed of [1, 2, 3]) {
    it(`matches a brute-force count on random baskets (seed ${seed})`, () => {
      const rows = randomRows(seed);
      const t = tableFromRows(rows);
      const expected = bruteAffinity(rows);
      const r = productAffinity(t, { minOrders: 1, top: 1e6 });
      expect(r.orders).to.equal(expected.n);
      expect(r.items).to.equal(expected.items);
      expect(r.distinctPairs).to.equal(expected.pairs.length);
      expectPairsClose(r.pairs, expected.pairs);
      // A small top through the buffer cut gives the same head.
      const small = productAffinity(t, { minOrders: 3, top: 7 });
      expectPairsClose(small.pairs, expected.pairs.filter((p) => p.orders >= 3).slice(0, 7));
      expect(small.qualifyingPairs).to.equal(expected.pairs.filter((p) => p.orders >= 3).length);
      // maxItemsPerOrder skips large baskets everywhere.
      const capped = productAffinity(t, { minOrders: 1, top: 1e6, maxItemsPerOrder: 4 });
      const expectedCapped = bruteAffinity(rows, 4);
      expect(capped.orders).to.equal(expectedCapped.n);
      expect(capped.skippedOrders).to.equal(rows.filter((x) => new Set(x.products ?? []).size > 4).length);
      expectPairsClose(capped.pairs, expectedCapped.pairs);
      // The customers behind the top pair.
      const { a, b } = expected.pairs[0];
      const who = [...new Set(rows.filter((x) => x.products?.includes(a) && x.products.includes(b)).map((x) => x.customer))].sort();
      expect(productAffinityCustomers(t, { a: b, b: a }).sort()).to.deep.equal(who);
    });
  }

  it('counts pairs over a table whose lines are not in order-row order', () => {
    const rows = randomRows(9, 300);
    const t = tableFromRows(rows);
    const lines = t.lines!;
    const perm = Array.from({ length: lines.length }, (_, i) => lines.length - 1 - i);
    const shuffled: OrderTable = {
      ...t,
      lines: { length: lines.length, order: Int32Array.from(perm, (i) => lines.order[i]), amount: Float64Array.from(perm, (i) => lines.amount[i]),
        product: { codes: Int32Array.from(perm, (i) => lines.product!.codes[i]), values: lines.product!.values } },
    };
    expectPairsClose(productAffinity(shuffled, { minOrders: 1, top: 1e6 }).pairs, bruteAffinity(rows).pairs);
  });

  it('builds a symmetric matrix of the most-ordered items and carries product names', () => {
    const t = tableFromRows(textbook);
    const named: OrderTable = { ...t, lines: { ...t.lines!, productName: t.lines!.product!.values.map((v) => v.toUpperCase()) } };
    const r = productAffinity(named, { minOrders: 1, matrixItems: 3 });
    expect(r.matrix!.items).to.deep.equal(['bread', 'diapers', 'milk']); // 4 orders each, ties by id
    expect(r.matrix!.names).to.deep.equal(['BREAD', 'DIAPERS', 'MILK']);
    expect(r.matrix!.orders).to.deep.equal([[4, 3, 3], [3, 4, 3], [3, 3, 4]]);
    expect(r.matrix!.lift[0][1]).to.be.closeTo((3 * 5) / 16, 1e-12);
    expect(r.pairs[0].aName).to.equal('BEER');
    // A filtered table (the <rw-orders> date range) keeps the names.
    const later = filterOrders(named, { fromDay: 2 });
    expect(productAffinity(later, { minOrders: 1 }).pairs[0]).to.include({ a: 'beer', b: 'diapers', aName: 'BEER', bName: 'DIAPERS', orders: 3 });
  });

  it('reports a table without product lines by a status code', () => {
    const r = productAffinity(tableFromRows([{ customer: 'a', day: 1, amount: 1 }]));
    expect(r.status).to.equal('no-item-column');
    expect(r.pairs).to.deep.equal([]);
    expect(productAffinity(tableFromRows(textbook), { by: 'category' }).status).to.equal('no-item-column');
  });
});

/** Brute force next purchase, per the documented definitions. */
function bruteNext(rows: Row[], after: string, withinDays = Infinity) {
  const byCustomer = new Map<string, Row[]>();
  for (const r of rows) byCustomer.set(r.customer, [...(byCustomer.get(r.customer) ?? []), r]);
  const counts = new Map<string, number[]>();
  let customers = 0;
  let never = 0;
  let later = 0;
  const nextWho = new Map<string, string[]>();
  const neverWho: string[] = [];
  for (const [c, list] of byCustomer) {
    const anchor = Math.min(...list.filter((r) => r.products?.includes(after)).map((r) => r.day));
    if (!Number.isFinite(anchor)) continue;
    customers++;
    const laterDays = list.map((r) => r.day).filter((d) => d > anchor);
    if (!laterDays.length) { never++; neverWho.push(c); continue; }
    const next = Math.min(...laterDays);
    if (next - anchor > withinDays) { later++; continue; }
    for (const item of new Set(list.filter((r) => r.day === next).flatMap((r) => r.products ?? []))) {
      counts.set(item, [...(counts.get(item) ?? []), next - anchor]);
      nextWho.set(item, [...(nextWho.get(item) ?? []), c]);
    }
  }
  return { customers, never, later, counts, nextWho, neverWho };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
};

describe('nextPurchase', () => {
  for (const withinDays of [undefined, 30]) {
    it(`matches a brute force on random orders (withinDays ${withinDays})`, () => {
      const rows = randomRows(4, 2000, 12, 300);
      const t = tableFromRows(rows);
      const e = bruteNext(rows, 'P1', withinDays);
      const r = nextPurchase(t, { after: 'P1', withinDays, top: 1000 });
      expect(r.status).to.equal('ok');
      expect(r.customers).to.equal(e.customers);
      expect(r.neverAgainCustomers).to.equal(e.never);
      expect(r.laterCustomers).to.equal(e.later);
      expect(r.neverAgainShare).to.be.closeTo(e.never / e.customers, 1e-12);
      const expected = [...e.counts].map(([item, gaps]) => ({ item, customers: gaps.length, share: gaps.length / e.customers, medianDays: median(gaps) }))
        .sort((x, y) => y.customers - x.customers || text(x.item, y.item));
      expect(r.items).to.deep.equal(expected);
      const who = e.nextWho.get(expected[0].item)!.sort();
      expect(nextPurchaseCustomers(t, { after: 'P1', item: expected[0].item, withinDays }).sort()).to.deep.equal(who);
      expect(nextPurchaseCustomers(t, { after: 'P1', item: null, withinDays }).sort()).to.deep.equal(e.neverWho.sort());
    });
  }

  it('uses the first order with the item, and same-day orders are not "next"', () => {
    const rows: Row[] = [
      { customer: 'a', day: 10, amount: 1, products: ['shaver'] },
      { customer: 'a', day: 10, amount: 1, products: ['foam'] }, // same occasion
      { customer: 'a', day: 40, amount: 1, products: ['blades', 'foam'] },
      { customer: 'a', day: 40, amount: 1, products: ['blades'] },
      { customer: 'a', day: 70, amount: 1, products: ['shaver', 'gel'] },
      { customer: 'b', day: 20, amount: 1, products: ['shaver'] },
      { customer: 'b', day: 80, amount: 1, products: ['blades'] },
      { customer: 'c', day: 90, amount: 1, products: ['shaver'] },
    ];
    const r = nextPurchase(tableFromRows(rows), { after: 'shaver', withinDays: 45 });
    expect(r.customers).to.equal(3);
    expect(r.nextCustomers).to.equal(1);
    expect(r.laterCustomers).to.equal(1); // b came back after 60 days
    expect(r.neverAgainCustomers).to.equal(1); // c
    expect(r.censoredCustomers).to.equal(1); // c's window runs past day 90
    expect(r.items).to.deep.equal([
      { item: 'blades', customers: 1, share: 1 / 3, medianDays: 30 },
      { item: 'foam', customers: 1, share: 1 / 3, medianDays: 30 },
    ]);
    expect(nextPurchase(tableFromRows(rows), { after: 'nothing' }).status).to.equal('unknown-item');
  });
});

describe('basketStats', () => {
  it('counts distinct items per order', () => {
    const rows = randomRows(5);
    const s = basketStats(tableFromRows(rows), { maxItemsBucket: 4 });
    const sizes = rows.map((r) => new Set(r.products ?? []).size).filter((k) => k > 0);
    expect(s.orders).to.equal(sizes.length);
    expect(s.lines).to.equal(rows.reduce((n, r) => n + (r.products?.length ?? 0), 0));
    expect(s.singleItemOrders).to.equal(sizes.filter((k) => k === 1).length);
    expect(s.multiItemShare).to.be.closeTo(sizes.filter((k) => k > 1).length / sizes.length, 1e-12);
    expect(s.distribution.map((d) => d.orders)).to.deep.equal([1, 2, 3].map((k) => sizes.filter((x) => x === k).length).concat(sizes.filter((x) => x >= 4).length));
    expect(s.itemsPerOrder.median).to.equal(median(sizes));
    expect(s.maxItems).to.equal(Math.max(...sizes));
  });
});
