/**
 * Pre-aggregated inputs: data computed elsewhere (the warehouse SQL in `sql/`, the CLI's report)
 * that a widget renders without the order log.
 *
 * An OrderTable built from such an input has no order rows (`length` 0) and carries the aggregate
 * in `aggregate`. Analyses that can be answered from the aggregate read it (the widget registry in
 * src/analyses/registry.ts dispatches); the others throw a {@link NeedsOrdersError} that names what
 * is missing, so a widget never shows a number computed from nothing.
 */
import type { CohortMeasure, CohortRetention } from './cohort-retention.js';
import type { CustomerSummary } from './customer-summary.js';
import type { OrderTable } from './order-table.js';

/**
 * One stored widget result of a report: the registry analysis `analysis` run with `params` on the
 * orders the report was made from. Widgets whose parameters match are answered from it.
 */
export interface StoredAnalysis {
  analysis: string;
  params: unknown;
  result: unknown;
}

export type PreAggregated =
  /**
   * One row per customer (the output of sql/duckdb/customer_summary.sql, or customerSummary),
   * summarised in days, with T measured to `summary.endDay`. `monetary` is NaN for every customer
   * when the input had no monetary column (then Gamma-Gamma and CLV cannot be fitted).
   */
  | { kind: 'customer-summary'; summary: CustomerSummary; hasMonetary: boolean; hasRevenue: boolean }
  /** A cohort matrix (sql/duckdb/cohort_matrix.sql): one CohortRetention (mode 'on') per measure given. */
  | { kind: 'cohort-matrix'; matrices: Partial<Record<CohortMeasure, CohortRetention>> }
  /** The CLI's `retention-widgets/report@1` document: its widget results, and its per-customer summary. */
  | { kind: 'report'; format: string; analyses: StoredAnalysis[]; summary: CustomerSummary | null; cohorts: CohortRetention[] };

export type PreAggregatedKind = PreAggregated['kind'];

/** Thrown when an analysis needs order rows (or parameters) that a pre-aggregated input does not hold. */
export class NeedsOrdersError extends Error {
  readonly code: string;
  constructor(code: 'needs-orders' | 'report-params', message: string) {
    super(message);
    this.name = 'NeedsOrdersError';
    this.code = code;
  }
}

const KIND_NAMES: Record<PreAggregatedKind, string> = {
  'customer-summary': 'a per-customer summary',
  'cohort-matrix': 'a cohort matrix',
  report: 'a retention-widgets report',
};

/** How a pre-aggregated kind is called in messages, e.g. "a per-customer summary". */
export function aggregateKindName(kind: PreAggregatedKind): string {
  return KIND_NAMES[kind];
}

/**
 * Whether `orders` holds nothing to analyse: no order rows and no pre-aggregated data.
 * @example if (hasNoData(orders)) return emptyResult();
 */
export function hasNoData(orders: OrderTable): boolean {
  return orders.length === 0 && !orders.aggregate;
}

/**
 * The order rows to find the customers behind a click in, or undefined for pre-aggregated data
 * (a summary or a report has no order rows: such clicks select nothing rather than a wrong list).
 * @example const table = orderRows(this.analysis.orders); if (!table) return;
 */
export function orderRows(orders: OrderTable | undefined): OrderTable | undefined {
  return orders && !orders.aggregate ? orders : undefined;
}

/**
 * Throws a {@link NeedsOrdersError} when `orders` holds a pre-aggregated input: `what` (e.g. "the
 * lifecycle stages") needs the order log itself.
 * @example requireOrderRows(orders, 'the repurchase cycle');
 */
export function requireOrderRows(orders: OrderTable, what: string): void {
  const a = orders.aggregate;
  if (!a) return;
  throw new NeedsOrdersError('needs-orders',
    `${what[0].toUpperCase()}${what.slice(1)} needs the order log (one row per order or order line); the data given is ${aggregateKindName(a.kind)}. ` +
    `Point this widget at the orders, or at a CLI report (retention-widgets report … --out report.json) that includes it.`);
}
