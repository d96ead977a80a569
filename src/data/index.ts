/** The data layer: `loadOrders` and the helpers the UI needs. */
export { loadOrders } from './load-orders.js';
export { appendOrders, mergeOrderTables, type LoadedOrders } from './append-orders.js';
export { detectMapping } from './mapping.js';
export { looksLikeUrl } from './input.js';
export { LoadError } from './types.js';
export type {
  OrdersInput, ColumnMapping, ResolvedMapping, LoadFormat, LoadOptions, LoadProgress, RejectionCode,
  RejectionExample, RejectionReason, LoadReport, InputKind, AggregateRejectionCode,
} from './types.js';
