import { expect } from '@open-wc/testing';
import { lifecycle } from '../../src/core/lifecycle.js';
import { LIFECYCLE_STAGE_COLORS, lifecycleBars, lifecycleStagesSpec, lifecycleTransitionCells, transitionIndex } from '../../src/charts/lifecycle.js';
import { tableFromRows, utcDay } from '../core/fixtures.js';

// a: Jan 1, Jan 30; b: Feb 2, Mar 3 (30-day gap > 10 + 1: returning in March). See core lifecycle tests.
const orders = tableFromRows([
  { customer: 'a', day: utcDay(2024, 1, 1), amount: 1 },
  { customer: 'a', day: utcDay(2024, 1, 30), amount: 1 },
  { customer: 'b', day: utcDay(2024, 2, 2), amount: 1 },
  { customer: 'b', day: utcDay(2024, 3, 3), amount: 1 },
]);
const lc = lifecycle(orders, { inactiveDays: 10, period: 'month', asOf: utcDay(2024, 3, 31) });

describe('lifecycle charts', () => {
  it('a last period that runs past the as-of day is named in a subtitle (en, zh-CN)', () => {
    // lc is as of 2024-03-31, the end of its last month: no subtitle.
    expect(lc.lastPeriodPartial).to.equal(false);
    expect(lifecycleStagesSpec(lc).title).to.be.a('string');
    const mid = lifecycle(orders, { inactiveDays: 10, period: 'month', asOf: utcDay(2024, 3, 20) });
    expect(mid.lastPeriodPartial).to.equal(true);
    const title = lifecycleStagesSpec(mid).title as { text: string; subtitle: string };
    expect(title.subtitle).to.contain('2024').and.to.contain('part-way');
    expect((lifecycleStagesSpec(mid, { lang: 'zh-CN' }).title as { subtitle: string }).subtitle).to.contain('尚未结束');
    expect(lifecycle(orders, { inactiveDays: 10, period: 'week', asOf: utcDay(2024, 3, 24) }).lastPeriodPartial).to.equal(false); // a Sunday
  });

  it('bars: one per period and stage with core counts; the transition period is marked', () => {
    const bars = lifecycleBars(lc, { lang: 'zh-CN' });
    expect(bars.map((b) => b.customers)).to.deep.equal([1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1]);
    expect(bars.filter((b) => b.selected).map((b) => b.period)).to.deep.equal(Array(5).fill('2024-03'));
    expect(bars.find((b) => b.stage === 'returning')!.stageName).to.equal('回流客户');
    const feb = lifecycleBars(lc, { transitionPeriod: '2024-02' });
    expect(feb.filter((b) => b.selected).map((b) => b.period)).to.deep.equal(Array(5).fill('2024-02'));
  });

  it('transitionIndex falls back to the last transition for an unknown or first period', () => {
    expect(transitionIndex(lc, undefined)).to.equal(1);
    expect(transitionIndex(lc, '2024-02')).to.equal(0);
    expect(transitionIndex(lc, '2024-01')).to.equal(1);
    expect(transitionIndex(lc, 'nope')).to.equal(1);
  });

  it('transition cells: 5 × 4 (no "new" column), counts and row shares from core', () => {
    const cells = lifecycleTransitionCells(lc);
    expect(cells).to.have.length(20);
    expect(cells.some((c) => c.to === 'new')).to.equal(false);
    const bNewToReturning = cells.find((c) => c.from === 'new' && c.to === 'returning')!;
    expect(bNewToReturning.customers).to.equal(1);
    expect(bNewToReturning.share).to.equal(1);
    expect(cells.find((c) => c.from === 'churned' && c.to === 'churned')!.customers).to.equal(1);
    const empty = cells.find((c) => c.from === 'active')!;
    expect(Number.isNaN(empty.share)).to.equal(true);
    expect(empty.colorShare).to.equal(0);
  });

  it('the stage colours are fixed and can be overridden per stage', () => {
    const spec = lifecycleStagesSpec(lc, { stageColors: { churned: '#000000' } }) as unknown as { encoding: { color: { scale: { domain: string[]; range: string[] } } } };
    expect(spec.encoding.color.scale.domain).to.deep.equal(['New', 'Active', 'Returning', 'Dormant', 'Churned']);
    expect(spec.encoding.color.scale.range).to.deep.equal([LIFECYCLE_STAGE_COLORS.new, LIFECYCLE_STAGE_COLORS.active, LIFECYCLE_STAGE_COLORS.returning, LIFECYCLE_STAGE_COLORS.dormant, '#000000']);
  });
});
