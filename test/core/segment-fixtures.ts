// Test helpers for segment analyses: OrderTables from the synthetic generator (with its attribute
// columns) and small random tables with channels, dimensions and invoice lines.
import { CATEGORIES, CHANNELS, PRODUCTS, REGIONS, generateOrders } from '../../bench/lib/generate.mjs';
import type { OrderTable } from '../../src/core/order-table.js';
import { rng } from './fixtures.js';

/** Generator output as an OrderTable: one line per order carrying its product and category. */
export function syntheticTable(orders: number, seed: number, attributes: Parameters<typeof generateOrders>[0]['attributes'] = true): OrderTable {
  const g = generateOrders({ orders, seed, attributes });
  const values = Array.from({ length: g.customers }, (_, i) => `c${i + 1}`);
  const codes = Int32Array.from(g.customer, (id) => id - 1);
  return {
    length: g.length,
    customer: { codes, values },
    day: g.day,
    amount: g.amount,
    hasAmount: true,
    timeZone: 'UTC',
    channel: { codes: g.channel!, values: [...CHANNELS] },
    region: { codes: g.region!, values: [...REGIONS] },
    lines: {
      length: g.length,
      order: Int32Array.from({ length: g.length }, (_, i) => i),
      amount: g.amount,
      product: { codes: g.product!, values: [...PRODUCTS] },
      category: { codes: g.category!, values: [...CATEGORIES] },
    },
  };
}

/** A random day-sorted table: channel, one dimension ('coupon'), 0…2 shuffled lines per order. */
export function randomSegmentTable(seed: number, n: number, nCustomers: number): OrderTable {
  const r = rng(seed);
  const days = Array.from({ length: n }, () => 9000 + Math.floor(r() * 120)).sort((a, b) => a - b);
  const lineOrder: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(r() * 3);
    for (let j = 0; j < k; j++) lineOrder.push(i);
  }
  for (let j = lineOrder.length - 1; j > 0; j--) {
    const s = Math.floor(r() * (j + 1));
    [lineOrder[j], lineOrder[s]] = [lineOrder[s], lineOrder[j]];
  }
  const m = lineOrder.length;
  return {
    length: n,
    customer: { codes: Int32Array.from({ length: n }, () => Math.floor(r() * nCustomers)), values: Array.from({ length: nCustomers }, (_, i) => `c${i}`) },
    day: Int32Array.from(days),
    amount: Float64Array.from({ length: n }, () => 1 + Math.floor(r() * 400) / 4),
    hasAmount: true,
    order: { codes: Int32Array.from({ length: n }, (_, i) => i), values: Array.from({ length: n }, (_, i) => `o${i}`) },
    channel: { codes: Int32Array.from({ length: n }, () => Math.floor(r() * 3)), values: ['tmall', 'jd', 'own'] },
    dimensions: { coupon: { codes: Int32Array.from({ length: n }, () => Math.floor(r() * 2)), values: ['yes', 'no'] } },
    lines: {
      length: m,
      order: Int32Array.from(lineOrder),
      amount: Float64Array.from({ length: m }, (_, j) => j + 0.5),
      product: { codes: Int32Array.from({ length: m }, () => Math.floor(r() * 5)), values: ['p0', 'p1', 'p2', 'p3', 'p4'] },
      category: { codes: Int32Array.from({ length: m }, () => Math.floor(r() * 3)), values: ['a', 'b', 'c'] },
    },
    timeZone: 'UTC',
  };
}
