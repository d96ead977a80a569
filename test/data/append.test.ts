import { expect } from '@open-wc/testing';
import { appendOrders, loadOrders, mergeOrderTables } from '../../src/data/index.js';
import { sameOrders } from '../../src/data/same-orders.js';

const header = 'invoice,customer,date,amount,product,store';
const first = [
  '1,a,2024-01-05,5,p1,north',
  '1,a,2024-01-05,3,p2,north',
  '2,b,2024-01-02,7,p1,south',
  '3,a,2024-01-09,-2,p3,south', // negative-amount
];
const second = [
  '4,c,2024-01-03,4,p4,west', // a new customer, a new product, a new store, before existing days
  '5,b,2024-01-05,6,p2,south', // same day as order 1: after it
  '5,b,2024-01-05,1,p5,south',
  '6,,2024-01-06,1,p1,north', // missing-customer
];
const csv = (lines: string[]) => [header, ...lines].join('\n');
const options = { mapping: { product: 'product', dimensions: ['store'] } };

describe('appendOrders', () => {
  it('gives the table a single load of all rows gives, and adds up the report', async () => {
    const base = await loadOrders(csv(first), options);
    const next = await appendOrders(base, csv(second));
    const all = await loadOrders(csv([...first, ...second]), options);
    expect(next.added).to.equal(2);
    expect(next.orders).to.deep.equal(all.orders);
    expect(sameOrders(next.orders, all.orders)).to.equal(true);
    const { ms: _a, reasons: ra, ...report } = next.report;
    const { ms: _b, reasons: rb, ...want } = all.report;
    expect(report).to.deep.equal(want);
    expect(ra.map((r) => [r.reason, r.count])).to.deep.equal(rb.map((r) => [r.reason, r.count]));
    // The base is untouched.
    expect(base.orders.length).to.equal(2);
    expect(base.report.rowsRead).to.equal(4);
  });

  it('rejects rows of an order id loaded already as duplicate-order, with the first load’s mapping', async () => {
    const base = await loadOrders(csv(first), options);
    const next = await appendOrders(base, [
      { invoice: '2', customer: 'b', date: '2024-01-10', amount: 9, product: 'p1', store: 'south' },
      { invoice: '7', customer: 'd', date: '2024-01-11', amount: 2, product: 'p1', store: 'east' },
    ]);
    expect(next.added).to.equal(1);
    expect(next.orders.length).to.equal(3);
    expect(next.report.rowsRead).to.equal(6);
    expect(next.report.rowsAccepted).to.equal(base.report.rowsAccepted + 1);
    const dup = next.report.reasons.find((r) => r.reason === 'duplicate-order')!;
    expect(dup.count).to.equal(1);
    expect(dup.examples[0].values.invoice).to.equal('2');
    expect(next.orders.dimensions!.store.values).to.deep.equal(['north', 'south', 'east']);
    expect(next.report.customers).to.equal(3);
  });

  it('nothing accepted: the same table object; a missing mapped column is a LoadError', async () => {
    const base = await loadOrders(csv(first), options);
    const next = await appendOrders(base, csv(['1,a,2024-01-05,5,p1,north']));
    expect(next.added).to.equal(0);
    expect(next.orders).to.equal(base.orders);
    let code = '';
    try {
      await appendOrders(base, 'invoice,customer,date,amount\n9,z,2024-02-01,1');
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).to.equal('unknown-column');
  });

  it('mergeOrderTables keeps the codes of the base and sorts by day', async () => {
    const a = (await loadOrders('customer,date,amount\nx,2024-01-02,1\ny,2024-01-04,2')).orders;
    const b = (await loadOrders('customer,date,amount\nz,2024-01-03,3\nx,2024-01-01,4')).orders;
    const m = mergeOrderTables(a, b);
    expect(Array.from(m.amount)).to.deep.equal([4, 1, 3, 2]);
    expect(m.customer.values).to.deep.equal(['x', 'y', 'z']);
    expect(Array.from(m.customer.codes)).to.deep.equal([0, 0, 2, 1]);
  });
});
