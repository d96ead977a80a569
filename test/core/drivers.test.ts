import { expect } from '@open-wc/testing';
import { customerOutcome } from '../../src/core/customer-outcome.js';
import { driverFeatureNames, driverFeatures, drivers, driversCustomers, type DriverNode, type Drivers } from '../../src/core/drivers.js';
import { randomSegmentTable, syntheticTable } from './segment-fixtures.js';

/** Gini impurity and information entropy written out plainly. */
const gini = (p: number) => 1 - p * p - (1 - p) * (1 - p);
const entropy = (p: number) => (p <= 0 || p >= 1 ? 0 : -p * Math.log2(p) - (1 - p) * Math.log2(1 - p));

/** Every customer code under a node (the union of its leaves). */
function nodeCodes(tree: DriverNode[], id: number): number[] {
  const node = tree[id];
  if (node.customerCodes) return [...node.customerCodes];
  return [...nodeCodes(tree, node.left!), ...nodeCodes(tree, node.right!)];
}

/**
 * Brute force: every split "feature = v" (categorical) or "feature before v" (ordered) of a set of
 * customers given as key strings, with both sides ≥ minLeaf; the largest impurity decrease.
 */
function bruteBest(rows: { keys: string[]; y: number }[], names: string[], order: string[][], ordered: boolean[], minLeaf: number, impurity: (p: number) => number): number {
  const n = rows.length;
  const p = rows.reduce((s, r) => s + r.y, 0) / n;
  let best = 0;
  names.forEach((_, f) => {
    const values = order[f];
    for (let v = ordered[f] ? 1 : 0; v < values.length; v++) {
      const inLeft = ordered[f] ? (k: string) => values.indexOf(k) < v : (k: string) => k === values[v];
      const left = rows.filter((r) => inLeft(r.keys[f]));
      const right = rows.filter((r) => !inLeft(r.keys[f]));
      if (left.length < minLeaf || right.length < minLeaf) continue;
      const pl = left.reduce((s, r) => s + r.y, 0) / left.length;
      const pr = right.reduce((s, r) => s + r.y, 0) / right.length;
      best = Math.max(best, impurity(p) - (left.length / n) * impurity(pl) - (right.length / n) * impurity(pr));
    }
  });
  return best;
}

function checkAgainstBruteForce(d: Drivers, rowsOf: Map<number, { keys: string[]; y: number }>, order: string[][], ordered: boolean[], impurity: (p: number) => number) {
  let internal = 0;
  for (const node of d.tree) {
    const rows = nodeCodes(d.tree, node.id).map((c) => rowsOf.get(c)!);
    expect(rows.length).to.equal(node.customers);
    expect(rows.reduce((s, r) => s + r.y, 0)).to.equal(node.successes);
    const best = bruteBest(rows, d.features, order, ordered, d.minLeaf, impurity);
    if (node.split) {
      internal++;
      expect(node.split.gain, `node ${node.id}`).to.be.closeTo(best, 1e-12);
      // Its children partition it by the stated split.
      const f = d.features.indexOf(node.split.feature);
      for (const c of nodeCodes(d.tree, node.left!)) expect(node.split.leftValues).to.include(rowsOf.get(c)!.keys[f]);
      for (const c of nodeCodes(d.tree, node.right!)) expect(node.split.leftValues).not.to.include(rowsOf.get(c)!.keys[f]);
    } else if (node.depth < d.maxDepth && node.successes > 0 && node.successes < node.customers) {
      expect(best, `leaf ${node.id} could still split`).to.be.below(1e-12);
    }
  }
  return internal;
}

describe('drivers', () => {
  it('every split of the tree is the best one a brute-force search finds (gini and entropy), and leaves cannot split', () => {
    let internal = 0;
    for (const seed of [1, 2, 3, 4]) {
      const t = randomSegmentTable(seed, 500, 150);
      for (const criterion of ['gini', 'entropy'] as const) {
        const options = { target: 'churn' as const, inactiveDays: 25, minLeaf: 8, maxDepth: 3, criterion, splitAlpha: 1 };
        const d = drivers(t, options);
        const f = driverFeatures(t, customerOutcome(t, options), d.features);
        const rowsOf = new Map<number, { keys: string[]; y: number }>();
        for (let k = 0; k < f.codes.length; k++) rowsOf.set(f.codes[k], { keys: f.names.map((_, i) => f.keys[i][f.columns[i][k]]), y: f.y[k] });
        internal += checkAgainstBruteForce(d, rowsOf, f.keys, f.ordered, criterion === 'gini' ? gini : entropy);
        // Leaves partition the eligible customers.
        const leaves = d.tree.filter((n) => n.customerCodes);
        expect(leaves.reduce((s, n) => s + n.customers, 0)).to.equal(d.customers);
        expect(new Set(leaves.flatMap((n) => [...n.customerCodes!])).size).to.equal(d.customers);
      }
    }
    expect(internal).to.be.above(8); // the search was exercised, not only leaves
  });

  it('the split guard: with the default splitAlpha every split passes p < 0.05, and the tree is a pruned copy of the unguarded one', () => {
    const t = randomSegmentTable(12, 900, 300);
    const base = { target: 'churn' as const, inactiveDays: 25, minLeaf: 8 };
    const guarded = drivers(t, base);
    const open = drivers(t, { ...base, splitAlpha: 1 });
    for (const node of guarded.tree) if (node.split) expect(node.split.pValue).to.be.below(0.05);
    expect(guarded.tree.length).to.be.below(open.tree.length);
    // Same root decision when the root split passes, else a single leaf.
    if (guarded.tree[0].split) expect(guarded.tree[0].split).to.deep.equal(open.tree[0].split);
    else expect(open.tree[0].split!.pValue).to.be.at.least(0.05);
  });

  it('factors: counts per value, rate elsewhere, lift, and driversCustomers returns exactly those customers', () => {
    const t = randomSegmentTable(7, 800, 200);
    const d = drivers(t, { target: 'repurchase', withinDays: 20, censored: 'include', minLeaf: 10 });
    expect(d.features).to.deep.equal(driverFeatureNames(t, 'repurchase'));
    expect(d.features).to.include.members(['firstProduct', 'firstCategory', 'firstOrderValue', 'channel', 'coupon', 'cohort', 'firstWeekday']);
    expect(d.features).not.to.include('daysToSecondOrder');
    for (const feature of ['channel', 'coupon']) {
      const rows = d.factors.filter((r) => r.feature === feature);
      expect(rows.reduce((s, r) => s + r.customers, 0)).to.equal(d.customers);
      for (const r of rows) {
        expect(r.restRate).to.be.closeTo((d.successes - r.successes) / (d.customers - r.customers), 1e-12);
        expect(r.lift).to.be.closeTo(r.rate / r.restRate, 1e-12);
        expect(driversCustomers(t, { target: 'repurchase', withinDays: 20, censored: 'include', minLeaf: 10 }, { feature, value: r.value }).length).to.equal(r.customers);
      }
    }
    const tested = d.factors.filter((r) => !r.belowMinSize);
    for (let i = 1; i < tested.length; i++) expect(Math.abs(tested[i - 1].z)).to.be.at.least(Math.abs(tested[i].z));
    const ids = driversCustomers(t, { target: 'repurchase', withinDays: 20, censored: 'include', minLeaf: 10 }, { node: 0 });
    expect(ids.length).to.equal(d.customers);
  });

  it('finds the planted channel effect on synthetic data: top factor and root split', () => {
    const t = syntheticTable(60_000, 11);
    const d = drivers(t, { target: 'repurchase', withinDays: 90 });
    expect(d.factors[0]).to.include({ feature: 'channel', value: 'app', differs: 'higher' });
    expect(d.factors[0].lift).to.be.above(1.15);
    expect(d.tree[0].split).to.include({ feature: 'channel', op: 'eq', value: 'app' });
    expect(d.tree[0].split!.pValue).to.be.below(1e-6);
    // Nothing was planted in region or product: none of them is flagged.
    expect(d.factors.filter((r) => (r.feature === 'region' || r.feature === 'firstProduct') && r.differs)).to.deep.equal([]);
  });

  it('highValue is the top CLV quintile; churn reuses the churn rule and offers days to the second order', () => {
    const t = syntheticTable(20_000, 5);
    const hv = drivers(t, { target: 'highValue', maxDepth: 1 });
    expect(hv.rate).to.be.closeTo(0.2, 0.01);
    expect(hv.clvCutoff).to.be.above(0);
    const ch = drivers(t, { target: 'churn', inactiveDays: 120, maxDepth: 1 });
    expect(ch.inactiveDays).to.equal(120);
    expect(ch.features).to.include('daysToSecondOrder');
    // Customers who never came back churn more often than the rest.
    const none = ch.factors.find((r) => r.feature === 'daysToSecondOrder' && r.value === 'none')!;
    expect(none.rate).to.be.above(none.restRate);
  });
});
