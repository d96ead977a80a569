/**
 * An OrderTable as it crosses from the worker to the page. The order-id dictionary (one string per
 * order: a million strings at 1M orders) is what made the "loaded" reply cost ~100 ms of the page's
 * main thread to deserialise, and the page never needs it for an analysis (they run in the worker).
 * So it crosses as one string plus end offsets — a single memcpy-like copy — and the page makes the
 * dictionary again only if something reads `orders.order` (lazy-property.ts). Everything else
 * crosses as it is.
 */
import type { Dictionary, OrderTable } from '../core/order-table.js';
import { defineLazy } from '../data/lazy-property.js';

/** The order dictionary as one string: value k is `text.slice(ends[k - 1] ?? 0, ends[k])`. */
export interface PackedDictionary {
  codes: Int32Array;
  text: string;
  ends: Int32Array;
}

/** A table as posted by the worker: `order` replaced by `packedOrder`. */
export type PostedTable = Omit<OrderTable, 'order'> & { packedOrder?: PackedDictionary };

/**
 * The table to post (a shallow copy; the worker keeps `orders` as it is).
 * @example scope.postMessage({ type: 'loaded', job, orders: packTable(orders), report });
 */
export function packTable(orders: OrderTable): PostedTable {
  const { order, ...rest } = orders;
  if (!order) return rest;
  const ends = new Int32Array(order.values.length);
  let end = 0;
  for (let k = 0; k < ends.length; k++) ends[k] = end += order.values[k].length;
  return { ...rest, packedOrder: { codes: order.codes, text: order.values.join(''), ends } };
}

/**
 * The posted table as an OrderTable whose `order` is made on first read.
 * @example const orders = unpackTable(msg.orders);
 */
export function unpackTable(posted: PostedTable): OrderTable {
  const { packedOrder, ...rest } = posted;
  const orders: OrderTable = rest;
  if (packedOrder) {
    defineLazy(orders, 'order', (): Dictionary => {
      const { codes, text, ends } = packedOrder;
      const values: string[] = [];
      for (let k = 0, start = 0; k < ends.length; k++) {
        values.push(text.slice(start, ends[k]));
        start = ends[k];
      }
      return { codes, values };
    });
  }
  return orders;
}
