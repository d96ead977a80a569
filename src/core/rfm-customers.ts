/**
 * The customers behind a click on the RFM grid or its segment table, read from `rfm`'s
 * per-customer columns (`R`, `F`, `segment`), so a selection always matches the counts drawn.
 */
import type { Rfm } from './rfm.js';

/** A grid cell (recency and frequency scores) or a segment by key (e.g. `champions`). */
export type RfmSelection = { r: number; f: number } | { segment: string };

/**
 * Ids of the customers in `selection` (empty for an unknown segment), in the result's customer order.
 * @example rfmCustomers(rfm(orders), { r: 5, f: 5 }).length === rfm(orders).grid[24].customers // true
 * @example rfmCustomers(rfm(orders), { segment: 'champions' })
 */
export function rfmCustomers(result: Rfm, selection: RfmSelection): string[] {
  const { customerId } = result;
  const out: string[] = [];
  if ('segment' in selection) {
    const s = result.segments.findIndex((seg) => seg.key === selection.segment);
    if (s < 0) return out;
    for (let j = 0; j < result.length; j++) if (result.segment[j] === s) out.push(customerId[j]);
    return out;
  }
  const { R, F } = result;
  for (let j = 0; j < result.length; j++) if (R[j] === selection.r && F[j] === selection.f) out.push(customerId[j]);
  return out;
}
