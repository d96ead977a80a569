import { expect } from '@open-wc/testing';
import { buildOrders, buildOrdersGeneral, type BuildOptions } from '../../src/data/build.js';
import { ByteInterner } from '../../src/data/byte-interner.js';
import type { DecodedRows } from '../../src/data/decoded.js';
import { loadOrders } from '../../src/data/index.js';
import { parseText } from '../../src/data/text.js';
import { ZoneClock } from '../../src/data/time-zone.js';
import { rng as random } from '../core/fixtures.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);


const OPTION_SETS: Omit<BuildOptions, 'startedAt'>[] = [];
for (const returns of ['exclude', 'net'] as const) {
  for (const zeroAmounts of ['exclude', 'keep'] as const) {
    for (const duplicates of ['reject', 'keep'] as const) OPTION_SETS.push({ timeZone: 'UTC', returns, zeroAmounts, duplicates });
  }
}

/** The table and report as plain data (typed arrays as arrays, -0 kept apart from 0, no timing). */
function plain(result: ReturnType<typeof buildOrders>): unknown {
  return JSON.parse(JSON.stringify(result, (key, v: unknown) => {
    if (key === 'ms') return undefined;
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => (Object.is(x, -0) ? '-0' : x));
    return v;
  }));
}

async function decoded(csv: string): Promise<DecodedRows> {
  return parseText(utf8(csv), { clock: new ZoneClock('UTC') });
}

/** Builds `csv` with and without the fast paths under every option set; they must agree exactly. */
async function expectSameBuild(csv: string, label: string): Promise<ReturnType<typeof buildOrders>[]> {
  const rows = await decoded(csv);
  const results = [];
  for (const o of OPTION_SETS) {
    const options = { ...o, startedAt: 0 };
    const fast = buildOrders(rows, options);
    const general = buildOrdersGeneral(rows, options);
    expect(plain(fast), `${label} ${JSON.stringify(o)}`).to.deep.equal(plain(general));
    results.push(fast);
  }
  return results;
}

/** A CSV of `n` rows; `orderId(i)` = '' leaves the order id blank, undefined leaves the column out. */
function csvOf(n: number, seed: number, shape: {
  orderId?: (i: number, r: () => number) => string;
  day?: (i: number, r: () => number) => number;
  amount?: (i: number, r: () => number) => string;
  customer?: (i: number, r: () => number) => string;
  extra?: string;
}): string {
  const r = random(seed);
  const header = ['customer', ...(shape.orderId ? ['order'] : []), 'date', 'amount', ...(shape.extra ? [shape.extra] : [])];
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) {
    const day = shape.day ? shape.day(i, r) : Math.floor(i / 7);
    const date = new Date(Date.UTC(2021, 0, 1 + day)).toISOString().slice(0, 10);
    const fields = [shape.customer ? shape.customer(i, r) : String(1 + Math.floor(r() * 50))];
    if (shape.orderId) fields.push(shape.orderId(i, r));
    fields.push(date, shape.amount ? shape.amount(i, r) : (Math.floor(r() * 10000) / 100).toFixed(2));
    if (shape.extra) fields.push(`x${Math.floor(r() * 3)}`);
    lines.push(fields.join(','));
  }
  return lines.join('\n') + '\n';
}

describe('build fast path (every accepted row its own order)', () => {
  it('matches the general path on unique order ids in day order, every row accepted', async () => {
    const csv = csvOf(2000, 1, { orderId: (i) => String(i + 1) });
    const [result] = await expectSameBuild(csv, 'sorted unique');
    expect(result.orders.length).to.equal(2000);
    expect(result.orders.order!.values.slice(0, 3)).to.deep.equal(['1', '2', '3']);
    expect(result.report.rowsRejected).to.equal(0);
  });

  it('matches it on unique order ids out of day order (the stable sort) and with rejected rows', async () => {
    const amounts = ['12.5', '-3', '0', '-0', 'abc', '', '7', '0.01'];
    const csv = csvOf(3000, 2, {
      orderId: (i) => (i % 97 === 0 ? `C${i}` : `${i}`),
      day: (_, r) => Math.floor(r() * 400),
      amount: (_, r) => amounts[Math.floor(r() * amounts.length)],
      customer: (i, r) => (i % 211 === 5 ? '' : String(Math.floor(r() * 300))),
    });
    const results = await expectSameBuild(csv, 'unsorted with rejections');
    const codes = results.flatMap((r) => r.report.reasons.map((x) => x.reason));
    for (const code of ['missing-customer', 'non-numeric-amount', 'cancellation', 'negative-amount', 'zero-amount', 'non-positive-order']) {
      expect(codes, code).to.include(code);
    }
  });

  it('still finds exact duplicates among rows without an order id', async () => {
    // Unique ids except blanks; two blank-id rows repeat each other exactly.
    const csv = 'customer,order,date,amount\n1,1,2024-01-01,5\n2,,2024-01-02,6\n3,3,2024-01-02,7\n2,,2024-01-02,6\n4,,2024-01-03,6\n';
    const results = await expectSameBuild(csv, 'blank ids');
    const reject = results[0];
    expect(reject.report.reasons.map((r) => [r.reason, r.count, r.examples[0].row])).to.deep.equal([['duplicate-row', 1, 4]]);
    expect(reject.orders.length).to.equal(4);
  });

  it('checks every row for duplicates without an order column', async () => {
    const base = csvOf(500, 3, { day: (i) => i % 50 });
    const lines = base.trim().split('\n');
    const csv = [...lines, lines[10], lines[200], lines[10]].join('\n');
    const [reject] = await expectSameBuild(csv, 'no order column');
    expect(reject.report.reasons.find((r) => r.reason === 'duplicate-row')!.count).to.equal(3);
  });

  it('falls back to aggregation for repeated order ids, with lines, and agrees either way', async () => {
    // Repeated ids: the general path sums the lines of an order.
    const repeated = csvOf(1500, 4, { orderId: (i) => String(Math.floor(i / 3)), day: (i, r) => Math.floor(i / 3) + (r() < 0.1 ? 1 : 0) });
    const [r1] = await expectSameBuild(repeated, 'repeated ids');
    expect(r1.orders.length).to.equal(500);
    // Ids that are distinct but not numbered in order of appearance in DecodedRows are still distinct.
    const withProduct = csvOf(800, 5, { orderId: (i) => String(i), extra: 'product' });
    const [r2] = await expectSameBuild(withProduct, 'lines');
    expect(r2.orders.lines!.length).to.equal(800);
    // One repeated id among unique ones.
    const oneRepeat = csvOf(900, 6, { orderId: (i) => String(i === 600 ? 3 : i) });
    const [r3] = await expectSameBuild(oneRepeat, 'one repeat');
    expect(r3.orders.length).to.equal(899);
  });

  it('agrees on random files of every shape', async () => {
    for (let seed = 10; seed < 22; seed++) {
      const r = random(seed);
      const hasOrder = r() < 0.8;
      const idSpace = r() < 0.5 ? 1e9 : 300;
      const csv = csvOf(400 + Math.floor(r() * 400), seed, {
        orderId: hasOrder ? (i, rr) => (rr() < 0.05 ? '' : idSpace > 1e6 ? String(i) : String(Math.floor(rr() * idSpace))) : undefined,
        day: r() < 0.5 ? (i) => i >> 3 : (_, rr) => Math.floor(rr() * 90),
        amount: (_, rr) => (rr() < 0.1 ? '-2.5' : rr() < 0.1 ? '0' : String(Math.floor(rr() * 50))),
        customer: (_, rr) => String(Math.floor(rr() * 40)),
        extra: r() < 0.3 ? 'channel' : undefined,
      });
      await expectSameBuild(csv, `seed ${seed}`);
    }
  });

  it('loads a file of unique integer ids with the same ids and days as a general build', async () => {
    const csv = csvOf(5000, 7, { orderId: (i) => String(100000 + i), customer: (i) => String((i * 7919) % 1234) });
    const { orders, report } = await loadOrders(csv);
    const general = buildOrdersGeneral(await decoded(csv), { timeZone: 'UTC', returns: 'exclude', zeroAmounts: 'exclude', duplicates: 'reject', startedAt: 0 });
    expect(plain({ orders, report })).to.deep.equal(plain(general));
    expect(orders.customer.values[1]).to.equal(String(7919 % 1234));
  });
});

describe('ByteInterner direct table for integer ids', () => {
  it('keeps integer-looking texts that are not canonical integers apart, in first-appearance order', () => {
    const words = ['7', '007', '-7', '+7', '7.0', '0', '00', '1e3', '999999999', '1000000000', '12345678901', '7', '0', '42', '4 2', '٤٢'];
    for (const limit of [0, 10, 100, 1 << 20]) {
      const ids = new ByteInterner(2, limit);
      const b = utf8(words.join(','));
      const codes: number[] = [];
      let s = 0;
      for (let i = 0; i <= b.length; i++) {
        if (i === b.length || b[i] === 44) {
          codes.push(ids.intern(b, s, i));
          s = i + 1;
        }
      }
      const distinct = [...new Set(words)];
      expect(codes, `limit ${limit}`).to.deep.equal(words.map((w) => distinct.indexOf(w)));
      expect(ids.values()).to.deep.equal(distinct);
    }
  });

  it('mixes direct and hashed values through growth and reserve', () => {
    const ids = new ByteInterner(2, 5000);
    const words: string[] = [];
    for (let i = 0; i < 6000; i++) words.push(i % 4 === 0 ? `id${i}` : String((i * 37) % 10007));
    const text = utf8(words.join('\n'));
    const ranges: number[] = [];
    let s = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length || text[i] === 10) {
        ranges.push(s, i);
        s = i + 1;
      }
    }
    const distinct = [...new Set(words)];
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < words.length; k++) {
        if (pass === 0 && k === 100) ids.reserve(20000);
        expect(ids.intern(text, ranges[2 * k], ranges[2 * k + 1])).to.equal(distinct.indexOf(words[k]));
      }
    }
    expect(ids.size).to.equal(distinct.length);
    expect(ids.values()).to.deep.equal(distinct);
  });

  it('cleans ids as before when integer and decimal spellings of one id meet', async () => {
    const { orders } = await loadOrders('customer,date,amount\n17850,2024-01-01,1\n17850.0,2024-01-02,2\n12,2024-01-03,3\n012,2024-01-04,4\n');
    expect(orders.customer.values).to.deep.equal(['17850', '12', '012']);
    expect(Array.from(orders.customer.codes)).to.deep.equal([0, 0, 1, 2]);
  });
});

describe('text scanner date cache', () => {
  it('parses each row’s own date when neighbouring rows repeat, change or are invalid', async () => {
    const dates = ['2024-01-01', '2024-01-01', '2024-01-02', '2024-02-30', '2024-02-30', '20240105', '2024-01-05', '2024-01-05 10:00', '2024-01-05'];
    const csv = ['customer,order,date,amount', ...dates.map((d, i) => `${i},${i},${d},1`)].join('\n');
    const { orders, report } = await loadOrders(csv);
    const day = (s: string): number => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86_400_000;
    expect(Array.from(orders.day)).to.deep.equal([day('2024-01-01'), day('2024-01-01'), day('2024-01-02'), day('2024-01-05'), day('2024-01-05'), day('2024-01-05'), day('2024-01-05')]);
    expect(report.reasons.map((r) => [r.reason, r.count])).to.deep.equal([['unparseable-date', 2]]);
  });
});
