/**
 * The columnar order table every analysis reads.
 *
 * One row per order (not per invoice line), sorted by `day` ascending, so each analysis can walk
 * the orders once in time order. Strings never appear in hot loops: customers, order ids and the
 * optional attributes are dictionary-encoded to Int32 codes, and the dictionaries are kept so a
 * result can name its customers again.
 *
 * Everything here is structured-clone friendly (typed arrays and string arrays), so a table can be
 * posted to a Web Worker with its buffers transferred.
 */
import type { PreAggregated } from './pre-aggregated.js';

/** A dictionary-encoded string column: `values[codes[i]]` is row i's value. */
export interface Dictionary {
  /** Code per row, an index into `values`. */
  readonly codes: Int32Array;
  /** Distinct values in order of first appearance in the source. */
  readonly values: string[];
}

/** Invoice lines, kept when a product or category column is mapped (for "what is bought again"). */
export interface OrderLines {
  readonly length: number;
  /** Row of the order (in the order table) this line belongs to. */
  readonly order: Int32Array;
  /** Line amount in the data's currency (NaN when no amount column is mapped). */
  readonly amount: Float64Array;
  readonly product?: Dictionary;
  readonly category?: Dictionary;
  /**
   * Product name per product code (`productName[product.codes[i]]` names line i's product), when a
   * product-name column is mapped: the first name seen for the code, since catalogues rename items
   * over time and one code must show one name.
   */
  readonly productName?: string[];
}

export interface OrderTable {
  /** Number of orders. */
  readonly length: number;
  /** Customer per order. `customer.values` are the customer ids as strings. */
  readonly customer: Dictionary;
  /**
   * Calendar day of the order: days since 1970-01-01 of the order's date in `timeZone`
   * (see `calendar.ts`). Non-decreasing along the table.
   */
  readonly day: Int32Array;
  /** Order value in the data's currency; 0 for every order when `hasAmount` is false. */
  readonly amount: Float64Array;
  /** Whether an amount column was mapped. Without one, monetary analyses report NaN/0. */
  readonly hasAmount: boolean;
  /** Order id per order, when an order column was mapped. */
  readonly order?: Dictionary;
  readonly channel?: Dictionary;
  readonly region?: Dictionary;
  /**
   * Extra dimension columns named by `mapping.dimensions` (e.g. `coupon`, `store`), one code per
   * order like `channel` and `region`: the value on the order's first line.
   */
  readonly dimensions?: Readonly<Record<string, Dictionary>>;
  /** Invoice lines, when a product or category column was mapped. */
  readonly lines?: OrderLines;
  /** IANA time zone used to turn timestamps into calendar days. */
  readonly timeZone: string;
  /**
   * Set when the data came pre-aggregated (a customer summary, a cohort matrix or a CLI report,
   * see pre-aggregated.ts): the table then has no order rows and analyses read this instead.
   */
  readonly aggregate?: PreAggregated;
}
