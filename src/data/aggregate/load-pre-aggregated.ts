/**
 * Pre-aggregated inputs → the OrderTable the widgets take: no order rows, the aggregate attached
 * (see src/core/pre-aggregated.ts), the customer dictionary filled so selections can name customers.
 */
import type { OrderTable } from '../../core/order-table.js';
import type { PreAggregated } from '../../core/pre-aggregated.js';
import type { ValidOptions } from '../options.js';
import type { ZoneClock } from '../time-zone.js';
import { LoadError, type LoadReport, type OrdersInput } from '../types.js';
import { cohortMatrixFromTable } from './cohort-matrix-table.js';
import { summaryFromTable } from './customer-summary-table.js';
import { readTable } from './read-table.js';
import { looksLikeReport, reportFromJson } from './report-document.js';

/** The empty OrderTable that carries `aggregate`. */
export function aggregateTable(aggregate: PreAggregated, customerIds: string[], timeZone: string, hasAmount: boolean): OrderTable {
  return {
    length: 0,
    customer: { codes: new Int32Array(0), values: customerIds },
    day: new Int32Array(0),
    amount: new Float64Array(0),
    hasAmount,
    timeZone,
    aggregate,
  };
}

/**
 * A parsed JSON report document → table and report.
 * @example const { orders } = fromReportJson(JSON.parse(text), 'UTC', performance.now());
 */
export function fromReportJson(json: unknown, timeZone: string, startedAt: number): { orders: OrderTable; report: LoadReport } {
  const r = reportFromJson(json, startedAt);
  return { orders: aggregateTable(r.aggregate, r.customerIds, r.timeZone ?? timeZone, r.hasAmount), report: r.report };
}

/**
 * Loads a customer summary or a cohort matrix (options.kind), or a report document (any kind).
 * @example const { orders } = await loadPreAggregated('/summary.csv', opts, clock, performance.now());
 */
export async function loadPreAggregated(input: OrdersInput, opts: ValidOptions, clock: ZoneClock, startedAt: number): Promise<{ orders: OrderTable; report: LoadReport }> {
  const got = await readTable(input, opts);
  opts.signal?.throwIfAborted();
  const timeZone = opts.timeZone ?? 'UTC';
  if ('json' in got) {
    if (looksLikeReport(got.json)) return fromReportJson(got.json, timeZone, startedAt);
    throw new LoadError('not-json-array', `The JSON is not a table: a ${opts.kind} must be an array of objects, one per ${opts.kind === 'cohort-matrix' ? 'cohort cell' : 'customer'}.`);
  }
  const context = { clock, timeZone, startedAt, mapping: opts.mapping };
  if (opts.kind === 'cohort-matrix') {
    const { aggregate, report } = cohortMatrixFromTable(got.table, context);
    return { orders: aggregateTable(aggregate, [], timeZone, aggregate.matrices.revenue !== undefined), report };
  }
  const { aggregate, report } = summaryFromTable(got.table, context);
  return { orders: aggregateTable(aggregate, aggregate.summary.customerId, timeZone, aggregate.hasRevenue), report };
}
