/**
 * Products bought together (关联分析 / 购物篮分析): for each pair of items, how many orders hold both,
 * with support (支持度), confidence (置信度) and lift (提升度).
 *
 * Support and confidence: R. Agrawal, T. Imieliński and A. Swami (1993), "Mining Association Rules
 * between Sets of Items in Large Databases", SIGMOD '93, 207–216. Lift (their "interest"): S. Brin,
 * R. Motwani, J. D. Ullman and S. Tsur (1997), "Dynamic Itemset Counting and Implication Rules for
 * Market Basket Data", SIGMOD '97, 255–264.
 *
 * Definitions, over the N orders that have at least one line of `by` (and are not skipped, see
 * `maxItemsPerOrder`), where n(X) is the number of those orders containing every item of X (an item
 * counts once per order however many lines it has):
 *   support(a,b) = n(a,b) / N,  confidenceAB = P(b | a) = n(a,b) / n(a),  confidenceBA = n(a,b) / n(b),
 *   lift = support(a,b) / (support(a) · support(b)) = n(a,b) · N / (n(a) · n(b)).
 * Lift 1 is what independence predicts; above 1 the two sell together more than chance.
 *
 * A pair is unordered and reported once with `a` < `b` by the text of the item ids (JavaScript
 * code-unit order, `<` on strings).
 */
import type { OrderTable } from './order-table.js';
import { namesByRank, orderItems, rankOfId, type ItemKind, type OrderItems } from './kernels/order-items.js';

export type { ItemKind } from './kernels/order-items.js';

export interface ProductAffinityOptions {
  /** Pair products (default) or categories. */
  by?: ItemKind;
  /** Pairs bought together in fewer orders are left out of `pairs` (noise, and memory). Default 2. */
  minOrders?: number;
  /** Number of pairs kept in `pairs`, the first by the sort order below. Default 100. */
  top?: number;
  /**
   * Orders with more distinct items than this are skipped: left out of N, of every n(·) and of the
   * pairs (so support, confidence and lift describe one population), and counted in
   * `skippedOrders`. An order of k items makes k(k−1)/2 pairs, so a few wholesale baskets can cost
   * more than all the others and say little about what goes together. Default: no limit.
   */
  maxItemsPerOrder?: number;
  /** Size of the `matrix` of the most-ordered items (for a heatmap). Default 0 (no matrix). */
  matrixItems?: number;
}

export interface AffinityPair {
  /** Item id (product or category value); a < b by text. */
  a: string;
  b: string;
  /** Product names, when the table carries a product-name column. */
  aName?: string;
  bName?: string;
  /** Orders containing both a and b. */
  orders: number;
  /** Orders containing a (n(a)) and containing b (n(b)). */
  ordersA: number;
  ordersB: number;
  /** orders / N. */
  support: number;
  /** P(b | a) = orders / ordersA. */
  confidenceAB: number;
  /** P(a | b) = orders / ordersB. */
  confidenceBA: number;
  /** support / (support(a) · support(b)). */
  lift: number;
}

/** Pair counts among the `matrixItems` most-ordered items (rows and columns in the order of `items`). */
export interface AffinityMatrix {
  items: string[];
  names?: string[];
  /** n(item) per item. */
  itemOrders: number[];
  /** orders[i][j]: orders containing both items (n(i) on the diagonal). */
  orders: number[][];
  /** lift[i][j] (NaN on the diagonal and where orders is 0). */
  lift: number[][];
}

export interface ProductAffinity {
  /** 'no-item-column': the table has no lines of `by` (map a product or category column). */
  status: 'ok' | 'no-item-column';
  by: ItemKind;
  minOrders: number;
  top: number;
  /** The option as applied (null: no limit). */
  maxItemsPerOrder: number | null;
  /** N: orders with at least one item line, not skipped. */
  orders: number;
  /** Distinct items in those orders. */
  items: number;
  /** Orders with more than maxItemsPerOrder distinct items, left out of everything. */
  skippedOrders: number;
  /** Distinct pairs bought together in at least one order. */
  distinctPairs: number;
  /** Distinct pairs bought together in at least minOrders orders (`pairs` is the first `top` of them). */
  qualifyingPairs: number;
  /** Sorted by orders descending, then a ascending, then b ascending (by id text). */
  pairs: AffinityPair[];
  matrix?: AffinityMatrix;
}

function emptyAffinity(by: ItemKind, minOrders: number, top: number, maxItemsPerOrder: number | null): ProductAffinity {
  return { status: 'no-item-column', by, minOrders, top, maxItemsPerOrder, orders: 0, items: 0, skippedOrders: 0, distinctPairs: 0, qualifyingPairs: 0, pairs: [] };
}

/** Orders kept by the size limit, with their item lists; every analysis of a pair uses the same rule. */
function keptOrders(basket: OrderItems, maxItems: number): { kept: Uint8Array; skipped: number; n: number } {
  const nOrders = basket.start.length - 1;
  const kept = new Uint8Array(nOrders);
  let skipped = 0;
  let n = 0;
  for (let i = 0; i < nOrders; i++) {
    const k = basket.start[i + 1] - basket.start[i];
    if (k === 0) continue;
    if (k > maxItems) { skipped++; continue; }
    kept[i] = 1;
    n++;
  }
  return { kept, skipped, n };
}

/**
 * Pairs of items bought in the same order, counted sparsely: items are visited one at a time, and
 * for item a the orders holding a are walked once, counting each later item b of those orders in a
 * dense counter of length nItems that is reset through the list of touched entries. Time is
 * Σ k(k−1)/2 over orders of k items; memory is O(lines + items), never O(items²).
 *
 * @example
 * const r = productAffinity(orders, { minOrders: 5, top: 50 });
 * r.pairs[0]; // Online Retail: { a: '22386', b: '85099B', orders: 546, support: 0.029, confidenceAB: 0.63, confidenceBA: 0.34, lift: 7.3, … }
 */
export function productAffinity(orders: OrderTable, options: ProductAffinityOptions = {}): ProductAffinity {
  const by = options.by ?? 'product';
  const minOrders = Math.max(1, Math.floor(options.minOrders ?? 2));
  const top = Math.max(0, Math.floor(options.top ?? 100));
  const maxItemsPerOrder = options.maxItemsPerOrder ?? null;
  const basket = orderItems(orders, by);
  if (!basket) return emptyAffinity(by, minOrders, top, maxItemsPerOrder);
  const { start, items } = basket;
  const nItems = basket.ids.length;
  const nOrders = orders.length;
  const { kept, skipped, n } = keptOrders(basket, maxItemsPerOrder ?? Infinity);

  // Inverted index: for each item, the positions (into `items`) where it occurs in a kept order.
  const itemStart = new Int32Array(nItems + 1);
  for (let i = 0; i < nOrders; i++) if (kept[i]) for (let j = start[i]; j < start[i + 1]; j++) itemStart[items[j] + 1]++;
  for (let r = 0; r < nItems; r++) itemStart[r + 1] += itemStart[r];
  const at = itemStart.slice(0, nItems);
  const position = new Int32Array(itemStart[nItems]);
  const orderEnd = new Int32Array(itemStart[nItems]); // end of the order's item list, so no search is needed
  for (let i = 0; i < nOrders; i++) {
    if (!kept[i]) continue;
    for (let j = start[i]; j < start[i + 1]; j++) {
      const p = at[items[j]]++;
      position[p] = j;
      orderEnd[p] = start[i + 1];
    }
  }
  const itemOrders = (r: number): number => itemStart[r + 1] - itemStart[r];
  let distinctItems = 0;
  for (let r = 0; r < nItems; r++) if (itemOrders(r) > 0) distinctItems++;

  const nMatrix = Math.min(Math.max(0, Math.floor(options.matrixItems ?? 0)), distinctItems);
  const matrixRanks = mostOrdered(nItems, itemOrders, nMatrix);
  const matrixIndex = new Int32Array(nItems).fill(-1);
  matrixRanks.forEach((r, i) => { matrixIndex[r] = i; });
  const matrixCounts = Array.from({ length: nMatrix }, () => new Array<number>(nMatrix).fill(0));

  const best = new TopPairs(top);
  const count = new Int32Array(nItems);
  const touched = new Int32Array(nItems);
  let distinctPairs = 0;
  let qualifyingPairs = 0;
  for (let a = 0; a < nItems; a++) {
    let nTouched = 0;
    for (let p = itemStart[a]; p < itemStart[a + 1]; p++) {
      for (let j = position[p] + 1, end = orderEnd[p]; j < end; j++) {
        const b = items[j];
        if (count[b]++ === 0) touched[nTouched++] = b;
      }
    }
    distinctPairs += nTouched;
    const ma = matrixIndex[a];
    for (let t = 0; t < nTouched; t++) {
      const b = touched[t];
      const c = count[b];
      count[b] = 0;
      if (ma >= 0 && matrixIndex[b] >= 0) matrixCounts[ma][matrixIndex[b]] = matrixCounts[matrixIndex[b]][ma] = c;
      if (c < minOrders) continue;
      qualifyingPairs++;
      best.offer(a, b, c);
    }
    if (ma >= 0) matrixCounts[ma][ma] = itemOrders(a);
  }

  const names = namesByRank(orders, by, basket);
  const pairs = best.sorted().map(({ a, b, orders: both }): AffinityPair => {
    const nA = itemOrders(a);
    const nB = itemOrders(b);
    return {
      a: basket.ids[a],
      b: basket.ids[b],
      ...(names ? { aName: names[a], bName: names[b] } : {}),
      orders: both,
      ordersA: nA,
      ordersB: nB,
      support: both / n,
      confidenceAB: both / nA,
      confidenceBA: both / nB,
      lift: (both * n) / (nA * nB),
    };
  });
  const result: ProductAffinity = {
    status: 'ok', by, minOrders, top, maxItemsPerOrder,
    orders: n, items: distinctItems, skippedOrders: skipped, distinctPairs, qualifyingPairs, pairs,
  };
  if (nMatrix > 0) {
    const counts = matrixRanks.map(itemOrders);
    result.matrix = {
      items: matrixRanks.map((r) => basket.ids[r]),
      ...(names ? { names: matrixRanks.map((r) => names[r]) } : {}),
      itemOrders: counts,
      orders: matrixCounts,
      lift: matrixCounts.map((row, i) => row.map((c, j) => (i === j || c === 0 ? NaN : (c * n) / (counts[i] * counts[j])))),
    };
  }
  return result;
}

/** The k ranks with the most orders (ties: lower rank, i.e. id text, first). */
function mostOrdered(nItems: number, itemOrders: (r: number) => number, k: number): number[] {
  if (k === 0) return [];
  const ranks = Array.from({ length: nItems }, (_, r) => r).filter((r) => itemOrders(r) > 0);
  ranks.sort((x, y) => itemOrders(y) - itemOrders(x) || x - y);
  return ranks.slice(0, k);
}

/**
 * The first `limit` pairs by (orders desc, a asc, b asc). Candidates are buffered and, when the
 * buffer fills, cut back to the best `limit`; the count of the last kept pair then becomes a floor
 * that rejects most later candidates without buffering them.
 */
class TopPairs {
  private a: Int32Array;
  private b: Int32Array;
  private c: Int32Array;
  private size = 0;
  private floor = 0;
  constructor(private readonly limit: number) {
    const capacity = Math.max(1024, limit * 4);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.c = new Int32Array(capacity);
  }
  offer(a: number, b: number, count: number): void {
    if (this.limit === 0 || count < this.floor) return;
    if (this.size === this.a.length) this.cut();
    this.a[this.size] = a;
    this.b[this.size] = b;
    this.c[this.size++] = count;
  }
  private order(): number[] {
    const { a, b, c } = this;
    const idx = Array.from({ length: this.size }, (_, i) => i);
    return idx.sort((x, y) => c[y] - c[x] || a[x] - a[y] || b[x] - b[y]);
  }
  private cut(): void {
    const keep = this.order().slice(0, this.limit);
    const a = keep.map((i) => this.a[i]);
    const b = keep.map((i) => this.b[i]);
    const c = keep.map((i) => this.c[i]);
    this.a.set(a);
    this.b.set(b);
    this.c.set(c);
    this.size = keep.length;
    if (this.size === this.limit) this.floor = c[this.size - 1];
  }
  sorted(): { a: number; b: number; orders: number }[] {
    return this.order().slice(0, this.limit).map((i) => ({ a: this.a[i], b: this.b[i], orders: this.c[i] }));
  }
}

export interface AffinityCustomersOptions {
  by?: ItemKind;
  /** The two item ids (either order). */
  a: string;
  b: string;
  /** The same limit as the productAffinity call the pair came from, so the customers match its count. */
  maxItemsPerOrder?: number;
}

/**
 * Customer ids with at least one order containing both `a` and `b` (the customers behind a pair),
 * in order of customer code; empty when either item is unknown.
 * @example productAffinityCustomers(orders, { a: '22386', b: '85099B' }) // ['17850', …]
 */
export function productAffinityCustomers(orders: OrderTable, options: AffinityCustomersOptions): string[] {
  const basket = orderItems(orders, options.by ?? 'product');
  if (!basket) return [];
  const ra = rankOfId(basket, options.a);
  const rb = rankOfId(basket, options.b);
  if (ra < 0 || rb < 0) return [];
  const { start, items } = basket;
  const maxItems = options.maxItemsPerOrder ?? Infinity;
  const codes = orders.customer.codes;
  const hit = new Uint8Array(orders.customer.values.length);
  for (let i = 0; i < orders.length; i++) {
    if (start[i + 1] - start[i] > maxItems) continue;
    let hasA = false;
    let hasB = false;
    for (let j = start[i]; j < start[i + 1]; j++) {
      if (items[j] === ra) hasA = true;
      if (items[j] === rb) hasB = true;
    }
    if (hasA && hasB) hit[codes[i]] = 1;
  }
  const out: string[] = [];
  for (let c = 0; c < hit.length; c++) if (hit[c]) out.push(orders.customer.values[c]);
  return out;
}
