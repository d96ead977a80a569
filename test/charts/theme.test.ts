import { expect } from '@open-wc/testing';
import { scheme as vegaScheme } from 'vega';
import { cohortCells, cohortCurvesSpec, cohortHeatmapSpec, type CohortMatrix } from '../../src/charts/cohort-heatmap.js';
import { churnRateSpec } from '../../src/charts/churn-rate.js';
import { calibrationSpec, clvHistogramSpec } from '../../src/charts/clv.js';
import { lifecycleStagesSpec, lifecycleTransitionCells, lifecycleTransitionsSpec } from '../../src/charts/lifecycle.js';
import { repurchaseCycleSpec, repurchaseFrequencySpec, repurchaseTrendSpec } from '../../src/charts/repurchase.js';
import { rfmGridCells, rfmGridSpec } from '../../src/charts/rfm-grid.js';
import {
  CHART_THEMES,
  chartConfig,
  compositeOver,
  contrastRatio,
  heatmapCellText,
  paletteCustomProperties,
  parseColor,
  rampColor,
  readableTextOn,
  relativeLuminance,
  resolveChartTheme,
  WIDGET_PALETTES,
  type ColorScheme,
} from '../../src/charts/theme.js';
import { lifecycle } from '../../src/core/lifecycle.js';
import { repurchase } from '../../src/core/repurchase.js';
import { rfm } from '../../src/core/rfm.js';
import { tableFromRows, utcDay, type Row } from '../core/fixtures.js';

const SCHEMES: ColorScheme[] = ['light', 'dark'];

describe('chart theme: WCAG contrast helpers', () => {
  it('relative luminance and contrast ratio match WCAG 2.x reference values', () => {
    expect(relativeLuminance('#ffffff')).to.equal(1);
    expect(relativeLuminance([0, 0, 0])).to.equal(0);
    // #808080: channel 128/255 → ((0.502 + 0.055) / 1.055)^2.4 = 0.2159.
    expect(relativeLuminance('#808080')).to.be.closeTo(0.2159, 1e-4);
    // The classic AA near-miss: #777 on white is 4.48:1, #767676 is the lightest grey that passes.
    expect(contrastRatio('#777777', '#ffffff')).to.be.closeTo(4.48, 0.005);
    expect(contrastRatio('#767676', '#ffffff')).to.be.closeTo(4.54, 0.005);
    expect(contrastRatio('#000', '#fff')).to.equal(21);
    expect(contrastRatio('#fff', '#000')).to.equal(21);
    expect(contrastRatio('#0969da', '#0969da')).to.equal(1);
    // WebAIM's checker: #0000ff on white = 8.59:1, #ff0000 on white = 4:1.
    expect(contrastRatio('#0000ff', '#ffffff')).to.be.closeTo(8.59, 0.005);
    expect(contrastRatio('#ff0000', '#ffffff')).to.be.closeTo(4.0, 0.005);
  });

  it('parses the colour syntaxes a rendered SVG and the palettes use', () => {
    expect(parseColor('#08519c')).to.deep.equal([8, 81, 156, 1]);
    expect(parseColor('#fff')).to.deep.equal([255, 255, 255, 1]);
    expect(parseColor('#00000080')).to.deep.equal([0, 0, 0, 128 / 255]);
    expect(parseColor('rgb(31, 35, 40)')).to.deep.equal([31, 35, 40, 1]);
    expect(parseColor('rgba(0, 0, 0, 0.5)')).to.deep.equal([0, 0, 0, 0.5]);
    expect(parseColor('rgb(0 0 0 / 25%)')).to.deep.equal([0, 0, 0, 0.25]);
    expect(parseColor('transparent')![3]).to.equal(0);
    expect(parseColor('var(--x)')).to.equal(undefined);
    expect(parseColor('hsl(0 0% 0%)')).to.equal(undefined);
    expect(compositeOver('rgba(0,0,0,0.5)', '#ffffff')).to.deep.equal([127.5, 127.5, 127.5, 1]);
    expect(compositeOver('#000000', '#ffffff', 0.25)).to.deep.equal([191.25, 191.25, 191.25, 1]);
  });

  it('rampColor is the rgb interpolation Vega draws', () => {
    expect(rampColor(0, ['#eef4fb', '#08519c'])).to.equal('#eef4fb');
    expect(rampColor(1, ['#eef4fb', '#08519c'])).to.equal('#08519c');
    expect(rampColor(0.5, ['#000000', '#ffffff'])).to.equal('#808080');
    expect(rampColor(2, ['#000000', '#ffffff'])).to.equal('#ffffff');
    expect(rampColor(NaN, ['#000000', '#ffffff'])).to.equal('#000000');
  });

  it('readableTextOn picks the better of the theme text colours, and never falls below 4.5:1', () => {
    for (const s of SCHEMES) {
      const theme = CHART_THEMES[s];
      expect(readableTextOn(theme.colorRange[1], theme), `${s} high end`).to.equal(s === 'light' ? theme.lightText : theme.darkText);
      expect(readableTextOn(theme.colorRange[0], theme), `${s} low end`).to.equal(s === 'light' ? theme.darkText : theme.lightText);
      // Every fill of the heatmap ramp, finely sampled.
      for (let i = 0; i <= 200; i++) {
        const fill = rampColor(i / 200, theme.colorRange);
        expect(contrastRatio(readableTextOn(fill, theme), fill), `${s} ${fill}`).to.be.at.least(4.5);
      }
    }
    // A custom pair that cannot reach 4.5 on mid grey: black or white instead.
    const weak = { darkText: '#555555', lightText: '#bbbbbb', textColor: '#333333' };
    const fill = '#808080';
    expect(contrastRatio(readableTextOn(fill, weak), fill)).to.be.at.least(4.5);
    // Any opaque fill at all (a coarse sRGB lattice), with the weak pair.
    for (let r = 0; r < 256; r += 51) for (let g = 0; g < 256; g += 51) for (let b = 0; b < 256; b += 51) {
      const c = `rgb(${r}, ${g}, ${b})`;
      expect(contrastRatio(readableTextOn(c, weak), c), c).to.be.at.least(4.5);
    }
    expect(readableTextOn('url(#gradient)', weak)).to.equal('#333333');
  });

  it('heatmapCellText follows the clamped scale and puts non-finite cells on the background', () => {
    const light = CHART_THEMES.light;
    expect(heatmapCellText(1, 1, light)).to.deep.equal({ textColor: light.lightText, dark: true });
    expect(heatmapCellText(0, 1, light)).to.deep.equal({ textColor: light.darkText, dark: false });
    expect(heatmapCellText(5, 1, light)).to.deep.equal(heatmapCellText(1, 1, light));
    expect(heatmapCellText(NaN, 1, light)).to.deep.equal({ textColor: light.textColor, dark: false });
    expect(heatmapCellText(0, 1, CHART_THEMES.dark).dark).to.equal(true);
  });
});

describe('chart theme: palettes', () => {
  for (const s of SCHEMES) {
    it(`${s}: text ≥ 4.5:1 and meaningful marks ≥ 3:1 on the background`, () => {
      const p = WIDGET_PALETTES[s];
      for (const k of ['textColor', 'mutedColor', 'accentColor', 'secondaryColor', 'error', 'good'] as const) {
        expect(contrastRatio(p[k], p.background), `${s} ${k}`).to.be.at.least(4.5);
      }
      // The focus ring is the accent: ≥ 3:1 (SC 1.4.11) against the background and the raised buttons.
      expect(contrastRatio(p.accentColor, p.raised), `${s} focus ring on a button`).to.be.at.least(3);
      expect(contrastRatio(p.textColor, p.raised), `${s} button text`).to.be.at.least(4.5);
      expect(contrastRatio(p.textColor, p.surface), `${s} state text`).to.be.at.least(4.5);
      expect(contrastRatio(p.mutedColor, p.surface), `${s} muted state text`).to.be.at.least(4.5);
      for (const c of p.categoryColors) expect(contrastRatio(c, p.background), `${s} category ${c}`).to.be.at.least(3);
      for (const [stage, c] of Object.entries(p.lifecycleColors)) expect(contrastRatio(c, p.background), `${s} ${stage} ${c}`).to.be.at.least(3);
      const ramp = vegaScheme(p.seriesScheme.name) as (t: number) => string;
      const [a, b] = p.seriesScheme.extent;
      for (let i = 0; i <= 50; i++) {
        const c = ramp(a + ((b - a) * i) / 50);
        expect(contrastRatio(c, p.background), `${s} series ${c}`).to.be.at.least(3);
      }
      if (s === 'dark') expect(parseColor(p.cssBackground)![3], 'the dark theme paints its background').to.equal(1);
    });
  }

  it('the CSS custom properties are generated from the palettes', () => {
    const css = paletteCustomProperties(WIDGET_PALETTES.dark);
    expect(css).to.contain(`--rw-color-text: ${WIDGET_PALETTES.dark.textColor};`);
    expect(css).to.contain(`--rw-color-low: ${WIDGET_PALETTES.dark.colorRange[0]};`);
    expect(css).to.contain(`--rw-color-background: ${WIDGET_PALETTES.dark.cssBackground};`);
    expect(css).to.contain('color-scheme: dark;');
  });

  it('resolveChartTheme: the scheme picks the palette, defined options override it', () => {
    expect(resolveChartTheme()).to.deep.equal(CHART_THEMES.light);
    expect(resolveChartTheme({ scheme: 'dark' })).to.deep.equal(CHART_THEMES.dark);
    const t = resolveChartTheme({ scheme: 'dark', textColor: '#ff0000', accentColor: undefined, mutedColor: '' });
    expect(t.textColor).to.equal('#ff0000');
    expect(t.accentColor).to.equal(CHART_THEMES.dark.accentColor);
    expect(t.mutedColor).to.equal(CHART_THEMES.dark.mutedColor);
    t.categoryColors.push('#000');
    expect(CHART_THEMES.dark.categoryColors).to.have.length(10);
    const config = chartConfig(t) as Record<string, Record<string, unknown>>;
    expect(config.axis.labelColor).to.equal('#ff0000');
    expect(config.legend.titleColor).to.equal('#ff0000');
    expect(config.title.color).to.equal('#ff0000');
    expect(config.view.stroke).to.equal(null);
  });
});

describe('chart theme: every builder draws with it', () => {
  const matrix: CohortMatrix = {
    period: 'month',
    measure: 'customers',
    mode: 'on',
    periods: ['2024-01', '2024-02', '2024-03', '2024-04'],
    cohorts: [
      { cohort: '2024-01', size: 10, values: [10, 7, 3, 0] },
      { cohort: '2024-02', size: 8, values: [8, 4, 5] },
      { cohort: '2024-03', size: 0, values: [0, 0] },
      { cohort: '2024-04', size: 3, values: [3] },
    ],
  };
  const rows: Row[] = [];
  for (let c = 0; c < 40; c++) {
    for (let k = 0; k < 1 + (c % 4); k++) rows.push({ customer: `c${c}`, day: utcDay(2024, 1, 1) + c * 2 + k * 17, amount: 10 + c });
  }
  rows.sort((a, b) => a.day - b.day);
  const orders = tableFromRows(rows);
  const lc = lifecycle(orders, { period: 'month', inactiveDays: 30 });
  const rp = repurchase(orders, { period: 'month' });
  const rf = rfm(orders);
  const labels = { title: 't', churnRate: 'r', period: 'p', activeAtStart: 'a', churned: 'c', churnedOfActive: 'o' };

  function specs(scheme: ColorScheme): [string, unknown][] {
    const o = { scheme, width: 600 };
    return [
      ['heatmap', cohortHeatmapSpec(matrix, o)],
      ['curves', cohortCurvesSpec(matrix, o)],
      ['churn', churnRateSpec([], { ...o, labels })],
      ['clv histogram', clvHistogramSpec([], o, { title: 't', range: 'r', customers: 'c' })],
      ['calibration', calibrationSpec([], o, { title: 't', x: 'x', y: 'y', customers: 'c', actual: 'a', predicted: 'p' })],
      ['stages', lifecycleStagesSpec(lc, o)],
      ['transitions', lifecycleTransitionsSpec(lc, o)],
      ['trend', repurchaseTrendSpec(rp, o)],
      ['cycle', repurchaseCycleSpec(rp, o)],
      ['frequency', repurchaseFrequencySpec(rp, o)],
      ['rfm', rfmGridSpec(rf, o)],
    ];
  }

  it('no spec drawn in one scheme carries the other scheme’s text, accent, grid or ramp colours', () => {
    for (const s of SCHEMES) {
      const other = CHART_THEMES[s === 'light' ? 'dark' : 'light'];
      const mine = CHART_THEMES[s];
      for (const [name, spec] of specs(s)) {
        const json = JSON.stringify(spec).toLowerCase();
        // (The backgrounds are not checked: white is also both schemes' light text on dark cells.)
        for (const c of [other.textColor, other.accentColor, other.mutedColor, other.gridColor, other.colorRange[0], other.colorRange[1]]) {
          expect(json, `${s} ${name} has ${c}`).not.to.contain(`"${c}"`);
        }
        expect(json, `${s} ${name} config`).to.contain(`"labelcolor":"${mine.textColor}"`);
      }
    }
  });

  it('heatmap cells carry a text colour ≥ 4.5:1 on the fill their scale gives them', () => {
    for (const s of SCHEMES) {
      const theme = CHART_THEMES[s];
      for (const percent of [true, false]) {
        const cells = cohortCells(matrix, { scheme: s, percent });
        const spec = cohortHeatmapSpec(matrix, { scheme: s, percent }) as unknown as { layer: { encoding: { color?: { scale?: { domain: number[]; interpolate: string } } } }[] };
        const scale = spec.layer[0].encoding.color!.scale!;
        expect(scale.interpolate).to.equal('rgb');
        for (const c of cells) {
          const v = percent ? c.share : c.value;
          if (!Number.isFinite(v)) {
            expect(c.textColor).to.equal(theme.textColor);
            continue;
          }
          const fill = rampColor(v / scale.domain[1], theme.colorRange);
          expect(contrastRatio(c.textColor, fill), `${s} ${c.cohort} k=${c.k} on ${fill}`).to.be.at.least(4.5);
          expect(c.dark).to.equal(relativeLuminance(c.textColor) > relativeLuminance(fill));
        }
      }
      for (const c of rfmGridCells(rf, { scheme: s })) {
        const max = Math.max(...rf.grid.map((g) => g.customers));
        expect(contrastRatio(c.textColor, rampColor(c.customers / max, theme.colorRange))).to.be.at.least(4.5);
      }
      for (const c of lifecycleTransitionCells(lc, { scheme: s })) {
        expect(contrastRatio(c.textColor, rampColor(c.colorShare, theme.colorRange))).to.be.at.least(4.5);
      }
    }
  });

  it('every line is drawn with straight segments', () => {
    for (const [name, spec] of specs('light')) {
      const marks: { type?: string; interpolate?: string }[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if (o.mark && typeof o.mark === 'object') marks.push(o.mark as { type?: string });
          Object.values(o).forEach(walk);
        }
      };
      walk(spec);
      for (const m of marks.filter((m) => m.type === 'line')) expect(m.interpolate, name).to.equal('linear');
    }
  });
});
