import { expect } from '@open-wc/testing';
import type { DriverFactor, DriverNode, Drivers } from '../../src/core/drivers.js';
import { driverFindings, nodeConditions, type DriverCondition } from '../../src/widgets/drivers/drivers.findings.js';
import { conditionsText, findingSentence, type PhraseContext } from '../../src/widgets/drivers/drivers.messages.js';

const EN: PhraseContext = { lang: 'en', currency: 'GBP', target: 'repurchase', withinDays: 90 };
const ZH: PhraseContext = { lang: 'zh-CN', currency: 'CNY', target: 'repurchase', withinDays: 90 };

function factor(feature: string, value: string, customers: number, successes: number, restCustomers: number, restSuccesses: number, differs: DriverFactor['differs']): DriverFactor {
  return {
    feature, value, customers, successes, rate: successes / customers, restCustomers, restRate: restSuccesses / restCustomers,
    lift: successes / customers / (restSuccesses / restCustomers), low: 0, high: 1, z: 0, pValue: 0, adjustedP: differs ? 0.001 : 0.5, differs, belowMinSize: false,
  };
}

/**
 * A hand-made tree: root (1000, 450) → channel = tmall (300, 190) | rest (700, 260);
 * tmall → value < 200 (100, 40) | value ≥ 200 (200, 150); rest → value < 50 (400, 120) | ≥ 50 (300, 140) → < 200 (150, 60) | ≥ 200 (150, 80).
 */
function handMade(): Drivers {
  const leaf = (id: number, depth: number, customers: number, successes: number): DriverNode => ({ id, depth, customers, successes, rate: successes / customers, low: 0, high: 1, customerCodes: new Int32Array(0) });
  const split = (id: number, depth: number, customers: number, successes: number, feature: string, op: 'eq' | 'lt', value: string, left: number, right: number): DriverNode => ({
    id, depth, customers, successes, rate: successes / customers, low: 0, high: 1, left, right,
    split: { feature, op, value, leftValues: [], gain: 0.01, pValue: 0.001 },
  });
  const tree = [
    split(0, 0, 1000, 450, 'channel', 'eq', 'tmall', 1, 4),
    split(1, 1, 300, 190, 'firstOrderValue', 'lt', '[200,)', 2, 3),
    leaf(2, 2, 100, 40),
    leaf(3, 2, 200, 150),
    split(4, 1, 700, 260, 'firstOrderValue', 'lt', '[50,200)', 5, 6),
    leaf(5, 2, 400, 120),
    split(6, 2, 300, 140, 'firstOrderValue', 'lt', '[200,)', 7, 8),
    leaf(7, 3, 150, 60),
    leaf(8, 3, 150, 80),
  ];
  return {
    target: 'repurchase', withinDays: 90, customers: 1000, successes: 450, rate: 0.45, criterion: 'gini', minLeaf: 30, maxDepth: 3,
    features: ['channel', 'firstOrderValue', 'region'],
    factors: [factor('channel', 'tmall', 300, 190, 700, 260, 'higher'), factor('region', 'north', 250, 90, 750, 360, 'lower'), factor('region', 'east', 250, 115, 750, 335, null)],
    tree,
  };
}

describe('<rw-drivers> findings and sentences', () => {
  it('conditions follow the path; bounds of one ordered feature merge into one range', () => {
    const c = nodeConditions(handMade());
    expect(c[0]).to.deep.equal([]);
    expect(c[3]).to.deep.equal([{ feature: 'channel', op: 'eq', value: 'tmall' }, { feature: 'firstOrderValue', op: 'range', from: '[200,)' }]);
    expect(c[7]).to.deep.equal([{ feature: 'channel', op: 'ne', value: 'tmall' }, { feature: 'firstOrderValue', op: 'range', from: '[50,200)', to: '[200,)' }]);
    expect(conditionsText(c[7], EN)).to.equal('first order not through tmall and first order value £50–£200');
    expect(conditionsText(c[3], ZH)).to.equal('首单来自 tmall 且首单金额 ≥ ¥200');
  });

  it('the issue\'s sentence: a leaf against every other customer, whole percents', () => {
    const d = handMade();
    const leaf3 = driverFindings(d).find((f) => f.source === 'leaf' && f.selection.kind === 'leaf' && f.selection.node === 3)!;
    expect(leaf3.rate).to.equal(0.75);
    expect(leaf3.restRate).to.equal(300 / 800);
    expect(findingSentence(leaf3, ZH)).to.equal('首单来自 tmall 且首单金额 ≥ ¥200 的客户 90 天复购率 75%，其余 38%');
    expect(findingSentence(leaf3, EN)).to.equal('Customers with first order through tmall and first order value ≥ £200: 90-day repurchase rate 75%, the rest 38%.');
  });

  it('order: the two top flagged factors, then the highest and lowest significant leaves; unflagged factors never', () => {
    const f = driverFindings(handMade());
    expect(f.map((x) => x.selection)).to.deep.equal([
      { kind: 'factor', feature: 'channel', value: 'tmall' },
      { kind: 'factor', feature: 'region', value: 'north' },
      { kind: 'leaf', node: 3 },
      { kind: 'leaf', node: 5 },
    ]);
    expect(f[3].direction).to.equal('lower');
    expect(f.some((x) => x.selection.kind === 'factor' && x.selection.value === 'east')).to.equal(false);
    expect(driverFindings(handMade(), 2)).to.have.length(2);
  });

  it('nothing beyond chance: no findings', () => {
    const d = handMade();
    d.factors = d.factors.map((x) => ({ ...x, differs: null }));
    d.tree = [{ id: 0, depth: 0, customers: 1000, successes: 450, rate: 0.45, low: 0, high: 1, customerCodes: new Int32Array(0) }];
    expect(driverFindings(d)).to.deep.equal([]);
  });

  it('a leaf needs p < 0.05 / leaves against the rest: p ≈ 0.035 with two leaves is not a finding, p ≈ 0.0003 is', () => {
    const twoLeaves = (successesA: number): Drivers => ({
      ...handMade(),
      successes: 500,
      factors: [],
      tree: [
        { id: 0, depth: 0, customers: 1000, successes: 500, rate: 0.5, low: 0, high: 1, left: 1, right: 2, split: { feature: 'channel', op: 'eq', value: 'app', leftValues: ['app'], gain: 0.01, pValue: 0.02 } },
        { id: 1, depth: 1, customers: 100, successes: successesA, rate: successesA / 100, low: 0, high: 1, customerCodes: new Int32Array(0) },
        { id: 2, depth: 1, customers: 900, successes: 500 - successesA, rate: (500 - successesA) / 900, low: 0, high: 1, customerCodes: new Int32Array(0) },
      ],
    });
    expect(driverFindings(twoLeaves(60))).to.deep.equal([]); // z ≈ 2.11, p ≈ 0.035 > 0.05 / 2
    expect(driverFindings(twoLeaves(67)).map((f) => f.selection)).to.deep.equal([{ kind: 'leaf', node: 1 }, { kind: 'leaf', node: 2 }]); // z ≈ 3.6
  });

  it('every feature has words in both languages; zh-CN has no English besides the data values', () => {
    const conditions: DriverCondition[] = [
      { feature: 'firstProduct', op: 'eq', value: 'SKU1' },
      { feature: 'firstCategory', op: 'ne', value: 'home' },
      { feature: 'region', op: 'eq', value: '' },
      { feature: 'firstWeekday', op: 'eq', value: '1' },
      { feature: 'cohort', op: 'eq', value: '2011-01' },
      { feature: 'cohort', op: 'range', from: '2011-02', to: '2011-09' },
      { feature: 'daysToSecondOrder', op: 'eq', value: '[7,30)' },
      { feature: 'daysToSecondOrder', op: 'range', to: 'none' },
      { feature: 'daysToSecondOrder', op: 'range', from: '[30,90)' },
      { feature: 'firstOrderValue', op: 'ne', value: '[,20)' },
      { feature: 'channel', op: 'eq', value: '天猫' },
    ];
    const zh = conditions.map((c) => conditionsText([c], ZH));
    expect(zh).to.deep.equal([
      '首单商品为 SKU1',
      '首单品类不是 home',
      '地区为（空白）',
      '首单在周一',
      '获客月份为 2011年1月',
      '获客月份在 2011年2月 至 2011年9月 之前',
      '第二单距首单 7–29 天',
      '有第二单',
      '第二单距首单 ≥ 30 天或没有第二单',
      '首单金额 ≥ ¥20',
      '首单来自天猫',
    ]);
    for (const text of zh) expect(text.replace(/SKU1|home/g, '')).to.not.match(/[A-Za-z]/);
    // The wording, with a Chinese channel name: no space inside Chinese text.
    expect(conditionsText([conditions[10], { feature: 'firstOrderValue', op: 'range', from: '[200,)' }], ZH)).to.equal('首单来自天猫且首单金额 ≥ ¥200');
    expect(conditions.map((c) => conditionsText([c], EN))).to.deep.equal([
      'first product SKU1',
      'first category other than home',
      'region (blank)',
      'first order on a Monday',
      'acquisition month January 2011',
      'acquisition month from February 2011 to before September 2011',
      'second order 7–29 days after the first',
      'a second order',
      'second order ≥ 30 days after the first, or none',
      'first order value ≥ £20',
      'first order through 天猫',
    ]);
  });
});
