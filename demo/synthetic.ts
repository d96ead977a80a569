// In-page synthetic order logs, to feel the widgets' speed at 10k … 5M orders: the benchmark's own
// generator (bench/lib/generate.mjs: the BG/NBD story of Fader, Hardie & Lee 2005 — uniform arrival,
// Gamma purchase rates, geometric dropout, lognormal amounts, 3 years), written as CSV text in a
// Blob (order_id,customer_id,date,amount) that <rw-orders> reads like any file. With `attributes`
// the rows also carry channel, region, product and category, with the generator's planted effect
// (customers acquired through 'app' buy twice as often: DEFAULT_ATTRIBUTES), for <rw-drivers>.
import { CATEGORIES, CHANNELS, generateOrders, PRODUCTS, REGIONS, START_DAY, WINDOW_DAYS } from '../bench/lib/generate.mjs';

function isoOfDay(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** A generated order log and how long it took. */
export interface SyntheticOrders {
  csv: Blob;
  orders: number;
  customers: number;
  /** Wall time of generating and writing the CSV, in milliseconds. */
  ms: number;
}

/**
 * Generates exactly `orders` orders (seeded: the same seed gives the same file) as a CSV Blob.
 * Rows are in day order; order ids are 1…n. `attributes`: add channel, region, product and
 * category columns (the loader maps them by name).
 * @example const { csv, customers, ms } = generateSyntheticOrders(100_000, 42, { attributes: true });
 */
export function generateSyntheticOrders(orders: number, seed = 42, options: { attributes?: boolean } = {}): SyntheticOrders {
  const startedAt = performance.now();
  const attributes = options.attributes ?? false;
  const g = generateOrders({ orders, seed, attributes });
  const dates = Array.from({ length: WINDOW_DAYS }, (_, d) => isoOfDay(START_DAY + d));
  const extra = attributes ? (i: number) => `,${CHANNELS[g.channel![i]]},${REGIONS[g.region![i]]},${PRODUCTS[g.product![i]]},${CATEGORIES[g.category![i]]}` : () => '';
  // CSV in parts of 50k lines: one giant string for 5M rows would be slower and may exceed V8's limit.
  const parts: string[] = [`order_id,customer_id,date,amount${attributes ? ',channel,region,product,category' : ''}\n`];
  let chunk = '';
  for (let i = 0; i < g.length; i++) {
    chunk += `${i + 1},${g.customer[i]},${dates[g.day[i] - START_DAY]},${g.amount[i]}${extra(i)}\n`;
    if ((i + 1) % 50000 === 0) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return { csv: new Blob(parts, { type: 'text/csv' }), orders: g.length, customers: g.customers, ms: performance.now() - startedAt };
}
