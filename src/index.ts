/**
 * `retention-widgets`: importing this module registers every element.
 */
export * from './core/index.js';
export * from './widgets/orders/index.js';
export * from './widgets/cohort-retention/index.js';
