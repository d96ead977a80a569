/**
 * Arrow fast path: an Arrow table of clean orders → OrderTable + LoadReport straight from the column
 * buffers, skipping the row decoding, id interning and order aggregation of the general path
 * (`valueTableFromArrow` → `decodeValueTable` → `buildOrders`).
 *
 * It applies only when it can prove cheaply that every row is accepted and is an order of its own;
 * the result is then exactly what the general path gives (same table, same report). Otherwise it
 * returns null and the caller takes the general path. It applies when:
 *  - the customer column is Dictionary<Utf8> (one dictionary for all batches, or repeated / delta
 *    dictionaries that agree byte for byte; no null and no empty entry; integer indices, no null
 *    index) and the entries used are distinct and need no cleaning (`finishIds` keeps them);
 *  - the date column is Date32/Date64/Timestamp without nulls (a Timestamp with a time zone is an
 *    instant, converted with the load's ZoneClock; the others are wall-clock, see arrow.ts);
 *  - the amount column, when mapped, is one Int/Float column (not a product of two), without nulls,
 *    every value finite and > 0 (so no row is rejected under any returns/zeroAmounts option);
 *  - the order column is an integer column without nulls whose values are distinct (then no row can
 *    repeat another: the order id differs), or there is none and duplicates is 'keep';
 *  - no product, category, channel, region or dimension column is mapped.
 * Rows need not be in day order (a stable counting sort puts them in it, as build.ts does).
 *
 * Zero copy: with one record batch, rows already in day order and a Float64 amount / Date32 date,
 * `orders.amount` and `orders.day` are views of the Arrow column buffers (so of the IPC bytes given
 * to loadOrders, which the table then keeps alive), not copies. Fresh 4–8 MB arrays cost more than
 * the copying itself (page faults: ~10 ms per 8 MB on a cold heap here). Nothing in the library writes
 * to a table's arrays; a caller that reuses the input buffer afterwards must copy the table first.
 *
 * `orders.order` (the order-id dictionary: a million `String(id)` and 4 MB of codes cost ~50–100 ms
 * here, far more than everything else) is made on its first read: an enumerable getter that replaces
 * itself with the Dictionary. Property access, spread, JSON and structured clone (postMessage to and
 * from the worker) all go through [[Get]], so every consumer sees a plain Dictionary; no analysis
 * reads it (filterOrders and posting the table do, and then pay for it once).
 */
import { packedStrings } from '../core/kernels/packed-array.js';
import type { Data, Table, Vector } from 'apache-arrow';
import type { Dictionary, OrderTable } from '../core/order-table.js';
import { TYPE_DATE, TYPE_DICTIONARY, TYPE_FLOAT, TYPE_INT, TYPE_TIMESTAMP, TYPE_UTF8, UNIT_SCALE } from './arrow.js';
import { ByteInterner, bytesToString } from './byte-interner.js';
import { countingSortFits, countingSortPermutation } from './day-sort.js';
import { finishIds } from './decoded.js';
import { defineLazy } from './lazy-property.js';
import { allAcceptedReport } from './load-report.js';
import { resolveMapping, ROLE_AMOUNT_A, ROLE_AMOUNT_B, ROLE_CATEGORY, ROLE_CHANNEL, ROLE_CUSTOMER, ROLE_DATE, ROLE_ORDER, ROLE_DIMENSION, ROLE_PRODUCT, ROLE_REGION } from './mapping.js';
import { passesAnyAmountRule } from './reasons.js';
import type { ZoneClock } from './time-zone.js';
import type { ColumnMapping, LoadReport } from './types.js';

const DAY_MS = 86_400_000;
/** Day numbers whose wall ms (day · 86 400 000) is an exact double: the general path's round trip is exact. */
const MAX_ABS_DAY = 100_000_000;
/** Largest |ms| a Date (and Intl) accepts. */
const MAX_ABS_MS = 8.64e15;

type AnyData = Data & {
  values: ArrayLike<number> | BigInt64Array | BigUint64Array;
  valueOffsets?: Int32Array;
  dictionary?: Vector;
  stride: number;
};

/** What the fast path needs of the load options. */
export interface ArrowFastOptions {
  mapping?: ColumnMapping;
  timeZone: string;
  returns: 'exclude' | 'net';
  zeroAmounts: 'exclude' | 'keep';
  duplicates: 'reject' | 'keep';
  /** Converts instants (Timestamp with a time zone) to wall-clock ms. */
  clock: ZoneClock;
  /** `performance.now()` at the start of the load, for `report.ms`. */
  startedAt: number;
}

function chunksOf(table: Table, column: number): AnyData[] {
  return table.getChildAt(column)!.data as unknown as AnyData[];
}

/** Whether every chunk holds plain numbers (no BigInt, one value per slot) and no null. */
function plainNumbers(chunks: AnyData[]): boolean {
  return chunks.every((d) => d.nullCount === 0 && !(d.values instanceof BigInt64Array) && !(d.values instanceof BigUint64Array) && (d.stride ?? 1) === 1);
}

/**
 * Day numbers of the date column (the general path's `Math.floor(wall ms / day)`), or null when a
 * value cannot be proven to convert the same way (nulls, 64-bit layouts other than BigInt, huge values).
 */
function readDays(table: Table, column: number, n: number, clock: ZoneClock): Int32Array | null {
  const type = table.schema.fields[column].type as unknown as { typeId: number; unit: number; timezone?: string | null };
  const chunks = chunksOf(table, column);
  if (chunks.some((d) => d.nullCount > 0 || (d.stride ?? 1) !== 1)) return null;
  if (type.typeId === TYPE_DATE && type.unit === 0 && chunks.every((d) => d.values instanceof Int32Array)) {
    // Date32: the value is the calendar day (range checked in dayOrder). One batch: a view.
    if (chunks.length === 1) return (chunks[0].values as Int32Array).subarray(0, n);
    const days = new Int32Array(n);
    let offset = 0;
    for (const d of chunks) {
      days.set((d.values as Int32Array).subarray(0, d.length), offset);
      offset += d.length;
    }
    return days;
  }
  let scale: number;
  let instant = false;
  if (type.typeId === TYPE_DATE) scale = type.unit === 0 ? DAY_MS : 1;
  else if (type.typeId === TYPE_TIMESTAMP) {
    scale = UNIT_SCALE[type.unit];
    instant = !!type.timezone;
  } else return null;
  const days = new Int32Array(n);
  // Same arithmetic as arrow.ts's numbersColumn and values.ts's decodeDates, value by value.
  let offset = 0;
  for (const d of chunks) {
    const values = d.values;
    const len = d.length;
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      for (let i = 0; i < len; i++) {
        let t = Number(values[i]) * scale;
        if (!(t >= -MAX_ABS_MS && t <= MAX_ABS_MS)) return null;
        if (instant) t = clock.wallMs(t);
        days[offset + i] = Math.floor(t / DAY_MS);
      }
    } else {
      const v = values as ArrayLike<number>;
      for (let i = 0; i < len; i++) {
        let t = v[i] * scale;
        if (!(t >= -MAX_ABS_MS && t <= MAX_ABS_MS)) return null;
        if (instant) t = clock.wallMs(t);
        days[offset + i] = Math.floor(t / DAY_MS);
      }
    }
    offset += len;
  }
  return days;
}

/**
 * Amounts as doubles, or null unless every one passes every amount rule whatever the options
 * (`passesAnyAmountRule`: finite and > 0, so rules 4, 6–8 and the net-order rule reject none).
 */
function readAmounts(table: Table, column: number, n: number): Float64Array | null {
  const typeId = table.schema.fields[column].type.typeId as number;
  const precision = (table.schema.fields[column].type as unknown as { precision?: number }).precision;
  if (typeId !== TYPE_INT && !(typeId === TYPE_FLOAT && precision !== 0)) return null;
  const chunks = chunksOf(table, column);
  if (!plainNumbers(chunks)) return null;
  let out: Float64Array;
  if (chunks.length === 1 && chunks[0].values instanceof Float64Array) out = chunks[0].values.subarray(0, n); // a view
  else {
    out = new Float64Array(n);
    let offset = 0;
    for (const d of chunks) {
      out.set((d.values as Float64Array).subarray(0, d.length), offset); // converts Int*/Float32 exactly
      offset += d.length;
    }
  }
  for (let i = 0; i < n; i++) {
    if (!passesAnyAmountRule(out[i])) return null;
  }
  return out;
}

/** Integer order ids as read (a typed array of the column's own type). */
type OrderIds = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/**
 * The order ids when they are integers without nulls and provably distinct: strictly
 * increasing (the usual 1…n), or distinct in a bitmap over [min, max] when that range is small.
 */
function distinctOrderIds(table: Table, column: number, n: number): OrderIds | null {
  if ((table.schema.fields[column].type.typeId as number) !== TYPE_INT) return null;
  const chunks = chunksOf(table, column);
  if (!plainNumbers(chunks)) return null;
  const first = chunks[0].values as OrderIds;
  // One batch: a view; several: one array of the source type (Int32 ids stay 4 bytes each).
  const ids: OrderIds = chunks.length === 1 ? first.subarray(0, n) : new (first.constructor as Int32ArrayConstructor)(n);
  if (chunks.length > 1) {
    let offset = 0;
    for (const d of chunks) {
      ids.set((d.values as Float64Array).subarray(0, d.length), offset);
      offset += d.length;
    }
  }
  let prev = ids[0];
  let i = 1;
  for (; i < n; i++) {
    const x = ids[i];
    if (x <= prev) break;
    prev = x;
  }
  if (i === n) return ids; // strictly increasing (the usual 1…n)
  let min = ids[0], max = ids[0];
  for (let j = 1; j < n; j++) {
    const x = ids[j];
    if (x < min) min = x;
    else if (x > max) max = x;
  }
  const range = max - min + 1;
  if (range > 32 * n + 1024) return null;
  const seen = new Int32Array(Math.ceil(range / 32));
  for (let j = 0; j < n; j++) {
    const k = ids[j] - min;
    const word = k >>> 5, bit = 1 << (k & 31);
    if ((seen[word] & bit) !== 0) return null;
    seen[word] |= bit;
  }
  return ids;
}

/**
 * Whether the entries in use (`map[e] >= 0`) are distinct, when each is a canonical decimal integer
 * below 10⁹ ("0", "17850": no sign, no leading zero, so equal numbers ⇔ equal strings) within a
 * small range: a bitmap, no hashing. Null when some entry is not such an integer (a hash check decides).
 */
function distinctIntegerEntries(bytes: Uint8Array, offs: Int32Array, map: Int32Array, size: number): boolean | null {
  const numbers = new Int32Array(size);
  let min = 0x7fffffff, max = -1;
  let increasing = true; // in dictionary order, as writers often number them: distinct without a bitmap
  for (let e = 0; e < size; e++) {
    if (map[e] < 0) continue;
    const start = offs[e], end = offs[e + 1];
    if (end - start > 9) return null;
    let v = bytes[start] - 48;
    if (v < 0 || v > 9 || (v === 0 && end - start > 1)) return null;
    for (let j = start + 1; j < end; j++) {
      const d = bytes[j] - 48;
      if (d < 0 || d > 9) return null;
      v = v * 10 + d;
    }
    numbers[e] = v;
    if (v <= max) increasing = false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (increasing) return true;
  const range = max - min + 1;
  if (range > 32 * size + 1024) return null;
  const seen = new Int32Array((range + 31) >>> 5);
  for (let e = 0; e < size; e++) {
    if (map[e] < 0) continue;
    const k = numbers[e] - min;
    const word = k >>> 5, bit = 1 << (k & 31);
    if ((seen[word] & bit) !== 0) return false;
    seen[word] |= bit;
  }
  return true;
}

/** The single UTF-8 chunk of a dictionary (no null), or null. */
function utf8Entries(dict: Vector | undefined): AnyData | null {
  const parts = dict?.data as unknown as AnyData[] | undefined;
  if (parts === undefined || parts.length !== 1) return null;
  const d = parts[0];
  return (d.type.typeId as number) === TYPE_UTF8 && d.nullCount === 0 && d.valueOffsets instanceof Int32Array ? d : null;
}

/** Whether the entries of `a` are the first entries of `b`, byte for byte. */
function isPrefixOf(a: AnyData, b: AnyData): boolean {
  if (a.length > b.length) return false;
  const ao = a.valueOffsets!, bo = b.valueOffsets!;
  const ab = a.values as Uint8Array, bb = b.values as Uint8Array;
  const shift = bo[0] - ao[0];
  for (let k = 1; k <= a.length; k++) if (bo[k] - ao[k] !== shift) return false;
  for (let j = ao[0]; j < ao[a.length]; j++) if (ab[j] !== bb[j + shift]) return false;
  return true;
}

/**
 * The dictionary every batch's indices can be read against: the longest one, when every batch's
 * dictionary is the same object or byte for byte its prefix (a repeated or delta dictionary; the
 * general path interns equal bytes to one code, so the codes agree). Null otherwise, or when it is
 * not UTF-8 without null and empty entries (arrow.ts then takes another route).
 */
function sharedDictionary(chunks: AnyData[]): AnyData | null {
  let longest = chunks[0].dictionary;
  for (const d of chunks) if (d.dictionary !== longest && (d.dictionary?.length ?? 0) > (longest?.length ?? 0)) longest = d.dictionary;
  const entries = utf8Entries(longest);
  if (entries === null) return null;
  for (const d of chunks) {
    if (d.dictionary === longest) continue;
    const other = utf8Entries(d.dictionary);
    if (other === null || !isPrefixOf(other, entries)) return null;
  }
  const offs = entries.valueOffsets!;
  for (let k = 0; k < entries.length; k++) if (offs[k + 1] === offs[k]) return null;
  return entries;
}

/**
 * Customer codes in order of first appearance (in input order) and the strings of the dictionary
 * entries used, in that order; null when the column is not a clean UTF-8 dictionary (see the top).
 */
function customerCodes(table: Table, column: number, n: number): { codes: Int32Array; values: string[] } | null {
  if ((table.schema.fields[column].type.typeId as number) !== TYPE_DICTIONARY) return null;
  const chunks = chunksOf(table, column);
  if (!plainNumbers(chunks)) return null;
  const entries = sharedDictionary(chunks);
  if (entries === null) return null;
  const offs = entries.valueOffsets!;
  const size = entries.length;

  // One pass: entry → code by first appearance. (The random reads of `map` are most of the cost.)
  const map = new Int32Array(size).fill(-1);
  const codes = new Int32Array(n);
  let next = 0;
  let offset = 0;
  for (const d of chunks) {
    next = firstAppearanceCodes(d.values as Int32Array, d.length, size, map, codes, offset, next);
    if (next < 0) return null;
    offset += d.length;
  }

  // The entries used must be distinct (the general path merges equal entries into one code).
  // Entries are visited in dictionary order (sequential reads); value k goes to values[map[k]].
  const bytes = entries.values as Uint8Array;
  const integers = distinctIntegerEntries(bytes, offs, map, size);
  if (integers === false) return null;
  const values = packedStrings(next); // packed: cheaper to post from the worker (packed-array.ts)
  if (integers === true) {
    // Canonical integers: nothing for finishIds to clean. ASCII: one decode, then slices.
    const from = offs[0], to = offs[size];
    let high = 0;
    for (let j = from; j < to; j++) high |= bytes[j];
    if (high < 0x80) {
      const all = new TextDecoder().decode(bytes.subarray(from, to));
      for (let e = 0; e < size; e++) if (map[e] >= 0) values[map[e]] = all.slice(offs[e] - from, offs[e + 1] - from);
    } else { // other entries are not ASCII: byte offsets are not string offsets
      for (let e = 0; e < size; e++) if (map[e] >= 0) values[map[e]] = bytesToString(bytes, offs[e], offs[e + 1]);
    }
    return { codes, values };
  }
  // Any strings: an entry that does not grow the interner repeats an earlier one.
  const interner = new ByteInterner(1024);
  for (let e = 0; e < size; e++) {
    if (map[e] < 0) continue;
    const before = interner.size;
    interner.intern(bytes, offs[e], offs[e + 1]);
    if (interner.size === before) return null;
  }
  const interned = interner.values();
  for (let e = 0, k = 0; e < size; e++) if (map[e] >= 0) values[map[e]] = interned[k++];
  // finishIds would trim, drop 'NaN'-like ids or rewrite "17850.0": only take values it keeps.
  if (finishIds(new Int32Array(0), values, 0).values !== values) return null;
  return { codes, values };
}

/**
 * Codes of one chunk's dictionary indices: `map[entry]` is the entry's code, given on first sight
 * (`next` is the next free code). Returns the next free code, or -1 for an index outside the dictionary.
 */
function firstAppearanceCodes(idx: Int32Array, len: number, size: number, map: Int32Array, codes: Int32Array, offset: number, next: number): number {
  for (let i = 0; i < len; i++) {
    const e = idx[i];
    if (!(e >= 0 && e < size)) return -1;
    // Branch-free (a new customer is about every fifth row: a branch would mispredict often):
    // `isNew` is -1 for an entry not seen yet (map = -1), else 0.
    const c = map[e];
    const isNew = c >> 31;
    const code = (c & ~isNew) | (next & isNew);
    map[e] = code;
    codes[offset + i] = code;
    next -= isNew;
  }
  return next;
}

/**
 * Stable order of the row days: null when they are already in order, false when the day range is
 * beyond what the general path's day arithmetic keeps exact or too wide for a counting sort (the
 * general path then sorts by comparison). The sort itself is build.ts's (day-sort.ts).
 */
function dayOrder(days: Int32Array, n: number): Int32Array | null | false {
  let min = days[0], max = days[0];
  let sorted = true;
  for (let i = 1; i < n; i++) {
    const k = days[i];
    if (k < days[i - 1]) sorted = false;
    if (k < min) min = k;
    else if (k > max) max = k;
  }
  if (min < -MAX_ABS_DAY || max > MAX_ABS_DAY) return false;
  if (sorted) return null;
  if (!countingSortFits(min, max, n)) return false;
  return countingSortPermutation(days, n, min, max);
}

/**
 * The order-id dictionary the general path builds: code = input row of the order (`perm`, the day
 * order, or 0…n−1 when rows are in day order already), values = the ids as strings in input order.
 */
function orderDictionary(ids: OrderIds, perm: Int32Array | null): Dictionary {
  const n = ids.length;
  let codes = perm;
  if (codes === null) {
    codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = i;
  }
  // push, not `new Array(n)`: a holey array is structured-cloned element by element as a sparse
  // array (about twice as slow for a million ids), and the worker posts this table.
  const values: string[] = [];
  for (let i = 0; i < n; i++) values.push(String(ids[i]));
  return { codes, values };
}

/**
 * The fast path: `table` → `{ orders, report }` exactly as `buildOrders(decodeValueTable(
 * valueTableFromArrow(table, format), …), …)` would give them, or null when it does not apply
 * (see the top of the file; the caller then takes the general path, which also raises any error).
 *
 * @example
 * const fast = ordersFromArrowFast(tableFromIPC(bytes), 'arrow', { ...validOptions, clock, startedAt });
 * const { orders, report } = fast ?? buildOrders(decodeValueTable(valueTableFromArrow(table, 'arrow'), mapping, clock), …);
 */
export function ordersFromArrowFast(table: Table, format: string, options: ArrowFastOptions): { orders: OrderTable; report: LoadReport } | null {
  const n = table.numRows;
  if (n === 0) return null;
  let resolved: ReturnType<typeof resolveMapping>;
  try {
    resolved = resolveMapping(table.schema.fields.map((f) => f.name), options.mapping);
  } catch {
    return null; // the general path raises the same error
  }
  const { mapping, index } = resolved;
  if (index[ROLE_PRODUCT] >= 0 || index[ROLE_CATEGORY] >= 0 || index[ROLE_CHANNEL] >= 0 || index[ROLE_REGION] >= 0 || index[ROLE_AMOUNT_B] >= 0) return null;
  if (index.length > ROLE_DIMENSION) return null; // dimension columns: the general path codes them
  if (index[ROLE_ORDER] < 0 && options.duplicates !== 'keep') return null; // would need the row hash check

  // Cheapest refusals first.
  let amount: Float64Array | null = null;
  if (index[ROLE_AMOUNT_A] >= 0 && (amount = readAmounts(table, index[ROLE_AMOUNT_A], n)) === null) return null;
  let ids: OrderIds | null = null;
  if (index[ROLE_ORDER] >= 0 && (ids = distinctOrderIds(table, index[ROLE_ORDER], n)) === null) return null;
  const customer = customerCodes(table, index[ROLE_CUSTOMER], n);
  if (customer === null) return null;
  const days = readDays(table, index[ROLE_DATE], n, options.clock);
  if (days === null) return null;
  const perm = dayOrder(days, n);
  if (perm === false) return null;

  let outCustomer = customer.codes;
  let outDay = days;
  let outAmount = amount ?? new Float64Array(n);
  if (perm !== null) {
    // Codes stay numbered by first appearance in input order; rows move to day order.
    outCustomer = new Int32Array(n);
    outDay = new Int32Array(n);
    for (let p = 0; p < n; p++) {
      const i = perm[p];
      outCustomer[p] = customer.codes[i];
      outDay[p] = days[i];
    }
    if (amount !== null) {
      outAmount = new Float64Array(n);
      for (let p = 0; p < n; p++) outAmount[p] = amount[perm[p]];
    }
  }

  const orders: { -readonly [K in keyof OrderTable]: OrderTable[K] } = {
    length: n,
    customer: { codes: outCustomer, values: customer.values },
    day: outDay,
    amount: outAmount,
    hasAmount: amount !== null,
    timeZone: options.timeZone,
  };
  if (ids !== null) {
    const orderIds = ids;
    defineLazy(orders, 'order', () => orderDictionary(orderIds, perm));
  }
  const report: LoadReport = {
    ...allAcceptedReport(n, customer.values.length, format, mapping, options.startedAt),
    columns: resolved.choices,
    // Date/Timestamp columns: typed dates, no convention to decide (as values.ts reports them).
    dates: { format: 'YYYY-MM-DD', rule: 'values' },
  };
  return { orders, report };
}
