/**
 * Vega-Lite spec builders for `<rw-repurchase>`: result in, spec out (pure: no DOM, no vega import).
 * - `repurchaseTrendSpec`: each period's share of buyers who bought again (within N days of their
 *   first purchase day in the period, and within the period), from core's `perPeriod`.
 * - `repurchaseCycleSpec`: the repurchase-cycle histogram (core's `intervalDays.histogram`) on a
 *   symlog day axis, so the same-day / week / month / quarter / year bins are all visible, with
 *   rules at the type-7 quartiles.
 * - `repurchaseFrequencySpec`: customers by number of orders (core's `frequencyDistribution`).
 * Labels are formatted with Intl here, so charts, tooltips and the hidden tables show the same text.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Repurchase } from '../core/repurchase.js';
import { formatInteger, formatPercent, formatPeriodKey, formatAmount } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { repurchaseMessages } from '../i18n/repurchase.js';
import { chartConfig, resolveChartTheme, type ChartThemeOptions } from './theme.js';

/** Colours and font come from the theme (`scheme` and overrides: see `theme.ts`). */
export interface RepurchaseChartOptions extends ChartThemeOptions {
  lang?: Lang;
  /** Total width in CSS pixels. Default 640. */
  width?: number;
}

/** One point of the trend: one period × one measure. */
export interface RepurchaseTrendPoint {
  period: string;
  periodLabel: string;
  /** 'withinNDays' | 'withinPeriod'. */
  measure: string;
  measureLabel: string;
  share: number;
  buyers: number;
  repeaters: number;
  /** Period or window cut off by the end of the data: the share is a lower bound. */
  censored: boolean;
  tipShare: string;
  tipBuyers: string;
  tipRepeaters: string;
}

/** One bin of the cycle histogram. */
export interface RepurchaseCycleBin {
  /** Bin index into `intervalDays.histogram`. */
  bin: number;
  fromDays: number;
  /** Exclusive upper edge; null for the open last bin. */
  toDays: number | null;
  /** Right edge drawn (the open bin is drawn to twice its lower edge). */
  drawTo: number;
  count: number;
  label: string;
  tipCount: string;
}

/** A quartile rule of the cycle histogram. */
export interface RepurchaseCycleRule {
  name: 'p25' | 'median' | 'p75';
  label: string;
  /** Pixel offset of the label from the top of the plot (labels are staggered so close quartiles do not overlap). */
  labelY: number;
  days: number;
  tipDays: string;
}

/** One bar of the frequency distribution. */
export interface RepurchaseFrequencyBar {
  orders: number;
  orPlus: boolean;
  label: string;
  customers: number;
  share: number;
  tipCustomers: string;
  tipShare: string;
}

function baseConfig(options: RepurchaseChartOptions) {
  return chartConfig(resolveChartTheme(options), { axis: { gridOpacity: 0.5 } });
}

/**
 * Trend points, two per period (within N days, within the period), in period order.
 * @example repurchaseTrendPoints(repurchase(orders)).filter((p) => p.measure === 'withinNDays').map((p) => p.share)
 */
export function repurchaseTrendPoints(result: Repurchase, lang: Lang = 'en'): RepurchaseTrendPoint[] {
  const m = repurchaseMessages(lang);
  const nLabel = m.withinNDays(formatInteger(lang, result.withinDays));
  const pLabel = m.withinPeriod(result.period);
  const out: RepurchaseTrendPoint[] = [];
  for (const row of result.perPeriod) {
    const periodLabel = formatPeriodKey(lang, result.period, row.period);
    const point = (measure: string, measureLabel: string, share: number, repeaters: number, censored: boolean): RepurchaseTrendPoint => ({
      period: row.period,
      periodLabel,
      measure,
      measureLabel,
      share,
      buyers: row.buyers,
      repeaters,
      censored,
      tipShare: formatPercent(lang, share),
      tipBuyers: formatInteger(lang, row.buyers),
      tipRepeaters: formatInteger(lang, repeaters),
    });
    out.push(point('withinNDays', nLabel, row.repeatedWithinNDays, row.repeatersWithinNDays, row.partial || row.windowCensored));
    out.push(point('withinPeriod', pLabel, row.repeatedWithinPeriod, row.repeatersWithinPeriod, row.partial));
  }
  return out;
}

/**
 * Line chart of the per-period repurchase shares. Data: named dataset `trend`
 * ({@link RepurchaseTrendPoint}). Censored points are hollow.
 * @example const spec = repurchaseTrendSpec(repurchase(orders, { period: 'month' }), { width: 600 });
 */
export function repurchaseTrendSpec(result: Repurchase, options: RepurchaseChartOptions = {}): TopLevelSpec {
  const lang = options.lang ?? 'en';
  const m = repurchaseMessages(lang);
  const points = repurchaseTrendPoints(result, lang);
  const width = Math.max(160, options.width ?? 640);
  const narrow = width < 480;
  const many = result.perPeriod.length > 60;
  const domain = [m.withinNDays(formatInteger(lang, result.withinDays)), m.withinPeriod(result.period)];
  const theme = resolveChartTheme(options);
  const range = [theme.accentColor, theme.secondaryColor];
  return {
    description: m.trendTitle(result.period),
    title: { text: m.trendTitle(result.period), subtitle: points.some((p) => p.censored) ? m.partialNote : '', subtitleColor: theme.mutedColor, subtitleFontSize: 10 },
    width,
    height: narrow ? 160 : 200,
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { trend: points as unknown as Record<string, unknown>[] },
    data: { name: 'trend' },
    encoding: {
      x: {
        field: 'period',
        type: 'ordinal',
        title: null,
        sort: result.perPeriod.map((r) => r.period),
        axis: { labelAngle: narrow || result.perPeriod.length > 12 ? -45 : 0, labelOverlap: 'greedy', labelLimit: 80 },
      },
      y: { field: 'share', type: 'quantitative', title: m.share, axis: { format: '.0%', grid: true, tickCount: 5 } },
      color: {
        field: 'measureLabel',
        type: 'nominal',
        title: null,
        scale: { domain, range },
        legend: { orient: 'bottom', direction: narrow ? 'vertical' : 'horizontal', labelLimit: 260, symbolType: 'stroke', symbolStrokeWidth: 2 },
      },
      tooltip: [
        { field: 'periodLabel', title: m.period },
        { field: 'measureLabel', title: m.series },
        { field: 'tipShare', title: m.share },
        { field: 'tipRepeaters', title: m.repeaters },
        { field: 'tipBuyers', title: m.buyers },
      ],
    },
    layer: [
      // Straight segments ('linear'): a share exists per period only, a curve would invent values between.
      { mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' } },
      ...(many
        ? []
        : [
            {
              mark: { type: 'point', filled: true, size: 36, strokeWidth: 1.5 },
              encoding: {
                // Hollow (background-filled) points: censored periods, whose shares are lower bounds.
                fill: { condition: { test: 'datum.censored', value: theme.background }, field: 'measureLabel', type: 'nominal', scale: { domain, range }, legend: null },
                stroke: { field: 'measureLabel', type: 'nominal', scale: { domain, range }, legend: null },
                opacity: { value: 1 },
              },
            },
          ]),
    ],
    config: baseConfig(options),
  } as TopLevelSpec;
}

/**
 * Histogram bins and quartile rules of the repurchase cycle.
 * @example repurchaseCycleData(repurchase(orders)).bins.map((b) => b.count) // = intervalDays.histogram.counts
 */
export function repurchaseCycleData(result: Repurchase, lang: Lang = 'en'): { bins: RepurchaseCycleBin[]; rules: RepurchaseCycleRule[] } {
  const m = repurchaseMessages(lang);
  const { binDays, counts } = result.intervalDays.histogram;
  const bins: RepurchaseCycleBin[] = binDays.map((from, i) => {
    const to = i + 1 < binDays.length ? binDays[i + 1] : null;
    // The open last bin is drawn as wide as a doubling of its lower edge (an axis needs an end).
    const drawTo = to ?? Math.max(from * 2, from + 1);
    const label = m.binLabel(formatInteger(lang, from), to === null ? undefined : formatInteger(lang, to - 1));
    return { bin: i, fromDays: from, toDays: to, drawTo, count: counts[i], label, tipCount: formatInteger(lang, counts[i]) };
  });
  const d = result.intervalDays;
  const rules: RepurchaseCycleRule[] = [];
  const add = (name: RepurchaseCycleRule['name'], label: string, days: number) => {
    if (Number.isFinite(days)) rules.push({ name, label, labelY: rules.length * 12, days, tipDays: m.days(formatAmount(lang, days, 1)) });
  };
  add('p25', m.p25, d.p25);
  add('median', m.median, d.median);
  add('p75', m.p75, d.p75);
  return { bins, rules };
}

/**
 * Repurchase-cycle histogram with the quartiles as rules. Data: named datasets `bins`
 * ({@link RepurchaseCycleBin}) and `rules` ({@link RepurchaseCycleRule}).
 * @example const spec = repurchaseCycleSpec(repurchase(orders), { lang: 'zh-CN', width: 480 });
 */
export function repurchaseCycleSpec(result: Repurchase, options: RepurchaseChartOptions = {}): TopLevelSpec {
  const lang = options.lang ?? 'en';
  const m = repurchaseMessages(lang);
  const { bins, rules } = repurchaseCycleData(result, lang);
  const width = Math.max(160, options.width ?? 640);
  const maxX = Math.max(bins.length ? bins[bins.length - 1].drawTo : 1, ...rules.map((r) => r.days));
  const theme = resolveChartTheme(options);
  const accent = theme.accentColor;
  const x = {
    type: 'quantitative',
    scale: { type: 'symlog', domain: [0, maxX], nice: false },
    title: m.cycleAxis,
    axis: { values: bins.map((b) => b.fromDays), labelOverlap: 'greedy', grid: false },
  };
  const height = width < 480 ? 160 : 200;
  // The quartile labels are staggered down from the top of the plot (12 px apart, 10 px text): the
  // y scale leaves that band free of bars, so no label is written over a bar (whose 75 % accent
  // fill would not give the text 4.5:1 in the dark theme).
  const labelBand = rules.length * 12 + 4;
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  return {
    description: m.cycleTitle,
    title: m.cycleTitle,
    width,
    height,
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { bins: bins as unknown as Record<string, unknown>[], rules: rules as unknown as Record<string, unknown>[] },
    layer: [
      {
        data: { name: 'bins' },
        mark: { type: 'rect', cursor: 'pointer', fill: accent, fillOpacity: 0.75, stroke: theme.background, strokeWidth: 1 },
        encoding: {
          x: { field: 'fromDays', ...x },
          x2: { field: 'drawTo' },
          y: { field: 'count', type: 'quantitative', title: m.intervals, scale: { domainMax: (maxCount * height) / (height - labelBand) }, axis: { grid: true, tickCount: 4, format: '~s' } },
          y2: { datum: 0 },
          tooltip: [
            { field: 'label', title: m.cycleAxis },
            { field: 'tipCount', title: m.intervals },
          ],
        },
      },
      {
        data: { name: 'rules' },
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          x: { field: 'days', ...x },
          strokeDash: { condition: { test: "datum.name === 'median'", value: [1, 0] }, value: [4, 3] },
          color: { value: theme.textColor },
          tooltip: [
            { field: 'label', title: ' ' },
            { field: 'tipDays', title: m.cycleAxis },
          ],
        },
      },
      {
        data: { name: 'rules' },
        mark: { type: 'text', align: 'left', dx: 3, baseline: 'top', fontSize: 10 },
        encoding: {
          x: { field: 'days', ...x },
          // Pixel positions (no scale), staggered so close quartiles do not overlap.
          y: { field: 'labelY', type: 'quantitative', scale: null },
          text: { field: 'label' },
          color: { value: theme.textColor },
        },
      },
    ],
    config: baseConfig(options),
  } as TopLevelSpec;
}

/**
 * Bars of the frequency distribution (customers by number of orders, last bar "N+").
 * @example repurchaseFrequencyBars(repurchase(orders)).map((b) => b.customers) // = frequencyDistribution customers
 */
export function repurchaseFrequencyBars(result: Repurchase, lang: Lang = 'en'): RepurchaseFrequencyBar[] {
  const m = repurchaseMessages(lang);
  return result.frequencyDistribution.map((f) => {
    const share = result.customers ? f.customers / result.customers : 0;
    return {
      orders: f.orders,
      orPlus: f.orPlus,
      label: m.ordersBucket(formatInteger(lang, f.orders), f.orPlus),
      customers: f.customers,
      share,
      tipCustomers: formatInteger(lang, f.customers),
      tipShare: formatPercent(lang, share),
    };
  });
}

/**
 * Frequency distribution bars. Data: named dataset `frequency` ({@link RepurchaseFrequencyBar}).
 * @example const spec = repurchaseFrequencySpec(repurchase(orders), { width: 480 });
 */
export function repurchaseFrequencySpec(result: Repurchase, options: RepurchaseChartOptions = {}): TopLevelSpec {
  const lang = options.lang ?? 'en';
  const m = repurchaseMessages(lang);
  const bars = repurchaseFrequencyBars(result, lang);
  const width = Math.max(160, options.width ?? 640);
  const theme = resolveChartTheme(options);
  return {
    description: m.frequencyTitle,
    title: m.frequencyTitle,
    width,
    height: width < 480 ? 160 : 200,
    autosize: { type: 'fit-x', contains: 'padding' },
    datasets: { frequency: bars as unknown as Record<string, unknown>[] },
    data: { name: 'frequency' },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: bars.map((b) => b.label), title: m.ordersAxis, axis: { labelAngle: 0 } },
      y: { field: 'customers', type: 'quantitative', title: m.customersAxis, axis: { grid: true, tickCount: 4, format: '~s' } },
      tooltip: [
        { field: 'label', title: m.ordersAxis },
        { field: 'tipCustomers', title: m.customersAxis },
        { field: 'tipShare', title: m.share },
      ],
    },
    layer: [
      { mark: { type: 'bar', cursor: 'pointer', color: theme.accentColor, fillOpacity: 0.85 } },
      ...(width >= 360
        ? [{ mark: { type: 'text', dy: -6, fontSize: 10, color: theme.mutedColor }, encoding: { text: { field: 'tipShare' } } }]
        : []),
    ],
    config: baseConfig(options),
  } as TopLevelSpec;
}
