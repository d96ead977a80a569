/**
 * `retention-widgets`: importing this module registers every element.
 */
export * from './core/index.js';
