/**
 * `loadOrders`: any supported input → the columnar OrderTable plus a report of what was rejected and why.
 */
import type { OrderTable } from '../core/order-table.js';
import type { Table } from 'apache-arrow';
import { isArrowTable, readArrowIpc, valueTableFromArrow } from './arrow.js';
import { ordersFromArrowFast } from './arrow-fast.js';
import { buildOrders } from './build.js';
import type { DecodedRows } from './decoded.js';
import { asUtf8 } from './encoding.js';
import { bytesFormat, inputBytes, type FetchedBytes } from './input.js';
import { validateOptions, type ValidOptions } from './options.js';
import { readParquet } from './parquet.js';
import { looksBinary, parseText } from './text.js';
import { ZoneClock } from './time-zone.js';
import { LoadError, type LoadFormat, type LoadOptions, type LoadReport, type OrdersInput } from './types.js';
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

function parseJson(text: string): Record<string, unknown>[] | ReportJson {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new LoadError('bad-json', `The JSON could not be parsed (${(e as Error).message}): it must be an array of objects, one per order line.`, e);
  }
  if (looksLikeReport(data)) return { report: data };
  if (!Array.isArray(data) || data.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    // A wrapper object ({"orders": [...]}) is the usual mistake: name the array inside it.
    const inner = data !== null && typeof data === 'object' && !Array.isArray(data)
      ? Object.keys(data).find((k) => Array.isArray((data as Record<string, unknown>)[k])) : undefined;
    const bad = Array.isArray(data) ? data.findIndex((r) => r === null || typeof r !== 'object' || Array.isArray(r)) : -1;
    const what = Array.isArray(data) ? `an array whose item ${bad + 1} is not an object` : data === null ? 'null' : typeof data === 'object' ? 'an object' : `a ${typeof data}`;
    throw new LoadError('not-json-array', `The JSON is ${what}; it must be an array of objects: give one object per order line, e.g. [{"customer_id": "17850", "date": "2011-12-09", "amount": 12.5}].` +
      (inner === undefined ? '' : ` Its "${inner}" property holds an array: pass that array (e.g. data = json[${JSON.stringify(inner)}]).`));
  }
  return data as Record<string, unknown>[];
}

/** JSON text → rows, or the finished table of a report document. */
function fromJson(text: string, opts: ValidOptions, clock: ZoneClock, startedAt: number): Decoded {
  const data = parseJson(text);
  if (!Array.isArray(data)) return { finished: fromReportJson(data.report, opts.timeZone ?? 'UTC', startedAt) };
  return fromValues(valueTableFromObjects(data, 'json'), opts, clock);
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
  return decodeValueTable(table, opts.mapping, clock);
}

async function fromBytes(got: FetchedBytes, opts: ValidOptions, clock: ZoneClock, startedAt: number): Promise<Decoded> {
  const { bytes } = got;
  const format = bytesFormat(got, opts.format);
  opts.onProgress?.({ phase: 'parse', bytes: 0, totalBytes: bytes.length, rows: 0 });
  if (format === 'parquet') return fromValues(await readParquet(bytes, opts.onProgress), opts, clock);
  if (format === 'arrow') return fromArrow(await readArrowIpc(bytes), 'arrow', opts, clock, startedAt);
  // Text that is not valid UTF-8 is Windows-1252 (see encoding.ts); binary data is left to parseText's check.
  if (format === 'json') return fromJson(new TextDecoder().decode(asUtf8(bytes)), opts, clock, startedAt);
  return parseText(looksBinary(bytes) ? bytes : asUtf8(bytes), { ...opts, format, clock });
}

async function decode(input: OrdersInput, opts: ValidOptions, clock: ZoneClock, startedAt: number): Promise<Decoded> {
  if (Array.isArray(input)) return fromValues(valueTableFromObjects(input, 'array'), opts, clock);
  if (isArrowTable(input)) return fromArrow(input, 'arrow-table', opts, clock, startedAt);
  const got = await inputBytes(input, opts);
  if (got) return fromBytes(got, opts, clock, startedAt);
  if (typeof input === 'string') {
    const t = input.trimStart();
    const format = opts.format ?? (t.startsWith('[') || t.startsWith('{') ? 'json' : undefined);
    if (format === 'json') {
      if (t === '') throw new LoadError('empty', 'The input is empty: there are no rows to load.');
      return fromJson(input, opts, clock, startedAt);
    }
    if (format === 'arrow' || format === 'parquet') {
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
  const rows = await decode(input, opts, clock, startedAt);
  opts.signal?.throwIfAborted();
  if ('finished' in rows) return rows.finished;
  opts.onProgress?.({ phase: 'build', rows: rows.length });
  const result = buildOrders(rows, { timeZone: opts.timeZone, returns: opts.returns, zeroAmounts: opts.zeroAmounts, duplicates: opts.duplicates, startedAt, knownOrderIds });
  opts.onProgress?.({ phase: 'build', rows: result.orders.length });
  return result;
}
