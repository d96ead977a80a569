/**
 * The per-customer summary held by a pre-aggregated table (a customer summary input, or the
 * `customerSummary` section of a CLI report), re-expressed for a model unit and an as-of day, so
 * the BTYD models, RFM and CLV run from it exactly as they run from `customerSummary(orders)`.
 */
import type { CustomerSummary, SummaryUnit } from '../core/customer-summary.js';
import type { OrderTable } from '../core/order-table.js';
import { NeedsOrdersError } from '../core/pre-aggregated.js';

/** The summary a pre-aggregated table holds, or undefined (order tables, cohort matrices). */
export function heldSummary(orders: OrderTable): CustomerSummary | undefined {
  const a = orders.aggregate;
  if (a?.kind === 'customer-summary') return a.summary;
  if (a?.kind === 'report') return a.summary ?? undefined;
  return undefined;
}

/** Whether the held summary has a monetary column (a report always has one when it had amounts). */
export function heldSummaryHasMonetary(orders: OrderTable): boolean {
  const a = orders.aggregate;
  return a?.kind === 'customer-summary' ? a.hasMonetary : orders.hasAmount;
}

/**
 * The held summary with recency and T in `unit` and T measured to `asOf` (default: its end day).
 * An as-of day before the latest last purchase would need the orders before it: refused.
 * @example const s = summaryAsOf(orders, heldSummary(orders)!, 'weeks'); s.T[0]
 */
export function summaryAsOf(summary: CustomerSummary, unit: SummaryUnit, asOf = summary.endDay): CustomerSummary {
  const n = summary.length;
  let maxLast = -Infinity;
  for (let i = 0; i < n; i++) if (summary.lastDay[i] > maxLast) maxLast = summary.lastDay[i];
  if (asOf < maxLast) {
    throw new NeedsOrdersError('needs-orders', 'An as-of day before the last purchase in a customer summary needs the order log (the summary cannot be cut at an earlier day).');
  }
  if (unit === summary.unit && asOf === summary.endDay) return summary;
  const per = unit === 'weeks' ? 7 : 1;
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    recency[i] = (summary.lastDay[i] - summary.firstDay[i]) / per;
    T[i] = (asOf - summary.firstDay[i]) / per;
  }
  return { ...summary, unit, endDay: asOf, recency, T };
}
