/**
 * The stable day sort every path ends with: orders come out in day order, ties in input order.
 * Shared by build.ts (general and one-row paths) and arrow-fast.ts, so all give the same order.
 */

/** Whether `keys[0, n)` never decreases. */
export function isNonDecreasing(keys: Int32Array, n: number): boolean {
  for (let i = 1; i < n; i++) if (keys[i] < keys[i - 1]) return false;
  return true;
}

/**
 * Whether a counting sort over [min, max] is reasonable for n keys: its table is then at most
 * about 4 ints per key (beyond that a comparison sort is cheaper than the memory).
 */
export function countingSortFits(min: number, max: number, n: number): boolean {
  return max - min + 1 <= 4 * n + 100_000;
}

/** Stable counting sort of `keys[0, n)` (all in [min, max]): position → original index. */
export function countingSortPermutation(keys: Int32Array, n: number, min: number, max: number): Int32Array {
  const range = max - min + 1;
  const start = new Int32Array(range + 1);
  for (let i = 0; i < n; i++) start[keys[i] - min + 1]++;
  for (let k = 1; k <= range; k++) start[k] += start[k - 1];
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[start[keys[i] - min]++] = i;
  return perm;
}

/**
 * Stable order of `keys` (ints): counting sort when the range is reasonable, else a comparison
 * sort on (key, index). Returns the permutation: position → original index.
 */
export function stableSortByKey(keys: Int32Array, n: number): Int32Array {
  if (n === 0) return new Int32Array(0);
  let min = keys[0], max = keys[0];
  for (let i = 1; i < n; i++) {
    const k = keys[i];
    if (k < min) min = k;
    if (k > max) max = k;
  }
  if (isNonDecreasing(keys, n)) { // already in order (files are usually written by date): identity
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    return perm;
  }
  if (!countingSortFits(min, max, n)) {
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    return perm.sort((a, b) => keys[a] - keys[b] || a - b);
  }
  return countingSortPermutation(keys, n, min, max);
}
