/**
 * Vega-Lite spec builders for cohort retention: result in, spec out. Pure functions: no DOM, no
 * globals, no `vega` import, so they are cheap to test and to run anywhere.
 *
 * Two views, each a separate spec so each can be sized to its container with `fit-x`:
 * - `cohortHeatmapSpec`: the classic cohort triangle (Fader & Hardie style "cohort chart"): one
 *   row per first-purchase cohort, labelled with its size, one column per period since the first
 *   purchase, cells coloured and labelled with the retained share or value.
 * - `cohortCurvesSpec`: one retention curve per cohort, x = periods since first purchase,
 *   y = share of period 0.
 *
 * Labels are formatted here with Intl (not with Vega's d3-format) so the chart, the hidden table
 * and the tooltips show the same text in the same locale.
 */
import type { TopLevelSpec } from 'vega-lite';
import { isoDate } from '../core/calendar.js';
import type { CohortRetention } from '../core/cohort-retention.js';
import { formatAmount, formatCompact, formatInteger, formatPercent, formatPeriodKey } from '../i18n/format.js';
import { messagesFor, type Lang } from '../i18n/messages.js';
import { chartConfig, heatmapCellText, resolveChartTheme, type ChartTheme, type ChartThemeOptions } from './theme.js';

/** The cohort matrix: core's result type itself (`cohortRetention` in core/cohort-retention.ts), not a copy. */
export type CohortMatrix = CohortRetention;

/** One heatmap cell (one cohort × periods-since-first-purchase). Field names are part of the API: tests and click handlers read them. */
export interface CohortCell {
  /** Cohort key, e.g. `1997-01`. */
  cohort: string;
  /** Row label: cohort key and size, e.g. `1997-01 · 7,846`. */
  cohortLabel: string;
  /** Customers in the cohort. */
  size: number;
  /** Periods since the cohort's first purchase (0 = the first-purchase period). */
  k: number;
  /** Calendar period of the cell, when known. */
  periodKey: string;
  /** Raw measure: customers active, revenue or orders in that period. */
  value: number;
  /**
   * Retained share: value / cohort size for customers; value / period-0 value for revenue and
   * orders (revenue retention relative to the first-purchase period). NaN when the base is 0.
   */
  share: number;
  /** Text of the cell: the share as percent (1 decimal), or the formatted value. */
  label: string;
  /** Shorter text for narrow cells: whole percent, or a compact number (7.8K). */
  shortLabel: string;
  /** Whether the cell's fill is dark enough to need the theme's light text. */
  dark: boolean;
  /** Colour of the cell's text: the theme's dark or light text, whichever contrasts more with the cell's fill. */
  textColor: string;
  /** Tooltip strings. */
  tipCohort: string;
  tipValue: string;
  tipShare: string;
}

/** Colours and font come from the theme (`scheme`, overrides such as `colorRange`: see `theme.ts`). */
export interface CohortChartOptions extends ChartThemeOptions {
  /** Label cells and colour by share (true) or by raw value (false). Default true. */
  percent?: boolean;
  lang?: Lang;
  /** Total width in CSS pixels, axes and legend included. Default 640. */
  width?: number;
  /** Cells above which labels are not drawn (they would be unreadable). Default 600. */
  maxLabelledCells?: number;
  /** Cells (or curve points) above which marks get no tooltip (rendering cost). Default 5000. */
  maxTooltipCells?: number;
}

/** The chart title, with a subtitle when the last period is cut off by the end of the data. */
function titleOf(text: string, matrix: CohortMatrix, lang: Lang, mutedColor: string): TopLevelSpec['title'] {
  if (!matrix.lastPeriodPartial || matrix.lastDay === undefined || matrix.periods.length === 0) return text;
  const m = messagesFor(lang);
  const last = matrix.periods[matrix.periods.length - 1];
  const subtitle = m.partialLastPeriod(formatPeriodKey(lang, matrix.period, last), formatPeriodKey(lang, 'day', isoDate(matrix.lastDay)));
  return { text, subtitle, subtitleFontSize: 10, subtitleColor: mutedColor };
}

/** Share base of a cohort row: its size for customers, its period-0 value for revenue/orders. */
function shareBase(matrix: CohortMatrix, row: CohortMatrix['cohorts'][number]): number {
  return matrix.measure === 'customers' ? row.size : (row.values[0] ?? 0);
}

function formatValue(matrix: CohortMatrix, lang: Lang, v: number): string {
  return matrix.measure === 'revenue' ? formatAmount(lang, v, 0) : formatInteger(lang, v);
}

/**
 * Row label of a cohort: its key and Intl-formatted size.
 * @example cohortLabel('en', '1997-01', 7846) // '1997-01 · 7,846'
 */
export function cohortLabel(lang: Lang, cohort: string, size: number): string {
  return `${cohort} · ${formatInteger(lang, size)}`;
}

/**
 * Flattens a cohort matrix into heatmap cells, row by row (cohort order), k ascending.
 * Colour intensity is relative to the largest share (or value) at k ≥ 1, because period 0 is 100%
 * by construction and would wash out every other cell; each cell's text colour is chosen from the
 * fill the heatmap gives it (`heatmapCellText`).
 * @example
 * cohortCells({ period: 'month', measure: 'customers', mode: 'on', periods: ['2024-01', '2024-02'],
 *   cohorts: [{ cohort: '2024-01', size: 4, values: [4, 1] }] })[1].label // '25.0%'
 */
export function cohortCells(matrix: CohortMatrix, options: CohortChartOptions = {}): CohortCell[] {
  const lang = options.lang ?? 'en';
  const percent = options.percent ?? true;
  const periodPos = new Map(matrix.periods.map((p, i) => [p, i]));
  const cells: CohortCell[] = [];
  for (const row of matrix.cohorts) {
    const base = shareBase(matrix, row);
    const label = cohortLabel(lang, row.cohort, row.size);
    const tipCohort = `${formatPeriodKey(lang, matrix.period, row.cohort)} · ${formatInteger(lang, row.size)}`;
    const start = periodPos.get(row.cohort);
    for (let k = 0; k < row.values.length; k++) {
      const value = row.values[k];
      const share = base > 0 ? value / base : NaN;
      const tipValue = formatValue(matrix, lang, value);
      const tipShare = formatPercent(lang, share);
      cells.push({
        cohort: row.cohort,
        cohortLabel: label,
        size: row.size,
        k,
        periodKey: start === undefined ? '' : (matrix.periods[start + k] ?? ''),
        value,
        share,
        label: percent ? tipShare : tipValue,
        shortLabel: percent ? formatPercent(lang, share, 0) : formatCompact(lang, value),
        dark: false,
        textColor: '',
        tipCohort,
        tipValue,
        tipShare,
      });
    }
  }
  const theme = resolveChartTheme(options);
  const max = colorMax(cells, percent);
  for (const c of cells) Object.assign(c, heatmapCellText(percent ? c.share : c.value, max, theme));
  return cells;
}


/** Largest colour value at k ≥ 1 (the top of the colour scale), or 1 when there is none. */
function colorMax(cells: CohortCell[], percent: boolean): number {
  let max = 0;
  for (const c of cells) {
    const v = percent ? c.share : c.value;
    if (c.k > 0 && Number.isFinite(v)) max = Math.max(max, v);
  }
  return max > 0 ? max : 1;
}

function measureName(matrix: CohortMatrix, lang: Lang): string {
  const m = messagesFor(lang);
  return matrix.measure === 'revenue' ? m.revenue : matrix.measure === 'orders' ? m.orders : m.customers;
}

function baseConfig(theme: ChartTheme) {
  return chartConfig(theme, { axis: { grid: false } });
}

/**
 * The cohort triangle. Data: a named dataset `cells` of `CohortCell` (read it back from the vega
 * view with `view.data('cells')`). Rows are cohorts oldest first; later cohorts have fewer cells,
 * which makes the triangle.
 * @example
 * const spec = cohortHeatmapSpec(cohortRetention(orders, { period: 'month', measure: 'customers', mode: 'on' }),
 *   { lang: 'en', width: 720 });
 * await embed(div, spec, { ast: true, expr: expressionInterpreter, actions: false });
 */
export function cohortHeatmapSpec(matrix: CohortMatrix, options: CohortChartOptions = {}): TopLevelSpec {
  const lang = options.lang ?? 'en';
  const percent = options.percent ?? true;
  const m = messagesFor(lang);
  const cells = cohortCells(matrix, options);
  const width = Math.max(160, options.width ?? 640);
  const nCohorts = matrix.cohorts.length;
  let nPeriods = 0;
  for (const row of matrix.cohorts) nPeriods = Math.max(nPeriods, row.values.length);
  const rowHeight = nCohorts <= 12 ? 28 : nCohorts <= 40 ? 20 : nCohorts <= 120 ? 12 : 6;
  // Rough plot width after the row labels (~120px) and legend (~90px): room for "14.8%" (about
  // 40px at 11px) or only for "15%" (about 28px)?
  const cellWidth = (width - 210) / Math.max(1, nPeriods);
  const showLabels = cells.length <= (options.maxLabelledCells ?? 600) && cellWidth >= 26 && rowHeight >= 16;
  const labelField = cellWidth >= 44 ? 'label' : 'shortLabel';
  const measure = measureName(matrix, lang);
  const theme = resolveChartTheme(options);
  const [low, high] = theme.colorRange;
  const colorField = percent ? 'share' : 'value';
  const tooltip = [
    { field: 'tipCohort', title: m.cohort },
    { field: 'k', title: m.periodsSinceFirst(matrix.period) },
    { field: 'periodKey', title: m.period },
    { field: 'tipValue', title: measure },
    { field: 'tipShare', title: m.retentionRate },
  ];
  const layers: unknown[] = [
    {
      // Cells are separated by lines of the background colour (white in light, near-black in dark).
      mark: { type: 'rect', cursor: 'pointer', stroke: theme.background, strokeWidth: 1 },
      encoding: {
        color: {
          field: colorField,
          type: 'quantitative',
          // interpolate 'rgb': the fill `heatmapCellText` (rampColor) assumes when it picks each cell's text colour.
          scale: { domain: [0, colorMax(cells, percent)], range: [low, high], clamp: true, interpolate: 'rgb' },
          legend: {
            title: percent ? m.retentionRate : measure,
            format: percent ? '.0%' : ',.0f',
            gradientLength: Math.max(60, Math.min(200, nCohorts * rowHeight)),
          },
        },
        // Tooltips are encoded per item at render time (through the AST interpreter under a
        // strict CSP); beyond `maxTooltipCells` they cost seconds, and the hidden table still
        // gives the values.
        ...(cells.length <= (options.maxTooltipCells ?? 5000) ? { tooltip } : {}),
      },
    },
  ];
  if (showLabels) {
    layers.push({
      mark: { type: 'text', fontSize: 11, cursor: 'pointer' },
      encoding: {
        text: { field: labelField },
        // Each cell's own text colour (`textColor`, picked from its fill by contrast), not a scale.
        color: { value: { expr: 'datum.textColor' } },
        tooltip,
      },
    });
  }
  return {
    description: m.heatmapTitle(measure, percent),
    title: titleOf(m.heatmapTitle(measure, percent), matrix, lang, theme.mutedColor),
    width,
    height: Math.max(1, nCohorts) * rowHeight,
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { cells: cells as unknown as Record<string, unknown>[] },
    data: { name: 'cells' },
    encoding: {
      x: {
        field: 'k',
        type: 'ordinal',
        title: m.periodsSinceFirst(matrix.period),
        axis: { labelAngle: 0, labelOverlap: 'greedy', orient: 'top' },
      },
      y: {
        field: 'cohortLabel',
        type: 'ordinal',
        sort: matrix.cohorts.map((r) => cohortLabel(lang, r.cohort, r.size)),
        title: m.firstPurchaseCohort(matrix.period),
        axis: { labelLimit: 160, labelOverlap: 'greedy' },
      },
    },
    layer: layers,
    config: baseConfig(theme),
  } as TopLevelSpec;
}

/** One point of a retention curve. */
export interface CohortCurvePoint {
  cohort: string;
  cohortLabel: string;
  k: number;
  share: number;
  tipShare: string;
}

/**
 * Points of the retention curves: one per cohort and k with a finite share.
 * @example cohortCurvePoints(matrix).filter((p) => p.cohort === '1997-01').map((p) => p.share)
 */
export function cohortCurvePoints(matrix: CohortMatrix, lang: Lang = 'en'): CohortCurvePoint[] {
  const out: CohortCurvePoint[] = [];
  for (const row of matrix.cohorts) {
    const base = shareBase(matrix, row);
    if (!(base > 0)) continue;
    const label = cohortLabel(lang, row.cohort, row.size);
    for (let k = 0; k < row.values.length; k++) {
      const share = row.values[k] / base;
      out.push({ cohort: row.cohort, cohortLabel: label, k, share, tipShare: formatPercent(lang, share) });
    }
  }
  return out;
}

/**
 * Retention curves, one line per cohort. Data: a named dataset `curves` of `CohortCurvePoint`.
 * The legend is dropped above 20 cohorts (a 100-entry legend helps nobody; the tooltip names the cohort).
 * Up to `categoryColors.length` cohorts get the theme's category colours, more get its series scheme
 * (an ordered ramp: older → newer), both ≥ 3:1 against the background.
 * @example const spec = cohortCurvesSpec(matrix, { lang: 'zh-CN', width: 600 });
 */
export function cohortCurvesSpec(matrix: CohortMatrix, options: CohortChartOptions = {}): TopLevelSpec {
  const lang = options.lang ?? 'en';
  const m = messagesFor(lang);
  const points = cohortCurvePoints(matrix, lang);
  const nCohorts = matrix.cohorts.length;
  const many = nCohorts > 20;
  const theme = resolveChartTheme(options);
  const colorScale = nCohorts <= theme.categoryColors.length ? { range: theme.categoryColors } : { scheme: theme.seriesScheme };
  return {
    description: m.curvesTitle,
    title: titleOf(m.curvesTitle, matrix, lang, theme.mutedColor),
    width: Math.max(160, options.width ?? 640),
    height: 220,
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { curves: points as unknown as Record<string, unknown>[] },
    data: { name: 'curves' },
    // Straight segments ('linear'): retention is measured once per period, and a smoothed curve
    // (even monotone) shows values between periods that are not in the data.
    mark: { type: 'line', point: !many && points.length <= 2000 ? { size: 30, cursor: 'pointer' } : false, strokeWidth: many ? 1 : 2, interpolate: 'linear' },
    encoding: {
      x: { field: 'k', type: 'quantitative', title: m.periodsSinceFirst(matrix.period), axis: { tickMinStep: 1, format: 'd', grid: true } },
      y: { field: 'share', type: 'quantitative', title: m.retentionRate, axis: { format: '.0%', grid: true } },
      color: {
        field: 'cohortLabel',
        type: 'nominal',
        sort: matrix.cohorts.map((r) => cohortLabel(lang, r.cohort, r.size)),
        title: m.cohort,
        scale: colorScale,
        legend: many ? null : { orient: 'right', labelLimit: 160 },
      },
      ...(points.length <= (options.maxTooltipCells ?? 5000)
        ? {
            tooltip: [
              { field: 'cohortLabel', title: m.cohort },
              { field: 'k', title: m.periodsSinceFirst(matrix.period) },
              { field: 'tipShare', title: m.retentionRate },
            ],
          }
        : {}),
    },
    config: baseConfig(theme),
  } as TopLevelSpec;
}
