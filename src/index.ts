/**
 * `retention-widgets`: importing this module registers every element.
 */
export * from './core/index.js';
export * from './widgets/orders/index.js';
export * from './widgets/cohort-retention/index.js';
export * from './widgets/repurchase/index.js';
export * from './widgets/kpis/index.js';
export * from './widgets/rfm-grid/index.js';
export * from './widgets/lifecycle/index.js';
export * from './widgets/churn/index.js';
export * from './widgets/clv/index.js';
export * from './widgets/product-affinity/index.js';
export { setComputeMode, setWorkerUrl } from './worker/client.js';
