/**
 * Excel workbooks (.xlsx) → a ValueTable of the first sheet, the first non-empty row as the header.
 *
 * An .xlsx file is a zip of XML parts. The zip is opened with fflate (8 kB gzipped, no
 * dependencies, the most used JS inflate); the few XML parts the data needs are read here, because
 * a full spreadsheet library (SheetJS, ExcelJS: 300 kB+) would cost every page for a format most
 * loads never see. This module is imported dynamically by load-orders.ts only when zip bytes
 * arrive, so neither it nor fflate is in the main bundle.
 *
 * Cells: shared and inline strings are text; numbers are numbers; numbers styled as dates (built-in
 * formats 14–22 and 45–47, or a custom format with d, m, y or h outside quotes) are written as
 * wall-clock text `YYYY-MM-DD HH:MM:SS` (Excel dates have no zone); booleans are true/false.
 */
import { unzipSync } from 'fflate';
import { excelSerialMs } from './parse-date.js';
import { LoadError } from './types.js';
import type { ValueColumn, ValueTable } from './values.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e.toLowerCase()]);
}

/** The text of all `<t>` runs inside `xml` (a shared string or an inline string). */
function runsText(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += m[1];
  return unescapeXml(out);
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** 0-based column index of a cell reference (`C12` → 2). */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Whether a custom number format shows a date or time (d, m, y, h, s outside quotes, brackets and escapes). */
function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmyhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** Per style index (the `s` attribute of a cell), whether the style shows a date. */
function dateStyles(stylesXml: string | undefined): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) custom.set(Number(attr(m[0], 'numFmtId')), unescapeXml(attr(m[0], 'formatCode') ?? ''));
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    return BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormatCode(custom.get(id)!));
  });
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Wall ms → `YYYY-MM-DD HH:MM:SS`. */
function wallText(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * The first sheet of an .xlsx workbook as a ValueTable (format 'xlsx'). Throws LoadError
 * 'bad-xlsx' for a zip that is not a workbook (or a damaged one) and 'header-only' / 'empty'.
 *
 * @example const table = readXlsxTable(new Uint8Array(await file.arrayBuffer()));
 */
export function readXlsxTable(bytes: Uint8Array): ValueTable {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/') && f.name.endsWith('.xml') || f.name.endsWith('.rels') });
  } catch (e) {
    throw new LoadError('bad-xlsx', `The zip/xlsx file could not be opened (${(e as Error).message}): it is damaged or cut off; save it again from Excel, or export CSV.`, e);
  }
  const text = (name: string): string | undefined => (files[name] ? new TextDecoder().decode(files[name]) : undefined);
  const workbook = text('xl/workbook.xml');
  if (workbook === undefined) {
    throw new LoadError('bad-xlsx', 'The zip file is not an Excel workbook (.xlsx has xl/workbook.xml): unzip it and load the CSV or JSON inside, or save the sheet as .xlsx or CSV. (Old .xls files are not read: save as .xlsx.)');
  }
  const date1904 = /<workbookPr\b[^>]*\sdate1904="(1|true)"/.test(workbook);
  const firstSheet = /<sheet\b[^>]*>/.exec(workbook)?.[0] ?? '';
  const rid = attr(firstSheet, 'r:id');
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => attr(r, 'Id') === rid);
  const target = (attr(rel ?? '', 'Target') ?? 'worksheets/sheet1.xml').replace(/^\/?xl\//, '').replace(/^\//, '');
  const sheet = text(`xl/${target}`);
  if (sheet === undefined) throw new LoadError('bad-xlsx', `The workbook's first sheet (xl/${target}) is missing: save the workbook again from Excel, or export CSV.`);
  const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runsText(m[1]));
  const isDateStyle = dateStyles(text('xl/styles.xml'));

  const grid: unknown[][] = [];
  for (const row of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const cells: unknown[] = [];
    let next = 0;
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = c[1];
      const ref = attr(` ${tag}`, 'r');
      const col = ref ? columnIndex(ref) : next;
      next = col + 1;
      const body = c[2] ?? '';
      const type = attr(` ${tag}`, 't') ?? 'n';
      const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: unknown = null;
      if (type === 's') value = raw === undefined ? null : shared[Number(raw)] ?? null;
      else if (type === 'inlineStr') value = runsText(body);
      else if (type === 'str' || type === 'e') value = raw === undefined ? null : unescapeXml(raw);
      else if (type === 'b') value = raw === undefined ? null : raw === '1';
      else if (raw !== undefined) {
        const n = Number(raw);
        const style = Number(attr(` ${tag}`, 's') ?? 0);
        value = isDateStyle[style] ? wallText(excelSerialMs(date1904 ? n + 1462 : n)) : n;
      }
      cells[col] = value;
    }
    const r = attr(` ${row[1]}`, 'r');
    grid[r ? Number(r) - 1 : grid.length] = cells;
  }
  const rows = grid.filter((r) => r !== undefined && r.some((v) => v !== null && v !== undefined && v !== ''));
  if (rows.length === 0) throw new LoadError('empty', 'The workbook\'s first sheet is empty: there are no rows to load.');
  const header = Array.from(rows[0], (v, i) => (v === null || v === undefined || v === '' ? `column${i + 1}` : String(v).trim()));
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  for (let i = header.length; i < width; i++) header.push(`column${i + 1}`);
  const body = rows.slice(1);
  const columns: ValueColumn[] = header.map((name, i) => ({ kind: 'values', name, get: (row: number) => body[row][i] ?? null }));
  return { length: body.length, columns, format: 'xlsx' };
}
