import { expect } from '@open-wc/testing';
import { breakdown, breakdownCustomers } from '../../src/core/breakdown.js';
import { daysFromCivil, periodIndex, periodStart } from '../../src/core/calendar.js';
import { cohortRetention } from '../../src/core/cohort-retention.js';
import { parsePeriodKey } from '../../src/core/kernels/period-key.js';
import { customerCodesOf, filterOrders } from '../../src/core/filter-orders.js';
import { Z_95 } from '../../src/core/kernels/proportions.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { segmentRates } from '../../src/core/segment-rates.js';
import { runAnalysisHere, selectCustomersHere } from '../../src/analyses/registry.js';
import { segmentComparison } from '../../src/analyses/segment-comparison.js';

type Row = { customer: string; day: number; amount: number; channel: string };

/** An OrderTable from rows (sorted by day here, stable), with a channel column. */
function table(rows: Row[]): OrderTable {
  const sorted = rows.map((r, i) => ({ ...r, i })).sort((a, b) => a.day - b.day || a.i - b.i);
  const ids: string[] = [];
  const idIndex = new Map<string, number>();
  const channels: string[] = [];
  const channelIndex = new Map<string, number>();
  const code = (map: Map<string, number>, list: string[], v: string) => {
    if (!map.has(v)) {
      map.set(v, list.length);
      list.push(v);
    }
    return map.get(v)!;
  };
  const n = sorted.length;
  const customer = new Int32Array(n);
  const channel = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    customer[i] = code(idIndex, ids, sorted[i].customer);
    channel[i] = code(channelIndex, channels, sorted[i].channel);
  }
  return {
    length: n,
    customer: { codes: customer, values: ids },
    day: Int32Array.from(sorted, (r) => r.day),
    amount: Float64Array.from(sorted, (r) => r.amount),
    hasAmount: true,
    timeZone: 'UTC',
    channel: { codes: channel, values: channels },
  };
}

/** Seeded rows: `perChannel` customers on each channel, app customers buying again more often and spending more per order. */
function seeded(perChannel = 150, seed = 3): Row[] {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const start = daysFromCivil(2022, 1, 1);
  const rows: Row[] = [];
  for (const channel of ['web', 'app', 'store']) {
    for (let c = 0; c < perChannel; c++) {
      const id = `${channel}-${c}`;
      let day = start + Math.floor(rand() * 500);
      const spend = (channel === 'app' ? 80 : 40) * (0.5 + rand());
      while (day < start + 730) {
        rows.push({ customer: id, day, amount: Math.round(spend * (0.5 + rand()) * 100) / 100, channel });
        if (rand() < (channel === 'app' ? 0.15 : 0.45)) break;
        day += 1 + Math.floor(rand() * 60);
      }
    }
  }
  return rows;
}

describe('segmentComparison (the breakdown="…" record)', () => {
  const orders = table(seeded());

  it('proportions equal segmentRates: rate, Wilson interval, flag', () => {
    const c = segmentComparison(orders, { by: 'channel', metrics: ['repurchaseWithinDays'], withinDays: 45 });
    const r = segmentRates(orders, { by: 'channel', target: 'repurchase', withinDays: 45 });
    expect(c.segments.map((s) => s.key)).to.deep.equal(r.segments.map((s) => s.key));
    c.metrics[0].values.forEach((v, i) => {
      expect(v.value).to.equal(r.segments[i].rate);
      expect([v.low, v.high]).to.deep.equal([r.segments[i].low, r.segments[i].high]);
      expect(v.differs).to.equal(r.segments[i].differs);
    });
    expect(c.metrics[0].values[c.segments.findIndex((s) => s.key === 'app')].differs).to.equal('higher');
  });

  it('AOV in the window: Σ revenue / Σ orders with the ratio estimator\'s interval over customers', () => {
    const asOf = orders.day[orders.length - 1];
    const c = segmentComparison(orders, { by: 'channel', metrics: ['windowAov'], windowDays: 365 });
    const inWindow = filterOrders(orders, { fromDay: asOf - 364, toDay: asOf });
    c.segments.forEach((seg, i) => {
      // Brute force from the rows: per customer revenue y and orders x in the window.
      const per = new Map<string, { y: number; x: number }>();
      for (let k = 0; k < inWindow.length; k++) {
        const id = inWindow.customer.values[inWindow.customer.codes[k]];
        if (!id.startsWith(`${seg.key}-`)) continue;
        const e = per.get(id) ?? { y: 0, x: 0 };
        e.y += inWindow.amount[k];
        e.x++;
        per.set(id, e);
      }
      const list = [...per.values()];
      const n = list.length;
      const Y = list.reduce((t, e) => t + e.y, 0);
      const X = list.reduce((t, e) => t + e.x, 0);
      const R = Y / X;
      const s2 = list.reduce((t, e) => t + (e.y - R * e.x) ** 2, 0) / (n - 1);
      const se = Math.sqrt(s2 / n) / (X / n);
      const v = c.metrics[0].values[i];
      expect(v.n).to.equal(n);
      expect(v.value).to.be.closeTo(R, 1e-9 * R);
      expect(v.low).to.be.closeTo(R - Z_95 * se, 1e-9 * R);
      expect(v.high).to.be.closeTo(R + Z_95 * se, 1e-9 * R);
    });
    // App customers spend about twice as much per order: flagged higher, and only app is higher.
    const flags = c.metrics[0].values.map((v) => v.differs);
    expect(flags[c.segments.findIndex((s) => s.key === 'app')]).to.equal('higher');
    expect(flags.filter((f) => f === 'higher')).to.have.length(1);
  });

  it('no effect, no flag: segments drawn from one population are not flagged', () => {
    // Every customer from one process; channels assigned at random.
    let s = 99;
    const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const rows = seeded(200, 8).map((r) => ({ ...r, channel: '' }));
    const channelOf = new Map<string, string>();
    for (const r of rows) {
      if (!channelOf.has(r.customer)) channelOf.set(r.customer, ['a', 'b', 'c', 'd', 'e'][Math.floor(rand() * 5)]);
      r.channel = channelOf.get(r.customer)!;
    }
    const c = segmentComparison(table(rows), { by: 'channel', metrics: ['repurchaseRate', 'meanClv', 'churnRate', 'retention:1'] });
    for (const m of c.metrics) expect(m.values.map((v) => v.differs), m.metric).to.deep.equal(m.values.map(() => null));
  });

  for (const mode of ['on', 'on-or-after'] as const) {
    for (const period of ['month', 'week'] as const) {
      it(`retention (${mode}, ${period}) equals cohortRetention on each segment's table, pooled over complete cohorts`, () => {
        const c = segmentComparison(orders, { by: 'channel', metrics: ['retention:1', 'retention:2', 'retention:3', 'retention:40'], mode, period });
        const b = breakdown(orders, { by: 'channel' });
        const lastDay = orders.day[orders.length - 1];
        const lastIdx = periodIndex(period, lastDay);
        const lastComplete = periodStart(period, lastIdx + 1) - 1 === lastDay ? lastIdx : lastIdx - 1;
        b.segments.forEach((seg, i) => {
          const m = cohortRetention(seg.orders, { period, measure: 'customers', mode });
          [1, 2, 3, 40].forEach((k, j) => {
            let n = 0;
            let active = 0;
            for (const row of m.cohorts) {
              if (parsePeriodKey(period, row.cohort) + k > lastComplete) continue;
              n += row.size;
              active += row.values[k] ?? 0;
            }
            expect([c.metrics[j].values[i].n, c.metrics[j].values[i].value], `${seg.key} k=${k}`).to.deep.equal([n, active / n]);
          });
        });
      });
    }
  }

  it('retention: a segment whose orders end before the data does counts its customers as not retained, not as unobserved', () => {
    const d = (m: number, day = 10) => daysFromCivil(2024, m, day);
    const rows: Row[] = [
      // 'early': two January customers, one back in February; nobody of 'early' orders after February.
      { customer: 'e1', day: d(1), amount: 10, channel: 'early' },
      { customer: 'e2', day: d(1, 12), amount: 10, channel: 'early' },
      { customer: 'e1', day: d(2), amount: 10, channel: 'early' },
      // 'late': a January customer back in February, March and April (the data ends on 30 April).
      { customer: 'l1', day: d(1), amount: 10, channel: 'late' },
      { customer: 'l1', day: d(2), amount: 10, channel: 'late' },
      { customer: 'l1', day: d(3), amount: 10, channel: 'late' },
      { customer: 'l1', day: d(4, 30), amount: 10, channel: 'late' },
    ];
    const c = segmentComparison(table(rows), { by: 'channel', metrics: ['retention:1', 'retention:2', 'retention:3'], minSize: 1 });
    const early = c.segments.findIndex((s) => s.key === 'early');
    const late = c.segments.findIndex((s) => s.key === 'late');
    expect(c.metrics.map((m) => [m.values[early].value, m.values[early].n])).to.deep.equal([[0.5, 2], [0, 2], [0, 2]]);
    expect(c.metrics.map((m) => [m.values[late].value, m.values[late].n])).to.deep.equal([[1, 1], [1, 1], [1, 1]]);
  });

  it('through the registry: a segment\'s customers are breakdownCustomers with the same options', () => {
    const params = { by: 'channel', top: 2, metrics: ['churnRate' as const] };
    const result = runAnalysisHere(orders, 'segmentComparison', params);
    for (const s of result.segments) {
      const ids = selectCustomersHere(orders, 'segmentComparison', params, { key: s.key });
      expect(ids).to.deep.equal(breakdownCustomers(orders, { by: 'channel', top: 2, key: s.key }));
      expect(ids.length).to.equal(s.customers);
    }
  });

  it('the source filter keeps one segment, within the customer list and the day range', () => {
    const fromDay = daysFromCivil(2023, 1, 1);
    const some = orders.customer.values.filter((_id, i) => i % 3 === 0);
    const got = runAnalysisHere(orders, 'filterOrders', { fromDay, customers: some, segment: { by: 'channel', key: 'store' } });
    const keep = some.filter((id) => id.startsWith('store-'));
    const manual = filterOrders(orders, { fromDay, customerCodes: customerCodesOf(orders, keep) });
    expect(got.length).to.equal(manual.length);
    expect(Array.from(got.customer.codes)).to.deep.equal(Array.from(manual.customer.codes));
    expect(Array.from(got.day)).to.deep.equal(Array.from(manual.day));
  });
});
