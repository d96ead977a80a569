/**
 * The customers behind a part of `repurchase`: it returns counts only, so a click re-derives the
 * ids from the order table with the same definitions (one pass in day order, typed arrays, no
 * per-row objects). Each helper mirrors one count of `repurchase.ts`:
 * - {@link customersWithOrderCount} ↔ `frequencyDistribution` (orders per customer, tail bucket);
 * - {@link customersWithIntervalIn} ↔ `intervalDays.histogram` (days between consecutive distinct
 *   purchase days);
 * - {@link repeatBuyersOfItem} ↔ `byProduct` / `byCategory` `repeatBuyers` (customers who bought the
 *   item on at least 2 distinct days).
 */
import type { OrderTable } from './order-table.js';
import { idsOfMarked as idsOf } from './kernels/customer-ids.js';

/** A part of the repurchase view: a bar of orders per customer, a repurchase-cycle bin, or a product / category row. */
export type RepurchaseSelection =
  | { kind: 'frequency'; /** Orders per customer. */ orders: number; /** The tail bucket (`orders` or more). */ orPlus: boolean }
  | { kind: 'cycle'; fromDays: number; /** Exclusive upper bound; null for the open last bin. */ toDays: number | null }
  | { kind: 'product' | 'category'; item: string };

/**
 * Ids of the customers behind `selection`, in customer-code order.
 * @example repurchaseCustomers(orders, { kind: 'cycle', fromDays: 30, toDays: 60 })
 */
export function repurchaseCustomers(orders: OrderTable, selection: RepurchaseSelection): string[] {
  switch (selection.kind) {
    case 'frequency':
      return customersWithOrderCount(orders, selection.orders, selection.orPlus);
    case 'cycle':
      return customersWithIntervalIn(orders, selection.fromDays, selection.toDays ?? Infinity);
    default:
      return repeatBuyersOfItem(orders, selection.kind, selection.item);
  }
}

/**
 * Ids of the customers with exactly `count` orders, or with `count` or more when `orPlus` (the tail
 * bucket of `frequencyDistribution`). Ids in customer-code order (first appearance in the source).
 * @example customersWithOrderCount(orders, 2) // customers with exactly 2 orders
 * @example customersWithOrderCount(orders, 10, true) // the "10 or more" bucket
 */
function customersWithOrderCount(orders: OrderTable, count: number, orPlus = false): string[] {
  const nCodes = orders.customer.values.length;
  const perCustomer = new Int32Array(nCodes);
  const codes = orders.customer.codes;
  for (let i = 0; i < orders.length; i++) perCustomer[codes[i]]++;
  const mark = new Uint8Array(nCodes);
  for (let c = 0; c < nCodes; c++) {
    const k = perCustomer[c];
    if (k > 0 && (orPlus ? k >= count : k === count)) mark[c] = 1;
  }
  return idsOf(orders, mark);
}

/**
 * Ids of the customers with at least one interval between consecutive distinct purchase days of
 * `fromDays <= gap < toDays` days (a bin of the repurchase-cycle histogram; `toDays` = Infinity for
 * the open last bin). A customer with two intervals in the bin is listed once.
 * @example customersWithIntervalIn(orders, 30, 60) // customers who came back after 30–59 days at least once
 */
function customersWithIntervalIn(orders: OrderTable, fromDays: number, toDays: number): string[] {
  const nCodes = orders.customer.values.length;
  const NONE = -2147483648;
  const last = new Int32Array(nCodes).fill(NONE);
  const mark = new Uint8Array(nCodes);
  const codes = orders.customer.codes;
  const days = orders.day;
  for (let i = 0; i < orders.length; i++) {
    const c = codes[i];
    const d = days[i];
    const prev = last[c];
    if (prev === d) continue;
    if (prev !== NONE) {
      const gap = d - prev;
      if (gap >= fromDays && gap < toDays) mark[c] = 1;
    }
    last[c] = d;
  }
  return idsOf(orders, mark);
}

/**
 * Ids of the customers who bought `item` (a product, or a category with `kind: 'category'`) on at
 * least 2 distinct days: the repeat buyers of that row of `byProduct` / `byCategory`. Empty when
 * the table has no lines of that kind or the item does not occur.
 * @example repeatBuyersOfItem(orders, 'product', '85123A')
 */
function repeatBuyersOfItem(orders: OrderTable, kind: 'product' | 'category', item: string): string[] {
  const lines = orders.lines;
  const dict = kind === 'product' ? lines?.product : lines?.category;
  if (!lines || !dict) return [];
  const code = dict.values.indexOf(item);
  if (code < 0) return [];
  const nCodes = orders.customer.values.length;
  const NONE = -2147483648;
  // Lines need not be in day order, so keep the first day seen and flag a second, different one.
  const firstDay = new Int32Array(nCodes).fill(NONE);
  const mark = new Uint8Array(nCodes);
  const itemCodes = dict.codes;
  const lineOrder = lines.order;
  const customer = orders.customer.codes;
  const days = orders.day;
  for (let j = 0; j < lines.length; j++) {
    if (itemCodes[j] !== code) continue;
    const row = lineOrder[j];
    const c = customer[row];
    const d = days[row];
    if (firstDay[c] === NONE) firstDay[c] = d;
    else if (firstDay[c] !== d) mark[c] = 1;
  }
  return idsOf(orders, mark);
}
