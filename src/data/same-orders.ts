/**
 * Whether two order tables hold the same orders, so a refresh that downloaded the same data (a
 * server without validators, or one whose ETag changes on every response) redraws nothing.
 */
import type { Dictionary, OrderTable } from '../core/order-table.js';

type Numbers = Int32Array | Float64Array;

function sameNumbers(a: Numbers, b: Numbers): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(a[i] !== a[i] && b[i] !== b[i])) return false; // NaN equals NaN
  return true;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameDictionary(a: Dictionary | undefined, b: Dictionary | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return sameNumbers(a.codes, b.codes) && sameValues(a.values, b.values);
}

/**
 * Same orders, columns and dictionaries (values compared in order: loads of equal bytes give equal
 * codes). One pass over each column; pre-aggregated tables are compared by identity only.
 *
 * @example if (!sameOrders(current, reloaded)) redraw(reloaded);
 */
export function sameOrders(a: OrderTable, b: OrderTable): boolean {
  if (a === b) return true;
  if (a.aggregate || b.aggregate) return false;
  if (a.length !== b.length || a.hasAmount !== b.hasAmount || a.timeZone !== b.timeZone) return false;
  if (!sameNumbers(a.day, b.day) || !sameNumbers(a.amount, b.amount)) return false;
  if (!sameDictionary(a.customer, b.customer) || !sameDictionary(a.channel, b.channel) || !sameDictionary(a.region, b.region)) return false;
  const da = Object.keys(a.dimensions ?? {}), db = Object.keys(b.dimensions ?? {});
  if (!sameValues(da, db) || da.some((k) => !sameDictionary(a.dimensions![k], b.dimensions![k]))) return false;
  const la = a.lines, lb = b.lines;
  if (la === undefined || lb === undefined) { if (la !== lb) return false; }
  else if (!sameNumbers(la.order, lb.order) || !sameNumbers(la.amount, lb.amount) || !sameDictionary(la.product, lb.product) || !sameDictionary(la.category, lb.category)) return false;
  // Last: the order-id dictionary may be made lazily on read (arrow-fast.ts, table-transport.ts).
  return sameDictionary(a.order, b.order);
}
