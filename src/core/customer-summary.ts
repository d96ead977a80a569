/**
 * Per-customer frequency / recency / T / monetary summary, the input of the buy-till-you-die models
 * (BG/NBD: Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing Science
 * 24(2); Gamma-Gamma: Fader, Hardie & Lee 2005, "RFM and CLV", JMR 42(4)).
 *
 * A "purchase day" (the literature's transaction) is a calendar day with at least one order of the
 * customer: several orders on one day count once, and the value of a purchase day is the sum of that
 * day's orders. Zero-value orders count as purchases: Hardie's published CDNOW calibration summary
 * (`data/cdnow/cdnow_customers_summary.csv`) keeps the 8 zero-value rows of CDNOW_sample (all 8 are
 * first purchases, and those customers appear with frequency 0 and T from that day).
 */
import type { OrderTable } from './order-table.js';
import { rowsUntil } from './kernels/rows.js';

/** Time unit of recency and T. */
export type SummaryUnit = 'days' | 'weeks';

export interface CustomerSummaryOptions {
  /** Unit of `recency` and `T`: days, or weeks of 7 days. */
  unit: SummaryUnit;
  /** Last day (inclusive, day number) of the calibration period; default: the last order day. */
  calibrationEnd?: number;
  /** Day T is measured to; default: `calibrationEnd`. */
  asOf?: number;
}

/** Columnar summary: index i describes one customer, ordered by customer code. */
export interface CustomerSummary {
  length: number;
  unit: SummaryUnit;
  /** Day number T is measured to. */
  endDay: number;
  /** Index into `orders.customer.values`. */
  customerCode: Int32Array;
  customerId: string[];
  /** First and last purchase day (day numbers) on or before the calibration end. */
  firstDay: Int32Array;
  lastDay: Int32Array;
  /** Orders (rows), including several on one day. */
  orders: Int32Array;
  /** Distinct purchase days. */
  purchaseDays: Int32Array;
  /** Sum of order amounts. */
  revenue: Float64Array;
  /** Repeat purchase days: distinct purchase days − 1. */
  frequency: Float64Array;
  /** (lastDay − firstDay) in `unit`. */
  recency: Float64Array;
  /** (endDay − firstDay) in `unit`. */
  T: Float64Array;
  /** Mean value of the repeat purchase days (first day excluded); 0 when there are none. */
  monetary: Float64Array;
}

/**
 * Summarises every customer with an order on or before `calibrationEnd`, in one pass in day order.
 *
 * @example
 * // CDNOW: calibration = first 39 weeks
 * const s = customerSummary(orders, { unit: 'weeks', calibrationEnd: daysFromCivil(1997, 9, 30) });
 * s.frequency[0]; s.recency[0]; s.T[0]; // 2, 30.43, 38.86 for sample customer 0001
 */
export function customerSummary(orders: OrderTable, options: CustomerSummaryOptions): CustomerSummary {
  const { unit } = options;
  if (unit !== 'days' && unit !== 'weeks') throw new RangeError(`unit must be 'days' or 'weeks', got ${String(unit)}`);
  const lastDataDay = orders.length ? orders.day[orders.length - 1] : 0;
  const calibrationEnd = options.calibrationEnd ?? lastDataDay;
  const endDay = options.asOf ?? calibrationEnd;
  const n = rowsUntil(orders.day, calibrationEnd);
  const nCodes = orders.customer.values.length;
  const codes = orders.customer.codes;
  const days = orders.day;
  const amounts = orders.amount;

  // Per-code state packed in one 32-byte record per customer (two per 64-byte cache line): four Int32
  // slots (first day, last day, orders, purchase days) then two Float64 slots (revenue, revenue of the
  // repeat days). The pass is bound by random access to customer state, so one cache line per row
  // beats six separate arrays. purchaseDays = 0 marks "not seen yet".
  const buffer = new ArrayBuffer(nCodes * 32);
  const ints = new Int32Array(buffer); // customer c at 8c … 8c+3
  const floats = new Float64Array(buffer); // customer c at 4c+2, 4c+3
  let customers = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const k = c << 3;
    const f = (c << 2) + 2;
    const d = days[i];
    const a = amounts[i];
    if (ints[k + 3] === 0) {
      ints[k] = d;
      ints[k + 1] = d;
      ints[k + 3] = 1;
      customers++;
    } else if (d !== ints[k + 1]) {
      ints[k + 1] = d;
      ints[k + 3]++;
    }
    ints[k + 2]++;
    floats[f] += a;
    if (d !== ints[k]) floats[f + 1] += a;
  }

  const scale = unit === 'weeks' ? 1 / 7 : 1;
  const customerCode = new Int32Array(customers);
  const firstDay = new Int32Array(customers);
  const lastDay = new Int32Array(customers);
  const orderCount = new Int32Array(customers);
  const purchaseDays = new Int32Array(customers);
  const revenue = new Float64Array(customers);
  const frequency = new Float64Array(customers);
  const recency = new Float64Array(customers);
  const T = new Float64Array(customers);
  const monetary = new Float64Array(customers);
  // Every customer has an order (the usual case): the ids as they are, one copy. Otherwise filled by
  // push in code order. Either way a packed array, which postMessage clones ~2x faster than a holey one.
  const ids = orders.customer.values;
  const customerId = customers === nCodes ? ids.slice() : [];
  let j = 0;
  for (let c = 0; c < nCodes; c++) {
    const k = c << 3;
    const pdays = ints[k + 3];
    if (pdays === 0) continue;
    const first = ints[k];
    const last = ints[k + 1];
    const x = pdays - 1;
    customerCode[j] = c;
    if (customers !== nCodes) customerId.push(ids[c]);
    firstDay[j] = first;
    lastDay[j] = last;
    orderCount[j] = ints[k + 2];
    purchaseDays[j] = pdays;
    revenue[j] = floats[(c << 2) + 2];
    frequency[j] = x;
    recency[j] = (last - first) * scale;
    T[j] = (endDay - first) * scale;
    monetary[j] = x > 0 ? floats[(c << 2) + 3] / x : 0;
    j++;
  }
  const out: CustomerSummary = {
    length: customers, unit, endDay, customerCode, customerId, firstDay, lastDay, orders: orderCount, purchaseDays, revenue, frequency, recency, T, monetary,
  };
  return out;
}
