/**
 * Order statistics (the k-th smallest values) of a Float64Array without sorting it: an MSD radix
 * select on the IEEE-754 bit patterns (the selection half of radix sort; see Knuth, TAOCP vol. 3,
 * §5.2.5). The doubles are read as 64-bit keys whose unsigned order is the numeric order, 16 bits at a
 * time: one histogram pass over all values finds the bucket holding each wanted rank, and only those
 * buckets are looked at again. Cost O(n) instead of the O(n log n) of a sort, and no comparator calls.
 *
 * The order is exactly that of `Float64Array.prototype.sort`: ascending, −0 before +0, NaN last.
 */

/** Typed arrays use the platform's byte order; the word layout below assumes little-endian (every browser CPU in practice). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Candidate sets this small are sorted natively instead of histogrammed (a 65536-bucket pass costs about as much). */
const SORT_BELOW = 2048;
const BUCKETS = 1 << 16;
const SIGN = 0x80000000;

/**
 * Unsigned 32-bit word `part` (0 = most significant) of the order key of a double given as its
 * (hi, lo) words: positive numbers get the sign bit set, negative numbers are bit-inverted, NaN is the
 * largest key.
 */
function keyWord(hi: number, lo: number, part: number): number {
  const mag = hi & 0x7fffffff;
  if (mag > 0x7ff00000 || (mag === 0x7ff00000 && lo !== 0)) return 0xffffffff; // NaN sorts last
  if (hi & SIGN) return part === 0 ? ~hi >>> 0 : ~lo >>> 0;
  return part === 0 ? (hi | SIGN) >>> 0 : lo >>> 0;
}

/** 16-bit digit `level` (0…3, most significant first) of the key of value `i`. */
function digit(words: Uint32Array, i: number, level: number): number {
  const w = keyWord(words[2 * i + 1], words[2 * i], level >> 1);
  return level & 1 ? w & 0xffff : w >>> 16;
}

/**
 * The values of ascending rank `ranks[k]` (0-based) of `values`, as `values.slice().sort()[ranks[k]]`
 * would give them, without sorting. Ranks must be integers in 0…length − 1, in any order, repeats allowed.
 *
 * @example orderStatistics(Float64Array.of(5, -1, 3, NaN, 3), [0, 2, 4]) // Float64Array [-1, 3, NaN]
 */
export function orderStatistics(values: Float64Array, ranks: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(ranks.length);
  for (let k = 0; k < ranks.length; k++) {
    const r = ranks[k];
    if (!Number.isInteger(r) || r < 0 || r >= n) throw new RangeError(`rank ${r} is not an integer in 0…${n - 1}`);
  }
  if (ranks.length === 0) return out;
  if (!LITTLE_ENDIAN || n < SORT_BELOW) {
    const sorted = values.slice().sort();
    for (let k = 0; k < ranks.length; k++) out[k] = sorted[ranks[k]];
    return out;
  }
  // Targets in ascending rank order, so one walk over a histogram places all of them.
  const order = Array.from({ length: ranks.length }, (_, k) => k).sort((a, b) => ranks[a] - ranks[b]);
  const targetRanks = order.map((k) => ranks[k]);
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  select(values, words, null, n, 0, targetRanks, order, out, new Int32Array(BUCKETS));
  return out;
}

/**
 * Writes into `out[slots[t]]` the value of rank `targetRanks[t]` (ascending) among the candidates:
 * the indices `cand[0…m)` (or 0…m − 1 when `cand` is null), which share their first `level` digits.
 */
function select(
  values: Float64Array,
  words: Uint32Array,
  cand: Int32Array | null,
  m: number,
  level: number,
  targetRanks: number[],
  slots: number[],
  out: Float64Array,
  hist: Int32Array,
): void {
  if (level === 4) {
    // Every candidate has the same key, hence the same value.
    for (let t = 0; t < slots.length; t++) out[slots[t]] = values[cand ? cand[0] : 0];
    return;
  }
  if (m < SORT_BELOW) {
    const sub = new Float64Array(m);
    for (let i = 0; i < m; i++) sub[i] = values[cand ? cand[i] : i];
    sub.sort();
    for (let t = 0; t < slots.length; t++) out[slots[t]] = sub[targetRanks[t]];
    return;
  }
  hist.fill(0);
  if (cand) for (let i = 0; i < m; i++) hist[digit(words, cand[i], level)]++;
  else for (let i = 0; i < m; i++) hist[digit(words, i, level)]++;

  // Bucket of each target and the target's rank inside it; targets sharing a bucket form a group.
  const groupBucket: number[] = [];
  const groupBase: number[] = [];
  const groupOfTarget: number[] = [];
  let bucket = 0;
  let below = 0; // candidates in buckets before `bucket`
  for (let t = 0; t < targetRanks.length; t++) {
    while (below + hist[bucket] <= targetRanks[t]) below += hist[bucket++];
    if (groupBucket.length === 0 || groupBucket[groupBucket.length - 1] !== bucket) {
      groupBucket.push(bucket);
      groupBase.push(below);
    }
    groupOfTarget.push(groupBucket.length - 1);
  }
  // Gather each group's candidates in one pass; the histogram is reused as the bucket → group map
  // (negative entries mark the wanted buckets) since its counts are no longer needed.
  const lists = groupBucket.map((b) => new Int32Array(hist[b]));
  const fill = new Int32Array(groupBucket.length);
  for (let g = 0; g < groupBucket.length; g++) hist[groupBucket[g]] = -(g + 1);
  for (let i = 0; i < m; i++) {
    const idx = cand ? cand[i] : i;
    const h = hist[digit(words, idx, level)];
    if (h < 0) {
      const g = -h - 1;
      lists[g][fill[g]++] = idx;
    }
  }
  for (let g = 0; g < groupBucket.length; g++) {
    const subRanks: number[] = [];
    const subSlots: number[] = [];
    for (let t = 0; t < targetRanks.length; t++) {
      if (groupOfTarget[t] !== g) continue;
      subRanks.push(targetRanks[t] - groupBase[g]);
      subSlots.push(slots[t]);
    }
    select(values, words, lists[g], lists[g].length, level + 1, subRanks, subSlots, out, hist);
  }
}
