import { expect } from '@open-wc/testing';
import { loadOrders } from '../../src/data/index.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { customerSummary, type CustomerSummary } from '../../src/core/customer-summary.js';
import { cohortRetention } from '../../src/core/cohort-retention.js';
import { isoDate, periodIndex } from '../../src/core/calendar.js';
import { buildReport, reportReplacer } from '../../src/cli/report.js';
import { encodeTyped, reviveTyped } from '../../src/data/aggregate/typed-json.js';
import { loadError } from './load-error.js';

const MASTER = '/data/cdnow/CDNOW_master.txt';
const CDNOW = { zeroAmounts: 'keep', duplicates: 'keep' } as const;

/** A summary as sql/duckdb/customer_summary.sql writes it (CSV, its column names), from core's summary. */
function summaryCsv(s: CustomerSummary): string {
  const lines = ['customer_id,first_day,last_day,orders,purchase_days,revenue,frequency,recency_days,t_days,monetary,end_day'];
  for (let i = 0; i < s.length; i++) {
    lines.push([s.customerId[i], isoDate(s.firstDay[i]), isoDate(s.lastDay[i]), s.orders[i], s.purchaseDays[i], s.revenue[i],
      s.frequency[i], s.lastDay[i] - s.firstDay[i], s.endDay - s.firstDay[i], s.monetary[i], isoDate(s.endDay)].join(','));
  }
  return lines.join('\n');
}

function held(orders: OrderTable): CustomerSummary {
  const a = orders.aggregate;
  if (a?.kind !== 'customer-summary') throw new Error(`expected a customer summary, got ${a?.kind}`);
  return a.summary;
}


describe('pre-aggregated inputs', () => {
  let orders: OrderTable;
  let summary: CustomerSummary;
  before(async () => {
    ({ orders } = await loadOrders(MASTER, CDNOW));
    summary = customerSummary(orders, { unit: 'days' });
  });

  it('a per-customer summary in the SQL output format reads back to core\'s summary, value for value', async () => {
    const { orders: table, report } = await loadOrders(summaryCsv(summary), { kind: 'customer-summary' });
    expect(table.length).to.equal(0);
    expect(report.rowsRead).to.equal(23_570);
    expect(report.rowsAccepted).to.equal(23_570);
    expect(report.rowsRejected).to.equal(0);
    expect(report.orders).to.equal(69_659);
    const s = held(table);
    expect(s.endDay).to.equal(summary.endDay);
    expect(s.customerId).to.deep.equal(summary.customerId);
    for (const f of ['firstDay', 'lastDay', 'orders', 'purchaseDays', 'frequency', 'recency', 'T'] as const) expect(Array.from(s[f])).to.deep.equal(Array.from(summary[f]), f);
    for (let i = 0; i < s.length; i++) {
      expect(s.revenue[i]).to.be.closeTo(summary.revenue[i], 1e-9);
      expect(s.monetary[i]).to.be.closeTo(summary.monetary[i], 1e-9);
    }
    expect(table.customer.values).to.deep.equal(summary.customerId);
  });

  it('a summary as an array of objects with Date values and camelCase names, without end_day', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      customerId: summary.customerId[i],
      firstDay: new Date(summary.firstDay[i] * 864e5),
      lastDay: new Date(summary.lastDay[i] * 864e5),
      purchaseDays: summary.purchaseDays[i],
      revenue: summary.revenue[i],
    }));
    const { orders: table } = await loadOrders(rows, { kind: 'customer-summary' });
    const s = held(table);
    let maxLast = 0;
    for (let i = 0; i < 50; i++) maxLast = Math.max(maxLast, summary.lastDay[i]);
    expect(s.endDay).to.equal(maxLast); // T measured to the latest last purchase
    expect(Array.from(s.orders)).to.deep.equal(Array.from(summary.purchaseDays.subarray(0, 50))); // orders default to purchase days
    expect(Number.isNaN(s.monetary[0])).to.equal(true);
    expect(table.aggregate!.kind === 'customer-summary' && table.aggregate!.hasMonetary).to.equal(false);
  });

  it('summary rows that contradict themselves are rejected and counted: accepted + rejected = rows read', async () => {
    const csv = [
      'customer_id,first_day,last_day,orders,purchase_days,revenue',
      'a,2020-01-01,2020-01-10,3,2,30', // ok
      ',2020-01-01,2020-01-10,3,2,30', // missing-customer
      'b,2020-01-10,2020-01-01,3,2,30', // last before first
      'c,2020-01-01,2020-01-10,2,3,30', // more purchase days than orders
      'd,2020-01-01,2020-01-01,2,2,30', // two purchase days on one day
      'e,2020-02-30,2020-03-01,1,1,5', // impossible date
      'f,2020-01-01,,1,1,5', // missing day
      'a,2020-01-01,2020-01-10,3,2,30', // repeated customer
      'g,2020-01-01,2020-01-01,1,1,-5', // negative revenue
      'h,2020-01-05,2020-01-20,4,4,40', // ok
    ].join('\n');
    const { orders: table, report } = await loadOrders(csv, { kind: 'customer-summary' });
    expect(report.rowsRead).to.equal(10);
    expect(report.rowsAccepted).to.equal(2);
    expect(report.rowsRejected).to.equal(8);
    const count = (r: string) => report.reasons.find((x) => x.reason === r)?.count ?? 0;
    expect(count('missing-customer')).to.equal(1);
    expect(count('invalid-summary-row')).to.equal(4);
    expect(count('unparseable-date')).to.equal(1);
    expect(count('missing-date')).to.equal(1);
    expect(count('duplicate-row')).to.equal(1);
    expect(report.reasons.find((x) => x.reason === 'invalid-summary-row')!.examples[0]).to.deep.include({ row: 3 });
    expect(held(table).customerId).to.deep.equal(['a', 'h']);
  });

  it('a summary without the needed columns fails naming each missing column and the format doc', async () => {
    const e = await loadError(loadOrders('customer_id,revenue\na,5\n', { kind: 'customer-summary' }));
    expect(e.code).to.equal('missing-column');
    expect(e.message).to.contain('first purchase day').and.to.contain('last purchase day').and.to.contain('purchase count');
    expect(e.message).to.contain('docs/pre-aggregated.md');
  });

  it('a cohort matrix in the SQL output format equals cohortRetention for each measure it holds', async () => {
    const measures = ['customers', 'revenue', 'orders'] as const;
    const core = Object.fromEntries(measures.map((m) => [m, cohortRetention(orders, { period: 'month', measure: m, mode: 'on' })]));
    const lines = ['cohort,cohort_start,months_since,cohort_size,customers,revenue,orders'];
    core.customers.cohorts.forEach((row, r) => {
      row.values.forEach((v, k) => lines.push(`${row.cohort},${row.cohort}-01,${k},${row.size},${v},${core.revenue.cohorts[r].values[k]},${core.orders.cohorts[r].values[k]}`));
    });
    const { orders: table, report } = await loadOrders(lines.join('\n'), { kind: 'cohort-matrix' });
    expect(report.rowsAccepted).to.equal(lines.length - 1);
    const a = table.aggregate!;
    if (a.kind !== 'cohort-matrix') throw new Error('not a matrix');
    for (const m of measures) {
      expect(a.matrices[m]!.periods).to.deep.equal(core[m].periods);
      expect(a.matrices[m]!.cohorts.map((c) => [c.cohort, c.size])).to.deep.equal(core[m].cohorts.map((c) => [c.cohort, c.size]));
      a.matrices[m]!.cohorts.forEach((c, r) => c.values.forEach((v, k) => expect(v).to.be.closeTo(core[m].cohorts[r].values[k], 1e-6)));
    }
  });

  it('a sparse weekly matrix: ISO week keys across a year end, absent cells are 0, bad cells counted', async () => {
    const csv = [
      'cohort,weeks_since,cohort_size,customers',
      '2020-W53,0,10,10',
      '2020-W53,2,10,4',
      '2021-W01,0,5,5',
      '2021-W01,-1,5,1', // negative age
      '2021-W01,1,6,2', // size differs within the cohort
      '2021-W99,0,5,5', // no such week
      '2020-W53,2,10,3', // repeated cell
    ].join('\n');
    const { orders: table, report } = await loadOrders(csv, { kind: 'cohort-matrix' });
    expect(report.rowsRead).to.equal(7);
    expect(report.rowsAccepted).to.equal(3);
    expect(report.rowsRejected).to.equal(4);
    const m = table.aggregate!.kind === 'cohort-matrix' ? table.aggregate!.matrices.customers! : undefined;
    expect(m!.period).to.equal('week');
    expect(m!.periods).to.deep.equal(['2020-W53', '2021-W01', '2021-W02']);
    expect(m!.cohorts).to.deep.equal([{ cohort: '2020-W53', size: 10, values: [10, 0, 4] }, { cohort: '2021-W01', size: 5, values: [5, 0] }]);
    expect(periodIndex('week', Date.UTC(2021, 0, 4) / 864e5) - periodIndex('week', Date.UTC(2020, 11, 28) / 864e5)).to.equal(1);
  });

  it('a CLI report loads as a report whatever `kind` says, with the CLI\'s load report; a damaged one is named', async () => {
    const doc = buildReport(orders, null, { period: 'month', unit: 'weeks', inactiveDays: 'auto', horizonMonths: 12, discountRatePerMonth: 0.01 });
    const text = JSON.stringify(doc, reportReplacer);
    for (const kind of [undefined, 'orders', 'customer-summary'] as const) {
      const { orders: table } = await loadOrders(new TextEncoder().encode(text), { kind, format: 'json' });
      expect(table.aggregate!.kind).to.equal('report');
      expect(table.customer.values).to.deep.equal(orders.customer.values);
    }
    const broken = JSON.parse(text) as Record<string, unknown>;
    delete broken.analyses;
    const e = await loadError(loadOrders(JSON.stringify(broken)));
    expect(e.code).to.equal('invalid-report');
    expect(e.message).to.contain('analyses');
  });

  it('typed-array JSON round-trips every typed array and NaN/Infinity, and does not turn strings into numbers', () => {
    const value = { a: new Int32Array([1, -2]), b: new Float64Array([0.5, NaN, Infinity]), c: [NaN, 'NaN', { d: new Uint8Array([7]) }], e: undefined };
    const back = reviveTyped(JSON.parse(JSON.stringify(encodeTyped(value)))) as typeof value;
    expect(back.a).to.be.instanceOf(Int32Array);
    expect(Array.from(back.a)).to.deep.equal([1, -2]);
    expect(back.b).to.be.instanceOf(Float64Array);
    expect(Number.isNaN(back.b[1])).to.equal(true);
    expect(back.b[2]).to.equal(Infinity);
    expect(Number.isNaN(back.c[0] as number)).to.equal(true);
    expect(back.c[1]).to.equal('NaN');
    expect(Array.from((back.c[2] as { d: Uint8Array }).d)).to.deep.equal([7]);
    expect('e' in back).to.equal(false);
  });
});
