/**
 * `breakdown`: splits the customers into segments (by channel, region, a dimension, first product,
 * first-order value, acquisition cohort…) and hands back each segment's orders as an OrderTable, so
 * every analysis runs on a segment unchanged (FineBI's 维度拆分 / Mixpanel's "breakdown by").
 *
 * Rules:
 * - A customer belongs to exactly one segment; the segments' `customers` sum to the customers with
 *   an order. Customers without a value (no lines on the order that decides, an order whose
 *   dimension is blank) form the segment with key {@link MISSING_KEY} like any other value.
 * - `assign` decides which value of a customer counts when their orders disagree: `'first'` the
 *   value on their first order (acquisition), `'last'` on their latest order, `'most'` the value on
 *   most of their orders (lines, for product and category). Ties in `'most'` go to the value the
 *   customer bought first.
 * - Tie rule for orders on one day: the table is sorted by day with a stable sort (the loader keeps
 *   the source order within a day, which is time order when the source has times), so the customer's
 *   "first order" is their earliest row and their "latest order" their last row.
 * - Product and category live on invoice lines: the value of an order is that of its first line
 *   (lowest line index), like the order-level columns take their first line's value.
 * - Derived attributes ignore `assign` (they are about the first order by definition):
 *   `firstProduct`, `firstCategory` (= product / category with `'first'`), `cohort` (period key of the
 *   first order day, `period` default month), `firstOrderValue` (bands of the first order's amount,
 *   see {@link firstOrderValueBands}).
 * - No segment is merged unless `top` asks: then the `top` segments with the most customers are
 *   kept and the rest merged into one segment with key {@link OTHER_KEY} and `other: true`.
 * - Order of segments: cohorts and value bands in their natural (time / value) order; otherwise by
 *   customers, most first, ties by key; the merged "other" segment last.
 */
import { periodIndex, periodKey, type Period } from './calendar.js';
import type { Dictionary, OrderLines, OrderTable } from './order-table.js';
import { quantileSorted } from './kernels/quantiles.js';

/** Order attributes the loader maps by role. */
export type BreakdownRole = 'channel' | 'region' | 'category' | 'product';
/** Customer attributes derived from the first order. */
export type DerivedAttribute = 'firstProduct' | 'firstCategory' | 'firstOrderValue' | 'cohort';
/** A role, a derived attribute, or the name of a dimension column (`orders.dimensions`). */
export type BreakdownBy = BreakdownRole | DerivedAttribute | (string & {});
/** Which of a customer's values decides their segment. */
export type SegmentAssign = 'first' | 'last' | 'most';

/** Key of the segment of customers without a value. */
export const MISSING_KEY = '';
/** Key of the segment that `top` merges the smaller segments into. */
export const OTHER_KEY = '(other)';

export interface BreakdownOptions {
  by: BreakdownBy;
  /** Default 'first'. Ignored (reported as 'first') for derived attributes. */
  assign?: SegmentAssign;
  /** Keep the `top` largest segments and merge the rest into one {@link OTHER_KEY} segment. */
  top?: number;
  /** Period of the `cohort` keys; default 'month'. */
  period?: Period;
  /** Number of `firstOrderValue` bands (quantile bands, see {@link firstOrderValueBands}); default 5. */
  bands?: number;
}

export interface Segment {
  /** The value (dictionary value, period key, value band key), {@link MISSING_KEY} or {@link OTHER_KEY}. */
  key: string;
  /** Customers in the segment. */
  customers: number;
  /** Every order of the segment's customers (customers re-coded within the segment, see {@link segmentTables}). */
  orders: OrderTable;
  /** Set on the segment `top` merged the rest into; `members` then lists the merged keys. */
  other?: true;
  members?: string[];
}

export interface Breakdown {
  by: BreakdownBy;
  assign: SegmentAssign;
  segments: Segment[];
  /** Customers with an order (the sum of `segments[i].customers`). */
  customers: number;
  /** Segment index per customer code of the input table; −1 for a code without orders. */
  segmentOf: Int32Array;
  /** For `firstOrderValue`: the band edges (band k is [edges[k−1], edges[k]), open at both ends). */
  bandEdges?: number[];
}

/** The segment assignment without the per-segment tables (what {@link breakdownCustomers} needs). */
export interface SegmentAssignment {
  assign: SegmentAssign;
  keys: string[];
  customers: Int32Array;
  segmentOf: Int32Array;
  other: number;
  members?: string[];
  bandEdges?: number[];
}

const DERIVED: ReadonlySet<string> = new Set(['firstProduct', 'firstCategory', 'firstOrderValue', 'cohort']);

/**
 * Segments of customers with each segment's orders as an OrderTable.
 * Cost: one pass to assign customers, one pass to group rows (and lines) by segment, and one gather
 * per column: O(orders + lines + customers), independent of the number of segments.
 *
 * @example
 * const b = breakdown(orders, { by: 'channel', assign: 'first' });
 * for (const s of b.segments) console.log(s.key, s.customers, repurchase(s.orders).repurchaseRate);
 */
export function breakdown(orders: OrderTable, options: BreakdownOptions): Breakdown {
  const a = assignSegments(orders, options);
  const tables = segmentTables(orders, a.segmentOf, a.keys.length);
  const segments: Segment[] = a.keys.map((key, s) => {
    const seg: Segment = { key, customers: a.customers[s], orders: tables[s] };
    if (s === a.other) {
      seg.other = true;
      seg.members = a.members;
    }
    return seg;
  });
  const out: Breakdown = { by: options.by, assign: a.assign, segments, customers: sum(a.customers), segmentOf: a.segmentOf };
  if (a.bandEdges) out.bandEdges = a.bandEdges;
  return out;
}

/**
 * Ids of the customers of one segment (for a click on a segment), in customer-code order. `key` is a
 * segment key as returned by {@link breakdown} with the same options ({@link OTHER_KEY} with `top`).
 * @example breakdownCustomers(orders, { by: 'channel', assign: 'first', key: 'tmall' }) // ['c17', 'c42', …]
 */
export function breakdownCustomers(orders: OrderTable, options: BreakdownOptions & { key: string }): string[] {
  const a = assignSegments(orders, options);
  const s = a.keys.indexOf(options.key);
  const out: string[] = [];
  if (s < 0) return out;
  const ids = orders.customer.values;
  for (let c = 0; c < a.segmentOf.length; c++) if (a.segmentOf[c] === s) out.push(ids[c]);
  return out;
}

/**
 * Segment of every customer, after `top` merging and in the documented segment order.
 * @example assignSegments(orders, { by: 'region' }).segmentOf[code] // index into keys
 */
export function assignSegments(orders: OrderTable, options: BreakdownOptions): SegmentAssignment {
  const by = options.by;
  const assign: SegmentAssign = DERIVED.has(by) ? 'first' : (options.assign ?? 'first');
  if (assign !== 'first' && assign !== 'last' && assign !== 'most') throw new RangeError(`assign must be 'first', 'last' or 'most', got ${String(assign)}`);
  const nCodes = orders.customer.values.length;
  let valueOf: Int32Array; // value code per customer, −1 = none (missing), −2 = no orders
  let values: string[];
  let natural = false;
  let bandEdges: number[] | undefined;
  if (by === 'cohort') {
    ({ valueOf, values } = cohortValues(orders, options.period ?? 'month'));
    natural = true;
  } else if (by === 'firstOrderValue') {
    ({ valueOf, values, edges: bandEdges } = valueBands(orders, options.bands ?? 5));
    natural = true;
  } else {
    const source = observations(orders, by);
    values = source.values;
    valueOf = customerValues(orders, source, by === 'firstProduct' || by === 'firstCategory' ? 'first' : assign);
  }

  // Count customers per value code (slot values.length = missing, unless the dictionary has a
  // blank value itself: then "no value" and "blank" are one segment).
  const nValues = values.length;
  const blank = natural ? -1 : values.indexOf(MISSING_KEY);
  const missingSlot = blank >= 0 ? blank : nValues;
  const counts = new Int32Array(nValues + 1);
  for (let c = 0; c < nCodes; c++) {
    const v = valueOf[c];
    if (v === -2) continue;
    counts[v < 0 ? missingSlot : v]++;
  }
  const keyOf = (v: number): string => (v === nValues ? MISSING_KEY : values[v]);
  let present: number[] = [];
  for (let v = 0; v <= nValues; v++) if (counts[v] > 0) present.push(v);
  const bySize = (x: number, y: number): number => counts[y] - counts[x] || (keyOf(x) < keyOf(y) ? -1 : keyOf(x) > keyOf(y) ? 1 : 0);
  if (!natural) present.sort(bySize);
  let mergedCodes: number[] = [];
  const top = options.top;
  if (top !== undefined) {
    if (!Number.isInteger(top) || top < 1) throw new RangeError(`top must be a positive integer, got ${top}`);
    if (present.length > top) {
      const ranked = present.slice().sort(bySize);
      const kept = new Set(ranked.slice(0, top));
      mergedCodes = ranked.slice(top);
      present = present.filter((v) => kept.has(v));
    }
  }
  // value code → segment index
  const segOfValue = new Int32Array(nValues + 1).fill(-1);
  present.forEach((v, s) => (segOfValue[v] = s));
  const other = mergedCodes.length ? present.length : -1;
  for (const v of mergedCodes) segOfValue[v] = other;
  const keys = present.map(keyOf);
  if (other >= 0) keys.push(OTHER_KEY);
  const customers = new Int32Array(keys.length);
  const segmentOf = new Int32Array(nCodes);
  for (let c = 0; c < nCodes; c++) {
    const v = valueOf[c];
    if (v === -2) {
      segmentOf[c] = -1;
      continue;
    }
    const s = segOfValue[v < 0 ? missingSlot : v];
    segmentOf[c] = s;
    customers[s]++;
  }
  const out: SegmentAssignment = { assign, keys, customers, segmentOf, other };
  if (other >= 0) out.members = mergedCodes.map(keyOf);
  if (bandEdges) out.bandEdges = bandEdges;
  return out;
}

/** (row, value) pairs of a role or dimension: one per order, or one per invoice line. */
interface Observations {
  row: Int32Array | null; // null: observation i is row i
  codes: Int32Array;
  values: string[];
}

function observations(orders: OrderTable, by: string): Observations {
  const fromDict = (d: Dictionary | undefined, what: string): Observations => {
    if (!d) throw new RangeError(`breakdown by '${by}': the table has no ${what} column`);
    return { row: null, codes: d.codes, values: d.values };
  };
  const fromLines = (lines: OrderLines | undefined, d: Dictionary | undefined, what: string): Observations => {
    if (!lines || !d) throw new RangeError(`breakdown by '${by}': the table has no ${what} column`);
    return { row: lines.order, codes: d.codes, values: d.values };
  };
  switch (by) {
    case 'channel':
      return fromDict(orders.channel, 'channel');
    case 'region':
      return fromDict(orders.region, 'region');
    case 'product':
    case 'firstProduct':
      return fromLines(orders.lines, orders.lines?.product, 'product');
    case 'category':
    case 'firstCategory':
      return fromLines(orders.lines, orders.lines?.category, 'category');
    default:
      if (orders.dimensions && Object.prototype.hasOwnProperty.call(orders.dimensions, by)) return fromDict(orders.dimensions[by], `'${by}' dimension`);
      throw new RangeError(`breakdown by '${by}': not a role (channel, region, category, product), a derived attribute (firstProduct, firstCategory, firstOrderValue, cohort) or a dimension of the table (${Object.keys(orders.dimensions ?? {}).join(', ') || 'none'})`);
  }
}

/** First and last row of every customer code (−1 when it has none). */
function firstLastRows(orders: OrderTable): { first: Int32Array; last: Int32Array } {
  const nCodes = orders.customer.values.length;
  const first = new Int32Array(nCodes).fill(-1);
  const last = new Int32Array(nCodes).fill(-1);
  const codes = orders.customer.codes;
  for (let i = 0; i < orders.length; i++) {
    const c = codes[i];
    if (first[c] < 0) first[c] = i;
    last[c] = i;
  }
  return { first, last };
}

/** Value code per customer under `assign`: −1 no value, −2 no orders. */
function customerValues(orders: OrderTable, obs: Observations, assign: SegmentAssign): Int32Array {
  const nCodes = orders.customer.values.length;
  const { first, last } = firstLastRows(orders);
  const out = new Int32Array(nCodes);
  for (let c = 0; c < nCodes; c++) out[c] = first[c] < 0 ? -2 : -1;
  const cust = orders.customer.codes;
  const m = obs.codes.length;
  const rowOf = obs.row;
  if (assign !== 'most') {
    const target = assign === 'first' ? first : last;
    // The deciding order's value: its first observation (lowest index) wins.
    for (let j = 0; j < m; j++) {
      const row = rowOf ? rowOf[j] : j;
      const c = cust[row];
      if (target[c] === row && out[c] === -1) out[c] = obs.codes[j];
    }
    return out;
  }
  // 'most': observations grouped by value (counting sort, stable), counted per customer with a
  // stamp per value so no customer × value table is needed. Ties: the value whose first
  // observation for that customer has the lower row (then line) index.
  const nValues = obs.values.length;
  const start = new Int32Array(nValues + 1);
  for (let j = 0; j < m; j++) start[obs.codes[j] + 1]++;
  for (let v = 0; v < nValues; v++) start[v + 1] += start[v];
  const fill = start.slice(0, nValues);
  const byValue = new Int32Array(m);
  for (let j = 0; j < m; j++) byValue[fill[obs.codes[j]]++] = j;
  const stamp = new Int32Array(nCodes).fill(-1);
  const count = new Int32Array(nCodes);
  const firstSeen = new Float64Array(nCodes); // row·(m+1) + line of the first observation of the current value
  const bestCount = new Int32Array(nCodes);
  const bestFirst = new Float64Array(nCodes);
  for (let v = 0; v < nValues; v++) {
    for (let k = start[v]; k < start[v + 1]; k++) {
      const j = byValue[k];
      const row = rowOf ? rowOf[j] : j;
      const c = cust[row];
      const at = row * (m + 1) + j;
      if (stamp[c] !== v) {
        stamp[c] = v;
        count[c] = 0;
        firstSeen[c] = at;
      } else if (at < firstSeen[c]) firstSeen[c] = at;
      count[c]++;
    }
    // Settle this value for the customers it touched.
    for (let k = start[v]; k < start[v + 1]; k++) {
      const j = byValue[k];
      const c = cust[rowOf ? rowOf[j] : j];
      if (stamp[c] !== v) continue;
      stamp[c] = -1 - v; // settle once
      if (count[c] > bestCount[c] || (count[c] === bestCount[c] && firstSeen[c] < bestFirst[c])) {
        bestCount[c] = count[c];
        bestFirst[c] = firstSeen[c];
        out[c] = v;
      }
    }
  }
  return out;
}

function cohortValues(orders: OrderTable, period: Period): { valueOf: Int32Array; values: string[] } {
  const nCodes = orders.customer.values.length;
  const { first } = firstLastRows(orders);
  const valueOf = new Int32Array(nCodes).fill(-2);
  if (orders.length === 0) return { valueOf, values: [] };
  const p0 = periodIndex(period, orders.day[0]);
  const nPeriods = periodIndex(period, orders.day[orders.length - 1]) - p0 + 1;
  const used = new Uint8Array(nPeriods);
  for (let c = 0; c < nCodes; c++) {
    if (first[c] < 0) continue;
    const p = periodIndex(period, orders.day[first[c]]) - p0;
    valueOf[c] = p;
    used[p] = 1;
  }
  // Value codes are period offsets; keys for periods without customers are never shown.
  const values = Array.from({ length: nPeriods }, (_, p) => (used[p] ? periodKey(period, p0 + p) : ''));
  return { valueOf, values };
}

/** `x` rounded to 2 significant digits (183.4 → 180, 37.25 → 37, 0.456 → 0.46). */
function nice(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const scale = Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 1);
  return Number((Math.round(x / scale) * scale).toPrecision(12));
}

/**
 * Edges of the `firstOrderValue` bands: the type-7 quantiles at 1/k, 2/k, … (k−1)/k of the
 * customers' first-order values, each rounded to 2 significant digits so a band reads "¥180–¥260",
 * duplicates dropped (a heavily tied value gives fewer bands). Quantile bands rather than fixed-width
 * ones because first-order values are skewed (lognormal-like): fixed widths would put most customers
 * in the first band. Band keys are half-open intervals `[lo,hi)`, with an empty side when unbounded:
 * `[,20)`, `[20,50)`, `[50,)`.
 * @example firstOrderValueBands(Float64Array.of(5, 10, 20, 40, 80, 160), 3) // [17, 47]
 */
export function firstOrderValueBands(firstValues: Float64Array, k: number): number[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`bands must be a positive integer, got ${k}`);
  const sorted = firstValues.slice().sort();
  const edges: number[] = [];
  for (let q = 1; q < k; q++) {
    const e = nice(quantileSorted(sorted, q / k));
    if (!Number.isNaN(e) && e > (edges[edges.length - 1] ?? -Infinity) && e > sorted[0]) edges.push(e);
  }
  return edges;
}

/** The key of band b (0 … edges.length) of {@link firstOrderValueBands}. */
export function bandKey(edges: readonly number[], b: number): string {
  return `[${b > 0 ? edges[b - 1] : ''},${b < edges.length ? edges[b] : ''})`;
}

function valueBands(orders: OrderTable, k: number): { valueOf: Int32Array; values: string[]; edges: number[] } {
  if (!orders.hasAmount) throw new RangeError("breakdown by 'firstOrderValue': the table has no amount column");
  const nCodes = orders.customer.values.length;
  const { first } = firstLastRows(orders);
  const firstValues: number[] = [];
  for (let c = 0; c < nCodes; c++) if (first[c] >= 0) firstValues.push(orders.amount[first[c]]);
  const edges = firstOrderValueBands(Float64Array.from(firstValues), k);
  const valueOf = new Int32Array(nCodes).fill(-2);
  for (let c = 0; c < nCodes; c++) {
    if (first[c] < 0) continue;
    const x = orders.amount[first[c]];
    let b = 0;
    while (b < edges.length && x >= edges[b]) b++;
    valueOf[c] = b;
  }
  return { valueOf, values: edges.concat(0).map((_, b) => bandKey(edges, b)), edges };
}

const sum = (xs: Int32Array): number => xs.reduce((s, x) => s + x, 0);

/** Defines `key` on `target` as computed on first read, then a plain enumerable data property. */
function lazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get(): T[K] {
      const value = compute();
      Object.defineProperty(target, key, { value, configurable: true, enumerable: true, writable: false });
      return value;
    },
  });
}

/**
 * One OrderTable per segment, built in one grouping pass (not one filter per segment): rows are
 * bucketed by their customer's segment in table order (so each bucket stays sorted by day), then each
 * column is gathered once. Customers are re-coded within each segment in order of first appearance
 * (`customer.values` holds only the segment's ids), so per-customer state in the analyses is sized to
 * the segment, not to the whole base; every other dictionary shares its `values` with the input.
 * Invoice lines follow their orders, with `lines.order` remapped. Only customer, day and amount are
 * copied up front; order, channel, region, dimensions and lines are gathered on first read.
 * @example segmentTables(orders, assignSegments(orders, { by: 'channel' }).segmentOf, 3)
 */
export function segmentTables(orders: OrderTable, segmentOf: Int32Array, nSegments: number): OrderTable[] {
  const n = orders.length;
  const cust = orders.customer.codes;
  const ids = orders.customer.values;
  const rowStart = new Int32Array(nSegments + 1);
  for (let i = 0; i < n; i++) rowStart[segmentOf[cust[i]] + 1]++;
  for (let s = 0; s < nSegments; s++) rowStart[s + 1] += rowStart[s];
  const fill = rowStart.slice(0, nSegments);
  const rows = new Int32Array(n);
  const newRow = new Int32Array(n);
  const localCode = new Int32Array(ids.length).fill(-1);
  const localCount = new Int32Array(nSegments);
  const localIds: string[][] = Array.from({ length: nSegments }, () => []);
  const newCust = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = cust[i];
    const s = segmentOf[c];
    const at = fill[s]++;
    rows[at] = i;
    newRow[i] = at - rowStart[s];
    let lc = localCode[c];
    if (lc < 0) {
      lc = localCode[c] = localCount[s]++;
      localIds[s].push(ids[c]);
    }
    newCust[at] = lc;
  }

  const gatherCodes = (d: Dictionary, lo: number, hi: number): Dictionary => {
    const codes = new Int32Array(hi - lo);
    const src = d.codes;
    for (let k = lo; k < hi; k++) codes[k - lo] = src[rows[k]];
    return { codes, values: d.values };
  };

  // Lines bucketed by the segment of their order, in line order: done once, for every segment, the
  // first time any segment's lines are read.
  const lines = orders.lines;
  let lineBuckets: { start: Int32Array; idx: Int32Array } | null = null;
  const bucketLines = (l: OrderLines): { start: Int32Array; idx: Int32Array } => {
    if (lineBuckets) return lineBuckets;
    const m = l.length;
    const start = new Int32Array(nSegments + 1);
    for (let j = 0; j < m; j++) start[segmentOf[cust[l.order[j]]] + 1]++;
    for (let s = 0; s < nSegments; s++) start[s + 1] += start[s];
    const lfill = start.slice(0, nSegments);
    const idx = new Int32Array(m);
    for (let j = 0; j < m; j++) idx[lfill[segmentOf[cust[l.order[j]]]]++] = j;
    return (lineBuckets = { start, idx });
  };
  const segmentLines = (l: OrderLines, s: number): OrderLines => {
    const { start, idx } = bucketLines(l);
    const llo = start[s];
    const lhi = start[s + 1];
    const ln = lhi - llo;
    const order = new Int32Array(ln);
    const lineAmount = new Float64Array(ln);
    const srcOrder = l.order;
    const srcAmount = l.amount;
    for (let k = llo; k < lhi; k++) {
      const j = idx[k];
      order[k - llo] = newRow[srcOrder[j]];
      lineAmount[k - llo] = srcAmount[j];
    }
    const pick = (d: Dictionary): Dictionary => {
      const codes = new Int32Array(ln);
      const src = d.codes;
      for (let k = llo; k < lhi; k++) codes[k - llo] = src[idx[k]];
      return { codes, values: d.values };
    };
    const out: { -readonly [K in keyof OrderLines]: OrderLines[K] } = { length: ln, order, amount: lineAmount };
    if (l.product) out.product = pick(l.product);
    if (l.category) out.category = pick(l.category);
    return out;
  };

  const srcDay = orders.day;
  const srcAmount = orders.amount;
  const out: OrderTable[] = [];
  for (let s = 0; s < nSegments; s++) {
    const lo = rowStart[s];
    const hi = rowStart[s + 1];
    const len = hi - lo;
    const day = new Int32Array(len);
    const amount = new Float64Array(len);
    for (let k = lo; k < hi; k++) {
      const i = rows[k];
      day[k - lo] = srcDay[i];
      amount[k - lo] = srcAmount[i];
    }
    const t: { -readonly [K in keyof OrderTable]: OrderTable[K] } = {
      length: len,
      customer: { codes: newCust.slice(lo, hi), values: localIds[s] },
      day,
      amount,
      hasAmount: orders.hasAmount,
      timeZone: orders.timeZone,
    };
    // The other columns are gathered when first read: most analyses read only customer, day and
    // amount, and copying every column of every segment up front cost several times a cheap
    // analysis (cohorts) on 1M orders. A read replaces the getter with the value (structured clone
    // reads getters too, so a table posted to a worker carries every column).
    const order = orders.order;
    if (order) lazy(t, 'order', () => gatherCodes(order, lo, hi));
    const channel = orders.channel;
    if (channel) lazy(t, 'channel', () => gatherCodes(channel, lo, hi));
    const region = orders.region;
    if (region) lazy(t, 'region', () => gatherCodes(region, lo, hi));
    const dimensions = orders.dimensions;
    if (dimensions) {
      lazy(t, 'dimensions', () => {
        const dims: Record<string, Dictionary> = {};
        for (const [name, d] of Object.entries(dimensions)) dims[name] = gatherCodes(d, lo, hi);
        return dims;
      });
    }
    if (lines) lazy(t, 'lines', () => segmentLines(lines, s));
    out.push(t);
  }
  return out;
}
