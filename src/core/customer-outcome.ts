/**
 * Per-customer yes/no outcomes that segments are compared on and drivers explain: repurchase within
 * N days of the first purchase, churned by the inactivity rule, or in the top CLV quintile.
 * Each reuses the rule of its own analysis (repurchase.ts, churn.ts, clv.ts) rather than restating it.
 */
import type { OrderTable } from './order-table.js';
import { churn } from './churn.js';
import { customerSummary } from './customer-summary.js';
import { fitBgNbd } from './bg-nbd.js';
import { fitGammaGamma } from './gamma-gamma.js';
import { clv } from './clv.js';
import { quantileSorted } from './kernels/quantiles.js';

/** What a segment comparison or a driver analysis explains. */
export type OutcomeTarget = 'repurchase' | 'churn' | 'highValue';

export interface OutcomeOptions {
  target: OutcomeTarget;
  /** 'repurchase': a second purchase day within N days after the first (as `repurchase`'s N-day rule); default 30. */
  withinDays?: number;
  /**
   * 'repurchase': customers whose first purchase day + N is after the last day of the data cannot
   * have finished their window. 'exclude' (default) leaves them out of the rate (not eligible), so a
   * young segment is not made to look worse; 'include' counts them (the rate is then a lower bound).
   */
  censored?: 'exclude' | 'include';
  /** 'churn': the churn rule's threshold (see `churn`); default 'auto'. */
  inactiveDays?: number | 'auto';
  /** 'churn': status day; default the last order day. */
  asOf?: number;
  /** 'highValue': CLV horizon in months (BG/NBD + Gamma-Gamma fitted in weeks, see `clv`); default 12. */
  horizonMonths?: number;
}

/** A yes/no outcome per customer code of the table it was computed on. */
export interface CustomerOutcome {
  target: OutcomeTarget;
  /** 1 where the customer counts in the rate's denominator. */
  eligible: Uint8Array;
  /** 1 where an eligible customer has the outcome. */
  success: Uint8Array;
  /** Resolved parameters: withinDays (repurchase), inactiveDays (churn), clvCutoff (highValue). */
  withinDays?: number;
  inactiveDays?: number;
  /** 'highValue': the CLV at the 80th percentile (type 7); customers at or above it are high value. */
  clvCutoff?: number;
}

/**
 * The outcome of every customer.
 * - repurchase: success ⇔ another purchase day d with first < d ≤ first + withinDays (repurchase.ts's
 *   "repeatedWithinNDays" applied to the first purchase day); see `censored` for eligibility.
 * - churn: success ⇔ the customer is in `churn(orders, { inactiveDays, asOf }).churnedCodes`
 *   (asOf − last order day > inactiveDays); eligible = customers with an order on or before asOf.
 * - highValue: success ⇔ 12-month CLV (BG/NBD, Fader, Hardie & Lee 2005; Gamma-Gamma, Fader &
 *   Hardie 2013; `clv`) ≥ its 80th percentile over the eligible customers, i.e. the top quintile;
 *   eligible = customers first seen before the last order day (T > 0, which the BG/NBD needs). Throws
 *   when the models cannot be fitted (no repeat purchases).
 * @example customerOutcome(orders, { target: 'repurchase', withinDays: 90 }).success[code] // 1 or 0
 */
export function customerOutcome(orders: OrderTable, options: OutcomeOptions): CustomerOutcome {
  const nCodes = orders.customer.values.length;
  const eligible = new Uint8Array(nCodes);
  const success = new Uint8Array(nCodes);
  const codes = orders.customer.codes;
  const days = orders.day;
  const n = orders.length;
  if (options.target === 'repurchase') {
    const withinDays = options.withinDays ?? 30;
    if (!(withinDays >= 0)) throw new RangeError(`withinDays must be ≥ 0, got ${withinDays}`);
    const lastDataDay = n ? days[n - 1] : 0;
    const NONE = -2147483648;
    const first = new Int32Array(nCodes).fill(NONE);
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      const d = days[i];
      if (first[c] === NONE) first[c] = d;
      else if (d > first[c] && d - first[c] <= withinDays) success[c] = 1;
    }
    const include = options.censored === 'include';
    for (let c = 0; c < nCodes; c++) {
      if (first[c] === NONE) continue;
      if (include || first[c] + withinDays <= lastDataDay) eligible[c] = 1;
      else success[c] = 0;
    }
    return { target: 'repurchase', eligible, success, withinDays };
  }
  if (options.target === 'churn') {
    const c = churn(orders, { inactiveDays: options.inactiveDays ?? 'auto', asOf: options.asOf, period: 'month' });
    for (let i = 0; i < n && days[i] <= c.asOf; i++) eligible[codes[i]] = 1;
    for (const code of c.churnedCodes) success[code] = 1;
    return { target: 'churn', eligible, success, inactiveDays: c.inactiveDays };
  }
  if (options.target === 'highValue') {
    // Customers first seen on the last day (T = 0) have no observed history: the BG/NBD cannot
    // describe them, so they are left out (not eligible).
    const all = customerSummary(orders, { unit: 'weeks' });
    const keep: number[] = [];
    for (let j = 0; j < all.length; j++) if (all.T[j] > 0) keep.push(j);
    const take = (col: Float64Array): Float64Array => Float64Array.from(keep, (j) => col[j]);
    const summary = { frequency: take(all.frequency), recency: take(all.recency), T: take(all.T), monetary: take(all.monetary), unit: all.unit };
    const bg = fitBgNbd(summary);
    const gg = fitGammaGamma(summary);
    const value = clv(bg, gg, summary, { horizon: options.horizonMonths ?? 12, horizonUnit: 'months', modelUnit: 'weeks' }).clv;
    const cutoff = quantileSorted(value.slice().sort(), 0.8);
    for (let k = 0; k < keep.length; k++) {
      const code = all.customerCode[keep[k]];
      eligible[code] = 1;
      if (value[k] >= cutoff) success[code] = 1;
    }
    return { target: 'highValue', eligible, success, clvCutoff: cutoff };
  }
  throw new RangeError(`target must be 'repurchase', 'churn' or 'highValue', got ${String(options.target)}`);
}
