/**
 * The analysis registry: every computation a widget, the compute worker or the CLI runs on an
 * OrderTable, by name, each as one typed record. From these records alone are derived
 * - the worker protocol (`run` and `customers` messages name an entry; worker.ts checks the name),
 * - `AnalysisName`, `AnalysisParams<N>`, `AnalysisResult<N>` and `AnalysisSelection<N>`,
 * - the pre-aggregated path (a CLI report, a customer summary, a cohort matrix: `fromAggregate`),
 * - the CLI report's `analyses` section (`reportCalls`: what each widget computes by default).
 *
 * Records are pure and DOM-free (the worker imports them). `params`, results and selections are
 * structured-clone friendly. Attribute parsing stays in the widgets, so a bad attribute throws in
 * the page with its own error code; records take day numbers.
 *
 * Adding an analysis: one record here (docs/adding-a-widget.md).
 */
import { cohortRetention, type CohortRetentionOptions } from '../core/cohort-retention.js';
import { cohortRetentionCustomers, type CohortCell } from '../core/cohort-retention-customers.js';
import { drivers, type DriversOptions } from '../core/drivers.js';
import { customerCodesOf, filterOrders } from '../core/filter-orders.js';
import type { LifecycleOptions } from '../core/lifecycle.js';
import { lifecycleCustomers, type LifecycleSelection } from '../core/lifecycle-customers.js';
import type { OrderTable } from '../core/order-table.js';
import { repurchase, type RepurchaseOptions } from '../core/repurchase.js';
import { repurchaseCustomers, type RepurchaseSelection } from '../core/repurchase-customers.js';
import { rfmCustomers, type RfmSelection } from '../core/rfm-customers.js';
import { churnAnalysis, type ChurnAnalysisParams } from './churn-analysis.js';
import { churnAnalysisCustomers, type ChurnSelection } from './churn-analysis-customers.js';
import { clvAnalysis, type ClvAnalysisParams } from './clv-analysis.js';
import { clvAnalysisCustomers, type ClvSelection } from './clv-analysis-customers.js';
import { driversAnalysisCustomers, type DriversSelection } from './drivers-customers.js';
import { kpiWindows, type KpiOptions } from './kpi-windows.js';
import { productAffinityAnalysis, productAffinityAnalysisCustomers, type ProductAffinityParams, type ProductAffinitySelection } from './product-affinity-analysis.js';
import { kpiWindowsCustomers, type KpiSelection } from './kpi-windows-customers.js';
import { answerFromAggregate, cohortFromMatrices, rfmFromSummary } from './aggregate-analyses.js';
import { defineAnalysis, type AnalysisRecord, type ReportCallOptions } from './analysis-record.js';
import { sharedLifecycle, sharedRfm } from './shared-analyses.js';
import { breakdownOptionsOf, segmentComparison, type SegmentComparisonParams } from './segment-comparison.js';
import { assignSegments, breakdownCustomers, type BreakdownBy, type SegmentAssign } from '../core/breakdown.js';

/**
 * The filter of `<rw-orders>`: a day range (day numbers, inclusive), optionally a list of customer
 * ids, and optionally one segment of a breakdown (`segment-by`, `segment`). Together they keep the
 * customers in every given set, and their orders in the range.
 */
export interface SourceFilterParams {
  fromDay?: number;
  toDay?: number;
  /** Customer ids kept; null keeps everyone. */
  customers: readonly string[] | null;
  /**
   * The customers of one segment (core `breakdown`'s key, e.g. a channel). Assigned on all loaded
   * orders, before the day range: with `assign: 'first'` a customer's segment is the value on their
   * first order ever, so a date range does not move customers between segments.
   */
  segment?: { by: BreakdownBy; key: string; assign?: SegmentAssign };
}

/** Codes of the customers in segment `key` of `by` (ascending). */
function segmentCodes(orders: OrderTable, segment: NonNullable<SourceFilterParams['segment']>): Int32Array {
  const a = assignSegments(orders, { by: segment.by, assign: segment.assign });
  const s = a.keys.indexOf(segment.key);
  const codes: number[] = [];
  if (s >= 0) for (let c = 0; c < a.segmentOf.length; c++) if (a.segmentOf[c] === s) codes.push(c);
  return Int32Array.from(codes);
}

/** Customer codes kept by the id list and the segment (null: every customer). */
function keptCustomerCodes(orders: OrderTable, params: SourceFilterParams): Int32Array | null {
  const byId = params.customers === null ? null : customerCodesOf(orders, params.customers);
  const bySegment = params.segment ? segmentCodes(orders, params.segment) : null;
  if (!byId || !bySegment) return byId ?? bySegment;
  const inSegment = new Uint8Array(orders.customer.values.length);
  for (const c of bySegment) inSegment[c] = 1;
  return byId.filter((c) => inSegment[c] === 1);
}

/** RFM grid parameters: quantile bins (2–10) and the as-of day (undefined = last order day). */
export interface RfmParams {
  bins: number;
  asOf?: number;
}

/** Periods a widget default is stored for: the report's and the widgets' own default (month). */
const reportPeriods = (o: ReportCallOptions) => [...new Set([o.period, 'month' as const])];
const churnPeriods = (o: ReportCallOptions) => reportPeriods(o).filter((p): p is 'month' | 'week' => p !== 'day');
const reportUnits = (o: ReportCallOptions) => [...new Set([o.unit, 'weeks' as const])];

/**
 * The registry. Add an entry here (and only here) to make a computation available to widgets in
 * both modes, to the pre-aggregated path and to the CLI report.
 * @example ANALYSES.repurchase.run(orders, { period: 'month', withinDays: 90 }).rate
 */
export const ANALYSES = {
  cohortRetention: defineAnalysis({
    describe: 'the cohort matrix',
    run: (orders, params: CohortRetentionOptions) => cohortRetention(orders, params),
    customers: (orders, params, cell: CohortCell) => cohortRetentionCustomers(orders, params, cell),
    fromAggregate: (orders, params, aggregate) =>
      aggregate.kind === 'report' ? cohortFromMatrices(aggregate.cohorts, params, 'report')
        : aggregate.kind === 'cohort-matrix' ? cohortFromMatrices(Object.values(aggregate.matrices), params, 'cohort-matrix')
        : undefined,
  }),
  repurchase: defineAnalysis({
    describe: 'the repurchase analysis',
    run: (orders, params: RepurchaseOptions) => repurchase(orders, params),
    customers: (orders, _params, selection: RepurchaseSelection) => repurchaseCustomers(orders, selection),
    reportCalls: (o) => reportPeriods(o).map((period) => ({ period, withinDays: 30 })),
  }),
  kpiWindows: defineAnalysis({
    describe: 'the KPI comparison of two periods',
    run: (orders, params: KpiOptions) => kpiWindows(orders, params),
    customers: (orders, _params, selection: KpiSelection, result) => kpiWindowsCustomers(orders, result, selection),
    reportCalls: () => [{ windowDays: 90, inactiveDays: 'auto' as const, horizonMonths: 12 }],
  }),
  rfm: defineAnalysis({
    describe: 'the RFM grid',
    run: (orders, params: RfmParams) => sharedRfm(orders, params),
    customers: (_orders, _params, selection: RfmSelection, result) => rfmCustomers(result, selection),
    fromAggregate: (orders, params, aggregate) => (aggregate.kind === 'cohort-matrix' ? undefined : rfmFromSummary(orders, params)),
    reportCalls: () => [{ bins: 5 }],
  }),
  lifecycle: defineAnalysis({
    describe: 'the lifecycle stages',
    run: (orders, params: LifecycleOptions) => sharedLifecycle(orders, params),
    customers: (orders, _params, selection: LifecycleSelection, result) => lifecycleCustomers(orders, result, selection),
    reportCalls: (o) => churnPeriods(o).map((period) => ({ period, inactiveDays: 'auto' as const })),
  }),
  churnAnalysis: defineAnalysis({
    describe: 'churn per period',
    run: (orders, params: ChurnAnalysisParams) => churnAnalysis(orders, params),
    customers: (orders, _params, selection: ChurnSelection, result) => churnAnalysisCustomers(orders, result, selection),
    // Churn status and the at-risk list come from a held customer summary (the per-period rates need orders).
    fromAggregate: (_orders, _params, aggregate, run) => (aggregate.kind === 'cohort-matrix' ? undefined : run()),
    reportCalls: (o) => churnPeriods(o).flatMap((period) => reportUnits(o).map((unit) => ({ period, inactiveDays: 'auto' as const, pAliveBelow: 0.5, unit }))),
  }),
  clvAnalysis: defineAnalysis({
    describe: 'the CLV analysis',
    run: (orders, params: ClvAnalysisParams) => clvAnalysis(orders, params),
    customers: (_orders, _params, selection: ClvSelection, result) => clvAnalysisCustomers(result, selection),
    fromAggregate: (_orders, _params, aggregate, run) => (aggregate.kind === 'cohort-matrix' ? undefined : run()),
    reportCalls: (o) => reportUnits(o).map((unit) => ({ horizon: 12, discountRate: 0.01, unit, limit: 20 })),
  }),
  productAffinity: defineAnalysis({
    describe: 'the products bought together',
    run: (orders, params: ProductAffinityParams) => productAffinityAnalysis(orders, params),
    customers: (orders, _params, selection: ProductAffinitySelection, result) => productAffinityAnalysisCustomers(orders, result, selection),
  }),
  /**
   * A widget's `breakdown="…"`: the segments and the widget's metric(s) per segment with intervals
   * and vs-rest flags (segment-comparison.ts). A click on a segment lists its customers.
   */
  segmentComparison: defineAnalysis({
    describe: 'the segment comparison',
    run: (orders, params: SegmentComparisonParams) => segmentComparison(orders, params),
    customers: (orders, params, selection: { key: string }) => breakdownCustomers(orders, { ...breakdownOptionsOf(params), key: selection.key }),
  }),
  drivers: defineAnalysis({
    describe: 'the drivers of repurchase, churn or high value',
    run: (orders, params: DriversOptions) => drivers(orders, params),
    customers: (orders, params, selection: DriversSelection, result) => driversAnalysisCustomers(orders, params, result, selection),
    // No reportCalls: the tree's leaves hold customer codes, which a CLI report (JSON) would not keep.
  }),
  /**
   * The filter of `<rw-orders>`: returns an OrderTable (the input itself when nothing is filtered out,
   * so per-table caches keep hitting). In the worker, a filtered table stays there under an id.
   */
  filterOrders: defineAnalysis({
    describe: 'a date range, customer or segment filter',
    run: (orders, params: SourceFilterParams): OrderTable => {
      if (params.fromDay === undefined && params.toDay === undefined && params.customers === null && !params.segment) return orders;
      return filterOrders(orders, { fromDay: params.fromDay, toDay: params.toDay, customerCodes: keptCustomerCodes(orders, params) });
    },
  }),
};

type Registry = typeof ANALYSES;
export type AnalysisName = keyof Registry;
export type AnalysisParams<N extends AnalysisName> = Registry[N] extends AnalysisRecord<infer P, unknown, never> ? P : never;
export type AnalysisResult<N extends AnalysisName> = ReturnType<Registry[N]['run']>;
/** What a click on a part of analysis N's result names (`never` when it has no customers behind clicks). */
export type AnalysisSelection<N extends AnalysisName> = Registry[N] extends AnalysisRecord<infer _P, infer _R, infer S> ? S : never;

/** Whether `name` is a registry entry (the worker checks names that arrive in messages). */
export function isAnalysisName(name: unknown): name is AnalysisName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ANALYSES, name);
}

/** The record of `name`, typed loosely for the generic runners below. */
function recordOf(name: AnalysisName): AnalysisRecord<unknown, unknown, unknown> {
  return ANALYSES[name] as unknown as AnalysisRecord<unknown, unknown, unknown>;
}

/**
 * The last result per table and analysis, so that a click asks for the customers of the result
 * on screen without computing it again. One per analysis name: a slider that recomputes churn at
 * every step keeps only the latest, not every step's per-customer arrays.
 */
const lastResults = new WeakMap<OrderTable, Map<string, { key: string; value: unknown }>>();

function remember(orders: OrderTable, name: string, key: string, value: unknown): void {
  let byName = lastResults.get(orders);
  if (!byName) lastResults.set(orders, (byName = new Map()));
  byName.set(name, { key, value });
}

/**
 * Runs registry entry `name` in the calling thread. Pre-aggregated data (a customer summary, a
 * cohort matrix, a CLI report) is answered from what it holds (aggregate-analyses.ts).
 * @example runAnalysisHere(orders, 'rfm', { bins: 5 }).cells
 */
export function runAnalysisHere<N extends AnalysisName>(orders: OrderTable, name: N, params: AnalysisParams<N>): AnalysisResult<N> {
  const record = recordOf(name);
  const run = () => record.run(orders, params);
  const value = orders.aggregate ? answerFromAggregate(orders, name, record, params, run) : run();
  if (record.customers) remember(orders, name, JSON.stringify(params), value);
  return value as AnalysisResult<N>;
}

/**
 * The ids of the customers behind `selection` of analysis `name` with `params` (the parameters of
 * the result on screen), in the calling thread, in customer-code order. The result comes from the
 * run that drew it (computed again only if that is gone). On pre-aggregated data the table holds no
 * order rows, so selections that read orders are empty (docs/pre-aggregated.md); those that read
 * the result (RFM cells, CLV bins, at-risk customers) are answered.
 * @example selectCustomersHere(orders, 'rfm', { bins: 5 }, { r: 5, f: 5 })
 */
export function selectCustomersHere<N extends AnalysisName>(orders: OrderTable, name: N, params: AnalysisParams<N>, selection: AnalysisSelection<N>): string[] {
  const record = recordOf(name);
  if (!record.customers) throw new Error(`retention-widgets: analysis "${name}" has no customers behind a click`);
  const hit = lastResults.get(orders)?.get(name);
  const key = JSON.stringify(params);
  const result = hit && hit.key === key ? hit.value : runAnalysisHere(orders, name, params);
  return record.customers(orders, params, selection, result);
}
