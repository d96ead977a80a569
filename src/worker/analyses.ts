/**
 * Every computation a widget runs on an OrderTable, by name: the one registry that runs either in
 * the page (in-thread) or in the shared Web Worker (worker.ts), so both give the same result.
 *
 * Each entry is pure and DOM-free (it may be imported by a worker): `(orders, params) => result`,
 * where `params` and `result` are structured-clone friendly (numbers, strings, typed arrays, plain
 * objects). Attribute parsing (dates as `YYYY-MM-DD`, ranges) stays in the widgets, so a bad
 * attribute throws at once in the page with its own error code; entries take day numbers.
 *
 * Entries reuse per-table results through `sharedResult` (rfm, lifecycle, the BTYD fits inside
 * churn / clv / kpis): in the worker the cache keys on the worker's copy of the table, so six
 * widgets on one `<rw-orders>` still compute the per-customer summary and the BG/NBD fit once.
 */
import { cohortRetention, type CohortRetentionOptions } from '../core/cohort-retention.js';
import { customerCodesOf, filterOrders } from '../core/filter-orders.js';
import { lifecycle, type LifecycleOptions } from '../core/lifecycle.js';
import type { OrderTable } from '../core/order-table.js';
import { repurchase, type RepurchaseOptions } from '../core/repurchase.js';
import { rfm } from '../core/rfm.js';
import { churnAnalysis, type ChurnAnalysisParams } from '../analyses/churn-analysis.js';
import { clvAnalysis, type ClvAnalysisParams } from '../analyses/clv-analysis.js';
import { kpiWindows, type KpiOptions } from '../analyses/kpi-windows.js';
import { sharedResult } from '../analyses/shared-results.js';
import { answerFromAggregate } from '../analyses/aggregate-analyses.js';
import { productAffinityAnalysis, type ProductAffinityParams } from '../analyses/product-affinity-analysis.js';

/** The filter of `<rw-orders>`: a day range (day numbers, inclusive) and optionally a list of customer ids. */
export interface SourceFilterParams {
  fromDay?: number;
  toDay?: number;
  /** Customer ids kept; null keeps everyone. */
  customers: readonly string[] | null;
}

/** RFM grid parameters: quantile bins (2–10) and the as-of day (undefined = last order day). */
export interface RfmParams {
  bins: number;
  asOf?: number;
}

/**
 * The registry. Add an entry here (and only here) to make a computation available to widgets in
 * both modes.
 * @example ANALYSES.repurchase(orders, { period: 'month', withinDays: 90 }).rate
 */
export const ANALYSES = {
  /** Core `cohortRetention` (<rw-cohort-retention>). */
  cohortRetention: (orders: OrderTable, params: CohortRetentionOptions) => cohortRetention(orders, params),
  /** Core `repurchase` (<rw-repurchase>). */
  repurchase: (orders: OrderTable, params: RepurchaseOptions) => repurchase(orders, params),
  /** The six KPIs of two windows (<rw-kpis>); shares the BG/NBD fit with churn and CLV. */
  kpiWindows: (orders: OrderTable, params: KpiOptions) => kpiWindows(orders, params),
  /** Core `rfm` with quantile scores (<rw-rfm-grid>), shared per table and parameters. */
  rfm: (orders: OrderTable, params: RfmParams) =>
    sharedResult(orders, `rfm:quantile:bins=${params.bins}:asOf=${params.asOf ?? 'last'}`, () => rfm(orders, { bins: params.bins, asOf: params.asOf })),
  /** Core `lifecycle` (<rw-lifecycle>), shared per table and parameters. */
  lifecycle: (orders: OrderTable, params: LifecycleOptions) =>
    sharedResult(orders, `lifecycle:${params.period}:inactive=${params.inactiveDays}:asOf=${params.asOf ?? 'last'}`, () => lifecycle(orders, params)),
  /** Churn status, at-risk customers and the BG/NBD fit (<rw-churn>). */
  churnAnalysis: (orders: OrderTable, params: ChurnAnalysisParams) => churnAnalysis(orders, params),
  /** CLV with BG/NBD + Gamma-Gamma and the calibration / holdout check (<rw-clv>). */
  clvAnalysis: (orders: OrderTable, params: ClvAnalysisParams) => clvAnalysis(orders, params),
  /** Pairs bought together, basket sizes and bought-next (<rw-product-affinity>). */
  productAffinity: (orders: OrderTable, params: ProductAffinityParams) => productAffinityAnalysis(orders, params),
  /**
   * The filter of `<rw-orders>`: returns an OrderTable (the input itself when nothing is filtered out,
   * so per-table caches keep hitting). In the worker, a filtered table stays there under an id.
   */
  filterOrders: (orders: OrderTable, params: SourceFilterParams): OrderTable => {
    if (params.fromDay === undefined && params.toDay === undefined && params.customers === null) return orders;
    return filterOrders(orders, {
      fromDay: params.fromDay,
      toDay: params.toDay,
      customerCodes: params.customers === null ? null : customerCodesOf(orders, params.customers),
    });
  },
} satisfies Record<string, (orders: OrderTable, params: never) => unknown>;

export type AnalysisName = keyof typeof ANALYSES;
export type AnalysisParams<N extends AnalysisName> = Parameters<(typeof ANALYSES)[N]>[1];
export type AnalysisResult<N extends AnalysisName> = ReturnType<(typeof ANALYSES)[N]>;

/** Whether `name` is a registry entry (the worker checks names that arrive in messages). */
export function isAnalysisName(name: unknown): name is AnalysisName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ANALYSES, name);
}

/**
 * Runs registry entry `name` in the calling thread.
 * @example runAnalysisHere(orders, 'rfm', { bins: 5 }).cells
 */
export function runAnalysisHere<N extends AnalysisName>(orders: OrderTable, name: N, params: AnalysisParams<N>): AnalysisResult<N> {
  const fn = ANALYSES[name] as (orders: OrderTable, params: AnalysisParams<N>) => AnalysisResult<N>;
  // Pre-aggregated data (a customer summary, a cohort matrix, a CLI report) is answered from what it holds.
  if (orders.aggregate) return answerFromAggregate(orders, name, params, () => fn(orders, params)) as AnalysisResult<N>;
  return fn(orders, params);
}
