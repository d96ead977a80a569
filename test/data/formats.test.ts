import { expect } from '@open-wc/testing';
import { tableFromArrays, tableFromIPC, tableToIPC, vectorFromArray, TimestampMillisecond, Utf8, Dictionary, Int32 } from 'apache-arrow';
import { loadOrders, looksLikeUrl, detectMapping } from '../../src/data/index.js';
import type { LoadProgress } from '../../src/data/index.js';
import { loadError } from './load-error.js';

// tableFromArrays accepts Vectors at runtime; its typings only list arrays.
const arrays = (x: Record<string, unknown>) => x as unknown as Parameters<typeof tableFromArrays>[0];
const day = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5;
const CSV = 'customer_id,order_id,order_date,amount\nc1,o1,2024-01-02,10.50\nc2,o2,2024-01-01,"1,200.00"\nc1,o3,2024-01-03,5\n';

/** The three orders of CSV, checked on any load result. */
function expectThreeOrders(r: Awaited<ReturnType<typeof loadOrders>>): void {
  const { orders, report } = r;
  expect(report.rowsRead).to.equal(3);
  expect(report.rowsAccepted).to.equal(3);
  expect(orders.length).to.equal(3);
  expect(Array.from(orders.day)).to.deep.equal([day('2024-01-01'), day('2024-01-02'), day('2024-01-03')]);
  expect(Array.from(orders.amount)).to.deep.equal([1200, 10.5, 5]);
  // Codes in order of first appearance in the input: c1 first.
  expect(orders.customer.values).to.deep.equal(['c1', 'c2']);
  expect(Array.from(orders.customer.codes)).to.deep.equal([1, 0, 0]);
  expect(orders.order!.values).to.deep.equal(['o1', 'o2', 'o3']);
  expect(report.customers).to.equal(2);
}


describe('loadOrders input formats', () => {
  it('reads CSV text with quotes and sniffs delimiters: tab, semicolon, pipe, whitespace', async () => {
    expectThreeOrders(await loadOrders(CSV));
    const tsv = CSV.replace('"1,200.00"', '1200').replace(/,/g, '\t');
    const r = await loadOrders(tsv);
    expect(r.report.format).to.equal('tsv');
    expectThreeOrders(r);
    const semi = await loadOrders(CSV.replace('"1,200.00"', '1200').replace(/,/g, ';'));
    expect(semi.report.format).to.equal('csv-semicolon');
    expectThreeOrders(semi);
    const pipe = await loadOrders(CSV.replace('"1,200.00"', '1200').replace(/,/g, '|'));
    expect(pipe.report.format).to.equal('csv-pipe');
    expectThreeOrders(pipe);
    const ws = await loadOrders(' customer_id   order_id  order_date   amount\r\n c1  o1  2024-01-02  10.50\r\n c2  o2  2024-01-01  1200\r\n c1  o3  2024-01-03  5\r\n');
    expect(ws.report.format).to.equal('whitespace');
    expectThreeOrders(ws);
  });

  it('handles RFC 4180 quoting, CRLF, BOM, no trailing newline, short and long rows', async () => {
    const text = '\ufeffcustomer,order,note,date,amount\r\n"c,1","o1","said ""hi""\r\nthen left",2024-01-02,1\r\nc2,o2,x,2024-01-01,2,extra\r\nc3,o3\r\nc4,o4,,2024-01-05,4';
    const { orders, report } = await loadOrders(text);
    expect(report.rowsRead).to.equal(4);
    expect(orders.customer.values).to.deep.equal(['c,1', 'c2', 'c4']);
    const missingDate = report.reasons.find((r) => r.reason === 'missing-date')!;
    expect(missingDate.count).to.equal(1);
    expect(missingDate.examples[0]).to.deep.equal({ row: 3, values: { customer: 'c3', order: 'o3', date: '', amount: '' } });
  });

  it('reads JSON text, arrays of objects and Blobs', async () => {
    const rows = [
      { customer_id: 'c1', order_id: 'o1', order_date: '2024-01-02', amount: 10.5 },
      { customer_id: 'c2', order_id: 'o2', order_date: '2024-01-01', amount: '$1,200' },
      { customer_id: 'c1', order_id: 'o3', order_date: '2024-01-03', amount: 5 },
    ];
    const fromArray = await loadOrders(rows);
    expect(fromArray.report.format).to.equal('array');
    expectThreeOrders(fromArray);
    const fromJson = await loadOrders(JSON.stringify(rows));
    expect(fromJson.report.format).to.equal('json');
    expectThreeOrders(fromJson);
    expectThreeOrders(await loadOrders(new Blob([CSV], { type: 'text/csv' })));
    expectThreeOrders(await loadOrders(new TextEncoder().encode(CSV)));
    expectThreeOrders(await loadOrders(new TextEncoder().encode(JSON.stringify(rows)).buffer));
  });

  it('reads Arrow tables and Arrow IPC bytes (file and stream), dictionary and timestamp columns', async () => {
    const source = tableFromArrays(arrays({
      customer_id: vectorFromArray(['c1', 'c2', 'c1'], new Dictionary(new Utf8(), new Int32())),
      order_id: ['o1', 'o2', 'o3'],
      // 2024-01-02 23:30 UTC is 2024-01-02 in UTC but 2024-01-03 in Asia/Kolkata (+05:30).
      order_date: vectorFromArray([Date.UTC(2024, 0, 2, 23, 30), Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 3)], new TimestampMillisecond('UTC')),
      amount: new Float64Array([10.5, 1200, 5]),
    }));
    for (const format of ['file', 'stream'] as const) {
      const bytes = tableToIPC(source, format);
      const fromBytes = await loadOrders(bytes);
      expect(fromBytes.report.format).to.equal('arrow');
      expectThreeOrders(fromBytes);
    }
    const table = tableFromIPC(tableToIPC(source));
    const fromTable = await loadOrders(table);
    expect(fromTable.report.format).to.equal('arrow-table');
    expectThreeOrders(fromTable);
    const kolkata = await loadOrders(table, { timeZone: 'Asia/Kolkata' });
    expect(Array.from(kolkata.orders.day)).to.deep.equal([day('2024-01-01'), day('2024-01-03'), day('2024-01-03')]);
    // Without a zone the timestamp is wall clock: the time zone does not move it.
    const naive = tableFromIPC(tableToIPC(tableFromArrays(arrays({
      customer: ['a'], date: vectorFromArray([Date.UTC(2024, 0, 2, 23, 30)], new TimestampMillisecond()), amount: [1],
    }))));
    expect((await loadOrders(naive, { timeZone: 'Asia/Kolkata' })).orders.day[0]).to.equal(day('2024-01-02'));
  });

  it('fetches URL strings and URL objects with progress, format from Content-Type/extension', async () => {
    const progress: LoadProgress[] = [];
    const r = await loadOrders('/test/fixtures/data/orders.csv', { onProgress: (p) => progress.push(p) });
    expectThreeOrders(r);
    expect(progress.some((p) => p.phase === 'fetch' && p.bytes! > 0)).to.equal(true);
    expect(progress.some((p) => p.phase === 'parse')).to.equal(true);
    expect(progress[progress.length - 1].phase).to.equal('build');
    expectThreeOrders(await loadOrders(new URL('/test/fixtures/data/orders.csv', location.href)));
    const e = await loadError(loadOrders('/test/fixtures/data/missing.csv'));
    expect(e.code).to.equal('http-404');
    expect(e.message).to.contain('404').and.contain('/test/fixtures/data/missing.csv');
  });

  it('tells URLs from text', () => {
    expect(looksLikeUrl('https://example.com/a.csv')).to.equal(true);
    expect(looksLikeUrl('/data/x.parquet')).to.equal(true);
    expect(looksLikeUrl('orders.csv')).to.equal(true);
    expect(looksLikeUrl('data:text/csv,a,b')).to.equal(true);
    expect(looksLikeUrl('customer,date,amount')).to.equal(false);
    expect(looksLikeUrl('customer_id')).to.equal(false);
    expect(looksLikeUrl('a.b c.d')).to.equal(false);
    expect(looksLikeUrl('x.csv\ny.csv')).to.equal(false);
    expect(looksLikeUrl('[{"a":1}]')).to.equal(false);
  });

  it('rejects with AbortError when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let error: unknown;
    try {
      await loadOrders('/test/fixtures/data/orders.csv', { signal: controller.signal });
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).to.equal('AbortError');
    const during = new AbortController();
    const p = loadOrders('/data/cdnow/CDNOW_master.txt', { signal: during.signal, onProgress: () => during.abort() });
    let error2: unknown;
    try {
      await p;
    } catch (e) {
      error2 = e;
    }
    expect((error2 as Error).name).to.equal('AbortError');
  });

  it('detects mappings from common names', () => {
    expect(detectMapping(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'])).to.deep.equal({
      customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', product: 'StockCode', region: 'Country', amount: 'Quantity*UnitPrice',
    });
    expect(detectMapping(['Customer ID', 'created_at', 'Revenue'])).to.deep.equal({ customer: 'Customer ID', date: 'created_at', amount: 'Revenue' });
    expect(detectMapping(['user_id', 'timestamp', 'price', 'sku', 'channel', 'category'])).to.deep.equal({
      customer: 'user_id', date: 'timestamp', amount: 'price', product: 'sku', channel: 'channel', category: 'category',
    });
  });
});
