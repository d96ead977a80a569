#!/usr/bin/env node
/**
 * Cost of a breakdown: `breakdown` + the same analysis on every segment, against the analysis on
 * the whole table, in Node on the built core (`npx vite build` first). Synthetic orders with the
 * generator's attribute columns; 20 segments = first product (the generator has 20 products).
 *
 *   node bench/segments.mjs [--orders 1000000] [--runs 5] [--by firstProduct] [--seed 42]
 *
 * Prints the median and minimum CPU time of `runs` calls (after one warm-up) of:
 *   whole      repurchase(orders)
 *   breakdown  breakdown(orders, { by })
 *   segments   breakdown + repurchase(segment.orders) for every segment
 *   widget     the `segmentComparison` registry record with the widget's metrics (e.g. <rw-repurchase>:
 *              repurchase rate within N days and repurchase rate per segment, intervals, vs-rest
 *              flags): what `breakdown="…"` computes beside the widget's own analysis. For rfm the
 *              scores come from the per-table cache the widget's own run filled, as in a page.
 * and the ratios segments / whole and widget / whole (the budget: at most 2×).
 */
import { build } from 'esbuild';
import { parseArgs } from 'node:util';
import { generateOrders, CHANNELS, REGIONS, PRODUCTS, CATEGORIES } from './lib/generate.mjs';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    by: { type: 'string', default: 'firstProduct' },
    seed: { type: 'string', default: '42' },
    analysis: { type: 'string', default: 'repurchase' },
  },
});
const core = await import(new URL('../dist/core.js', import.meta.url).href);
const g = generateOrders({ orders: Number(args.orders), seed: Number(args.seed), attributes: true });
const orders = {
  length: g.length,
  customer: { codes: Int32Array.from(g.customer, (id) => id - 1), values: Array.from({ length: g.customers }, (_, i) => `c${i + 1}`) },
  day: g.day,
  amount: g.amount,
  hasAmount: true,
  timeZone: 'UTC',
  channel: { codes: g.channel, values: [...CHANNELS] },
  region: { codes: g.region, values: [...REGIONS] },
  lines: {
    length: g.length,
    order: Int32Array.from({ length: g.length }, (_, i) => i),
    amount: g.amount,
    product: { codes: g.product, values: [...PRODUCTS] },
    category: { codes: g.category, values: [...CATEGORIES] },
  },
};
const analyses = {
  repurchase: (t) => core.repurchase(t, { withinDays: 90 }),
  cohorts: (t) => core.cohortRetention(t, { period: 'month' }),
  rfm: (t) => core.rfm(t),
};
const analysis = analyses[args.analysis];
if (!analysis) throw new Error(`--analysis: one of ${Object.keys(analyses).join(', ')}`);
const runs = Math.max(1, Number(args.runs));
/**
 * Median CPU time (user + system, ms) of `runs` calls after one warm-up. CPU time rather than wall
 * time: on a shared machine the wall clock mostly measures the other processes.
 */
function median(f) {
  f();
  const times = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], min: times[0] };
}
let nSegments = 0;
const whole = median(() => analysis(orders));
const split = median(() => (nSegments = core.breakdown(orders, { by: args.by }).segments.length));
const both = median(() => {
  for (const s of core.breakdown(orders, { by: args.by }).segments) analysis(s.orders);
});
console.log(`${g.length} orders, ${g.customers} customers, ${nSegments} segments by ${args.by}, ${args.analysis}, median CPU time of ${runs}`);
// The minimum is the steadier figure on a shared machine (contention only ever adds time).
const row = (name, t) => console.log(`${name.padEnd(10)} median ${t.median.toFixed(1).padStart(7)} ms   min ${t.min.toFixed(1).padStart(7)} ms`);
row('whole', whole);
row('breakdown', split);
row('segments', both);
console.log(`ratio      median ${(both.median / whole.median).toFixed(2)}×   min ${(both.min / whole.min).toFixed(2)}×   (segments = breakdown + ${args.analysis} per segment)`);
/** The metrics `breakdown` shows beside each analysis's widget. */
const WIDGET_METRICS = {
  repurchase: { metrics: ['repurchaseWithinDays', 'repurchaseRate'], withinDays: 90 },
  cohorts: { metrics: ['retention:1', 'retention:2', 'retention:3'], period: 'month' },
  rfm: { metrics: ['rfm:champions', 'rfm:at-risk'], bins: 5 },
};
{
  // The registry record is not a dist entry: bundle it from source for Node.
  const outfile = new URL('./.data/segment-comparison.mjs', import.meta.url).pathname;
  await build({ entryPoints: [new URL('../src/analyses/segment-comparison.ts', import.meta.url).pathname], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'error' });
  const { segmentComparison } = await import(outfile);
  const params = { by: args.by, top: 20, ...WIDGET_METRICS[args.analysis] };
  const widget = median(() => segmentComparison(orders, params));
  row('widget', widget);
  console.log(`            (segmentComparison: ${params.metrics.join(' + ')}, intervals, flags)`);
  console.log(`ratio      median ${(widget.median / whole.median).toFixed(2)}×   min ${(widget.min / whole.min).toFixed(2)}×   (widget / whole)`);
}
