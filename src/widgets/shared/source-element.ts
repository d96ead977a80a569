import { LitElement } from 'lit';
import { LOAD_PROPERTIES, type SourceAttributes } from './source-attributes.js';

/**
 * The base of every element of the family, `<rw-orders>` included: the attributes that name the data
 * and how to read it, declared (and documented, for custom-elements.json) once here. Elements that
 * read from an `<rw-orders>` add `source` (RwAnalysisElement); `sourceOf()` turns them into a
 * `loadOrders` call.
 *
 * @attr src - URL of the orders (CSV/TSV/whitespace text, JSON, Arrow IPC or Parquet).
 * @attr customer-field - Column holding the customer id (auto-detected when absent).
 * @attr date-field - Column holding the order date.
 * @attr amount-field - Column holding the amount, or a product like `Quantity*UnitPrice`.
 * @attr order-field - Column holding the order/invoice id (lines of one order are merged).
 * @attr product-field - Column holding the product (kept per line; used by product analyses).
 * @attr category-field - Column holding the product category.
 * @attr product-name-field - Column holding product names, kept once per product code (the first name seen) for display.
 * @attr dimension-fields - Extra columns kept as per-order dimensions, comma-separated (e.g. `coupon,store`).
 * @attr refresh - Fetch `src` again every so many seconds (conditional requests: ETag / Last-Modified); the view stays until new data is ready. Off by default.
 * @attr encoding - Text encoding of `src` (`utf-8`, `gb18030`/`gbk`, `big5`, `utf-16le`, `windows-1252`…); detected when absent.
 * @attr date-format - How numeric dates like `3/4/2024` are written: `MM/DD/YYYY`, `DD/MM/YYYY`, `DD.MM.YYYY`, `YYYY-MM-DD` or `excel`; decided by the values, then `lang`, when absent.
 * @attr rows-path - JSON: dotted path of the rows inside an API envelope (e.g. `data.items`); its one array of objects when absent.
 * @attr time-zone - IANA zone that decides the calendar day of timestamps. Default `UTC`.
 * @attr returns - `exclude` (default) or `net`.
 * @attr zero-amounts - `exclude` (default) or `keep`.
 * @attr duplicates - `reject` (default) or `keep` (logs without an order id, as CDNOW).
 * @attr kind - What one row of the data is: `orders` (default), `customer-summary` or `cohort-matrix` (docs/pre-aggregated.md). A CLI report (JSON) is recognised by itself.
 * @attr timeout - Longest wait for the server in ms (for the response, then between chunks); default 30000, 0 = none.
 *
 * @prop {Record<string, unknown>[] | import('apache-arrow').Table} data - Rows or an Arrow Table (property only; wins over `src`).
 * @prop {RequestInit} fetchOptions - `fetch` options for `src`, e.g. an Authorization header (property only; never in events or the DOM).
 */
export abstract class RwSourceElement extends LitElement implements SourceAttributes {
  static override properties = { ...LOAD_PROPERTIES };

  declare src: SourceAttributes['src'];
  declare data: SourceAttributes['data'];
  declare customerField: string | undefined;
  declare dateField: string | undefined;
  declare amountField: string | undefined;
  declare orderField: string | undefined;
  declare productField: string | undefined;
  declare categoryField: string | undefined;
  declare productNameField: string | undefined;
  /** Extra columns kept as per-order dimensions, comma-separated (`dimension-fields="coupon,store"`). */
  declare dimensionFields: string | undefined;
  /** Seconds between conditional re-fetches of `src` (off when absent or 0). */
  declare refresh: number | undefined;
  declare encoding: string | undefined;
  declare dateFormat: string | undefined;
  declare rowsPath: string | undefined;
  declare timeZone: string | undefined;
  declare returns: string | undefined;
  declare zeroAmounts: string | undefined;
  declare duplicates: string | undefined;
  declare kind: string | undefined;
  /** Longest wait for the server in ms (for the response, then between chunks); default 30000, 0 = none. */
  declare timeout: number | undefined;
  /** `fetch` options for `src` (e.g. an Authorization header); a property, never an attribute. */
  declare fetchOptions: RequestInit | undefined;
}
