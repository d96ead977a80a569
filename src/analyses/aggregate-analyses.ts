/**
 * Registry entries answered from a pre-aggregated table (see src/core/pre-aggregated.ts):
 * - a CLI report: the result the CLI stored for the same analysis and parameters; else the record's
 *   own `fromAggregate` (a cohort matrix of the report; RFM and the models from its per-customer summary);
 * - a customer summary or a cohort matrix: the record's `fromAggregate` (registry.ts says which
 *   analyses read which).
 * Anything else throws a NeedsOrdersError that says what is missing and how to get it.
 */
import { DEFAULT_PERIOD } from '../core/calendar.js';
import type { CohortRetention, CohortRetentionOptions } from '../core/cohort-retention.js';
import type { AnalysisRecord } from './analysis-record.js';
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

/**
 * The cohort matrix of `params` among those held (a report's, or a cohort-matrix input's), or a
 * `report-params` error naming what is held.
 */
export function cohortFromMatrices(matrices: readonly CohortRetention[], params: CohortRetentionOptions, kind: PreAggregated['kind']): CohortRetention {
  const found = matrices.find((m) => m.period === (params.period ?? DEFAULT_PERIOD) && m.measure === (params.measure ?? 'customers') && m.mode === (params.mode ?? 'on'));
  if (found) return found;
  const held = matrices.map((m) => `${m.measure} by ${m.period}`).join(', ') || 'none';
  throw new NeedsOrdersError('report-params',
    `This ${kind === 'report' ? 'report' : 'cohort matrix'} holds cohorts of ${held} (mode 'on'); ${params.measure ?? 'customers'} by ${params.period ?? DEFAULT_PERIOD}${params.mode === 'on-or-after' ? ' (on or after)' : ''} needs ` +
    (kind === 'report' ? 'a report made with that --period, or the orders.' : 'a matrix of that measure and period, or the orders.'));
}

function storedResult(a: Extract<PreAggregated, { kind: 'report' }>, name: string, params: unknown): unknown {
  const key = canonicalParams(params);
  return a.analyses.find((s) => s.analysis === name && canonicalParams(s.params) === key)?.result;
}

/**
 * Answers registry entry `name` (its `record`) from `orders.aggregate`; `run` runs the record as it
 * would on orders, for analyses that read the held summary through the shared model cache (CLV).
 * @example answerFromAggregate(orders, 'rfm', ANALYSES.rfm, { bins: 5 }, () => ANALYSES.rfm.run(orders, params))
 */
export function answerFromAggregate<P, R>(orders: OrderTable, name: string, record: AnalysisRecord<P, R, unknown>, params: P, run: () => R): R {
  const a = orders.aggregate!;
  if (name === 'filterOrders') {
    const p = params as { fromDay?: number; toDay?: number; customers: readonly string[] | null };
    if (p.fromDay === undefined && p.toDay === undefined && p.customers === null) return orders as R;
    requireOrderRows(orders, record.describe);
    return run();
  }
  if (a.kind === 'report') {
    const stored = storedResult(a, name, params);
    if (stored !== undefined) return stored as R;
  }
  const answered = record.fromAggregate?.(orders, params, a, run);
  if (answered !== undefined) return answered;
  if (a.kind === 'report') {
    throw new NeedsOrdersError('report-params',
      `This report holds ${record.describe} for other settings (${a.analyses.filter((s) => s.analysis === name).map((s) => canonicalParams(s.params)).join('; ') || 'none'}). ` +
      'Use the widget with its default attributes (and the period of the report), write the report with matching options, or give the widget the orders.');
  }
  requireOrderRows(orders, record.describe);
  return run();
}
