import { expect } from '@open-wc/testing';
import { assignSegments, bandKey, breakdown, breakdownCustomers, firstOrderValueBands, MISSING_KEY, OTHER_KEY, type SegmentAssign } from '../../src/core/breakdown.js';
import { cohortRetention } from '../../src/core/cohort-retention.js';
import { filterOrders } from '../../src/core/filter-orders.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { repurchase } from '../../src/core/repurchase.js';
import { periodKey, monthIndex } from '../../src/core/calendar.js';
import { randomSegmentTable } from './segment-fixtures.js';

/**
 * Hand-made table, rows in table order (day-sorted; rows 0 and 1 are customer A's two orders of day 1):
 *   row  customer day channel coupon amount lines (product)
 *   0    A        1   tmall   yes    10     p1
 *   1    A        1   jd      no     99     p2, p2
 *   2    B        2   jd      no     50     (none)
 *   3    B        3   tmall   yes    20     p3
 *   4    C        4   own     yes    300    p1
 *   5    A        5   jd      yes    5      p3
 *   6    A        9   own     no     7      p1
 */
function handTable(): OrderTable {
  return {
    length: 7,
    customer: { codes: Int32Array.of(0, 0, 1, 1, 2, 0, 0), values: ['A', 'B', 'C'] },
    day: Int32Array.of(1, 1, 2, 3, 4, 5, 9),
    amount: Float64Array.of(10, 99, 50, 20, 300, 5, 7),
    hasAmount: true,
    channel: { codes: Int32Array.of(0, 1, 1, 0, 2, 1, 2), values: ['tmall', 'jd', 'own'] },
    dimensions: { coupon: { codes: Int32Array.of(0, 1, 1, 0, 0, 0, 1), values: ['yes', 'no'] } },
    lines: {
      length: 7,
      // deliberately not grouped by order: order 1's lines come after order 3's
      order: Int32Array.of(0, 3, 1, 1, 4, 5, 6),
      amount: Float64Array.of(10, 20, 50, 49, 300, 5, 7),
      product: { codes: Int32Array.of(0, 2, 1, 1, 0, 2, 0), values: ['p1', 'p2', 'p3'] },
    },
    timeZone: 'UTC',
  };
}

const keyOfCustomer = (orders: OrderTable, by: string, assign?: SegmentAssign): Record<string, string> => {
  const a = assignSegments(orders, { by, assign });
  return Object.fromEntries(orders.customer.values.map((id, c) => [id, a.keys[a.segmentOf[c]]]));
};

describe('breakdown: assign modes on a hand-made table', () => {
  it("channel: 'first' takes the earliest row of the first day (tie rule), 'last' the latest order, 'most' the most frequent", () => {
    const t = handTable();
    expect(keyOfCustomer(t, 'channel', 'first')).to.deep.equal({ A: 'tmall', B: 'jd', C: 'own' });
    expect(keyOfCustomer(t, 'channel', 'last')).to.deep.equal({ A: 'own', B: 'tmall', C: 'own' });
    // A: jd ×2 (rows 1, 5), tmall ×1, own ×1 → jd. B: jd 1, tmall 1: tie → the value bought first (jd).
    expect(keyOfCustomer(t, 'channel', 'most')).to.deep.equal({ A: 'jd', B: 'jd', C: 'own' });
  });

  it('a dimension works like a role', () => {
    const t = handTable();
    expect(keyOfCustomer(t, 'coupon', 'first')).to.deep.equal({ A: 'yes', B: 'no', C: 'yes' });
    expect(keyOfCustomer(t, 'coupon', 'last')).to.deep.equal({ A: 'no', B: 'yes', C: 'yes' });
    // A: yes (rows 0, 5), no (rows 1, 6): tie → yes (row 0 first). B: no (row 2) vs yes (row 3) → no.
    expect(keyOfCustomer(t, 'coupon', 'most')).to.deep.equal({ A: 'yes', B: 'no', C: 'yes' });
  });

  it('products: the first line of the deciding order; no lines → the missing key; most counts lines', () => {
    const t = handTable();
    expect(keyOfCustomer(t, 'product', 'first')).to.deep.equal({ A: 'p1', B: MISSING_KEY, C: 'p1' });
    expect(keyOfCustomer(t, 'firstProduct')).to.deep.equal({ A: 'p1', B: MISSING_KEY, C: 'p1' });
    expect(keyOfCustomer(t, 'product', 'last')).to.deep.equal({ A: 'p1', B: 'p3', C: 'p1' });
    // A's lines: p1 (row 0), p2 ×2 (row 1), p3 (row 5), p1 (row 6) → p1 and p2 tie at 2; p1 was bought first.
    expect(keyOfCustomer(t, 'product', 'most')).to.deep.equal({ A: 'p1', B: 'p3', C: 'p1' });
  });

  it('cohort and first-order value', () => {
    const t = handTable();
    const cohorts = keyOfCustomer(t, 'cohort');
    expect(cohorts).to.deep.equal({ A: '1970-01', B: '1970-01', C: '1970-01' });
    expect(assignSegments(t, { by: 'cohort', period: 'day' }).keys).to.deep.equal(['1970-01-02', '1970-01-03', '1970-01-05']);
    // First-order values 10 (A, the earlier row of day 1), 50 (B), 300 (C); 3 bands.
    const b = breakdown(t, { by: 'firstOrderValue', bands: 3 });
    expect(b.bandEdges).to.deep.equal(firstOrderValueBands(Float64Array.of(10, 50, 300), 3));
    expect(b.segments.map((s) => s.customers)).to.deep.equal([1, 1, 1]);
    expect(b.segments.map((s) => s.key)).to.deep.equal([0, 1, 2].map((k) => bandKey(b.bandEdges!, k)));
  });

  it("segment tables hold exactly the segment's orders, sorted by day, with re-coded customers and remapped lines", () => {
    const t = handTable();
    const b = breakdown(t, { by: 'channel', assign: 'first' });
    expect(b.customers).to.equal(3);
    const tmall = b.segments.find((s) => s.key === 'tmall')!;
    expect(tmall.customers).to.equal(1);
    expect(tmall.orders.customer.values).to.deep.equal(['A']);
    expect([...tmall.orders.day]).to.deep.equal([1, 1, 5, 9]);
    expect([...tmall.orders.amount]).to.deep.equal([10, 99, 5, 7]);
    expect([...tmall.orders.dimensions!.coupon.codes]).to.deep.equal([0, 1, 0, 1]);
    // A's lines in line order: (row 0, p1), (row 1, p2) ×2, (row 5 → segment row 2, p3), (row 6 → 3, p1)
    const lines = tmall.orders.lines!;
    const pairs = Array.from({ length: lines.length }, (_, j) => `${lines.order[j]}:${lines.product!.values[lines.product!.codes[j]]}`);
    expect(pairs).to.deep.equal(['0:p1', '1:p2', '1:p2', '2:p3', '3:p1']);
  });

  it('a segment table posted to a worker (structured clone) carries every column, lazy ones included', () => {
    const t = handTable();
    const seg = breakdown(t, { by: 'channel', assign: 'first' }).segments.find((s) => s.key === 'tmall')!;
    const clone = structuredClone(seg.orders);
    expect([...clone.channel!.codes]).to.deep.equal([0, 1, 1, 2]);
    expect([...clone.dimensions!.coupon.codes]).to.deep.equal([0, 1, 0, 1]);
    expect([...clone.lines!.order]).to.deep.equal([0, 1, 1, 2, 3]);
    expect(clone.region).to.equal(undefined);
  });

  it('top merges the smaller segments into one "other" segment; breakdownCustomers lists a segment', () => {
    const t = handTable();
    const b = breakdown(t, { by: 'channel', assign: 'last', top: 1 }); // own: A, C; tmall: B
    expect(b.segments.map((s) => [s.key, s.customers])).to.deep.equal([['own', 2], [OTHER_KEY, 1]]);
    expect(b.segments[1].other).to.equal(true);
    expect(b.segments[1].members).to.deep.equal(['tmall']);
    expect(breakdownCustomers(t, { by: 'channel', assign: 'last', top: 1, key: OTHER_KEY })).to.deep.equal(['B']);
    expect(breakdownCustomers(t, { by: 'channel', assign: 'last', key: 'own' })).to.deep.equal(['A', 'C']);
    expect(breakdown(t, { by: 'channel', top: 5 }).segments.some((s) => s.other)).to.equal(false);
  });

  it('names what is missing', () => {
    const t = handTable();
    expect(() => breakdown(t, { by: 'region' })).to.throw(/region/);
    expect(() => breakdown(t, { by: 'store' })).to.throw(/store/);
    expect(() => breakdown({ ...t, hasAmount: false }, { by: 'firstOrderValue' })).to.throw(/amount/);
  });
});

/** Plain oracle: each customer's value under an assign mode, from rows and lines. */
function oracle(t: OrderTable, by: string, assign: SegmentAssign): Map<number, string> {
  const obs: { row: number; j: number; value: string }[] = [];
  if (by === 'product' || by === 'category') {
    const l = t.lines!;
    const d = by === 'product' ? l.product! : l.category!;
    for (let j = 0; j < l.length; j++) obs.push({ row: l.order[j], j, value: d.values[d.codes[j]] });
  } else {
    const d = by === 'channel' ? t.channel! : t.dimensions![by];
    for (let i = 0; i < t.length; i++) obs.push({ row: i, j: i, value: d.values[d.codes[i]] });
  }
  const rowsOf = new Map<number, number[]>();
  for (let i = 0; i < t.length; i++) {
    const c = t.customer.codes[i];
    if (!rowsOf.has(c)) rowsOf.set(c, []);
    rowsOf.get(c)!.push(i);
  }
  const out = new Map<number, string>();
  for (const [c, rows] of rowsOf) {
    const mine = obs.filter((o) => t.customer.codes[o.row] === c).sort((a, b) => a.row - b.row || a.j - b.j);
    if (assign !== 'most') {
      const row = assign === 'first' ? rows[0] : rows[rows.length - 1];
      out.set(c, mine.find((o) => o.row === row)?.value ?? MISSING_KEY);
    } else {
      const count = new Map<string, number>();
      for (const o of mine) count.set(o.value, (count.get(o.value) ?? 0) + 1);
      let best = MISSING_KEY;
      let bestCount = 0;
      for (const o of mine) if (count.get(o.value)! > bestCount) { best = o.value; bestCount = count.get(o.value)!; } // first-seen wins ties
      out.set(c, best);
    }
  }
  return out;
}

describe('breakdown on random tables', () => {
  it('every assign mode matches the oracle; customers sum to the total; segment analyses equal filterOrders ones', () => {
    for (const seed of [1, 2, 3]) {
      const t = randomSegmentTable(seed, 400, 60);
      for (const by of ['channel', 'coupon', 'product', 'category']) {
        for (const assign of ['first', 'last', 'most'] as const) {
          const b = breakdown(t, { by, assign });
          const want = oracle(t, by, assign);
          const ids = t.customer.values;
          expect(b.customers).to.equal(want.size);
          expect(b.segments.reduce((s, x) => s + x.customers, 0)).to.equal(want.size);
          expect(b.segments.reduce((s, x) => s + x.orders.length, 0)).to.equal(t.length);
          for (const [c, key] of want) expect(b.segments[b.segmentOf[c]].key, `${by} ${assign} ${ids[c]}`).to.equal(key);
          for (const s of b.segments) {
            const codes = [...want].filter(([, k]) => k === s.key).map(([c]) => c);
            expect(s.customers).to.equal(codes.length);
            const viaFilter = filterOrders(t, { customerCodes: codes });
            expect([...s.orders.day]).to.deep.equal([...viaFilter.day]);
            expect(Array.from(s.orders.customer.codes, (x) => s.orders.customer.values[x])).to.deep.equal(Array.from(viaFilter.customer.codes, (x) => ids[x]));
            expect(repurchase(s.orders, { withinDays: 20 })).to.deep.equal(repurchase(viaFilter, { withinDays: 20 }));
            expect(cohortRetention(s.orders)).to.deep.equal(cohortRetention(viaFilter));
          }
        }
      }
    }
  });

  it('cohort segments are the first-order months, oldest first', () => {
    const t = randomSegmentTable(9, 300, 80);
    const b = breakdown(t, { by: 'cohort' });
    const keys = b.segments.map((s) => s.key);
    expect(keys).to.deep.equal([...keys].sort());
    for (let c = 0; c < t.customer.values.length; c++) {
      const first = t.customer.codes.indexOf(c);
      if (first < 0) expect(b.segmentOf[c]).to.equal(-1);
      else expect(b.segments[b.segmentOf[c]].key).to.equal(periodKey('month', monthIndex(t.day[first])));
    }
  });
});
