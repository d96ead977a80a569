import { expect } from '@open-wc/testing';
import { loadOrders } from '../../src/data/index.js';
import { packTable, unpackTable } from '../../src/worker/table-transport.js';
import { WorkerClient } from '../../src/worker/client.js';

const RETAIL = new URL('/data/uci-online-retail/Online%20Retail.parquet', location.href);

describe('tables cross from the worker with the order ids as one string', function () {
  this.timeout(120_000);

  it('pack → clone → unpack gives the same table; the order dictionary is made when read', async () => {
    const { orders } = await loadOrders('order_id,customer,date,amount\nA1,x,2020-01-02,5\nA2,y,2020-01-01,7\nB,x,2020-01-03,1\nA1,x,2020-01-02,2\n');
    expect(orders.order!.values.length).to.equal(3);
    const posted = packTable(orders);
    expect('order' in posted).to.equal(false);
    expect(posted.packedOrder!.text).to.equal(orders.order!.values.join(''));
    const back = unpackTable(structuredClone(posted));
    expect(typeof Object.getOwnPropertyDescriptor(back, 'order')!.get).to.equal('function'); // not made yet
    expect(back.order).to.deep.equal(orders.order);
    expect(Object.getOwnPropertyDescriptor(back, 'order')!.value).to.deep.equal(orders.order); // a plain property now
    expect({ ...back, order: undefined }).to.deep.equal({ ...orders, order: undefined });
    const plain = await loadOrders([{ customer: 'x', date: '2020-01-01', amount: 1 }]);
    expect(unpackTable(structuredClone(packTable(plain.orders)))).to.deep.equal(plain.orders);
  });

  it('a table loaded in the worker has the order ids the page would load (Online Retail: 18,532 invoices)', async () => {
    const client = new WorkerClient('/src/worker/worker.ts');
    try {
      const remote = (await client.load(RETAIL)).orders;
      const local = (await loadOrders(RETAIL)).orders;
      expect(remote.order!.values.length).to.equal(18_532);
      expect(remote.order).to.deep.equal(local.order);
      expect(remote.customer).to.deep.equal(local.customer);
      expect(remote.day).to.deep.equal(local.day);
    } finally {
      client.dispose();
    }
  });
});
