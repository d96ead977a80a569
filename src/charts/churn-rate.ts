/**
 * Vega-Lite spec of the churn rate per period (<rw-churn>): result in, spec out; no DOM.
 * One point per period of core `churn`'s `perPeriod`; a period that runs past the as-of day is
 * drawn hollow (its rate covers only part of the period).
 */
import type { MonthOrWeek } from '../core/calendar.js';
import type { TopLevelSpec } from 'vega-lite';
import type { ChurnPeriodRow } from '../core/churn.js';
import { formatInteger, formatPercent, formatPeriodKey } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { chartConfig, resolveChartTheme, type ChartThemeOptions } from './theme.js';

/** One point of the churn-rate chart. Field names are part of the API (tests and click handlers read them). */
export interface ChurnRatePoint {
  /** Period key, e.g. `1997-10` or `1997-W40`. */
  period: string;
  /** The period in words (Intl), e.g. `October 1997`. */
  periodLabel: string;
  churnRate: number;
  activeAtStart: number;
  churned: number;
  churnedOfActiveAtStart: number;
  partial: boolean;
  tipRate: string;
  tipActive: string;
  tipChurned: string;
}

/** Colours and font: a scheme and overrides (see `theme.ts`). */
export interface ChurnRateChartOptions extends ChartThemeOptions {
  lang?: Lang;
  width?: number;
  /** Titles, in the widget's language. */
  labels: { title: string; churnRate: string; period: string; activeAtStart: string; churned: string; churnedOfActive: string };
}

/**
 * Chart points with Intl-formatted tooltip text.
 * @example churnRatePoints(churn(orders, { inactiveDays: 'auto' }).perPeriod, 'month', 'en')[0].periodLabel // 'January 1997'
 */
export function churnRatePoints(rows: ChurnPeriodRow[], period: MonthOrWeek, lang: Lang): ChurnRatePoint[] {
  return rows.map((r) => ({
    period: r.period,
    periodLabel: formatPeriodKey(lang, period, r.period),
    churnRate: r.churnRate,
    activeAtStart: r.activeAtStart,
    churned: r.churned,
    churnedOfActiveAtStart: r.churnedOfActiveAtStart,
    partial: r.partial,
    tipRate: formatPercent(lang, r.churnRate),
    tipActive: formatInteger(lang, r.activeAtStart),
    tipChurned: formatInteger(lang, r.churned),
  }));
}

/**
 * Line with a point per period (dataset `points`); hollow points mark partial periods.
 * @example const spec = churnRateSpec(points, { width: 600, labels });
 */
export function churnRateSpec(points: ChurnRatePoint[], options: ChurnRateChartOptions): TopLevelSpec {
  const theme = resolveChartTheme(options);
  const accent = theme.accentColor;
  const width = Math.max(160, options.width ?? 640);
  const l = options.labels;
  const tooltip = [
    { field: 'periodLabel', title: l.period },
    { field: 'tipRate', title: l.churnRate },
    { field: 'tipActive', title: l.activeAtStart },
    { field: 'tipChurned', title: l.churned },
  ];
  // Axis labels: at most ~one per 40px, else Vega's greedy overlap removal thins them.
  return {
    description: l.title,
    title: { text: l.title, limit: width - 10 },
    width,
    height: width < 400 ? 160 : 220,
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { points: points as unknown as Record<string, unknown>[] },
    data: { name: 'points' },
    encoding: {
      x: { field: 'period', type: 'ordinal', sort: null, title: l.period, axis: { labelAngle: -45, labelOverlap: 'greedy', labelLimit: 80 } },
      y: { field: 'churnRate', type: 'quantitative', title: l.churnRate, axis: { format: '.0%', grid: true, tickCount: 5 } },
    },
    layer: [
      // Straight segments: a curve would show rates between periods that no period has.
      { mark: { type: 'line', color: accent, strokeWidth: 2, interpolate: 'linear' } },
      {
        mark: { type: 'point', size: 60, cursor: 'pointer', strokeWidth: 2, color: accent },
        encoding: {
          fill: { condition: { test: 'datum.partial', value: 'transparent' }, value: accent },
          tooltip,
        },
      },
    ],
    config: chartConfig(theme),
  } as unknown as TopLevelSpec;
}
