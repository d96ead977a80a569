/**
 * What `<rw-drivers>` says about a `drivers` result, as codes: the condition of every tree node
 * (the path from the root, same-feature bounds merged), and the few findings worth a sentence.
 * Pure and DOM-free; drivers.messages.ts turns these codes into words.
 */
import type { DriverFactor, DriverFeatureName, DriverNode, Drivers } from '../../core/drivers.js';
import { twoProportionZTest } from '../../core/kernels/proportions.js';
import type { DriversSelection } from '../../analyses/drivers-customers.js';

/** Features whose values have an order (tree splits are "before value" / "from value on"). */
export const ORDERED_FEATURES: ReadonlySet<string> = new Set(['firstOrderValue', 'cohort', 'daysToSecondOrder']);

/**
 * One condition on a customer: `eq` / `ne` a value (categorical features, and factor rows of any
 * feature), or a `range` of an ordered feature: from the band or period `from` on (included) and
 * before `to` (excluded), either side open when absent.
 */
export type DriverCondition =
  | { feature: DriverFeatureName; op: 'eq' | 'ne'; value: string }
  | { feature: DriverFeatureName; op: 'range'; from?: string; to?: string };

/**
 * Position of a key in its feature's order, for merging bounds: the lower edge of a value band
 * `[lo,hi)` or a days band (`none` = no second order, after every band), the key itself for periods.
 */
function rank(feature: DriverFeatureName, key: string): number | string {
  if (feature === 'cohort') return key;
  if (key === 'none') return Infinity;
  const m = /^\[([^,]*),/.exec(key);
  return m && m[1] !== '' ? Number(m[1]) : -Infinity;
}

const later = (feature: DriverFeatureName, a: string | undefined, b: string) => (a === undefined || rank(feature, b) > rank(feature, a) ? b : a);
const earlier = (feature: DriverFeatureName, a: string | undefined, b: string) => (a === undefined || rank(feature, b) < rank(feature, a) ? b : a);

/**
 * Conditions from the root to every node (index = node id; the root's list is empty). Successive
 * splits of one ordered feature are merged into one range ("≥ 50" then "< 200" → "50–200").
 * @example nodeConditions(d)[d.tree[0].left!] // [{ feature: 'channel', op: 'eq', value: 'app' }]
 */
export function nodeConditions(d: Drivers): DriverCondition[][] {
  const out: DriverCondition[][] = new Array(d.tree.length);
  const visit = (id: number, path: DriverCondition[]): void => {
    const node = d.tree[id];
    if (!node) return;
    out[id] = path;
    const split = node.split;
    if (!split || node.left === undefined || node.right === undefined) return;
    if (split.op === 'eq') {
      visit(node.left, [...path, { feature: split.feature, op: 'eq', value: split.value }]);
      visit(node.right, [...path, { feature: split.feature, op: 'ne', value: split.value }]);
    } else {
      visit(node.left, withBound(path, split.feature, undefined, split.value));
      visit(node.right, withBound(path, split.feature, split.value, undefined));
    }
  };
  visit(0, []);
  return out;
}

function withBound(path: DriverCondition[], feature: DriverFeatureName, from: string | undefined, to: string | undefined): DriverCondition[] {
  const i = path.findIndex((c) => c.feature === feature && c.op === 'range');
  const old = i >= 0 ? (path[i] as Extract<DriverCondition, { op: 'range' }>) : { feature, op: 'range' as const };
  const merged: DriverCondition = { feature, op: 'range' };
  const f = from === undefined ? old.from : later(feature, old.from, from);
  const t = to === undefined ? old.to : earlier(feature, old.to, to);
  if (f !== undefined) merged.from = f;
  if (t !== undefined) merged.to = t;
  return i >= 0 ? path.map((c, k) => (k === i ? merged : c)) : [...path, merged];
}

/** A finding: customers meeting `conditions` have `rate`, everyone else eligible `restRate`. */
export interface DriverFinding {
  source: 'leaf' | 'factor';
  conditions: DriverCondition[];
  customers: number;
  rate: number;
  restRate: number;
  /** 'higher' / 'lower' than the rest. */
  direction: 'higher' | 'lower';
  /** What a click on the finding selects. */
  selection: DriversSelection;
}

/** Family-wise error rate of the leaf sentences (Bonferroni over the leaves, see driverFindings). */
const LEAF_ALPHA = 0.05;

/**
 * Up to `max` findings, most telling first:
 * 1. the two flagged factors of highest rank (Holm-corrected in core, `differs` set): one value
 *    against everyone else, the plainest statement the data supports;
 * 2. the tree's leaf with the highest rate and the one with the lowest (when the tree split at all),
 *    each against every other eligible customer, kept only when that difference passes a two-sided
 *    pooled z test at 0.05 / (number of leaves) (Bonferroni; still optimistic, since the tree chose
 *    the splits, but it keeps a depth-3 leaf of pure noise out of the headline: seen on synthetic
 *    data, "first product p12" at p = 0.013 among 3 leaves) and it does not restate a factor already said;
 * 3. further flagged factors, in rank order, until `max`.
 * Empty when neither the tree nor the factor table found anything beyond chance.
 * @example driverFindings(d)[0] // { source: 'factor', conditions: [{ feature: 'channel', op: 'eq', value: 'app' }], rate: 0.64, restRate: 0.53, … }
 */
export function driverFindings(d: Drivers, max = 4): DriverFinding[] {
  const out: DriverFinding[] = [];
  const flagged = d.factors.filter((f) => f.differs);
  const said = (conditions: DriverCondition[]) =>
    out.some((x) => x.conditions.length === conditions.length && x.conditions.every((c, i) => sameCondition(c, conditions[i])));
  const addFactor = (f: DriverFactor) => {
    const conditions: DriverCondition[] = [{ feature: f.feature, op: 'eq', value: f.value }];
    if (out.length >= max || said(conditions)) return;
    out.push({
      source: 'factor',
      conditions,
      customers: f.customers,
      rate: f.rate,
      restRate: f.restRate,
      direction: f.differs!,
      selection: { kind: 'factor', feature: f.feature, value: f.value },
    });
  };
  flagged.slice(0, 2).forEach(addFactor);

  const conditions = nodeConditions(d);
  const leaves = d.tree.filter((n) => n.customerCodes && n.id !== 0 && n.customers < d.customers);
  const restOf = (n: { customers: number; successes: number }) => ({ n: d.customers - n.customers, s: d.successes - n.successes });
  const significant = (n: DriverNode) => {
    const rest = restOf(n);
    return rest.n > 0 && twoProportionZTest(n.successes, n.customers, rest.s, rest.n).p < LEAF_ALPHA / leaves.length;
  };
  const byRate = leaves.filter(significant).sort((a, b) => b.rate - a.rate || b.customers - a.customers);
  const picked = byRate.length > 1 ? [byRate[0], byRate[byRate.length - 1]] : byRate;
  for (const leaf of picked) {
    const rest = restOf(leaf);
    const restRate = rest.s / rest.n;
    if (out.length >= max || leaf.rate === restRate || said(conditions[leaf.id])) continue;
    out.push({
      source: 'leaf',
      conditions: conditions[leaf.id],
      customers: leaf.customers,
      rate: leaf.rate,
      restRate,
      direction: leaf.rate > restRate ? 'higher' : 'lower',
      selection: { kind: 'leaf', node: leaf.id },
    });
  }
  flagged.slice(2).forEach(addFactor);
  return out;
}

function sameCondition(a: DriverCondition, b: DriverCondition): boolean {
  if (a.feature !== b.feature || a.op !== b.op) return false;
  if (a.op === 'range' && b.op === 'range') return a.from === b.from && a.to === b.to;
  return a.op !== 'range' && b.op !== 'range' && a.value === b.value;
}
