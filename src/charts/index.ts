/** Pure Vega-Lite spec builders (result in, spec out). */
export * from './theme.js';
export * from './cohort-heatmap.js';
export * from './repurchase.js';
export * from './rfm-grid.js';
export * from './rfm-grid-contrast.js';
export * from './lifecycle.js';
export * from './churn-rate.js';
export * from './clv.js';
export * from './product-affinity.js';
export * from './drivers.js';
