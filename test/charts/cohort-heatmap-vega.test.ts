import { expect } from '@open-wc/testing';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import { cohortCurvesSpec, cohortHeatmapSpec, type CohortMatrix } from '../../src/charts/cohort-heatmap.js';

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

/** Compiles with Vega-Lite, runs headless with the AST interpreter; fails on any compile warning. */
async function run(spec: ReturnType<typeof cohortHeatmapSpec>): Promise<View> {
  const warnings: unknown[] = [];
  const logger = { level: () => logger, error: (...a: unknown[]) => warnings.push(a), warn: (...a: unknown[]) => warnings.push(a), info: () => logger, debug: () => logger };
  const vg = compile(spec, { logger: logger as never }).spec;
  expect(warnings, JSON.stringify(warnings)).to.deep.equal([]);
  const view = new View(parse(vg, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter } as never);
  await view.runAsync();
  return view;
}

describe('cohort specs in Vega (headless, AST interpreter)', () => {
  let realFunction: FunctionConstructor;
  let functionCalls = 0;
  beforeEach(() => {
    realFunction = window.Function;
    functionCalls = 0;
    const spy = function (this: unknown, ...args: string[]) {
      functionCalls++;
      return realFunction(...args);
    } as unknown as FunctionConstructor;
    window.Function = spy;
  });
  afterEach(() => {
    window.Function = realFunction;
  });

  it('compiles the heatmap without warnings, never calls Function, and exposes the matrix as `cells`', async () => {
    const view = await run(cohortHeatmapSpec(matrix, { percent: true, width: 700 }));
    const cells = view.data('cells') as { cohort: string; k: number; value: number }[];
    expect(cells.map((c) => [c.cohort, c.k, c.value])).to.deep.equal([
      ['2024-01', 0, 8],
      ['2024-01', 1, 4],
      ['2024-01', 2, 2],
      ['2024-02', 0, 5],
      ['2024-02', 1, 1],
      ['2024-03', 0, 2],
    ]);
    expect(functionCalls).to.equal(0);
    view.finalize();
  });

  it('the Function spy does see Vega\'s default (eval-based) expression compiler', async () => {
    const vg = compile(cohortHeatmapSpec(matrix)).spec;
    const view = new View(parse(vg), { renderer: 'none' });
    await view.runAsync();
    expect(functionCalls).to.be.greaterThan(0);
    view.finalize();
  });

  it('compiles the curves without warnings and never calls Function', async () => {
    const view = await run(cohortCurvesSpec(matrix, { width: 500 }));
    expect((view.data('curves') as unknown[]).length).to.equal(6);
    expect(functionCalls).to.equal(0);
    view.finalize();
  });
});
