import { expect } from '@open-wc/testing';
import { parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { transformFamilies } from '../../src/dropin/vega-slim.js';
import { cohortCurvesSpec, cohortHeatmapSpec, type CohortMatrix } from '../../src/charts/cohort-heatmap.js';

// The drop-in build registers only three Vega transform families (src/dropin/vega-slim.ts).
// A chart whose runtime needs another one would fail there with "Unrecognized transform type"
// while working from source (where `vega` registers everything): this checks every operator of
// the parsed runtime spec against the drop-in's registry.

const registered = new Set(transformFamilies.flatMap((family) => Object.keys(family).map((k) => k.toLowerCase())));

/** Operator types of a spec's Vega runtime that the drop-in's registry lacks. */
function missingTransforms(spec: TopLevelSpec): string[] {
  const runtime = parse(compile(spec).spec, undefined, { ast: true }) as unknown as { operators: { type?: string }[] };
  const types = new Set(runtime.operators.map((op) => (op.type ?? 'operator').toLowerCase()));
  types.delete('operator');
  return [...types].filter((t) => !registered.has(t));
}

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

describe('drop-in Vega registry (src/dropin/vega-slim.ts)', () => {
  it('registers the dataflow, view and encoding transforms and leaves geo/force/hierarchy out', () => {
    for (const t of ['formula', 'aggregate', 'collect', 'stack', 'mark', 'viewlayout', 'legendentries', 'axisticks', 'scale']) expect(registered.has(t), t).to.equal(true);
    for (const t of ['geoshape', 'force', 'treemap', 'label', 'regression', 'voronoi', 'wordcloud', 'crossfilter']) expect(registered.has(t), t).to.equal(false);
  });

  it('compiled chart specs use no map features (the drop-in stubs d3-geo and topojson-client)', () => {
    for (const spec of [cohortHeatmapSpec(matrix), cohortCurvesSpec(matrix), cohortHeatmapSpec(matrix, { lang: 'zh-CN' as const, percent: false })]) {
      expect(JSON.stringify(compile(spec).spec)).to.not.match(/geo(Area|Bounds|Centroid|Shape)|topojson/i);
    }
  });

  it('has every transform the cohort heatmap and curves need (percent, values, zh-CN, many cohorts)', () => {
    const many: CohortMatrix = { ...matrix, cohorts: Array.from({ length: 30 }, (_, i) => ({ cohort: `c${i}`, size: 10, values: [10, 5] })) };
    for (const options of [{}, { percent: false }, { lang: 'zh-CN' as const, width: 300 }]) {
      expect(missingTransforms(cohortHeatmapSpec(matrix, options))).to.deep.equal([]);
      expect(missingTransforms(cohortCurvesSpec(matrix, options))).to.deep.equal([]);
      expect(missingTransforms(cohortCurvesSpec(many, options))).to.deep.equal([]);
    }
  });
});
