/**
 * Repurchase analysis (复购分析): how many customers buy again (复购率), how long they take (复购周期),
 * how often they buy (复购频率), per period and per product or category.
 */
import { DEFAULT_PERIOD, periodIndex, periodKey, periodStart, type Period } from './calendar.js';
import type { Dictionary, OrderTable } from './order-table.js';
import { summarizeCounts, quantileSorted, type DistributionSummary } from './kernels/quantiles.js';
import { DEFAULT_DAY_BINS, histogramOfCounts, type DayHistogram } from './kernels/histogram.js';

export interface RepurchaseOptions {
  /** Window N (days) of `repeatedWithinNDays`; default 30. */
  withinDays?: number;
  /** Period of the per-period table; default 'month'. */
  period?: Period;
  /** Lower bin edges (days) of the interval histograms; default {@link DEFAULT_DAY_BINS}. */
  binDays?: readonly number[];
  /** Largest order count with its own bucket in `frequencyDistribution`; default 10 (the last bucket is "10 or more"). */
  maxOrdersBucket?: number;
}

/** Distribution of a number of days with its histogram. */
export interface DaysDistribution extends DistributionSummary {
  histogram: DayHistogram;
}

export interface RepurchasePeriodRow {
  /** Period key (`YYYY-MM`, `YYYY-Www`, `YYYY-MM-DD`). */
  period: string;
  /** Distinct customers with an order in the period. */
  buyers: number;
  /** Buyers with a second, later purchase day in the same period. */
  repeatersWithinPeriod: number;
  /** repeatersWithinPeriod / buyers (0 when no buyers). */
  repeatedWithinPeriod: number;
  /** Buyers with another purchase day within N days after their first purchase day in the period. */
  repeatersWithinNDays: number;
  /** repeatersWithinNDays / buyers (0 when no buyers). */
  repeatedWithinNDays: number;
  /** The period runs past the last day of the data (its shares are lower bounds). */
  partial: boolean;
  /** Some buyer's N-day window runs past the last day of the data (the N-day share is a lower bound). */
  windowCensored: boolean;
}

export interface ItemRepurchase {
  /** Product (or category) value. */
  product: string;
  /** Distinct customers who bought it. */
  buyers: number;
  /** Customers who bought it on at least 2 distinct days. */
  repeatBuyers: number;
  /** repeatBuyers / buyers. */
  repurchaseRate: number;
  /** Type-7 median of the days between consecutive distinct days a customer bought it; NaN when no repeat. */
  medianCycleDays: number;
}

export interface Repurchase {
  withinDays: number;
  period: Period;
  /** Customers with at least one order. */
  customers: number;
  /** Customers with at least 2 orders (two orders on one day count). */
  repeatCustomers: number;
  /** repeatCustomers / customers. */
  repurchaseRate: number;
  /** Customers with at least 2 distinct purchase days. */
  repeatPurchaseDayCustomers: number;
  /** Days between consecutive distinct purchase days of a customer (all customers pooled). */
  intervalDays: DaysDistribution;
  /** Days from a customer's first purchase day to the second, over customers with a second purchase day. */
  timeToSecondOrder: DaysDistribution;
  /**
   * Customers by number of orders: `orders` = 1 … maxOrdersBucket; the last entry (`orPlus: true`)
   * counts customers with maxOrdersBucket or more orders.
   */
  frequencyDistribution: { orders: number; customers: number; orPlus: boolean }[];
  /** Average order value (客单价): revenue / orders; NaN when the table has no amounts. */
  aov: number;
  ordersPerCustomer: number;
  perPeriod: RepurchasePeriodRow[];
  /** Per product, sorted by repeat buyers then buyers (descending); present when lines carry products. */
  byProduct?: ItemRepurchase[];
  /** Per category, same shape; present when lines carry categories. */
  byCategory?: ItemRepurchase[];
}

/**
 * Repurchase statistics in one pass over the orders in day order (plus one over the lines).
 *
 * Per-period definitions, for period P and each buyer (customer with an order in P) with first
 * purchase day f in P:
 * - repeatedWithinPeriod: share of P's buyers with another purchase day d > f inside P.
 * - repeatedWithinNDays: share of P's buyers with another purchase day d in (f, f + N], which may lie
 *   in a later period.
 * Censoring: the data end cuts off both windows. `partial` marks a period that runs past the last day
 * of the data; `windowCensored` marks a period where some buyer has f + N beyond it. Both shares are
 * then lower bounds; do not compare them with complete periods.
 *
 * @example
 * const r = repurchase(orders, { withinDays: 30, period: 'month' });
 * r.repurchaseRate; r.intervalDays.median; r.perPeriod[0].repeatedWithinNDays;
 */
export function repurchase(orders: OrderTable, options: RepurchaseOptions = {}): Repurchase {
  const withinDays = options.withinDays ?? 30;
  const period = options.period ?? DEFAULT_PERIOD;
  const binDays = options.binDays ?? DEFAULT_DAY_BINS;
  const maxBucket = Math.max(1, options.maxOrdersBucket ?? 10);
  const n = orders.length;
  const nCodes = orders.customer.values.length;
  const codes = orders.customer.codes;
  const days = orders.day;
  const amounts = orders.amount;

  // Per-customer state packed in one Int32Array, 4 slots per customer (16 bytes, four customers per
  // 64-byte cache line): the cost of this pass is the random access to customer state, and packing
  // makes it one cache line per row instead of one per array. Days are stored
  // relative to the day before the first order, so 0 means "none" and a fresh array needs no init.
  const S = 4;
  const FIRST = 0; // first purchase day
  const LAST = 1; // latest purchase day
  const COUNT = 2; // orders
  const FIRST_IN_PERIOD = 3; // first purchase day in the period of the latest purchase
  const state = new Int32Array(nCodes * S);
  const base = n ? days[0] - 1 : 0;
  const span = n ? days[n - 1] - base : 0; // relative days run 1 … span

  // Period (relative to the first one) of every relative day: a lookup small enough for L1, so the
  // period of a customer's first-in-period day need not be stored. Entry 0 ("no day") is -1.
  const p0 = n ? periodIndex(period, days[0]) : 0;
  const nPeriods = n ? periodIndex(period, days[n - 1]) - p0 + 1 : 0;
  const dayPeriod = new Int32Array(span + 1);
  dayPeriod[0] = -1;
  for (let r = 1; r <= span; r++) dayPeriod[r] = periodIndex(period, base + r) - p0;
  const buyers = new Int32Array(nPeriods);
  const inPeriod = new Int32Array(nPeriods);
  const withinN = new Int32Array(nPeriods);
  const latestFirst = new Int32Array(nPeriods);
  const gapCounts = new Int32Array(n ? span : 1); // gaps between purchase days
  const secondCounts = new Int32Array(gapCounts.length); // first to second purchase day

  let revenue = 0;
  let customers = 0;
  let repeatDayCustomers = 0;
  for (let i = 0; i < n; i++) {
    const k = codes[i] * S;
    const r = days[i] - base;
    revenue += amounts[i];
    state[k + COUNT]++;
    const prev = state[k + LAST];
    if (prev === r) continue; // same purchase day: nothing new for day-based statistics
    const p = dayPeriod[r];
    const firstInPeriod = state[k + FIRST_IN_PERIOD];
    const lastP = dayPeriod[firstInPeriod]; // period of the latest purchase, -1 before the first
    if (prev === 0) {
      state[k + FIRST] = r;
      customers++;
    } else {
      gapCounts[r - prev]++;
      if (prev === state[k + FIRST]) {
        // r is the customer's second purchase day.
        repeatDayCustomers++;
        secondCounts[r - prev]++;
      }
      // The next purchase day after a first-in-period day closes that period's N-day window.
      if (prev === firstInPeriod) {
        if (r - prev <= withinDays) withinN[lastP]++;
        if (lastP === p) inPeriod[p]++; // the second distinct day in the same period
      }
    }
    if (lastP !== p) {
      state[k + FIRST_IN_PERIOD] = r;
      buyers[p]++;
      latestFirst[p] = r + base;
    }
    state[k + LAST] = r;
  }

  const freq = new Array<number>(maxBucket).fill(0);
  let repeatCustomers = 0;
  for (let k = COUNT; k < state.length; k += S) {
    const count = state[k];
    if (count === 0) continue;
    if (count >= 2) repeatCustomers++;
    freq[Math.min(count, maxBucket) - 1]++;
  }

  const lastDataDay = n ? days[n - 1] : 0;
  const perPeriod: RepurchasePeriodRow[] = [];
  for (let p = 0; p < nPeriods; p++) {
    const b = buyers[p];
    perPeriod.push({
      period: periodKey(period, p0 + p),
      buyers: b,
      repeatersWithinPeriod: inPeriod[p],
      repeatedWithinPeriod: b ? inPeriod[p] / b : 0,
      repeatersWithinNDays: withinN[p],
      repeatedWithinNDays: b ? withinN[p] / b : 0,
      partial: periodStart(period, p0 + p + 1) - 1 > lastDataDay,
      windowCensored: b > 0 && latestFirst[p] + withinDays > lastDataDay,
    });
  }

  const result: Repurchase = {
    withinDays,
    period,
    customers,
    repeatCustomers,
    repurchaseRate: customers ? repeatCustomers / customers : 0,
    repeatPurchaseDayCustomers: repeatDayCustomers,
    intervalDays: { ...summarizeCounts(gapCounts), histogram: histogramOfCounts(gapCounts, binDays) },
    timeToSecondOrder: { ...summarizeCounts(secondCounts), histogram: histogramOfCounts(secondCounts, binDays) },
    frequencyDistribution: freq.map((customersWithK, i) => ({ orders: i + 1, customers: customersWithK, orPlus: i === maxBucket - 1 })),
    aov: orders.hasAmount && n ? revenue / n : NaN,
    ordersPerCustomer: customers ? n / customers : 0,
    perPeriod,
  };
  const lines = orders.lines;
  if (lines?.product) result.byProduct = itemRepurchase(orders, lines.order, lines.product);
  if (lines?.category) result.byCategory = itemRepurchase(orders, lines.order, lines.category);
  return result;
}

/**
 * Per-item buyers, repeat buyers and median cycle. Lines are counting-sorted by order row (day order)
 * and then, stably, by item, so each item's lines form one run in day order; within a run, per-customer
 * state is reset lazily by stamping the item number (no hash map of customer × item pairs).
 */
function itemRepurchase(orders: OrderTable, lineOrder: Int32Array, item: Dictionary): ItemRepurchase[] {
  const nLines = lineOrder.length;
  const nItems = item.values.length;
  // Lines in day order: as given when their order rows never decrease (the loader's layout), else sorted.
  let ordered = true;
  for (let i = 1; i < nLines && ordered; i++) if (lineOrder[i] < lineOrder[i - 1]) ordered = false;
  const byRow = ordered ? null : countingSort(lineOrder, orders.length, null);
  // Scatter (customer, day) of each line into its item's run; reading rows in order keeps this cache-friendly.
  const itemStart = new Int32Array(nItems + 1);
  for (let i = 0; i < nLines; i++) itemStart[item.codes[i] + 1]++;
  for (let it = 0; it < nItems; it++) itemStart[it + 1] += itemStart[it];
  const fill = itemStart.slice(0, nItems);
  const lineCustomer = new Int32Array(nLines);
  const lineDay = new Int32Array(nLines);
  const codes = orders.customer.codes;
  const days = orders.day;
  for (let j = 0; j < nLines; j++) {
    const line = byRow ? byRow[j] : j;
    const row = lineOrder[line];
    const at = fill[item.codes[line]]++;
    lineCustomer[at] = codes[row];
    lineDay[at] = days[row];
  }

  const nCodes = orders.customer.values.length;
  const stamp = new Int32Array(nCodes).fill(-1);
  const lastDay = new Int32Array(nCodes);
  const dayCount = new Int32Array(nCodes);
  const gaps = new Float64Array(nLines);
  const out: ItemRepurchase[] = [];
  for (let it = 0; it < nItems; it++) {
    let buyers = 0;
    let repeatBuyers = 0;
    let nGaps = 0;
    for (let j = itemStart[it]; j < itemStart[it + 1]; j++) {
      const c = lineCustomer[j];
      const d = lineDay[j];
      if (stamp[c] !== it) {
        stamp[c] = it;
        lastDay[c] = d;
        dayCount[c] = 1;
        buyers++;
      } else if (lastDay[c] !== d) {
        gaps[nGaps++] = d - lastDay[c];
        lastDay[c] = d;
        if (++dayCount[c] === 2) repeatBuyers++;
      }
    }
    if (buyers === 0) continue;
    out.push({
      product: item.values[it],
      buyers,
      repeatBuyers,
      repurchaseRate: repeatBuyers / buyers,
      medianCycleDays: quantileSorted(gaps.subarray(0, nGaps).sort(), 0.5),
    });
  }
  out.sort((a, b) => b.repeatBuyers - a.repeatBuyers || b.buyers - a.buyers || (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
  return out;
}

/**
 * Stable counting sort of indexes by `keys[index]` (keys in 0…nKeys−1). Visits indexes in the order of
 * `within` (or 0…n−1 when null) and returns them grouped by key.
 */
function countingSort(keys: Int32Array, nKeys: number, within: Int32Array | null): Int32Array {
  const n = keys.length;
  const next = new Int32Array(nKeys + 1);
  for (let i = 0; i < n; i++) next[keys[i] + 1]++;
  for (let k = 0; k < nKeys; k++) next[k + 1] += next[k];
  const out = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = within ? within[j] : j;
    out[next[keys[i]]++] = i;
  }
  return out;
}
