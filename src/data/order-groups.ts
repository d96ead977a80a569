/**
 * Grouping accepted rows into orders (build.ts's general path): without an order column each
 * accepted row is an order; with one, the accepted rows of an order id form one order whose amount
 * is their sum, whose time is the earliest, and whose customer and attributes are the first row's.
 *
 * Under returns:'net' two rules follow the grouping:
 *  - rule 9: an order whose net total is not positive is not a purchase ('non-positive-order');
 *  - rule 11, credit notes: an order whose lines are all ≤ 0 with a negative total (Online Retail's
 *    "C…" invoices, a refund row of a log without order ids) cancels purchases of the same customer.
 *    Its amount is subtracted from that customer's most recent purchase on or before the credit
 *    note's day (latest time first, then latest in input order); what exceeds that purchase carries
 *    to the purchase before it, and so on; no purchase goes below zero, and credit left over when the
 *    customer has no earlier purchase is dropped. A purchase netted to ≤ 0 is removed ('cancelled').
 *    Credit notes are applied in time order, so a later one sees what earlier ones left. The day,
 *    not the time, bounds the match because exports often stamp a same-day cancellation before or
 *    after the invoice it reverses by minutes in either direction. A partly reduced order keeps its
 *    lines (products) as they were: only its amount changes.
 */
import type { DecodedRows } from './decoded.js';
import { isNonPositiveTotal, Reason } from './reasons.js';

/** Orders as slots numbered in order of first appearance (input order). */
export interface OrderGroups {
  /** Number of slots (orders before the net-order rule). */
  slots: number;
  /** Slot of each row; -1 for rejected rows. */
  slotOfRow: Int32Array;
  /** Input row of each slot's first line (whose customer and attributes the order takes). */
  firstRow: Int32Array;
  /** Earliest wall ms of each slot. */
  slotTime: Float64Array;
  /** Summed amount of each slot (0 without an amount column). */
  slotAmount: Float64Array;
  /** 1 when the slot is an order of the output, 0 when the net-order rule rejected it. */
  alive: Uint8Array;
}

const DAY_MS = 86_400_000;

/**
 * Groups the accepted rows (`reason[i] === 0`) into order slots, then applies rule 9 under
 * returns:'net' (marking every row of a rejected order with `Reason.nonPositiveOrder` in `reason`).
 *
 * @example
 * const groups = groupOrders(rows, reason, { net: true, keepZero: false });
 */
export function groupOrders(rows: DecodedRows, reason: Uint8Array, options: { net: boolean; keepZero: boolean }): OrderGroups {
  const n = rows.length;
  const orderCodes = rows.order?.codes;
  const amount = rows.amount;
  const time = rows.time;
  const slotOfRow = new Int32Array(n).fill(-1);
  const slotOfOrder = orderCodes ? new Int32Array(rows.order!.values.length).fill(-1) : null;
  const firstRow = new Int32Array(n);
  const slotTime = new Float64Array(n);
  const slotAmount = new Float64Array(n);
  // 1 when some accepted line of the slot is > 0: such a slot is no credit note.
  const hasPositiveLine = new Uint8Array(n);
  let slots = 0;
  for (let i = 0; i < n; i++) {
    if (reason[i] !== Reason.accepted) continue;
    let s = -1;
    if (slotOfOrder !== null) {
      const o = orderCodes![i];
      if (o >= 0) s = slotOfOrder[o];
      if (s < 0) {
        s = slots++;
        if (o >= 0) slotOfOrder[o] = s;
        firstRow[s] = i;
        slotTime[s] = time[i];
      } else if (time[i] < slotTime[s]) slotTime[s] = time[i];
    } else {
      s = slots++;
      firstRow[s] = i;
      slotTime[s] = time[i];
    }
    slotOfRow[i] = s;
    if (amount !== undefined) {
      slotAmount[s] += amount[i];
      if (amount[i] > 0) hasPositiveLine[s] = 1;
    }
  }

  const alive = new Uint8Array(slots).fill(1);
  if (options.net && amount !== undefined) {
    const credits: number[] = [];
    for (let s = 0; s < slots; s++) {
      if (isNonPositiveTotal(slotAmount[s], options.keepZero)) alive[s] = 0;
      if (slotAmount[s] < 0 && hasPositiveLine[s] === 0) credits.push(s);
    }
    const cancelled = credits.length > 0
      ? netCreditNotes(credits, rows.customer.codes, { slots, firstRow, slotTime, slotAmount, alive })
      : null;
    for (let i = 0; i < n; i++) {
      const s = slotOfRow[i];
      if (s >= 0 && alive[s] === 0) {
        reason[i] = cancelled !== null && cancelled[s] === 1 ? Reason.cancelled : Reason.nonPositiveOrder;
        slotOfRow[i] = -1;
      }
    }
  }
  return { slots, slotOfRow, firstRow, slotTime, slotAmount, alive };
}

/**
 * Rule 11 (see the module comment): subtracts each credit note from the same customer's purchases
 * on or before its day, latest first, never below zero; marks purchases netted to ≤ 0 dead.
 * Returns 1 per slot that a credit note cancelled. O(s log s) in the slots, once, only when there
 * are credit notes.
 */
function netCreditNotes(credits: number[], customerOfRow: Int32Array, groups: Pick<OrderGroups, 'slots' | 'firstRow' | 'slotTime' | 'slotAmount' | 'alive'>): Uint8Array {
  const { slots, firstRow, slotTime, slotAmount, alive } = groups;
  const customerOf = (s: number) => customerOfRow[firstRow[s]];
  // Purchases (alive slots) sorted by customer, then time, then input order.
  const purchases: number[] = [];
  for (let s = 0; s < slots; s++) if (alive[s] === 1) purchases.push(s);
  purchases.sort((a, b) => customerOf(a) - customerOf(b) || slotTime[a] - slotTime[b] || a - b);
  // First index in `purchases` of each customer with purchases (a Map: only those customers).
  const start = new Map<number, number>();
  for (let k = purchases.length - 1; k >= 0; k--) start.set(customerOf(purchases[k]), k);
  credits.sort((a, b) => slotTime[a] - slotTime[b] || a - b);
  const cancelled = new Uint8Array(slots);
  for (const c of credits) {
    const customer = customerOf(c);
    const first = start.get(customer);
    if (first === undefined) continue;
    const lastDay = Math.floor(slotTime[c] / DAY_MS);
    // The customer's last purchase on or before the credit note's day.
    let k = first;
    while (k + 1 < purchases.length && customerOf(purchases[k + 1]) === customer && Math.floor(slotTime[purchases[k + 1]] / DAY_MS) <= lastDay) k++;
    if (Math.floor(slotTime[purchases[k]] / DAY_MS) > lastDay) continue;
    let credit = -slotAmount[c];
    for (; k >= first && credit > 0; k--) {
      const p = purchases[k];
      if (slotAmount[p] <= 0) continue; // cancelled already
      const taken = Math.min(credit, slotAmount[p]);
      slotAmount[p] -= taken;
      credit -= taken;
      if (slotAmount[p] <= 0) {
        slotAmount[p] = 0;
        alive[p] = 0;
        cancelled[p] = 1;
      }
    }
  }
  return cancelled;
}
