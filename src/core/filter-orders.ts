/**
 * `filterOrders`: the orders of a date range and/or a set of customers, as a new OrderTable.
 *
 * This is what a data-source element (`<rw-orders from=… to=…>` with a segment selected) hands to
 * every linked widget, so it runs once per filter change, not once per widget. The result is a
 * proper OrderTable: still sorted by day (the kept rows keep their order), typed-array copies of
 * the per-order columns, the dictionaries' `values` shared with the input (codes are unchanged, so
 * a customer keeps its code and id; some values may simply no longer occur), and invoice `lines`
 * kept only for kept orders with `lines.order` remapped to the new row numbers.
 */
import type { Dictionary, OrderLines, OrderTable } from './order-table.js';

export interface OrderFilter {
  /** First day kept (inclusive), a day number (days since 1970-01-01, see calendar.ts). */
  fromDay?: number;
  /** Last day kept (inclusive), a day number. */
  toDay?: number;
  /**
   * Customer codes kept (indexes into `orders.customer.values`); undefined or null keeps every
   * customer. An empty list keeps none. Codes outside the dictionary are ignored.
   */
  customerCodes?: ArrayLike<number> | null;
}

/** First index in the day-sorted `day` column with `day[i] >= target` (lower bound). */
function lowerBound(day: Int32Array, target: number): number {
  let lo = 0;
  let hi = day.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (day[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pickCodes(dict: Dictionary, rows: Int32Array, n: number): Dictionary {
  const codes = new Int32Array(n);
  const src = dict.codes;
  for (let i = 0; i < n; i++) codes[i] = src[rows[i]];
  return { codes, values: dict.values };
}

function pickLines(lines: OrderLines, newIndex: Int32Array): OrderLines {
  const order = lines.order;
  const m = lines.length;
  let kept = 0;
  for (let j = 0; j < m; j++) if (newIndex[order[j]] >= 0) kept++;
  const keptLines = new Int32Array(kept);
  const newOrder = new Int32Array(kept);
  const amount = new Float64Array(kept);
  for (let j = 0, k = 0; j < m; j++) {
    const o = newIndex[order[j]];
    if (o < 0) continue;
    keptLines[k] = j;
    newOrder[k] = o;
    amount[k] = lines.amount[j];
    k++;
  }
  const out: { -readonly [K in keyof OrderLines]: OrderLines[K] } = { length: kept, order: newOrder, amount };
  if (lines.product) out.product = pickCodes(lines.product, keptLines, kept);
  if (lines.category) out.category = pickCodes(lines.category, keptLines, kept);
  return out;
}

/**
 * Keeps the orders with `fromDay <= day <= toDay` whose customer is in `customerCodes`.
 * Cost: a binary search for the day range plus one pass over it; O(kept) copies.
 * When every order is kept, the input table itself is returned (so caches keyed on the table,
 * such as `sharedResult`, keep hitting).
 *
 * @example
 * // Orders of the first quarter of 1997 by the customers with codes 0 and 5:
 * const q1 = filterOrders(orders, { fromDay: daysFromCivil(1997, 1, 1), toDay: daysFromCivil(1997, 3, 31), customerCodes: [0, 5] });
 */
export function filterOrders(orders: OrderTable, filter: OrderFilter): OrderTable {
  const n = orders.length;
  const day = orders.day;
  const start = filter.fromDay === undefined || Number.isNaN(filter.fromDay) ? 0 : lowerBound(day, Math.ceil(filter.fromDay));
  const end = filter.toDay === undefined || Number.isNaN(filter.toDay) ? n : lowerBound(day, Math.floor(filter.toDay) + 1);

  let keepCustomer: Uint8Array | undefined;
  if (filter.customerCodes != null) {
    const nCustomers = orders.customer.values.length;
    keepCustomer = new Uint8Array(nCustomers);
    const codes = filter.customerCodes;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c >= 0 && c < nCustomers && Number.isInteger(c)) keepCustomer[c] = 1;
    }
  }

  // Rows kept, in table order (so the result stays sorted by day).
  const rows = new Int32Array(Math.max(0, end - start));
  let kept = 0;
  const customer = orders.customer.codes;
  for (let i = start; i < end; i++) {
    if (keepCustomer !== undefined && keepCustomer[customer[i]] === 0) continue;
    rows[kept++] = i;
  }
  if (kept === n) return orders;

  const outDay = new Int32Array(kept);
  const outAmount = new Float64Array(kept);
  for (let k = 0; k < kept; k++) {
    const i = rows[k];
    outDay[k] = day[i];
    outAmount[k] = orders.amount[i];
  }
  const out: { -readonly [K in keyof OrderTable]: OrderTable[K] } = {
    length: kept,
    customer: pickCodes(orders.customer, rows, kept),
    day: outDay,
    amount: outAmount,
    hasAmount: orders.hasAmount,
    timeZone: orders.timeZone,
  };
  if (orders.order) out.order = pickCodes(orders.order, rows, kept);
  if (orders.channel) out.channel = pickCodes(orders.channel, rows, kept);
  if (orders.region) out.region = pickCodes(orders.region, rows, kept);
  if (orders.dimensions) {
    const dims: Record<string, Dictionary> = {};
    for (const [name, d] of Object.entries(orders.dimensions)) dims[name] = pickCodes(d, rows, kept);
    out.dimensions = dims;
  }
  if (orders.lines) {
    // Old row → new row, -1 for dropped orders.
    const newIndex = new Int32Array(n).fill(-1);
    for (let k = 0; k < kept; k++) newIndex[rows[k]] = k;
    out.lines = pickLines(orders.lines, newIndex);
  }
  return out;
}

/**
 * The codes of customer ids in `orders.customer` (ids that do not occur are skipped), for the
 * `customerCodes` filter. One Map over the dictionary: O(customers + ids).
 *
 * @example filterOrders(orders, { customerCodes: customerCodesOf(orders, ['17850', '13047']) })
 */
export function customerCodesOf(orders: OrderTable, ids: Iterable<string>): Int32Array {
  const values = orders.customer.values;
  const index = new Map<string, number>();
  for (let c = 0; c < values.length; c++) index.set(values[c], c);
  const codes: number[] = [];
  for (const id of ids) {
    const c = index.get(String(id));
    if (c !== undefined) codes.push(c);
  }
  return Int32Array.from(codes);
}
