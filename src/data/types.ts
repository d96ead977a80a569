/**
 * Public types of the data layer: what `loadOrders` accepts, its options, and the report it returns.
 */
import type { Table } from 'apache-arrow';

/**
 * Anything `loadOrders` can read.
 * - an array of plain objects (one per invoice line or order);
 * - an Apache Arrow `Table`;
 * - a string: CSV/TSV/whitespace-aligned/JSON text, or a URL (see `looksLikeUrl` in `input.ts` for the rule);
 * - bytes (`ArrayBuffer`/`Uint8Array`): CSV text, Arrow IPC (file or stream) or Parquet, sniffed by magic bytes;
 * - a `URL` (fetched) or a `Blob`/`File` (read as a stream).
 */
export type OrdersInput = Record<string, unknown>[] | Table | string | ArrayBuffer | Uint8Array | URL | Blob;

/**
 * Which source column plays which role. Names are matched exactly first, then ignoring case, spaces,
 * underscores, hyphens and dots. `amount` may be a product of two columns, e.g. `'Quantity*UnitPrice'`.
 */
export interface ColumnMapping {
  customer?: string;
  date?: string;
  /** For the optional roles, `null` means "none": the role is not used, not even detected. */
  amount?: string | null;
  order?: string | null;
  product?: string | null;
  category?: string | null;
  channel?: string | null;
  region?: string | null;
  /** Product name column (e.g. `Description`), kept per product code for display: the first name seen. Needs `product`. */
  productName?: string | null;
  /**
   * Extra columns kept as per-order dimensions (e.g. `['coupon', 'store']`), dictionary-coded like
   * `channel` and `region`: `orders.dimensions[column]`, the value on the order's first line.
   * Each must exist (LoadError 'unknown-column' names it); never detected from names.
   */
  dimensions?: string[];
}

/** The mapping actually used: customer and date are always present. */
export type ResolvedMapping = {
  [K in Exclude<keyof ColumnMapping, 'dimensions'>]?: string;
} & { customer: string; date: string; dimensions?: string[] };

export type LoadFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'xlsx' | 'arrow' | 'parquet';

/**
 * How numeric dates are written, for files where the values cannot say (`3/4/2024`):
 * month first (`MM/DD/YYYY`, US Excel), day first (`DD/MM/YYYY`, `DD.MM.YYYY`, most of the world),
 * year first (`YYYY-MM-DD`, ISO and Chinese), or Excel serial day numbers (`excel`: 45292 = 2024-01-01).
 */
export type DateFormat = 'YYYY-MM-DD' | 'YYYY/MM/DD' | 'MM/DD/YYYY' | 'DD/MM/YYYY' | 'DD.MM.YYYY' | 'MM-DD-YYYY' | 'DD-MM-YYYY' | 'excel';

/** How a column or a date convention was chosen: given by the caller, by the column's name, by its values, by `lang`, or the default. */
export type ChoiceRule = 'given' | 'name' | 'values' | 'lang' | 'default';

/** Which column plays a role and how it was chosen (`LoadReport.columns`). */
export interface ColumnChoice {
  role: keyof ColumnMapping;
  /** The column name (`A*B` for an amount that is a product of two columns). */
  column: string;
  rule: Extract<ChoiceRule, 'given' | 'name' | 'values'>;
}

/** How dates were read (`LoadReport.dates`): the convention for numeric day/month dates and what decided it. */
export interface DateReading {
  format: DateFormat;
  rule: ChoiceRule;
}

/**
 * What one row of the input is: an order or order line (default), one customer of a per-customer
 * summary, or one cell of a cohort matrix (see docs/pre-aggregated.md for the columns). A CLI report
 * (`retention-widgets/report@1` JSON) is recognised whatever this says.
 */
export type InputKind = 'orders' | 'customer-summary' | 'cohort-matrix';

export interface LoadOptions {
  /** Column roles; auto-detected from the column names when absent (see `detectMapping`). */
  mapping?: ColumnMapping;
  /** IANA zone that decides the calendar day of absolute instants. Default 'UTC'. */
  timeZone?: string;
  /** 'exclude' (default): negative rows are rejected. 'net': they are summed into their order. */
  returns?: 'exclude' | 'net';
  /** 'exclude' (default): zero-amount rows are rejected. 'keep': accepted. */
  zeroAmounts?: 'exclude' | 'keep';
  /**
   * 'reject' (default): a row identical to an earlier one in every column is rejected as 'duplicate-row'.
   * 'keep': identical rows are separate purchases (order logs without an order id, such as CDNOW,
   * where one customer may buy the same thing twice on one day).
   */
  duplicates?: 'reject' | 'keep';
  /**
   * Character encoding of text input (a WHATWG label: `utf-8`, `gb18030`, `gbk`, `big5`, `utf-16le`,
   * `shift_jis`, `windows-1252`…). Default: detected (BOM, valid UTF-8, GB18030/Big5, else Windows-1252;
   * see encoding.ts). `report.encoding` says which was used.
   */
  encoding?: string;
  /**
   * How numeric dates are written. Default: decided by the values (`13/01/2024` can only be day
   * first), else by `lang`, else month first; a file that mixes both fails with 'mixed-date-formats'.
   * When given it wins over the values. `report.dates` says which rule decided.
   */
  dateFormat?: DateFormat;
  /**
   * Language (BCP 47, e.g. `en-GB`, `zh-CN`) whose date order decides dates the values leave
   * ambiguous (`3/4/2024`); widgets pass their `lang`.
   */
  lang?: string;
  /**
   * JSON: the dotted path to the array of rows inside an envelope (`data.items`, `result.orders`).
   * Default: the envelope's one property holding an array of objects.
   */
  rowsPath?: string;
  /**
   * URL inputs whose JSON envelope links to a next page (`next`, `next_url`, `links.next`,
   * `paging.next`, or a `next_cursor` sent back as `?cursor=`): the most pages fetched. Default 100;
   * 1 reads the first page only. More pages than that fail with 'too-many-pages'.
   */
  maxPages?: number;
  /** Force a format instead of sniffing it. 'csv' still sniffs the delimiter (`,` `;` `|` tab or whitespace runs). */
  format?: LoadFormat;
  /** What one row is: orders (default), a per-customer summary or a cohort matrix (pre-aggregated inputs). */
  kind?: InputKind;
  /** Whether delimited text has a header line. Default: auto (a first line with no numeric or date-like field). */
  header?: boolean;
  /** Column names for a headerless file (with `header: true` they replace the file's own header). */
  columns?: string[];
  signal?: AbortSignal;
  /**
   * Passed to `fetch` for URL inputs: headers (e.g. an `Authorization` token), credentials, mode.
   * Never logged, and never put in a report, an event or an error message.
   */
  fetchOptions?: RequestInit;
  /**
   * URL inputs: the longest wait for the server, in milliseconds, for the response and then between
   * two chunks of the body (a slow but steady download is never cut off). When it passes the fetch
   * is aborted and the load fails with LoadError 'timeout'. Absent or 0: no limit (widgets pass
   * their `timeout` attribute, default 30000).
   */
  timeoutMs?: number;
  onProgress?: (p: LoadProgress) => void;
}

export interface LoadProgress {
  phase: 'fetch' | 'parse' | 'build';
  /** Pages fetched so far (JSON endpoints with a next link or cursor). */
  pages?: number;
  /** Bytes read so far (fetch) or parsed so far (parse). */
  bytes?: number;
  totalBytes?: number;
  /** Data rows parsed so far. */
  rows?: number;
}

export type RejectionCode =
  | 'missing-customer'
  | 'missing-date'
  | 'unparseable-date'
  | 'non-numeric-amount'
  | 'duplicate-row'
  | 'cancellation'
  | 'negative-amount'
  | 'zero-amount'
  | 'non-positive-order'
  /** Only when appending (`<rw-orders>.append`, `appendOrders`): the order id is loaded already. */
  | 'duplicate-order'
  /**
   * Only with `returns: 'net'`: a purchase that a later credit note (an order whose lines are all
   * negative, like Online Retail's "C…" invoices) of the same customer netted to ≤ 0.
   */
  | 'cancelled';

export interface RejectionExample {
  /** 1-based data row number (the header and blank lines are not counted). */
  row: number;
  /** Raw values of the mapped columns, by column name. */
  values: Record<string, string>;
}

/**
 * Reasons for rows of pre-aggregated inputs: a summary row whose numbers contradict each other
 * (last purchase before the first, more purchase days than orders…), or a cohort cell that is not
 * a cell (negative age, counts that are not whole numbers…).
 */
export type AggregateRejectionCode = 'invalid-summary-row' | 'invalid-cohort-cell';

export interface RejectionReason {
  reason: RejectionCode | AggregateRejectionCode;
  /** What happened and how to fix it, for people. */
  message: string;
  /** Rows rejected for this reason. */
  count: number;
  /** The first 5 rows rejected for this reason. */
  examples: RejectionExample[];
}

export interface LoadReport {
  /** Data rows in the input; always `rowsAccepted + rowsRejected`. */
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Sorted by count, largest first. Each rejected row has exactly one reason. */
  reasons: RejectionReason[];
  /** Orders in the output table. */
  orders: number;
  /** Distinct customers in the output table. */
  customers: number;
  /** 'csv' | 'tsv' | 'csv-semicolon' | 'csv-pipe' | 'whitespace' | 'json' | 'array' | 'arrow' | 'arrow-table' | 'parquet'. */
  format: string;
  mapping: ResolvedMapping;
  /** Text inputs: the character encoding read ('utf-8', 'utf-16le', 'gb18030', 'big5', 'windows-1252'…). */
  encoding?: string;
  /** Whether the input was gzip-compressed (decompressed before reading). */
  compression?: 'gzip';
  /** How each mapped role's column was chosen (by name, by its values, or given). */
  columns?: ColumnChoice[];
  /** How dates were read and what decided it. */
  dates?: DateReading;
  /** JSON endpoints: pages fetched. */
  pages?: number;
  /** Wall time of the whole load in milliseconds. */
  ms: number;
}

/**
 * A problem with the whole input (nothing could be loaded). `code` is stable for programs:
 * 'empty', 'header-only', 'no-customer-column', 'no-date-column', 'unknown-column', 'not-csv',
 * 'truncated', 'bad-parquet', 'bad-arrow', 'not-json-array', 'bad-json', 'bad-encoding', 'mixed-date-formats',
 * 'unsafe-integer', 'bad-gzip', 'bad-xlsx', 'too-many-pages', 'http-<status>', 'fetch-failed', 'timeout', 'html-page',
 * 'bad-option', 'unsupported-input'. `message` says what is wrong and how to fix it.
 *
 * @example
 * try { await loadOrders(text); } catch (e) { if (e instanceof LoadError && e.code === 'no-customer-column') askForMapping(); }
 */
export class LoadError extends Error {
  readonly code: string;
  override readonly cause?: unknown;
  constructor(code: string, message: string, cause?: unknown) {
    super(message);
    this.name = 'LoadError';
    this.code = code;
    if (cause !== undefined) this.cause = cause;
  }
}
