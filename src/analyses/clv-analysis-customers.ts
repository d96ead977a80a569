/**
 * The customers behind a bar of `<rw-clv>`'s CLV histogram.
 */
import type { ClvAnalysis } from './clv-analysis.js';

/** A histogram bin: CLV from `lo` (inclusive) to `hi` (exclusive). */
export interface ClvSelection {
  lo: number;
  hi: number;
}

/**
 * Ids of the customers whose CLV lies in [lo, hi), in the model input's order (customer code).
 * @example clvAnalysisCustomers(a, a.bins[0]).length === a.bins[0].customers
 */
export function clvAnalysisCustomers(result: ClvAnalysis, selection: ClvSelection): string[] {
  const out: string[] = [];
  if (!result.value) return out; // no amounts: no CLV histogram to click
  const values = result.value.clv;
  const ids = result.input.customerId;
  for (let i = 0; i < values.length; i++) if (values[i] >= selection.lo && values[i] < selection.hi) out.push(ids[i]);
  return out;
}
