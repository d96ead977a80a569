/**
 * build.ts's fast path: every accepted row is an order of its own (no order column, or no order id
 * occurring twice) and there are no invoice lines. Same table and report as the general path with
 * its per-order tables left out: no sort at all when already in day order, and no gathering at all
 * when every row was accepted.
 */
import type { OrderTable } from '../core/order-table.js';
import type { DecodedRows } from './decoded.js';
import { outputDictionary } from './dictionaries.js';
import { isNonDecreasing, stableSortByKey } from './day-sort.js';
import { buildReport } from './load-report.js';
import { orderAttributes } from './order-attributes.js';
import { isNonPositiveTotal, Reason } from './reasons.js';
import type { LoadReport } from './types.js';

const DAY_MS = 86_400_000;

export interface RowOrderOptions {
  timeZone: string;
  net: boolean;
  keepZero: boolean;
  startedAt: number;
}

/**
 * The output when each row is an order: rule 9 applies to each row's own amount; the output is the
 * accepted rows in input order, stably sorted by day.
 *
 * @example
 * const { orders, report } = buildRowOrders(rows, applyRowRules(rows, options).reason, { timeZone: 'UTC', net: false, keepZero: false, startedAt });
 */
export function buildRowOrders(rows: DecodedRows, reason: Uint8Array, options: RowOrderOptions): { orders: OrderTable; report: LoadReport } {
  const n = rows.length;
  const amount = rows.amount;
  const time = rows.time;
  if (options.net && amount !== undefined) {
    for (let i = 0; i < n; i++) {
      if (reason[i] === Reason.accepted && isNonPositiveTotal(amount[i], options.keepZero)) reason[i] = Reason.nonPositiveOrder;
    }
  }
  let kept = 0;
  for (let i = 0; i < n; i++) if (reason[i] === Reason.accepted) kept++;
  // keptRows[k] = input row of the k-th accepted row (null: every row, keptRows[k] = k).
  let keptRows: Int32Array | null = null;
  if (kept < n) {
    keptRows = new Int32Array(kept);
    for (let i = 0, k = 0; i < n; i++) if (reason[i] === Reason.accepted) keptRows[k++] = i;
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
  const customer = outputDictionary(rows.customer, keptRows, kept, perm);
  const orders: OrderTable = {
    length: kept,
    customer,
    day,
    amount: outAmount,
    hasAmount: amount !== undefined,
    ...orderAttributes(rows, (col) => outputDictionary(col, keptRows, kept, perm)),
    timeZone: options.timeZone,
  };
  return { orders, report: buildReport(rows, reason, kept, customer.values.length, options.startedAt) };
}
