/**
 * Any supported input → a plain column table (ValueTable), for pre-aggregated inputs (a customer
 * summary, a cohort matrix), or the parsed JSON object when the input is one (a CLI report).
 *
 * Pre-aggregated tables are small next to order logs (one row per customer or per cohort cell), so
 * text is split into strings with the general record splitter rather than the byte scanner the
 * order path uses.
 */
import { isArrowTable, readArrowIpc, valueTableFromArrow } from '../arrow.js';
import { asUtf8 } from '../encoding.js';
import { bytesFormat, inputBytes, type FetchedBytes } from '../input.js';
import type { ValidOptions } from '../options.js';
import { readParquet } from '../parquet.js';
import { looksBinary } from '../text.js';
import { sniffDelimiter, splitRecord } from '../text-sniff.js';
import { LoadError, type OrdersInput } from '../types.js';
import { valueTableFromObjects, type ValueColumn, type ValueTable } from '../values.js';

/** What an input turned out to hold: rows in columns, or a JSON value that is not an array (a report). */
export type ReadTable = { table: ValueTable } | { json: unknown };

/** Value of row `i` of a column: a number (NaN for null numbers), a string, or whatever the source held. */
export function cellValue(column: ValueColumn, i: number): unknown {
  if (column.kind === 'numbers') return column.values[i];
  if (column.kind === 'dictionary') {
    const k = column.indices[i];
    return k < 0 ? null : column.dictionary[k];
  }
  return column.get(i);
}

/** Delimited text with a header line → string columns. */
export function valueTableFromText(text: string, format: string): ValueTable {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = sniffDelimiter(text.slice(start, start + 65_536), format === 'tsv' ? 'tsv' : undefined);
  const header = splitRecord(text, start, delimiter);
  const names = header.fields.map((f) => f.trim());
  const cells: string[][] = names.map(() => []);
  let rows = 0;
  for (let pos = header.next; pos < text.length;) {
    const { fields, next } = splitRecord(text, pos, delimiter);
    pos = next;
    if (fields.length === 0 || (fields.length === 1 && fields[0].trim() === '')) continue; // blank line
    for (let c = 0; c < names.length; c++) cells[c].push(fields[c] ?? '');
    rows++;
  }
  return {
    length: rows,
    format,
    columns: names.map((name, c) => ({ kind: 'values' as const, name, get: (i: number) => cells[c][i] })),
  };
}

function fromJsonText(text: string): ReadTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new LoadError('bad-json', `The JSON could not be parsed (${(e as Error).message}).`, e);
  }
  if (Array.isArray(data) && data.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) {
    return { table: valueTableFromObjects(data as Record<string, unknown>[], 'json') };
  }
  return { json: data };
}

async function fromBytes(got: FetchedBytes, opts: ValidOptions): Promise<ReadTable> {
  const { bytes } = got;
  const format = bytesFormat(got, opts.format);
  if (format === 'parquet') return { table: await readParquet(bytes, opts.onProgress) };
  if (format === 'arrow') return { table: valueTableFromArrow(await readArrowIpc(bytes), 'arrow') };
  if (looksBinary(bytes)) throw new LoadError('not-csv', 'The input is binary data that is neither Parquet nor Arrow IPC.');
  const text = new TextDecoder().decode(asUtf8(bytes));
  if (format === 'json') return fromJsonText(text);
  return { table: valueTableFromText(text, format) };
}

/**
 * Reads `input` (array of objects, Arrow Table, text, URL, bytes, Blob) as a column table, or as a
 * JSON value when it is JSON but not an array of objects.
 * @example const got = await readTable('/summary.csv', validateOptions({ kind: 'customer-summary' }));
 */
export async function readTable(input: OrdersInput, opts: ValidOptions): Promise<ReadTable> {
  if (Array.isArray(input)) return { table: valueTableFromObjects(input, 'array') };
  if (isArrowTable(input)) return { table: valueTableFromArrow(input, 'arrow-table') };
  const got = await inputBytes(input, opts);
  if (got) return fromBytes(got, opts);
  if (typeof input === 'string') {
    const t = input.trimStart();
    if (t === '') throw new LoadError('empty', 'The input is empty: there are no rows to load.');
    if (opts.format === 'json' || t.startsWith('[') || t.startsWith('{')) return fromJsonText(input);
    return { table: valueTableFromText(input, opts.format ?? 'csv') };
  }
  throw new LoadError('unsupported-input', 'loadOrders needs an array of objects, an Arrow Table, CSV/JSON text, a URL, bytes or a Blob.');
}
