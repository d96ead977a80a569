/**
 * Customer ids cross the worker boundary as codes. Results hold per-customer columns next to a
 * `customerId: string[]` that is always `orders.customer.values[customerCode[i]]` (summaries, RFM,
 * the model inputs of churn and CLV); structured clone copies each of those strings, ~60–200 ms on
 * the page's main thread for 200k customers, while the page already holds the table's ids. The
 * worker replaces such a `customerId` with a marker (`packIds`), the page rebuilds it from the codes
 * and its own copy of the table (`unpackIds`), which costs a few milliseconds.
 */

/** Stands in for a customerId column that equals the table's ids by code. */
export const IDS_BY_CODE = '$idsByCode';

const MAX_DEPTH = 4;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Whether `o.customerId[i] === ids[o.customerCode[i]]` for every i. */
function idsAreByCode(o: Record<string, unknown>, ids: readonly string[]): boolean {
  const codes = o.customerCode;
  const names = o.customerId;
  if (!(codes instanceof Int32Array) || !Array.isArray(names) || names.length !== codes.length || names.length < 64) return false;
  for (let i = 0; i < codes.length; i++) if (names[i] !== ids[codes[i]]) return false;
  return true;
}

/**
 * `result` with every qualifying `customerId` column replaced by {@link IDS_BY_CODE}. Never mutates
 * `result` (the worker caches results and reuses their objects): objects on the way are copied,
 * each once, so shared sub-objects stay shared.
 * @example post({ result: packIds(result, orders.customer.values) })
 */
export function packIds(result: unknown, ids: readonly string[]): unknown {
  const seen = new Map<object, unknown>();
  const walk = (x: unknown, depth: number): unknown => {
    if (!isPlainObject(x) || depth > MAX_DEPTH) return x;
    if (seen.has(x)) return seen.get(x);
    seen.set(x, x);
    let copy: Record<string, unknown> | undefined;
    const pack = idsAreByCode(x, ids);
    for (const key of Object.keys(x)) {
      const value = x[key];
      const next = key === 'customerId' && pack ? IDS_BY_CODE : walk(value, depth + 1);
      if (next !== value) {
        copy ??= { ...x };
        copy[key] = next;
      }
    }
    const out = copy ?? x;
    seen.set(x, out);
    return out;
  };
  return walk(result, 0);
}

/**
 * Undoes {@link packIds} in place on a received (cloned) result, with the page's copy of the ids.
 * @example const result = unpackIds(msg.result, orders.customer.values);
 */
export function unpackIds<T>(result: T, ids: readonly string[]): T {
  const seen = new Set<object>();
  // Objects that shared one codes array (structured clone keeps that sharing) share one ids array.
  const byCodes = new Map<Int32Array, string[]>();
  const walk = (x: unknown, depth: number): void => {
    if (!isPlainObject(x) || depth > MAX_DEPTH || seen.has(x)) return;
    seen.add(x);
    if (x.customerId === IDS_BY_CODE && x.customerCode instanceof Int32Array) {
      const codes = x.customerCode;
      let names = byCodes.get(codes);
      if (!names) {
        names = [];
        for (let i = 0; i < codes.length; i++) names.push(ids[codes[i]]);
        byCodes.set(codes, names);
      }
      x.customerId = names;
    }
    for (const key of Object.keys(x)) walk(x[key], depth + 1);
  };
  walk(result, 0);
  return result;
}

const codeIndexes = new WeakMap<object, Map<string, number>>();

/**
 * The codes of `ids` in `orders.customer.values` (a selection's customers, to cross as numbers);
 * the id → code index is built once per table.
 * @example codesOfIds(orders, ['12346', '12347']) // Int32Array [0, 1]
 */
export function codesOfIds(orders: { customer: { values: readonly string[] } }, ids: readonly string[]): Int32Array {
  let index = codeIndexes.get(orders);
  if (!index) {
    const values = orders.customer.values;
    index = new Map();
    for (let c = 0; c < values.length; c++) index.set(values[c], c);
    codeIndexes.set(orders, index);
  }
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = index.get(ids[i]) ?? -1;
  return out;
}
