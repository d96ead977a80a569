/**
 * DecodedRows → OrderTable + LoadReport: the row rules, order aggregation and the day sort.
 *
 * Each rejected row gets exactly one reason, the first that applies in this order:
 *  1. missing-customer   (blank/null/NaN id)
 *  2. missing-date       (blank/null)
 *  3. unparseable-date   (see parse-date.ts)
 *  4. non-numeric-amount (only with an amount column)
 *  5. duplicate-row      (every raw column equal to an earlier row that passed 1–4; unless
 *                         duplicates:'keep', for logs without an order id where two identical
 *                         rows can be two real purchases, as in CDNOW)
 *  6. cancellation       (negative amount and the order id starts with "C") ┐ returns:'exclude' only
 *  7. negative-amount    (other negative amounts)                           │
 *  8. zero-amount        (amount 0, unless zeroAmounts:'keep')              ┘
 *  9. non-positive-order (returns:'net' only: the order's net total is < 0, or 0 without
 *                         zeroAmounts:'keep'; all its rows are rejected)
 * With returns:'net' negative and zero rows are accepted and summed into their order. Credit notes
 * with their own order id (Online Retail's "C…" invoices) are orders of their own, so they end as
 * 'non-positive-order'.
 *
 * Orders: without an order column each accepted row is an order. With one, the accepted rows of an
 * order id form one order: amount = sum, day = day of the earliest timestamp, customer, channel and
 * region = those of the first row (in input order). Output rows are sorted by day with a stable
 * counting sort; dictionaries hold only values that occur in the output, in order of first appearance.
 */
import { packedStrings } from '../core/kernels/packed-array.js';
import type { Dictionary, OrderLines, OrderTable } from '../core/order-table.js';
import type { DecodedRows, IdColumn } from './decoded.js';
import { HashPairSet } from './decoded.js';
import type { LoadReport, RejectionCode, RejectionReason } from './types.js';

const DAY_MS = 86_400_000;

export const REASONS: RejectionCode[] = ['missing-customer', 'missing-date', 'unparseable-date', 'non-numeric-amount',
  'duplicate-row', 'cancellation', 'negative-amount', 'zero-amount', 'non-positive-order'];

function reasonMessage(code: RejectionCode, rows: DecodedRows, count: number): string {
  const m = rows.mapping;
  const n = `${count} row${count === 1 ? '' : 's'}`;
  switch (code) {
    case 'missing-customer': return `${n} have no customer id in column "${m.customer}" and were skipped. If another column identifies customers, set customer-field (mapping.customer).`;
    case 'missing-date': return `${n} have no date in column "${m.date}" and were skipped. If the date is in another column, set date-field (mapping.date).`;
    case 'unparseable-date': return `${n} have a date in column "${m.date}" that is not a valid date (use ISO 8601 like 2011-12-09 or 2011-12-09T12:50:00Z, YYYYMMDD, or epoch milliseconds).`;
    case 'non-numeric-amount': return `${n} have an amount in "${m.amount}" that is not a number and were skipped. Check the amount column (amount-field / mapping.amount).`;
    case 'duplicate-row': return `${n} repeat an earlier row exactly (every column) and were skipped as duplicates.`;
    case 'cancellation': return `${n} are cancellations (negative amount, order id starting with "C") and were skipped. Use returns: 'net' to subtract returns from their order.`;
    case 'negative-amount': return `${n} have a negative amount (returns or corrections) and were skipped. Use returns: 'net' to subtract them from their order.`;
    case 'zero-amount': return `${n} have an amount of 0 (free items, corrections) and were skipped. Use zeroAmounts: 'keep' to count them as purchases.`;
    case 'non-positive-order': return `${n} belong to orders whose net total is not positive (fully returned or credit notes) and were skipped.`;
  }
}

/**
 * Renumbers the codes of `codesInOutputOrder` in order of first appearance and keeps only the values
 * used. When that changes nothing (the usual case: codes were already given in first-appearance
 * order and every value is used) the source's value list is reused as it is.
 */
function remapDictionary(source: IdColumn, codesInOutputOrder: Int32Array, length: number): Dictionary {
  // Codes already numbered by first appearance (each code is either one seen before or the next
  // new one; true of every reader's codes when nothing was dropped): no map needed, the codes stay.
  let seen = 0;
  let canonical = true;
  for (let i = 0; i < length; i++) {
    const c = codesInOutputOrder[i];
    if (c === seen) seen++;
    else if (c > seen) {
      canonical = false;
      break;
    }
  }
  if (canonical) {
    return { codes: codesInOutputOrder.slice(0, length), values: seen === source.values.length ? source.values : source.values.slice(0, seen) };
  }
  const map = new Int32Array(source.values.length).fill(-1);
  const codes = new Int32Array(length);
  let next = 0;
  let identity = true;
  for (let i = 0; i < length; i++) {
    const c = codesInOutputOrder[i];
    if (c < 0) { codes[i] = -1; continue; }
    let m = map[c];
    if (m < 0) {
      m = map[c] = next++;
      if (m !== c) identity = false;
    }
    codes[i] = m;
  }
  if (identity && next === source.values.length) return { codes, values: source.values };
  const values = packedStrings(next); // packed: cheaper to post from the worker (packed-array.ts)
  for (let c = 0; c < map.length; c++) if (map[c] >= 0) values[map[c]] = source.values[c];
  return { codes, values };
}

/** Whether `keys[0, n)` never decreases. */
function isNonDecreasing(keys: Int32Array, n: number): boolean {
  for (let i = 1; i < n; i++) if (keys[i] < keys[i - 1]) return false;
  return true;
}

/**
 * Stable order of `keys` (ints in [min, max]): counting sort when the range is reasonable, else a
 * comparison sort on (key, index). Returns the permutation: position → original index.
 */
function stableSortByKey(keys: Int32Array, n: number): Int32Array {
  const perm = new Int32Array(n);
  if (n === 0) return perm;
  let min = keys[0], max = keys[0];
  for (let i = 1; i < n; i++) {
    const k = keys[i];
    if (k < min) min = k;
    if (k > max) max = k;
  }
  if (isNonDecreasing(keys, n)) { // already in order (files are usually written by date): identity
    for (let i = 0; i < n; i++) perm[i] = i;
    return perm;
  }
  const range = max - min + 1;
  if (range > 4 * n + 100_000) {
    for (let i = 0; i < n; i++) perm[i] = i;
    return perm.sort((a, b) => keys[a] - keys[b] || a - b);
  }
  const start = new Int32Array(range + 1);
  for (let i = 0; i < n; i++) start[keys[i] - min + 1]++;
  for (let k = 1; k <= range; k++) start[k] += start[k - 1];
  for (let i = 0; i < n; i++) perm[start[keys[i] - min]++] = i;
  return perm;
}

export interface BuildOptions {
  timeZone: string;
  returns: 'exclude' | 'net';
  zeroAmounts: 'exclude' | 'keep';
  duplicates: 'reject' | 'keep';
  startedAt: number;
}

/** Applies the row rules, aggregates orders and sorts them by day. */
export function buildOrders(rows: DecodedRows, options: BuildOptions): { orders: OrderTable; report: LoadReport } {
  return build(rows, options, true);
}

/**
 * `buildOrders` without the fast path for one-row orders: the general aggregation every input
 * could take. Tests compare the two; it gives the same table and report, only slower.
 */
export function buildOrdersGeneral(rows: DecodedRows, options: BuildOptions): { orders: OrderTable; report: LoadReport } {
  return build(rows, options, false);
}

function build(rows: DecodedRows, options: BuildOptions, fastPaths: boolean): { orders: OrderTable; report: LoadReport } {
  const n = rows.length;
  const reason = new Uint8Array(n); // 0 = accepted, else 1 + index in REASONS
  const cust = rows.customer.codes;
  const orderCodes = rows.order?.codes;
  const amount = rows.amount;
  const net = options.returns === 'net';
  const keepZero = options.zeroAmounts === 'keep';
  const orderValues = rows.order?.values;
  // Duplicate check. Two identical rows have the same order id, so with an order column only rows
  // whose id occurs more than once (or is missing) can repeat an earlier row: only those are hashed.
  // (A file of unique order ids hashes nothing.)
  const rejectDuplicates = options.duplicates === 'reject';
  // Whether no order id occurs twice: then each accepted row is an order of its own (fast path below).
  let ordersDistinct = orderCodes !== undefined && codesAllNew(orderCodes, n);
  let mayRepeat: Uint8Array | null = null;
  let candidates = n;
  if (rejectDuplicates && orderCodes !== undefined) {
    let missing = 0;
    if (ordersDistinct) { // no count needed: only rows without an order id can repeat each other
      for (let i = 0; i < n; i++) if (orderCodes[i] < 0) missing++;
      mayRepeat = new Uint8Array(orderValues!.length);
      candidates = missing;
    } else {
      const count = new Int32Array(orderValues!.length);
      for (let i = 0; i < n; i++) {
        const o = orderCodes[i];
        if (o < 0) missing++;
        else count[o]++;
      }
      mayRepeat = new Uint8Array(count.length);
      candidates = missing;
      for (let o = 0; o < count.length; o++) {
        if (count[o] > 1) {
          mayRepeat[o] = 1;
          candidates += count[o];
        }
      }
      ordersDistinct = candidates === missing;
    }
  }
  const seen = rejectDuplicates && candidates > 0 ? new HashPairSet(candidates) : null;
  const hash = new Int32Array(2);
  const { time, dateState } = rows;
  for (let i = 0; i < n; i++) {
    if (cust[i] < 0) reason[i] = 1;
    else if (dateState[i] !== 0) reason[i] = dateState[i] === 1 ? 2 : 3;
    else if (amount !== undefined && amount[i] !== amount[i]) reason[i] = 4;
    else if (seen !== null && (mayRepeat === null || orderCodes![i] < 0 || mayRepeat[orderCodes![i]] === 1) &&
      (rows.hashRow(i, hash), seen.add(hash[0], hash[1]))) reason[i] = 5;
    else if (amount !== undefined && !net) {
      const v = amount[i];
      if (v < 0) reason[i] = orderCodes !== undefined && orderCodes[i] >= 0 && orderValues![orderCodes[i]].charCodeAt(0) === 67 ? 6 : 7;
      else if (v === 0 && !keepZero && rows.continuation?.[i] !== 1) reason[i] = 8;
    }
  }

  if (fastPaths && (ordersDistinct || orderCodes === undefined) && !rows.product && !rows.category) {
    return buildRowOrders(rows, options, reason);
  }

  // Aggregate accepted rows into order slots, in order of first appearance.
  const slotOfRow = new Int32Array(n).fill(-1);
  const slotOfOrder = orderCodes ? new Int32Array(rows.order!.values.length).fill(-1) : null;
  const firstRow = new Int32Array(n);
  const slotTime = new Float64Array(n);
  const slotAmount = new Float64Array(n);
  let slots = 0;
  for (let i = 0; i < n; i++) {
    if (reason[i] !== 0) continue;
    let s = -1;
    if (slotOfOrder !== null) {
      const o = orderCodes![i];
      if (o >= 0) s = slotOfOrder[o];
      if (s < 0) {
        s = slots++;
        if (o >= 0) slotOfOrder[o] = s;
        firstRow[s] = i;
        slotTime[s] = time[i];
      } else if (time[i] < slotTime[s]) slotTime[s] = time[i];
    } else {
      s = slots++;
      firstRow[s] = i;
      slotTime[s] = time[i];
    }
    slotOfRow[i] = s;
    if (amount !== undefined) slotAmount[s] += amount[i];
  }

  // returns:'net' → orders with a non-positive total are rejected whole.
  const alive = new Uint8Array(slots).fill(1);
  if (net && amount !== undefined) {
    for (let s = 0; s < slots; s++) {
      const total = slotAmount[s];
      if (total < 0 || (total === 0 && !keepZero)) alive[s] = 0;
    }
    for (let i = 0; i < n; i++) {
      const s = slotOfRow[i];
      if (s >= 0 && alive[s] === 0) {
        reason[i] = 9;
        slotOfRow[i] = -1;
      }
    }
  }

  // Stable counting sort of the surviving slots by day.
  let kept = 0;
  const keptSlots = new Int32Array(slots);
  for (let s = 0; s < slots; s++) if (alive[s] === 1) keptSlots[kept++] = s;
  const days = new Int32Array(kept);
  for (let k = 0; k < kept; k++) days[k] = Math.floor(slotTime[keptSlots[k]] / DAY_MS);
  const perm = stableSortByKey(days, kept);
  const outOfSlot = new Int32Array(slots).fill(-1);
  const day = new Int32Array(kept);
  const outAmount = new Float64Array(kept);
  for (let p = 0; p < kept; p++) {
    const s = keptSlots[perm[p]];
    outOfSlot[s] = p;
    day[p] = days[perm[p]];
    outAmount[p] = slotAmount[s];
  }

  // Dictionaries: codes in order of first appearance in the input (slot creation order).
  let identityOrder = true;
  for (let p = 0; p < kept && identityOrder; p++) if (perm[p] !== p) identityOrder = false;
  const firstAppearance = (col: IdColumn): Dictionary => {
    const bySlotOrder = new Int32Array(kept);
    for (let k = 0; k < kept; k++) bySlotOrder[k] = col.codes[firstRow[keptSlots[k]]];
    const dict = remapDictionary(col, bySlotOrder, kept);
    if (identityOrder) return dict; // output position k = kept slot k
    const codes = new Int32Array(kept);
    for (let k = 0; k < kept; k++) codes[outOfSlot[keptSlots[k]]] = dict.codes[k];
    return { codes, values: dict.values };
  };
  const customer = firstAppearance(rows.customer);

  let lines: OrderLines | undefined;
  if (rows.product || rows.category) {
    let count = 0;
    for (let i = 0; i < n; i++) if (reason[i] === 0) count++;
    const lineRow = new Int32Array(count);
    const lineOrder = new Int32Array(count);
    for (let i = 0, l = 0; i < n; i++) {
      if (reason[i] !== 0) continue;
      lineRow[l] = i;
      lineOrder[l++] = outOfSlot[slotOfRow[i]];
    }
    const linePerm = stableSortByKey(lineOrder, count);
    const sortedOrder = new Int32Array(count);
    const lineAmount = new Float64Array(count);

    for (let p = 0; p < count; p++) {
      const l = linePerm[p];
      sortedOrder[p] = lineOrder[l];

      lineAmount[p] = amount !== undefined ? amount[lineRow[l]] : NaN;
    }
    const lineDict = (col: IdColumn | undefined): Dictionary | undefined => {
      if (!col) return undefined;
      // First appearance in input order: remap over input-ordered lines, then permute.
      const inputOrder = new Int32Array(count);
      for (let l = 0; l < count; l++) inputOrder[l] = col.codes[lineRow[l]];
      const dict = remapDictionary(col, inputOrder, count);
      const codes = new Int32Array(count);
      for (let p = 0; p < count; p++) codes[p] = dict.codes[linePerm[p]];
      return { codes, values: dict.values };
    };
    lines = { length: count, order: sortedOrder, amount: lineAmount, product: lineDict(rows.product), category: lineDict(rows.category) };
  }

  const orders: OrderTable = {
    length: kept,
    customer,
    day,
    amount: outAmount,
    hasAmount: amount !== undefined,
    ...(rows.order ? { order: firstAppearance(rows.order) } : {}),
    ...(rows.channel ? { channel: firstAppearance(rows.channel) } : {}),
    ...(rows.region ? { region: firstAppearance(rows.region) } : {}),
    ...(lines ? { lines } : {}),
    timeZone: options.timeZone,
  };

  return { orders, report: makeReport(rows, reason, kept, customer.values.length, options.startedAt) };
}

/**
 * Whether the codes are 0, 1, 2, … in row order, missing ids (-1) aside: every order id is new
 * where it appears, so none occurs twice. True of a file of unique order ids read by any reader
 * that numbers values by first appearance; one sequential pass, no table.
 */
function codesAllNew(codes: Int32Array, n: number): boolean {
  let next = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c === next) next++;
    else if (c >= 0) return false;
  }
  return true;
}

/**
 * `buildOrders` when every accepted row is an order of its own (no order column, or no order id
 * occurring twice) and there are no invoice lines: the same table and report as the general path
 * with its per-order tables left out. Rule 9 applies to each row's own amount; the output is the
 * accepted rows in input order, stably sorted by day (no sort at all when already in day order,
 * and no gathering at all when every row was accepted).
 */
function buildRowOrders(rows: DecodedRows, options: BuildOptions, reason: Uint8Array): { orders: OrderTable; report: LoadReport } {
  const n = rows.length;
  const amount = rows.amount;
  const time = rows.time;
  if (options.returns === 'net' && amount !== undefined) {
    const keepZero = options.zeroAmounts === 'keep';
    for (let i = 0; i < n; i++) {
      if (reason[i] !== 0) continue;
      const total = amount[i];
      if (total < 0 || (total === 0 && !keepZero)) reason[i] = 9;
    }
  }
  let kept = 0;
  for (let i = 0; i < n; i++) if (reason[i] === 0) kept++;
  // keptRows[k] = input row of the k-th accepted row (null: every row, keptRows[k] = k).
  let keptRows: Int32Array | null = null;
  if (kept < n) {
    keptRows = new Int32Array(kept);
    for (let i = 0, k = 0; i < n; i++) if (reason[i] === 0) keptRows[k++] = i;
  }
  const days = new Int32Array(kept);
  if (keptRows === null) for (let k = 0; k < kept; k++) days[k] = Math.floor(time[k] / DAY_MS);
  else for (let k = 0; k < kept; k++) days[k] = Math.floor(time[keptRows[k]] / DAY_MS);
  // perm[p] = k: the accepted row at output position p (null: already in day order).
  const perm = isNonDecreasing(days, kept) ? null : stableSortByKey(days, kept);
  let day = days;
  if (perm !== null) {
    day = new Int32Array(kept);
    for (let p = 0; p < kept; p++) day[p] = days[perm[p]];
  }
  // `+ 0` as the general path's sum from 0: it turns an accepted -0 into 0.
  const outAmount = new Float64Array(kept);
  if (amount !== undefined) {
    for (let p = 0; p < kept; p++) {
      const k = perm === null ? p : perm[p];
      outAmount[p] = amount[keptRows === null ? k : keptRows[k]] + 0;
    }
  }
  // Dictionaries: first appearance in input order (over the accepted rows), then into day order.
  const dictionary = (col: IdColumn): Dictionary => {
    let inputOrder = col.codes;
    if (keptRows !== null) {
      inputOrder = new Int32Array(kept);
      for (let k = 0; k < kept; k++) inputOrder[k] = col.codes[keptRows[k]];
    }
    const dict = remapDictionary(col, inputOrder, kept);
    if (perm === null) return dict;
    const codes = new Int32Array(kept);
    for (let p = 0; p < kept; p++) codes[p] = dict.codes[perm[p]];
    return { codes, values: dict.values };
  };
  const customer = dictionary(rows.customer);
  const orders: OrderTable = {
    length: kept,
    customer,
    day,
    amount: outAmount,
    hasAmount: amount !== undefined,
    ...(rows.order ? { order: dictionary(rows.order) } : {}),
    ...(rows.channel ? { channel: dictionary(rows.channel) } : {}),
    ...(rows.region ? { region: dictionary(rows.region) } : {}),
    timeZone: options.timeZone,
  };
  return { orders, report: makeReport(rows, reason, kept, customer.values.length, options.startedAt) };
}

/** The report of a build: counts and the first five examples per reason, largest count first. */
function makeReport(rows: DecodedRows, reason: Uint8Array, orders: number, customers: number, startedAt: number): LoadReport {
  const n = rows.length;
  const counts = new Int32Array(REASONS.length + 1);
  const examples: number[][] = REASONS.map(() => []);
  for (let i = 0; i < n; i++) {
    const r = reason[i];
    if (r === 0) continue;
    counts[r]++;
    if (examples[r - 1].length < 5) examples[r - 1].push(i);
  }
  const reasons: RejectionReason[] = [];
  REASONS.forEach((code, k) => {
    const count = counts[k + 1];
    if (count === 0) return;
    reasons.push({
      reason: code,
      message: reasonMessage(code, rows, count),
      count,
      examples: examples[k].map((row) => ({ row: row + 1, values: rows.rawValues(row) })),
    });
  });
  reasons.sort((a, b) => b.count - a.count);
  const rowsRejected = reasons.reduce((sum, r) => sum + r.count, 0);
  return {
    rowsRead: n,
    rowsAccepted: n - rowsRejected,
    rowsRejected,
    reasons,
    orders,
    customers,
    format: rows.format,
    mapping: rows.mapping,
    ...(rows.choices ? { columns: rows.choices } : {}),
    ...(rows.dates ? { dates: rows.dates } : {}),
    ms: performance.now() - startedAt,
  };
}
