import { expect } from '@open-wc/testing';
import {
  cohortCells,
  cohortCurvePoints,
  cohortCurvesSpec,
  cohortHeatmapSpec,
  cohortLabel,
  type CohortMatrix,
} from '../../src/charts/cohort-heatmap.js';

// A hand-made triangle: 3 monthly cohorts over 3 months (sizes 8, 5, 2).
const matrix: CohortMatrix = {
  period: 'month',
  measure: 'customers',
  mode: 'on',
  periods: ['2024-01', '2024-02', '2024-03'],
  cohorts: [
    { cohort: '2024-01', size: 8, values: [8, 4, 2] },
    { cohort: '2024-02', size: 5, values: [5, 1] },
    { cohort: '2024-03', size: 2, values: [2] },
  ],
};

const revenue: CohortMatrix = {
  period: 'week',
  measure: 'revenue',
  mode: 'on',
  periods: ['2024-W01', '2024-W02'],
  cohorts: [
    { cohort: '2024-W01', size: 3, values: [200, 50] },
    { cohort: '2024-W02', size: 1, values: [1234.5] },
  ],
};

type AnySpec = Record<string, any>;

describe('cohort heatmap spec', () => {
  it('a last period cut off by the end of the data is named in a subtitle of both charts (en, zh-CN)', () => {
    const partial: CohortMatrix = { ...matrix, lastDay: Date.UTC(2024, 2, 9) / 864e5, lastPeriodPartial: true };
    for (const spec of [cohortHeatmapSpec(partial), cohortCurvesSpec(partial)] as AnySpec[]) {
      expect(spec.title.subtitle).to.contain('partial').and.to.contain('2024');
    }
    expect((cohortHeatmapSpec(partial, { lang: 'zh-CN' }) as AnySpec).title.subtitle).to.contain('不完整');
    expect((cohortHeatmapSpec({ ...partial, lastPeriodPartial: false }) as AnySpec).title).to.be.a('string');
    expect((cohortHeatmapSpec(matrix) as AnySpec).title).to.be.a('string');
  });

  it('puts every matrix cell in the `cells` dataset, row by row (a triangle)', () => {
    const spec = cohortHeatmapSpec(matrix, { lang: 'en', percent: true }) as AnySpec;
    expect(spec.data).to.deep.equal({ name: 'cells' });
    const cells = spec.datasets.cells as AnySpec[];
    expect(cells.map((c) => [c.cohort, c.k, c.value])).to.deep.equal([
      ['2024-01', 0, 8],
      ['2024-01', 1, 4],
      ['2024-01', 2, 2],
      ['2024-02', 0, 5],
      ['2024-02', 1, 1],
      ['2024-03', 0, 2],
    ]);
    expect(cells.map((c) => c.share)).to.deep.equal([1, 0.5, 0.25, 1, 0.2, 1]);
    expect(cells.map((c) => c.periodKey)).to.deep.equal(['2024-01', '2024-02', '2024-03', '2024-02', '2024-03', '2024-03']);
  });

  it('labels rows with the cohort and its Intl-formatted size, in cohort order', () => {
    expect(cohortLabel('en', '1997-01', 7846)).to.equal('1997-01 · 7,846');
    const spec = cohortHeatmapSpec(matrix, { lang: 'en' }) as AnySpec;
    expect(spec.encoding.y.field).to.equal('cohortLabel');
    expect(spec.encoding.y.sort).to.deep.equal(['2024-01 · 8', '2024-02 · 5', '2024-03 · 2']);
  });

  it('percent mode labels and colours cells by share; count mode by value', () => {
    const pct = cohortHeatmapSpec(matrix, { lang: 'en', percent: true }) as AnySpec;
    expect((pct.datasets.cells as AnySpec[]).map((c) => c.label)).to.deep.equal(['100.0%', '50.0%', '25.0%', '100.0%', '20.0%', '100.0%']);
    expect(pct.layer[0].encoding.color.field).to.equal('share');
    expect(pct.layer[0].encoding.color.legend.format).to.equal('.0%');
    // The top of the colour scale is the best share after period 0, not period 0's 100%.
    expect(pct.layer[0].encoding.color.scale.domain).to.deep.equal([0, 0.5]);

    const cnt = cohortHeatmapSpec(matrix, { lang: 'en', percent: false }) as AnySpec;
    expect((cnt.datasets.cells as AnySpec[]).map((c) => c.label)).to.deep.equal(['8', '4', '2', '5', '1', '2']);
    expect(cnt.layer[0].encoding.color.field).to.equal('value');
    expect(cnt.layer[0].encoding.color.scale.domain).to.deep.equal([0, 4]);
  });

  it('draws cell labels as a text layer with a tooltip on both layers', () => {
    const spec = cohortHeatmapSpec(matrix, { lang: 'en', percent: true, width: 800 }) as AnySpec;
    expect(spec.layer).to.have.length(2);
    expect(spec.layer[0].mark.type).to.equal('rect');
    expect(spec.layer[1].mark.type).to.equal('text');
    expect(spec.layer[1].encoding.text.field).to.equal('label');
    for (const layer of spec.layer) expect(layer.encoding.tooltip.map((t: AnySpec) => t.field)).to.include('tipShare');
  });

  it('switches to short labels (whole percent) when cells get narrow', () => {
    const wide: CohortMatrix = {
      ...matrix,
      periods: Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`),
      cohorts: [{ cohort: '2024-01', size: 8, values: [8, 4, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1] }],
    };
    const spec = cohortHeatmapSpec(wide, { percent: true, width: 600 }) as AnySpec;
    expect(spec.layer[1].encoding.text.field).to.equal('shortLabel');
    expect((spec.datasets.cells as AnySpec[]).slice(0, 3).map((c) => c.shortLabel)).to.deep.equal(['100%', '50%', '25%']);
    const counts = cohortCells({ ...wide, cohorts: [{ cohort: '2024-01', size: 7814, values: [7814] }] }, { percent: false });
    expect(counts[0].shortLabel).to.equal('7.8K');
  });

  it('drops cell labels when there are too many cells to read', () => {
    const big: CohortMatrix = {
      ...matrix,
      periods: Array.from({ length: 60 }, (_, i) => `p${i}`),
      cohorts: Array.from({ length: 60 }, (_, c) => ({ cohort: `p${c}`, size: 10, values: Array.from({ length: 60 - c }, () => 3) })),
    };
    const spec = cohortHeatmapSpec(big, { width: 800 }) as AnySpec;
    expect(spec.layer).to.have.length(1);
    expect((spec.datasets.cells as AnySpec[]).length).to.equal((60 * 61) / 2);
  });

  it('uses revenue relative to period 0 as the share of a revenue matrix', () => {
    const cells = cohortCells(revenue, { lang: 'en', percent: true });
    expect(cells.map((c) => c.share)).to.deep.equal([1, 0.25, 1]);
    expect(cells[2].tipValue).to.equal('1,235');
    expect(cells[0].tipCohort).to.equal('2024-W01 · 3');
  });

  it('translates titles and labels for zh-CN', () => {
    const spec = cohortHeatmapSpec(matrix, { lang: 'zh-CN', percent: true }) as AnySpec;
    expect(spec.encoding.x.title).to.equal('首购后月数');
    expect(spec.encoding.y.title).to.contain('同期群');
    expect(spec.layer[0].encoding.color.legend.title).to.equal('留存率');
    expect(spec.title).to.contain('留存率');
  });

  it('is pure: building twice gives equal specs and leaves the matrix untouched', () => {
    const before = JSON.stringify(matrix);
    expect(JSON.stringify(cohortHeatmapSpec(matrix))).to.equal(JSON.stringify(cohortHeatmapSpec(matrix)));
    expect(JSON.stringify(matrix)).to.equal(before);
  });
});

describe('cohort curves spec', () => {
  it('has one point per cohort and period with y = share of period 0', () => {
    const spec = cohortCurvesSpec(matrix, { lang: 'en' }) as AnySpec;
    const points = spec.datasets.curves as AnySpec[];
    expect(points.map((p) => [p.cohort, p.k, p.share])).to.deep.equal([
      ['2024-01', 0, 1],
      ['2024-01', 1, 0.5],
      ['2024-01', 2, 0.25],
      ['2024-02', 0, 1],
      ['2024-02', 1, 0.2],
      ['2024-03', 0, 1],
    ]);
    expect(spec.mark.type).to.equal('line');
    expect(spec.encoding.x.field).to.equal('k');
    expect(spec.encoding.y.field).to.equal('share');
    expect(spec.encoding.color.field).to.equal('cohortLabel');
    expect(spec.encoding.color.legend).to.not.equal(null);
  });

  it('skips cohorts whose share base is zero (revenue with a zero first period)', () => {
    const zero: CohortMatrix = { ...revenue, cohorts: [{ cohort: '2024-W01', size: 2, values: [0, 10] }] };
    expect(cohortCurvePoints(zero)).to.deep.equal([]);
  });
});
