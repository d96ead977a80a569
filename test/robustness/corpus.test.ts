// The bad-data corpus (issue 7): every case ends, within a bound, either in a LoadError whose code is
// stable and whose message names the problem and the fix, or in a result whose report counts are
// exact (numbers derived by hand from the case, not read back from the loader) and add up:
// accepted + rejected = read. No case may throw anything else, leave an uncaught error or an
// unhandled rejection behind, or pollute Object.prototype.
import { expect } from '@open-wc/testing';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { OrderTable } from '../../src/core/order-table.js';
import { loadOrders, LoadError } from '../../src/data/index.js';
import type { LoadOptions, LoadReport, OrdersInput } from '../../src/data/index.js';

const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 864e5;
const lines = (...rows: string[]): string => rows.join('\n') + '\n';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

interface Expected {
  read: number;
  accepted: number;
  /** Rejections by reason; omitted reasons must be 0. */
  reasons?: Record<string, number>;
  customers: number;
  orders: number;
  check?: (orders: OrderTable, report: LoadReport) => void;
}
interface Case {
  name: string;
  input: () => OrdersInput | Promise<OrdersInput>;
  options?: LoadOptions;
  /** Either an error code and a message pattern (problem and fix), or the exact result. */
  error?: { code: string; message: RegExp };
  result?: Expected;
}

const BOUND_MS = 20_000;
function bounded<T>(p: Promise<T>, ms = BOUND_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

const reasonCounts = (r: LoadReport): Record<string, number> => Object.fromEntries(r.reasons.map((x) => [x.reason, x.count]));

async function runCase(c: Case): Promise<void> {
  const input = await c.input();
  let outcome: { orders: OrderTable; report: LoadReport } | undefined;
  let error: unknown;
  try {
    outcome = await bounded(loadOrders(input, c.options));
  } catch (e) {
    error = e;
  }
  if (c.error) {
    expect(error, `expected LoadError ${c.error.code}, got a result`).to.be.instanceOf(LoadError);
    const e = error as LoadError;
    expect(e.code).to.equal(c.error.code);
    expect(e.message).to.match(c.error.message);
    return;
  }
  if (error) throw error;
  const { orders, report } = outcome!;
  const x = c.result!;
  expect(report.rowsAccepted + report.rowsRejected, 'accepted + rejected = read').to.equal(report.rowsRead);
  expect(report.reasons.reduce((n, r) => n + r.count, 0), 'reason counts sum to rejected').to.equal(report.rowsRejected);
  expect(report.rowsRead, 'read').to.equal(x.read);
  expect(report.rowsAccepted, 'accepted').to.equal(x.accepted);
  expect(reasonCounts(report), 'reasons').to.deep.equal(x.reasons ?? {});
  expect(report.customers, 'customers').to.equal(x.customers);
  expect(orders.customer.values.length).to.equal(x.customers);
  expect(report.orders, 'orders').to.equal(x.orders);
  expect(orders.length).to.equal(x.orders);
  for (const r of report.reasons) {
    expect(r.message.length).to.be.greaterThan(20);
    expect(r.examples.length).to.equal(Math.min(5, r.count));
  }
  for (let i = 1; i < orders.length; i++) expect(orders.day[i] >= orders.day[i - 1], 'sorted by day').to.equal(true);
  x.check?.(orders, report);
}

let parquetBytes: Uint8Array | undefined;
async function retailParquet(): Promise<Uint8Array> {
  parquetBytes ??= new Uint8Array(await (await fetch('/data/uci-online-retail/Online Retail.parquet')).arrayBuffer());
  return parquetBytes;
}
function arrowBytes(format: 'file' | 'stream'): Uint8Array {
  const n = 2000;
  const customer = Array.from({ length: n }, (_, i) => `c${i % 37}`);
  const date = Array.from({ length: n }, (_, i) => `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`);
  const amount = Float64Array.from({ length: n }, (_, i) => i + 1);
  return tableToIPC(tableFromArrays({ customer, date, amount }), format);
}

const HTML_ID = '<img src=x onerror="window.__pwned=1">';
const SCRIPT_NAME = '<script>window.__pwned=1</script>';
const LONG_A = 'a'.repeat(10_000);
const LONG_B = 'a'.repeat(9_999) + 'b';

const CASES: Case[] = [
  // ── whole-input problems ────────────────────────────────────────────────────────────────────
  { name: 'empty string', input: () => '', error: { code: 'empty', message: /empty/ } },
  { name: 'empty bytes', input: () => new Uint8Array(0), error: { code: 'empty', message: /empty/ } },
  { name: 'blank lines only', input: () => '\n\n   \n\r\n', error: { code: 'empty', message: /empty/ } },
  { name: 'empty Blob', input: () => new Blob([], { type: 'text/csv' }), error: { code: 'empty', message: /empty/ } },
  { name: 'header only', input: () => 'customer,date,amount\n', error: { code: 'header-only', message: /customer, date, amount.*no data rows/ } },
  { name: 'no customer column', input: () => lines('date,amount', '2024-01-01,5'), error: { code: 'no-customer-column', message: /customer id.*found date, amount.*customer-field/ } },
  { name: 'no date column', input: () => lines('customer,amount', 'a,5'), error: { code: 'no-date-column', message: /order date.*date-field/ } },
  { name: 'mapped column that does not exist', input: () => lines('client,date,amount', 'a,2024-01-01,5'), options: { mapping: { customer: 'customer_id' } },
    error: { code: 'unknown-column', message: /"customer_id" does not exist: found client, date, amount.*mapping\.customer/ } },
  { name: 'binary garbage', input: () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), error: { code: 'not-csv', message: /binary.*check the file/ } },
  { name: 'a number is not an input', input: () => 42 as unknown as OrdersInput, error: { code: 'unsupported-input', message: /array of objects.*URL/ } },
  { name: 'unknown time zone', input: () => lines('customer,date', 'a,2024-01-01'), options: { timeZone: 'Mars/Olympus' }, error: { code: 'bad-option', message: /timeZone.*IANA/ } },
  // ── delimiters, BOM, quoting, line ends ─────────────────────────────────────────────────────
  { name: 'semicolon delimiter with decimal commas', input: () => lines('customer;date;amount', 'a;2024-01-01;1,50', 'b;2024-01-02;2'),
    result: { read: 2, accepted: 2, customers: 2, orders: 2, check: (o, r) => { expect(r.format).to.equal('csv-semicolon'); expect(Array.from(o.amount)).to.deep.equal([1.5, 2]); } } },
  { name: 'tab delimiter', input: () => lines('customer\tdate\tamount', 'a\t2024-01-01\t1.5', 'a b\t2024-01-02\t2'),
    result: { read: 2, accepted: 2, customers: 2, orders: 2, check: (o, r) => { expect(r.format).to.equal('tsv'); expect(o.customer.values).to.deep.equal(['a', 'a b']); } } },
  { name: 'UTF-8 BOM in a string', input: () => '\ufeff' + lines('customer,date,amount', 'a,2024-01-01,1'),
    result: { read: 1, accepted: 1, customers: 1, orders: 1, check: (_o, r) => expect(r.mapping.customer).to.equal('customer') } },
  { name: 'UTF-8 BOM in bytes', input: () => concat([0xef, 0xbb, 0xbf], enc(lines('customer,date,amount', 'a,2024-01-01,1'))),
    result: { read: 1, accepted: 1, customers: 1, orders: 1, check: (_o, r) => expect(r.mapping.customer).to.equal('customer') } },
  { name: 'quoted fields with commas, quotes and newlines', input: () => lines('customer,date,amount,product', '"a, inc",2024-01-01,"1,234.50","line1\nline2 ""x"""', 'b,2024-01-02,2,y'),
    result: { read: 2, accepted: 2, customers: 2, orders: 2, check: (o) => {
      expect(o.customer.values).to.deep.equal(['a, inc', 'b']);
      expect(Array.from(o.amount)).to.deep.equal([1234.5, 2]);
      expect(o.lines!.product!.values).to.deep.equal(['line1\nline2 "x"', 'y']);
    } } },
  { name: 'CRLF line ends', input: () => 'customer,date,amount\r\na,2024-01-01,1\r\nb,2024-01-02,2\r\n',
    result: { read: 2, accepted: 2, customers: 2, orders: 2, check: (o) => { expect(o.customer.values).to.deep.equal(['a', 'b']); expect(Array.from(o.amount)).to.deep.equal([1, 2]); } } },
  { name: 'whitespace-aligned columns (CDNOW style)', input: () => '   1 19970101  1  11.77\r\n   1 19970118  2  17.96\r\n   2 19970102  2  20.76\r\n',
    options: { columns: ['customer', 'date', 'cds', 'amount'] },
    result: { read: 3, accepted: 3, customers: 2, orders: 3, check: (o, r) => { expect(r.format).to.equal('whitespace'); expect(Array.from(o.amount)).to.deep.equal([11.77, 20.76, 17.96]); } } },
  // ── dates ───────────────────────────────────────────────────────────────────────────────────
  { name: 'mixed date formats in one column', input: () => lines('customer,date,amount', 'a,2024-01-01,1', 'b,2024/01/02,1', 'c,20240103,1', 'd,01/04/2024,1', 'e,Jan 5 2024,1', 'f,2024-01-06T10:00:00Z,1'),
    // 01/04/2024 is ambiguous, and nothing (values, date-format, lang) decides: month first, the
    // default, as the report says. "Jan 5 2024" is no numeric date.
    result: { read: 6, accepted: 5, reasons: { 'unparseable-date': 1 }, customers: 5, orders: 5, check: (o, r) => {
      expect(Array.from(o.day)).to.deep.equal([day(2024, 1, 1), day(2024, 1, 2), day(2024, 1, 3), day(2024, 1, 4), day(2024, 1, 6)]);
      expect(r.reasons[0].examples.map((e) => e.row)).to.deep.equal([5]);
      expect(r.reasons[0].message).to.match(/ISO 8601/);
      expect(r.dates).to.deep.equal({ format: 'MM/DD/YYYY', rule: 'default' });
    } } },
  { name: 'day-first and month-first dates in one column', input: () => lines('customer,date,amount', 'a,31/01/2024,1', 'b,01/13/2024,1'),
    error: { code: 'mixed-date-formats', message: /"31\/01\/2024" can only be day first.*date-format/ } },
  { name: 'impossible dates', input: () => lines('customer,date,amount', 'a,2023-02-30,1', 'b,2023-13-01,1', 'c,2023-02-29,1', 'd,20230230,1', 'e,2024-02-29,1', 'f,2024-01-01 25:00,1'),
    result: { read: 6, accepted: 1, reasons: { 'unparseable-date': 5 }, customers: 1, orders: 1, check: (o) => expect(Array.from(o.day)).to.deep.equal([day(2024, 2, 29)]) } },
  { name: 'unparseable and missing dates', input: () => lines('customer,date,amount', 'a,yesterday,1', 'b,n/a,1', 'c,,1', 'd,12:00,1', 'e,2024-03-01,1'),
    result: { read: 5, accepted: 1, reasons: { 'unparseable-date': 3, 'missing-date': 1 }, customers: 1, orders: 1 } },
  { name: 'dates in the future and before 1970', input: () => lines('customer,date,amount', 'a,2999-01-01,1', 'b,1969-12-31,1', 'c,1900-01-01,1'),
    result: { read: 3, accepted: 3, customers: 3, orders: 3, check: (o) => {
      expect(Array.from(o.day)).to.deep.equal([day(1900, 1, 1), day(1969, 12, 31), day(2999, 1, 1)]);
      expect(o.customer.values[o.customer.codes[0]]).to.equal('c');
    } } },
  // ── amounts ─────────────────────────────────────────────────────────────────────────────────
  { name: 'NaN and Infinity amounts', input: () => lines('customer,date,amount', 'a,2024-01-01,NaN', 'a,2024-01-02,Infinity', 'a,2024-01-03,-Infinity', 'a,2024-01-04,1e400', 'a,2024-01-05,3'),
    result: { read: 5, accepted: 1, reasons: { 'non-numeric-amount': 4 }, customers: 1, orders: 1, check: (o) => expect(Array.from(o.amount)).to.deep.equal([3]) } },
  { name: 'thousands separators and currency symbols', input: () => lines('customer,date,amount', 'a,2024-01-01,"1,234.50"', 'a,2024-01-02,€12', 'a,2024-01-03,"$1,200"', 'a,2024-01-04,12 EUR', 'a,2024-01-05,"1.234,5"', 'a,2024-01-06,(7.25)'),
    result: { read: 6, accepted: 5, reasons: { 'negative-amount': 1 }, customers: 1, orders: 5, check: (o) => expect(Array.from(o.amount)).to.deep.equal([1234.5, 12, 1200, 12, 1234.5]) } },
  { name: 'empty and non-numeric amounts', input: () => lines('customer,date,amount', 'a,2024-01-01,', 'a,2024-01-02, ', 'a,2024-01-03,twelve', 'a,2024-01-04,5'),
    result: { read: 4, accepted: 1, reasons: { 'non-numeric-amount': 3 }, customers: 1, orders: 1 } },
  { name: 'negative and zero amounts (default: rejected)', input: () => lines('customer,order,date,amount', 'a,1,2024-01-01,-5', 'a,C2,2024-01-01,-3', 'a,3,2024-01-02,0', 'a,4,2024-01-03,8'),
    result: { read: 4, accepted: 1, reasons: { 'negative-amount': 1, cancellation: 1, 'zero-amount': 1 }, customers: 1, orders: 1 } },
  { name: "negative amounts with returns:'net' and zeroAmounts:'keep'", input: () => lines('customer,order,date,amount', 'a,1,2024-01-01,10', 'a,1,2024-01-01,-4', 'b,2,2024-01-02,-3', 'c,3,2024-01-03,0'),
    options: { returns: 'net', zeroAmounts: 'keep' },
    result: { read: 4, accepted: 3, reasons: { 'non-positive-order': 1 }, customers: 2, orders: 2, check: (o) => expect(Array.from(o.amount)).to.deep.equal([6, 0]) } },
  // ── duplicates and degenerate shapes ────────────────────────────────────────────────────────
  { name: 'exact duplicate rows', input: () => lines('customer,date,amount', 'a,2024-01-01,5', 'a,2024-01-01,5', 'a,2024-01-01,5', 'a,2024-01-01,6'),
    result: { read: 4, accepted: 2, reasons: { 'duplicate-row': 2 }, customers: 1, orders: 2, check: (_o, r) => expect(r.reasons[0].examples.map((e) => e.row)).to.deep.equal([2, 3]) } },
  { name: "exact duplicate rows with duplicates:'keep'", input: () => lines('customer,date,amount', 'a,2024-01-01,5', 'a,2024-01-01,5', 'a,2024-01-01,5'), options: { duplicates: 'keep' },
    result: { read: 3, accepted: 3, customers: 1, orders: 3 } },
  { name: 'one customer', input: () => lines('customer,date,amount', 'solo,2024-01-03,1', 'solo,2024-01-01,2', 'solo,2024-02-01,3'),
    result: { read: 3, accepted: 3, customers: 1, orders: 3, check: (o) => { expect(Array.from(o.amount)).to.deep.equal([2, 1, 3]); expect(Array.from(o.customer.codes)).to.deep.equal([0, 0, 0]); } } },
  { name: 'one day', input: () => lines('customer,date,amount', 'a,2024-05-05,1', 'b,2024-05-05T23:59:59Z,2', 'c,2024-05-05 00:00,3'),
    result: { read: 3, accepted: 3, customers: 3, orders: 3, check: (o) => expect(new Set(o.day).size).to.equal(1) } },
  { name: 'one order', input: () => lines('customer,date,amount', 'only,2024-01-01,9.99'),
    result: { read: 1, accepted: 1, customers: 1, orders: 1, check: (o) => { expect(Array.from(o.amount)).to.deep.equal([9.99]); expect(o.day[0]).to.equal(day(2024, 1, 1)); } } },
  { name: 'blank customer ids', input: () => lines('customer,date,amount', ',2024-01-01,1', '  ,2024-01-02,1', 'a,2024-01-03,1'),
    result: { read: 3, accepted: 1, reasons: { 'missing-customer': 2 }, customers: 1, orders: 1 } },
  // ── ids ─────────────────────────────────────────────────────────────────────────────────────
  { name: '10,000-character ids', input: () => lines('customer,date,amount', `${LONG_A},2024-01-01,1`, `${LONG_B},2024-01-02,1`, `${LONG_A},2024-01-03,1`),
    result: { read: 3, accepted: 3, customers: 2, orders: 3, check: (o) => { expect(o.customer.values).to.deep.equal([LONG_A, LONG_B]); expect(Array.from(o.customer.codes)).to.deep.equal([0, 1, 0]); } } },
  { name: 'ids __proto__, constructor, toString in CSV', input: () => lines('customer,date,amount', '__proto__,2024-01-01,1', 'constructor,2024-01-02,1', 'toString,2024-01-03,1', '__proto__,2024-01-04,1', 'hasOwnProperty,2024-01-05,1', 'valueOf,2024-01-06,x'),
    result: { read: 6, accepted: 5, reasons: { 'non-numeric-amount': 1 }, customers: 4, orders: 5, check: (o, r) => {
      expect(o.customer.values).to.deep.equal(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
      expect(Array.from(o.customer.codes)).to.deep.equal([0, 1, 2, 0, 3]);
      expect(r.reasons[0].examples[0].values).to.deep.equal({ customer: 'valueOf', date: '2024-01-06', amount: 'x' });
    } } },
  { name: 'ids __proto__, constructor, toString in JSON (and a column named __proto__)', input: () => '[{"__proto__":"p","customer":"__proto__","date":"2024-01-01","amount":1},{"customer":"constructor","date":"2024-01-02","amount":1},{"customer":"toString","date":"2024-01-03","amount":"bad","__proto__":"q"}]',
    options: { mapping: { product: '__proto__' } },
    result: { read: 3, accepted: 2, reasons: { 'non-numeric-amount': 1 }, customers: 2, orders: 2, check: (o, r) => {
      expect(o.customer.values).to.deep.equal(['__proto__', 'constructor']);
      const ex = r.reasons[0].examples[0].values;
      expect(Object.getPrototypeOf(ex)).to.equal(Object.prototype);
      expect(Object.keys(ex)).to.include('__proto__');
      expect(Object.getOwnPropertyDescriptor(ex, '__proto__')!.value).to.equal('q');
    } } },
  { name: 'ids __proto__ and constructor as object keys in an array input', input: () => [
    { customer: '__proto__', date: '2024-01-01', amount: 1 }, { customer: 'constructor', date: '2024-01-02', amount: 2 }, Object.assign(Object.create(null), { customer: 'toString', date: '2024-01-03', amount: 3 }),
  ], result: { read: 3, accepted: 3, customers: 3, orders: 3, check: (o) => expect(o.customer.values).to.deep.equal(['__proto__', 'constructor', 'toString']) } },
  { name: 'ids 7 vs "7" vs 7.0 in CSV', input: () => lines('customer,date,amount', '7,2024-01-01,1', '"7",2024-01-02,1', '7.0,2024-01-03,1', '07,2024-01-04,1'),
    result: { read: 4, accepted: 4, customers: 2, orders: 4, check: (o) => { expect(o.customer.values).to.deep.equal(['7', '07']); expect(Array.from(o.customer.codes)).to.deep.equal([0, 0, 0, 1]); } } },
  { name: 'ids 7 vs "7" vs 7.0 in an array input', input: () => [{ customer: 7, date: '2024-01-01', amount: 1 }, { customer: '7', date: '2024-01-02', amount: 1 }, { customer: 7.0, date: '2024-01-03', amount: 1 }],
    result: { read: 3, accepted: 3, customers: 1, orders: 3, check: (o) => expect(o.customer.values).to.deep.equal(['7']) } },
  { name: 'HTML and <script> payloads in ids and product names', input: () => lines('customer,date,amount,product', `"${HTML_ID.replace(/"/g, '""')}",2024-01-01,1,${SCRIPT_NAME}`, `b,2024-01-02,1,"<b onmouseover=""window.__pwned=1"">x</b>"`),
    result: { read: 2, accepted: 2, customers: 2, orders: 2, check: (o) => {
      expect(o.customer.values).to.deep.equal([HTML_ID, 'b']);
      expect(o.lines!.product!.values).to.deep.equal([SCRIPT_NAME, '<b onmouseover="window.__pwned=1">x</b>']);
      expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    } } },
  // ── encodings ───────────────────────────────────────────────────────────────────────────────
  { name: 'Latin-1 (Windows-1252) bytes', input: () => concat(enc('customer,date,amount,product\nJos'), [0xe9], enc(',2024-01-01,1,'), [0xa3], enc('5 note\nJose,2024-01-02,1,x\n')),
    result: { read: 2, accepted: 2, customers: 2, orders: 2, check: (o) => { expect(o.customer.values).to.deep.equal(['José', 'Jose']); expect(o.lines!.product!.values).to.deep.equal(['£5 note', 'x']); } } },
  { name: 'Latin-1 bytes in a Blob', input: () => new Blob([concat(enc('customer,date,amount\n'), [0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72], enc(',2024-01-01,1\n'))], { type: 'text/csv' }),
    result: { read: 1, accepted: 1, customers: 1, orders: 1, check: (o) => expect(o.customer.values).to.deep.equal(['Müller']) } },
  { name: 'valid UTF-8 multibyte text stays as is', input: () => enc(lines('customer,date,amount', '顾客,2024-01-01,1', 'Zoë 👩‍💻,2024-01-02,2')),
    result: { read: 2, accepted: 2, customers: 2, orders: 2, check: (o) => expect(o.customer.values).to.deep.equal(['顾客', 'Zoë 👩‍💻']) } },
  // ── binary formats ──────────────────────────────────────────────────────────────────────────
  { name: 'truncated Parquet', input: async () => (await retailParquet()).slice(0, 65_536), error: { code: 'truncated', message: /Parquet.*truncated.*download it again/ } },
  { name: 'Parquet with a corrupt footer', input: async () => {
    const b = (await retailParquet()).slice();
    b.fill(0x41, b.length - 4096, b.length - 8); // footer bytes overwritten, magic and length kept
    return b;
  }, error: { code: 'bad-parquet', message: /Parquet file could not be read/ } },
  { name: 'truncated Arrow file', input: () => arrowBytes('file').slice(0, 900), error: { code: 'truncated', message: /Arrow file is truncated.*download it again/ } },
  { name: 'truncated Arrow stream', input: () => arrowBytes('stream').slice(0, 700), error: { code: 'truncated', message: /Arrow stream is truncated/ } },
  { name: 'complete Arrow stream (control)', input: () => arrowBytes('stream'),
    result: { read: 2000, accepted: 2000, customers: 37, orders: 2000, check: (o) => expect(o.amount.reduce((s, v) => s + v, 0)).to.equal((2000 * 2001) / 2) } },
  // ── JSON ────────────────────────────────────────────────────────────────────────────────────
  { name: 'JSON object, not an array', input: () => '{"customer":"a","date":"2024-01-01"}', error: { code: 'not-json-array', message: /is an object.*array of objects/ } },
  // An envelope with one array of objects is read by itself (issue 16); with two, rows-path decides.
  { name: 'JSON envelope: its one array of objects is the rows', input: () => '{"meta":1,"orders":[{"customer":"a","date":"2024-01-01"}]}',
    result: { read: 1, accepted: 1, customers: 1, orders: 1 } },
  { name: 'JSON envelope with two arrays of objects asks for rows-path', input: () => '{"orders":[{"customer":"a","date":"2024-01-01"}],"refunds":[{"customer":"a"}]}',
    error: { code: 'not-json-array', message: /several arrays of objects \("orders", "refunds"\).*rows-path/ } },
  { name: 'JSON wrapper object names the array inside', input: () => '{"meta":1,"orders":[1,2]}', error: { code: 'not-json-array', message: /"orders" property holds an array/ } },
  { name: 'JSON array of numbers', input: () => '[1,2,3]', error: { code: 'not-json-array', message: /item 1 is not an object/ } },
  { name: 'JSON that does not parse', input: () => '[{"customer":"a",', error: { code: 'bad-json', message: /could not be parsed.*array of objects/ } },
  { name: 'JSON with nested values', input: () => JSON.stringify([
    { customer: 'a', date: '2024-01-01', amount: { value: 3 } },
    { customer: { id: 1 }, date: '2024-01-02', amount: 3 },
    { customer: 'b', date: { d: 1 }, amount: 3 },
    { customer: 'c', date: '2024-01-03', amount: 4, meta: { tags: ['x', 'y'] } },
  ]), result: { read: 4, accepted: 2, reasons: { 'non-numeric-amount': 1, 'unparseable-date': 1 }, customers: 2, orders: 2, check: (o, r) => {
    expect(o.customer.values).to.deep.equal(['{"id":1}', 'c']);
    const byReason = Object.fromEntries(r.reasons.map((x) => [x.reason, x.examples[0].values]));
    expect(byReason['non-numeric-amount'].amount).to.equal('{"value":3}');
    expect(byReason['unparseable-date'].date).to.equal('{"d":1}');
  } } },
];

// Errors that escape the loader (an unhandled rejection, an error in a timer) fail the suite.
const escaped: string[] = [];
const onError = (e: ErrorEvent) => escaped.push(`error: ${e.message}`);
const onRejection = (e: PromiseRejectionEvent) => escaped.push(`unhandledrejection: ${String((e.reason as Error)?.message ?? e.reason)}`);

describe('bad-data corpus: loadOrders', () => {
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });
  afterEach(async () => {
    await new Promise((r) => setTimeout(r, 0)); // let a stray rejection surface
    expect(escaped).to.deep.equal([]);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).to.deep.equal(protoBefore);
    expect(Object.getPrototypeOf({})).to.equal(Object.prototype);
  });

  it(`has at least 40 cases (${CASES.length})`, () => {
    expect(CASES.length).to.be.at.least(40);
  });
  for (const c of CASES) it(c.name, () => runCase(c));

  it('a JSON payload that tries to pollute Object.prototype does not', async () => {
    const text = '[{"customer":"a","date":"2024-01-01","amount":1,"__proto__":{"polluted":1}},{"customer":"b","date":"2024-01-02","amount":2,"constructor":{"prototype":{"polluted":1}}}]';
    const { report } = await loadOrders(text, { mapping: { product: '__proto__', category: 'constructor' } });
    expect(report.rowsAccepted).to.equal(2);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});

describe('bad-data corpus: 5,000,000 rows', () => {
  it('loads 5M short CSV rows generated in the page, with exact counts and sum', async function () {
    this.timeout(90_000);
    const N = 5_000_000;
    // customer = i % 50000, date = 2020-01-01 + floor(i / 50000) (100 days): every (customer, date)
    // pair is distinct, so no row repeats another. Every 1000th row (i % 1000 = 999) has amount "x";
    // since 50000 is a multiple of 1000, customers k with k % 1000 = 999 lose all their rows.
    const dates = Array.from({ length: 100 }, (_, d) => enc(new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10).replace(/-/g, '')));
    const header = enc('customer,date,amount\n');
    const bytes = new Uint8Array(header.length + N * 20);
    bytes.set(header);
    let at = header.length;
    let expectedSum = 0;
    let expectedRejected = 0;
    const writeInt = (v: number) => {
      const s = String(v);
      for (let k = 0; k < s.length; k++) bytes[at++] = s.charCodeAt(k);
    };
    for (let i = 0; i < N; i++) {
      writeInt(i % 50_000);
      bytes[at++] = 44;
      bytes.set(dates[Math.floor(i / 50_000)], at);
      at += 8;
      bytes[at++] = 44;
      if (i % 1000 === 999) {
        bytes[at++] = 120; // "x"
        expectedRejected++;
      } else {
        const amount = (i % 97) + 1;
        writeInt(amount);
        expectedSum += amount;
      }
      bytes[at++] = 10;
    }
    const started = performance.now();
    const { orders, report } = await bounded(loadOrders(bytes.subarray(0, at)), 60_000);
    const ms = performance.now() - started;
    expect(report.rowsRead).to.equal(N);
    expect(expectedRejected).to.equal(5000);
    expect(report.rowsRejected).to.equal(expectedRejected);
    expect(report.rowsAccepted).to.equal(N - expectedRejected);
    expect(report.reasons.map((r) => [r.reason, r.count])).to.deep.equal([['non-numeric-amount', 5000]]);
    expect(report.customers).to.equal(50_000 - 50);
    expect(orders.length).to.equal(N - expectedRejected);
    let sum = 0;
    for (let i = 0; i < orders.length; i++) sum += orders.amount[i];
    expect(sum).to.equal(expectedSum);
    expect(orders.day[0]).to.equal(day(2020, 1, 1));
    expect(orders.day[orders.length - 1]).to.equal(day(2020, 1, 1) + 99);
    console.log(`5M rows (${(at / 1e6).toFixed(0)} MB) loaded in ${ms.toFixed(0)} ms`);
  });
});
