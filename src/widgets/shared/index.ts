/** Plumbing shared by the widget family: data/compute controller, Vega lifecycle, sizing, states, events. */
export * from './analysis-controller.js';
export * from './vega-chart.js';
export * from './resize-controller.js';
export * from './templates.js';
export * from './events.js';
export * from './define.js';
export * from './tooltip.js';
export { themeTokens, widgetStyles } from './styles.js';
export * from './color-scheme-controller.js';
export * from './source-attributes.js';
export * from './linked-source.js';
export * from '../../analyses/shared-results.js';
export * from './analysis-element.js';
export * from './export.js';
