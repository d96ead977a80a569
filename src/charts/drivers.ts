/**
 * Vega-Lite spec of <rw-drivers>: the lift of the top-ranked factor values as bars growing from 1
 * (the rest's rate) on a log scale, so "twice as likely" and "half as likely" are equally long.
 * Pure: core's factors in, spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DriverFactor } from '../core/drivers.js';
import { formatInteger, formatPercent } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { chartConfig, resolveChartTheme, type ChartThemeOptions } from './theme.js';

export interface DriverLiftOptions extends ChartThemeOptions {
  lang?: Lang;
  width?: number;
}

/** One bar: a factor value with its lift and what the tooltip says. */
export interface DriverLiftBar {
  feature: string;
  value: string;
  /** "Feature: value" in words (the y axis). */
  label: string;
  lift: number;
  /** 'higher' / 'lower' when flagged in core, else 'none'. */
  direction: 'higher' | 'lower' | 'none';
  /** The direction in words (the legend). */
  directionLabel: string;
  tipRate: string;
  tipRest: string;
  tipCustomers: string;
}

/**
 * The first `max` tested factors in core's rank order (largest |z| first) whose lift is finite and
 * positive (a log scale has no 0).
 * @example driverLiftBars(d.factors, 'en', (f) => `${f.feature}: ${f.value}`, { higher: 'higher', lower: 'lower', none: 'not significant' })[0].lift // 1.21
 */
export function driverLiftBars(
  factors: readonly DriverFactor[],
  lang: Lang,
  label: (f: DriverFactor) => string,
  directionLabels: Record<DriverLiftBar['direction'], string>,
  max = 10,
): DriverLiftBar[] {
  return factors
    .filter((f) => !f.belowMinSize && Number.isFinite(f.lift) && f.lift > 0)
    .slice(0, max)
    .map((f) => ({
      feature: f.feature,
      value: f.value,
      label: label(f),
      lift: f.lift,
      direction: f.differs ?? 'none',
      directionLabel: directionLabels[f.differs ?? 'none'],
      tipRate: formatPercent(lang, f.rate),
      tipRest: formatPercent(lang, f.restRate),
      tipCustomers: formatInteger(lang, f.customers),
    }));
}

/**
 * Horizontal bars from lift 1 (dataset `bars`), coloured by whether core flagged the value higher,
 * lower or neither; a rule marks 1.
 * `labels.higher` / `lower` / `none` must be the `directionLabels` the bars were made with.
 * @example driverLiftSpec(bars, { width: 480 }, { title: 'Lift', lift: 'Lift', rate: 'Rate', rest: 'Rest', customers: 'Customers', higher: 'higher', lower: 'lower', none: 'not significant' })
 */
export function driverLiftSpec(
  bars: DriverLiftBar[],
  options: DriverLiftOptions,
  labels: { title: string; lift: string; rate: string; rest: string; customers: string; higher: string; lower: string; none: string },
): TopLevelSpec {
  const theme = resolveChartTheme(options);
  const width = Math.max(160, options.width ?? 480);
  const lifts = bars.map((b) => b.lift);
  // A symmetric domain around 1 (log scale), at least 0.8–1.25, so small lifts are not blown up.
  const span = Math.max(1.25, ...lifts.map((l) => Math.max(l, 1 / l))) * 1.05;
  // Ticks in pairs around 1 (x and 1/x), so both sides of the axis are labelled.
  const ticks = [0.1, 0.2, 0.25, 1 / 3, 0.5, 2 / 3, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 10].filter((t) => t >= 1 / span && t <= span);
  return {
    description: labels.title,
    title: { text: labels.title, limit: width - 10 },
    width,
    height: { step: 20 },
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { bars: bars as unknown as Record<string, unknown>[] },
    data: { name: 'bars' },
    layer: [
      {
        mark: { type: 'bar', cursor: 'pointer', height: { band: 0.7 } },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: Math.round(width * 0.45) } },
          x: { field: 'lift', type: 'quantitative', title: labels.lift, scale: { type: 'log', domain: [1 / span, span], nice: false }, axis: { grid: true, values: ticks, format: '.2~f' } },
          x2: { datum: 1 },
          color: {
            field: 'directionLabel',
            type: 'nominal',
            scale: { domain: [labels.higher, labels.lower, labels.none], range: [theme.accentColor, theme.secondaryColor, theme.mutedColor] },
            legend: { title: null, orient: 'top' },
          },
          tooltip: [
            { field: 'label', title: ' ' },
            { field: 'tipRate', title: labels.rate },
            { field: 'tipRest', title: labels.rest },
            { field: 'lift', title: labels.lift, format: '.2f' },
            { field: 'tipCustomers', title: labels.customers },
          ],
        },
      },
      // The lift-1 reference line says nothing a screen reader needs (the figure's description has the takeaway).
      { mark: { type: 'rule', color: theme.textColor, aria: false }, encoding: { x: { datum: 1 } } },
    ],
    config: chartConfig(theme),
  } as unknown as TopLevelSpec;
}
