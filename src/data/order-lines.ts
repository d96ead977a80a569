/**
 * Exports with one row per order *line* that write the order's fields on its first line only.
 * Shopify's order export is the common case: an order with three items has three rows, and only
 * the first holds Total (and Financial Status, Paid at…); the other two have a blank Total. Read
 * as they are, those lines would be rejected as 'non-numeric-amount', and the report would claim
 * bad data where there is none.
 *
 * Rule: with an order column and a one-column amount, a row whose amount is blank while another
 * row of the same order has a number is a continuation line: its amount is 0 (the order's total is
 * already on its first line) and it is accepted as a line of that order even under
 * zeroAmounts:'exclude' (`DecodedRows.continuation`); a blank customer or date is taken from that
 * first line. Rows of orders with no amount anywhere keep their 'non-numeric-amount' rejection.
 */
import type { DecodedRows } from './decoded.js';

/**
 * Marks and fills the continuation lines of `rows` in place (see the module comment); returns how many.
 *
 * @example fillContinuationLines(decoded); // 2 (two Shopify line items without a Total)
 */
export function fillContinuationLines(rows: DecodedRows): number {
  const { amount, order } = rows;
  const amountColumn = rows.mapping.amount;
  if (amount === undefined || order === undefined || amountColumn === undefined || amountColumn.includes('*')) return 0;
  const n = rows.length;
  // The first row of each order that has a numeric amount.
  const firstPriced = new Int32Array(order.values.length).fill(-1);
  let blank = 0;
  for (let i = 0; i < n; i++) {
    const o = order.codes[i];
    if (o < 0) continue;
    if (amount[i] === amount[i]) {
      if (firstPriced[o] < 0) firstPriced[o] = i;
    } else blank++;
  }
  if (blank === 0) return 0;
  const continuation = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const o = order.codes[i];
    if (o < 0 || amount[i] === amount[i] || firstPriced[o] < 0) continue;
    const raw = rows.rawValues(i);
    if ((raw[amountColumn] ?? '').trim() !== '') continue; // text that is not a number stays a rejection
    const first = firstPriced[o];
    amount[i] = 0;
    continuation[i] = 1;
    if (rows.customer.codes[i] < 0) rows.customer.codes[i] = rows.customer.codes[first];
    if (rows.dateState[i] === 1) {
      rows.time[i] = rows.time[first];
      rows.dateState[i] = rows.dateState[first];
    }
    count++;
  }
  if (count > 0) rows.continuation = continuation;
  return count;
}
