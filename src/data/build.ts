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
 * 10. duplicate-order    (appending only: the order id is loaded already; tried after 8, before 9)
 *  9. non-positive-order (returns:'net' only: the order's net total is < 0, or 0 without
 *                         zeroAmounts:'keep'; all its rows are rejected)
 * 11. cancelled          (returns:'net' only: a purchase that later credit notes of the same
 *                         customer netted to ≤ 0; see order-groups.ts for the matching rule)
 * With returns:'net' negative and zero rows are accepted and summed into their order. Credit notes
 * with their own order id (Online Retail's "C…" invoices) are orders of their own, so they end as
 * 'non-positive-order'; their amount is first subtracted from the customer's most recent purchases
 * on or before their day, which end as 'cancelled' when nothing is left of them.
 *
 * Orders: without an order column each accepted row is an order. With one, the accepted rows of an
 * order id form one order: amount = sum, day = day of the earliest timestamp, customer, channel and
 * region = those of the first row (in input order). Output rows are sorted by day with a stable
 * counting sort; dictionaries hold only values that occur in the output, in order of first appearance.
 *
 * By concern: reasons.ts (the reason codes, their messages and the net-order rule), row-rules.ts
 * (rules 1–8), order-groups.ts (orders of lines and rule 9), row-orders.ts (the fast path when each
 * row is an order), invoice-lines.ts, dictionaries.ts, day-sort.ts and load-report.ts. This file
 * only puts them together; arrow-fast.ts reuses the same rules and sort.
 */
import type { OrderLines, OrderTable } from '../core/order-table.js';
import type { DecodedRows, IdColumn } from './decoded.js';
import { outputDictionary } from './dictionaries.js';
import { stableSortByKey } from './day-sort.js';
import { invoiceLines } from './invoice-lines.js';
import { buildReport } from './load-report.js';
import { orderAttributes } from './order-attributes.js';
import { groupOrders } from './order-groups.js';
import { buildRowOrders } from './row-orders.js';
import { applyRowRules } from './row-rules.js';
import type { LoadReport } from './types.js';

export { REASONS } from './reasons.js';

const DAY_MS = 86_400_000;

export interface BuildOptions {
  timeZone: string;
  returns: 'exclude' | 'net';
  zeroAmounts: 'exclude' | 'keep';
  duplicates: 'reject' | 'keep';
  startedAt: number;
  /** Appending: order ids already loaded (see row-rules.ts). */
  knownOrderIds?: ReadonlySet<string>;
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

/** Whether some accepted row has a negative amount (a possible credit note). */
function hasNegativeAccepted(rows: DecodedRows, reason: Uint8Array): boolean {
  const amount = rows.amount;
  if (amount === undefined) return false;
  for (let i = 0; i < rows.length; i++) if (reason[i] === 0 && amount[i] < 0) return true;
  return false;
}

function build(rows: DecodedRows, options: BuildOptions, fastPaths: boolean): { orders: OrderTable; report: LoadReport } {
  const net = options.returns === 'net';
  const keepZero = options.zeroAmounts === 'keep';
  const { reason, ordersDistinct } = applyRowRules(rows, options);
  const hasLines = rows.product !== undefined || rows.category !== undefined;
  // Credit notes cancel other orders (rule 11), which only the general path applies.
  if (fastPaths && (ordersDistinct || rows.order === undefined) && !hasLines && !(net && hasNegativeAccepted(rows, reason))) {
    return buildRowOrders(rows, reason, { timeZone: options.timeZone, net, keepZero, startedAt: options.startedAt });
  }

  const groups = groupOrders(rows, reason, { net, keepZero });
  const { slots, firstRow, slotTime, slotAmount, alive } = groups;

  // Stable sort of the surviving slots by day.
  let kept = 0;
  const keptSlots = new Int32Array(slots);
  for (let s = 0; s < slots; s++) if (alive[s] === 1) keptSlots[kept++] = s;
  const days = new Int32Array(kept);
  for (let k = 0; k < kept; k++) days[k] = Math.floor(slotTime[keptSlots[k]] / DAY_MS);
  const perm = stableSortByKey(days, kept);
  const outOfSlot = new Int32Array(slots).fill(-1);
  const day = new Int32Array(kept);
  const outAmount = new Float64Array(kept);
  let identityOrder = true;
  for (let p = 0; p < kept; p++) {
    const s = keptSlots[perm[p]];
    outOfSlot[s] = p;
    day[p] = days[perm[p]];
    outAmount[p] = slotAmount[s];
    if (perm[p] !== p) identityOrder = false;
  }

  // Dictionaries: codes in order of first appearance in the input (slot creation order), read
  // from each order's first line.
  const firstRowOfKept = new Int32Array(kept);
  for (let k = 0; k < kept; k++) firstRowOfKept[k] = firstRow[keptSlots[k]];
  const dictionary = (col: IdColumn) => outputDictionary(col, firstRowOfKept, kept, identityOrder ? null : perm);
  const customer = dictionary(rows.customer);
  let lines: OrderLines | undefined;
  if (hasLines) lines = invoiceLines(rows, reason, (i) => outOfSlot[groups.slotOfRow[i]]);

  const orders: OrderTable = {
    length: kept,
    customer,
    day,
    amount: outAmount,
    hasAmount: rows.amount !== undefined,
    ...orderAttributes(rows, dictionary),
    ...(lines ? { lines } : {}),
    timeZone: options.timeZone,
  };
  return { orders, report: buildReport(rows, reason, kept, customer.values.length, options.startedAt) };
}

