/**
 * What `<rw-product-affinity>` shows, in one registry call: the top pairs with a lift matrix of the
 * most-ordered items, the basket sizes that put lift in context, and the next-purchase view of one
 * item (core `productAffinity`, `basketStats`, `nextPurchase`).
 */
import { basketStats, type BasketStats } from '../core/basket-stats.js';
import { nextPurchase, type NextPurchase } from '../core/next-purchase.js';
import type { OrderTable } from '../core/order-table.js';
import { productAffinity, type ItemKind, type ProductAffinity } from '../core/product-affinity.js';

export interface ProductAffinityParams {
  by: ItemKind;
  minOrders: number;
  top: number;
  /** Items in the lift heatmap. */
  matrixItems: number;
  maxItemsPerOrder?: number;
  /** Item of the next-purchase view; default the first item of the top pair. */
  after?: string;
  withinDays?: number;
}

export interface ProductAffinityAnalysis {
  affinity: ProductAffinity;
  basket: BasketStats;
  /** Absent when there is no item to follow (no pairs and no `after`). */
  next?: NextPurchase;
}

/**
 * @example productAffinityAnalysis(orders, { by: 'product', minOrders: 2, top: 100, matrixItems: 15 }).next?.items[0]
 */
export function productAffinityAnalysis(orders: OrderTable, params: ProductAffinityParams): ProductAffinityAnalysis {
  const affinity = productAffinity(orders, params);
  const basket = basketStats(orders, { by: params.by });
  const after = params.after || affinity.pairs[0]?.a;
  const next = after ? nextPurchase(orders, { after, by: params.by, withinDays: params.withinDays, top: 20 }) : undefined;
  return { affinity, basket, ...(next ? { next } : {}) };
}
