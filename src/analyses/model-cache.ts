/**
 * The buy-till-you-die inputs and fits that <rw-clv>, <rw-churn> and <rw-kpis> share, computed once per
 * OrderTable through `sharedResult` (so a page with both widgets on one `<rw-orders>` fits once).
 *
 * Cache keys (other widgets reusing these results must use the same keys and meanings):
 * - `customerSummary:<unit>:asOf=<day>`  customerSummary(orders, { unit, calibrationEnd: day })
 * - `btydInput:<unit>:asOf=<day>`        that summary restricted to customers with T > 0 (below)
 * - `fitBgNbd:<unit>:asOf=<day>`         fitBgNbd on the restricted summary
 * - `fitGammaGamma:<unit>:asOf=<day>`    fitGammaGamma on the restricted summary (repeat value > 0)
 * - `fit:<model>:<unit>:asOf=<day>`      fitPurchaseModel(model, restricted summary), MBG/NBD or Pareto/NBD
 * - `compareModels:<unit>:asOf=<day>`    compareModels(restricted summary)
 *
 * Customers whose first purchase is on the as-of day have T = 0: the BG/NBD likelihood needs T > 0
 * (core's validateRecencyFrequency rejects them), and they carry no information on the purchase
 * process yet, so they are left out of the model input (on CDNOW, where every first purchase is in
 * Q1 1997, nobody is).
 */
import { fitBgNbd, type BgNbdFit } from '../core/bg-nbd.js';
import { customerSummary, type CustomerSummary, type SummaryUnit } from '../core/customer-summary.js';
import { fitGammaGamma, type GammaGammaFit } from '../core/gamma-gamma.js';
import type { OrderTable } from '../core/order-table.js';
import { compareModels, type ModelComparison, type RecommendationReason } from '../core/compare-models.js';
import { fitPurchaseModel, type PurchaseModelFit } from '../core/purchase-models.js';
import { heldSummary, summaryAsOf } from './aggregate-summary.js';
import { sharedResult } from './shared-results.js';

/** A customer summary restricted to rows the models accept (T > 0); `rows[i]` = index into `full`. */
export interface BtydInput extends CustomerSummary {
  /** The unrestricted summary. */
  full: CustomerSummary;
  /** Index into `full` of each row. */
  rows: Int32Array;
}

/** Keeps the summary rows listed in `rows` (typed-array columns copied, ids sliced). */
function restrictSummary(s: CustomerSummary, rows: Int32Array): CustomerSummary {
  const pick32 = (a: Int32Array): Int32Array => {
    const out = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]];
    return out;
  };
  const pick64 = (a: Float64Array): Float64Array => {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]];
    return out;
  };
  const ids = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) ids[i] = s.customerId[rows[i]];
  return {
    length: rows.length,
    unit: s.unit,
    endDay: s.endDay,
    customerCode: pick32(s.customerCode),
    customerId: ids,
    firstDay: pick32(s.firstDay),
    lastDay: pick32(s.lastDay),
    orders: pick32(s.orders),
    purchaseDays: pick32(s.purchaseDays),
    revenue: pick64(s.revenue),
    frequency: pick64(s.frequency),
    recency: pick64(s.recency),
    T: pick64(s.T),
    monetary: pick64(s.monetary),
  };
}

/**
 * The customers with an order on or before `asOf` (a day number), summarised in `unit`, minus
 * those with T = 0. Shared per OrderTable.
 * @example const input = btydInput(orders, 'weeks', orders.day[orders.length - 1]); input.frequency
 */
export function btydInput(orders: OrderTable, unit: SummaryUnit, asOf: number): BtydInput {
  return sharedResult(orders, `btydInput:${unit}:asOf=${asOf}`, () => {
    // A pre-aggregated table holds the summary itself (measured to its end day): re-expressed, not recomputed.
    const held = heldSummary(orders);
    const full = sharedResult(orders, `customerSummary:${unit}:asOf=${asOf}`, () =>
      held ? summaryAsOf(held, unit, asOf) : customerSummary(orders, { unit, calibrationEnd: asOf }));
    return restrictToModelRows(full);
  });
}

/**
 * `summary` without the rows whose T is 0 (first purchase on the end day); the same arrays when
 * there are none.
 * @example restrictToModelRows(customerSummary(orders, { unit: 'weeks' })).rows
 */
export function restrictToModelRows<S extends CustomerSummary>(summary: S): S & BtydInput {
  let keep = 0;
  for (let i = 0; i < summary.length; i++) if (summary.T[i] > 0) keep++;
  const rows = new Int32Array(keep);
  for (let i = 0, j = 0; i < summary.length; i++) if (summary.T[i] > 0) rows[j++] = i;
  const restricted = keep === summary.length ? summary : restrictSummary(summary, rows);
  return { ...summary, ...restricted, full: summary, rows };
}

/**
 * Gamma-Gamma input: customers whose repeat purchases are worth 0 in total (possible with
 * `zero-amounts="keep"`) tell nothing about spend under a Gamma model and are passed as frequency 0
 * (skipped), since the model needs a positive mean value.
 * @example fitGammaGamma(gammaGammaInput(input))
 */
export function gammaGammaInput(s: CustomerSummary): { frequency: Float64Array; monetary: Float64Array } {
  let frequency = s.frequency;
  for (let i = 0; i < s.length; i++) {
    if (s.frequency[i] > 0 && !(s.monetary[i] > 0)) {
      if (frequency === s.frequency) frequency = Float64Array.from(s.frequency);
      frequency[i] = 0;
    }
  }
  return { frequency, monetary: s.monetary };
}

/**
 * BG/NBD fit (Fader, Hardie & Lee 2005) of {@link btydInput}; shared per OrderTable.
 * @example const fit = sharedBgNbdFit(orders, 'weeks', asOf); fit.r
 */
export function sharedBgNbdFit(orders: OrderTable, unit: SummaryUnit, asOf: number): BgNbdFit {
  return sharedResult(orders, `fitBgNbd:${unit}:asOf=${asOf}`, () => fitBgNbd(btydInput(orders, unit, asOf)));
}

/**
 * Gamma-Gamma fit (Fader & Hardie 2013) of {@link btydInput}; shared per OrderTable.
 * @example const gg = sharedGammaGammaFit(orders, 'weeks', asOf); gg.p
 */
export function sharedGammaGammaFit(orders: OrderTable, unit: SummaryUnit, asOf: number): GammaGammaFit {
  return sharedResult(orders, `fitGammaGamma:${unit}:asOf=${asOf}`, () => fitGammaGamma(gammaGammaInput(btydInput(orders, unit, asOf))));
}

/** A purchase model by name, or 'auto': compareModels' recommendation (BIC, with its reason). */
// Spelled out (not 'auto' | PurchaseModelName) so the manifest lists the values an attribute takes.
export type PurchaseModelChoice = 'auto' | 'bg-nbd' | 'mbg-nbd' | 'pareto-nbd';

/** The model a widget uses and why: 'requested' when named, else compareModels' reason. */
export interface ChosenPurchaseModel {
  fit: PurchaseModelFit;
  reason: 'requested' | RecommendationReason;
}

/**
 * compareModels (BG/NBD, MBG/NBD, Pareto/NBD: LL, BIC, holdout error) of {@link btydInput}; shared.
 * @example sharedModelComparison(orders, 'weeks', asOf).recommended
 */
export function sharedModelComparison(orders: OrderTable, unit: SummaryUnit, asOf: number): ModelComparison {
  return sharedResult(orders, `compareModels:${unit}:asOf=${asOf}`, () => compareModels(btydInput(orders, unit, asOf)));
}

/**
 * The purchase model `choice` fitted on {@link btydInput} as of `asOf`; shared per OrderTable, so
 * <rw-churn> and <rw-clv> on one source fit each model once. BG/NBD reuses `sharedBgNbdFit`.
 * @example sharedPurchaseModel(orders, 'weeks', asOf, 'pareto-nbd').fit.model // 'pareto-nbd'
 */
export function sharedPurchaseModel(orders: OrderTable, unit: SummaryUnit, asOf: number, choice: PurchaseModelChoice): ChosenPurchaseModel {
  if (choice === 'bg-nbd') return { fit: { model: 'bg-nbd', ...sharedBgNbdFit(orders, unit, asOf) }, reason: 'requested' };
  if (choice === 'auto') {
    const comparison = sharedModelComparison(orders, unit, asOf);
    return { fit: comparison.rows.find((r) => r.model === comparison.recommended)!.fit!, reason: comparison.reason };
  }
  return { fit: sharedResult(orders, `fit:${choice}:${unit}:asOf=${asOf}`, () => fitPurchaseModel(choice, btydInput(orders, unit, asOf))), reason: 'requested' };
}
