/**
 * Honest segment comparisons: each segment's rate with a 95 % Wilson interval, and a flag only where
 * it differs from the rest of the customers beyond chance, after correcting for the number of
 * segments compared.
 */
import { assignSegments, type Breakdown, type BreakdownOptions } from './breakdown.js';
import { customerOutcome, type CustomerOutcome, type OutcomeOptions } from './customer-outcome.js';
import type { OrderTable } from './order-table.js';
import { holmAdjust, twoProportionZTest, wilsonInterval, Z_95 } from './kernels/proportions.js';

/** Segments smaller than this are shown but never flagged (default of `minSize`). */
export const DEFAULT_MIN_SEGMENT_SIZE = 30;

export interface CompareOptions {
  /** Segments with fewer eligible customers (n) are shown but not tested; default 30. */
  minSize?: number;
  /** Family-wise error rate of the flags; default 0.05. */
  alpha?: number;
}

/** Successes of n, the counts behind one rate. */
export interface RateCounts {
  successes: number;
  n: number;
}

export interface SegmentRate {
  key: string;
  /** Customers in the segment (eligible or not). */
  customers: number;
  /** Eligible customers: the rate's denominator. */
  n: number;
  successes: number;
  /** successes / n (NaN when n = 0). */
  rate: number;
  /** 95 % Wilson score interval of the rate. */
  low: number;
  high: number;
  /** The rate of every other customer of the breakdown, and its counts. */
  restN: number;
  restSuccesses: number;
  restRate: number;
  /** Two-sided p-value of the pooled two-proportion z test, segment vs rest; NaN when not tested. */
  pValue: number;
  /** Holm-adjusted p-value over the tested segments; NaN when not tested. */
  adjustedP: number;
  /** 'higher' / 'lower' when adjustedP < alpha; null otherwise (and for untested segments). */
  differs: 'higher' | 'lower' | null;
  /** n < minSize: shown, not tested, never flagged. */
  belowMinSize: boolean;
}

export interface SegmentComparison {
  /** Overall rate over every segment. */
  n: number;
  successes: number;
  rate: number;
  alpha: number;
  minSize: number;
  /** Number of segments tested (the m of Holm's correction). */
  tested: number;
  /** Always 'holm' (documented on {@link compareSegments}). */
  correction: 'holm';
  segments: SegmentRate[];
}

/**
 * Compares every segment's rate with the rest of the customers.
 *
 * `rateOf` is either a per-customer outcome (from {@link customerOutcome} on the same table the
 * breakdown was made from, counted through `breakdown.segmentOf`) or a function giving the counts of
 * a segment's table (any per-customer proportion: the rest's counts are the other segments' sums, so
 * the counts must be of customers, each in one segment).
 *
 * Statistics: 95 % Wilson score interval per segment (Wilson 1927); segment vs rest by the pooled
 * two-proportion z test (two-sided); Holm's step-down correction (Holm 1979) over the segments with
 * n ≥ minSize and a non-empty rest. Holm rather than Bonferroni: both keep the chance of any false
 * flag among the segments at α under any dependence (the tests share the rest's customers), Holm
 * flags at least as much. Small segments are not tested (their z approximation is poor and they
 * would spend the correction's budget on noise) but keep their interval.
 *
 * @example
 * const b = breakdown(orders, { by: 'channel' });
 * const c = compareSegments(b, customerOutcome(orders, { target: 'repurchase', withinDays: 90 }));
 * c.segments.filter((s) => s.differs === 'higher').map((s) => s.key); // ['app']
 */
export function compareSegments<S extends { key: string; customers: number }>(
  b: { segmentOf: Int32Array; segments: readonly S[] },
  rateOf: CustomerOutcome | ((segment: S, index: number) => RateCounts),
  options: CompareOptions = {},
): SegmentComparison {
  const k = b.segments.length;
  const succ = new Float64Array(k);
  const n = new Float64Array(k);
  if (typeof rateOf === 'function') {
    b.segments.forEach((s, i) => {
      const r = rateOf(s, i);
      succ[i] = r.successes;
      n[i] = r.n;
    });
  } else {
    if (rateOf.eligible.length !== b.segmentOf.length) throw new RangeError('the outcome and the breakdown come from different tables (customer counts differ)');
    for (let c = 0; c < b.segmentOf.length; c++) {
      const s = b.segmentOf[c];
      if (s < 0 || !rateOf.eligible[c]) continue;
      n[s]++;
      succ[s] += rateOf.success[c];
    }
  }
  return compareCounts(b.segments.map((s, i) => ({ key: s.key, customers: s.customers, successes: succ[i], n: n[i] })), options);
}

/**
 * The statistics of {@link compareSegments} on plain counts (one entry per segment, segments
 * disjoint). Exposed for rates computed elsewhere (the warehouse SQL's per-segment counts).
 * @example compareCounts([{ key: 'a', customers: 100, successes: 60, n: 100 }, { key: 'b', customers: 100, successes: 40, n: 100 }])
 */
export function compareCounts(rows: { key: string; customers: number; successes: number; n: number }[], options: CompareOptions = {}): SegmentComparison {
  const minSize = options.minSize ?? DEFAULT_MIN_SEGMENT_SIZE;
  const alpha = options.alpha ?? 0.05;
  let totalN = 0;
  let totalS = 0;
  for (const r of rows) {
    totalN += r.n;
    totalS += r.successes;
  }
  const p = rows.map((r) => {
    const restN = totalN - r.n;
    return r.n >= minSize && restN > 0 ? twoProportionZTest(r.successes, r.n, totalS - r.successes, restN).p : NaN;
  });
  const adjusted = holmAdjust(p);
  let tested = 0;
  const segments: SegmentRate[] = rows.map((r, i) => {
    const restN = totalN - r.n;
    const restSuccesses = totalS - r.successes;
    const rate = r.n > 0 ? r.successes / r.n : NaN;
    const restRate = restN > 0 ? restSuccesses / restN : NaN;
    const { low, high } = wilsonInterval(r.successes, r.n, Z_95);
    if (!Number.isNaN(p[i])) tested++;
    const flagged = adjusted[i] < alpha && rate !== restRate;
    return {
      key: r.key,
      customers: r.customers,
      n: r.n,
      successes: r.successes,
      rate,
      low,
      high,
      restN,
      restSuccesses,
      restRate,
      pValue: p[i],
      adjustedP: adjusted[i],
      differs: flagged ? (rate > restRate ? 'higher' : 'lower') : null,
      belowMinSize: r.n < minSize,
    };
  });
  return { n: totalN, successes: totalS, rate: totalN ? totalS / totalN : NaN, alpha, minSize, tested, correction: 'holm', segments };
}

/**
 * Breakdown plus comparison in one call: each segment's repurchase / churn / high-value rate against
 * the rest. The segment tables are not built (only the assignment is needed).
 * @example segmentRates(orders, { by: 'channel', target: 'repurchase', withinDays: 90 }).segments[0]
 */
export function segmentRates(orders: OrderTable, options: BreakdownOptions & OutcomeOptions & CompareOptions): SegmentComparison & { by: Breakdown['by']; assign: Breakdown['assign'] } {
  const a = assignSegments(orders, options);
  const segments = a.keys.map((key, s) => ({ key, customers: a.customers[s] }));
  const result = compareSegments({ segmentOf: a.segmentOf, segments }, customerOutcome(orders, options), options);
  return { by: options.by, assign: a.assign, ...result };
}
