/**
 * A per-customer summary table (one row per customer) → CustomerSummary, for widgets that need only
 * per-customer numbers: RFM, the BG/NBD and Gamma-Gamma models, churn risk and CLV.
 *
 * Columns (names compared case-, space- and underscore-blind; the output of
 * sql/duckdb/customer_summary.sql and of `customerSummary` are both accepted):
 *   customer_id            required  (or mapping.customer)
 *   first_day, last_day    required  first and last purchase day (a date, or YYYYMMDD)
 *   purchase_days          distinct purchase days; or `frequency` (= purchase_days − 1). Needed by the models.
 *   orders                 number of orders; default purchase_days
 *   revenue                sum of order values; without it RFM's M scores are all 1
 *   monetary               mean value of the repeat purchase days (Gamma-Gamma, CLV)
 *   end_day                the day T is measured to (the same on every row); default: the latest last_day
 * Rows whose numbers contradict each other are rejected as 'invalid-summary-row' and counted, as are
 * rows with no customer id, unreadable days and repeated customer ids; accepted + rejected = rows read.
 */
import type { CustomerSummary } from '../../core/customer-summary.js';
import type { PreAggregated } from '../../core/pre-aggregated.js';
import { idText } from '../decoded.js';
import { normaliseName } from '../mapping.js';
import { amountFromValue } from '../parse-amount.js';
import { dateFromValue, isMissingValue } from '../parse-date.js';
import type { ZoneClock } from '../time-zone.js';
import { LoadError, type ColumnMapping, type LoadReport } from '../types.js';
import type { ValueColumn, ValueTable } from '../values.js';
import { withPlainObjectPrototype, z } from '../zod.js';
import { cellValue } from './read-table.js';
import { Rejections, rowsText } from './rejections.js';

const DAY_MS = 86_400_000;

/** Accepted names per role, after normaliseName (most specific first). */
export const SUMMARY_COLUMNS = {
  customer: ['customerid', 'customer', 'customercode', 'userid', 'clientid', 'id'],
  firstDay: ['firstday', 'firstdate', 'firstpurchaseday', 'firstpurchasedate', 'firstorderdate', 'firstorderday', 'firstpurchase', 'firstorder'],
  lastDay: ['lastday', 'lastdate', 'lastpurchaseday', 'lastpurchasedate', 'lastorderdate', 'lastorderday', 'lastpurchase', 'lastorder'],
  purchaseDays: ['purchasedays', 'transactions'],
  frequency: ['frequency', 'repeatpurchasedays'],
  orders: ['orders', 'ordercount', 'numorders', 'norders', 'numberoforders'],
  revenue: ['revenue', 'totalrevenue', 'totalamount', 'sales', 'amount'],
  monetary: ['monetary', 'monetaryvalue', 'meanrepeatvalue'],
  endDay: ['endday', 'asof', 'asofday', 'enddate', 'observationend'],
} as const;

type Role = keyof typeof SUMMARY_COLUMNS;

/**
 * The column contract: which roles must be present. Checked with zod so every missing column is
 * named at once, with the names that would have been accepted.
 */
const summaryColumns = withPlainObjectPrototype(() => z.object({
  customer: z.string({ error: `no customer column (one of: customer_id, customer, user_id, id; or set customer-field)` }),
  firstDay: z.string({ error: `no first purchase day column (first_day or first_date)` }),
  lastDay: z.string({ error: `no last purchase day column (last_day or last_date)` }),
  purchaseDays: z.optional(z.string()),
  frequency: z.optional(z.string()),
  orders: z.optional(z.string()),
  revenue: z.optional(z.string()),
  monetary: z.optional(z.string()),
  endDay: z.optional(z.string()),
  /** The first of purchaseDays, frequency, orders present: one of them is needed. */
  purchaseCount: z.string({ error: 'no purchase count column (purchase_days, frequency or orders)' }),
}));

function findColumns(table: ValueTable, mapping: ColumnMapping | undefined): Record<Role, ValueColumn | undefined> {
  const byName = new Map<string, ValueColumn>();
  for (const c of table.columns) if (!byName.has(normaliseName(c.name))) byName.set(normaliseName(c.name), c);
  const out = {} as Record<Role, ValueColumn | undefined>;
  for (const role of Object.keys(SUMMARY_COLUMNS) as Role[]) {
    out[role] = SUMMARY_COLUMNS[role].map((n) => byName.get(n)).find((c) => c !== undefined);
  }
  if (mapping?.customer !== undefined) {
    const c = table.columns.find((col) => col.name === mapping.customer);
    if (!c) throw new LoadError('missing-column', `The customer column "${mapping.customer}" is not in the summary (columns: ${table.columns.map((col) => col.name).join(', ')}).`);
    out.customer = c;
  }
  const names: Record<string, string | undefined> = Object.fromEntries((Object.keys(out) as Role[]).filter((r) => out[r]).map((r) => [r, out[r]!.name]));
  names.purchaseCount = names.purchaseDays ?? names.frequency ?? names.orders;
  const checked = withPlainObjectPrototype(() => summaryColumns.safeParse(names));
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => i.message).join('; ');
    throw new LoadError('missing-column', `This is not a per-customer summary: ${problems}. Its columns are: ${table.columns.map((c) => c.name).join(', ')}. See docs/pre-aggregated.md for the format.`);
  }
  return out;
}

/** Day number of a cell: Arrow/Parquet dates and timestamps, ISO strings, YYYYMMDD, Date objects. */
function dayOf(column: ValueColumn, row: number, clock: ZoneClock): number {
  if (column.kind === 'numbers' && column.time) {
    const v = column.values[row];
    const wall = column.time === 'instant' ? clock.wallMs(v) : v;
    return Math.floor(wall / DAY_MS);
  }
  const ms = dateFromValue(cellValue(column, row), clock);
  return Number.isNaN(ms) ? NaN : Math.floor(ms / DAY_MS);
}

function numberOf(column: ValueColumn | undefined, row: number): number {
  return column === undefined ? NaN : amountFromValue(cellValue(column, row));
}

function isCount(x: number): boolean {
  return Number.isInteger(x) && x >= 1;
}

function messageOf(code: string, count: number): string {
  const n = rowsText(count);
  switch (code) {
    case 'missing-customer': return `${n} have no customer id and were skipped.`;
    case 'missing-date': return `${n} have no first or last purchase day and were skipped.`;
    case 'unparseable-date': return `${n} have a first or last purchase day that is not a date (use ISO 8601 like 2011-12-09, or YYYYMMDD) and were skipped.`;
    case 'duplicate-row': return `${n} repeat a customer id of an earlier row and were skipped: a summary has one row per customer.`;
    default: return `${n} have numbers that contradict each other (purchase days must be whole numbers from 1 to orders and to the days between first and last purchase, the last purchase not before the first nor after end_day, revenue and monetary not negative) and were skipped.`;
  }
}

export interface SummaryTableOptions {
  mapping?: ColumnMapping;
  clock: ZoneClock;
  timeZone: string;
  startedAt: number;
}

/**
 * Reads a per-customer summary. Recency and T are in days; the models convert to weeks.
 * @example const { aggregate, report } = summaryFromTable(table, { clock, timeZone: 'UTC', startedAt: performance.now() });
 */
export function summaryFromTable(table: ValueTable, options: SummaryTableOptions): { aggregate: Extract<PreAggregated, { kind: 'customer-summary' }>; report: LoadReport } {
  if (table.length === 0) throw new LoadError('header-only', 'The customer summary has no rows.');
  const col = findColumns(table, options.mapping);
  const { clock } = options;
  const rejections = new Rejections(table, messageOf);
  const n = table.length;
  const keep = new Int32Array(n);
  const ids: string[] = [];
  const seen = new Set<string>();
  const first = new Int32Array(n), last = new Int32Array(n), ordersOf = new Int32Array(n), days = new Int32Array(n);
  const revenue = new Float64Array(n), monetary = new Float64Array(n);
  let endDay = NaN;
  let endDayConflict = false;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const rawId = cellValue(col.customer!, i);
    const id = isMissingValue(rawId) ? '' : idText(rawId).trim();
    if (id === '') { rejections.add('missing-customer', i); continue; }
    const fd = dayOf(col.firstDay!, i, clock), ld = dayOf(col.lastDay!, i, clock);
    if (Number.isNaN(fd) || Number.isNaN(ld)) {
      const missing = isMissingValue(cellValue(col.firstDay!, i)) || isMissingValue(cellValue(col.lastDay!, i));
      rejections.add(missing ? 'missing-date' : 'unparseable-date', i);
      continue;
    }
    const pdRaw = col.purchaseDays ? numberOf(col.purchaseDays, i) : col.frequency ? numberOf(col.frequency, i) + 1 : numberOf(col.orders, i);
    const o = col.orders ? numberOf(col.orders, i) : pdRaw;
    const rev = col.revenue ? numberOf(col.revenue, i) : 0;
    const mon = col.monetary ? numberOf(col.monetary, i) : NaN;
    const end = col.endDay ? dayOf(col.endDay, i, clock) : NaN;
    const valid = isCount(pdRaw) && isCount(o) && pdRaw <= o && ld >= fd && pdRaw <= ld - fd + 1 && (pdRaw > 1 || ld === fd) &&
      rev >= 0 && (!col.monetary || mon >= 0) && (!col.endDay || end >= ld);
    if (!valid) { rejections.add('invalid-summary-row', i); continue; }
    if (seen.has(id)) { rejections.add('duplicate-row', i); continue; }
    seen.add(id);
    if (col.endDay) {
      if (Number.isNaN(endDay)) endDay = end;
      else if (end !== endDay) endDayConflict = true;
    }
    keep[kept] = i;
    ids.push(id);
    first[kept] = fd; last[kept] = ld; ordersOf[kept] = o; days[kept] = pdRaw; revenue[kept] = rev; monetary[kept] = mon;
    kept++;
  }
  if (endDayConflict) throw new LoadError('invalid-summary', `The column "${col.endDay!.name}" must hold one day for every row (the day T is measured to); it varies.`);
  if (kept === 0) throw new LoadError('no-valid-rows', `None of the ${n} summary rows is usable: ${rejections.reasons().map((r) => r.message).join(' ')}`);
  let maxLast = -Infinity;
  for (let j = 0; j < kept; j++) if (last[j] > maxLast) maxLast = last[j];
  if (Number.isNaN(endDay)) endDay = maxLast;
  const summary: CustomerSummary = {
    length: kept,
    unit: 'days',
    endDay,
    customerCode: Int32Array.from({ length: kept }, (_, j) => j),
    customerId: ids,
    firstDay: first.slice(0, kept),
    lastDay: last.slice(0, kept),
    orders: ordersOf.slice(0, kept),
    purchaseDays: days.slice(0, kept),
    revenue: revenue.slice(0, kept),
    frequency: Float64Array.from(days.subarray(0, kept), (d) => d - 1),
    recency: Float64Array.from({ length: kept }, (_, j) => last[j] - first[j]),
    T: Float64Array.from({ length: kept }, (_, j) => endDay - first[j]),
    monetary: monetary.slice(0, kept),
  };
  let totalOrders = 0;
  for (let j = 0; j < kept; j++) totalOrders += ordersOf[j];
  const report: LoadReport = {
    rowsRead: n,
    rowsAccepted: kept,
    rowsRejected: rejections.total,
    reasons: rejections.reasons(),
    orders: totalOrders,
    customers: kept,
    format: `${table.format}:customer-summary`,
    mapping: { customer: col.customer!.name, date: col.firstDay!.name, ...(col.revenue ? { amount: col.revenue.name } : {}) },
    ms: performance.now() - options.startedAt,
  };
  return { aggregate: { kind: 'customer-summary', summary, hasMonetary: col.monetary !== undefined, hasRevenue: col.revenue !== undefined }, report };
}
