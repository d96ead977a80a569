/**
 * Churn (流失) by an inactivity threshold: a customer is churned at the end of day d when
 * d − (last order day on or before d) > inactiveDays.
 */
import { DEFAULT_PERIOD, periodKey, periodStart, type Period } from './calendar.js';
import type { OrderTable } from './order-table.js';
import { resolveAsOf, rowsUntil } from './kernels/rows.js';
import { dayPeriodTable, resolveInactiveDays, type ThresholdRule } from './kernels/inactivity.js';

export type { ThresholdRule } from './kernels/inactivity.js';

export interface ChurnOptions {
  /** Day the status is taken at (orders after it are ignored); default: the last order day. */
  asOf?: number;
  /** Days without an order after which a customer is churned, or 'auto' (p90 of repurchase intervals). */
  inactiveDays: number | 'auto';
  /** Period of `perPeriod`; default 'month'. */
  period?: Period;
}

export interface ChurnPeriodRow {
  period: string;
  /** Customers with a first order before the period and not churned at the end of the day before it. */
  activeAtStart: number;
  /** Distinct customers who crossed the threshold on a day of the period (new or returning customers included). */
  churned: number;
  /** Of `churned`, those who were in `activeAtStart`. */
  churnedOfActiveAtStart: number;
  /** churnedOfActiveAtStart / activeAtStart (0 when nobody was active at the start). */
  churnRate: number;
  /** The period extends past `asOf` (only its days up to asOf are counted). */
  partial: boolean;
}

export interface Churn {
  asOf: number;
  inactiveDays: number;
  /** How `inactiveDays` was decided: 'given', 'p90' of purchase gaps, or a 'fallback' default. */
  thresholdRule: ThresholdRule;
  period: Period;
  /** Customers with an order on or before asOf. */
  customers: number;
  /** Customers churned at asOf: asOf − lastOrderDay > inactiveDays. */
  churnedCustomers: number;
  /** churnedCustomers / customers. */
  churnRate: number;
  /** Customer codes (into orders.customer.values) churned at asOf. */
  churnedCodes: Int32Array;
  /** Customer codes at risk at asOf: inactiveDays / 2 < asOf − lastOrderDay ≤ inactiveDays. */
  atRiskCodes: Int32Array;
  perPeriod: ChurnPeriodRow[];
}

/**
 * Churn as of a day and per period, in one pass in day order.
 *
 * Definitions (days are whole calendar days; "status at day d" = at the end of day d):
 * - churned at d ⇔ d − L(d) > inactiveDays, L(d) = last order day ≤ d. A customer crosses the
 *   threshold ("churn event") on day L + inactiveDays + 1 if no order falls on L+1 … L+inactiveDays+1.
 *   A customer who orders again afterwards is active again and may churn again later.
 * - perPeriod, for period P = [s, t] (t clipped to asOf): activeAtStart = customers with a first order
 *   before s who are not churned at day s − 1; churned = distinct customers with a churn event in [s, t];
 *   churnRate = churnedOfActiveAtStart / activeAtStart, a proportion of the customers active at the start.
 * Periods run from the first order's period to asOf's period.
 *
 * @example
 * const c = churn(orders, { inactiveDays: 'auto', period: 'month' });
 * c.thresholdRule; // 'p90' (c.inactiveDays = 186)
 */
export function churn(orders: OrderTable, options: ChurnOptions): Churn {
  const period = options.period ?? DEFAULT_PERIOD;
  const asOf = resolveAsOf(orders, options.asOf);
  const nRows = rowsUntil(orders.day, asOf);
  const { inactiveDays, rule } = resolveInactiveDays(orders, nRows, options.inactiveDays);
  const nCodes = orders.customer.values.length;
  const codes = orders.customer.codes;
  const days = orders.day;
  const base = nRows ? days[0] : asOf;
  if (base > asOf) throw new RangeError('asOf is before the first order');
  // Day → period for every day an event or a period start can fall on.
  const table = dayPeriodTable(period, base, asOf + 1);
  const p0 = table[0];
  const pAsOf = table[asOf - base];
  const nPeriods = pAsOf - p0 + 1;
  const activeDiff = new Int32Array(nPeriods + 1);
  const churned = new Int32Array(nPeriods);
  const churnedOfActive = new Int32Array(nPeriods);

  const NONE = -2147483648;
  const last = new Int32Array(nCodes).fill(NONE);
  const runStart = new Int32Array(nCodes);
  const lastEventPeriod = new Int32Array(nCodes).fill(-1);

  // A purchase day a followed by b keeps the customer active at the end of days a … min(b − 1, a + inactive);
  // the periods whose day-before-start lies there have start s in [a + 1, min(b, a + inactive + 1)].
  const addActive = (a: number, sHi: number): void => {
    const hi = Math.min(sHi, asOf);
    const lo = a + 1;
    if (lo > hi) return;
    const pLoRaw = table[lo - base];
    const pLo = (lo === base || table[lo - 1 - base] !== pLoRaw ? pLoRaw : pLoRaw + 1) - p0;
    const pHi = table[hi - base] - p0;
    if (pLo <= pHi) {
      activeDiff[pLo]++;
      activeDiff[pHi + 1]--;
    }
  };
  const addEvent = (c: number, e: number): void => {
    const p = table[e - base] - p0;
    if (lastEventPeriod[c] === p) return;
    lastEventPeriod[c] = p;
    churned[p]++;
    if (runStart[c] < periodStart(period, p + p0)) churnedOfActive[p]++;
  };

  for (let i = 0; i < nRows; i++) {
    const c = codes[i];
    const d = days[i];
    const a = last[c];
    if (a === d) continue;
    if (a === NONE) runStart[c] = d;
    else {
      addActive(a, Math.min(d, a + inactiveDays + 1));
      if (d - a > inactiveDays + 1) {
        addEvent(c, a + inactiveDays + 1);
        runStart[c] = d;
      }
    }
    last[c] = d;
  }

  let customers = 0;
  const churnedList: number[] = [];
  const atRiskList: number[] = [];
  for (let c = 0; c < nCodes; c++) {
    const a = last[c];
    if (a === NONE) continue;
    customers++;
    addActive(a, a + inactiveDays + 1);
    const idle = asOf - a;
    if (idle > inactiveDays) {
      churnedList.push(c);
      addEvent(c, a + inactiveDays + 1);
    } else if (idle > inactiveDays / 2) atRiskList.push(c);
  }

  const perPeriod: ChurnPeriodRow[] = [];
  let active = 0;
  for (let p = 0; p < nPeriods; p++) {
    active += activeDiff[p];
    perPeriod.push({
      period: periodKey(period, p + p0),
      activeAtStart: active,
      churned: churned[p],
      churnedOfActiveAtStart: churnedOfActive[p],
      churnRate: active ? churnedOfActive[p] / active : 0,
      partial: periodStart(period, p + p0 + 1) - 1 > asOf,
    });
  }
  return {
    asOf,
    inactiveDays,
    thresholdRule: rule,
    period,
    customers,
    churnedCustomers: churnedList.length,
    churnRate: customers ? churnedList.length / customers : 0,
    churnedCodes: Int32Array.from(churnedList),
    atRiskCodes: Int32Array.from(atRiskList),
    perPeriod,
  };
}
