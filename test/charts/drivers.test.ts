import { expect } from '@open-wc/testing';
import type { DriverFactor } from '../../src/core/drivers.js';
import { driverLiftBars, driverLiftSpec } from '../../src/charts/drivers.js';
import { CHART_THEMES } from '../../src/charts/theme.js';

function factor(value: string, lift: number, differs: DriverFactor['differs'], belowMinSize = false): DriverFactor {
  return { feature: 'channel', value, customers: 100, successes: 50, rate: 0.5, restCustomers: 900, restRate: 0.5 / lift, lift, low: 0.4, high: 0.6, z: 1, pValue: 0.1, adjustedP: 0.2, differs, belowMinSize };
}

const DIRECTIONS = { higher: 'higher', lower: 'lower', none: 'within chance' };
const LABELS = { title: 'Lift', lift: 'Lift', rate: 'Rate', rest: 'Rest', customers: 'Customers', ...DIRECTIONS };

describe('driverLiftSpec', () => {
  it('bars: tested values with a finite positive lift, in core order, at most `max`', () => {
    const factors = [factor('app', 1.8, 'higher'), factor('tiny', 3, null, true), factor('jd', 0.5, 'lower'), factor('zero', 0, null), factor('nan', NaN, null), factor('store', 1.05, null)];
    const bars = driverLiftBars(factors, 'en', (f) => `Channel: ${f.value}`, DIRECTIONS);
    expect(bars.map((b) => [b.value, b.direction, b.directionLabel, b.label])).to.deep.equal([
      ['app', 'higher', 'higher', 'Channel: app'],
      ['jd', 'lower', 'lower', 'Channel: jd'],
      ['store', 'none', 'within chance', 'Channel: store'],
    ]);
    expect(driverLiftBars(factors, 'en', (f) => f.value, DIRECTIONS, 1)).to.have.length(1);
  });

  it('a log x scale symmetric around 1 without nicing, bars from 1, colours from the theme', () => {
    const bars = driverLiftBars([factor('app', 2, 'higher'), factor('jd', 0.8, 'lower')], 'en', (f) => f.value, DIRECTIONS);
    const spec = driverLiftSpec(bars, { scheme: 'dark', width: 400 }, LABELS) as unknown as { layer: { encoding: Record<string, { scale?: { type?: string; domain?: number[]; nice?: boolean; range?: string[] }; datum?: number }> }[] };
    const enc = spec.layer[0].encoding;
    expect(enc.x.scale!.type).to.equal('log');
    expect(enc.x.scale!.nice).to.equal(false);
    const [lo, hi] = enc.x.scale!.domain!;
    expect(lo * hi).to.be.closeTo(1, 1e-12);
    expect(hi).to.be.above(2);
    expect(enc.x2.datum).to.equal(1);
    // Tick values come in pairs x and 1/x, so both sides of 1 are labelled.
    const values = (enc.x as unknown as { axis: { values: number[] } }).axis.values;
    expect(values).to.include.members([0.5, 1, 2]);
    for (const v of values) expect(values.some((w) => Math.abs(v * w - 1) < 1e-9), `${v} has its inverse`).to.equal(true);
    const dark = CHART_THEMES.dark;
    expect(enc.color.scale!.range).to.deep.equal([dark.accentColor, dark.secondaryColor, dark.mutedColor]);
  });
});
