import { expect } from '@open-wc/testing';
import { orderStatistics } from '../../src/core/kernels/order-statistics.js';
import { rfm } from '../../src/core/rfm.js';
import { rng, tableFromRows, type Row } from './fixtures.js';

/** Values with many ties, negatives, both zeros, infinities and NaN: the cases a bit-level select can get wrong. */
function awkwardValues(n: number, seed: number): Float64Array {
  const random = rng(seed);
  const special = [0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = random();
    if (u < 0.05) out[i] = special[Math.floor(random() * special.length)];
    else if (u < 0.5) out[i] = Math.floor(random() * 40) / 4 - 3; // heavy ties, some negative
    else out[i] = (random() - 0.3) * 10 ** Math.floor(random() * 12 - 4); // wide exponent range
  }
  return out;
}

/** Same number, telling −0 from +0 and NaN equal to NaN (as the sort puts them). */
const sameNumber = (a: number, b: number): boolean => Object.is(a, b);

describe('orderStatistics (radix select)', () => {
  for (const n of [1, 7, 100, 5000, 60000]) {
    it(`equals the sorted array at every probed rank, n = ${n}`, () => {
      const values = awkwardValues(n, n);
      const before = values.slice();
      const sorted = values.slice().sort();
      const ranks: number[] = [];
      for (let k = 0; k < Math.min(n, 200); k++) ranks.push(Math.floor((k * n) / Math.min(n, 200)));
      ranks.push(n - 1, 0, n - 1); // unordered and repeated
      const got = orderStatistics(values, ranks);
      ranks.forEach((r, k) => expect(sameNumber(got[k], sorted[r]), `rank ${r}: ${got[k]} vs ${sorted[r]}`).to.equal(true));
      expect(Array.from(values).every((v, i) => sameNumber(v, before[i])), 'input untouched').to.equal(true);
    });
  }

  it('finds ranks inside one huge tie and between −0 and +0', () => {
    const n = 10000;
    const values = new Float64Array(n).fill(2.5);
    values[17] = -0;
    values[18] = 0;
    values[19] = 0;
    values[n - 1] = NaN;
    const got = orderStatistics(values, [0, 1, 3, n - 2, n - 1]);
    expect(Object.is(got[0], -0)).to.equal(true);
    expect(Object.is(got[1], 0)).to.equal(true);
    expect(got[2]).to.equal(2.5);
    expect(got[3]).to.equal(2.5);
    expect(got[4]).to.be.NaN;
  });

  it('works on a view into a larger buffer', () => {
    const backing = awkwardValues(9000, 3);
    const view = backing.subarray(1000, 8000);
    const sorted = view.slice().sort();
    const got = orderStatistics(view, [0, 3500, 6999]);
    expect([sameNumber(got[0], sorted[0]), sameNumber(got[1], sorted[3500]), sameNumber(got[2], sorted[6999])]).to.deep.equal([true, true, true]);
  });

  it('rejects ranks outside 0…n − 1 or not integers', () => {
    const values = Float64Array.of(1, 2, 3);
    expect(() => orderStatistics(values, [3])).to.throw(RangeError);
    expect(() => orderStatistics(values, [-1])).to.throw(RangeError);
    expect(() => orderStatistics(values, [0.5])).to.throw(RangeError);
    expect(orderStatistics(values, []).length).to.equal(0);
  });
});

describe('rfm monetary scores by order statistics', () => {
  /** M by the definition: ⌊bins · #{customers with strictly less revenue} / n⌋ + 1. */
  function bruteForceM(monetary: Float64Array, bins: number): number[] {
    const n = monetary.length;
    const sorted = Array.from(monetary).sort((a, b) => a - b);
    return Array.from(monetary, (v) => {
      let below = 0;
      while (below < n && sorted[below] < v) below++;
      return Math.floor((bins * below) / n) + 1;
    });
  }

  for (const bins of [5, 3, 7, 10]) {
    it(`matches the tie rule with zero, negative and tied revenue, bins = ${bins}`, () => {
      const random = rng(100 + bins);
      const rows: Row[] = [];
      // 4000 customers (enough for the radix path), revenue on a coarse grid so ties are common,
      // some refunds making totals zero or negative.
      for (let c = 0; c < 4000; c++) {
        const orders = 1 + Math.floor(random() * 3);
        for (let k = 0; k < orders; k++) {
          const u = random();
          const amount = u < 0.1 ? 0 : u < 0.2 ? -Math.floor(random() * 8) * 5 : Math.floor(random() * 30) * 5;
          rows.push({ customer: `c${c}`, day: 19000 + Math.floor(random() * 300), amount });
        }
      }
      const res = rfm(tableFromRows(rows), { bins });
      expect(Array.from(res.monetary).some((v) => v < 0)).to.equal(true);
      expect(Array.from(res.monetary).some((v) => v === 0)).to.equal(true);
      expect(Array.from(res.M)).to.deep.equal(bruteForceM(res.monetary, bins));
    });
  }

  it('scores a table smaller than the bins (some scores unused)', () => {
    const rows: Row[] = [
      { customer: 'a', day: 19000, amount: 10 },
      { customer: 'b', day: 19001, amount: 10 },
      { customer: 'c', day: 19002, amount: 30 },
    ];
    const res = rfm(tableFromRows(rows), { bins: 10 });
    expect(Array.from(res.M)).to.deep.equal(bruteForceM(res.monetary, 10));
  });
});
