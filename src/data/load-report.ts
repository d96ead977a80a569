/**
 * The LoadReport of a build: counts per reason and the first five examples of each.
 */
import type { DecodedRows } from './decoded.js';
import { REASON_COUNT, reasonMessage, rejectionCode, type ReasonCode } from './reasons.js';
import type { LoadReport, RejectionReason, ResolvedMapping } from './types.js';

const EXAMPLES_PER_REASON = 5;

/**
 * The report of a build from its per-row reasons: reasons with their counts and the first five
 * examples, largest count first (ties in rule order).
 *
 * @example
 * const report = buildReport(rows, reason, orders.length, orders.customer.values.length, startedAt);
 */
export function buildReport(rows: DecodedRows, reason: Uint8Array, orders: number, customers: number, startedAt: number): LoadReport {
  const n = rows.length;
  const counts = new Int32Array(REASON_COUNT);
  const examples: number[][] = Array.from({ length: REASON_COUNT }, () => []);
  for (let i = 0; i < n; i++) {
    const r = reason[i];
    if (r === 0) continue;
    counts[r]++;
    if (examples[r].length < EXAMPLES_PER_REASON) examples[r].push(i);
  }
  const reasons: RejectionReason[] = [];
  for (let r = 1; r < REASON_COUNT; r++) {
    const count = counts[r];
    if (count === 0) continue;
    const code = rejectionCode(r as Exclude<ReasonCode, 0>);
    reasons.push({
      reason: code,
      message: reasonMessage(code, rows, count),
      count,
      examples: examples[r].map((row) => ({ row: row + 1, values: rows.rawValues(row) })),
    });
  }
  reasons.sort((a, b) => b.count - a.count);
  const rowsRejected = reasons.reduce((sum, r) => sum + r.count, 0);
  return {
    rowsRead: n,
    rowsAccepted: n - rowsRejected,
    rowsRejected,
    reasons,
    orders,
    customers,
    format: rows.format,
    mapping: rows.mapping,
    ...(rows.choices ? { columns: rows.choices } : {}),
    ...(rows.dates ? { dates: rows.dates } : {}),
    ms: performance.now() - startedAt,
  };
}

/**
 * The report of a load that accepted every row as an order of its own (the Arrow fast path):
 * what `buildReport` gives when no row has a reason.
 */
export function allAcceptedReport(rowCount: number, customers: number, format: string, mapping: ResolvedMapping, startedAt: number): LoadReport {
  return {
    rowsRead: rowCount,
    rowsAccepted: rowCount,
    rowsRejected: 0,
    reasons: [],
    orders: rowCount,
    customers,
    format,
    mapping,
    ms: performance.now() - startedAt,
  };
}
