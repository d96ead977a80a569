/**
 * Registry entries answered from a pre-aggregated table (see src/core/pre-aggregated.ts):
 * - a CLI report: the result the CLI stored for the same analysis and parameters; a cohort matrix
 *   of the report; else, for RFM and the models, its per-customer summary;
 * - a customer summary: RFM, CLV (BG/NBD + Gamma-Gamma) and churn status with the P(alive) at-risk
 *   list from the summary (churn per period needs the orders);
 * - a cohort matrix: the cohort retention of a measure it holds, mode 'on'.
 * Anything else throws a NeedsOrdersError that says what is missing and how to get it.
 */
import type { CohortRetention, CohortRetentionOptions } from '../core/cohort-retention.js';
import type { OrderTable } from '../core/order-table.js';
import { NeedsOrdersError, requireOrderRows, type PreAggregated } from '../core/pre-aggregated.js';
import { scoreRfm, type Rfm } from '../core/rfm.js';
import { heldSummary, summaryAsOf } from './aggregate-summary.js';

/** JSON text of a value with object keys sorted and undefined members left out: equal params, equal text. */
export function canonicalParams(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = o[k];
    return out;
  });
}

/** RFM scores of the held per-customer summary: recency to `asOf` (default its end day), F = orders, M = revenue. */
export function rfmFromSummary(orders: OrderTable, params: { bins: number; asOf?: number }): Rfm {
  const held = heldSummary(orders);
  if (!held) throw new NeedsOrdersError('needs-orders', 'RFM from a summary needs a per-customer summary (or a CLI report); use core `rfm` on orders.');
  const s = summaryAsOf(held, 'days', params.asOf ?? held.endDay);
  const n = s.length;
  const recencyDays = new Int32Array(n);
  for (let i = 0; i < n; i++) recencyDays[i] = s.endDay - s.lastDay[i];
  return scoreRfm({ asOf: s.endDay, customerCode: s.customerCode, customerId: s.customerId, recencyDays, frequency: s.orders, monetary: s.revenue }, { bins: params.bins });
}

function cohortFrom(matrices: readonly CohortRetention[], params: CohortRetentionOptions, kind: PreAggregated['kind']): CohortRetention {
  const found = matrices.find((m) => m.period === (params.period ?? 'month') && m.measure === (params.measure ?? 'customers') && m.mode === (params.mode ?? 'on'));
  if (found) return found;
  const held = matrices.map((m) => `${m.measure} by ${m.period}`).join(', ') || 'none';
  throw new NeedsOrdersError('report-params',
    `This ${kind === 'report' ? 'report' : 'cohort matrix'} holds cohorts of ${held} (mode 'on'); ${params.measure ?? 'customers'} by ${params.period ?? 'month'}${params.mode === 'on-or-after' ? ' (on or after)' : ''} needs ` +
    (kind === 'report' ? 'a report made with that --period, or the orders.' : 'a matrix of that measure and period, or the orders.'));
}

function storedResult(a: Extract<PreAggregated, { kind: 'report' }>, name: string, params: unknown): unknown {
  const key = canonicalParams(params);
  return a.analyses.find((s) => s.analysis === name && canonicalParams(s.params) === key)?.result;
}

const WHAT: Record<string, string> = {
  cohortRetention: 'the cohort matrix',
  repurchase: 'the repurchase analysis',
  kpiWindows: 'the KPI comparison of two periods',
  rfm: 'the RFM grid',
  lifecycle: 'the lifecycle stages',
  churnAnalysis: 'churn per period',
  clvAnalysis: 'the CLV analysis',
  productAffinity: 'the products bought together',
  filterOrders: 'a date range or customer filter',
};

/**
 * Answers registry entry `name` from `orders.aggregate`; `fromOrders` runs the entry as it would on
 * orders, for analyses that read the held summary through the shared model cache (CLV).
 * @example answerFromAggregate(orders, 'rfm', { bins: 5 }, () => ANALYSES.rfm(orders, params))
 */
export function answerFromAggregate(orders: OrderTable, name: string, params: unknown, fromOrders: () => unknown): unknown {
  const a = orders.aggregate!;
  if (name === 'filterOrders') {
    const p = params as { fromDay?: number; toDay?: number; customers: readonly string[] | null };
    if (p.fromDay === undefined && p.toDay === undefined && p.customers === null) return orders;
    return requireOrderRows(orders, WHAT.filterOrders);
  }
  if (a.kind === 'report') {
    const stored = storedResult(a, name, params);
    if (stored !== undefined) return stored;
    if (name === 'cohortRetention') return cohortFrom(a.cohorts, params as CohortRetentionOptions, 'report');
    if (name === 'rfm') return rfmFromSummary(orders, params as { bins: number; asOf?: number });
    if (name === 'clvAnalysis' || name === 'churnAnalysis') return fromOrders();
    throw new NeedsOrdersError('report-params',
      `This report holds ${WHAT[name] ?? name} for other settings (${a.analyses.filter((s) => s.analysis === name).map((s) => canonicalParams(s.params)).join('; ') || 'none'}). ` +
      'Use the widget with its default attributes (and the period of the report), write the report with matching options, or give the widget the orders.');
  }
  if (a.kind === 'cohort-matrix' && name === 'cohortRetention') return cohortFrom(Object.values(a.matrices), params as CohortRetentionOptions, a.kind);
  if (a.kind === 'customer-summary') {
    if (name === 'rfm') return rfmFromSummary(orders, params as { bins: number; asOf?: number });
    if (name === 'clvAnalysis' || name === 'churnAnalysis') return fromOrders();
  }
  return requireOrderRows(orders, WHAT[name] ?? name);
}
