/**
 * Grouping accepted rows into orders (build.ts's general path): without an order column each
 * accepted row is an order; with one, the accepted rows of an order id form one order whose amount
 * is their sum, whose time is the earliest, and whose customer and attributes are the first row's.
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
    if (amount !== undefined) slotAmount[s] += amount[i];
  }

  const alive = new Uint8Array(slots).fill(1);
  if (options.net && amount !== undefined) {
    for (let s = 0; s < slots; s++) if (isNonPositiveTotal(slotAmount[s], options.keepZero)) alive[s] = 0;
    for (let i = 0; i < n; i++) {
      const s = slotOfRow[i];
      if (s >= 0 && alive[s] === 0) {
        reason[i] = Reason.nonPositiveOrder;
        slotOfRow[i] = -1;
      }
    }
  }
  return { slots, slotOfRow, firstRow, slotTime, slotAmount, alive };
}
