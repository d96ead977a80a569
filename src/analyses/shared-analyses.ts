/**
 * Per-table shared results of analyses that more than one registry record reads (the RFM grid and
 * the lifecycle stages, also read by the segment comparison), so a dashboard computes each once
 * per order table and parameters (shared-results.ts).
 */
import { lifecycle, type LifecycleOptions } from '../core/lifecycle.js';
import type { OrderTable } from '../core/order-table.js';
import { rfm } from '../core/rfm.js';
import { sharedResult } from './shared-results.js';

/**
 * Quantile RFM scores with `bins` levels at `asOf` (undefined = last order day), computed once per table.
 * @example sharedRfm(orders, { bins: 5 }).segments[0].customers
 */
export const sharedRfm = (orders: OrderTable, params: { bins: number; asOf?: number }) =>
  sharedResult(orders, `rfm:quantile:bins=${params.bins}:asOf=${params.asOf ?? 'last'}`, () => rfm(orders, { bins: params.bins, asOf: params.asOf }));

/**
 * Lifecycle stages with these options, computed once per table.
 * @example sharedLifecycle(orders, { period: 'month', inactiveDays: 'auto' }).stage
 */
export const sharedLifecycle = (orders: OrderTable, params: LifecycleOptions) =>
  sharedResult(orders, `lifecycle:${params.period}:inactive=${params.inactiveDays}:asOf=${params.asOf ?? 'last'}`, () => lifecycle(orders, params));
