/**
 * The distinct items of each order, for the basket analyses (affinity, next purchase, basket size).
 *
 * Items are renumbered by the text of their id (`rank`), so "a < b" and every tie order of the
 * basket results follow the ids' text (JavaScript code-unit order, as `<` on strings) and not the
 * order in which the loader first met them: the same data in another row order gives the same pairs.
 */
import type { Dictionary, OrderTable } from '../order-table.js';

export type ItemKind = 'product' | 'category';

/** Distinct items per order in compressed rows: order i holds `items[start[i] … start[i+1])`, ascending. */
export interface OrderItems {
  /** Length orders.length + 1. */
  readonly start: Int32Array;
  /** Item ranks, distinct and ascending within each order. */
  readonly items: Int32Array;
  /** Item id of each rank, ascending by text. */
  readonly ids: string[];
  /** Rank of each dictionary code (−1 for none). */
  readonly rankOfCode: Int32Array;
  /** Lines whose item was mapped (non-null), before de-duplication within an order. */
  readonly lines: number;
}

/** The dictionary of `by`, or undefined when the table has no such lines. */
export function itemDictionary(orders: OrderTable, by: ItemKind): Dictionary | undefined {
  return by === 'category' ? orders.lines?.category : orders.lines?.product;
}

const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Groups the lines of `by` into orders, one entry per distinct item (an item bought on several
 * lines of one order counts once). Lines with a null item (code −1) are left out.
 * @example const { start, items, ids } = orderItems(orders, 'product'); // ids[items[start[0]]]: first product of order 0
 */
export function orderItems(orders: OrderTable, by: ItemKind): OrderItems | undefined {
  const dict = itemDictionary(orders, by);
  const lineOrder = orders.lines?.order;
  if (!dict || !lineOrder) return undefined;
  const nItems = dict.values.length;
  const byRank = Array.from({ length: nItems }, (_, i) => i).sort((x, y) => byText(dict.values[x], dict.values[y]));
  const rankOfCode = new Int32Array(nItems);
  for (let r = 0; r < nItems; r++) rankOfCode[byRank[r]] = r;
  const ids = byRank.map((code) => dict.values[code]);

  const nOrders = orders.length;
  const codes = dict.codes;
  const nLines = lineOrder.length;
  const start = new Int32Array(nOrders + 1);
  let lines = 0;
  for (let l = 0; l < nLines; l++) {
    if (codes[l] < 0) continue;
    start[lineOrder[l] + 1]++;
    lines++;
  }
  for (let i = 0; i < nOrders; i++) start[i + 1] += start[i];
  const fill = start.slice(0, nOrders);
  const raw = new Int32Array(lines);
  for (let l = 0; l < nLines; l++) if (codes[l] >= 0) raw[fill[lineOrder[l]]++] = rankOfCode[codes[l]];

  // De-duplicate and sort within each order, compacting in place (the write head never passes the read head).
  const seen = new Int32Array(nItems).fill(-1);
  let write = 0;
  for (let i = 0; i < nOrders; i++) {
    const from = start[i];
    const to = start[i + 1];
    start[i] = write;
    const first = write;
    for (let j = from; j < to; j++) {
      const r = raw[j];
      if (seen[r] === i) continue;
      seen[r] = i;
      raw[write++] = r;
    }
    if (write - first > 1) raw.subarray(first, write).sort();
  }
  start[nOrders] = write;
  return { start, items: raw.subarray(0, write), ids, rankOfCode, lines };
}

/** Product names by rank when the table carries them (`lines.productName`), for `by = 'product'`. */
export function namesByRank(orders: OrderTable, by: ItemKind, items: OrderItems): string[] | undefined {
  const names = by === 'product' ? orders.lines?.productName : undefined;
  const dict = itemDictionary(orders, by);
  if (!names || !dict) return undefined;
  const out = new Array<string>(items.ids.length);
  for (let code = 0; code < dict.values.length; code++) out[items.rankOfCode[code]] = names[code] ?? '';
  return out;
}

/** Rank of the item whose id is `id`, or −1 (binary search over the text-sorted ids). */
export function rankOfId(items: OrderItems, id: string): number {
  let lo = 0;
  let hi = items.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = byText(items.ids[mid], id);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
