/**
 * Customer lifecycle stages (客户生命周期) per period: new 新客户, active 活跃客户, returning 回流客户,
 * dormant 沉睡客户, churned 流失客户, with the transitions between consecutive periods.
 */
import { DEFAULT_PERIOD, periodIndex, periodKey, periodStart, type Period } from './calendar.js';
import type { OrderTable } from './order-table.js';
import { resolveAsOf, rowPeriods, rowsUntil } from './kernels/rows.js';
import { dayPeriodTable, resolveInactiveDays, type ThresholdRule } from './kernels/inactivity.js';
import type { Label } from './rfm-segments.js';

/** Stage keys in code order: `stage` arrays hold indexes into this list. */
export const LIFECYCLE_STAGES = ['new', 'active', 'returning', 'dormant', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const LIFECYCLE_STAGE_LABELS: Record<LifecycleStage, Label> = {
  new: { en: 'New', 'zh-CN': '新客户' },
  active: { en: 'Active', 'zh-CN': '活跃客户' },
  returning: { en: 'Returning', 'zh-CN': '回流客户' },
  dormant: { en: 'Dormant', 'zh-CN': '沉睡客户' },
  churned: { en: 'Churned', 'zh-CN': '流失客户' },
};

export interface LifecycleOptions {
  /** Day the last period is cut at (orders after it are ignored); default: the last order day. */
  asOf?: number;
  period?: Period;
  /** Churn threshold in days, or 'auto' (⌈p90⌉ of repurchase intervals), as in `churn`. */
  inactiveDays: number | 'auto';
}

export interface LifecyclePeriodRow {
  period: string;
  /** Customers per stage, in {@link LIFECYCLE_STAGES} order; sums to `customers`. */
  counts: number[];
  /** Customers with a first order in or before the period. */
  customers: number;
}

export interface LifecycleTransition {
  from: string;
  to: string;
  /** counts[i][j] = customers in stage i in `from` and stage j in `to` (customers present in both periods). */
  counts: number[][];
}

export interface Lifecycle {
  asOf: number;
  period: Period;
  inactiveDays: number;
  /** How `inactiveDays` was decided (see `ThresholdRule`). */
  thresholdRule: ThresholdRule;
  stages: readonly LifecycleStage[];
  /** Customers with an order on or before asOf, in code order. */
  customerCode: Int32Array;
  /** Stage (index into `stages`) of each customer in the period containing asOf. */
  stage: Uint8Array;
  perPeriod: LifecyclePeriodRow[];
  /** Between consecutive periods, starting with (first, second). */
  transitions: LifecycleTransition[];
  /**
   * Whether the last period runs past asOf: its stages are the status at asOf, part-way through the
   * period, so fewer customers have had time to order in it (a dip in "active" that is not churn).
   */
  lastPeriodPartial: boolean;
}

const NEW = 0;
const ACTIVE = 1;
const RETURNING = 2;
const DORMANT = 3;
const CHURNED = 4;

/**
 * Lifecycle stage of every customer in every period from their first period to asOf's period.
 *
 * Rules for customer c and period P ending on day t (t = asOf for the period containing asOf), with
 * churn as in `churn` (churned at day d ⇔ d − (last order day on or before d) > inactiveDays):
 * - new: c's first order is in P.
 * - returning: otherwise, c has a purchase day in P that ends a gap long enough to have churned
 *   (b − a > inactiveDays + 1 between consecutive purchase days a < b, b in P).
 * - active: otherwise, c has an order in P.
 * - dormant: no order in P and not churned at t (t − last order day ≤ inactiveDays).
 * - churned: no order in P and t − last order day > inactiveDays.
 * Dormant (沉睡) is the "lapsing, not yet churned" state: no order in the period, still within the threshold.
 * Exactly one stage per customer per period, so each period's counts sum to its customers; transitions
 * count customers present in both periods (new customers enter without a "from" stage).
 * Cost: O(orders + customers + 30 × periods): the dormant / churned runs between purchase periods are
 * added as ranges to difference arrays instead of visiting every customer in every period.
 *
 * @example
 * const lc = lifecycle(orders, { period: 'month', inactiveDays: 90 });
 * lc.perPeriod.at(-1)?.counts; // [new, active, returning, dormant, churned]
 */
export function lifecycle(orders: OrderTable, options: LifecycleOptions): Lifecycle {
  const period = options.period ?? DEFAULT_PERIOD;
  const asOf = resolveAsOf(orders, options.asOf);
  const nRows = rowsUntil(orders.day, asOf);
  const { inactiveDays, rule } = resolveInactiveDays(orders, nRows, options.inactiveDays);
  const nCodes = orders.customer.values.length;
  const codes = orders.customer.codes;
  const days = orders.day;
  const per = rowPeriods(days, period, nRows);
  const result: Lifecycle = {
    asOf, period, inactiveDays, thresholdRule: rule, stages: LIFECYCLE_STAGES,
    customerCode: new Int32Array(0), stage: new Uint8Array(0), perPeriod: [], transitions: [],
    lastPeriodPartial: periodStart(period, periodIndex(period, asOf) + 1) - 1 > asOf,
  };
  if (nRows === 0) return result;

  const NONE = -2147483648;
  const NO_STAGE = 255;
  const base = days[0];
  const table = dayPeriodTable(period, base, asOf + 1); // day → period, for churn days too
  const pFirst = table[0];
  const nPeriods = table[asOf - base] - pFirst + 1;
  const width = nPeriods + 1;
  // Difference arrays over relative periods: stage counts (5 rows) and transitions (25 rows, by "to" period).
  const stageDiff = new Int32Array(5 * width);
  const moveDiff = new Int32Array(25 * width);
  const addStages = (s: number, from: number, to: number): void => {
    if (from > to) return;
    stageDiff[s * width + from]++;
    stageDiff[s * width + to + 1]--;
  };
  const addMoves = (a: number, b: number, from: number, to: number): void => {
    if (from > to) return;
    moveDiff[(a * 5 + b) * width + from]++;
    moveDiff[(a * 5 + b) * width + to + 1]--;
  };

  const last = new Int32Array(nCodes).fill(NONE); // last purchase day
  const curPeriod = new Int32Array(nCodes); // relative period of the last purchase
  const curStage = new Uint8Array(nCodes); // stage in curPeriod (new / active / returning)
  const into = new Uint8Array(nCodes).fill(NO_STAGE); // stage in the period before curPeriod
  const seen = new Int32Array(nCodes);
  let nSeen = 0;

  // Closes the purchase period pa of customer c when the next purchase period is pb (nPeriods = none):
  // counts its stage, the transition into it, and the dormant / churned run of periods pa+1 … pb−1.
  const closeRun = (c: number, pb: number): void => {
    const pa = curPeriod[c];
    const s = curStage[c];
    const a = last[c];
    addStages(s, pa, pa);
    if (into[c] !== NO_STAGE) addMoves(into[c], s, pa, pa);
    if (pb === pa + 1) {
      into[c] = s;
      return;
    }
    // First period whose (clipped) end is past the churn day a + inactiveDays + 1.
    const churnDay = a + inactiveDays + 1;
    const qc = churnDay > asOf ? nPeriods : table[churnDay - base] - pFirst;
    const dormantEnd = Math.min(pb, qc) - 1;
    const churnedStart = Math.max(qc, pa + 1);
    addStages(DORMANT, pa + 1, dormantEnd);
    addStages(CHURNED, churnedStart, pb - 1);
    addMoves(s, qc <= pa + 1 ? CHURNED : DORMANT, pa + 1, pa + 1);
    addMoves(DORMANT, DORMANT, pa + 2, dormantEnd);
    if (dormantEnd >= pa + 1 && churnedStart <= pb - 1) addMoves(DORMANT, CHURNED, qc, qc);
    addMoves(CHURNED, CHURNED, churnedStart + 1, pb - 1);
    into[c] = churnedStart <= pb - 1 ? CHURNED : DORMANT;
  };

  for (let i = 0; i < nRows; i++) {
    const c = codes[i];
    const d = days[i];
    const a = last[c];
    if (a === d) continue;
    const p = per[i] - pFirst;
    if (a === NONE) {
      seen[nSeen++] = c;
      curPeriod[c] = p;
      curStage[c] = NEW;
    } else if (p === curPeriod[c]) {
      if (d - a > inactiveDays + 1 && curStage[c] !== NEW) curStage[c] = RETURNING;
    } else {
      closeRun(c, p);
      curPeriod[c] = p;
      curStage[c] = d - a > inactiveDays + 1 ? RETURNING : ACTIVE;
    }
    last[c] = d;
  }
  for (let k = 0; k < nSeen; k++) closeRun(seen[k], nPeriods);

  const running = new Int32Array(30);
  let customers = 0;
  for (let q = 0; q < nPeriods; q++) {
    for (let s = 0; s < 5; s++) running[s] += stageDiff[s * width + q];
    for (let m = 0; m < 25; m++) running[5 + m] += moveDiff[m * width + q];
    customers += running[NEW];
    result.perPeriod.push({ period: periodKey(period, pFirst + q), counts: Array.from(running.subarray(0, 5)), customers });
    if (q > 0) {
      const m: number[][] = [];
      for (let s = 0; s < 5; s++) m.push(Array.from(running.subarray(5 + s * 5, 10 + s * 5)));
      result.transitions.push({ from: periodKey(period, pFirst + q - 1), to: periodKey(period, pFirst + q), counts: m });
    }
  }

  const order = seen.slice(0, nSeen).sort();
  result.customerCode = order;
  result.stage = new Uint8Array(nSeen);
  for (let k = 0; k < nSeen; k++) result.stage[k] = into[order[k]];
  return result;
}
