import { expect } from '@open-wc/testing';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { loadOrders } from '../../src/data/index.js';

// mapping.productName: one name per product code, the first non-null name in input order.
describe('loadOrders productName', () => {
  const csv = [
    'Customer,Invoice,Date,Amount,Sku,Name',
    'c1,i1,2024-01-02,5,A,Apple old',
    'c1,i1,2024-01-02,5,B,',
    'c2,i2,2024-01-01,5,A,Apple new',
    'c2,i2,2024-01-01,5,B,Banana',
    'c3,i3,2024-01-03,5,C,Cherry',
  ].join('\n');

  it('keeps the first name seen per product code (text input)', async () => {
    const { orders } = await loadOrders(csv, { mapping: { customer: 'Customer', order: 'Invoice', date: 'Date', amount: 'Amount', product: 'Sku', productName: 'Name' } });
    const lines = orders.lines!;
    const nameOf = Object.fromEntries(lines.product!.values.map((v, code) => [v, lines.productName![code]]));
    expect(nameOf).to.deep.equal({ A: 'Apple old', B: 'Banana', C: 'Cherry' });
  });

  it('does the same from Arrow, and is absent when not mapped', async () => {
    const ipc = tableToIPC(tableFromArrays({
      Customer: ['c1', 'c1', 'c2'], Invoice: ['i1', 'i1', 'i2'], Date: ['2024-01-02', '2024-01-02', '2024-01-01'],
      Amount: Float64Array.of(1, 2, 3), Sku: ['A', 'B', 'A'], Name: ['Apple', 'Banana', 'Apricot'],
    }));
    const { orders } = await loadOrders(ipc, { mapping: { customer: 'Customer', order: 'Invoice', date: 'Date', amount: 'Amount', product: 'Sku', productName: 'Name' } });
    const lines = orders.lines!;
    expect(lines.product!.values.map((_, code) => lines.productName![code])).to.deep.equal(lines.product!.values.map((v) => (v === 'A' ? 'Apple' : 'Banana')));
    const plain = await loadOrders(csv, { mapping: { customer: 'Customer', date: 'Date', amount: 'Amount', product: 'Sku' } });
    expect(plain.orders.lines!.productName).to.equal(undefined);
  });
});
