/**
 * Vega-Lite spec of the lift heatmap of `<rw-product-affinity>`: result in, spec out (pure: no DOM,
 * no `vega` import). Rows and columns are the most-ordered items (core `productAffinity`'s
 * `matrix`, most orders first); a cell is coloured by lift on a log scale centred on 1, so "more
 * than chance" and "less than chance" read as two colours of equal weight (lift 2 and 0.5 are as far
 * from neutral). Cells of pairs never bought together, and the diagonal, are left out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AffinityMatrix } from '../core/product-affinity.js';
import { formatAmount, formatInteger, formatPercent } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { productAffinityMessages } from '../i18n/product-affinity.js';

/** One cell of the heatmap. Field names are part of the API: tests and click handlers read them. */
export interface AffinityCell {
  /** Item ids of the row and the column. */
  a: string;
  b: string;
  /** Axis labels (name when known, else id), unique per item. */
  rowLabel: string;
  colLabel: string;
  orders: number;
  lift: number;
  /** Cell text: lift with one decimal. */
  label: string;
  tipOrders: string;
  tipLift: string;
  tipConfidence: string;
}

export interface AffinityChartOptions {
  lang?: Lang;
  /** Width of the container in CSS pixels. Default 480. */
  width?: number;
  font?: string;
  textColor?: string;
  /** Colours for lift below 1, at 1 and above 1. */
  colorRange?: [string, string, string];
}

const DEFAULT_RANGE: [string, string, string] = ['#b2182b', '#f7f7f7', '#2166ac'];

/** Axis labels: the name (shortened) when the table carries names, else the id; ids keep them unique. */
export function affinityAxisLabels(matrix: AffinityMatrix): string[] {
  return matrix.items.map((id, i) => {
    const name = matrix.names?.[i];
    if (!name) return id;
    return `${name.length > 24 ? `${name.slice(0, 23)}…` : name} (${id})`;
  });
}

/**
 * Heatmap cells, row-major, pairs with at least one order together only.
 * @example affinityCells(productAffinity(orders, { matrixItems: 10 }).matrix!, { lang: 'en' })[0].lift
 */
export function affinityCells(matrix: AffinityMatrix, options: AffinityChartOptions = {}): AffinityCell[] {
  const lang = options.lang ?? 'en';
  const labels = affinityAxisLabels(matrix);
  const cells: AffinityCell[] = [];
  matrix.items.forEach((a, i) => {
    matrix.items.forEach((b, j) => {
      const orders = matrix.orders[i][j];
      if (i === j || orders === 0) return;
      const lift = matrix.lift[i][j];
      cells.push({
        a, b, rowLabel: labels[i], colLabel: labels[j], orders, lift,
        label: formatAmount(lang, lift, 1),
        tipOrders: formatInteger(lang, orders),
        tipLift: formatAmount(lang, lift, 2),
        tipConfidence: formatPercent(lang, orders / matrix.itemOrders[i]),
      });
    });
  });
  return cells;
}

/**
 * The lift heatmap. Data: a named dataset `cells` of {@link AffinityCell}.
 * @example const spec = affinityHeatmapSpec(result.affinity.matrix!, { lang: 'zh-CN', width: 600 });
 */
export function affinityHeatmapSpec(matrix: AffinityMatrix, options: AffinityChartOptions = {}): TopLevelSpec {
  const lang = options.lang ?? 'en';
  const m = productAffinityMessages(lang);
  const cells = affinityCells(matrix, options);
  const labels = affinityAxisLabels(matrix);
  const n = matrix.items.length;
  const width = Math.max(200, options.width ?? 480);
  const cell = Math.max(14, Math.min(36, (width - 240) / Math.max(1, n)));
  const text = options.textColor ?? '#1f2328';
  let maxLog = 0;
  for (const c of cells) maxLog = Math.max(maxLog, Math.abs(Math.log(c.lift)));
  const bound = Math.exp(Math.max(Math.log(2), maxLog));
  const [low, mid, high] = options.colorRange ?? DEFAULT_RANGE;
  const tooltip = [
    { field: 'rowLabel', title: m.itemA },
    { field: 'colLabel', title: m.itemB },
    { field: 'tipOrders', title: m.orders },
    { field: 'tipConfidence', title: m.confidenceAB },
    { field: 'tipLift', title: m.lift },
  ];
  const layers: unknown[] = [
    {
      mark: { type: 'rect', cursor: 'pointer', stroke: '#ffffff', strokeWidth: 1 },
      encoding: {
        color: {
          field: 'lift',
          type: 'quantitative',
          scale: { type: 'log', domain: [1 / bound, 1, bound], range: [low, mid, high], clamp: true },
          legend: { title: m.lift, format: '.2~f' },
        },
        tooltip,
      },
    },
  ];
  if (cell >= 26) {
    layers.push({
      mark: { type: 'text', fontSize: 10, cursor: 'pointer' },
      encoding: { text: { field: 'label' }, color: { value: text }, tooltip },
    });
  }
  return {
    description: m.heatmapTitle(String(n)),
    title: { text: m.heatmapTitle(formatInteger(lang, n)), subtitle: m.heatmapNote, color: text, subtitleColor: text },
    width: cell * n,
    height: cell * n,
    datasets: { cells: cells as unknown as Record<string, unknown>[] },
    data: { name: 'cells' },
    encoding: {
      x: { field: 'colLabel', type: 'ordinal', sort: labels, title: null, axis: { labelAngle: -45, labelLimit: 160, orient: 'top' } },
      y: { field: 'rowLabel', type: 'ordinal', sort: labels, title: null, axis: { labelLimit: 200 } },
    },
    layer: layers,
    config: {
      font: options.font ?? 'system-ui, sans-serif',
      background: null,
      view: { stroke: null },
      axis: { labelColor: text, titleColor: text, labelFontSize: 10, domain: false, ticks: false, grid: false },
      legend: { labelColor: text, titleColor: text, labelFontSize: 10, titleFontSize: 11 },
      title: { color: text, fontSize: 13, anchor: 'start' },
    },
  } as unknown as TopLevelSpec;
}
