import { expect } from '@open-wc/testing';
import { IDS_BY_CODE, packIds, unpackIds } from '../../src/worker/ids-by-code.js';
import { loadOrders } from '../../src/data/index.js';
import { customerSummary } from '../../src/core/customer-summary.js';
import { runAnalysisHere } from '../../src/analyses/registry.js';

describe('customer ids cross the worker as codes', () => {
  it('packs every customerId column that equals the ids by code, without touching the result, and unpacks it back', async () => {
    const { orders } = await loadOrders('/data/cdnow/CDNOW_master.txt', { zeroAmounts: 'keep', duplicates: 'keep' });
    const ids = orders.customer.values;
    const result = runAnalysisHere(orders, 'churnAnalysis', { period: 'month', inactiveDays: 'auto', pAliveBelow: 0.5, unit: 'weeks' });
    const before = { input: result.input.customerId, full: result.input.full.customerId };
    const packed = packIds(result, ids) as typeof result;
    // The worker's (cached) result is unchanged; the packed copy carries markers instead of strings.
    expect(result.input.customerId).to.equal(before.input);
    expect(result.input.full.customerId).to.equal(before.full);
    expect(packed.input.customerId as unknown).to.equal(IDS_BY_CODE);
    expect(packed.input.full.customerId as unknown).to.equal(IDS_BY_CODE);
    expect(packed.pAlive).to.equal(result.pAlive); // typed arrays are shared, not copied
    const back = unpackIds(structuredClone(packed), ids);
    expect(back.input.customerId).to.deep.equal(before.input);
    expect(back.input.full.customerId).to.deep.equal(before.full);
    expect(back.input.full.customerId.length).to.equal(23_570);
    // On CDNOW every customer has T > 0: input and input.full share their columns, and still do.
    expect(result.input.customerCode).to.equal(result.input.full.customerCode);
    expect(back.input.customerId).to.equal(back.input.full.customerId);
  });

  it('leaves columns that are not the ids by code, and shared objects stay shared', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const codes = Int32Array.from({ length: 100 }, (_, i) => 99 - i);
    const good = { customerCode: codes, customerId: Array.from(codes, (c) => ids[c]) };
    const bad = { customerCode: codes, customerId: Array.from(codes, (c) => (c === 5 ? 'other' : ids[c])) };
    const result = { a: good, b: good, c: bad, list: [good] };
    const packed = packIds(result, ids) as { a: { customerId: unknown }; b: unknown; c: unknown; list: unknown[] };
    expect(packed.a.customerId).to.equal(IDS_BY_CODE);
    expect(packed.b).to.equal(packed.a);
    expect(packed.c).to.equal(bad);
    expect(packed.list[0]).to.equal(good); // arrays are not walked: sent as they are
    const back = unpackIds(structuredClone(packed), ids) as unknown as typeof result;
    expect(back.a.customerId).to.deep.equal(good.customerId);
    expect(back.b).to.equal(back.a);
  });

  it('a summary of a small table is sent as it is (not worth packing)', async () => {
    const { orders } = await loadOrders([{ customer: 'x', date: '2020-01-01', amount: 1 }]);
    const s = customerSummary(orders, { unit: 'days' });
    expect(packIds(s, orders.customer.values)).to.equal(s);
  });
});

describe('results are posted as transferred copies', () => {
  it('copies every typed array once, lists the copies for transfer, and leaves the result alone', async () => {
    const { withTransferableCopies } = await import('../../src/worker/transfer-copies.js');
    const shared = new Float64Array([1, 2, 3]);
    const view = new Int32Array(new ArrayBuffer(64), 8, 2);
    const result = { a: shared, b: { c: shared, d: [view, 'x'] }, e: 5 };
    const { value, transfer } = withTransferableCopies(result);
    expect(transfer.length).to.equal(2);
    expect(value.a).to.not.equal(shared);
    expect(value.b.c).to.equal(value.a); // reached twice, copied once
    expect(Array.from(value.a)).to.deep.equal([1, 2, 3]);
    expect((value.b.d[0] as Int32Array).byteLength).to.equal(8); // a view copies only its range
    expect(result.b.c).to.equal(shared);
    const { port1, port2 } = new MessageChannel();
    const got = new Promise<typeof value>((resolve) => { port2.onmessage = (e) => resolve(e.data as typeof value); });
    port1.postMessage(value, transfer);
    const received = await got;
    expect(value.a.length).to.equal(0); // transferred away: detached here
    expect(shared.length).to.equal(3); // the worker's own array is untouched
    expect(Array.from(received.b.c)).to.deep.equal([1, 2, 3]);
    port1.close();
    port2.close();
  });
});
