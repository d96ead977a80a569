// Reads what the column-mapping step needs from a local file, without loading all of it: the column
// names (as loadOrders will name them) and the first rows for a preview. CSV/TSV/whitespace text uses
// the data layer's own sniffing (same delimiter, same header rule, `column1…` when there is none);
// Parquet reads only the first row group's first rows; Arrow and JSON are parsed whole (they have no
// cheaper way in) but only the first rows are kept.
import { looksLikeHeader, sniffDelimiter, splitRecord } from '../src/data/text-sniff.js';

/** Column names plus the first rows as display strings (one array per row, in column order). */
export interface FilePeek {
  format: 'csv' | 'parquet' | 'arrow' | 'json';
  columns: string[];
  rows: string[][];
}

const SAMPLE_BYTES = 256 * 1024;

function display(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().replace('T00:00:00.000Z', '');
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number' && Number.isNaN(v)) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return bytes.length >= text.length;
}

async function peekText(file: Blob, limit: number): Promise<FilePeek> {
  let text = new TextDecoder().decode(await file.slice(0, SAMPLE_BYTES).arrayBuffer(), { stream: file.size > SAMPLE_BYTES });
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let at = 0;
  while (text.charCodeAt(at) === 10 || text.charCodeAt(at) === 13) at++;
  // Only whole lines: the sample may end inside one.
  const end = file.size > SAMPLE_BYTES ? Math.max(text.lastIndexOf('\n'), at) : text.length;
  text = text.slice(0, end);
  const delimiter = sniffDelimiter(text.slice(at, Math.min(text.length, at + 65536)));
  const first = splitRecord(text, at, delimiter);
  const header = looksLikeHeader(first.fields);
  const columns = header ? first.fields.map((f) => f.trim()) : first.fields.map((_, i) => `column${i + 1}`);
  const rows: string[][] = [];
  let pos = header ? first.next : at;
  while (rows.length < limit && pos < text.length) {
    const record = splitRecord(text, pos, delimiter);
    if (record.next <= pos) break;
    pos = record.next;
    if (record.fields.every((f) => f.trim() === '')) continue; // blank line
    rows.push(record.fields);
  }
  return { format: 'csv', columns, rows };
}

async function peekParquet(file: Blob, limit: number): Promise<FilePeek> {
  const [{ parquetMetadata, parquetReadObjects, parquetSchema }, { compressors }] = await Promise.all([import('hyparquet'), import('hyparquet-compressors')]);
  const buffer = await file.arrayBuffer();
  const metadata = parquetMetadata(buffer);
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const objects = await parquetReadObjects({ file: buffer, metadata, compressors, rowStart: 0, rowEnd: Math.min(limit, Number(metadata.num_rows)) });
  return { format: 'parquet', columns, rows: objects.map((o) => columns.map((c) => display(o[c]))) };
}

async function peekArrow(file: Blob, limit: number): Promise<FilePeek> {
  const { tableFromIPC } = await import('apache-arrow');
  const table = tableFromIPC(new Uint8Array(await file.arrayBuffer()));
  const columns = table.schema.fields.map((f) => f.name);
  const rows: string[][] = [];
  for (let i = 0; i < Math.min(limit, table.numRows); i++) {
    const row = table.get(i)?.toJSON() ?? {};
    rows.push(columns.map((c) => display(row[c])));
  }
  return { format: 'arrow', columns, rows };
}

async function peekJson(file: Blob, limit: number): Promise<FilePeek> {
  const data: unknown = JSON.parse(await file.text());
  if (!Array.isArray(data)) throw new Error('The JSON is not an array of objects (one object per order line).');
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of data.slice(0, 1000)) {
    for (const key of Object.keys((row ?? {}) as object)) if (!seen.has(key)) seen.add(key), columns.push(key);
  }
  const rows = data.slice(0, limit).map((row) => columns.map((c) => display((row as Record<string, unknown>)?.[c])));
  return { format: 'json', columns, rows };
}

/**
 * Column names and the first `limit` rows of a file, by its magic bytes (Parquet `PAR1`, Arrow
 * `ARROW1` or a stream continuation marker, JSON `[`), else delimited text.
 * @example const { columns, rows } = await peekFile(input.files[0]); // columns as loadOrders names them
 */
export async function peekFile(file: Blob, limit = 10): Promise<FilePeek> {
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  if (startsWith(head, 'PAR1')) return peekParquet(file, limit);
  if (startsWith(head, 'ARROW1') || (head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff)) return peekArrow(file, limit);
  const firstChar = new TextDecoder().decode(head).replace(/^\uFEFF/, '').trimStart()[0];
  if (firstChar === '[') return peekJson(file, limit);
  return peekText(file, limit);
}
