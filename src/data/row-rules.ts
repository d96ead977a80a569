/**
 * Rules 1–8 of build.ts, row by row: each row gets the first reason that applies, or `accepted`.
 * Rule 9 (the net-order rule) needs the orders, so order-groups.ts and row-orders.ts apply it.
 */
import { HashPairSet, type DecodedRows } from './decoded.js';
import { Reason } from './reasons.js';

export interface RowRuleOptions {
  returns: 'exclude' | 'net';
  zeroAmounts: 'exclude' | 'keep';
  duplicates: 'reject' | 'keep';
  /** Appending: order ids already loaded; rows of these orders get `Reason.duplicateOrder`. */
  knownOrderIds?: ReadonlySet<string>;
}

export interface RowVerdicts {
  /** Reason per row (see reasons.ts); 0 = accepted so far. */
  reason: Uint8Array;
  /** Whether no order id occurs twice among the rows (so each accepted row is an order of its own). */
  ordersDistinct: boolean;
}

const CHAR_C = 67;

/**
 * Whether the codes are 0, 1, 2, … in row order, missing ids (-1) aside: every order id is new
 * where it appears, so none occurs twice. True of a file of unique order ids read by any reader
 * that numbers values by first appearance; one sequential pass, no table.
 */
function codesAllNew(codes: Int32Array, n: number): boolean {
  let next = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c === next) next++;
    else if (c >= 0) return false;
  }
  return true;
}

/**
 * Which rows could repeat an earlier one. Two identical rows have the same order id, so with an
 * order column only rows whose id occurs more than once (or is missing) can: only those are hashed.
 * (A file of unique order ids hashes nothing.) `mayRepeat` is per order code; null = every row.
 */
function duplicateCandidates(rows: DecodedRows, ordersDistinct: boolean): { mayRepeat: Uint8Array | null; candidates: number; ordersDistinct: boolean } {
  const n = rows.length;
  const orderCodes = rows.order?.codes;
  if (orderCodes === undefined) return { mayRepeat: null, candidates: n, ordersDistinct };
  const orderCount = rows.order!.values.length;
  let missing = 0;
  if (ordersDistinct) { // no count needed: only rows without an order id can repeat each other
    for (let i = 0; i < n; i++) if (orderCodes[i] < 0) missing++;
    return { mayRepeat: new Uint8Array(orderCount), candidates: missing, ordersDistinct };
  }
  const count = new Int32Array(orderCount);
  for (let i = 0; i < n; i++) {
    const o = orderCodes[i];
    if (o < 0) missing++;
    else count[o]++;
  }
  const mayRepeat = new Uint8Array(orderCount);
  let candidates = missing;
  for (let o = 0; o < orderCount; o++) {
    if (count[o] > 1) {
      mayRepeat[o] = 1;
      candidates += count[o];
    }
  }
  return { mayRepeat, candidates, ordersDistinct: candidates === missing };
}

/**
 * Applies rules 1–8 to every row.
 *
 * @example
 * const { reason } = applyRowRules(rows, { returns: 'exclude', zeroAmounts: 'exclude', duplicates: 'reject' });
 * // reason[i] === Reason.missingDate when row i has no date
 */
export function applyRowRules(rows: DecodedRows, options: RowRuleOptions): RowVerdicts {
  const n = rows.length;
  const reason = new Uint8Array(n);
  const cust = rows.customer.codes;
  const orderCodes = rows.order?.codes;
  const orderValues = rows.order?.values;
  const amount = rows.amount;
  const net = options.returns === 'net';
  const keepZero = options.zeroAmounts === 'keep';
  let ordersDistinct = orderCodes !== undefined && codesAllNew(orderCodes, n);
  let mayRepeat: Uint8Array | null = null;
  let seen: HashPairSet | null = null;
  if (options.duplicates === 'reject') {
    const found = duplicateCandidates(rows, ordersDistinct);
    mayRepeat = found.mayRepeat;
    ordersDistinct = found.ordersDistinct;
    if (found.candidates > 0) seen = new HashPairSet(found.candidates);
  }
  const hash = new Int32Array(2);
  const { dateState } = rows;
  for (let i = 0; i < n; i++) {
    if (cust[i] < 0) reason[i] = Reason.missingCustomer;
    else if (dateState[i] !== 0) reason[i] = dateState[i] === 1 ? Reason.missingDate : Reason.unparseableDate;
    else if (amount !== undefined && amount[i] !== amount[i]) reason[i] = Reason.nonNumericAmount;
    else if (seen !== null && (mayRepeat === null || orderCodes![i] < 0 || mayRepeat[orderCodes![i]] === 1) &&
      (rows.hashRow(i, hash), seen.add(hash[0], hash[1]))) reason[i] = Reason.duplicateRow;
    else if (amount !== undefined && !net) {
      const v = amount[i];
      if (v < 0) {
        const isCreditNote = orderCodes !== undefined && orderCodes[i] >= 0 && orderValues![orderCodes[i]].charCodeAt(0) === CHAR_C;
        reason[i] = isCreditNote ? Reason.cancellation : Reason.negativeAmount;
      } else if (v === 0 && !keepZero && rows.continuation?.[i] !== 1) reason[i] = Reason.zeroAmount;
    }
  }
  if (options.knownOrderIds !== undefined && orderCodes !== undefined) rejectKnownOrders(reason, orderCodes, orderValues!, options.knownOrderIds);
  return { reason, ordersDistinct };
}

/** Rows still accepted whose order id is in `known` get `Reason.duplicateOrder` (one Set lookup per distinct id). */
function rejectKnownOrders(reason: Uint8Array, orderCodes: Int32Array, orderValues: string[], known: ReadonlySet<string>): void {
  const isKnown = new Uint8Array(orderValues.length);
  let any = false;
  for (let c = 0; c < orderValues.length; c++) {
    if (!known.has(orderValues[c])) continue;
    isKnown[c] = 1;
    any = true;
  }
  if (!any) return;
  for (let i = 0; i < reason.length; i++) {
    const o = orderCodes[i];
    if (reason[i] === Reason.accepted && o >= 0 && isKnown[o] === 1) reason[i] = Reason.duplicateOrder;
  }
}
