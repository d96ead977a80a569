/**
 * Exports of a widget's underlying table (CSV) and charts (PNG, SVG), and the download helper.
 * Pure string building is separate from the DOM download so it can be tested and reused (CLI).
 */
import type { VegaView } from './vega-chart.js';

/** A widget's underlying table: column names and rows of plain values. */
export interface ExportTable {
  columns: string[];
  rows: (string | number | boolean | null | undefined)[][];
}

/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
 * tab or carriage return, and not a plain number) are prefixed with `'`: ids and product names come
 * from other people's data and must not execute in the analyst's spreadsheet (CSV injection).
 * @example toCsv({ columns: ['customer', 'orders'], rows: [['a,b', 3]] }) // 'customer,orders\r\n"a,b",3\r\n'
 */
export function toCsv(table: ExportTable): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [table.columns.map(cell).join(',')];
  for (const row of table.rows) lines.push(row.map(cell).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * A chart as an SVG document string, or a PNG data URL (scale 2 for sharp prints). On screen the
 * charts are transparent (the widget paints the background); an image leaves the widget, so it gets
 * `background` painted in (light text of the dark scheme would vanish on a viewer's white page).
 */
export async function chartImage(view: VegaView, format: 'svg' | 'png', background?: string): Promise<string> {
  if (!background) return format === 'svg' ? view.toSVG() : view.toImageURL('png', 2);
  const onScreen = view.background();
  view.background(background);
  try {
    return await (format === 'svg' ? view.toSVG() : view.toImageURL('png', 2));
  } finally {
    view.background(onScreen);
    await view.runAsync();
  }
}

/** Saves `content` (text, or a data URL) as a file through a temporary `<a download>`. */
export function download(filename: string, content: string, type = 'text/csv;charset=utf-8'): void {
  const isDataUrl = content.startsWith('data:');
  // The BOM lets spreadsheet programs read UTF-8 CSV (Chinese labels, £) correctly.
  const url = isDataUrl ? content : URL.createObjectURL(new Blob([type.startsWith('text/csv') ? '\ufeff' : '', content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  if (!isDataUrl) setTimeout(() => URL.revokeObjectURL(url), 1000);
}
