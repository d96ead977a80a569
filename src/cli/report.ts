/**
 * Every analysis of an order table in one plain object, the `retention-widgets/report@1` document
 * the CLI writes. Pure (no Node, no I/O): the same function can run in a job, a worker or a test.
 *
 * How the sections are computed (so a widget given the document shows what it would have computed):
 * - With `asOf`, every analysis sees only the orders on or before that day; recency and T are
 *   measured to it. Without it, asOf is the last order day.
 * - `cohorts`: cohortRetention by `period`, mode 'on', measures 'customers' and 'revenue'.
 * - `customerSummary`: customerSummary in `unit`, calibration end = asOf.
 * - `models.bgNbd`: fitBgNbd on the customers with T > 0 (a customer whose first purchase is on the
 *   asOf day has been observed for no time and adds nothing to the likelihood); `models.gammaGamma`:
 *   fitGammaGamma on the same customers (it uses those with repeat purchases of positive mean value;
 *   the others count as `skipped`); `models.clv`: clv
 *   over `horizonMonths` months at `discountRatePerMonth`, one value per fitted customer
 *   (`models.customerCode` says which). A model that cannot be fitted is `{ error }`.
 * Customer codes (`customerCode`, `churnedCodes`, …) index `customerIds`.
 */
import { isoDate, type Period } from '../core/calendar.js';
import type { OrderTable } from '../core/order-table.js';
import { customerSummary, type CustomerSummary } from '../core/customer-summary.js';
import { repurchase, type Repurchase } from '../core/repurchase.js';
import { cohortRetention, type CohortRetention } from '../core/cohort-retention.js';
import { rfm, type Rfm } from '../core/rfm.js';
import { churn, type Churn } from '../core/churn.js';
import { lifecycle, type Lifecycle } from '../core/lifecycle.js';
import { fitBgNbd, type BgNbdFit } from '../core/bg-nbd.js';
import { fitGammaGamma, type GammaGammaFit } from '../core/gamma-gamma.js';
import { clv, type ClvResult } from '../core/clv.js';
import { productAffinity, type ProductAffinity } from '../core/product-affinity.js';
import { basketStats, type BasketStats } from '../core/basket-stats.js';
import type { LoadReport } from '../data/types.js';
import type { StoredAnalysis } from '../core/pre-aggregated.js';
import { encodeTyped } from '../data/aggregate/typed-json.js';
import { REPORT_FORMAT } from '../data/aggregate/report-document.js';
import { ANALYSES, runAnalysisHere, type AnalysisName } from '../analyses/registry.js';

export interface ReportOptions {
  /** Last day (day number) analysed; default: the last order day. */
  asOf?: number;
  period: Period;
  unit: 'days' | 'weeks';
  inactiveDays: number | 'auto';
  horizonMonths: number;
  discountRatePerMonth: number;
}

/** A section that could not be computed, with the reason. */
export interface SectionError {
  error: string;
}

export interface ReportSummary {
  customers: number;
  orders: number;
  /** Sum of order amounts (0 without an amount column). */
  revenue: number;
  hasAmount: boolean;
  /** ISO dates of the first and last order analysed and of the as-of day. */
  firstDate: string | null;
  lastDate: string | null;
  asOfDate: string | null;
  firstDay: number | null;
  lastDay: number | null;
  asOf: number | null;
  timeZone: string;
}

export interface ReportModels {
  /** Customers fitted (T > 0) as codes into `customerIds`, in summary order. */
  customerCode: Int32Array;
  /** Customers left out because their first purchase is on the as-of day (T = 0). */
  excludedCustomers: number;
  bgNbd: BgNbdFit | SectionError;
  gammaGamma: GammaGammaFit | SectionError;
  clv: (ClvResult & { horizonMonths: number; discountRatePerMonth: number }) | SectionError;
}

/** The JSON document (before serialisation: typed arrays become plain arrays, NaN becomes null). */
export interface RetentionReport {
  format: typeof REPORT_FORMAT;
  /** Options of the analyses (the CLI adds the input and loading options). */
  options: ReportOptions & Record<string, unknown>;
  load: LoadReport | null;
  /** Customer ids by code. */
  customerIds: string[];
  summary: ReportSummary;
  repurchase: Repurchase;
  cohorts: { customers: CohortRetention; revenue: CohortRetention };
  rfm: Rfm | SectionError;
  churn: Churn | SectionError;
  lifecycle: Lifecycle | SectionError;
  customerSummary: CustomerSummary;
  models: ReportModels;
  /**
   * Products bought together (core `productAffinity` with its defaults: min 2 orders, top 100 pairs)
   * and basket sizes, when the orders have product lines.
   */
  affinity?: { pairs: ProductAffinity; basket: BasketStats };
  /**
   * What each widget computes with its default attributes (and the report's period and unit), as
   * the widget registry returns it, typed arrays tagged (data/aggregate/typed-json.ts): a widget
   * given this document as `src` shows these results without the orders.
   */
  analyses: StoredAnalysis[];
}

/**
 * The registry calls of the widgets with default attributes, for the report's period and unit and
 * for the widgets' own defaults (month, weeks) when those differ: each record's `reportCalls`.
 */
export function widgetDefaultCalls(options: Pick<ReportOptions, 'period' | 'unit'>): { analysis: AnalysisName; params: unknown }[] {
  return (Object.keys(ANALYSES) as AnalysisName[]).flatMap((analysis) => {
    const record = ANALYSES[analysis] as { reportCalls?: (o: typeof options) => unknown[] };
    return (record.reportCalls?.(options) ?? []).map((params) => ({ analysis, params }));
  });
}

/** Runs the widget calls on `orders`; a call that fails is left out (the widget then says why itself). */
function storedAnalyses(orders: OrderTable, options: ReportOptions): StoredAnalysis[] {
  const out: StoredAnalysis[] = [];
  for (const call of widgetDefaultCalls(options)) {
    let result: unknown;
    try {
      result = runAnalysisHere(orders, call.analysis, call.params as never);
    } catch {
      continue;
    }
    out.push({ analysis: call.analysis, params: call.params, result: encodeTyped(result) });
  }
  return out;
}

function attempt<T>(compute: () => T): T | SectionError {
  try {
    return compute();
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The summary columns of the customers with T > 0, the rows the models can describe. */
function fittable(s: CustomerSummary): { rows: Int32Array; frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array } {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.T[i] > 0) n++;
  const rows = new Int32Array(n);
  for (let i = 0, j = 0; i < s.length; i++) if (s.T[i] > 0) rows[j++] = i;
  const pick = (col: Float64Array) => Float64Array.from(rows, (i) => col[i]);
  return { rows, frequency: pick(s.frequency), recency: pick(s.recency), T: pick(s.T), monetary: pick(s.monetary) };
}

/** Fits BG/NBD, Gamma-Gamma and the CLV on a customer summary (see the module comment). */
export function fitModels(summary: CustomerSummary, options: Pick<ReportOptions, 'horizonMonths' | 'discountRatePerMonth'>, hasAmount: boolean): ReportModels {
  const f = fittable(summary);
  const input = { frequency: f.frequency, recency: f.recency, T: f.T, monetary: f.monetary, unit: summary.unit };
  const bgNbd = attempt(() => fitBgNbd(input));
  // Gamma-Gamma describes positive spend: repeat buyers whose repeat days are worth 0 in total
  // (possible with zeroAmounts: 'keep') are left out of its fit (counted in its `skipped`).
  const spendFrequency = Float64Array.from(f.frequency, (x, i) => (f.monetary[i] > 0 ? x : 0));
  const gammaGamma = hasAmount
    ? attempt(() => fitGammaGamma({ frequency: spendFrequency, monetary: f.monetary }))
    : { error: 'no amount column: Gamma-Gamma needs order values' };
  let value: ReportModels['clv'];
  if ('error' in bgNbd) value = { error: `needs BG/NBD (${bgNbd.error})` };
  else if ('error' in gammaGamma) value = { error: `needs Gamma-Gamma (${gammaGamma.error})` };
  else {
    const { horizonMonths, discountRatePerMonth } = options;
    value = attempt(() => ({
      ...clv(bgNbd, gammaGamma, input, { horizon: horizonMonths, horizonUnit: 'months', discountRatePerPeriod: discountRatePerMonth }),
      horizonMonths,
      discountRatePerMonth,
    }));
  }
  return {
    customerCode: Int32Array.from(f.rows, (i) => summary.customerCode[i]),
    excludedCustomers: summary.length - f.rows.length,
    bgNbd,
    gammaGamma,
    clv: value,
  };
}

/**
 * Every analysis of `orders` (already cut at `options.asOf` with `filterOrders`) in one document.
 * @example
 * const { orders, report } = await loadOrders(bytes);
 * const doc = buildReport(orders, report, { period: 'month', unit: 'weeks', inactiveDays: 'auto', horizonMonths: 12, discountRatePerMonth: 0.01 });
 * JSON.stringify(doc, reportReplacer);
 */
export function buildReport(orders: OrderTable, load: LoadReport | null, options: ReportOptions): RetentionReport {
  const { period, unit, inactiveDays } = options;
  const n = orders.length;
  const asOf = options.asOf ?? (n ? orders.day[n - 1] : undefined);
  let revenue = 0;
  for (let i = 0; i < n; i++) revenue += orders.amount[i];
  const summaryOfCustomers = customerSummary(orders, { unit, calibrationEnd: asOf });
  const customers = summaryOfCustomers.length; // every customer of the (cut) table has an order by asOf
  return {
    format: REPORT_FORMAT,
    options: { ...options, asOf },
    load,
    customerIds: orders.customer.values,
    summary: {
      customers,
      orders: n,
      revenue,
      hasAmount: orders.hasAmount,
      firstDate: n ? isoDate(orders.day[0]) : null,
      lastDate: n ? isoDate(orders.day[n - 1]) : null,
      asOfDate: asOf === undefined ? null : isoDate(asOf),
      firstDay: n ? orders.day[0] : null,
      lastDay: n ? orders.day[n - 1] : null,
      asOf: asOf ?? null,
      timeZone: orders.timeZone,
    },
    repurchase: repurchase(orders, { period }),
    cohorts: {
      customers: cohortRetention(orders, { period, measure: 'customers', mode: 'on' }),
      revenue: cohortRetention(orders, { period, measure: 'revenue', mode: 'on' }),
    },
    rfm: attempt(() => rfm(orders, { asOf })),
    churn: attempt(() => churn(orders, { asOf, inactiveDays, period })),
    lifecycle: attempt(() => lifecycle(orders, { asOf, inactiveDays, period })),
    customerSummary: summaryOfCustomers,
    models: fitModels(summaryOfCustomers, options, orders.hasAmount),
    ...(orders.lines?.product ? { affinity: { pairs: productAffinity(orders), basket: basketStats(orders) } } : {}),
    analyses: storedAnalyses(orders, options),
  };
}

/**
 * JSON.stringify replacer for a report: typed arrays → plain arrays (NaN → null as usual).
 * @example JSON.stringify(report, reportReplacer)
 */
export function reportReplacer(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value;
}
