import { expect } from '@open-wc/testing';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { filterOrders } from '../../src/core/filter-orders.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { loadOrders } from '../../src/data/index.js';
import { packTable, unpackTable } from '../../src/worker/table-transport.js';
import { loadError } from './load-error.js';

const RETAIL = new URL('/data/uci-online-retail/Online%20Retail.parquet', location.href);

/** Each order's value of a dimension, as strings (null for a missing value). */
const valuesOf = (orders: OrderTable, name: string): (string | null)[] => {
  const dict = orders.dimensions![name];
  return Array.from(dict.codes, (c) => (c < 0 ? null : dict.values[c]));
};

// Two-line orders, out of day order; the coupon differs between the lines of order 1 (the first line wins).
const rows = [
  { order: '1', customer: 'a', date: '2024-01-03', amount: 5, coupon: 'SPRING', store: 'north' },
  { order: '1', customer: 'a', date: '2024-01-03', amount: 2, coupon: 'OTHER', store: 'north' },
  { order: '2', customer: 'b', date: '2024-01-01', amount: 7, coupon: '', store: 'south' },
  { order: '3', customer: 'a', date: '2024-01-02', amount: 1, coupon: 'SPRING', store: 'south' },
];
const csv = ['order,customer,date,amount,coupon,store', ...rows.map((r) => `${r.order},${r.customer},${r.date},${r.amount},${r.coupon},${r.store}`)].join('\n');
// In day order: order 2 (b), order 3 (a), order 1 (a).
const EXPECTED = { coupon: [null, 'SPRING', 'SPRING'], store: ['south', 'south', 'north'] };

describe('dimension columns (mapping.dimensions)', function () {
  this.timeout(120_000);

  it('loads each dimension as a dictionary per order (first line’s value), from arrays, CSV and JSON', async () => {
    for (const input of [rows, csv, JSON.stringify(rows)]) {
      const { orders, report } = await loadOrders(input, { mapping: { dimensions: ['coupon', 'store'] } });
      expect(orders.length).to.equal(3);
      expect(Object.keys(orders.dimensions!)).to.deep.equal(['coupon', 'store']);
      expect(valuesOf(orders, 'coupon')).to.deep.equal(EXPECTED.coupon);
      expect(valuesOf(orders, 'store')).to.deep.equal(EXPECTED.store);
      // Dictionaries hold only used values, in order of first appearance in the input.
      expect(orders.dimensions!.store.values).to.deep.equal(['north', 'south']);
      expect(report.mapping.dimensions).to.deep.equal(['coupon', 'store']);
    }
  });

  it('is the same when every row is an order (the one-row fast path) and without dimensions there is no field', async () => {
    const single = rows.filter((r, i) => i !== 1);
    const { orders } = await loadOrders(single, { mapping: { dimensions: ['store'] } });
    expect(valuesOf(orders, 'store')).to.deep.equal(['south', 'south', 'north']);
    expect((await loadOrders(single)).orders.dimensions).to.equal(undefined);
  });

  it('matches column names loosely and reports the file’s own name', async () => {
    const { orders, report } = await loadOrders(csv.replace('coupon', 'Coupon Code'), { mapping: { dimensions: ['coupon_code'] } });
    expect(report.mapping.dimensions).to.deep.equal(['Coupon Code']);
    expect(valuesOf(orders, 'Coupon Code')).to.deep.equal(EXPECTED.coupon);
  });

  it('loads dimensions from an Arrow table and from Arrow IPC bytes (the fast path steps aside)', async () => {
    const table = tableFromArrays({
      order_id: Int32Array.from([1, 2, 3]),
      customer: ['a', 'b', 'a'],
      date: ['2024-01-03', '2024-01-01', '2024-01-02'],
      amount: Float64Array.from([5, 7, 1]),
      store: ['north', 'south', 'south'],
    });
    for (const input of [table, tableToIPC(table)]) {
      const { orders } = await loadOrders(input, { mapping: { dimensions: ['store'] } });
      expect(valuesOf(orders, 'store')).to.deep.equal(['south', 'south', 'north']);
    }
  });

  it('loads dimensions from Parquet (Online Retail: Country as a dimension equals the region column)', async () => {
    const { orders } = await loadOrders(RETAIL, { mapping: { dimensions: ['Country', 'Description'] } });
    expect(orders.dimensions!.Country).to.deep.equal(orders.region);
    expect(orders.dimensions!.Description.codes.length).to.equal(orders.length);
  });

  it('a missing dimension column is a LoadError naming the column', async () => {
    const error = await loadError(loadOrders(csv, { mapping: { dimensions: ['store', 'campaign'] } }));
    expect(error.code).to.equal('unknown-column');
    expect(error.message).to.contain('"campaign"');
    expect(error.message).to.contain('dimension');
    const bad = await loadError(loadOrders(csv, { mapping: { dimensions: 'store' as unknown as string[] } }));
    expect(bad.code).to.equal('bad-option');
  });

  it('rows rejected for a reason never reach a dimension; report examples show dimension values', async () => {
    const { orders, report } = await loadOrders(`${csv}\nc,4,2024-01-05,-1,X,west`, { mapping: { dimensions: ['store'] } });
    expect(orders.dimensions!.store.values).to.not.include('west');
    expect(report.reasons[0].examples[0].values.store).to.equal('west');
  });

  it('survives filterOrders and the worker transport', async () => {
    const { orders } = await loadOrders(csv, { mapping: { dimensions: ['coupon', 'store'] } });
    const filtered = filterOrders(orders, { fromDay: orders.day[1] });
    expect(valuesOf(filtered, 'store')).to.deep.equal(['south', 'north']);
    expect(valuesOf(filtered, 'coupon')).to.deep.equal(['SPRING', 'SPRING']);
    const back = unpackTable(structuredClone(packTable(orders)));
    expect(back.dimensions).to.deep.equal(orders.dimensions);
  });
});

describe('mapping: null is "none" for optional roles', () => {
  it('a role given as null is neither used nor detected; an empty attribute means the same', async () => {
    const text = 'invoice,customer,date,amount,country\n1,a,2024-01-01,5,UK\n1,a,2024-01-01,3,UK\n2,b,2024-01-02,7,FR';
    const detected = await loadOrders(text);
    expect(detected.orders.length).to.equal(2);
    expect(detected.report.mapping.region).to.equal('country');
    const none = await loadOrders(text, { mapping: { order: null, region: null, amount: null } });
    expect(none.orders.length).to.equal(3); // each line an order: no order column
    expect(none.orders.region).to.equal(undefined);
    expect(none.orders.hasAmount).to.equal(false);
    expect(none.report.mapping).to.deep.equal({ customer: 'customer', date: 'date' });
    expect((await loadError(loadOrders(text, { mapping: { customer: null as unknown as string } }))).code).to.equal('bad-option');
  });
});
