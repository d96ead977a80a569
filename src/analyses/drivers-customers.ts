/**
 * The customers behind a click on `<rw-drivers>`: a factor row (every eligible customer with that
 * value of the feature, core `driversCustomers`) or a node of the tree (the eligible customers the
 * node holds, read from the result on screen, so a click does not grow the tree again).
 */
import { driversCustomers, type DriverFeatureName, type Drivers, type DriversOptions } from '../core/drivers.js';
import { idsOfMarked } from '../core/kernels/customer-ids.js';
import type { OrderTable } from '../core/order-table.js';

/** A factor row (`feature` = `value`) or a tree node (`node`: its index in `Drivers.tree`; a leaf when clicked). */
export type DriversSelection = { kind: 'factor'; feature: DriverFeatureName; value: string } | { kind: 'leaf'; node: number };

/**
 * Ids of the customers behind `selection`, in customer-code order (the order of `driversCustomers`).
 * @example driversAnalysisCustomers(orders, { target: 'repurchase', withinDays: 90 }, d, { kind: 'leaf', node: 3 })
 */
export function driversAnalysisCustomers(orders: OrderTable, params: DriversOptions, result: Drivers, selection: DriversSelection): string[] {
  if (selection.kind === 'factor') return driversCustomers(orders, params, { feature: selection.feature, value: selection.value });
  const marked = new Uint8Array(orders.customer.values.length);
  const stack = [selection.node];
  while (stack.length) {
    const node = result.tree[stack.pop()!];
    if (!node) continue;
    if (node.customerCodes) for (const c of node.customerCodes) marked[c] = 1;
    else if (node.left !== undefined && node.right !== undefined) stack.push(node.left, node.right);
  }
  return idsOfMarked(orders, marked);
}
