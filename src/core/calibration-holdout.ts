/**
 * Calibration / holdout split for validating purchase-count models (Fader, Hardie & Lee 2005,
 * "Counting your customers the easy way", Marketing Science 24(2), section 4): fit on the
 * calibration summary, then compare expected and actual repeat purchase days in the holdout.
 */
import type { OrderTable } from './order-table.js';
import { customerSummary, type CustomerSummary, type SummaryUnit } from './customer-summary.js';
import { rowsUntil } from './kernels/rows.js';

export interface CalibrationHoldout extends CustomerSummary {
  /** Distinct purchase days in (calibrationEnd, holdoutEnd], per calibration customer. */
  holdoutFrequency: Float64Array;
  /** Holdout length (holdoutEnd − calibrationEnd) in `unit`. */
  holdoutLength: number;
  calibrationEnd: number;
  holdoutEnd: number;
}

/**
 * Calibration summary (T measured to `calibrationEnd`) of the customers with an order on or before
 * `calibrationEnd`, plus their purchase days in the holdout period. Customers whose first order is in
 * the holdout are not included (the models condition on the calibration history).
 *
 * @example
 * const ch = calibrationHoldout(orders, daysFromCivil(1997, 9, 30), daysFromCivil(1998, 6, 30), { unit: 'weeks' });
 * ch.holdoutLength; // 39 weeks
 */
export function calibrationHoldout(
  orders: OrderTable,
  calibrationEnd: number,
  holdoutEnd: number,
  options: { unit: SummaryUnit },
): CalibrationHoldout {
  if (!(holdoutEnd >= calibrationEnd)) throw new RangeError('holdoutEnd must not be before calibrationEnd');
  const summary = customerSummary(orders, { unit: options.unit, calibrationEnd });
  const nCodes = orders.customer.values.length;
  const indexOfCode = new Int32Array(nCodes).fill(-1);
  for (let i = 0; i < summary.length; i++) indexOfCode[summary.customerCode[i]] = i;
  const lastSeen = new Int32Array(summary.length).fill(calibrationEnd);
  const holdoutFrequency = new Float64Array(summary.length);
  const start = rowsUntil(orders.day, calibrationEnd);
  const end = rowsUntil(orders.day, holdoutEnd);
  const codes = orders.customer.codes;
  const days = orders.day;
  for (let r = start; r < end; r++) {
    const i = indexOfCode[codes[r]];
    if (i < 0) continue;
    const d = days[r];
    if (d !== lastSeen[i]) {
      lastSeen[i] = d;
      holdoutFrequency[i]++;
    }
  }
  const scale = options.unit === 'weeks' ? 1 / 7 : 1;
  return { ...summary, holdoutFrequency, holdoutLength: (holdoutEnd - calibrationEnd) * scale, calibrationEnd, holdoutEnd };
}
