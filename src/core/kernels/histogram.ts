/**
 * Fixed-edge histograms of non-negative integer values (days, order counts).
 */

/**
 * Default bins for gaps in days: bin i holds values in [binDays[i], binDays[i+1]); the last bin is
 * open-ended ([365, ∞)). Chosen to match how operators talk about cycles (same day, a week, a month,
 * a quarter, half a year, a year).
 */
export const DEFAULT_DAY_BINS: readonly number[] = [0, 1, 7, 14, 30, 60, 90, 180, 365];

/** Histogram with lower bin edges; the last bin has no upper edge. */
export interface DayHistogram {
  /** Lower edge (inclusive) of each bin, ascending; bin i is [binDays[i], binDays[i+1]), the last is open-ended. */
  binDays: number[];
  /** Number of values in each bin (same length as `binDays`). */
  counts: number[];
}

/**
 * Bins integers given as `counts[value]` into a {@link DayHistogram}. Values below the first edge are
 * not counted (edges normally start at 0).
 * @example histogramOfCounts(Int32Array.of(1, 0, 3), [0, 2]) // { binDays: [0, 2], counts: [1, 3] }
 */
export function histogramOfCounts(counts: ArrayLike<number>, binDays: readonly number[] = DEFAULT_DAY_BINS): DayHistogram {
  const out = new Array<number>(binDays.length).fill(0);
  let bin = -1;
  for (let v = 0; v < counts.length; v++) {
    while (bin + 1 < binDays.length && v >= binDays[bin + 1]) bin++;
    if (bin >= 0) out[bin] += counts[v];
  }
  return { binDays: binDays.slice(), counts: out };
}
