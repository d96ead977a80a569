/**
 * The shape of one analysis registry record (registry.ts): what a widget, the worker and the CLI
 * need to know of an analysis, declared once.
 */
import type { Period } from '../core/calendar.js';
import type { SummaryUnit } from '../core/customer-summary.js';
import type { OrderTable } from '../core/order-table.js';
import type { PreAggregated } from '../core/pre-aggregated.js';

/** The report options a record's stored widget defaults depend on. */
export interface ReportCallOptions {
  period: Period;
  unit: SummaryUnit;
}

export interface AnalysisRecord<P, R, S> {
  /** What the result is, in words for errors that say what pre-aggregated data lacks ("the RFM grid"). */
  readonly describe: string;
  /** The computation: pure, `(orders, params) → result`, params and result structured-clone friendly. */
  run(orders: OrderTable, params: P): R;
  /**
   * The customers behind a click on part `selection` of `result` (the result of `run` with the same
   * params on the same table, handed in so no record computes it twice), as ids in customer-code order.
   */
  customers?(orders: OrderTable, params: NoInfer<P>, selection: S, result: NoInfer<R>): string[];
  /**
   * The answer on pre-aggregated data (after a CLI report's stored result for the same params was
   * looked up): a result, or undefined when the data cannot answer (then the orders are needed).
   * `run` runs the record on the table as is (for analyses that read the held summary themselves).
   */
  fromAggregate?(orders: OrderTable, params: NoInfer<P>, aggregate: PreAggregated, run: () => NoInfer<R>): NoInfer<R> | undefined;
  /** The params of the widget's default attributes, which the CLI report stores results for. */
  reportCalls?(options: ReportCallOptions): NoInfer<P>[];
}

/**
 * Declares a record with its types inferred from `run` (params, result) and `customers` (selection).
 * @example defineAnalysis({ describe: 'the RFM grid', run: (orders, p: RfmParams) => rfm(orders, p) })
 */
export function defineAnalysis<P, R, S = never>(record: AnalysisRecord<P, R, S>): AnalysisRecord<P, R, S> {
  return record;
}
