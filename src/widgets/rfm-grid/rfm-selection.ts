/**
 * The customers behind a click on the RFM grid, read from core's per-customer columns (`R`, `F`,
 * `segment`), so a selection always matches the counts drawn.
 */
import type { Rfm } from '../../core/rfm.js';

/**
 * Ids of the customers scored R = `r` and F = `f`, in core's customer order.
 * @example rfmCellCustomerIds(rfm(orders), 5, 5).length === rfm(orders).grid[24].customers // true
 */
export function rfmCellCustomerIds(result: Rfm, r: number, f: number): string[] {
  const out: string[] = [];
  const { R, F, customerId } = result;
  for (let j = 0; j < result.length; j++) if (R[j] === r && F[j] === f) out.push(customerId[j]);
  return out;
}

/**
 * Ids of the customers in segment `key` (empty for an unknown key).
 * @example rfmSegmentCustomerIds(rfm(orders), 'champions')
 */
export function rfmSegmentCustomerIds(result: Rfm, key: string): string[] {
  const s = result.segments.findIndex((seg) => seg.key === key);
  const out: string[] = [];
  if (s < 0) return out;
  const { segment, customerId } = result;
  for (let j = 0; j < result.length; j++) if (segment[j] === s) out.push(customerId[j]);
  return out;
}
