/** Pure Vega-Lite spec builders (result in, spec out). */
export * from './cohort-heatmap.js';
