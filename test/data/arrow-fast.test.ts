import { expect } from '@open-wc/testing';
import {
  DateDay, DateMillisecond, Dictionary, Float64, Int32, Int8, makeData, makeVector, Table, tableFromIPC, tableToIPC, TimestampMillisecond,
  TimestampNanosecond, Utf8, vectorFromArray, type DataType, type Vector,
} from 'apache-arrow';
import { ordersFromArrowFast } from '../../src/data/arrow-fast.js';
import { valueTableFromArrow } from '../../src/data/arrow.js';
import { buildOrders } from '../../src/data/build.js';
import { loadOrders } from '../../src/data/index.js';
import type { LoadOptions, LoadReport } from '../../src/data/index.js';
import { validateOptions } from '../../src/data/options.js';
import { ZoneClock } from '../../src/data/time-zone.js';
import { decodeValueTable } from '../../src/data/values.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { filterOrders } from '../../src/core/filter-orders.js';
import { rng as random } from '../core/fixtures.js';

type Loaded = { orders: OrderTable; report: LoadReport };


const vec = (type: DataType, data: ArrayLike<number> | ArrayLike<bigint>, nullBitmap?: Uint8Array): Vector =>
  makeVector(makeData({ type, length: data.length, nullCount: nullBitmap ? -1 : 0, data: data as Int32Array, nullBitmap } as never));

/** Customer dictionary column: `entries` as the Utf8 dictionary, `indices` per row. */
const customerColumn = (entries: string[], indices: Int32Array, nullBitmap?: Uint8Array): Vector =>
  makeVector(makeData({
    type: new Dictionary(new Utf8(), new Int32(), 0, false), length: indices.length, nullCount: nullBitmap ? -1 : 0,
    data: indices, nullBitmap, dictionary: vectorFromArray(entries, new Utf8()),
  } as never));

/** Validity bitmap with row `nullRow` null. */
function withNull(n: number, nullRow: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(n / 8)).fill(0xff);
  bits[nullRow >> 3] &= ~(1 << (nullRow & 7));
  return bits;
}

/** The bench's shape: dictionary customers "1"…"k", order ids 1…n, Date32 days in order, quarter amounts. */
function benchLike(n: number, seed = 1): { entries: string[]; customer: Int32Array; order: Int32Array; day: Int32Array; amount: Float64Array } {
  const r = random(seed);
  const customers = Math.max(1, Math.floor(n / 5));
  const entries = Array.from({ length: customers }, (_, c) => String(c + 1));
  const customer = new Int32Array(n);
  const order = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  let d = 18628;
  for (let i = 0; i < n; i++) {
    customer[i] = Math.floor(r() * customers);
    order[i] = i + 1;
    if (r() < 0.1) d += 1 + Math.floor(r() * 3);
    day[i] = d;
    amount[i] = 0.25 * (1 + Math.floor(r() * 400));
  }
  return { entries, customer, order, day, amount };
}

function benchTable(b: ReturnType<typeof benchLike>): Table {
  return new Table({
    customer_id: customerColumn(b.entries, b.customer),
    order_id: vec(new Int32(), b.order),
    order_date: vec(new DateDay(), b.day),
    amount: vec(new Float64(), b.amount),
  });
}

function withoutMs(r: Loaded): Loaded {
  return { orders: r.orders, report: { ...r.report, ms: 0 } };
}

/** The general path (arrow.ts → values.ts → build.ts), as loadOrders ran it before the fast path. */
function general(table: Table, options: LoadOptions = {}): Loaded {
  const opts = validateOptions(options);
  const clock = new ZoneClock(opts.timeZone);
  const rows = decodeValueTable(valueTableFromArrow(table, 'arrow'), opts.mapping, clock);
  return buildOrders(rows, { timeZone: opts.timeZone, returns: opts.returns, zeroAmounts: opts.zeroAmounts, duplicates: opts.duplicates, startedAt: 0 });
}

function fast(table: Table, options: LoadOptions = {}): Loaded | null {
  const opts = validateOptions(options);
  return ordersFromArrowFast(table, 'arrow', { ...opts, clock: new ZoneClock(opts.timeZone), startedAt: 0 });
}

/**
 * Checks that the fast path applies (or not) and that loadOrders on the IPC bytes and on the table
 * gives exactly the general path's table and report.
 */
async function expectSame(table: Table, applies: boolean, options: LoadOptions = {}): Promise<Loaded> {
  const want = withoutMs(general(table, options));
  const got = fast(table, options);
  expect(got !== null, 'fast path applies').to.equal(applies);
  if (got !== null) expect(withoutMs(got)).to.deep.equal(want);
  const viaBytes = await loadOrders(tableToIPC(table), options);
  expect(withoutMs(viaBytes)).to.deep.equal(want);
  const viaTable = await loadOrders(tableFromIPC(tableToIPC(table)), options);
  expect(withoutMs(viaTable)).to.deep.equal({ ...want, report: { ...want.report, format: 'arrow-table' } });
  return viaBytes;
}

describe('Arrow fast path (arrow-fast.ts) = general path', () => {
  it('the bench shape: applies, every row is an order, codes by first appearance', async () => {
    const b = benchLike(5000);
    const got = await expectSame(benchTable(b), true);
    expect(got.orders.length).to.equal(5000);
    expect(got.report.reasons).to.deep.equal([]);
    expect(got.orders.customer.values.length).to.equal(new Set(b.customer).size);
    // Codes number the customers by first appearance: each code is at most one more than any before.
    let max = -1;
    for (const c of got.orders.customer.codes) {
      expect(c <= max + 1).to.equal(true);
      max = Math.max(max, c);
    }
    expect(got.orders.order!.values.slice(0, 3)).to.deep.equal(['1', '2', '3']);
    expect(Array.from(got.orders.day)).to.deep.equal(Array.from(b.day));
  });

  it('sorts unsorted days stably, keeping first-appearance codes of the input order', async () => {
    const b = benchLike(3000, 2);
    const r = random(9);
    for (let i = 0; i < b.day.length; i++) b.day[i] = 18628 + Math.floor(r() * 60);
    const got = await expectSame(benchTable(b), true);
    for (let i = 1; i < got.orders.length; i++) expect(got.orders.day[i] >= got.orders.day[i - 1]).to.equal(true);
  });

  it('shuffled but distinct order ids (bitmap check) apply; a repeated order id falls back', async () => {
    const b = benchLike(2000, 3);
    const r = random(4);
    for (let i = b.order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [b.order[i], b.order[j]] = [b.order[j], b.order[i]];
    }
    await expectSame(benchTable(b), true);
    b.order[17] = b.order[5]; // now two rows form one order
    const got = await expectSame(benchTable(b), false);
    expect(got.orders.length).to.equal(1999);
  });

  it('falls back on nulls in any mapped column, with the same rejections', async () => {
    const b = benchLike(500, 5);
    const n = 500;
    const tables = [
      new Table({ customer_id: customerColumn(b.entries, b.customer, withNull(n, 7)), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount) }),
      new Table({ customer_id: customerColumn(b.entries, b.customer), order_id: vec(new Int32(), b.order, withNull(n, 8)), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount) }),
      new Table({ customer_id: customerColumn(b.entries, b.customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day, withNull(n, 9)), amount: vec(new Float64(), b.amount) }),
      new Table({ customer_id: customerColumn(b.entries, b.customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount, withNull(n, 10)) }),
    ];
    const reasons = [];
    for (const t of tables) reasons.push((await expectSame(t, false)).report.reasons.map((x) => `${x.reason}:${x.count}`).join());
    expect(reasons).to.deep.equal(['missing-customer:1', '', 'missing-date:1', 'non-numeric-amount:1']);
  });

  it('falls back on negative, zero, NaN and infinite amounts under every returns/zeroAmounts option', async () => {
    for (const bad of [-3, 0, -0, NaN, Infinity]) {
      const b = benchLike(400, 6);
      b.amount[11] = bad;
      for (const options of [{}, { returns: 'net' }, { zeroAmounts: 'keep' }, { returns: 'net', zeroAmounts: 'keep' }] as LoadOptions[]) {
        await expectSame(benchTable(b), false, options);
      }
    }
  });

  it('customer dictionaries: unused entries apply, duplicate entries used twice fall back, strings and unclean ids', async () => {
    const b = benchLike(1000, 7);
    // Unused entries (and an unused duplicate of a used one) change nothing.
    const extra = [...b.entries, 'unused', b.entries[0], 'zz'];
    await expectSame(new Table({ customer_id: customerColumn(extra, b.customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount) }), true);
    // The same id at two dictionary indices, both used: the general path merges them.
    const dup = [...b.entries, b.entries[3]];
    const customer = b.customer.slice();
    customer[50] = dup.length - 1;
    customer[51] = 3;
    const merged = await expectSame(new Table({ customer_id: customerColumn(dup, customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount) }), false);
    expect(merged.orders.customer.values.filter((v) => v === b.entries[3]).length).to.equal(1);
    // Non-integer ids (hash check), including non-ASCII ones and leading zeros.
    const names = b.entries.map((e, k) => (k % 3 === 0 ? `Zoë-${e}` : k % 3 === 1 ? `c${e}` : `00${e}`));
    await expectSame(new Table({ customer_id: customerColumn(names, b.customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount) }), true);
    // Ids finishIds cleans (spaces, "17850.0", "NaN", "null") fall back.
    for (const unclean of [' 5', '17850.0', 'NaN', 'null', '#N/A']) {
      const e = b.entries.slice();
      e[b.customer[0]] = unclean;
      await expectSame(new Table({ customer_id: customerColumn(e, b.customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount) }), false);
    }
    // An empty dictionary entry, even unused, takes the general path (as arrow.ts does).
    await expectSame(new Table({ customer_id: customerColumn([...b.entries, ''], b.customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount) }), false);
  });

  it('timestamps: with a time zone (instants in the load zone) and without (wall clock), ms and ns', async () => {
    const n = 600;
    const b = benchLike(n, 8);
    const r = random(10);
    // Around the 2024 DST switches of New York, at any hour.
    const base = Date.UTC(2024, 2, 9);
    const ms = Array.from({ length: n }, () => base + Math.floor(r() * 240 * 3_600_000));
    ms.sort((x, y) => x - y);
    const table = (type: DataType, values: ArrayLike<number> | ArrayLike<bigint>): Table => new Table({
      customer_id: customerColumn(b.entries, b.customer), order_id: vec(new Int32(), b.order), order_date: vec(type, values), amount: vec(new Float64(), b.amount),
    });
    const ns = BigInt64Array.from(ms, (x) => BigInt(x) * 1_000_000n + 123n);
    for (const timeZone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
      await expectSame(table(new TimestampMillisecond('UTC'), BigInt64Array.from(ms, BigInt)), true, { timeZone });
      await expectSame(table(new TimestampMillisecond(), BigInt64Array.from(ms, BigInt)), true, { timeZone });
      await expectSame(table(new TimestampNanosecond('Europe/Paris'), ns), true, { timeZone });
      await expectSame(table(new DateMillisecond(), BigInt64Array.from(ms, BigInt)), true, { timeZone });
    }
    // Instants move to the load zone's calendar day: 23:30 UTC is the next day in Kolkata.
    const late = new Table({
      customer: customerColumn(['a'], Int32Array.of(0)), order: vec(new Int32(), Int32Array.of(1)),
      date: vec(new TimestampMillisecond('UTC'), BigInt64Array.of(BigInt(Date.UTC(2024, 0, 2, 23, 30)))), amount: vec(new Float64(), Float64Array.of(1)),
    });
    expect((await expectSame(late, true, { timeZone: 'Asia/Kolkata' })).orders.day[0]).to.equal(Date.UTC(2024, 0, 3) / 864e5);
  });

  it('other shapes: no amount, integer amounts, no order column (duplicates keep/reject), Int8 order ids, mapped extras', async () => {
    const b = benchLike(800, 11);
    const noAmount = await expectSame(new Table({ customer_id: customerColumn(b.entries, b.customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day) }), true);
    expect(noAmount.orders.hasAmount).to.equal(false);
    await expectSame(new Table({ customer_id: customerColumn(b.entries, b.customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day), amount: vec(new Int32(), Int32Array.from(b.amount, (x) => Math.ceil(x))) }), true);
    const noOrder = new Table({ customer_id: customerColumn(b.entries, b.customer), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount) });
    expect((await expectSame(noOrder, true, { duplicates: 'keep' })).orders.order).to.equal(undefined);
    await expectSame(noOrder, false);
    await expectSame(new Table({ customer_id: customerColumn(b.entries.slice(0, 20), b.customer.subarray(0, 100).map((c) => c % 20)), order_id: vec(new Int8(), Int8Array.from({ length: 100 }, (_, i) => i - 50)), order_date: vec(new DateDay(), b.day.subarray(0, 100)), amount: vec(new Float64(), b.amount.subarray(0, 100)) }), true);
    // A mapped channel, a quantity*price amount, or a string order column take the general path.
    const withChannel = new Table({ customer_id: customerColumn(b.entries, b.customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount), channel: vectorFromArray(Array.from({ length: 800 }, (_, i) => (i % 2 ? 'web' : 'shop')), new Utf8()) });
    await expectSame(withChannel, false);
    await expectSame(new Table({ customer_id: customerColumn(b.entries, b.customer), order_id: vec(new Int32(), b.order), order_date: vec(new DateDay(), b.day), quantity: vec(new Int32(), new Int32Array(800).fill(2)), unit_price: vec(new Float64(), b.amount) }), false);
    await expectSame(new Table({ customer_id: customerColumn(b.entries, b.customer), order_id: vectorFromArray(Array.from(b.order, (o) => `o${o}`), new Utf8()), order_date: vec(new DateDay(), b.day), amount: vec(new Float64(), b.amount) }), false);
  });

  it('several record batches: one dictionary, equal or prefix dictionaries apply; different ones fall back', async () => {
    const b = benchLike(1200, 12);
    const part = (lo: number, hi: number, entries = b.entries): Table => benchTable({
      entries, customer: b.customer.subarray(lo, hi), order: b.order.subarray(lo, hi), day: b.day.subarray(lo, hi), amount: b.amount.subarray(lo, hi),
    });
    // Each batch has its own dictionary object with the same entries.
    const both = part(0, 700).concat(part(700, 1200));
    expect(both.batches.length).to.equal(2);
    await expectSame(both, true);
    const viaIpc = tableFromIPC(tableToIPC(both));
    expect(viaIpc.batches.length).to.equal(2);
    await expectSame(viaIpc, true);
    // A delta-like dictionary: the first batch's is a prefix of the second's.
    const used = Math.max(...b.customer.subarray(0, 700)) + 1;
    await expectSame(part(0, 700, b.entries.slice(0, used)).concat(part(700, 1200)), true);
    // Different entries at the same index: the indices mean different customers per batch.
    const renamed = b.entries.map((e) => `x${e}`);
    await expectSame(part(0, 700).concat(part(700, 1200, renamed)), false);
  });

  it('the order-id dictionary is made on first read; it survives structured clone, postMessage and filterOrders', async () => {
    const b = benchLike(1000, 13);
    const r = random(14);
    const unsorted = benchLike(1000, 13);
    for (let i = 0; i < unsorted.day.length; i++) unsorted.day[i] = 18628 + Math.floor(r() * 30);
    for (const table of [benchTable(b), benchTable(unsorted)]) {
      const want = general(table);
      const got = fast(table)!;
      expect(typeof Object.getOwnPropertyDescriptor(got.orders, 'order')!.get).to.equal('function');
      expect(Object.keys(got.orders)).to.include('order');
      const cloned = structuredClone(got.orders);
      expect(cloned).to.deep.equal(want.orders);
      expect(Object.getOwnPropertyDescriptor(cloned, 'order')!.value.values).to.have.length(1000);
      // Read once, the getter is replaced by the dictionary itself.
      expect(got.orders.order).to.equal(got.orders.order);
      expect(Object.getOwnPropertyDescriptor(got.orders, 'order')!.get).to.equal(undefined);
      // Through a MessageChannel, as the worker posts the table to the page.
      const again = fast(table)!;
      const channel = new MessageChannel();
      const received = new Promise<OrderTable>((resolve) => { channel.port2.onmessage = (e) => resolve(e.data as OrderTable); });
      channel.port1.postMessage({ orders: fast(table)!.orders });
      expect((await received as unknown as { orders: OrderTable }).orders).to.deep.equal(want.orders);
      channel.port1.close();
      expect({ ...again.orders }).to.deep.equal(want.orders);
      // filterOrders picks order codes of the kept rows from the lazy dictionary.
      const from = want.orders.day[200], to = want.orders.day[700];
      expect(filterOrders(fast(table)!.orders, { fromDay: from, toDay: to })).to.deep.equal(filterOrders(want.orders, { fromDay: from, toDay: to }));
      expect(JSON.parse(JSON.stringify(fast(table)!.orders.order))).to.deep.equal(JSON.parse(JSON.stringify(want.orders.order)));
    }
  });
});
