import { isServer, type ReactiveElement } from 'lit';
import type { ColumnMapping, LoadOptions, OrdersInput } from '../../data/types.js';
import { LinkedSource } from './linked-source.js';

/**
 * The attributes every widget shares to name its data source and how to read it, so that each
 * element of the family declares them once (`...SOURCE_PROPERTIES`) and turns them into a
 * `loadOrders` call the same way (`sourceOf`).
 */
export interface SourceAttributes {
  src: string | undefined;
  data: Record<string, unknown>[] | Extract<OrdersInput, { numRows: number }> | undefined;
  customerField: string | undefined;
  dateField: string | undefined;
  amountField: string | undefined;
  orderField: string | undefined;
  productField: string | undefined;
  categoryField: string | undefined;
  /** The `product-name-field` attribute: a column of product names shown next to product ids. */
  productNameField?: string | undefined;
  /**
   * The `dimension-fields` attribute: extra columns kept as per-order dimensions, comma-separated
   * (`dimension-fields="coupon,store"`), passed to the loader as `mapping.dimensions`.
   */
  dimensionFields?: string | undefined;
  timeZone: string | undefined;
  returns: string | undefined;
  zeroAmounts: string | undefined;
  duplicates: string | undefined;
  /**
   * Id of an `<rw-orders>` element in the same document (or shadow root) whose orders to use
   * instead of loading `src`/`data`. Optional in the type so that widgets written before it need
   * no declaration; Lit creates the accessor from `SOURCE_PROPERTIES` either way.
   */
  source?: string | undefined;
  /**
   * The `timeout` attribute: the longest wait for the server in milliseconds (for the response, then
   * between two chunks), default 30000; 0 waits forever. Passed to the loader as `timeoutMs`.
   */
  timeout?: number | undefined;
  /**
   * `fetch` options for `src` (headers with a token, `credentials: 'include'`): a property only,
   * never an attribute, so credentials never appear in the DOM; never put in events or messages.
   * @example el.fetchOptions = { headers: { Authorization: `Bearer ${token}` } };
   */
  fetchOptions?: RequestInit | undefined;
  /**
   * The `kind` attribute: what one row of the data is — `orders` (default), `customer-summary` or
   * `cohort-matrix` (pre-aggregated inputs, docs/pre-aggregated.md). A CLI report is recognised by itself.
   */
  kind?: string | undefined;
  /**
   * The `refresh` attribute: fetch `src` again every so many seconds (off when absent or 0), with
   * conditional requests; the view is kept until new data is ready. Only for a `src` URL.
   */
  refresh?: number | undefined;
  /** The `encoding` attribute: text encoding of `src` (utf-8, gb18030, big5, utf-16le…); default detected. */
  encoding?: string | undefined;
  /** The `date-format` attribute: `MM/DD/YYYY`, `DD/MM/YYYY`, `YYYY-MM-DD`, `excel`…; default decided by the values, then `lang`. */
  dateFormat?: string | undefined;
  /** The `rows-path` attribute: dotted path of the rows inside a JSON envelope (`data.items`). */
  rowsPath?: string | undefined;
  /** The element's language: decides dates the values leave ambiguous (`3/4/2024`). */
  lang?: string;
}

/** Default of the `timeout` attribute, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Lit property declarations of `SourceAttributes`. */
export const SOURCE_PROPERTIES = {
  src: { type: String },
  data: { attribute: false },
  customerField: { type: String, attribute: 'customer-field' },
  dateField: { type: String, attribute: 'date-field' },
  amountField: { type: String, attribute: 'amount-field' },
  orderField: { type: String, attribute: 'order-field' },
  productField: { type: String, attribute: 'product-field' },
  categoryField: { type: String, attribute: 'category-field' },
  productNameField: { type: String, attribute: 'product-name-field' },
  dimensionFields: { type: String, attribute: 'dimension-fields' },
  timeZone: { type: String, attribute: 'time-zone' },
  returns: { type: String },
  zeroAmounts: { type: String, attribute: 'zero-amounts' },
  duplicates: { type: String },
  source: { type: String },
  timeout: { type: Number },
  fetchOptions: { attribute: false },
  kind: { type: String },
  refresh: { type: Number },
  encoding: { type: String },
  dateFormat: { type: String, attribute: 'date-format' },
  rowsPath: { type: String, attribute: 'rows-path' },
} as const;

/** The source properties but `source`: what `<rw-orders>` takes (it is the source). */
export const { source: _linkedSource, ...LOAD_PROPERTIES } = SOURCE_PROPERTIES;

/**
 * Names of the source properties: when one of them changes the data must be loaded again.
 * The list holds `source` too; its type leaves `source` out only so that `changed.has(name)`
 * typechecks on `<rw-orders>`, which takes every source attribute but `source` (it is the source);
 * `timeout`, `fetchOptions`, `kind`, `dimensionFields` and `refresh` likewise, so elements that do not declare them still typecheck.
 */
export const SOURCE_PROPERTY_NAMES = Object.keys(SOURCE_PROPERTIES) as Exclude<keyof SourceAttributes, 'source' | 'timeout' | 'fetchOptions' | 'kind' | 'productNameField' | 'dimensionFields' | 'refresh' | 'encoding' | 'dateFormat' | 'rowsPath' | 'lang'>[];

const MAPPED: [keyof SourceAttributes, Exclude<keyof ColumnMapping, 'dimensions'>][] = [
  ['customerField', 'customer'],
  ['dateField', 'date'],
  ['amountField', 'amount'],
  ['orderField', 'order'],
  ['productField', 'product'],
  ['categoryField', 'category'],
  ['productNameField', 'productName'],
];

/** The columns of a `dimension-fields` value: comma-separated, blanks dropped. */
export function dimensionList(value: string | undefined): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

/**
 * The loader input and options the attributes describe. `src` is always a URL, resolved against
 * the document, so the loader never mistakes a bare path for CSV text; `data` wins over `src`.
 * `source` wins over both: the input is then a `LinkedSource` (the AnalysisController waits for
 * that `<rw-orders>` element's orders instead of loading; the mapping attributes of the source
 * element apply, the widget's own are ignored).
 * Unknown values of `returns`, `zero-amounts`, `duplicates` and `kind` are passed on, so the loader's
 * validation names them in the error state instead of silently falling back.
 */
export function sourceOf(host: SourceAttributes & ReactiveElement): { input: OrdersInput | LinkedSource | undefined; options: LoadOptions; refreshSeconds: number } {
  // Server rendering (@lit-labs/ssr): nothing loads there (no document to resolve `src` against, no
  // linked elements); the element renders its idle state and loads once defined in the browser.
  if (isServer) return { input: undefined, options: {}, refreshSeconds: 0 };
  if (host.source) return { input: new LinkedSource(host.source, host), options: {}, refreshSeconds: 0 };
  const mapping: ColumnMapping = {};
  for (const [prop, role] of MAPPED) {
    const column = host[prop];
    if (typeof column === 'string' && column) mapping[role] = column;
    // An empty attribute on an optional role (order-field="") is "none": not used, not detected.
    else if (column === '' && role !== 'customer' && role !== 'date') mapping[role] = null;
  }
  const dimensions = dimensionList(host.dimensionFields);
  if (dimensions.length) mapping.dimensions = dimensions;
  const options: Record<string, unknown> = {};
  if (Object.keys(mapping).length) options.mapping = mapping;
  if (host.timeZone) options.timeZone = host.timeZone;
  if (host.returns) options.returns = host.returns;
  if (host.zeroAmounts) options.zeroAmounts = host.zeroAmounts;
  if (host.duplicates) options.duplicates = host.duplicates;
  if (host.kind) options.kind = host.kind;
  if (host.encoding) options.encoding = host.encoding;
  if (host.dateFormat) options.dateFormat = host.dateFormat;
  if (host.rowsPath) options.rowsPath = host.rowsPath;
  if (host.lang) options.lang = host.lang;
  // A non-number (timeout="soon" → NaN) is passed on so the loader names it in the error state.
  options.timeoutMs = host.timeout ?? DEFAULT_TIMEOUT_MS;
  if (host.fetchOptions) options.fetchOptions = host.fetchOptions;
  const input = host.data ?? (host.src ? new URL(host.src, document.baseURI) : undefined);
  // refresh applies to a fetched src only (data given as a property has nothing to fetch again).
  const refreshSeconds = host.data === undefined && typeof host.refresh === 'number' && host.refresh > 0 ? host.refresh : 0;
  return { input, options: options as LoadOptions, refreshSeconds };
}
