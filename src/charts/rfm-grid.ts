/**
 * Vega-Lite spec of the RFM R × F grid: result in, spec out (pure: no DOM, no `vega` import).
 *
 * The grid is the classic R × F view of RFM scoring (Hughes 1994; the 5 × 5 layout of the common
 * "RFM segmentation" guides): F on x (1 … bins, left → right), R on y (bins = most recent at the
 * top), one cell per (R, F) labelled with its customers and coloured by customers or by mean
 * monetary value. Segments (core `rfm-segments.ts`) are drawn as thick borders between cells whose
 * segment differs, plus the segment's name once per connected region, so the segment map is
 * readable without a colour legend of its own (the segment table next to the chart is the legend).
 *
 * Cells are placed on quantitative scales with domain [0.5, bins + 0.5], so cell k spans
 * k − 0.5 … k + 0.5 and borders are plain rule segments in data coordinates.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Rfm, RfmCell } from '../core/rfm.js';
import { formatInteger, formatMoney, formatPercent } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { rfmGridMessages } from '../i18n/rfm-grid.js';
import { chartConfig, heatmapCellText, resolveChartTheme, type ChartThemeOptions } from './theme.js';

export type RfmColorBy = 'customers' | 'monetary';

/** One cell of the grid. Field names are part of the API: tests and click handlers read them. */
export interface RfmGridCell extends RfmCell {
  /** Segment name in the chart's language. */
  segmentName: string;
  /** Segment name drawn in this cell (the first cell of each connected region), else ''. */
  regionTag: string;
  /** Cell text: the customer count. */
  label: string;
  /** Whether the fill is dark enough to need the theme's light text (in the chart's colour range). */
  dark: boolean;
  /** Colour of the cell's text (count and segment name): the theme's dark or light text, whichever contrasts more with the fill. */
  textColor: string;
  /** Share of all customers, formatted. */
  tipShare: string;
  /** Mean monetary value, formatted as money. */
  tipMonetary: string;
  /** Revenue, formatted as money. */
  tipRevenue: string;
}

/** One border segment between two cells of different segments (or on the grid's edge), in score units. */
export interface RfmBorder {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Colours and font come from the theme (`scheme`, overrides such as `colorRange`: see `theme.ts`). */
export interface RfmGridChartOptions extends ChartThemeOptions {
  lang?: Lang;
  colorBy?: RfmColorBy;
  /** ISO 4217 code for money (tooltips, legend title); plain numbers when absent. */
  currency?: string;
  /** Width of the container in CSS pixels. Default 480. */
  width?: number;
  /** Colour of the segment borders. Default the text colour. */
  borderColor?: string;
}

/** Top of the colour scale: the largest colour value, or 1 when all are 0 (the scale's domain is [0, this]). */
function colorMax(result: Rfm, colorBy: RfmColorBy): number {
  let max = 0;
  for (const c of result.grid) max = Math.max(max, colorBy === 'customers' ? c.customers : c.meanMonetary);
  return max > 0 ? max : 1;
}

/**
 * Grid cells in core order (r-major, f ascending), with labels and region tags.
 * @example rfmGridCells(rfm(orders), { lang: 'en' }).find((c) => c.r === 5 && c.f === 5)?.customers
 */
export function rfmGridCells(result: Rfm, options: RfmGridChartOptions = {}): RfmGridCell[] {
  const lang = options.lang ?? 'en';
  const colorBy = options.colorBy ?? 'customers';
  const names = new Map(result.segments.map((s) => [s.key, s.label[lang]]));
  const tagged = regionTagCells(result);
  const max = colorMax(result, colorBy);
  const theme = resolveChartTheme(options);
  return result.grid.map((c, i) => {
    const segmentName = names.get(c.segment) ?? c.segment;
    const v = colorBy === 'customers' ? c.customers : c.meanMonetary;
    return {
      r: c.r,
      f: c.f,
      customers: c.customers,
      meanMonetary: c.meanMonetary,
      revenue: c.revenue,
      segment: c.segment,
      segmentName,
      regionTag: tagged[i] ? segmentName : '',
      label: formatInteger(lang, c.customers),
      ...heatmapCellText(v, max, theme),
      tipShare: formatPercent(lang, result.length ? c.customers / result.length : NaN),
      tipMonetary: formatMoney(lang, c.meanMonetary, options.currency),
      tipRevenue: formatMoney(lang, c.revenue, options.currency, 0),
    };
  });
}

/**
 * Which cells carry their segment's name: the top-left cell (highest R, then lowest F) of every
 * connected region of equal segment (4-neighbourhood), so a split segment is named in each part.
 */
function regionTagCells(result: Rfm): boolean[] {
  const bins = result.bins;
  const seg = result.grid.map((c) => c.segment);
  const at = (r: number, f: number): number => (r - 1) * bins + (f - 1);
  const seen = new Array<boolean>(seg.length).fill(false);
  const tag = new Array<boolean>(seg.length).fill(false);
  // Visit from the top row (r = bins) down, left to right: the first cell met of a region is its tag cell.
  for (let r = bins; r >= 1; r--) {
    for (let f = 1; f <= bins; f++) {
      const start = at(r, f);
      if (seen[start]) continue;
      tag[start] = true;
      const stack = [[r, f]];
      seen[start] = true;
      while (stack.length) {
        const [cr, cf] = stack.pop()!;
        for (const [nr, nf] of [[cr + 1, cf], [cr - 1, cf], [cr, cf + 1], [cr, cf - 1]]) {
          if (nr < 1 || nr > bins || nf < 1 || nf > bins) continue;
          const k = at(nr, nf);
          if (seen[k] || seg[k] !== seg[start]) continue;
          seen[k] = true;
          stack.push([nr, nf]);
        }
      }
    }
  }
  return tag;
}

/**
 * Border segments: between horizontally or vertically adjacent cells of different segments, and
 * the outer frame of the grid, so every segment region is closed.
 * @example rfmSegmentBorders(result).length // ≥ 4 · bins (the frame)
 */
export function rfmSegmentBorders(result: Rfm): RfmBorder[] {
  const bins = result.bins;
  const seg = (r: number, f: number): string => result.grid[(r - 1) * bins + (f - 1)].segment;
  const out: RfmBorder[] = [];
  const lo = 0.5;
  const hi = bins + 0.5;
  out.push({ x0: lo, x1: hi, y0: lo, y1: lo }, { x0: lo, x1: hi, y0: hi, y1: hi }, { x0: lo, x1: lo, y0: lo, y1: hi }, { x0: hi, x1: hi, y0: lo, y1: hi });
  for (let r = 1; r <= bins; r++) {
    for (let f = 1; f <= bins; f++) {
      if (f < bins && seg(r, f) !== seg(r, f + 1)) out.push({ x0: f + 0.5, x1: f + 0.5, y0: r - 0.5, y1: r + 0.5 });
      if (r < bins && seg(r, f) !== seg(r + 1, f)) out.push({ x0: f - 0.5, x1: f + 0.5, y0: r + 0.5, y1: r + 0.5 });
    }
  }
  return out;
}

/**
 * The grid spec. Data: named datasets `cells` (`RfmGridCell`) and `borders` (`RfmBorder`); read
 * them back with `view.data('cells')`. Cells are square: the plot is as tall as it is wide, at
 * most 480 px; the colour legend sits right of the grid, or below it when the container is narrow.
 * @example
 * const spec = rfmGridSpec(rfm(orders), { lang: 'zh-CN', colorBy: 'monetary', currency: 'USD', width: 520 });
 */
export function rfmGridSpec(result: Rfm, options: RfmGridChartOptions = {}): TopLevelSpec {
  const lang = options.lang ?? 'en';
  const colorBy = options.colorBy ?? 'customers';
  const m = rfmGridMessages(lang);
  const bins = result.bins;
  const cells = rfmGridCells(result, options);
  const width = Math.max(200, options.width ?? 480);
  const narrow = width < 460;
  // Plot width: the container less the y axis (~45 px) and, when on the right, the legend (~95 px).
  const plot = Math.max(140, Math.min(480, width - (narrow ? 50 : 145)));
  const cellPx = plot / bins;
  const theme = resolveChartTheme(options);
  const [low, high] = theme.colorRange;
  const domain = [0.5, bins + 0.5];
  const ticks = Array.from({ length: bins }, (_, k) => k + 1);
  const x = (field: string) => ({
    field,
    type: 'quantitative',
    scale: { domain, nice: false, zero: false },
    title: m.frequencyScore,
    // Every layer carries the same axis: vega-lite merges layer axes, and one `null` would drop it.
    axis: { values: ticks, format: 'd', labelFlush: false },
  });
  const y = (field: string) => ({
    field,
    type: 'quantitative',
    scale: { domain, nice: false, zero: false },
    title: m.recencyScore,
    // Every layer carries the same axis: vega-lite merges layer axes, and one `null` would drop it.
    axis: { values: ticks, format: 'd', labelFlush: false },
  });
  const colorTitle = colorBy === 'customers' ? m.customers : m.meanMonetaryShort(options.currency ?? '');
  const tooltip = [
    { field: 'r', title: 'R' },
    { field: 'f', title: 'F' },
    { field: 'segmentName', title: m.segment },
    { field: 'label', title: m.customers },
    { field: 'tipShare', title: m.share },
    { field: 'tipMonetary', title: m.meanMonetary(options.currency ?? '') },
    { field: 'tipRevenue', title: m.revenue },
  ];
  const countSize = Math.max(10, Math.min(16, cellPx / 4.5));
  const layers: unknown[] = [
    {
      data: { name: 'cells' },
      transform: [{ calculate: 'datum.f - 0.5', as: 'x0' }, { calculate: 'datum.f + 0.5', as: 'x1' }, { calculate: 'datum.r - 0.5', as: 'y0' }, { calculate: 'datum.r + 0.5', as: 'y1' }],
      mark: { type: 'rect', cursor: 'pointer', stroke: theme.background, strokeWidth: 1 },
      encoding: {
        x: x('x0'),
        x2: { field: 'x1' },
        y: y('y0'),
        y2: { field: 'y1' },
        color: {
          field: colorBy === 'customers' ? 'customers' : 'meanMonetary',
          type: 'quantitative',
          // An explicit domain and rgb interpolation: the fill `heatmapCellText` assumes when it picks each cell's text colour.
          scale: { domain: [0, colorMax(result, colorBy)], range: [low, high], interpolate: 'rgb' },
          legend: {
            title: colorTitle,
            format: ',.0f',
            orient: narrow ? 'bottom' : 'right',
            direction: narrow ? 'horizontal' : 'vertical',
            gradientLength: narrow ? Math.max(100, Math.min(220, plot - 20)) : Math.max(80, plot - 40),
            titleLimit: narrow ? plot : 140,
          },
        },
        tooltip,
      },
    },
    {
      data: { name: 'cells' },
      mark: { type: 'text', fontSize: countSize, fontWeight: 600, cursor: 'pointer', baseline: 'middle', dy: cellPx > 60 ? 4 : 2 },
      encoding: {
        x: x('f'),
        y: y('r'),
        text: { field: 'label' },
        // Each cell's own text colour (`textColor`, picked from its fill by contrast), not a scale.
        color: { value: { expr: 'datum.textColor' } },
        tooltip,
      },
    },
    {
      data: { name: 'cells' },
      mark: { type: 'text', fontSize: cellPx >= 70 ? 10 : 9, baseline: 'top', align: 'left', dx: -cellPx / 2 + 4, dy: 3, limit: Math.max(20, cellPx - 8), cursor: 'pointer' },
      encoding: {
        x: x('f'),
        y: y('tagYTop'),
        text: { field: 'regionTag' },
        // Each cell's own text colour (`textColor`, picked from its fill by contrast), not a scale.
        color: { value: { expr: 'datum.textColor' } },
        tooltip,
      },
      transform: [{ filter: "datum.regionTag !== ''" }, { calculate: 'datum.r + 0.5', as: 'tagYTop' }],
    },
    {
      data: { name: 'borders' },
      mark: { type: 'rule', strokeWidth: 3, stroke: options.borderColor ?? theme.textColor, strokeCap: 'square' },
      encoding: { x: x('x0'), x2: { field: 'x1' }, y: y('y0'), y2: { field: 'y1' } },
    },
  ];
  return {
    description: m.chartLabel,
    title: m.chartTitle,
    width: plot,
    height: plot,
    autosize: { type: 'pad' },
    datasets: { cells: cells as unknown as Record<string, unknown>[], borders: rfmSegmentBorders(result) as unknown as Record<string, unknown>[] },
    layer: layers,
    config: chartConfig(theme, { axis: { titleFontSize: 11, grid: false, titleLimit: plot }, legend: { labelFontSize: 10 } }),
  } as unknown as TopLevelSpec;
}
