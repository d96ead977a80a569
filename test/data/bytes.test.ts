import { expect } from '@open-wc/testing';
import { Table, tableToIPC, Utf8, vectorFromArray, Float64, DateDay } from 'apache-arrow';
import { ByteInterner, bytesToString, hashBytes } from '../../src/data/byte-interner.js';
import { parseAmountBytes, parseDateBytes } from '../../src/data/parse-bytes.js';
import { parseAmountString } from '../../src/data/parse-amount.js';
import { parseDateText } from '../../src/data/parse-date.js';
import { ZoneClock } from '../../src/data/time-zone.js';
import { loadOrders } from '../../src/data/index.js';
import type { LoadReport } from '../../src/data/index.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const reasons = (r: LoadReport): Record<string, number> => Object.fromEntries(r.reasons.map((x) => [x.reason, x.count]));

describe('parsing dates and amounts from bytes', () => {
  const utc = new ZoneClock('UTC');
  const paris = new ZoneClock('Europe/Paris');

  it('gives exactly the string parser results, fast shapes and fallbacks alike', () => {
    const dates = [
      '2024-01-02', '2024/01/02', '2024-1-2', '2024-02-29', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31',
      '2011-12-09 12:50', '2011-12-09T12:50:59', '2011-12-09t00:00:00', '2011-12-09 24:00:00', '2011-12-09 23:60',
      '2011-12-09 23:59:60', '2011-12-09 12:50:00.5', '2011-12-09T12:50:00Z', '2011-12-09 12:50+01', '2011-12-09 12:50:00 +01:00',
      '2011-12-09 12:5x', '2011-12-09x12:50', '20111209', '20110231', '2011120', '1323435000000', '0000-01-01', '9999-12-31',
      '2024-01-0a', 'abcd-ef-gh', '2024-01-02 ', 'yesterday', '1.5', '2024-01-02/', '２０２４-01-02',
    ];
    for (const clock of [utc, paris]) {
      for (const d of dates) {
        const b = utf8(`x${d}y`);
        const got = parseDateBytes(b, 1, b.length - 1, clock);
        const want = parseDateText(d, 0, d.length, clock);
        expect(Object.is(got, want), `${d} in ${clock.timeZone}: ${got} vs ${want}`).to.equal(true);
      }
    }
    expect(parseDateBytes(utf8('2024-03-01'), 0, 10, utc)).to.equal(Date.UTC(2024, 2, 1));
    expect(parseDateBytes(utf8('2024-03-01 13:14:15'), 0, 19, utc)).to.equal(Date.UTC(2024, 2, 1, 13, 14, 15));
    expect(Number.isNaN(parseDateBytes(utf8('1900-02-29'), 0, 10, utc))).to.equal(true);
    expect(parseDateBytes(utf8('2000-02-29'), 0, 10, utc)).to.equal(Date.UTC(2000, 1, 29));
  });

  it('parses plain decimals from bytes and falls back for anything else', () => {
    const amounts = ['12.50', '-3', '+7.25', '0', '0.1', '.5', '5.', '-', '', '123456789012345', '1234567890123456',
      '1,200.00', '€12', '(12.50)', '1e3', 'NaN', 'Infinity', '12,5', '1.234.567', '12 EUR', '£3.10', '--1', '1.2.3', '0.30000000000000004'];
    for (const a of amounts) {
      if (a === '') continue; // the scanner never calls it on an empty field
      const b = utf8(` ${a} `);
      const got = parseAmountBytes(b, 1, b.length - 1);
      const want = parseAmountString(a);
      expect(Object.is(got, want), `${a}: ${got} vs ${want}`).to.equal(true);
    }
    expect(parseAmountBytes(utf8('19.99'), 0, 5)).to.equal(19.99);
    expect(parseAmountBytes(utf8('0.07'), 0, 4)).to.equal(0.07);
  });

  it('makes strings from bytes, ASCII and multi-byte', () => {
    const b = utf8('ab客户1£x');
    expect(bytesToString(b, 0, 2)).to.equal('ab');
    expect(bytesToString(b, 2, b.length)).to.equal('客户1£x');
  });
});

describe('ByteInterner', () => {
  it('gives codes in order of first appearance and the values as strings', () => {
    const ids = new ByteInterner();
    const b = utf8('a,bb,a,客户1,£,bb,客户1,客户2');
    const codes: number[] = [];
    let s = 0;
    for (let i = 0; i <= b.length; i++) {
      if (i === b.length || b[i] === 44) {
        codes.push(ids.intern(b, s, i));
        s = i + 1;
      }
    }
    expect(codes).to.deep.equal([0, 1, 0, 2, 3, 1, 2, 4]);
    expect(ids.values()).to.deep.equal(['a', 'bb', '客户1', '£', '客户2']);
  });

  it('stays exact through collisions and growth from a tiny table', () => {
    // Two slots to start with: every value collides and the table grows many times.
    const ids = new ByteInterner(2);
    const words: string[] = [];
    for (let i = 0; i < 3000; i++) words.push(i % 3 === 0 ? `客${i}` : `id-${i}`);
    const text = utf8(words.join('\n'));
    const starts: number[] = [];
    let s = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length || text[i] === 10) {
        starts.push(s, i);
        s = i + 1;
      }
    }
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < words.length; k++) expect(ids.intern(text, starts[2 * k], starts[2 * k + 1])).to.equal(k);
    }
    expect(ids.size).to.equal(3000);
    expect(ids.values()).to.deep.equal(words);
    // Same hash is not same value: two byte strings that differ only in order hash differently, and
    // equal hashes are checked byte by byte (values differing in length with a shared prefix).
    const small = new ByteInterner(2);
    const ab = utf8('ab,ba,abc,a');
    expect([small.intern(ab, 0, 2), small.intern(ab, 3, 5), small.intern(ab, 6, 9), small.intern(ab, 10, 11), small.intern(ab, 6, 8)])
      .to.deep.equal([0, 1, 2, 3, 0]);
    expect(hashBytes(ab, 0, 2)).to.not.equal(hashBytes(ab, 3, 5));
  });

  it('reserves room at once for columns of distinct ids', () => {
    const ids = new ByteInterner(4);
    const b = utf8('x1x2x3');
    ids.intern(b, 0, 2);
    ids.reserve(100_000);
    expect([ids.intern(b, 2, 4), ids.intern(b, 0, 2), ids.intern(b, 4, 6)]).to.deep.equal([1, 0, 2]);
    expect(ids.values()).to.deep.equal(['x1', 'x2', 'x3']);
  });
});

describe('the byte-level CSV scanner', () => {
  it('reads multi-byte UTF-8 ids and keeps them distinct', async () => {
    const csv = 'customer,order,date,amount\n客户1,单1,2024-01-01,£12\n客户2,单2,2024-01-02,3\n客户1,单3,2024-01-03,4\n£,单4,2024-01-03,5\n';
    for (const input of [csv, utf8(csv)]) {
      const { orders, report } = await loadOrders(input);
      expect(report.rowsAccepted).to.equal(4);
      expect(orders.customer.values).to.deep.equal(['客户1', '客户2', '£']);
      expect(orders.order!.values).to.deep.equal(['单1', '单2', '单3', '单4']);
      expect(Array.from(orders.amount)).to.deep.equal([12, 3, 4, 5]);
    }
  });

  it('reads quoted fields with newlines and "" across scan batches (16k rows) and 4 MiB yields', async () => {
    // Rows long enough that the 4 MiB yield points fall inside the file, and a quoted multi-line
    // field on every 997th row, so some sit on a 16,384-row batch boundary.
    const lines = ['customer,order,note,date,amount'];
    const n = 40_000;
    const pad = 'p'.repeat(100);
    for (let i = 0; i < n; i++) {
      const note = i % 997 === 0 ? `"line1\nline2, with ""quotes"" ${pad}"` : pad;
      const customer = i % 5 === 0 ? `"c${i % 1000}"` : `c${i % 1000}`;
      lines.push(`${customer},o${i},${note},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 100}.25`);
    }
    const bytes = utf8(lines.join('\r\n'));
    expect(bytes.length).to.be.greaterThan(4 << 20);
    const { orders, report } = await loadOrders(bytes);
    expect(report.rowsRead).to.equal(n);
    expect(report.rowsAccepted).to.equal(n);
    expect(report.customers).to.equal(1000);
    expect(orders.customer.values.every((v) => /^c\d+$/.test(v))).to.equal(true);
    expect(orders.order!.values.length).to.equal(n);
    let total = 0;
    for (let i = 0; i < n; i++) total += (i % 100) + 0.25;
    expect(orders.amount.reduce((a, b) => a + b, 0)).to.be.closeTo(total, 1e-6);
  });

  it('hashes rows for duplicates on their values: quotes removed, delimiters inside quotes kept apart', async () => {
    const csv = [
      'customer,date,amount,note',
      'c1,2024-01-01,5,a', // ok
      '"c1",2024-01-01,"5",a', // duplicate of row 1 (same values, quoted)
      'c1,2024-01-01,5,"a"', // duplicate
      'c1,2024-01-01,5,"a,b"', // ok: one field "a,b"
      'c1,2024-01-01,5,a,b', // ok: two fields a | b
      'c1,2024-01-01,5,"a,b"', // duplicate of row 4
      'c1,2024-01-01,5,"x""y"', // ok
      'c1,2024-01-01,5,x"y', // duplicate: unquoted x"y equals quoted "x""y"
      'c1,2024-01-01,5,"line\nbreak"', // ok
      'c1,2024-01-01,5,"line\nbreak"', // duplicate
    ].join('\n');
    const { report } = await loadOrders(csv);
    expect(report.rowsRead).to.equal(10);
    expect(reasons(report)).to.deep.equal({ 'duplicate-row': 5 });
    const dup = report.reasons[0];
    expect(dup.examples.map((e) => e.row)).to.deep.equal([2, 3, 6, 8, 10]);
    expect(dup.examples[4].values).to.deep.equal({ customer: 'c1', date: '2024-01-01', amount: '5' });
  });

  it('checks duplicates only among rows sharing an order id, with the same result', async () => {
    const csv = 'customer,order,date,amount\nc1,o1,2024-01-01,5\nc1,o1,2024-01-01,5\nc1,o2,2024-01-01,5\nc1,,2024-01-01,5\nc1,,2024-01-01,5\nc1,o1,2024-01-01,6\n';
    const { orders, report } = await loadOrders(csv);
    expect(reasons(report)).to.deep.equal({ 'duplicate-row': 2 });
    expect(report.reasons[0].examples.map((e) => e.row)).to.deep.equal([2, 5]);
    expect(orders.length).to.equal(3); // o1 (5 + 6), o2, and the row without an order id
    expect(Array.from(orders.amount).sort()).to.deep.equal([11, 5, 5]);
  });

  it('reads whitespace-aligned text from bytes, hashing fields not blank runs', async () => {
    const text = 'customer date amount\n  c1   20240101   5\nc1 20240101 5\nc2\t20240102\t7\n\n  c2 20240103 x\n';
    const { orders, report } = await loadOrders(utf8(text));
    expect(report.format).to.equal('whitespace');
    expect(report.rowsRead).to.equal(4);
    expect(reasons(report)).to.deep.equal({ 'duplicate-row': 1, 'non-numeric-amount': 1 });
    expect(orders.customer.values).to.deep.equal(['c1', 'c2']);
  });
});

describe('Arrow UTF-8 id columns from their buffers', () => {
  it('interns plain string columns: empty → missing, null → missing, multi-byte kept', async () => {
    const table = new Table({
      customer: vectorFromArray(['客户1', 'c2', '', null, '客户1', ' c2 '], new Utf8()),
      order: vectorFromArray(['o1', 'o2', 'o3', 'o4', 'o1', 'o6'], new Utf8()),
      date: vectorFromArray([0, 1, 2, 3, 4, 5].map((d) => new Date(Date.UTC(2024, 0, 1 + d))), new DateDay()),
      amount: vectorFromArray([1, 2, 3, 4, 5, 6], new Float64()),
    });
    for (const input of [table, tableToIPC(table, 'stream')]) {
      const { orders, report } = await loadOrders(input);
      expect(reasons(report)).to.deep.equal({ 'missing-customer': 2 });
      expect(orders.customer.values).to.deep.equal(['客户1', 'c2']);
      expect(orders.order!.values).to.deep.equal(['o1', 'o2', 'o6']);
      expect(Array.from(orders.amount)).to.deep.equal([6, 2, 6]);
    }
  });
});
