/**
 * Row rejection reasons: the code each row carries through the build (a byte per row, 0 = accepted)
 * and the public `RejectionCode` it is reported as. The numbers are the order in which the rules are
 * tried (but 10, which only appending uses and which is tried before 9), so a row gets the first reason that applies (see build.ts for the rules in full).
 */
import type { DecodedRows } from './decoded.js';
import type { RejectionCode } from './types.js';

/** Per-row reason codes as stored in a build's `reason` byte array. */
export const Reason = {
  accepted: 0,
  missingCustomer: 1,
  missingDate: 2,
  unparseableDate: 3,
  nonNumericAmount: 4,
  duplicateRow: 5,
  cancellation: 6,
  negativeAmount: 7,
  zeroAmount: 8,
  nonPositiveOrder: 9,
  /** Appending only: the order id is in the table appended to. Tried after 1–8, before 9. */
  duplicateOrder: 10,
  /**
   * returns:'net' only: a purchase a later credit note of the same customer netted to ≤ 0
   * (order-groups.ts, rule 11). Tried last, after 9.
   */
  cancelled: 11,
} as const;
export type ReasonCode = (typeof Reason)[keyof typeof Reason];

/** The public code of each reason, indexed by its `Reason` number (index 0, accepted, has none). */
const CODE_OF_REASON: readonly (RejectionCode | null)[] = [
  null,
  'missing-customer',
  'missing-date',
  'unparseable-date',
  'non-numeric-amount',
  'duplicate-row',
  'cancellation',
  'negative-amount',
  'zero-amount',
  'non-positive-order',
  'duplicate-order',
  'cancelled',
];

/** Number of reason codes including `accepted`: the size of a per-reason count array. */
export const REASON_COUNT = CODE_OF_REASON.length;

/** The public code of a rejection reason. */
export function rejectionCode(reason: Exclude<ReasonCode, 0>): RejectionCode {
  return CODE_OF_REASON[reason]!;
}

/** The public codes in rule order (the order in which rules are tried). */
export const REASONS: readonly RejectionCode[] = CODE_OF_REASON.slice(1) as RejectionCode[];

/**
 * The net-order rule, shared by every path that forms orders (grouped lines, one-row orders under
 * returns:'net', and the Arrow fast path's proof that no order can fail it): an order whose net
 * total is negative, or zero unless zero amounts are kept, is not a purchase.
 */
export function isNonPositiveTotal(total: number, keepZero: boolean): boolean {
  return total < 0 || (total === 0 && !keepZero);
}

/**
 * Whether a row amount passes every amount rule under any options (returns, zeroAmounts): finite
 * and positive. The Arrow fast path only applies when every amount does.
 */
export function passesAnyAmountRule(amount: number): boolean {
  return amount > 0 && amount < Infinity;
}

/** What happened and how to fix it, for people (the widget shows its own words by `reason`). */
export function reasonMessage(code: RejectionCode, rows: DecodedRows, count: number): string {
  const m = rows.mapping;
  const n = `${count} row${count === 1 ? '' : 's'}`;
  switch (code) {
    case 'missing-customer': return `${n} have no customer id in column "${m.customer}" and were skipped. If another column identifies customers, set customer-field (mapping.customer).`;
    case 'missing-date': return `${n} have no date in column "${m.date}" and were skipped. If the date is in another column, set date-field (mapping.date).`;
    case 'unparseable-date': return `${n} have a date in column "${m.date}" that is not a valid date (use ISO 8601 like 2011-12-09 or 2011-12-09T12:50:00Z, YYYYMMDD, or epoch milliseconds).`;
    case 'non-numeric-amount': return `${n} have an amount in "${m.amount}" that is not a number and were skipped. Check the amount column (amount-field / mapping.amount).`;
    case 'duplicate-row': return `${n} repeat an earlier row exactly (every column) and were skipped as duplicates.`;
    case 'cancellation': return `${n} are cancellations (negative amount, order id starting with "C") and were skipped. Use returns: 'net' to subtract returns from their order.`;
    case 'negative-amount': return `${n} have a negative amount (returns or corrections) and were skipped. Use returns: 'net' to subtract them from their order.`;
    case 'zero-amount': return `${n} have an amount of 0 (free items, corrections) and were skipped. Use zeroAmounts: 'keep' to count them as purchases.`;
    case 'non-positive-order': return `${n} belong to orders whose net total is not positive (fully returned or credit notes) and were skipped.`;
    case 'cancelled': return `${n} belong to orders that a later credit note of the same customer cancelled in full (returns: 'net') and were skipped.`;
    case 'duplicate-order': return `${n} belong to orders whose id in "${m.order}" is loaded already and were skipped (appended orders are new orders).`;
  }
}
