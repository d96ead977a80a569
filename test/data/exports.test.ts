import { expect } from '@open-wc/testing';
import { loadOrders } from '../../src/data/index.js';
import type { LoadOptions, LoadReport } from '../../src/data/index.js';
import { loadError } from './load-error.js';

// Real-looking exports (test/fixtures/data/exports/make-fixtures.py writes them): each platform's
// headers, its encoding and its date shapes, loaded as a person would load the file.
const DIR = '/test/fixtures/data/exports/';
const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 864e5;
const reasons = (r: LoadReport): Record<string, number> => Object.fromEntries(r.reasons.map((x) => [x.reason, x.count]));
const rules = (r: LoadReport): Record<string, string> => Object.fromEntries((r.columns ?? []).map((c) => [c.role, `${c.column} (${c.rule})`]));

async function bytesOf(name: string): Promise<Uint8Array> {
  const res = await fetch(DIR + name);
  expect(res.ok, name).to.equal(true);
  return new Uint8Array(await res.arrayBuffer());
}

/** Loads a fixture's bytes (as a file input gives them) and checks the report's arithmetic. */
async function load(name: string, options?: LoadOptions) {
  const r = await loadOrders(await bytesOf(name), options);
  expect(r.report.rowsAccepted + r.report.rowsRejected, 'accepted + rejected = read').to.equal(r.report.rowsRead);
  return r;
}

describe('real exports load as they are', () => {
  it('Taobao order report in GBK: 买家会员名, 订单编号, 订单付款时间, 买家实际支付金额; an unpaid order has no payment time', async () => {
    const { orders, report } = await load('taobao-gbk.csv');
    expect(report.encoding).to.equal('gb18030');
    expect(report.mapping).to.deep.include({ customer: '买家会员名', order: '订单编号', date: '订单付款时间', amount: '买家实际支付金额', product: '宝贝标题' });
    expect(report.rowsRead).to.equal(4);
    expect(reasons(report)).to.deep.equal({ 'missing-date': 1 });
    expect(orders.customer.values).to.deep.equal(['小明爱购物', 'lily_2020']);
    expect(orders.order!.values[0]).to.equal('3012345678901234567'); // 19 digits, kept as text
    expect(Array.from(orders.day)).to.deep.equal([day(2024, 1, 5), day(2024, 1, 6), day(2024, 2, 14)]);
    expect(Array.from(orders.amount)).to.deep.equal([128, 65.9, 89]);
    expect(report.dates).to.deep.equal({ format: 'YYYY-MM-DD', rule: 'values' });
  });

  it('Excel text guards ="…" around long order numbers and tab-prefixed ids keep their digits', async () => {
    const text = '订单编号,买家会员名,订单付款时间,买家实际支付金额\n="3012345678901234567",\ta1,2024/1/5 9:06,="12.50"\n="3012345678901234568",a2,="2024-01-06",8\n';
    const { orders, report } = await loadOrders(text);
    expect(report.rowsAccepted).to.equal(2);
    expect(orders.order!.values).to.deep.equal(['3012345678901234567', '3012345678901234568']);
    expect(orders.customer.values).to.deep.equal(['a1', 'a2']);
    expect(Array.from(orders.amount)).to.deep.equal([12.5, 8]);
  });

  it('JD (UTF-8 with BOM): 下单帐号, 订单号, 下单时间, 订单金额', async () => {
    const { orders, report } = await load('jd.csv');
    expect(report.encoding).to.equal('utf-8');
    expect(report.mapping).to.deep.include({ customer: '下单帐号', order: '订单号', date: '下单时间', amount: '订单金额' });
    expect(orders.customer.values).to.deep.equal(['jd_8a7b6c', 'jd_5e4f3d']);
    expect(Array.from(orders.amount)).to.deep.equal([239, 199, 478]);
  });

  it('Youzan: 2024年1月5日 09:05 and 下午3:05 dates, 买家昵称, 订单实付金额, 收货人省份, 销售渠道', async () => {
    const { orders, report } = await load('youzan.csv');
    expect(report.mapping).to.deep.include({ customer: '买家昵称', order: '订单号', date: '买家付款时间', amount: '订单实付金额', region: '收货人省份', channel: '销售渠道' });
    expect(report.rowsAccepted).to.equal(3);
    expect(Array.from(orders.day)).to.deep.equal([day(2024, 1, 5), day(2024, 1, 7), day(2024, 2, 3)]);
    expect(orders.region!.values).to.deep.equal(['四川省', '重庆市']);
  });

  it('a Chinese ERP export in GBK with the headers of the issue and ￥ amounts', async () => {
    const { orders, report } = await load('erp-gbk.csv');
    expect(report.encoding).to.equal('gb18030');
    expect(report.mapping).to.deep.equal({ customer: '客户编号', order: '订单号', date: '下单时间', amount: '实付金额', product: '商品名称', channel: '渠道', region: '省份' });
    expect(rules(report)).to.deep.include({ customer: '客户编号 (name)', amount: '实付金额 (name)' });
    expect(Array.from(orders.amount)).to.deep.equal([1280, 356.5, 88, 420]);
    expect(orders.channel!.values).to.deep.equal(['天猫', '京东', '抖音']);
  });

  it('Big5 with traditional headers (客戶編號, 訂單編號, 下單日期, 實付金額)', async () => {
    const { orders, report } = await load('big5.csv');
    expect(report.encoding).to.equal('big5');
    expect(report.mapping).to.deep.include({ customer: '客戶編號', order: '訂單編號', date: '下單日期', amount: '實付金額', product: '商品名稱' });
    expect(Array.from(orders.day)).to.deep.equal([day(2024, 3, 7), day(2024, 3, 8), day(2024, 4, 1)]);
  });

  // Windows-1252 bytes made here: the test server re-decodes text files it takes for UTF-8.
  const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => ({ é: 0xe9, ü: 0xfc, '£': 0xa3 } as Record<string, number>)[c] ?? c.charCodeAt(0));
  const LATIN1_CSV = 'customer,date,amount\nJosé Müller,2024-01-02,£5.00\nJose Muller,2024-01-03,£7.50\n';

  it('Windows-1252 stays Windows-1252: José Müller and Jose Muller are two customers', async () => {
    const { orders, report } = await loadOrders(latin1(LATIN1_CSV));
    expect(report.encoding).to.equal('windows-1252');
    expect(orders.customer.values).to.deep.equal(['José Müller', 'Jose Muller']);
    expect(Array.from(orders.amount)).to.deep.equal([5, 7.5]);
  });

  it('the encoding option wins over detection; an unknown one is a bad option', async () => {
    const { orders, report } = await loadOrders(latin1(LATIN1_CSV), { encoding: 'windows-1251' });
    expect(report.encoding).to.equal('windows-1251');
    expect(orders.customer.values[0]).to.equal('Josй Mьller'); // what those bytes are in Cyrillic
    const e = await loadError(loadOrders(latin1(LATIN1_CSV), { encoding: 'klingon' }));
    expect(e.code).to.equal('bad-option');
    expect(e.message).to.match(/encoding/);
  });

  it('Shopify: Name is the order, Email the customer, Total on the first line of an order only', async () => {
    const { orders, report } = await load('shopify.csv');
    expect(report.mapping).to.deep.include({ customer: 'Email', order: 'Name', date: 'Created at', amount: 'Total' });
    // 5 lines, 3 orders: the item lines without a Total are lines of their order, not bad rows.
    expect(report.rowsRead).to.equal(5);
    expect(report.rowsAccepted).to.equal(5);
    expect(orders.order!.values).to.deep.equal(['#1001', '#1002', '#1003']);
    expect(Array.from(orders.amount)).to.deep.equal([53.6, 24.44, 43.2]);
    expect(orders.customer.values).to.deep.equal(['ann@example.com', 'bob@example.com']);
    expect(Array.from(orders.customer.codes)).to.deep.equal([0, 1, 0]); // #1003's second line had no Email
  });

  it('Shopify lines whose Total is text (not blank) are still rejected', async () => {
    const text = new TextDecoder().decode(await bytesOf('shopify.csv')).replace('#1002,bob@example.com,paid', '#1001,bob@example.com,paid').replace(',24.44,', ',n/a,');
    const { report } = await loadOrders(text);
    expect(reasons(report)).to.deep.equal({ 'non-numeric-amount': 1 });
  });

  it('WooCommerce: Email (Billing), Order ID, Order Date, Order Total Amount', async () => {
    const { orders, report } = await load('woocommerce.csv');
    expect(report.mapping).to.deep.include({ customer: 'Email (Billing)', order: 'Order ID', date: 'Order Date', amount: 'Order Total Amount' });
    expect(Array.from(orders.amount)).to.deep.equal([1024.5, 75, 33.1]);
  });

  it('the UCI original: 12/1/2010 8:26 month-first dates, decided by 12/13/2010; PM times', async () => {
    const { orders, report } = await load('uci-us-dates.csv');
    expect(report.dates).to.deep.equal({ format: 'MM/DD/YYYY', rule: 'values' });
    expect(report.rowsAccepted).to.equal(4);
    expect(Array.from(orders.day)).to.deep.equal([day(2010, 12, 1), day(2010, 12, 1), day(2010, 12, 1), day(2010, 12, 13)]);
  });

  it('.csv.gz bytes are decompressed (magic bytes), and so is a .gz URL', async () => {
    const gz = await load('uci-us-dates.csv.gz');
    expect(gz.report.compression).to.equal('gzip');
    expect(gz.report.rowsAccepted).to.equal(4);
    const viaUrl = await loadOrders(DIR + 'uci-us-dates.csv.gz');
    expect(viaUrl.report.rowsAccepted).to.equal(4);
    const cut = (await bytesOf('uci-us-dates.csv.gz')).subarray(0, 60);
    expect((await loadError(loadOrders(cut))).code).to.equal('bad-gzip');
  });

  it("Excel's sep=; line names the delimiter; day-first dates decided by 31/01/2024", async () => {
    const { orders, report } = await load('sep-semicolon.csv');
    expect(report.format).to.equal('csv-semicolon');
    expect(report.rowsRead).to.equal(3);
    expect(report.dates).to.deep.equal({ format: 'DD/MM/YYYY', rule: 'values' });
    expect(Array.from(orders.day)).to.deep.equal([day(2024, 1, 31), day(2024, 2, 1), day(2024, 2, 15)]);
    expect(Array.from(orders.amount)).to.deep.equal([12.5, 7, 3.2]);
  });

  it('Excel "Unicode text" (UTF-16 LE, tabs) with 上午/下午 times', async () => {
    const { orders, report } = await load('unicode-text.txt');
    expect(report.encoding).to.equal('utf-16le');
    expect(report.format).to.equal('tsv');
    expect(report.rowsAccepted).to.equal(3);
    expect(orders.customer.values).to.deep.equal(['U1', 'U2']);
  });

  it('short names: cust, date, amt', async () => {
    const { report } = await load('grocery.csv');
    expect(report.mapping).to.deep.equal({ customer: 'cust', date: 'date', amount: 'amt' });
  });

  it('a headerless file: the values decide, and the report says so', async () => {
    const { orders, report } = await load('headerless.csv');
    expect(report.columns).to.deep.equal([
      { role: 'customer', column: 'column1', rule: 'values' },
      { role: 'date', column: 'column2', rule: 'values' },
      { role: 'amount', column: 'column3', rule: 'values' },
    ]);
    expect(orders.customer.values).to.deep.equal(['u17', 'u18', 'u19']);
    const given = await load('headerless.csv', { mapping: { customer: 'column1' } });
    expect(given.report.columns![0]).to.deep.equal({ role: 'customer', column: 'column1', rule: 'given' });
  });

  it('NDJSON, a JSON envelope, and 20-digit ids that JSON.parse would merge', async () => {
    const nd = await load('orders.ndjson');
    expect(nd.report.format).to.equal('ndjson');
    expect(nd.report.rowsAccepted).to.equal(3);
    const env = await load('envelope.json');
    expect(env.report.rowsAccepted).to.equal(2);
    const big = await load('big-ids.json');
    expect(big.report.rowsAccepted).to.equal(2);
    expect(big.orders.customer.values).to.deep.equal(['12345678901234567891', '12345678901234567892']);
  });

  it('a JSON endpoint with a next link is read page after page, with progress; a cursor that repeats stops with an error', async () => {
    const pages: number[] = [];
    const { report, orders } = await loadOrders(DIR + 'page-1.json', { onProgress: (p) => { if (p.pages) pages.push(p.pages); } });
    expect(report.pages).to.equal(2);
    expect(pages).to.deep.equal([2]);
    expect(orders.customer.values).to.deep.equal(['c1', 'c2']);
    const capped = await loadError(loadOrders(DIR + 'page-1.json', { maxPages: 1 }));
    expect(capped.code).to.equal('too-many-pages');
    expect(capped.message).to.match(/maxPages/);
    expect((await loadError(loadOrders(DIR + 'cursor-1.json'))).code).to.equal('pagination-loop');
  });

  it('an .xlsx workbook: shared strings, date-styled cells, a blank cell', async () => {
    const { orders, report } = await load('orders.xlsx');
    expect(report.format).to.equal('xlsx');
    expect(report.mapping).to.deep.include({ customer: '客户编号', date: '下单时间', amount: '实付金额', product: '商品名称' });
    expect(Array.from(orders.day)).to.deep.equal([day(2024, 1, 5), day(2024, 1, 6), day(2024, 2, 10)]);
    expect(Array.from(orders.amount)).to.deep.equal([1280.5, 356, 88]);
    const notWorkbook = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect((await loadError(loadOrders(notWorkbook))).code).to.equal('bad-xlsx');
  });
});
