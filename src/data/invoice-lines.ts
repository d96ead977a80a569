/**
 * Invoice lines of the output (when a product or category column is mapped): one per accepted row,
 * grouped by output order (stable, so lines keep their input order within an order).
 */
import type { OrderLines } from '../core/order-table.js';
import type { DecodedRows } from './decoded.js';
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
  return {
    length: count,
    order: sortedOrder,
    amount: lineAmount,
    // First appearance in input order: numbered over input-ordered lines, then permuted.
    product: rows.product ? outputDictionary(rows.product, lineRow, count, linePerm) : undefined,
    category: rows.category ? outputDictionary(rows.category, lineRow, count, linePerm) : undefined,
  };
}
