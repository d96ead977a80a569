/**
 * What `<rw-product-affinity>` shows, in one registry call: the top pairs with a lift matrix of the
 * most-ordered items, the basket sizes that put lift in context, and the next-purchase view of one
 * item (core `productAffinity`, `basketStats`, `nextPurchase`).
 */
import { basketStats, type BasketStats } from '../core/basket-stats.js';
import { nextPurchase, nextPurchaseCustomers, type NextPurchase } from '../core/next-purchase.js';
import type { OrderTable } from '../core/order-table.js';
import { productAffinity, productAffinityCustomers, type ItemKind, type ProductAffinity } from '../core/product-affinity.js';

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

/** A pair of the pairs table or heatmap, or an item (null: "never again") of the next-purchase view. */
export type ProductAffinitySelection = { kind: 'pair'; a: string; b: string } | { kind: 'next'; item: string | null };

/**
 * Ids of the customers behind `selection` of `result`: who bought both items of a pair in one order
 * (under the result's basket-size cap), or who bought `item` next after the result's followed item.
 * @example productAffinityAnalysisCustomers(orders, a, { kind: 'pair', a: '22386', b: '85099B' })
 */
export function productAffinityAnalysisCustomers(orders: OrderTable, result: ProductAffinityAnalysis, selection: ProductAffinitySelection): string[] {
  if (selection.kind === 'pair') {
    const { by, maxItemsPerOrder } = result.affinity;
    return productAffinityCustomers(orders, { by, a: selection.a, b: selection.b, maxItemsPerOrder: maxItemsPerOrder ?? undefined });
  }
  const next = result.next;
  if (!next) return [];
  return nextPurchaseCustomers(orders, { after: next.after, item: selection.item, by: next.by, withinDays: next.withinDays ?? undefined });
}
