import { expect } from '@open-wc/testing';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { loadOrders } from '../../src/data/index.js';
import type { LoadReport } from '../../src/data/index.js';
import { loadError } from './load-error.js';

const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 864e5;
const reasons = (r: LoadReport): Record<string, number> => Object.fromEntries(r.reasons.map((x) => [x.reason, x.count]));


describe('loadOrders row rules', () => {
  const text = [
    'customer,invoice,date,amount,note',
    ',1,2024-01-01,5,a', // missing-customer
    'NaN,2,2024-01-01,5,b', // missing-customer (NaN id)
    'c1,3,,5,c', // missing-date
    'c1,4,2023-02-30,5,d', // unparseable-date
    'c1,5,yesterday,5,e', // unparseable-date
    'c1,6,2024-01-02,abc,f', // non-numeric-amount
    'c1,7,2024-01-02,NaN,g', // non-numeric-amount
    'c1,8,2024-01-02,Infinity,h', // non-numeric-amount
    'c1,9,2024-01-03,€12,i', // ok
    'c1,9,2024-01-03,€12,i', // duplicate-row
    'c1,9,2024-01-03,€12,j', // ok: differs in an unmapped column
    'c2,C10,2024-01-04,-3,k', // cancellation
    'c2,11,2024-01-04,-3,l', // negative-amount
    'c2,12,2024-01-04,0,m', // zero-amount
    'c2,12,2024-01-05,7,n', // ok, same invoice as the zero row
  ].join('\n');

  it('rejects each row for exactly one reason, with exact counts and examples', async () => {
    const { orders, report } = await loadOrders(text);
    expect(reasons(report)).to.deep.equal({
      'missing-customer': 2, 'missing-date': 1, 'unparseable-date': 2, 'non-numeric-amount': 3,
      'duplicate-row': 1, cancellation: 1, 'negative-amount': 1, 'zero-amount': 1,
    });
    expect(report.reasons[0].reason).to.equal('non-numeric-amount'); // sorted by count
    expect(report.rowsRead).to.equal(15);
    expect(report.rowsAccepted).to.equal(3);
    expect(report.rowsRead).to.equal(report.rowsAccepted + report.rowsRejected);
    const dup = report.reasons.find((r) => r.reason === 'duplicate-row')!;
    expect(dup.examples).to.deep.equal([{ row: 10, values: { customer: 'c1', invoice: '9', date: '2024-01-03', amount: '€12' } }]);
    expect(report.reasons.find((r) => r.reason === 'unparseable-date')!.examples.map((e) => e.row)).to.deep.equal([4, 5]);
    expect(dup.message).to.match(/duplicate/);
    // Invoice 9: two accepted lines summed; invoice 12: only its non-zero line.
    expect(orders.length).to.equal(2);
    expect(Array.from(orders.amount)).to.deep.equal([24, 7]);
    expect(Array.from(orders.day)).to.deep.equal([day(2024, 1, 3), day(2024, 1, 5)]);
    const keep = await loadOrders(text, { zeroAmounts: 'keep' });
    expect(reasons(keep.report)['zero-amount']).to.equal(undefined);
    expect(keep.orders.day[1]).to.equal(day(2024, 1, 4)); // the order's earliest line now counts
  });

  it("returns:'net' sums returns into their order and rejects non-positive orders whole", async () => {
    const csv = 'customer,order,date,amount\na,1,2024-01-01,10\na,1,2024-01-02,-4\nb,2,2024-01-01,5\nb,2,2024-01-01,-5\nc,3,2024-01-03,-2\nd,4,2024-01-03,0\n';
    const { orders, report } = await loadOrders(csv, { returns: 'net' });
    expect(reasons(report)).to.deep.equal({ 'non-positive-order': 4 });
    expect(Array.from(orders.amount)).to.deep.equal([6]);
    expect(report.reasons[0].examples.map((e) => e.row)).to.deep.equal([3, 4, 5, 6]);
    const exclude = await loadOrders(csv);
    expect(reasons(exclude.report)).to.deep.equal({ 'negative-amount': 3, 'zero-amount': 1 });
  });

  it("returns:'net' subtracts a credit note from the customer's latest purchases on or before its day, never below zero", async () => {
    const csv = [
      'customer,order,date,amount',
      'a,1,2024-01-01 10:00,50', // a's first purchase: receives what order 2 cannot take
      'a,2,2024-01-05 09:00,30', // cancelled in full by C3 (30 of its 40)
      'a,C3,2024-01-05 08:00,-25', // same day, earlier time: still matches order 2 (day, not time)
      'a,C3,2024-01-05 08:00,-15', //   …its second line (40 in all: 30 from order 2, 10 from order 1)
      'a,4,2024-01-09,20', // after the credit note: untouched
      'b,5,2024-01-02,10',
      'b,C6,2024-01-03,-100', // more than b ever bought: b's order goes to 0, the rest is dropped
      'c,C7,2024-01-01,-5', // c never bought before: nothing to net, still no purchase
      'c,8,2024-01-02,12', // a later purchase is not reduced by an earlier credit note
      'd,9,2024-01-04,8',
      'd,9,2024-01-04,-8', // a mixed order netting to 0 is rule 9, not a credit note
    ].join('\n');
    const { orders, report } = await loadOrders(csv, { returns: 'net' });
    expect(reasons(report)).to.deep.equal({ cancelled: 2, 'non-positive-order': 6 });
    expect(report.rowsRead).to.equal(report.rowsAccepted + report.rowsRejected);
    expect(report.reasons.find((r) => r.reason === 'cancelled')!.examples.map((e) => e.row)).to.deep.equal([2, 6]);
    const byCustomer = (c: string) => Array.from(orders.amount).filter((_, i) => orders.customer.values[orders.customer.codes[i]] === c);
    expect(byCustomer('a')).to.deep.equal([40, 20]);
    expect(byCustomer('b')).to.deep.equal([]);
    expect(byCustomer('c')).to.deep.equal([12]);
    expect(byCustomer('d')).to.deep.equal([]);
    // Default returns:'exclude' keeps today's behaviour: credit notes are skipped, nothing is netted.
    const exclude = await loadOrders(csv);
    expect(reasons(exclude.report)).to.deep.equal({ cancellation: 4, 'negative-amount': 1 });
    expect(Array.from(exclude.orders.amount).reduce((x, y) => x + y, 0)).to.equal(50 + 30 + 20 + 10 + 12 + 8);
  });

  it("returns:'net' without order ids: a negative row is a credit note of its own (fast path and general path agree)", async () => {
    const csv = 'customer,date,amount\na,2024-01-01,10\na,2024-01-02,7\na,2024-01-02,-9\nb,2024-01-03,4\n';
    const { orders, report } = await loadOrders(csv, { returns: 'net' });
    expect(reasons(report)).to.deep.equal({ cancelled: 1, 'non-positive-order': 1 });
    expect(Array.from(orders.amount)).to.deep.equal([8, 4]);
  });

  it('multiplies amount expressions, keeps lines and per-order attributes, works without amounts', async () => {
    const csv = 'InvoiceNo,StockCode,Quantity,UnitPrice,InvoiceDate,CustomerID,Country\n' +
      '1,A,2,1.5,2011-12-09 12:50,17850.0,UK\n1,B,1,4,2011-12-09 12:49,17850.0,UK\n2,A,3,1,2011-12-08 09:00,13047,FR\n';
    const { orders, report } = await loadOrders(csv);
    expect(report.mapping.amount).to.equal('Quantity*UnitPrice');
    expect(Array.from(orders.amount)).to.deep.equal([3, 7]);
    expect(orders.customer.values).to.deep.equal(['17850', '13047']);
    expect(orders.region!.values).to.deep.equal(['UK', 'FR']);
    expect(Array.from(orders.region!.codes)).to.deep.equal([1, 0]);
    expect(orders.lines!.length).to.equal(3);
    expect(Array.from(orders.lines!.order)).to.deep.equal([0, 1, 1]);
    expect(orders.lines!.product!.values).to.deep.equal(['A', 'B']);
    expect(Array.from(orders.lines!.product!.codes)).to.deep.equal([0, 0, 1]);
    const none = await loadOrders('customer,date\na,2024-01-01\na,2024-01-02\n');
    expect(none.orders.hasAmount).to.equal(false);
    expect(Array.from(none.orders.amount)).to.deep.equal([0, 0]);
  });

  it('sorts by day stably over a shuffled input', async () => {
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 500; i++) lines.push(`c${i},2024-0${1 + ((i * 7) % 9)}-1${i % 9},${i + 1}`);
    const { orders } = await loadOrders(lines.join('\n'));
    for (let i = 1; i < orders.length; i++) {
      expect(orders.day[i]).to.be.at.least(orders.day[i - 1]);
      if (orders.day[i] === orders.day[i - 1]) expect(orders.amount[i]).to.be.above(orders.amount[i - 1]);
    }
  });
});

describe('loadOrders dates and time zones', () => {
  const load = (dates: unknown[], timeZone?: string) =>
    loadOrders(dates.map((date, i) => ({ customer: `c${i}`, date, amount: 1 })), { timeZone });

  it('parses the accepted formats, treating wall-clock values as local', async () => {
    const { orders, report } = await load(['2011-12-09', '2011-12-09 12:50:00', '2011/12/09', 20111209, '20111209',
      '2011-12-09T12:50', '2011-12-09T12:50:00.123Z', Date.UTC(2011, 11, 9, 12), new Date(Date.UTC(2011, 11, 9, 1))], 'America/New_York');
    expect(report.rowsAccepted).to.equal(9);
    // new Date(2011-12-09T01:00Z) is Dec 8 in New York.
    expect(Array.from(orders.day)).to.deep.equal([day(2011, 12, 8), ...Array(8).fill(day(2011, 12, 9))]);
  });

  it('uses the zone for instants only, across a DST day and half-hour offsets', async () => {
    // 2024-03-10: New York springs forward at 07:00Z. 04:30Z = 23:30 EST on Mar 9; 04:30Z on Nov 3 = 00:30 EDT.
    const ny = await load(['2024-03-10T04:30:00Z', '2024-03-10T05:30:00Z', '2024-11-03T04:30:00Z', '2024-11-03T03:59:00Z', '2024-03-10 23:30'], 'America/New_York');
    expect(Array.from(ny.orders.day).sort()).to.deep.equal([day(2024, 3, 9), day(2024, 3, 10), day(2024, 3, 10), day(2024, 11, 2), day(2024, 11, 3)].sort());
    const kolkata = await load(['2024-01-01T18:29:00Z', '2024-01-01T18:30:00Z', '2024-01-01T20:00:00+01:00'], 'Asia/Kolkata');
    expect(Array.from(kolkata.orders.day)).to.deep.equal([day(2024, 1, 1), day(2024, 1, 2), day(2024, 1, 2)]);
    const utc = await load(['2024-01-01T23:30:00-01:00', 1704153600000]);
    expect(Array.from(utc.orders.day)).to.deep.equal([day(2024, 1, 2), day(2024, 1, 2)]);
    // Every UTC minute of a DST day agrees with Intl (the hour cache must not drift).
    const minutes: number[] = [];
    for (let t = Date.UTC(2024, 2, 10); t < Date.UTC(2024, 2, 11, 12); t += 7 * 60_000) minutes.push(t);
    const r = await load(minutes, 'America/New_York');
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });
    const expected = minutes.map((t) => Date.parse(fmt.format(t) + 'T00:00:00Z') / 864e5).sort((a, b) => a - b);
    expect(Array.from(r.orders.day)).to.deep.equal(expected);
  });

  it('rejects impossible and unsupported dates', async () => {
    const { report } = await load(['2023-02-30', '2024-13-01', '2024-01-01 25:00', 12345, 'next tuesday', null]);
    expect(reasons(report)).to.deep.equal({ 'unparseable-date': 5, 'missing-date': 1 });
  });

  it('parses amounts with separators and symbols', async () => {
    const amounts = ['1,234.50', '€12', '$1,200', ' 7 ', '1.234,50', '12,5', '(3)', 'NaN', 'Infinity', '', 'ten'];
    const rows = amounts.map((amount, i) => ({ customer: `c${i}`, date: '2024-01-01', amount }));
    const { orders, report } = await loadOrders(rows);
    expect(Array.from(orders.amount).sort((a, b) => a - b)).to.deep.equal([7, 12, 12.5, 1200, 1234.5, 1234.5]);
    expect(reasons(report)).to.deep.equal({ 'non-numeric-amount': 4, 'negative-amount': 1 });
  });
});

describe('loadOrders whole-input errors', () => {
  it('names the problem and the fix', async () => {
    expect((await loadError(loadOrders(''))).code).to.equal('empty');
    expect((await loadError(loadOrders([]))).code).to.equal('empty');
    expect((await loadError(loadOrders(new Uint8Array(0)))).code).to.equal('empty');
    const headerOnly = await loadError(loadOrders('customer_id,date,amount\n'));
    expect(headerOnly.code).to.equal('header-only');
    const noCustomer = await loadError(loadOrders('InvoiceNo,StockCode,InvoiceDate\n1,A,2024-01-01\n'));
    expect(noCustomer.code).to.equal('no-customer-column');
    expect(noCustomer.message).to.contain('found InvoiceNo, StockCode, InvoiceDate').and.contain('customer-field').and.contain('mapping.customer');
    const noDate = await loadError(loadOrders('customer,amount\na,1\n'));
    expect(noDate.code).to.equal('no-date-column');
    const unknown = await loadError(loadOrders('customer,date\na,2024-01-01\n', { mapping: { customer: 'client' } }));
    expect(unknown.code).to.equal('unknown-column');
    expect(unknown.message).to.contain('client').and.contain('customer, date');
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 256;
    expect((await loadError(loadOrders(garbage))).code).to.equal('not-csv');
    expect((await loadError(loadOrders('{"a": 1}'))).code).to.equal('not-json-array');
    expect((await loadError(loadOrders('[1, 2]'))).code).to.equal('not-json-array');
    expect((await loadError(loadOrders('[{"a": 1},'))).code).to.equal('bad-json');
    const bad = await loadError(loadOrders('a,b\n1,2\n', { timeZone: 'Mars/Olympus' } as never));
    expect(bad.code).to.equal('bad-option');
    expect(bad.message).to.contain('timeZone');
    expect((await loadError(loadOrders('a', { returns: 'maybe' } as never))).code).to.equal('bad-option');
    const ipc = tableToIPC(tableFromArrays({ customer: ['a'], date: ['2024-01-01'] }), 'file');
    expect((await loadError(loadOrders(ipc.slice(0, ipc.length - 20)))).code).to.equal('truncated');
    const stream = tableToIPC(tableFromArrays({ customer: ['a'], date: ['2024-01-01'] }), 'stream');
    expect((await loadError(loadOrders(stream.slice(0, stream.length - 20)))).code).to.equal('truncated');
  });
});
