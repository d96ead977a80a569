/**
 * The customers behind a click on `<rw-churn>`: a period of the churn-rate chart (core
 * `churnCustomers`) or the whole at-risk list of a `churnAnalysis` result.
 */
import { churnCustomers } from '../core/churn-customers.js';
import type { OrderTable } from '../core/order-table.js';
import type { ChurnAnalysis } from './churn-analysis.js';

export type ChurnSelection = { kind: 'period'; period: string } | { kind: 'at-risk' };

/**
 * Ids of the customers behind `selection` of `result`: those who churned in a period (customer-code
 * order), or every at-risk customer in the list's order (most value lost first).
 * @example churnAnalysisCustomers(orders, a, { kind: 'period', period: '2011-10' })
 */
export function churnAnalysisCustomers(orders: OrderTable, result: ChurnAnalysis, selection: ChurnSelection): string[] {
  if (selection.kind === 'period') return churnCustomers(orders, result.churn, selection);
  const ids = result.input.customerId;
  return Array.from(result.atRisk, (row) => ids[row]);
}
