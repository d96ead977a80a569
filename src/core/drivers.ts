/**
 * `drivers`: what distinguishes the customers who repurchase, churn or are high value, told from
 * what was known at their first order (first product / category, first-order value, channel, region,
 * dimensions, acquisition month, weekday) and, where the target allows it, the days to their second
 * order. Two views of the same question:
 * - a ranked factor table: every (feature, value) group against everyone else, with the 95 % Wilson
 *   interval, lift and a Holm-corrected two-proportion test (the rules of segment-rates.ts);
 * - a shallow classification tree (CART, Breiman, Friedman, Olshen & Stone 1984, "Classification and
 *   Regression Trees") whose leaves are customer sets, for combinations ("first order from tmall
 *   AND worth ≥ 200").
 *
 * Features are codes per customer (keys as in `breakdown`, `MISSING_KEY` for no value).
 * Categorical features split as "= value" vs the rest; ordered ones (firstOrderValue bands, cohort,
 * daysToSecondOrder) as "< threshold" vs "≥ threshold", keeping bands contiguous.
 */
import { isoWeekday } from './calendar.js';
import { assignSegments, type BreakdownOptions } from './breakdown.js';
import { customerOutcome, type CustomerOutcome, type OutcomeOptions, type OutcomeTarget } from './customer-outcome.js';
import type { OrderTable } from './order-table.js';
import { holmAdjust, twoProportionZTest, wilsonInterval } from './kernels/proportions.js';

/** Features derived from a customer's first order (plus the days to the second order). */
export type DriverFeatureName =
  | 'firstProduct'
  | 'firstCategory'
  | 'firstOrderValue'
  | 'channel'
  | 'region'
  | 'cohort'
  | 'firstWeekday'
  | 'daysToSecondOrder'
  | (string & {}); // a dimension name

export type SplitCriterion = 'gini' | 'entropy';

export interface DriversOptions extends OutcomeOptions {
  /** Features to use; default every one the table supports (see {@link driverFeatureNames}). */
  features?: DriverFeatureName[];
  /** Tree depth (root = 0); default 3. */
  maxDepth?: number;
  /** Smallest leaf, and smallest factor group that is tested; default max(30, ⌈1 % of the eligible customers⌉). */
  minLeaf?: number;
  /** Impurity of the tree's splits; default 'gini'. */
  criterion?: SplitCriterion;
  /** Family-wise error rate of the factor flags; default 0.05. */
  alpha?: number;
  /**
   * A node is split only when its best split's children differ with two-sided p < splitAlpha (pooled
   * two-proportion z test, uncorrected); default 0.05, 1 turns the guard off. A stopping rule in the
   * spirit of CHAID (Kass 1980, Applied Statistics 29(2)): without it a depth-3 tree fills its lower
   * levels with splits that chance alone explains.
   */
  splitAlpha?: number;
  /** firstOrderValue bands and cohort period, as in `breakdown`. */
  bands?: BreakdownOptions['bands'];
  period?: BreakdownOptions['period'];
}

export interface DriverFactor {
  feature: DriverFeatureName;
  value: string;
  /** Eligible customers with this value, and how many of them have the outcome. */
  customers: number;
  successes: number;
  rate: number;
  /** The rate of every other eligible customer. */
  restCustomers: number;
  restRate: number;
  /** rate / restRate (NaN when restRate = 0). */
  lift: number;
  /** 95 % Wilson interval of `rate`. */
  low: number;
  high: number;
  /** Pooled two-proportion z (signed: > 0 when rate > restRate) and its two-sided p; NaN when not tested. */
  z: number;
  pValue: number;
  /** Holm-adjusted over every tested factor. */
  adjustedP: number;
  differs: 'higher' | 'lower' | null;
  /** customers < minLeaf or no rest: shown, not tested. */
  belowMinSize: boolean;
}

export interface DriverSplit {
  feature: DriverFeatureName;
  /** 'eq': left = the customers with `value`; 'lt': left = those whose value comes before `value` in the feature's order. */
  op: 'eq' | 'lt';
  value: string;
  /** Keys of the values that go left. */
  leftValues: string[];
  /** Impurity decrease I(parent) − (nL/n)·I(left) − (nR/n)·I(right). */
  gain: number;
  /**
   * Two-sided p of the pooled two-proportion z test, left vs right, not corrected for the search
   * that chose the split (it is optimistic): a split with p > 0.05 is surely noise; one below it
   * may still be.
   */
  pValue: number;
}

export interface DriverNode {
  /** Index in `tree` (preorder: a node, then its left subtree, then its right). */
  id: number;
  depth: number;
  customers: number;
  successes: number;
  rate: number;
  low: number;
  high: number;
  split?: DriverSplit;
  left?: number;
  right?: number;
  /** Leaves only: the customer codes (into orders.customer.values) of the leaf. */
  customerCodes?: Int32Array;
}

export interface Drivers {
  target: OutcomeTarget;
  /** Resolved rule parameters, as in {@link CustomerOutcome}. */
  withinDays?: number;
  inactiveDays?: number;
  clvCutoff?: number;
  /** Eligible customers, successes and overall rate. */
  customers: number;
  successes: number;
  rate: number;
  criterion: SplitCriterion;
  minLeaf: number;
  maxDepth: number;
  features: DriverFeatureName[];
  /** Ranked: tested factors by |z| descending, then the untested ones by size. */
  factors: DriverFactor[];
  /** Flat tree, root at 0. */
  tree: DriverNode[];
}

/** Per eligible customer: the outcome and one code per feature. */
export interface DriverFeatures {
  /** Customer code (into orders.customer.values) of each eligible customer. */
  codes: Int32Array;
  y: Uint8Array;
  names: DriverFeatureName[];
  /** values[f][codes] → key */
  keys: string[][];
  /** Per feature, per eligible customer: index into keys[f]. */
  columns: Int32Array[];
  ordered: boolean[];
}

/** Days-to-second-order band edges (days); 'none' = no second purchase day. */
const SECOND_ORDER_EDGES = [7, 30, 90, 180, 365];
const NO_SECOND_ORDER = 'none';

/**
 * Features available on a table for a target: firstProduct / firstCategory with lines, firstOrderValue
 * with amounts, channel / region / dimensions when mapped, cohort and firstWeekday always, and
 * daysToSecondOrder unless the target is 'repurchase' (which it would restate). The hour of the first
 * order is not offered: the order table keeps calendar days, not times.
 * @example driverFeatureNames(orders, 'repurchase') // ['firstProduct', 'firstOrderValue', 'channel', 'cohort', 'firstWeekday']
 */
export function driverFeatureNames(orders: OrderTable, target: OutcomeTarget): DriverFeatureName[] {
  const out: DriverFeatureName[] = [];
  if (orders.lines?.product) out.push('firstProduct');
  if (orders.lines?.category) out.push('firstCategory');
  if (orders.hasAmount) out.push('firstOrderValue');
  if (orders.channel) out.push('channel');
  if (orders.region) out.push('region');
  for (const name of Object.keys(orders.dimensions ?? {})) out.push(name);
  out.push('cohort', 'firstWeekday');
  if (target !== 'repurchase') out.push('daysToSecondOrder');
  return out;
}

/**
 * The feature codes of every eligible customer.
 * @example driverFeatures(orders, customerOutcome(orders, { target: 'churn' }), ['channel']).keys[0]
 */
export function driverFeatures(orders: OrderTable, outcome: CustomerOutcome, names: DriverFeatureName[], options: { bands?: number; period?: BreakdownOptions['period'] } = {}): DriverFeatures {
  const nCodes = orders.customer.values.length;
  let nEligible = 0;
  for (let c = 0; c < nCodes; c++) nEligible += outcome.eligible[c];
  const codes = new Int32Array(nEligible);
  const y = new Uint8Array(nEligible);
  for (let c = 0, k = 0; c < nCodes; c++) {
    if (!outcome.eligible[c]) continue;
    codes[k] = c;
    y[k++] = outcome.success[c];
  }
  const keys: string[][] = [];
  const columns: Int32Array[] = [];
  const ordered: boolean[] = [];
  let firstAndSecond: { first: Int32Array; second: Int32Array } | null = null;
  for (const name of names) {
    const column = new Int32Array(nEligible);
    if (name === 'firstWeekday' || name === 'daysToSecondOrder') {
      firstAndSecond ??= firstTwoPurchaseDays(orders);
      const { first, second } = firstAndSecond;
      if (name === 'firstWeekday') {
        keys.push(['1', '2', '3', '4', '5', '6', '7']); // ISO weekday, Monday = 1
        for (let k = 0; k < nEligible; k++) column[k] = isoWeekday(first[codes[k]]) - 1;
        ordered.push(false);
      } else {
        const bandKeys = SECOND_ORDER_EDGES.concat(0).map((_, b) => `[${b > 0 ? SECOND_ORDER_EDGES[b - 1] : 1},${b < SECOND_ORDER_EDGES.length ? SECOND_ORDER_EDGES[b] : ''})`);
        keys.push([...bandKeys, NO_SECOND_ORDER]);
        for (let k = 0; k < nEligible; k++) {
          const c = codes[k];
          if (second[c] < 0) column[k] = bandKeys.length;
          else {
            const gap = second[c] - first[c];
            let b = 0;
            while (b < SECOND_ORDER_EDGES.length && gap >= SECOND_ORDER_EDGES[b]) b++;
            column[k] = b;
          }
        }
        ordered.push(true);
      }
    } else {
      const a = assignSegments(orders, { by: name, assign: 'first', bands: options.bands, period: options.period });
      keys.push(a.keys);
      for (let k = 0; k < nEligible; k++) column[k] = a.segmentOf[codes[k]];
      ordered.push(name === 'firstOrderValue' || name === 'cohort');
    }
    columns.push(column);
  }
  return { codes, y, names: names.slice(), keys, columns, ordered };
}

/** First and second distinct purchase day per customer code (−1 when none). */
function firstTwoPurchaseDays(orders: OrderTable): { first: Int32Array; second: Int32Array } {
  const nCodes = orders.customer.values.length;
  const first = new Int32Array(nCodes).fill(-1);
  const second = new Int32Array(nCodes).fill(-1);
  const codes = orders.customer.codes;
  for (let i = 0; i < orders.length; i++) {
    const c = codes[i];
    const d = orders.day[i];
    if (first[c] < 0) first[c] = d;
    else if (second[c] < 0 && d > first[c]) second[c] = d;
  }
  return { first, second };
}

/** Impurity of a node with rate p: Gini 2p(1−p) (CART), or entropy −p log₂p − (1−p) log₂(1−p) (Quinlan 1986, ID3). */
export function impurity(criterion: SplitCriterion, p: number): number {
  if (criterion === 'gini') return 2 * p * (1 - p);
  if (p <= 0 || p >= 1) return 0;
  return -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
}

/** Impurity decrease of splitting (n, s) into (nL, sL) and the rest. */
export function splitGain(criterion: SplitCriterion, n: number, s: number, nL: number, sL: number): number {
  const nR = n - nL;
  const sR = s - sL;
  return impurity(criterion, s / n) - (nL / n) * impurity(criterion, sL / nL) - (nR / n) * impurity(criterion, sR / nR);
}

/** Smallest gain that counts as a split (guards against rounding noise on pure or even nodes). */
const MIN_GAIN = 1e-12;

/**
 * Factors and tree for a target.
 *
 * Tree: from the root (every eligible customer), each node takes the split of largest impurity
 * decrease among all candidates whose children both have ≥ minLeaf customers; a node is a leaf at
 * maxDepth, when no candidate gains more than 10⁻¹², when it is pure, or when its best split does
 * not pass `splitAlpha`. Candidates are visited
 * features in order, values (or thresholds) ascending; among equal gains the first wins.
 *
 * @example
 * const d = drivers(orders, { target: 'repurchase', withinDays: 90 });
 * d.factors[0]; // { feature: 'channel', value: 'app', rate: 0.61, restRate: 0.34, lift: 1.8, … }
 * d.tree[0].split; // { feature: 'channel', op: 'eq', value: 'app', … }
 */
export function drivers(orders: OrderTable, options: DriversOptions): Drivers {
  const outcome = customerOutcome(orders, options);
  const names = options.features ?? driverFeatureNames(orders, outcome.target);
  const f = driverFeatures(orders, outcome, names, options);
  const n = f.codes.length;
  let successes = 0;
  for (let k = 0; k < n; k++) successes += f.y[k];
  const minLeaf = options.minLeaf ?? Math.max(30, Math.ceil(0.01 * n));
  if (!(minLeaf >= 1)) throw new RangeError(`minLeaf must be ≥ 1, got ${minLeaf}`);
  const maxDepth = options.maxDepth ?? 3;
  const criterion = options.criterion ?? 'gini';
  if (criterion !== 'gini' && criterion !== 'entropy') throw new RangeError(`criterion must be 'gini' or 'entropy', got ${String(criterion)}`);
  const out: Drivers = {
    target: outcome.target,
    customers: n,
    successes,
    rate: n ? successes / n : NaN,
    criterion,
    minLeaf,
    maxDepth,
    features: f.names,
    factors: factorTable(f, successes, minLeaf, options.alpha ?? 0.05),
    tree: growTree(f, { minLeaf, maxDepth, criterion, splitAlpha: options.splitAlpha ?? 0.05 }),
  };
  if (outcome.withinDays !== undefined) out.withinDays = outcome.withinDays;
  if (outcome.inactiveDays !== undefined) out.inactiveDays = outcome.inactiveDays;
  if (outcome.clvCutoff !== undefined) out.clvCutoff = outcome.clvCutoff;
  return out;
}

function factorTable(f: DriverFeatures, totalS: number, minLeaf: number, alpha: number): DriverFactor[] {
  const n = f.codes.length;
  const rows: DriverFactor[] = [];
  f.names.forEach((name, fi) => {
    const k = f.keys[fi].length;
    const cnt = new Float64Array(k);
    const pos = new Float64Array(k);
    const col = f.columns[fi];
    for (let i = 0; i < n; i++) {
      cnt[col[i]]++;
      pos[col[i]] += f.y[i];
    }
    for (let v = 0; v < k; v++) {
      if (cnt[v] === 0) continue;
      const restN = n - cnt[v];
      const restS = totalS - pos[v];
      const rate = pos[v] / cnt[v];
      const restRate = restN > 0 ? restS / restN : NaN;
      const tested = cnt[v] >= minLeaf && restN > 0;
      const t = tested ? twoProportionZTest(pos[v], cnt[v], restS, restN) : { z: NaN, p: NaN };
      const { low, high } = wilsonInterval(pos[v], cnt[v]);
      rows.push({
        feature: name,
        value: f.keys[fi][v],
        customers: cnt[v],
        successes: pos[v],
        rate,
        restCustomers: restN,
        restRate,
        lift: restRate > 0 ? rate / restRate : NaN,
        low,
        high,
        z: t.z,
        pValue: t.p,
        adjustedP: NaN,
        differs: null,
        belowMinSize: !tested,
      });
    }
  });
  const adjusted = holmAdjust(rows.map((r) => r.pValue));
  rows.forEach((r, i) => {
    r.adjustedP = adjusted[i];
    if (adjusted[i] < alpha && r.rate !== r.restRate) r.differs = r.rate > r.restRate ? 'higher' : 'lower';
  });
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const za = Number.isNaN(a.r.z) ? -1 : Math.abs(a.r.z);
      const zb = Number.isNaN(b.r.z) ? -1 : Math.abs(b.r.z);
      return zb - za || b.r.customers - a.r.customers || a.i - b.i;
    })
    .map((x) => x.r);
}

/** The best split of a node (members = positions into the feature columns), or null. */
export function bestSplit(
  f: DriverFeatures,
  members: Int32Array,
  options: { minLeaf: number; criterion: SplitCriterion },
): { feature: number; op: 'eq' | 'lt'; code: number; gain: number } | null {
  const n = members.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += f.y[members[i]];
  let best: { feature: number; op: 'eq' | 'lt'; code: number; gain: number } | null = null;
  let bestGain = MIN_GAIN;
  for (let fi = 0; fi < f.names.length; fi++) {
    const k = f.keys[fi].length;
    const cnt = new Float64Array(k);
    const pos = new Float64Array(k);
    const col = f.columns[fi];
    for (let i = 0; i < n; i++) {
      const m = members[i];
      cnt[col[m]]++;
      pos[col[m]] += f.y[m];
    }
    if (f.ordered[fi]) {
      // left = codes < t, t = 1 … k−1
      let nL = 0;
      let sL = 0;
      for (let t = 1; t < k; t++) {
        nL += cnt[t - 1];
        sL += pos[t - 1];
        if (nL < options.minLeaf || n - nL < options.minLeaf) continue;
        const g = splitGain(options.criterion, n, s, nL, sL);
        if (g > bestGain) {
          bestGain = g;
          best = { feature: fi, op: 'lt', code: t, gain: g };
        }
      }
    } else {
      for (let v = 0; v < k; v++) {
        if (cnt[v] < options.minLeaf || n - cnt[v] < options.minLeaf) continue;
        const g = splitGain(options.criterion, n, s, cnt[v], pos[v]);
        if (g > bestGain) {
          bestGain = g;
          best = { feature: fi, op: 'eq', code: v, gain: g };
        }
      }
    }
  }
  return best;
}

function growTree(f: DriverFeatures, options: { minLeaf: number; maxDepth: number; criterion: SplitCriterion; splitAlpha: number }): DriverNode[] {
  const tree: DriverNode[] = [];
  const all = new Int32Array(f.codes.length);
  for (let i = 0; i < all.length; i++) all[i] = i;
  const grow = (members: Int32Array, depth: number): number => {
    const n = members.length;
    let s = 0;
    for (let i = 0; i < n; i++) s += f.y[members[i]];
    const { low, high } = wilsonInterval(s, n);
    const node: DriverNode = { id: tree.length, depth, customers: n, successes: s, rate: n ? s / n : NaN, low, high };
    tree.push(node);
    const split = depth < options.maxDepth && s > 0 && s < n ? bestSplit(f, members, options) : null;
    let left = new Int32Array(0);
    let right = new Int32Array(0);
    let pValue = NaN;
    if (split) {
      const col = f.columns[split.feature];
      const goesLeft = split.op === 'eq' ? (m: number) => col[m] === split.code : (m: number) => col[m] < split.code;
      let nL = 0;
      let sL = 0;
      for (let i = 0; i < n; i++) {
        if (!goesLeft(members[i])) continue;
        nL++;
        sL += f.y[members[i]];
      }
      left = new Int32Array(nL);
      right = new Int32Array(n - nL);
      for (let i = 0, a = 0, b = 0; i < n; i++) {
        const m = members[i];
        if (goesLeft(m)) left[a++] = m;
        else right[b++] = m;
      }
      pValue = twoProportionZTest(sL, nL, s - sL, n - nL).p;
    }
    if (!split || !(pValue < options.splitAlpha || options.splitAlpha >= 1)) {
      node.customerCodes = Int32Array.from(members, (m) => f.codes[m]).sort();
      return node.id;
    }
    const keys = f.keys[split.feature];
    node.split = {
      pValue,
      feature: f.names[split.feature],
      op: split.op,
      value: keys[split.code],
      leftValues: split.op === 'eq' ? [keys[split.code]] : keys.slice(0, split.code),
      gain: split.gain,
    };
    node.left = grow(left, depth + 1);
    node.right = grow(right, depth + 1);
    return node.id;
  };
  grow(all, 0);
  return tree;
}

/**
 * Ids of the customers behind a factor row (`{ feature, value }`: the eligible customers with that
 * value) or a tree node (`{ node }`: the eligible customers of that node), for rw-select. Same
 * options as the {@link drivers} call that produced the row or node; in customer-code order.
 * @example driversCustomers(orders, { target: 'repurchase', withinDays: 90 }, { feature: 'channel', value: 'app' })
 */
export function driversCustomers(orders: OrderTable, options: DriversOptions, pick: { feature: DriverFeatureName; value: string } | { node: number }): string[] {
  const ids = orders.customer.values;
  let codes: number[] = [];
  if ('node' in pick) {
    const tree = drivers(orders, options).tree;
    const stack = [pick.node];
    while (stack.length) {
      const node = tree[stack.pop()!];
      if (!node) continue;
      if (node.customerCodes) for (const c of node.customerCodes) codes.push(c);
      else stack.push(node.left!, node.right!);
    }
  } else {
    const outcome = customerOutcome(orders, options);
    const f = driverFeatures(orders, outcome, [pick.feature], options);
    const v = f.keys[0].indexOf(pick.value);
    if (v >= 0) for (let k = 0; k < f.codes.length; k++) if (f.columns[0][k] === v) codes.push(f.codes[k]);
  }
  codes = codes.sort((a, b) => a - b);
  return codes.map((c) => ids[c]);
}

