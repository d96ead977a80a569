/**
 * Invoice lines of the output (when a product or category column is mapped): one per accepted row,
 * grouped by output order (stable, so lines keep their input order within an order).
 */
import type { Dictionary, OrderLines } from '../core/order-table.js';
import type { DecodedRows, IdColumn } from './decoded.js';
import { outputDictionary } from './dictionaries.js';
import { stableSortByKey } from './day-sort.js';
import { Reason } from './reasons.js';

/**
 * The lines of the accepted rows; `orderOfRow(i)` is the output order row of accepted row i.
 *
 * @example
 * const lines = invoiceLines(rows, reason, (i) => outOfSlot[groups.slotOfRow[i]]);
 */
export function invoiceLines(rows: DecodedRows, reason: Uint8Array, orderOfRow: (row: number) => number): OrderLines {
  const n = rows.length;
  const amount = rows.amount;
  let count = 0;
  for (let i = 0; i < n; i++) if (reason[i] === Reason.accepted) count++;
  const lineRow = new Int32Array(count);
  const lineOrder = new Int32Array(count);
  for (let i = 0, l = 0; i < n; i++) {
    if (reason[i] !== Reason.accepted) continue;
    lineRow[l] = i;
    lineOrder[l++] = orderOfRow(i);
  }
  const linePerm = stableSortByKey(lineOrder, count);
  const sortedOrder = new Int32Array(count);
  const lineAmount = new Float64Array(count);
  for (let p = 0; p < count; p++) {
    const l = linePerm[p];
    sortedOrder[p] = lineOrder[l];
    lineAmount[p] = amount !== undefined ? amount[lineRow[l]] : NaN;
  }
  // First appearance in input order: numbered over input-ordered lines, then permuted.
  const product = rows.product ? outputDictionary(rows.product, lineRow, count, linePerm) : undefined;
  return {
    length: count,
    order: sortedOrder,
    amount: lineAmount,
    product,
    category: rows.category ? outputDictionary(rows.category, lineRow, count, linePerm) : undefined,
    ...(product && rows.productName ? { productName: firstNames(product, rows.productName, linePerm, lineRow) } : {}),
  };
}

/**
 * One display name per product code: the first non-missing name in input order (a product renamed
 * later in the file keeps its first name).
 */
function firstNames(product: Dictionary, names: IdColumn, linePerm: Int32Array, lineRow: Int32Array): string[] {
  const firstLine = new Int32Array(product.values.length).fill(-1);
  for (let p = 0; p < linePerm.length; p++) {
    const l = linePerm[p];
    const code = product.codes[p];
    if (code < 0 || names.codes[lineRow[l]] < 0) continue;
    if (firstLine[code] < 0 || l < firstLine[code]) firstLine[code] = l;
  }
  return Array.from(firstLine, (l) => (l < 0 ? '' : names.values[names.codes[lineRow[l]]]));
}
