/**
 * Turning a per-customer mark into the ids a click hands to the host page. Every "customers behind
 * a click" function marks customer codes in one pass over typed arrays and ends here, so all of
 * them list customers in the same order: customer code, i.e. first appearance in the source.
 */
import type { OrderTable } from '../order-table.js';

/**
 * Ids of the customers whose code is marked (non-zero), in code order.
 * @example idsOfMarked(orders, mark) // ['12346', '12347', …]
 */
export function idsOfMarked(orders: OrderTable, mark: Uint8Array): string[] {
  const values = orders.customer.values;
  const out: string[] = [];
  for (let c = 0; c < mark.length; c++) if (mark[c]) out.push(values[c]);
  return out;
}
