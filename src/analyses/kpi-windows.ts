/**
 * The numbers behind `<rw-kpis>`: six headline KPIs for a window of days ending at `asOf` and for
 * the window of the same length just before it, computed with core's analyses on filtered order
 * tables. Pure (no DOM); the BG/NBD and Gamma-Gamma fits go through model-cache.ts, so widgets on
 * one `<rw-orders>` fit each model once per calibration end.
 *
 * Definitions, for a window W = (end − windowDays, end] (whole calendar days):
 * - customers: distinct customers with an order in W (`repurchase(ordersIn(W)).customers`);
 * - repurchase rate (复购率): share of W's customers with 2 or more orders in W;
 * - AOV (客单价): revenue of W's orders / number of W's orders (NaN without an amount column);
 * - purchase frequency: orders in W / customers in W;
 * - churn rate (流失率): `churn(orders, { asOf: end, inactiveDays })`: of the customers with an order
 *   on or before `end`, the share with no order in the `inactiveDays` days up to `end`. One threshold
 *   for both windows: 'auto' is resolved once (p90 of repurchase intervals up to the current end);
 * - average CLV (客户生命周期价值): mean over the customers with an order on or before `end` of the
 *   12-month (default) discounted CLV from BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma
 *   (Fader & Hardie 2013) fitted on the data up to `end` (weeks; monthly discount 1%). Gamma-Gamma is
 *   fitted on customers with repeat purchases of positive mean value. NaN when there are no amounts
 *   or a model cannot be fitted (e.g. nobody bought twice).
 */
import { churn } from '../core/churn.js';
import type { ThresholdRule } from '../core/kernels/inactivity.js';
import { clv } from '../core/clv.js';
import { filterOrders } from '../core/filter-orders.js';
import type { OrderTable } from '../core/order-table.js';
import { repurchase } from '../core/repurchase.js';
import { btydInput, sharedBgNbdFit, sharedGammaGammaFit } from './model-cache.js';

export interface KpiOptions {
  /** Last day (day number, inclusive) of the current window; default the last order day. */
  asOf?: number;
  /** Window length in days; default 90. */
  windowDays?: number;
  /** Churn threshold in days, or 'auto' (p90 of repurchase intervals); default 'auto'. */
  inactiveDays?: number | 'auto';
  /** CLV horizon in months (30 days); default 12. */
  horizonMonths?: number;
}

/** The six KPIs of one window. */
export interface KpiWindow {
  /** First day of the window (inclusive), day number. */
  fromDay: number;
  /** Last day of the window (inclusive), day number. */
  toDay: number;
  customers: number;
  repeatCustomers: number;
  repurchaseRate: number;
  orders: number;
  revenue: number;
  aov: number;
  ordersPerCustomer: number;
  /** Customers with an order on or before `toDay` (the churn and CLV base). */
  customersToDate: number;
  churnedCustomers: number;
  churnRate: number;
  /** Mean 12-month CLV per customer to date; NaN when it cannot be computed. */
  averageClv: number;
  /** Why `averageClv` is NaN, if it is. */
  clvNote?: string;
}

export interface Kpis {
  asOf: number;
  windowDays: number;
  inactiveDays: number;
  thresholdRule: ThresholdRule;
  horizonMonths: number;
  current: KpiWindow;
  /** The window before; null when it ends before the first order. */
  previous: KpiWindow | null;
}

/** The keys of the six tiles. */
export type KpiKey = 'customers' | 'repurchaseRate' | 'aov' | 'frequency' | 'churnRate' | 'averageClv';
export const KPI_KEYS: readonly KpiKey[] = ['customers', 'repurchaseRate', 'aov', 'frequency', 'churnRate', 'averageClv'];

/** The value of tile `key` in a window. */
export function kpiValue(w: KpiWindow, key: KpiKey): number {
  switch (key) {
    case 'customers':
      return w.customers;
    case 'repurchaseRate':
      return w.repurchaseRate;
    case 'aov':
      return w.aov;
    case 'frequency':
      return w.ordersPerCustomer;
    case 'churnRate':
      return w.churnRate;
    case 'averageClv':
      return w.averageClv;
  }
}

/**
 * Relative change (current − previous) / previous; NaN when previous is 0, missing or not finite.
 * @example relativeChange(110, 100) // 0.1
 */
export function relativeChange(current: number, previous: number | undefined): number {
  if (previous === undefined || !Number.isFinite(previous) || previous === 0 || !Number.isFinite(current)) return NaN;
  return (current - previous) / previous;
}

/**
 * Mean 12-month (or `horizonMonths`) CLV of the customers to date, from BG/NBD + Gamma-Gamma
 * fitted on the data up to `end` in weeks. The summary and both fits are the ones <rw-churn> and
 * <rw-clv> use (model-cache.ts), so a dashboard fits each model once per order table.
 * Customers whose first order is on `end` (T = 0) are outside the model input and the mean.
 */
function averageClv(orders: OrderTable, end: number, horizonMonths: number): { value: number; note?: string } {
  if (!orders.hasAmount) return { value: NaN, note: 'no amount column' };
  const input = btydInput(orders, 'weeks', end);
  if (input.length === 0) return { value: NaN, note: 'no customers' };
  try {
    const bg = sharedBgNbdFit(orders, 'weeks', end);
    const gg = sharedGammaGammaFit(orders, 'weeks', end);
    const value = clv(bg, gg, input, { horizon: horizonMonths, horizonUnit: 'months', modelUnit: 'weeks' });
    return { value: value.mean };
  } catch (e) {
    return { value: NaN, note: e instanceof Error ? e.message : String(e) };
  }
}

function windowKpis(orders: OrderTable, end: number, windowDays: number, inactiveDays: number, horizonMonths: number): KpiWindow {
  const fromDay = end - windowDays + 1;
  const inWindow = filterOrders(orders, { fromDay, toDay: end });
  const r = repurchase(inWindow);
  let revenue = 0;
  for (let i = 0; i < inWindow.length; i++) revenue += inWindow.amount[i];
  const c = churn(orders, { asOf: end, inactiveDays });
  const value = averageClv(orders, end, horizonMonths);
  const w: KpiWindow = {
    fromDay,
    toDay: end,
    customers: r.customers,
    repeatCustomers: r.repeatCustomers,
    repurchaseRate: r.repurchaseRate,
    orders: inWindow.length,
    revenue: orders.hasAmount ? revenue : NaN,
    aov: inWindow.length ? r.aov : NaN,
    ordersPerCustomer: r.ordersPerCustomer,
    customersToDate: c.customers,
    churnedCustomers: c.churnedCustomers,
    churnRate: c.churnRate,
    averageClv: value.value,
  };
  if (value.note) w.clvNote = value.note;
  return w;
}

/**
 * KPIs of the current window (asOf − windowDays, asOf] and of the window before it.
 * @example
 * const k = kpiWindows(orders, { windowDays: 90 });
 * k.current.customers; k.previous?.customers; relativeChange(k.current.aov, k.previous?.aov);
 */
export function kpiWindows(orders: OrderTable, options: KpiOptions = {}): Kpis {
  if (orders.length === 0) throw new RangeError('no orders');
  const asOf = options.asOf ?? orders.day[orders.length - 1];
  if (!Number.isInteger(asOf)) throw new RangeError(`asOf must be an integer day number, got ${asOf}`);
  const windowDays = options.windowDays ?? 90;
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new RangeError(`windowDays must be an integer ≥ 1, got ${windowDays}`);
  const horizonMonths = options.horizonMonths ?? 12;
  const firstDay = orders.day[0];
  if (asOf < firstDay) throw new RangeError('as-of is before the first order');
  // Resolve the churn threshold once, so that both windows use the same one.
  const resolved = churn(orders, { asOf, inactiveDays: options.inactiveDays ?? 'auto' });
  const current = windowKpis(orders, asOf, windowDays, resolved.inactiveDays, horizonMonths);
  const prevEnd = asOf - windowDays;
  const previous = prevEnd >= firstDay ? windowKpis(orders, prevEnd, windowDays, resolved.inactiveDays, horizonMonths) : null;
  return { asOf, windowDays, inactiveDays: resolved.inactiveDays, thresholdRule: resolved.thresholdRule, horizonMonths, current, previous };
}
