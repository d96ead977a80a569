import { expect } from '@open-wc/testing';
import { lifecycle, LIFECYCLE_STAGES } from '../../src/core/lifecycle.js';
import { cdnowMasterRows, keyOf, periodOrdinal, tableFromRows, utcDay, type Row } from './fixtures.js';

type P = 'month' | 'week' | 'day';

/** Brute force: apply the documented rules to each customer's sorted purchase days, period by period. */
function bruteLifecycle(rows: Row[], asOf: number, inactive: number, period: P) {
  const days = new Map<string, number[]>();
  for (const r of rows) if (r.day <= asOf) {
    if (!days.has(r.customer)) days.set(r.customer, []);
    days.get(r.customer)!.push(r.day);
  }
  for (const [c, ds] of days) days.set(c, [...new Set(ds)].sort((a, b) => a - b));
  const first = Math.min(...[...days.values()].map((d) => d[0]));
  // Period key → last day of the period (clipped to asOf), in calendar order.
  const ends = new Map<string, number>();
  for (let d = first; d <= asOf; d++) ends.set(keyOf(period, d), d);
  const keys = [...ends.keys()];
  const counts = new Map(keys.map((k) => [k, [0, 0, 0, 0, 0]]));
  const moves = new Map(keys.slice(1).map((k) => [k, Array.from({ length: 5 }, () => [0, 0, 0, 0, 0])]));
  const current = new Map<string, string>();
  for (const [c, ds] of days) {
    let prev: number | undefined;
    for (const key of keys) {
      const end = ends.get(key)!;
      if (ds[0] > end) continue;
      const inP = ds.filter((d) => keyOf(period, d) === key);
      let stage: number;
      if (inP.length) {
        if (keyOf(period, ds[0]) === key) stage = 0;
        else if (inP.some((b) => { const a = ds[ds.indexOf(b) - 1]; return a !== undefined && b - a > inactive + 1; })) stage = 2;
        else stage = 1;
      } else {
        const last = Math.max(...ds.filter((d) => d <= end));
        stage = end - last > inactive ? 4 : 3;
      }
      counts.get(key)![stage]++;
      if (prev !== undefined) moves.get(key)![prev][stage]++;
      prev = stage;
    }
    current.set(c, LIFECYCLE_STAGES[prev!]);
  }
  return { keys, counts, moves, current };
}

describe('lifecycle', () => {
  let rows: Row[];
  before(async () => { rows = await cdnowMasterRows(); });

  for (const [period, inactive, asOf] of [['month', 90, utcDay(1998, 6, 30)], ['week', 45, utcDay(1997, 11, 12)]] as const) {
    it(`matches the rules applied by brute force on CDNOW master (${period}, ${inactive} days)`, () => {
      const orders = tableFromRows(rows);
      const res = lifecycle(orders, { period, inactiveDays: inactive, asOf });
      const want = bruteLifecycle(rows, asOf, inactive, period);
      expect(res.perPeriod.map((p) => p.period)).to.deep.equal(want.keys);
      for (const p of res.perPeriod) {
        expect(p.counts, p.period).to.deep.equal(want.counts.get(p.period));
        expect(p.counts.reduce((a, b) => a + b, 0)).to.equal(p.customers);
      }
      for (const t of res.transitions) expect(t.counts, `${t.from}→${t.to}`).to.deep.equal(want.moves.get(t.to));
      expect(res.customerCode.length).to.equal(want.current.size);
      res.customerCode.forEach((c, i) => expect(res.stages[res.stage[i]]).to.equal(want.current.get(orders.customer.values[c])));
      // Every customer present in a period is counted once: customers = cumulative new customers.
      let cumulativeNew = 0;
      for (const p of res.perPeriod) { cumulativeNew += p.counts[0]; expect(p.customers).to.equal(cumulativeNew); }
      expect(res.perPeriod.some((p) => p.counts[2] > 0)).to.equal(true); // some returning customers
      expect(periodOrdinal(period, asOf)).to.be.a('number');
    });
  }

  it('handles one day of data and returning within a period', () => {
    const one = lifecycle(tableFromRows([{ customer: 'a', day: 5, amount: 1 }]), { inactiveDays: 3, period: 'day' });
    expect(one.perPeriod).to.deep.equal([{ period: '1970-01-06', counts: [1, 0, 0, 0, 0], customers: 1 }]);
    expect(one.transitions).to.deep.equal([]);
    const t = tableFromRows([
      { customer: 'a', day: utcDay(2024, 1, 1), amount: 1 },
      { customer: 'a', day: utcDay(2024, 1, 30), amount: 1 },
      { customer: 'b', day: utcDay(2024, 2, 2), amount: 1 },
      { customer: 'b', day: utcDay(2024, 3, 3), amount: 1 }, // 30-day gap > 10 + 1: returning in March
    ]);
    const lc = lifecycle(t, { inactiveDays: 10, period: 'month', asOf: utcDay(2024, 3, 31) });
    expect(lc.perPeriod.map((p) => p.counts)).to.deep.equal([[1, 0, 0, 0, 0], [1, 0, 0, 0, 1], [0, 0, 1, 0, 1]]);
    expect(lc.transitions[1].counts[0][2]).to.equal(1); // b: new → returning
    expect(lc.transitions[1].counts[4][4]).to.equal(1); // a: churned → churned
  });
});
