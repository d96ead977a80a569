/**
 * `retention-widgets/core`: pure compute over the columnar order table, plus the data loader.
 * No DOM, no globals: runs the same in a page, a Web Worker and Node 20.
 */
export type { OrderTable, Dictionary, OrderLines } from './order-table.js';
export * from './calendar.js';
