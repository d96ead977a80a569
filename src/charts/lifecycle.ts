/**
 * Vega-Lite specs of the customer lifecycle (core `lifecycle.ts`): result in, spec out (pure).
 *
 * - `lifecycleStagesSpec`: customers per stage per period as stacked bars, one fixed colour per
 *   stage ({@link LIFECYCLE_STAGE_COLORS}), stages stacked in lifecycle order from the bottom
 *   (new, active, returning, dormant, churned), so the coloured "alive" part sits on the axis and
 *   the grey inactive part above it.
 * - `lifecycleTransitionsSpec`: the from × to matrix between two consecutive periods as a heatmap
 *   (rows: stage in the earlier period, columns: stage in the later one; cells show customers and are
 *   coloured by the share of their row, like a Markov transition matrix). The "new" column is left
 *   out: a customer present in both periods cannot be new in the second (core counts only those).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Lifecycle, LifecycleStage } from '../core/lifecycle.js';
import { LIFECYCLE_STAGE_LABELS } from '../core/lifecycle.js';
import { formatInteger, formatPercent, formatPeriodKey } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { lifecycleMessages } from '../i18n/lifecycle.js';
import { isoDate } from '../core/calendar.js';
import { CHART_THEMES, chartConfig, heatmapCellText, resolveChartTheme, type ChartThemeOptions } from './theme.js';

/** The stages chart's title, with a subtitle when the last period runs past the as-of day. */
function stagesTitle(result: Lifecycle, lang: Lang, mutedColor: string): TopLevelSpec['title'] {
  const m = lifecycleMessages(lang);
  const last = result.perPeriod.at(-1);
  if (!result.lastPeriodPartial || !last) return m.stagesTitle;
  const subtitle = m.partialLastPeriod(formatPeriodKey(lang, result.period, last.period), formatPeriodKey(lang, 'day', isoDate(result.asOf)));
  return { text: m.stagesTitle, subtitle, subtitleFontSize: 10, subtitleColor: mutedColor };
}

/**
 * The fixed colour of each stage in the light theme (Tableau 10 hues): new blue, active green,
 * returning orange, dormant light grey, churned dark grey. Fixed so that a stage has the same
 * colour in every period, chart, language and page; the dark theme has its own
 * (`CHART_THEMES.dark.lifecycleColors`); override per stage with `stageColors`.
 */
export const LIFECYCLE_STAGE_COLORS: Record<LifecycleStage, string> = CHART_THEMES.light.lifecycleColors;

/** One bar segment: customers of one stage in one period. Field names are part of the API. */
export interface LifecycleBar {
  /** Period key, e.g. `1997-03` or `1997-W10`. */
  period: string;
  /** Stage key, e.g. `returning`. */
  stage: LifecycleStage;
  /** Index of the stage in `LIFECYCLE_STAGES` (stack order). */
  stageIndex: number;
  stageName: string;
  customers: number;
  /** Share of the period's customers. */
  share: number;
  /** Whether this period is the one the transition matrix shows (the "to" period). */
  selected: boolean;
  tipPeriod: string;
  tipCustomers: string;
  tipShare: string;
}

/** One cell of the transition matrix. */
export interface LifecycleTransitionCell {
  from: LifecycleStage;
  to: LifecycleStage;
  fromName: string;
  toName: string;
  customers: number;
  /** Share of the customers in `from` (in the earlier period) who moved to `to`; NaN for an empty row. */
  share: number;
  /** The cell's colour value: `share`, or 0 for an empty row (a row-normalised heatmap, so small stages stay visible next to the big churned → churned cell). */
  colorShare: number;
  label: string;
  /** Whether the fill is dark enough to need the theme's light text. */
  dark: boolean;
  /** Colour of the cell's text: the theme's dark or light text, whichever contrasts more with the fill. */
  textColor: string;
  tipShare: string;
}

/** Colours and font come from the theme (`scheme`, overrides such as `colorRange`: see `theme.ts`). */
export interface LifecycleChartOptions extends ChartThemeOptions {
  lang?: Lang;
  /** Total width in CSS pixels. Default 640. */
  width?: number;
  /** Per-stage colour overrides (e.g. from `--rw-stage-*` custom properties). */
  stageColors?: Partial<Record<LifecycleStage, string>>;
  /** Period key of the transition shown (its "to" period); default the last. */
  transitionPeriod?: string;
}

/**
 * Index into `result.transitions` of the transition into `period`, or the last one when the
 * period is absent or has no predecessor (-1 when there is no transition at all).
 * @example transitionIndex(lc, '1998-06') // lc.transitions.length - 1
 */
export function transitionIndex(result: Lifecycle, period: string | undefined): number {
  const i = period === undefined ? -1 : result.transitions.findIndex((t) => t.to === period);
  return i >= 0 ? i : result.transitions.length - 1;
}

/**
 * Bar segments, period by period, stages in lifecycle order.
 * @example lifecycleBars(lc).filter((b) => b.period === '1998-06').map((b) => b.customers) // perPeriod.at(-1).counts
 */
export function lifecycleBars(result: Lifecycle, options: LifecycleChartOptions = {}): LifecycleBar[] {
  const lang = options.lang ?? 'en';
  const t = transitionIndex(result, options.transitionPeriod);
  const selected = t >= 0 ? result.transitions[t].to : undefined;
  const out: LifecycleBar[] = [];
  for (const row of result.perPeriod) {
    const tipPeriod = formatPeriodKey(lang, result.period, row.period);
    row.counts.forEach((n, s) => {
      const stage = result.stages[s];
      const share = row.customers ? n / row.customers : NaN;
      out.push({
        period: row.period,
        stage,
        stageIndex: s,
        stageName: LIFECYCLE_STAGE_LABELS[stage][lang],
        customers: n,
        share,
        selected: row.period === selected,
        tipPeriod,
        tipCustomers: formatInteger(lang, n),
        tipShare: formatPercent(lang, share),
      });
    });
  }
  return out;
}

/**
 * Cells of the transition into `transitionPeriod` (default the last), from-major.
 * @example lifecycleTransitionCells(lc).find((c) => c.from === 'active' && c.to === 'dormant')?.customers
 */
export function lifecycleTransitionCells(result: Lifecycle, options: LifecycleChartOptions = {}): LifecycleTransitionCell[] {
  const lang = options.lang ?? 'en';
  const t = transitionIndex(result, options.transitionPeriod);
  if (t < 0) return [];
  const counts = result.transitions[t].counts;
  const theme = resolveChartTheme(options);
  const out: LifecycleTransitionCell[] = [];
  for (let a = 0; a < 5; a++) {
    const rowTotal = counts[a].reduce((x, y) => x + y, 0);
    for (let b = 1; b < 5; b++) {
      const n = counts[a][b];
      const share = rowTotal ? n / rowTotal : NaN;
      out.push({
        from: result.stages[a],
        to: result.stages[b],
        fromName: LIFECYCLE_STAGE_LABELS[result.stages[a]][lang],
        toName: LIFECYCLE_STAGE_LABELS[result.stages[b]][lang],
        customers: n,
        share,
        colorShare: rowTotal ? share : 0,
        label: formatInteger(lang, n),
        ...heatmapCellText(rowTotal ? share : 0, 1, theme),
        tipShare: formatPercent(lang, share),
      });
    }
  }
  return out;
}

function config(options: LifecycleChartOptions) {
  return chartConfig(resolveChartTheme(options), { axis: { titleFontSize: 11 } });
}

/**
 * Stacked bars of customers per stage and period. Data: named dataset `bars` (`LifecycleBar`).
 * The legend goes below the bars when narrow; the period of the transition matrix is outlined.
 * @example const spec = lifecycleStagesSpec(lifecycle(orders, { period: 'month', inactiveDays: 'auto' }), { lang: 'zh-CN' });
 */
export function lifecycleStagesSpec(result: Lifecycle, options: LifecycleChartOptions = {}): TopLevelSpec {
  const lang = options.lang ?? 'en';
  const m = lifecycleMessages(lang);
  const width = Math.max(200, options.width ?? 640);
  const narrow = width < 520;
  const bars = lifecycleBars(result, options);
  const names = result.stages.map((s) => LIFECYCLE_STAGE_LABELS[s][lang]);
  const theme = resolveChartTheme(options);
  const colors = result.stages.map((s) => options.stageColors?.[s] ?? theme.lifecycleColors[s]);
  const text = theme.textColor;
  return {
    description: m.stagesTitle,
    title: stagesTitle(result, lang, theme.mutedColor),
    width,
    height: narrow ? 200 : 260,
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { bars: bars as unknown as Record<string, unknown>[] },
    data: { name: 'bars' },
    mark: { type: 'bar', cursor: 'pointer' },
    encoding: {
      x: {
        field: 'period',
        type: 'ordinal',
        title: m.period,
        sort: result.perPeriod.map((p) => p.period),
        axis: { labelAngle: -45, labelOverlap: 'greedy', labelLimit: 80 },
        scale: { paddingInner: 0.15 },
      },
      y: { field: 'customers', type: 'quantitative', title: m.customers, stack: 'zero', axis: { format: '~s', grid: true, tickCount: 5 } },
      color: {
        field: 'stageName',
        type: 'nominal',
        title: m.stage,
        scale: { domain: names, range: colors },
        legend: narrow ? { orient: 'bottom', direction: 'horizontal', columns: 3, symbolType: 'square' } : { orient: 'right', symbolType: 'square' },
      },
      order: { field: 'stageIndex', type: 'quantitative', sort: 'ascending' },
      stroke: { condition: { test: 'datum.selected', value: text }, value: 'transparent' },
      strokeWidth: { condition: { test: 'datum.selected', value: 1.5 }, value: 0 },
      tooltip: [
        { field: 'tipPeriod', title: m.period },
        { field: 'stageName', title: m.stage },
        { field: 'tipCustomers', title: m.customers },
        { field: 'tipShare', title: m.share },
      ],
    },
    config: config(options),
  } as unknown as TopLevelSpec;
}

/**
 * Heatmap of the transition into `transitionPeriod` (default the last period). Data: named
 * dataset `transitions` (`LifecycleTransitionCell`).
 * @example const spec = lifecycleTransitionsSpec(lc, { transitionPeriod: '1998-01', width: 480 });
 */
export function lifecycleTransitionsSpec(result: Lifecycle, options: LifecycleChartOptions = {}): TopLevelSpec {
  const lang = options.lang ?? 'en';
  const m = lifecycleMessages(lang);
  const t = transitionIndex(result, options.transitionPeriod);
  const cells = lifecycleTransitionCells(result, options);
  const from = t >= 0 ? result.transitions[t].from : '';
  const to = t >= 0 ? result.transitions[t].to : '';
  const width = Math.max(200, Math.min(520, options.width ?? 480));
  const names = result.stages.map((s) => LIFECYCLE_STAGE_LABELS[s][lang]);
  const theme = resolveChartTheme(options);
  const [low, high] = theme.colorRange;
  const tooltip = [
    { field: 'fromName', title: m.fromStage(from) },
    { field: 'toName', title: m.toStage(to) },
    { field: 'label', title: m.customers },
    { field: 'tipShare', title: m.share },
  ];
  return {
    description: m.transitionsTitle(from, to),
    title: m.transitionsTitle(from, to),
    width,
    height: 5 * 34,
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { transitions: cells as unknown as Record<string, unknown>[] },
    data: { name: 'transitions' },
    encoding: {
      x: { field: 'toName', type: 'nominal', sort: names.slice(1), title: m.toStage(to), axis: { orient: 'top', labelAngle: 0, labelLimit: 90 } },
      y: { field: 'fromName', type: 'nominal', sort: names, title: m.fromStage(from), axis: { labelLimit: 90 } },
    },
    layer: [
      {
        mark: { type: 'rect', cursor: 'pointer', stroke: theme.background, strokeWidth: 1 },
        encoding: {
          // rgb interpolation: the fill `heatmapCellText` assumes when it picks each cell's text colour.
          color: { field: 'colorShare', type: 'quantitative', scale: { domain: [0, 1], range: [low, high], interpolate: 'rgb' }, legend: null },
          tooltip,
        },
      },
      {
        mark: { type: 'text', fontSize: 12, cursor: 'pointer' },
        encoding: {
          text: { field: 'label' },
            // Each cell's own text colour (`textColor`, picked from its fill by contrast), not a scale.
          color: { value: { expr: 'datum.textColor' } },
          tooltip,
        },
      },
    ],
    config: config(options),
  } as unknown as TopLevelSpec;
}
