/**
 * The one chart theme: light and dark palettes as data, the base Vega-Lite `config` built from a
 * theme, and WCAG contrast helpers to pick readable text on a fill. Pure: no DOM, no `vega` import.
 *
 * Every spec builder in `charts/` takes its colours from a {@link ChartTheme} (its options extend
 * {@link ChartThemeOptions}); the widgets' CSS custom properties (`widgets/shared/styles.ts`) are
 * generated from the same {@link WIDGET_PALETTES}, so the chart and the HTML around it cannot drift.
 *
 * Contrast is WCAG 2.x (the arithmetic is in `color.ts`, re-exported here): relative luminance of
 * sRGB and the ratio (L1 + 0.05) / (L2 + 0.05) (WCAG 2.2 definitions); text needs ≥ 4.5:1
 * (SC 1.4.3), graphical objects that carry meaning ≥ 3:1 (SC 1.4.11).
 */
import type { Config } from 'vega-lite';
import type { LifecycleStage } from '../core/lifecycle.js';
import { contrastRatio, parseColor, rampColor, relativeLuminance } from './color.js';

export { compositeOver, contrastRatio, parseColor, rampColor, relativeLuminance, type Rgba } from './color.js';

/** A colour scheme: which palette a widget draws with. */
export type ColorScheme = 'light' | 'dark';

/** Colours and font of the charts (builders are pure and cannot read CSS, so a widget passes these in). */
export interface ChartTheme {
  /** The palette these colours come from. */
  scheme: ColorScheme;
  /** Font family of all chart text. */
  font: string;
  /** Axis labels and titles, legends, chart titles, rules. */
  textColor: string;
  /** Secondary text (subtitles, value labels) and the secondary series. */
  mutedColor: string;
  /** The main series (lines, bars). */
  accentColor: string;
  /** A second series next to the accent (e.g. the repurchase trend's "within the period"). */
  secondaryColor: string;
  /** The colour the charts sit on: what text and marks must contrast with. */
  background: string;
  /** Grid lines. */
  gridColor: string;
  /** Sequential colour range of heatmaps, low → high. */
  colorRange: [string, string];
  /** Text on light fills (heatmap cells). */
  darkText: string;
  /** Text on dark fills (heatmap cells). */
  lightText: string;
  /** Nominal series (cohort curves), each ≥ 3:1 against `background`. */
  categoryColors: string[];
  /** Many ordered series (more cohorts than `categoryColors`): a Vega scheme cut to the part ≥ 3:1 against `background`. */
  seriesScheme: { name: string; extent: [number, number] };
  /** The fixed colour of each lifecycle stage, each ≥ 3:1 against `background`. */
  lifecycleColors: Record<LifecycleStage, string>;
}

/** The widget chrome that charts do not draw with, kept beside the chart palette: one object per scheme. */
export interface WidgetPalette extends ChartTheme {
  /** `--rw-color-background`: the light theme is transparent (the host page shows through, assumed light); the dark theme paints its own background so light text never lands on a light page. */
  cssBackground: string;
  surface: string;
  border: string;
  error: string;
  /** Good news in text (a KPI that improved). */
  good: string;
  raised: string;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/**
 * The light and dark palettes (GitHub Primer's neutral and accent colours; the heatmap ramps are
 * ColorBrewer Blues ends). Category colours: Tableau 10 hues darkened (light) or lightened (dark)
 * until each is ≥ 3:1 on the background (tested in `test/charts/theme.test.ts`).
 */
export const WIDGET_PALETTES: Record<ColorScheme, WidgetPalette> = {
  light: {
    scheme: 'light',
    font: FONT,
    textColor: '#1f2328',
    mutedColor: '#59636e',
    accentColor: '#0969da',
    secondaryColor: '#9a6700',
    background: '#ffffff',
    gridColor: '#d1d9e0',
    colorRange: ['#eef4fb', '#08519c'],
    darkText: '#000000',
    lightText: '#ffffff',
    categoryColors: ['#4e79a7', '#c8610a', '#c0363a', '#3f7f7b', '#3b7d2b', '#8c6d00', '#8f5a86', '#c2395f', '#7b5a45', '#6e6865'],
    // Viridis up to its teal: the greens and yellows beyond 0.58 are below 3:1 on white.
    seriesScheme: { name: 'viridis', extent: [0, 0.58] },
    // Tableau 10 hues; returning, dormant and churned darkened to reach 3:1 on white.
    lifecycleColors: { new: '#4c78a8', active: '#54a24b', returning: '#c8610a', dormant: '#958b87', churned: '#5c5553' },
    cssBackground: 'transparent',
    surface: '#f6f8fa',
    border: '#d1d9e0',
    error: '#cf222e',
    good: '#1a7f37',
    raised: '#ffffff',
  },
  dark: {
    scheme: 'dark',
    font: FONT,
    textColor: '#e6edf3',
    mutedColor: '#9198a1',
    accentColor: '#4493f8',
    secondaryColor: '#d29922',
    background: '#0d1117',
    gridColor: '#3d444d',
    colorRange: ['#0d1f33', '#6cb6ff'],
    darkText: '#000000',
    lightText: '#ffffff',
    categoryColors: ['#6e9fd8', '#f28e2b', '#ff7b7e', '#76b7b2', '#59a14f', '#edc948', '#c08bb5', '#ff9da7', '#b08b74', '#bab0ac'],
    // Viridis from its blue on: the purples below 0.35 are below 3:1 on near-black.
    seriesScheme: { name: 'viridis', extent: [0.35, 1] },
    // Tableau 10 as is: every hue is ≥ 3:1 on near-black.
    lifecycleColors: { new: '#4c78a8', active: '#54a24b', returning: '#f58518', dormant: '#bab0ac', churned: '#79706e' },
    cssBackground: '#0d1117',
    surface: '#151b23',
    border: '#3d444d',
    error: '#f85149',
    good: '#3fb950',
    raised: '#212830',
  },
};

/** The chart part of a palette. */
function chartPart(p: WidgetPalette): ChartTheme {
  const { scheme, font, textColor, mutedColor, accentColor, secondaryColor, background, gridColor, colorRange, darkText, lightText, categoryColors, seriesScheme, lifecycleColors } = p;
  return { scheme, font, textColor, mutedColor, accentColor, secondaryColor, background, gridColor, colorRange, darkText, lightText, categoryColors, seriesScheme, lifecycleColors };
}

/** The light and dark chart themes. */
export const CHART_THEMES: Record<ColorScheme, ChartTheme> = { light: chartPart(WIDGET_PALETTES.light), dark: chartPart(WIDGET_PALETTES.dark) };

/** What every spec builder's options accept: a scheme and any colour overrides (e.g. from `--rw-*` custom properties). */
export type ChartThemeOptions = Partial<ChartTheme>;

/**
 * The theme a builder draws with: the palette of `options.scheme` (default light) with every
 * defined override from `options` on top.
 * @example resolveChartTheme({ scheme: 'dark' }).textColor // '#e6edf3'
 * @example resolveChartTheme({ textColor: '#333' }).background // '#ffffff'
 */
export function resolveChartTheme(options: ChartThemeOptions = {}): ChartTheme {
  const base = CHART_THEMES[options.scheme === 'dark' ? 'dark' : 'light'];
  const theme: ChartTheme = { ...base, categoryColors: [...base.categoryColors], lifecycleColors: { ...base.lifecycleColors } };
  for (const key of Object.keys(base) as (keyof ChartTheme)[]) {
    const v = options[key];
    if (v !== undefined && v !== '') (theme as unknown as Record<string, unknown>)[key] = v;
  }
  return theme;
}

/**
 * The base Vega-Lite `config` of every chart: font, text colours of axes, legends and titles, grid,
 * no view stroke, a transparent background (the widget paints its own). `axis` and `legend` merge
 * over the defaults (per-chart sizes and flags).
 * @example { ...spec, config: chartConfig(theme, { axis: { grid: false } }) }
 */
export function chartConfig(theme: ChartTheme, overrides: { axis?: Record<string, unknown>; legend?: Record<string, unknown> } = {}): Config {
  const text = theme.textColor;
  return {
    font: theme.font,
    background: null,
    view: { stroke: null },
    axis: { labelColor: text, titleColor: text, labelFontSize: 11, titleFontSize: 12, domain: false, ticks: false, gridColor: theme.gridColor, ...overrides.axis },
    legend: { labelColor: text, titleColor: text, labelFontSize: 11, titleFontSize: 11, ...overrides.legend },
    title: { color: text, subtitleColor: theme.mutedColor, fontSize: 13, anchor: 'start' },
  } as unknown as Config;
}

/**
 * The text colour to write on `fill`: whichever of the theme's dark and light text contrasts more
 * with it; if even that one is below 4.5:1 (a custom palette), black or white, whichever is better
 * (one of them always reaches ≥ 4.58:1 on any opaque fill). A fill that cannot be parsed gets the
 * theme's text colour (it is then assumed to be the background).
 * @example readableTextOn('#08519c', CHART_THEMES.light) // '#ffffff'
 * @example readableTextOn('#eef4fb', CHART_THEMES.light) // '#000000'
 */
export function readableTextOn(fill: string, theme: Pick<ChartTheme, 'darkText' | 'lightText' | 'textColor'>): string {
  if (!parseColor(fill)) return theme.textColor;
  const dark = contrastRatio(theme.darkText, fill);
  const light = contrastRatio(theme.lightText, fill);
  const best = dark >= light ? theme.darkText : theme.lightText;
  if (Math.max(dark, light) >= 4.5) return best;
  return contrastRatio('#000000', fill) >= contrastRatio('#ffffff', fill) ? '#000000' : '#ffffff';
}

/**
 * Text colour of a heatmap cell whose colour value is `v` on a linear scale [0, max] (clamped) over
 * the theme's `colorRange` with rgb interpolation, and whether that text is the lighter of text and
 * fill (`dark`: a dark cell). A non-finite value has no fill (Vega draws no rect for it), so its
 * text sits on the background and gets the theme's text colour.
 * @example heatmapCellText(0.9, 1, CHART_THEMES.light) // { textColor: '#ffffff', dark: true }
 */
export function heatmapCellText(v: number, max: number, theme: ChartTheme): { textColor: string; dark: boolean } {
  if (!Number.isFinite(v)) return { textColor: theme.textColor, dark: false };
  const fill = rampColor(max > 0 ? v / max : 0, theme.colorRange);
  const textColor = readableTextOn(fill, theme);
  return { textColor, dark: relativeLuminance(textColor) > relativeLuminance(fill) };
}

/**
 * The `--rw-*` custom property declarations of a palette, for the widgets' `:host` rules.
 * @example css`:host { ${unsafeCSS(paletteCustomProperties(WIDGET_PALETTES.dark))} }`
 */
export function paletteCustomProperties(p: WidgetPalette): string {
  const props: [string, string][] = [
    ['--rw-font-family', p.font],
    ['--rw-color-text', p.textColor],
    ['--rw-color-muted', p.mutedColor],
    ['--rw-color-background', p.cssBackground],
    ['--rw-color-surface', p.surface],
    ['--rw-color-border', p.border],
    ['--rw-color-accent', p.accentColor],
    ['--rw-color-secondary', p.secondaryColor],
    ['--rw-color-grid', p.gridColor],
    ['--rw-color-error', p.error],
    ['--rw-color-good', p.good],
    ['--rw-color-low', p.colorRange[0]],
    ['--rw-color-high', p.colorRange[1]],
    ['--rw-color-raised', p.raised],
    ['color-scheme', p.scheme],
  ];
  return props.map(([k, v]) => `${k}: ${v};`).join('\n');
}
