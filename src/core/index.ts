/**
 * `retention-widgets/core`: pure compute over the columnar order table, plus the data loader.
 * No DOM, no globals: runs the same in a page, a Web Worker and Node 20.
 */
export type { OrderTable, Dictionary, OrderLines } from './order-table.js';
export * from './calendar.js';
export * from './customer-summary.js';
export * from './calibration-holdout.js';
export * from './repurchase.js';
export * from './repurchase-customers.js';
export * from './cohort-retention.js';
export * from './cohort-retention-customers.js';
export * from './rfm.js';
export * from './rfm-customers.js';
export * from './rfm-segments.js';
export * from './churn.js';
export * from './churn-customers.js';
export * from './lifecycle.js';
export * from './lifecycle-customers.js';
export * from './bg-nbd.js';
export * from './gamma-gamma.js';
export * from './clv.js';
export * from '../data/index.js';
export * from './filter-orders.js';
export * from './breakdown.js';
export * from './customer-outcome.js';
export * from './segment-rates.js';
export * from './drivers.js';
export { wilsonInterval, twoProportionZTest, holmAdjust, Z_95, type ProportionInterval, type TwoProportionTest } from './kernels/proportions.js';
export * from './pre-aggregated.js';
