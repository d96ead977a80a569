/**
 * Bought next (下次购买 / 连带购买的先后): for the customers who bought an item, what their next
 * purchase holds. The sequential view of affinity: accessories after the main product, refills and
 * their cycle (the item itself, with its median days, is one of the answers).
 *
 * Definitions, per customer (orders in day order):
 * - anchor day: the first day on which the customer ordered `after`. Later orders with `after` do not
 *   start another sequence (one answer per customer, so shares add up over customers).
 * - next purchase: every order of the customer on the first later day (an order on the anchor day
 *   itself is part of the same shopping occasion, not "next"). Days = next day − anchor day.
 * - with `withinDays`: only a next purchase at most `withinDays` after the anchor counts; a later one
 *   is counted in `laterCustomers`.
 * - never ordered again: no order on any day after the anchor day (so the anchor order is the
 *   customer's last). Customers who bought `after` near the end of the data cannot have come back
 *   yet: `censoredCustomers` counts those without a counted next purchase whose window (anchor +
 *   withinDays) runs past the last day of the data.
 */
import type { OrderTable } from './order-table.js';
import { namesByRank, orderItems, rankOfId, type ItemKind } from './kernels/order-items.js';
import { quantileSorted } from './kernels/quantiles.js';

export interface NextPurchaseOptions {
  /** The item (product or category id) customers bought first. */
  after: string;
  by?: ItemKind;
  /** Only a next purchase within this many days of the anchor counts. Default: any later day. */
  withinDays?: number;
  /** Number of rows kept in `items`. Default 100. */
  top?: number;
}

export interface NextPurchaseItem {
  item: string;
  /** Product name, when the table carries a product-name column. */
  name?: string;
  /** Customers whose next purchase holds the item. */
  customers: number;
  /** customers / all customers who bought `after` (the base of neverAgainShare too). */
  share: number;
  /** Type-7 median of the days from the anchor to that next purchase. */
  medianDays: number;
}

export interface NextPurchase {
  /** 'no-item-column': no lines of `by`; 'unknown-item': `after` is not an item of the data. */
  status: 'ok' | 'no-item-column' | 'unknown-item';
  by: ItemKind;
  after: string;
  afterName?: string;
  withinDays: number | null;
  /** Customers who bought `after`. */
  customers: number;
  /** Customers with a counted next purchase (within the window when one is set). */
  nextCustomers: number;
  nextShare: number;
  /** Customers whose next purchase came only after the window (0 without withinDays). */
  laterCustomers: number;
  /** Customers with no order on a day after the anchor. */
  neverAgainCustomers: number;
  neverAgainShare: number;
  /** Customers without a counted next purchase whose window runs past the data's last day. */
  censoredCustomers: number;
  /** Median days from anchor to the counted next purchase; NaN when none. */
  medianDays: number;
  /** Sorted by customers descending, then item id text ascending. */
  items: NextPurchaseItem[];
}

/** Per-customer anchor and next purchase day, and the rows of the next purchase grouped by customer. */
interface Sequences {
  customers: number;
  anchor: Int32Array;
  /** Counted next purchase day per customer code, or NONE. */
  next: Int32Array;
  laterCustomers: number;
  neverAgain: number;
  censored: number;
}

const NONE = -2147483648;

function sequences(orders: OrderTable, hasAfter: Uint8Array, withinDays: number): Sequences {
  const nCodes = orders.customer.values.length;
  const anchor = new Int32Array(nCodes).fill(NONE);
  const firstLater = new Int32Array(nCodes).fill(NONE);
  const codes = orders.customer.codes;
  const days = orders.day;
  for (let i = 0; i < orders.length; i++) {
    const c = codes[i];
    if (anchor[c] === NONE) {
      if (hasAfter[i]) anchor[c] = days[i];
    } else if (firstLater[c] === NONE && days[i] > anchor[c]) firstLater[c] = days[i];
  }
  const lastDay = orders.length ? days[orders.length - 1] : 0;
  let customers = 0;
  let laterCustomers = 0;
  let neverAgain = 0;
  let censored = 0;
  const next = new Int32Array(nCodes).fill(NONE);
  for (let c = 0; c < nCodes; c++) {
    if (anchor[c] === NONE) continue;
    customers++;
    const d = firstLater[c];
    if (d !== NONE && d - anchor[c] <= withinDays) { next[c] = d; continue; }
    if (d === NONE) neverAgain++;
    else laterCustomers++;
    if (Number.isFinite(withinDays) && anchor[c] + withinDays > lastDay) censored++;
  }
  return { customers, anchor, next, laterCustomers, neverAgain, censored };
}

function rowsWithItem(orders: OrderTable, start: Int32Array, items: Int32Array, rank: number): Uint8Array {
  const has = new Uint8Array(orders.length);
  for (let i = 0; i < orders.length; i++) for (let j = start[i]; j < start[i + 1]; j++) if (items[j] === rank) { has[i] = 1; break; }
  return has;
}

/**
 * What customers bought next after `after`, with the share who never ordered again.
 * @example
 * const r = nextPurchase(orders, { after: '85123A', withinDays: 90 });
 * r.items[0]; // Online Retail: { item: '85123A', customers: 155, share: 0.18, medianDays: 38 } (the refill and its cycle)
 * r.neverAgainShare;
 */
export function nextPurchase(orders: OrderTable, options: NextPurchaseOptions): NextPurchase {
  const by = options.by ?? 'product';
  const withinDays = options.withinDays ?? null;
  const top = Math.max(0, Math.floor(options.top ?? 100));
  const empty: NextPurchase = {
    status: 'ok', by, after: options.after, withinDays, customers: 0, nextCustomers: 0, nextShare: 0, laterCustomers: 0,
    neverAgainCustomers: 0, neverAgainShare: 0, censoredCustomers: 0, medianDays: NaN, items: [],
  };
  const basket = orderItems(orders, by);
  if (!basket) return { ...empty, status: 'no-item-column' };
  const rank = rankOfId(basket, options.after);
  if (rank < 0) return { ...empty, status: 'unknown-item' };
  const names = namesByRank(orders, by, basket);
  const { start, items } = basket;
  const seq = sequences(orders, rowsWithItem(orders, start, items, rank), withinDays ?? Infinity);

  // (customer, item) pairs of the next purchases: a customer's next day may span several orders,
  // interleaved with other customers' rows, so items are de-duplicated per customer by a stamp.
  const codes = orders.customer.codes;
  const days = orders.day;
  const rowsOf = new Map<number, number[]>();
  for (let i = 0; i < orders.length; i++) {
    const c = codes[i];
    if (seq.next[c] !== days[i]) continue;
    const list = rowsOf.get(c);
    if (list) list.push(i);
    else rowsOf.set(c, [i]);
  }
  const stamp = new Int32Array(basket.ids.length).fill(-1);
  const gapsOf = new Map<number, number[]>();
  const allGaps: number[] = [];
  for (const [c, rows] of rowsOf) {
    const gap = seq.next[c] - seq.anchor[c];
    allGaps.push(gap);
    for (const i of rows) {
      for (let j = start[i]; j < start[i + 1]; j++) {
        const r = items[j];
        if (stamp[r] === c) continue;
        stamp[r] = c;
        const g = gapsOf.get(r);
        if (g) g.push(gap);
        else gapsOf.set(r, [gap]);
      }
    }
  }
  const base = seq.customers;
  const rows: NextPurchaseItem[] = [...gapsOf].map(([r, gaps]) => ({
    item: basket.ids[r],
    ...(names ? { name: names[r] } : {}),
    customers: gaps.length,
    share: gaps.length / base,
    medianDays: median(gaps),
    rank: r,
  })).sort((x, y) => y.customers - x.customers || x.rank - y.rank).slice(0, top).map(({ rank: _rank, ...row }) => row);
  return {
    ...empty,
    ...(names ? { afterName: names[rank] } : {}),
    customers: base,
    nextCustomers: rowsOf.size,
    nextShare: base ? rowsOf.size / base : 0,
    laterCustomers: seq.laterCustomers,
    neverAgainCustomers: seq.neverAgain,
    neverAgainShare: base ? seq.neverAgain / base : 0,
    censoredCustomers: seq.censored,
    medianDays: median(allGaps),
    items: rows,
  };
}

const median = (xs: number[]): number => quantileSorted(Float64Array.from(xs).sort(), 0.5);

export interface NextPurchaseCustomersOptions {
  after: string;
  /** The item of their next purchase; null: the customers who never ordered again. */
  item: string | null;
  by?: ItemKind;
  withinDays?: number;
}

/**
 * Customer ids behind one row of {@link nextPurchase}: those whose counted next purchase after
 * `after` holds `item` (or, with `item: null`, who never ordered again), in order of customer code.
 * @example nextPurchaseCustomers(orders, { after: '85123A', item: '85123A', withinDays: 90 })
 */
export function nextPurchaseCustomers(orders: OrderTable, options: NextPurchaseCustomersOptions): string[] {
  const basket = orderItems(orders, options.by ?? 'product');
  if (!basket) return [];
  const rank = rankOfId(basket, options.after);
  if (rank < 0) return [];
  const { start, items } = basket;
  const withinDays = options.withinDays ?? Infinity;
  const seq = sequences(orders, rowsWithItem(orders, start, items, rank), withinDays);
  const hit = new Uint8Array(orders.customer.values.length);
  if (options.item === null) {
    // Never ordered again: an anchor and no order on a later day, whatever the window.
    const later = new Uint8Array(hit.length);
    for (let i = 0; i < orders.length; i++) {
      const c = orders.customer.codes[i];
      if (seq.anchor[c] !== NONE && orders.day[i] > seq.anchor[c]) later[c] = 1;
    }
    for (let c = 0; c < hit.length; c++) if (seq.anchor[c] !== NONE && !later[c]) hit[c] = 1;
  } else {
    const target = rankOfId(basket, options.item);
    if (target < 0) return [];
    for (let i = 0; i < orders.length; i++) {
      const c = orders.customer.codes[i];
      if (seq.next[c] !== orders.day[i]) continue;
      for (let j = start[i]; j < start[i + 1]; j++) if (items[j] === target) hit[c] = 1;
    }
  }
  const out: string[] = [];
  for (let c = 0; c < hit.length; c++) if (hit[c]) out.push(orders.customer.values[c]);
  return out;
}
