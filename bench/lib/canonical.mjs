/**
 * The engine-neutral form of the four descriptive workloads' results, and the exact comparison the
 * benchmark uses to check that every engine computed the same thing. Runs in the page and in Node.
 *
 * W1 per-customer summary → totals over customers (exact: day numbers and counts are integers, and
 *    amounts are multiples of 0.25, so sums of them are exact doubles in any order).
 * W2 monthly cohort matrix of distinct customers → every non-zero (cohort month, age in months) cell.
 * W3 repurchase → customers, customers with ≥ 2 orders, and the distribution of days between
 *    consecutive distinct purchase days of a customer: count, sum, type-7 median, and counts in the
 *    library's default bins.
 * W4 RFM → counts of customers in each (R, F, M) cell of the 5×5×5 cube, where each score is
 *    ⌊5 · (customers strictly worse) / customers⌋ + 1 (ties share a score) — the rule of core/rfm.ts,
 *    written in SQL with RANK() − 1 as "customers strictly worse". The R × F grid and the M histogram
 *    are margins of the cube.
 */

/** Lower bin edges (days) of the gap histogram: the library's DEFAULT_DAY_BINS. */
export const GAP_BINS = Object.freeze([0, 1, 7, 14, 30, 60, 90, 180, 365]);

/** RFM score levels. */
export const RFM_BINS = 5;

/** 'YYYY-MM' of a month index (year · 12 + month − 1). */
export function monthKey(monthIndex) {
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}`;
}

/** Month index (year · 12 + month − 1) of a 'YYYY-MM' key. */
export function monthIndexOfKey(key) {
  return Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
}

/**
 * W3's gap distribution from counts per gap length.
 * @param {ArrayLike<number>} gaps distinct gap lengths in days (any order)
 * @param {ArrayLike<number>} counts how many gaps have each length
 * @returns {{ gaps: number, gapSum: number, gapMedian: number, bins: number[] }}
 */
export function gapDistribution(gaps, counts) {
  const order = Array.from({ length: gaps.length }, (_, i) => i).sort((i, j) => gaps[i] - gaps[j]);
  let total = 0;
  let sum = 0;
  const bins = GAP_BINS.map(() => 0);
  for (const i of order) {
    const g = Number(gaps[i]);
    const k = Number(counts[i]);
    total += k;
    sum += g * k;
    let b = GAP_BINS.length - 1;
    while (b > 0 && g < GAP_BINS[b]) b--;
    if (g >= GAP_BINS[0]) bins[b] += k;
  }
  // Type-7 median: interpolate between the values at 0-based ranks ⌊h⌋ and ⌈h⌉, h = (n − 1) / 2.
  let gapMedian = NaN;
  if (total > 0) {
    const h = (total - 1) / 2;
    const lo = Math.floor(h);
    const hi = Math.ceil(h);
    let seen = 0;
    let vLo = NaN;
    let vHi = NaN;
    for (const i of order) {
      const next = seen + Number(counts[i]);
      if (Number.isNaN(vLo) && lo < next) vLo = Number(gaps[i]);
      if (Number.isNaN(vHi) && hi < next) vHi = Number(gaps[i]);
      seen = next;
    }
    gapMedian = vLo + (h - lo) * (vHi - vLo);
  }
  return { gaps: total, gapSum: sum, gapMedian, bins };
}

/**
 * W4's cube from (R, F, M, customers) rows.
 * @returns {{ customers: number, cube: number[] }} cube[(R−1)·25 + (F−1)·5 + (M−1)]
 */
export function rfmCube(r, f, m, counts) {
  const cube = new Array(RFM_BINS ** 3).fill(0);
  let customers = 0;
  for (let i = 0; i < r.length; i++) {
    const k = Number(counts ? counts[i] : 1);
    cube[(r[i] - 1) * RFM_BINS * RFM_BINS + (f[i] - 1) * RFM_BINS + (m[i] - 1)] += k;
    customers += k;
  }
  return { customers, cube };
}

/** R × F grid (r-major, like core/rfm.ts's `grid`) and M histogram: margins of the cube. */
export function rfmMargins(cube) {
  const B = RFM_BINS;
  const grid = new Array(B * B).fill(0);
  const mHistogram = new Array(B).fill(0);
  for (let i = 0; i < cube.length; i++) {
    grid[Math.floor(i / B)] += cube[i];
    mHistogram[i % B] += cube[i];
  }
  return { grid, mHistogram };
}

/** W2 cells sorted by cohort then age, zero cells dropped: [[cohort 'YYYY-MM', age, customers], …]. */
export function cohortCells(rows) {
  return rows
    .filter((row) => Number(row[2]) !== 0)
    .map((row) => [String(row[0]), Number(row[1]), Number(row[2])])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
}

function sameNumber(a, b) {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Differences between two canonical results (empty when they are equal). Every number must match
 * exactly: the workloads are defined so that exact equality is the right test (see the module comment).
 * @returns {string[]} at most `limit` human-readable differences
 */
export function compareCanonical(expected, actual, limit = 20) {
  const out = [];
  const note = (s) => {
    if (out.length < limit) out.push(s);
  };
  for (const w of ['w1', 'w2', 'w3', 'w4']) {
    const e = expected[w];
    const a = actual[w];
    if (!e || !a) {
      if (e || a) note(`${w}: missing on one side`);
      continue;
    }
    if (w === 'w2') {
      const key = (c) => `${c[0]}+${c[1]}`;
      const em = new Map(e.cells.map((c) => [key(c), c[2]]));
      const am = new Map(a.cells.map((c) => [key(c), c[2]]));
      for (const [k, v] of em) if (am.get(k) !== v) note(`w2 cell ${k}: ${v} vs ${am.get(k) ?? 'missing'}`);
      for (const [k, v] of am) if (!em.has(k)) note(`w2 cell ${k}: missing vs ${v}`);
      continue;
    }
    for (const field of Object.keys(e)) {
      const ev = e[field];
      const av = a[field];
      if (Array.isArray(ev)) {
        if (!Array.isArray(av) || av.length !== ev.length) note(`${w}.${field}: length ${ev.length} vs ${av?.length}`);
        else for (let i = 0; i < ev.length; i++) if (!sameNumber(ev[i], av[i])) note(`${w}.${field}[${i}]: ${ev[i]} vs ${av[i]}`);
      } else if (!sameNumber(ev, av)) note(`${w}.${field}: ${ev} vs ${av}`);
    }
  }
  return out;
}
