/**
 * `loadOrders`: any supported input → the columnar OrderTable plus a report of what was rejected and why.
 */
import type { OrderTable } from '../core/order-table.js';
import type { Table } from 'apache-arrow';
import { isArrowTable, readArrowIpc, valueTableFromArrow } from './arrow.js';
import { ordersFromArrowFast } from './arrow-fast.js';
import { buildOrders } from './build.js';
import type { DecodedRows } from './decoded.js';
import { detectEncoding, toUtf8 } from './encoding.js';
import { bytesFormat, fetchBytes, gunzip, inputBytes, isGzip, sniffBytes, type FetchedBytes } from './input.js';
import { jsonRows, looksLikeNdjson, nextPageUrl, parseJsonExact, parseNdjson } from './json-rows.js';
import { validateOptions, type ValidOptions } from './options.js';
import { fillContinuationLines } from './order-lines.js';
import { readParquet } from './parquet.js';
import { looksBinary, parseText } from './text.js';
import { ZoneClock } from './time-zone.js';
import { LoadError, type LoadOptions, type LoadReport, type OrdersInput } from './types.js';
import { decodeValueTable, valueTableFromObjects, type ValueTable } from './values.js';
import { fromReportJson, loadPreAggregated } from './aggregate/load-pre-aggregated.js';
import { looksLikeReport } from './aggregate/report-document.js';

/** A CLI report document found where orders were expected: loaded as a pre-aggregated input. */
interface ReportJson {
  report: unknown;
}

/** Options inside the loader: appending adds the order ids already loaded (see append-orders.ts). */
type InternalOptions = ValidOptions & { knownOrderIds?: ReadonlySet<string> };

function knownIds(opts: ValidOptions): ReadonlySet<string> | undefined {
  return (opts as InternalOptions).knownOrderIds;
}

/** Orders as loaded: rows still to build, or a finished table (a report document). */
type Decoded = DecodedRows | { finished: { orders: OrderTable; report: LoadReport } };

/** What the load found out about the input on the way, for the report. */
interface InputNotes {
  encoding?: string;
  compression?: 'gzip';
  pages?: number;
}

/** Parsed JSON (an array, an envelope or a CLI report document) → rows, or the finished table of a report document. */
function fromJsonValue(data: unknown, rows: Record<string, unknown>[] | undefined, opts: ValidOptions, clock: ZoneClock, startedAt: number): Decoded {
  if (looksLikeReport(data)) return { finished: fromReportJson(data, opts.timeZone ?? 'UTC', startedAt) };
  return fromValues(valueTableFromObjects(rows ?? jsonRows(data, opts.rowsPath), 'json'), opts, clock);
}

/** JSON or NDJSON text → rows, or the finished table of a report document. */
function fromJson(text: string, opts: ValidOptions, clock: ZoneClock, startedAt: number): Decoded {
  if (opts.format === 'ndjson' || (opts.format === undefined && looksLikeNdjson(text))) {
    return fromValues(valueTableFromObjects(parseNdjson(text), 'ndjson'), opts, clock);
  }
  return fromJsonValue(parseJsonExact(text), undefined, opts, clock, startedAt);
}

/**
 * A JSON endpoint: the first page's envelope, then every page its next link or cursor points to
 * (at most `maxPages`, default 100), rows appended in page order. Progress counts pages.
 */
async function fromJsonPages(first: unknown, url: string, opts: ValidOptions, notes: InputNotes): Promise<Record<string, unknown>[] | undefined> {
  let next = nextPageUrl(first, url);
  if (next === undefined) return undefined;
  const maxPages = opts.maxPages ?? 100;
  const rows = jsonRows(first, opts.rowsPath).slice();
  const seen = new Set([url]);
  let pages = 1;
  while (next !== undefined) {
    if (pages >= maxPages) {
      throw new LoadError('too-many-pages', `${url} has more than ${maxPages} pages of orders: raise maxPages (the max-pages option) or ask the endpoint for bigger pages; nothing was loaded rather than part of the data.`);
    }
    if (seen.has(next)) throw new LoadError('pagination-loop', `The next-page link of ${url} leads back to ${next}, a page already read: the endpoint's pagination is broken.`);
    seen.add(next);
    const got = await fetchBytes(next, opts.fetchOptions, opts.signal, undefined, opts.timeoutMs);
    const page = parseJsonExact(new TextDecoder().decode(toUtf8(got.bytes, opts.encoding).bytes), `page ${pages + 1}`);
    for (const r of jsonRows(page, opts.rowsPath)) rows.push(r);
    pages++;
    opts.onProgress?.({ phase: 'fetch', pages, rows: rows.length });
    next = nextPageUrl(page, next);
  }
  notes.pages = pages;
  return rows;
}

/** Arrow: the finished table straight from the column buffers when arrow-fast.ts applies, else rows to build. */
function fromArrow(table: Table, format: string, opts: ValidOptions, clock: ZoneClock, startedAt: number): Decoded {
  // Appending checks every order id against the loaded ones: the general path does.
  const finished = knownIds(opts) ? null : ordersFromArrowFast(table, format, { ...opts, clock, startedAt });
  if (finished === null) return fromValues(valueTableFromArrow(table, format), opts, clock);
  opts.onProgress?.({ phase: 'build', rows: finished.orders.length });
  return { finished };
}

function fromValues(table: ValueTable, opts: ValidOptions, clock: ZoneClock): DecodedRows {
  if (table.length === 0) {
    if (table.columns.length === 0) throw new LoadError('empty', 'The input is empty: there are no rows to load.');
    throw new LoadError('header-only', `The input has columns (${table.columns.map((c) => c.name).join(', ')}) but no data rows.`);
  }
  return decodeValueTable(table, opts.mapping, clock, opts);
}

async function fromBytes(got: FetchedBytes, opts: ValidOptions, clock: ZoneClock, startedAt: number, notes: InputNotes): Promise<Decoded> {
  if (isGzip(got.bytes)) {
    got = { ...got, bytes: await gunzip(got.bytes) };
    notes.compression = 'gzip';
  }
  let format = bytesFormat(got, opts.format);
  opts.onProgress?.({ phase: 'parse', bytes: 0, totalBytes: got.bytes.length, rows: 0 });
  if (format === 'parquet') return fromValues(await readParquet(got.bytes, opts.onProgress), opts, clock);
  if (format === 'arrow') return fromArrow(await readArrowIpc(got.bytes), 'arrow', opts, clock, startedAt);
  if (format === 'xlsx') return fromValues(await readXlsx(got.bytes), opts, clock);
  // Binary data is left to parseText's check; text is decoded (encoding.ts) and sniffed again:
  // UTF-16 JSON only shows its '[' once decoded.
  if (looksBinary(got.bytes) && !looksLikeUtf16(got.bytes)) return parseText(got.bytes, { ...opts, format: undefined, clock });
  const { bytes, encoding } = toUtf8(got.bytes, opts.encoding);
  notes.encoding = encoding;
  if (opts.format === undefined && format !== 'json' && format !== 'ndjson' && sniffBytes(bytes) === 'json') format = 'json';
  if (format === 'json' || format === 'ndjson') {
    const text = new TextDecoder().decode(bytes);
    if (format === 'ndjson' || looksLikeNdjson(text)) return fromValues(valueTableFromObjects(parseNdjson(text), 'ndjson'), opts, clock);
    const data = parseJsonExact(text);
    const pages = got.url !== undefined && !looksLikeReport(data) ? await fromJsonPages(data, got.url, opts, notes) : undefined;
    return fromJsonValue(data, pages, opts, clock, startedAt);
  }
  return parseText(bytes, { ...opts, format, clock });
}

/** UTF-16 text has NULs (every other byte of ASCII) but is not binary. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const e = detectEncoding(bytes.subarray(0, 4096));
  return e === 'utf-16le' || e === 'utf-16be';
}

/** The xlsx reader is loaded only when a workbook arrives (xlsx.ts and fflate stay out of other loads). */
async function readXlsx(bytes: Uint8Array): Promise<ValueTable> {
  const { readXlsxTable } = await import('./xlsx.js');
  return readXlsxTable(bytes);
}

async function decode(input: OrdersInput, opts: ValidOptions, clock: ZoneClock, startedAt: number, notes: InputNotes): Promise<Decoded> {
  if (Array.isArray(input)) return fromValues(valueTableFromObjects(input, 'array'), opts, clock);
  if (isArrowTable(input)) return fromArrow(input, 'arrow-table', opts, clock, startedAt);
  const got = await inputBytes(input, opts);
  if (got) return fromBytes(got, opts, clock, startedAt, notes);
  if (typeof input === 'string') {
    const t = input.trimStart();
    const format = opts.format ?? (t.startsWith('[') || t.startsWith('{') ? 'json' : undefined);
    if (format === 'json' || format === 'ndjson') {
      if (t === '') throw new LoadError('empty', 'The input is empty: there are no rows to load.');
      return fromJson(input, opts, clock, startedAt);
    }
    if (format === 'arrow' || format === 'parquet' || format === 'xlsx') {
      throw new LoadError('unsupported-input', `A string cannot hold ${format} data: pass the bytes (ArrayBuffer/Uint8Array), a Blob or a URL.`);
    }
    return parseText(input, { ...opts, format, clock });
  }
  throw new LoadError('unsupported-input', 'loadOrders needs an array of objects, an Arrow Table, CSV/JSON text, a URL, bytes or a Blob.');
}

/**
 * Loads orders from an array of objects, an Arrow Table, CSV/TSV/whitespace/JSON text, a URL,
 * Arrow IPC or Parquet bytes, or a Blob, and returns the day-sorted OrderTable plus a report.
 * Rows that cannot be used are rejected with a reason (see build.ts for the rules and their order);
 * problems with the whole input reject the promise with a LoadError. An aborted `signal` rejects
 * with the signal's reason (an AbortError DOMException).
 *
 * @example
 * const { orders, report } = await loadOrders('/data/orders.csv', { timeZone: 'Europe/London' });
 * console.log(report.rowsAccepted, report.reasons.map((r) => `${r.reason}: ${r.count}`));
 */
export async function loadOrders(input: OrdersInput, options?: LoadOptions): Promise<{ orders: OrderTable; report: LoadReport }> {
  return loadOrdersExcept(input, options, undefined);
}

/**
 * `loadOrders` for rows appended to a loaded table: rows of an order whose id is in `knownOrderIds`
 * are rejected as 'duplicate-order'. Pre-aggregated inputs and report documents are refused.
 * @example const added = await loadOrdersExcept(rows, { mapping: report.mapping }, new Set(orders.order!.values));
 */
export async function loadOrdersExcept(input: OrdersInput, options: LoadOptions | undefined, knownOrderIds: ReadonlySet<string> | undefined): Promise<{ orders: OrderTable; report: LoadReport }> {
  const startedAt = performance.now();
  const opts: InternalOptions = { ...validateOptions(options), knownOrderIds };
  opts.signal?.throwIfAborted();
  const clock = new ZoneClock(opts.timeZone);
  if (opts.kind === 'customer-summary' || opts.kind === 'cohort-matrix') return loadPreAggregated(input, opts, clock, startedAt);
  const notes: InputNotes = {};
  const rows = await decode(input, opts, clock, startedAt, notes);
  opts.signal?.throwIfAborted();
  if ('finished' in rows) return rows.finished;
  opts.onProgress?.({ phase: 'build', rows: rows.length });
  fillContinuationLines(rows);
  const result = buildOrders(rows, { timeZone: opts.timeZone, returns: opts.returns, zeroAmounts: opts.zeroAmounts, duplicates: opts.duplicates, startedAt, knownOrderIds });
  opts.onProgress?.({ phase: 'build', rows: result.orders.length });
  // How the bytes were read (build.ts reports the rows, the columns and the dates).
  const report: LoadReport = { ...result.report };
  if (notes.encoding !== undefined) report.encoding = notes.encoding;
  if (notes.compression) report.compression = notes.compression;
  if (notes.pages !== undefined) report.pages = notes.pages;
  return { orders: result.orders, report };
}
