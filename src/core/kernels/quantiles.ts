/**
 * Quantiles for the descriptive analyses.
 *
 * Definition used everywhere: Hyndman & Fan (1996) type 7 (the default of R's `quantile` and of
 * NumPy's `percentile`): for sorted values x[0..n-1] and probability q, h = (n − 1)·q and the
 * quantile is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Hyndman, R. J. & Fan, Y. (1996), "Sample
 * quantiles in statistical packages", The American Statistician 50(4), 361–365.
 */

/**
 * Type-7 quantile of already sorted values; NaN when empty.
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** k-th smallest value (0-based) of a multiset given as counts per integer value. */
function orderStatistic(counts: ArrayLike<number>, k: number): number {
  let seen = 0;
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v];
    if (seen > k) return v;
  }
  return counts.length - 1;
}

/**
 * Type-7 quantile of non-negative integers given as `counts[value]` (no sort needed: intervals
 * and order counts are small integers). NaN when the multiset is empty.
 * @example quantileOfCounts(Int32Array.of(0, 2, 0, 1), 0.5) // values {1,1,3} → 1
 */
export function quantileOfCounts(counts: ArrayLike<number>, q: number): number {
  let n = 0;
  for (let v = 0; v < counts.length; v++) n += counts[v];
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = orderStatistic(counts, lo);
  if (h === lo) return a;
  const b = orderStatistic(counts, lo + 1);
  return a + (h - lo) * (b - a);
}

/** Count, mean and quartiles of a distribution. Values in the unit of the input (e.g. days). */
export interface DistributionSummary {
  count: number;
  mean: number;
  p25: number;
  median: number;
  p75: number;
}

/**
 * Count, mean and type-7 quartiles of integers given as counts per value; NaN statistics when empty.
 * @example summarizeCounts(Int32Array.of(0, 2, 0, 1)) // { count: 3, mean: 5/3, p25: 1, median: 1, p75: 2 }
 */
export function summarizeCounts(counts: ArrayLike<number>): DistributionSummary {
  let n = 0;
  let sum = 0;
  for (let v = 0; v < counts.length; v++) {
    n += counts[v];
    sum += v * counts[v];
  }
  return {
    count: n,
    mean: n ? sum / n : NaN,
    p25: quantileOfCounts(counts, 0.25),
    median: quantileOfCounts(counts, 0.5),
    p75: quantileOfCounts(counts, 0.75),
  };
}
