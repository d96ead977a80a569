/**
 * Appending orders to a loaded table (the background articles' real-time increments: new orders
 * arrive without reloading the whole file). The new rows go through the same rules and mapping as
 * the first load; orders whose id is loaded already are rejected ('duplicate-order'), and the rest
 * is merged into a new table, sorted by day, with the report's counts added up.
 */
import type { Dictionary, OrderLines, OrderTable } from '../core/order-table.js';
import { stableSortByKey } from './day-sort.js';
import { loadOrdersExcept } from './load-orders.js';
import { REASONS } from './reasons.js';
import { LoadError, type LoadOptions, type LoadReport, type OrdersInput, type RejectionReason } from './types.js';

/** A loaded table and its report, as `loadOrders` returns them. */
export interface LoadedOrders {
  orders: OrderTable;
  report: LoadReport;
}

const EXAMPLES_PER_REASON = 5;

/**
 * Codes of `added` in the merged dictionary: `base`'s values keep their codes, new values follow in
 * order of first appearance. Returns the merged values and, per code of `added`, its merged code.
 */
function mergeValues(base: Dictionary, added: Dictionary): { values: string[]; codeOf: Int32Array } {
  const index = new Map<string, number>();
  for (let c = 0; c < base.values.length; c++) if (!index.has(base.values[c])) index.set(base.values[c], c);
  const values = base.values.slice();
  const codeOf = new Int32Array(added.values.length);
  for (let c = 0; c < added.values.length; c++) {
    const v = added.values[c];
    let m = index.get(v);
    if (m === undefined) {
      m = values.length;
      values.push(v);
      index.set(v, m);
    }
    codeOf[c] = m;
  }
  return { values, codeOf };
}

/** Rows of `base` then rows of `added` (recoded), put in `perm` order (position → concatenated row). */
function mergeDictionary(base: Dictionary | undefined, added: Dictionary | undefined, baseLength: number, perm: Int32Array): Dictionary {
  const empty: Dictionary = { codes: new Int32Array(0), values: [] };
  const b = base ?? empty, a = added ?? empty;
  const { values, codeOf } = mergeValues(b, a);
  const n = perm.length;
  const codes = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const i = perm[p];
    if (i < baseLength) codes[p] = base ? b.codes[i] : -1;
    else {
      const c = added ? a.codes[i - baseLength] : -1;
      codes[p] = c < 0 ? -1 : codeOf[c];
    }
  }
  return { codes, values };
}

function mergeLines(base: OrderTable, added: OrderTable, newRowOf: Int32Array): OrderLines | undefined {
  const bl = base.lines, al = added.lines;
  if (!bl && !al) return undefined;
  const bn = bl?.length ?? 0, an = al?.length ?? 0;
  const n = bn + an;
  const order = new Int32Array(n);
  const amount = new Float64Array(n);
  for (let l = 0; l < bn; l++) {
    order[l] = newRowOf[bl!.order[l]];
    amount[l] = bl!.amount[l];
  }
  for (let l = 0; l < an; l++) {
    order[bn + l] = newRowOf[base.length + al!.order[l]];
    amount[bn + l] = al!.amount[l];
  }
  const perm = stableSortByKey(order, n);
  const sortedOrder = new Int32Array(n);
  const sortedAmount = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    sortedOrder[p] = order[perm[p]];
    sortedAmount[p] = amount[perm[p]];
  }
  // Both keys present, possibly undefined, as build.ts makes them.
  return {
    length: n,
    order: sortedOrder,
    amount: sortedAmount,
    product: bl?.product || al?.product ? mergeDictionary(bl?.product, al?.product, bn, perm) : undefined,
    category: bl?.category || al?.category ? mergeDictionary(bl?.category, al?.category, bn, perm) : undefined,
  };
}

/**
 * `base` with the orders of `added`: a new table sorted by day (on one day, `base`'s orders come
 * first), dictionaries extended (existing codes unchanged), invoice lines and dimensions merged.
 *
 * @example const merged = mergeOrderTables(loaded.orders, (await loadOrders(newRows)).orders);
 */
export function mergeOrderTables(base: OrderTable, added: OrderTable): OrderTable {
  if (added.length === 0) return base;
  const bn = base.length, an = added.length, n = bn + an;
  const days = new Int32Array(n);
  days.set(base.day);
  days.set(added.day, bn);
  const perm = stableSortByKey(days, n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  const newRowOf = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const i = perm[p];
    day[p] = days[i];
    amount[p] = i < bn ? base.amount[i] : added.amount[i - bn];
    newRowOf[i] = p;
  }
  const merged = (b: Dictionary | undefined, a: Dictionary | undefined) => mergeDictionary(b, a, bn, perm);
  const out: { -readonly [K in keyof OrderTable]: OrderTable[K] } = {
    length: n,
    customer: merged(base.customer, added.customer),
    day,
    amount,
    hasAmount: base.hasAmount,
    timeZone: base.timeZone,
  };
  if (base.order || added.order) out.order = merged(base.order, added.order);
  if (base.channel || added.channel) out.channel = merged(base.channel, added.channel);
  if (base.region || added.region) out.region = merged(base.region, added.region);
  if (base.dimensions || added.dimensions) {
    const dimensions: Record<string, Dictionary> = {};
    const names = new Set([...Object.keys(base.dimensions ?? {}), ...Object.keys(added.dimensions ?? {})]);
    for (const name of names) {
      Object.defineProperty(dimensions, name, { value: merged(base.dimensions?.[name], added.dimensions?.[name]), enumerable: true, writable: true, configurable: true });
    }
    out.dimensions = dimensions;
  }
  const lines = mergeLines(base, added, newRowOf);
  if (lines) out.lines = lines;
  return out;
}

/** The report of `base` plus an appended batch: counts added up, reasons merged by code. */
function mergeReports(base: LoadReport, added: LoadReport, orders: OrderTable): LoadReport {
  const byCode = new Map<string, RejectionReason>();
  for (const r of [...base.reasons, ...added.reasons]) {
    const seen = byCode.get(r.reason);
    if (!seen) byCode.set(r.reason, { ...r, examples: r.examples.slice() });
    else {
      seen.count += r.count;
      seen.message = r.message; // the latest batch's wording; counts are the sum
      for (const e of r.examples) if (seen.examples.length < EXAMPLES_PER_REASON) seen.examples.push(e);
    }
  }
  // As buildReport: largest count first, ties in rule order (pre-aggregated reasons last).
  const rank = (code: string) => { const k = (REASONS as readonly string[]).indexOf(code); return k < 0 ? REASONS.length : k; };
  const reasons = [...byCode.values()].sort((a, b) => b.count - a.count || rank(a.reason) - rank(b.reason));
  let customers = 0;
  const used = new Uint8Array(orders.customer.values.length);
  for (let i = 0; i < orders.length; i++) {
    const c = orders.customer.codes[i];
    if (c >= 0 && used[c] === 0) { used[c] = 1; customers++; }
  }
  return {
    ...base,
    rowsRead: base.rowsRead + added.rowsRead,
    rowsAccepted: base.rowsAccepted + added.rowsAccepted,
    rowsRejected: base.rowsRejected + added.rowsRejected,
    reasons,
    orders: orders.length,
    customers,
    ms: added.ms,
  };
}

/**
 * Appends `input` (anything `loadOrders` accepts) to a loaded table: the rows are read with the
 * same mapping, time zone and rules (`options` as for `loadOrders`; its mapping is ignored, the
 * first load's is used), rows of orders whose id is loaded already are rejected as
 * 'duplicate-order', and the accepted orders are merged in. Returns the new table and report and
 * `added`, the number of orders added (0: `orders` is `base.orders` itself).
 *
 * @example
 * const next = await appendOrders(loaded, [{ customer_id: '42', order_id: 'A-1001', date: '2024-05-01', amount: 19.9 }]);
 * next.report.rowsAccepted; // the first load's plus this batch's
 */
export async function appendOrders(base: LoadedOrders, input: OrdersInput, options?: LoadOptions): Promise<LoadedOrders & { added: number }> {
  if (base.orders.aggregate) {
    throw new LoadError('bad-option', 'Orders cannot be appended to pre-aggregated data (a customer summary, cohort matrix or report): load the orders themselves.');
  }
  const known = base.orders.order ? new Set(base.orders.order.values) : undefined;
  const { mapping: _ignored, ...rest } = options ?? {};
  const batch = await loadOrdersExcept(input, { ...rest, mapping: base.report.mapping, timeZone: base.orders.timeZone }, known);
  const orders = mergeOrderTables(base.orders, batch.orders);
  return { orders, report: mergeReports(base.report, batch.report, orders), added: batch.orders.length };
}
