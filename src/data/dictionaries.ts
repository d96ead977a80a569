/**
 * Output dictionaries: codes renumbered by first appearance, values limited to those used.
 */
import { packedStrings } from '../core/kernels/packed-array.js';
import type { Dictionary } from '../core/order-table.js';
import type { IdColumn } from './decoded.js';

/**
 * Renumbers the codes of `codesInOutputOrder` in order of first appearance and keeps only the values
 * used. When that changes nothing (the usual case: codes were already given in first-appearance
 * order and every value is used) the source's value list is reused as it is.
 */
export function remapDictionary(source: IdColumn, codesInOutputOrder: Int32Array, length: number): Dictionary {
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

/**
 * Dictionary of `col` over the rows `rowOf[0, n)` (input order; null = rows 0…n−1), numbered by
 * first appearance there, then put in output order by `perm` (position → index; null = same order).
 */
export function outputDictionary(col: IdColumn, rowOf: Int32Array | null, n: number, perm: Int32Array | null): Dictionary {
  let inputOrder = col.codes;
  if (rowOf !== null) {
    inputOrder = new Int32Array(n);
    for (let k = 0; k < n; k++) inputOrder[k] = col.codes[rowOf[k]];
  }
  const dict = remapDictionary(col, inputOrder, n);
  if (perm === null) return dict;
  const codes = new Int32Array(n);
  for (let p = 0; p < n; p++) codes[p] = dict.codes[perm[p]];
  return { codes, values: dict.values };
}
