/**
 * The customers behind a tile of `kpiWindows`.
 */
import { churn } from '../core/churn.js';
import { idsOfMarked } from '../core/kernels/customer-ids.js';
import type { OrderTable } from '../core/order-table.js';
import type { KpiKey, Kpis } from './kpi-windows.js';

/** A tile: its KPI, in the current window (default) or the previous one. */
export interface KpiSelection {
  kpi: KpiKey;
  window?: 'current' | 'previous';
}

/**
 * The customers behind a KPI tile of a window (the current one unless `selection.window` says
 * 'previous'), in customer-code order:
 * - customers, aov, frequency: the window's customers (whose orders make the number);
 * - repurchaseRate: the window's customers with 2+ orders in the window;
 * - churnRate: the customers churned at the window end;
 * - averageClv: every customer with an order on or before the window end.
 * @example kpiWindowsCustomers(orders, kpiWindows(orders), { kpi: 'repurchaseRate' })
 */
export function kpiWindowsCustomers(orders: OrderTable, kpis: Pick<Kpis, 'current' | 'previous' | 'inactiveDays'>, selection: KpiSelection): string[] {
  const w = selection.window === 'previous' ? kpis.previous : kpis.current;
  if (!w) return [];
  const key = selection.kpi;
  const inactiveDays = kpis.inactiveDays;
  const nCodes = orders.customer.values.length;
  const mark = new Uint8Array(nCodes);
  const codes = orders.customer.codes;
  const days = orders.day;
  if (key === 'churnRate') {
    for (const c of churn(orders, { asOf: w.toDay, inactiveDays }).churnedCodes) mark[c] = 1;
    return idsOfMarked(orders, mark);
  }
  if (key === 'averageClv') {
    for (let i = 0; i < orders.length && days[i] <= w.toDay; i++) mark[codes[i]] = 1;
    return idsOfMarked(orders, mark);
  }
  const count = new Int32Array(nCodes);
  for (let i = 0; i < orders.length; i++) if (days[i] >= w.fromDay && days[i] <= w.toDay) count[codes[i]]++;
  const min = key === 'repurchaseRate' ? 2 : 1;
  for (let c = 0; c < nCodes; c++) if (count[c] >= min) mark[c] = 1;
  return idsOfMarked(orders, mark);
}
