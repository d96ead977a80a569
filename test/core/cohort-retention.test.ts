import { expect } from '@open-wc/testing';
import { cohortRetention } from '../../src/core/cohort-retention.js';
import { cohortRetentionCustomers } from '../../src/core/cohort-retention-customers.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { cdnowMasterRows, keyOf, periodOrdinal, tableFromRows, utcDay, type Row } from './fixtures.js';

type P = 'month' | 'week' | 'day';

/** Brute force: per cohort key, per age, the set of customers / revenue / orders (ages from Date-based ordinals). */
function bruteCohorts(rows: Row[], period: P) {
  const sorted = [...rows].sort((a, b) => a.day - b.day);
  const first = new Map<string, number>();
  for (const r of sorted) if (!first.has(r.customer)) first.set(r.customer, r.day);
  const lastOrdinal = periodOrdinal(period, sorted[sorted.length - 1].day);
  const cells = new Map<string, { size: Set<string>; ord: number; byAge: Map<number, { who: Set<string>; revenue: number; orders: number }> }>();
  for (const r of sorted) {
    const fd = first.get(r.customer)!;
    const key = keyOf(period, fd);
    if (!cells.has(key)) cells.set(key, { size: new Set(), ord: periodOrdinal(period, fd), byAge: new Map() });
    const c = cells.get(key)!;
    c.size.add(r.customer);
    const age = periodOrdinal(period, r.day) - c.ord;
    if (!c.byAge.has(age)) c.byAge.set(age, { who: new Set(), revenue: 0, orders: 0 });
    const cell = c.byAge.get(age)!;
    cell.who.add(r.customer);
    cell.revenue += r.amount;
    cell.orders += 1;
  }
  return { cells, lastOrdinal };
}

function expected(rows: Row[], period: P, measure: 'customers' | 'revenue' | 'orders', mode: 'on' | 'on-or-after') {
  const { cells, lastOrdinal } = bruteCohorts(rows, period);
  const out: { cohort: string; size: number; values: number[] }[] = [];
  for (const [cohort, c] of [...cells].sort((a, b) => a[1].ord - b[1].ord)) {
    const len = lastOrdinal - c.ord + 1;
    const values: number[] = [];
    for (let k = 0; k < len; k++) {
      if (measure === 'customers') {
        const who = new Set<string>();
        for (const [age, cell] of c.byAge) if (mode === 'on' ? age === k : age >= k) cell.who.forEach((x) => who.add(x));
        values.push(who.size);
      } else {
        let v = 0;
        for (const [age, cell] of c.byAge) if (mode === 'on' ? age === k : age >= k) v += measure === 'revenue' ? cell.revenue : cell.orders;
        values.push(v);
      }
    }
    out.push({ cohort, size: c.size.size, values });
  }
  return out;
}

function compare(orders: OrderTable, rows: Row[], period: P) {
  for (const measure of ['customers', 'revenue', 'orders'] as const) {
    for (const mode of ['on', 'on-or-after'] as const) {
      const got = cohortRetention(orders, { period, measure, mode });
      const want = expected(rows, period, measure, mode);
      expect(got.cohorts.map((c) => [c.cohort, c.size])).to.deep.equal(want.map((c) => [c.cohort, c.size]));
      got.cohorts.forEach((c, i) => {
        expect(c.values.length, `${period} ${measure} ${mode} ${c.cohort}`).to.equal(want[i].values.length);
        c.values.forEach((v, k) => expect(v, `${period} ${measure} ${mode} ${c.cohort} +${k}`).to.be.closeTo(want[i].values[k], 1e-6));
      });
      if (measure === 'customers') got.cohorts.forEach((c) => expect(c.values[0]).to.equal(c.size));
    }
  }
}

describe('cohortRetention', () => {
  let rows: Row[];
  let orders: OrderTable;
  before(async () => {
    rows = await cdnowMasterRows();
    orders = tableFromRows(rows);
  });

  it('matches brute force on CDNOW master by month (all measures, both modes)', () => {
    compare(orders, rows, 'month');
    const m = cohortRetention(orders);
    expect(m.cohorts.map((c) => c.cohort)).to.deep.equal(['1997-01', '1997-02', '1997-03']); // Q1 1997 cohort
    expect(m.cohorts.reduce((s, c) => s + c.size, 0)).to.equal(23570);
    expect(m.periods[0]).to.equal('1997-01');
    expect(m.periods.at(-1)).to.equal('1998-06');
    expect(m.periods.length).to.equal(18);
    const jan = new Set(rows.filter((r) => r.day < utcDay(1997, 2, 1)).map((r) => r.customer)).size;
    expect(m.cohorts[0].size).to.equal(jan);
    const rev = cohortRetention(orders, { measure: 'revenue' });
    const total = rev.cohorts.reduce((s, c) => s + c.values.reduce((a, b) => a + b, 0), 0);
    expect(total).to.be.closeTo(2500315.63, 1e-4); // SOURCE.md
  });

  it('matches brute force on CDNOW master by ISO week and by day', () => {
    compare(orders, rows, 'week');
    compare(orders, rows, 'day');
  });

  it('says where the data ends and whether the last period is cut off by it', () => {
    const rows = (lastDay: number) => [
      { customer: 'a', day: utcDay(2021, 1, 4), amount: 1 }, // a Monday
      { customer: 'b', day: lastDay, amount: 1 },
    ];
    const midMonth = cohortRetention(tableFromRows(rows(utcDay(2021, 2, 9))), { period: 'month' });
    expect(midMonth.lastDay).to.equal(utcDay(2021, 2, 9));
    expect(midMonth.lastPeriodPartial).to.equal(true);
    expect(cohortRetention(tableFromRows(rows(utcDay(2021, 2, 28))), { period: 'month' }).lastPeriodPartial).to.equal(false);
    expect(cohortRetention(tableFromRows(rows(utcDay(2021, 2, 14))), { period: 'week' }).lastPeriodPartial).to.equal(false); // a Sunday
    expect(cohortRetention(tableFromRows(rows(utcDay(2021, 2, 13))), { period: 'week' }).lastPeriodPartial).to.equal(true);
    expect(cohortRetention(tableFromRows(rows(utcDay(2021, 2, 13))), { period: 'day' }).lastPeriodPartial).to.equal(false);
  });

  it('lists every period, omits empty cohorts, and keys ISO weeks across a year end', () => {
    const t = tableFromRows([
      { customer: 'a', day: utcDay(2020, 12, 27), amount: 1 }, // Sunday, 2020-W52
      { customer: 'b', day: utcDay(2020, 12, 31), amount: 2 }, // 2020-W53
      { customer: 'a', day: utcDay(2021, 1, 3), amount: 3 }, // still 2020-W53
      { customer: 'c', day: utcDay(2021, 1, 18), amount: 4 }, // 2021-W03, W01/W02 have no new customer
      { customer: 'b', day: utcDay(2021, 1, 4), amount: 5 }, // 2021-W01
    ]);
    const w = cohortRetention(t, { period: 'week' });
    expect(w.periods).to.deep.equal(['2020-W52', '2020-W53', '2021-W01', '2021-W02', '2021-W03']);
    expect(w.cohorts).to.deep.equal([
      { cohort: '2020-W52', size: 1, values: [1, 1, 0, 0, 0] },
      { cohort: '2020-W53', size: 1, values: [1, 1, 0, 0] },
      { cohort: '2021-W03', size: 1, values: [1] },
    ]);
    expect(cohortRetentionCustomers(t, { period: 'week' }, { cohort: '2020-W53', periodIndex: 1 })).to.deep.equal(['b']);
    expect(cohortRetentionCustomers(t, { period: 'week', mode: 'on-or-after' }, { cohort: '2020-W52', periodIndex: 1 })).to.deep.equal(['a']);
    const after = cohortRetention(t, { period: 'week', mode: 'on-or-after' });
    expect(after.cohorts[0].values).to.deep.equal([1, 1, 0, 0, 0]);
    const one = cohortRetention(tableFromRows([{ customer: 'x', day: 10, amount: 1 }, { customer: 'y', day: 10, amount: 1 }]), { period: 'day' });
    expect(one.periods).to.deep.equal(['1970-01-11']);
    expect(one.cohorts).to.deep.equal([{ cohort: '1970-01-11', size: 2, values: [2] }]);
    expect(() => cohortRetentionCustomers(t, { period: 'week' }, { cohort: '2021-13', periodIndex: 0 })).to.throw(RangeError);
    expect(() => cohortRetentionCustomers(t, { period: 'week' }, { cohort: '2021-W53', periodIndex: 0 })).to.throw(RangeError); // 2021 has 52 ISO weeks
    expect(() => cohortRetentionCustomers(t, { period: 'month' }, { cohort: '2021-W01', periodIndex: 0 })).to.throw(RangeError);
    expect(cohortRetentionCustomers(t, { period: 'day' }, { cohort: '2021-01-18', periodIndex: 0 })).to.deep.equal(['c']);
  });

  it('cohortRetentionCustomers returns exactly the customers of a cell (brute force, CDNOW master)', () => {
    const first = new Map<string, number>();
    for (const r of [...rows].sort((a, b) => a.day - b.day)) if (!first.has(r.customer)) first.set(r.customer, r.day);
    for (const [cohort, k] of [['1997-01', 0], ['1997-02', 3], ['1997-03', 15]] as const) {
      for (const mode of ['on', 'on-or-after'] as const) {
        const want = new Set<string>();
        for (const r of rows) {
          const fd = first.get(r.customer)!;
          if (keyOf('month', fd) !== cohort) continue;
          const age = periodOrdinal('month', r.day) - periodOrdinal('month', fd);
          if (mode === 'on' ? age === k : age >= k) want.add(r.customer);
        }
        const got = cohortRetentionCustomers(orders, { period: 'month', mode }, { cohort: cohort, periodIndex: k });
        expect(got.length).to.equal(want.size);
        expect(got.every((id) => want.has(id))).to.equal(true);
        const cell = cohortRetention(orders, { mode }).cohorts.find((c) => c.cohort === cohort)!.values[k];
        expect(cell).to.equal(want.size);
      }
    }
  });
});
