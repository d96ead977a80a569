/**
 * Basket size (客单件数 / 购物篮大小): distinct items per order and the share of multi-item orders.
 * Context for reading lift: in a shop where most orders hold one item, every pair is rare, and a
 * large lift on few orders says less than a modest one on many.
 */
import type { OrderTable } from './order-table.js';
import { orderItems, type ItemKind } from './kernels/order-items.js';
import { summarizeCounts, type DistributionSummary } from './kernels/quantiles.js';

export interface BasketStatsOptions {
  /** Count distinct products (default) or categories. */
  by?: ItemKind;
  /** Largest basket size with its own bucket in `distribution` (the last is "this many or more"). Default 10. */
  maxItemsBucket?: number;
}

export interface BasketStats {
  /** 'no-item-column': the table has no lines of `by`. */
  status: 'ok' | 'no-item-column';
  by: ItemKind;
  /** Orders with at least one item line. */
  orders: number;
  /** Lines with an item (an item on two lines of one order counts twice here, once in the sizes). */
  lines: number;
  /** Distinct items per order: count, mean and type-7 quartiles. */
  itemsPerOrder: DistributionSummary;
  /** Largest basket (distinct items). */
  maxItems: number;
  /** Orders by number of distinct items, 1 … maxItemsBucket; the last entry (`orMore`) counts that many or more. */
  distribution: { items: number; orders: number; orMore: boolean }[];
  /** Orders with one distinct item. */
  singleItemOrders: number;
  /** Orders with two or more distinct items (the only ones that make pairs). */
  multiItemOrders: number;
  /** multiItemOrders / orders (0 without orders). */
  multiItemShare: number;
}

/**
 * Distribution of distinct items per order.
 * @example
 * const s = basketStats(orders);
 * s.multiItemShare; // 0.92 on Online Retail (a wholesaler), s.itemsPerOrder.median 15
 */
export function basketStats(orders: OrderTable, options: BasketStatsOptions = {}): BasketStats {
  const by = options.by ?? 'product';
  const maxBucket = Math.max(1, Math.floor(options.maxItemsBucket ?? 10));
  const basket = orderItems(orders, by);
  const sizes: number[] = [0];
  let maxItems = 0;
  if (basket) {
    for (let i = 0; i < orders.length; i++) {
      const k = basket.start[i + 1] - basket.start[i];
      if (k === 0) continue;
      while (sizes.length <= k) sizes.push(0);
      sizes[k]++;
      if (k > maxItems) maxItems = k;
    }
  }
  let n = 0;
  for (const c of sizes) n += c;
  const single = sizes[1] ?? 0;
  const distribution = Array.from({ length: maxBucket }, (_, i) => {
    const items = i + 1;
    let count = 0;
    if (items < maxBucket) count = sizes[items] ?? 0;
    else for (let k = items; k < sizes.length; k++) count += sizes[k];
    return { items, orders: count, orMore: items === maxBucket };
  });
  return {
    status: basket ? 'ok' : 'no-item-column',
    by,
    orders: n,
    lines: basket?.lines ?? 0,
    itemsPerOrder: summarizeCounts(sizes),
    maxItems,
    distribution,
    singleItemOrders: single,
    multiItemOrders: n - single,
    multiItemShare: n ? (n - single) / n : 0,
  };
}
