/**
 * Vega-Lite specs of <rw-clv>: the CLV histogram (equal-width bars over 1-2-5 value ranges, so a
 * skewed distribution stays readable) and the calibration-vs-holdout chart. Pure: result in, spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CalibrationPoint, ClvBin } from '../analyses/clv-analysis.js';
import { formatAmount, formatCompact, formatInteger } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { chartConfig, resolveChartTheme, type ChartThemeOptions } from './theme.js';

/** Colours and font: a scheme and overrides (see `theme.ts`). */
export interface ClvChartOptions extends ChartThemeOptions {
  lang?: Lang;
  width?: number;
}

/** One bar of the histogram. */
export interface ClvBinBar {
  /** Bin position (0 = lowest values). */
  bin: number;
  lo: number;
  hi: number;
  count: number;
  /** Range text, e.g. `10–20` or `1K–2K`. */
  range: string;
  tipCount: string;
}

/**
 * Bars of the histogram with Intl range labels.
 * @example clvBinBars([{ lo: 0, hi: 1, count: 3 }], 'en')[0].range // '0–1'
 */
export function clvBinBars(bins: ClvBin[], lang: Lang): ClvBinBar[] {
  const f = (v: number) => (v >= 1000 ? formatCompact(lang, v) : formatAmount(lang, v, 2));
  return bins.map((b, bin) => ({ bin, lo: b.lo, hi: b.hi, count: b.count, range: `${f(b.lo)}–${f(b.hi)}`, tipCount: formatInteger(lang, b.count) }));
}

function config(options: ClvChartOptions) {
  return chartConfig(resolveChartTheme(options), { legend: { orient: 'top' } });
}

/**
 * Histogram (dataset `bins`).
 * @example clvHistogramSpec(clvBinBars(bins, 'en'), { width: 600 }, { title, range: 'CLV range', customers: 'Customers' })
 */
export function clvHistogramSpec(bars: ClvBinBar[], options: ClvChartOptions, labels: { title: string; range: string; customers: string }): TopLevelSpec {
  const width = Math.max(160, options.width ?? 640);
  return {
    description: labels.title,
    title: { text: labels.title, limit: width - 10 },
    width,
    height: width < 400 ? 160 : 200,
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { bins: bars as unknown as Record<string, unknown>[] },
    data: { name: 'bins' },
    mark: { type: 'bar', cursor: 'pointer', color: resolveChartTheme(options).accentColor, cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2 },
    encoding: {
      x: { field: 'range', type: 'ordinal', sort: null, title: labels.range, axis: { labelAngle: -45, labelOverlap: 'greedy' } },
      y: { field: 'count', type: 'quantitative', title: labels.customers, axis: { grid: true, tickCount: 5, format: '~s' } },
      tooltip: [
        { field: 'range', title: labels.range },
        { field: 'tipCount', title: labels.customers },
      ],
    },
    config: config(options),
  } as unknown as TopLevelSpec;
}

/** One point of the calibration chart (one per bucket and series). */
export interface CalibrationChartPoint {
  frequency: number;
  /** `0` … `6`, `7+`. */
  label: string;
  series: string;
  value: number;
  customers: number;
  tipValue: string;
  tipCustomers: string;
}

/**
 * Two series per calibration bucket: actual and predicted mean holdout purchases.
 * @example calibrationChartPoints(points, 'en', { actual: 'Actual', predicted: 'Predicted' }).length // 2 × buckets
 */
export function calibrationChartPoints(
  points: CalibrationPoint[],
  lang: Lang,
  names: { actual: string; predicted: string },
  maxFrequency = 7,
): CalibrationChartPoint[] {
  const out: CalibrationChartPoint[] = [];
  for (const p of points) {
    const label = p.frequency >= maxFrequency ? `${maxFrequency}+` : String(p.frequency);
    for (const [series, value] of [
      [names.actual, p.actual],
      [names.predicted, p.predicted],
    ] as const) {
      out.push({ frequency: p.frequency, label, series, value, customers: p.customers, tipValue: formatAmount(lang, value, 3), tipCustomers: formatInteger(lang, p.customers) });
    }
  }
  return out;
}

/**
 * Calibration vs holdout (dataset `calibration`), as `lifetimes`' plot_calibration_purchases_vs_holdout_purchases.
 * @example calibrationSpec(points, { width: 600 }, labels)
 */
export function calibrationSpec(
  points: CalibrationChartPoint[],
  options: ClvChartOptions,
  labels: { title: string; x: string; y: string; customers: string; actual: string; predicted: string },
): TopLevelSpec {
  const width = Math.max(160, options.width ?? 640);
  const theme = resolveChartTheme(options);
  return {
    description: labels.title,
    title: { text: labels.title, limit: width - 10 },
    width,
    height: width < 400 ? 160 : 200,
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { calibration: points as unknown as Record<string, unknown>[] },
    data: { name: 'calibration' },
    // Straight segments between buckets: frequencies in between do not exist.
    mark: { type: 'line', point: { size: 50, filled: true }, strokeWidth: 2, interpolate: 'linear' },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: null, title: labels.x, axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: labels.y, axis: { grid: true, tickCount: 5 } },
      color: {
        field: 'series',
        type: 'nominal',
        scale: { domain: [labels.actual, labels.predicted], range: [theme.mutedColor, theme.accentColor] },
        legend: { title: null },
      },
      strokeDash: { field: 'series', type: 'nominal', scale: { domain: [labels.actual, labels.predicted], range: [[1, 0], [5, 3]] }, legend: { title: null } },
      tooltip: [
        { field: 'label', title: labels.x },
        { field: 'series', title: ' ' },
        { field: 'tipValue', title: labels.y },
        { field: 'tipCustomers', title: labels.customers },
      ],
    },
    config: config(options),
  } as unknown as TopLevelSpec;
}
