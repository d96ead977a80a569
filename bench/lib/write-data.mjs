/**
 * Writes a generated order log as CSV (`customer_id,order_id,order_date,amount`) and as an Arrow IPC
 * file (customer_id Dictionary<Utf8, Int32>, order_id Int32, order_date Date32[day], amount Float64).
 * Node-side tooling only: apache-arrow's vector helpers used here compile code with `new Function`,
 * which is fine in Node but must never reach the library's browser code.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { DateDay, Dictionary, Float64, Int32, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';
import { GENERATOR_VERSION, START_DAY, WINDOW_DAYS, generateOrders } from './generate.mjs';

/** Row counts of the named sizes. */
export const SIZES = Object.freeze({ '10k': 10_000, '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000 });

/** ISO date of a day number (UTC calendar), e.g. 18628 → '2021-01-01'. */
export function isoOfDay(day) {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The CSV text of a generated log, as one Buffer per chunk of rows (so 5M rows never become one huge string).
 * @param {ReturnType<typeof generateOrders>} g
 * @returns {Generator<string>}
 */
export function* csvChunks(g, rowsPerChunk = 65_536) {
  const iso = [];
  for (let d = 0; d < WINDOW_DAYS; d++) iso.push(isoOfDay(START_DAY + d));
  yield 'customer_id,order_id,order_date,amount\n';
  for (let lo = 0; lo < g.length; lo += rowsPerChunk) {
    const hi = Math.min(g.length, lo + rowsPerChunk);
    let s = '';
    for (let i = lo; i < hi; i++) s += `${g.customer[i]},${i + 1},${iso[g.day[i] - START_DAY]},${g.amount[i]}\n`;
    yield s;
  }
}

/** The Arrow table of a generated log (customer ids as a string dictionary, dates as Date32). */
export function arrowTable(g) {
  const ids = new Array(g.customers);
  for (let c = 0; c < g.customers; c++) ids[c] = String(c + 1);
  const indices = new Int32Array(g.length);
  for (let i = 0; i < g.length; i++) indices[i] = g.customer[i] - 1;
  const orderId = new Int32Array(g.length);
  for (let i = 0; i < g.length; i++) orderId[i] = i + 1;
  const n = g.length;
  return new Table({
    customer_id: makeVector(makeData({ type: new Dictionary(new Utf8(), new Int32(), 0, false), length: n, nullCount: 0, data: indices, dictionary: vectorFromArray(ids, new Utf8()) })),
    order_id: makeVector(makeData({ type: new Int32(), length: n, nullCount: 0, data: orderId })),
    order_date: makeVector(makeData({ type: new DateDay(), length: n, nullCount: 0, data: g.day })),
    amount: makeVector(makeData({ type: new Float64(), length: n, nullCount: 0, data: g.amount })),
  });
}

/** File stem of a size's data files; the seed and generator version are part of it so stale caches are never reused. */
export function dataStem(sizeName, seed) {
  return `orders-${sizeName}-s${seed}-v${GENERATOR_VERSION}`;
}

/**
 * Generates and writes `<dir>/<stem>.csv`, `.arrow` and `.json` (facts about the log). Files are written
 * under a temporary name and renamed, so an interrupted run never leaves a truncated file behind.
 * @returns {Promise<{ csv: string, arrow: string, meta: object }>}
 */
export async function writeDataset(dir, sizeName, seed) {
  const orders = SIZES[sizeName];
  if (!orders) throw new RangeError(`unknown size ${sizeName}; use one of ${Object.keys(SIZES).join(', ')}`);
  await mkdir(dir, { recursive: true });
  const stem = `${dir}/${dataStem(sizeName, seed)}`;
  const g = generateOrders({ orders, seed });
  const csvTmp = `${stem}.csv.tmp`;
  const out = createWriteStream(csvTmp);
  for (const chunk of csvChunks(g)) if (!out.write(chunk)) await new Promise((ok) => out.once('drain', ok));
  await new Promise((ok, fail) => out.end((e) => (e ? fail(e) : ok())));
  await rename(csvTmp, `${stem}.csv`);
  await writeFile(`${stem}.arrow.tmp`, tableToIPC(arrowTable(g), 'file'));
  await rename(`${stem}.arrow.tmp`, `${stem}.arrow`);
  const meta = { generatorVersion: GENERATOR_VERSION, seed, size: sizeName, orders: g.length, customers: g.customers, firstDay: isoOfDay(g.day[0]), lastDay: isoOfDay(g.day[g.length - 1]) };
  await writeFile(`${stem}.json`, JSON.stringify(meta, null, 2));
  return { csv: `${stem}.csv`, arrow: `${stem}.arrow`, meta };
}
