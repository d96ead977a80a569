/**
 * What a widget's `breakdown="…"` shows: the customers split into segments (core `breakdown`), and
 * per segment the widget's headline metric(s) with a 95 % interval and a flag where the segment
 * differs from the rest of the customers beyond chance (core `compareSegments` / `compareCounts`).
 *
 * Each metric reuses its own analysis; none re-states a rule:
 * - `repurchaseRate`: core `repurchase` on the segment's table, repeatCustomers / customers (the
 *   <rw-repurchase> headline tile).
 * - `repurchaseWithinDays`: core `customerOutcome` 'repurchase' within `withinDays` of the first
 *   purchase, on the whole table (so a customer's window is censored by the data's end, not the
 *   segment's last order), counted per segment.
 * - `churnRate`: core `customerOutcome` 'churn' at `asOf`, on the whole table: one threshold for
 *   every segment ('auto' is resolved once, on all customers, so segments are judged alike).
 * - `retention:k` (k ≥ 1): core `cohortRetention`'s customers measure (`mode`) per segment, pooled
 *   over the cohorts whose period cohort + k is complete in the whole data: Σ values[k] / Σ size.
 *   Cohorts whose period k runs into the data's last, partial period are left out (their column
 *   counts only part of a period). Counted in one pass per customer (see `retentionCounts`).
 * - `rfm:<segment key>`: share of customers in that RFM segment, scored once on the whole table
 *   (`rfm`, quantile bins). RFM scores are ranks within the table they are computed on: scoring each
 *   segment on its own would make every segment's mix look alike.
 * - `stage:<stage>`: share of customers in that lifecycle stage at the period containing `asOf`
 *   (`lifecycle` on the whole table: one threshold for every segment; a customer's stage depends
 *   only on their own orders once the threshold is fixed).
 * - `meanClv`: mean discounted CLV (BG/NBD + Gamma-Gamma through core `clv`, the <rw-clv> model:
 *   one fit on all customers, shared with the widget) over the segment's model customers (T > 0).
 * - `windowCustomers`, `windowRepurchaseRate`, `windowAov`: the <rw-kpis> current window
 *   (asOf − windowDays, asOf]: core `repurchase` on the segment's orders in it (customers,
 *   repeatCustomers / customers, revenue / orders).
 *
 * Statistics: proportions get Wilson intervals and the pooled two-proportion z test vs the rest with
 * Holm's correction (`compareCounts`, segment-rates.ts). Means get the normal-approximation interval
 * mean ± z·s/√n (central limit theorem; s the sample standard deviation) and, vs the rest, Welch's
 * statistic (m − m_rest) / √(s²/n + s_rest²/n_rest) referred to the normal (large samples, Welch
 * 1947), Holm-corrected over the segments with n ≥ minSize. `windowAov` is a ratio of sums over
 * customers (revenue / orders): its standard error is the ratio estimator's, by the delta method over
 * customers (orders of one customer are not independent), and n is its customers. Counts
 * (`windowCustomers`) have no interval and no flag.
 */
import { assignSegments, breakdown, type BreakdownBy, type BreakdownOptions, type SegmentAssign } from '../core/breakdown.js';
import { periodIndex, periodStart, type Period } from '../core/calendar.js';
import { clv } from '../core/clv.js';
import type { CohortMode } from '../core/cohort-retention.js';
import { customerOutcome } from '../core/customer-outcome.js';
import type { SummaryUnit } from '../core/customer-summary.js';
import { filterOrders } from '../core/filter-orders.js';
import { holmAdjust, twoSidedNormalP, Z_95 } from '../core/kernels/proportions.js';
import { rowPeriods } from '../core/kernels/rows.js';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../core/lifecycle.js';
import type { OrderTable } from '../core/order-table.js';
import { repurchase } from '../core/repurchase.js';
import { compareCounts, DEFAULT_MIN_SEGMENT_SIZE, type RateCounts, type SegmentComparison } from '../core/segment-rates.js';
import { btydInput, sharedBgNbdFit, sharedGammaGammaFit } from './model-cache.js';
import { sharedLifecycle, sharedRfm } from './shared-analyses.js';

/** A metric a segment table can show (see the module comment for each definition). */
export type SegmentMetric =
  | 'repurchaseRate'
  | 'repurchaseWithinDays'
  | 'churnRate'
  | 'meanClv'
  | 'windowCustomers'
  | 'windowRepurchaseRate'
  | 'windowAov'
  | `retention:${number}`
  | `rfm:${string}`
  | `stage:${LifecycleStage}`;

/** 'proportion': Wilson interval, z test; 'mean': normal interval, Welch z; 'count': the number only. */
export type SegmentMetricKind = 'proportion' | 'mean' | 'count';

export interface SegmentComparisonParams {
  by: BreakdownBy;
  /** Default 'first' (see core `breakdown`). */
  assign?: SegmentAssign;
  /** Keep the `top` largest segments, merge the rest into "(other)". */
  top?: number;
  /** Number of `firstOrderValue` bands; default 5. */
  bands?: number;
  /** The metrics, in the order the table shows them. */
  metrics: readonly SegmentMetric[];
  /** Cohort keys (by 'cohort'), retention and lifecycle periods; default 'month'. */
  period?: Period;
  /** `repurchaseWithinDays`, and the `repurchase` calls; default 30. */
  withinDays?: number;
  /** Churn / lifecycle threshold; default 'auto'. */
  inactiveDays?: number | 'auto';
  /** Status day of churn, lifecycle, RFM and the KPI window; default the last order day. */
  asOf?: number;
  /** RFM score levels; default 5. */
  bins?: number;
  /** Retention mode; default 'on'. */
  mode?: CohortMode;
  /** KPI window length in days; default 90. */
  windowDays?: number;
  /** CLV horizon (months), monthly discount rate and model unit; defaults 12, 0.01, 'weeks'. */
  horizon?: number;
  discountRate?: number;
  unit?: SummaryUnit;
  /** Segments with fewer customers in a metric's denominator are shown but not flagged; default 30. */
  minSize?: number;
  /** Family-wise error rate of the flags of one metric; default 0.05. */
  alpha?: number;
}

/** One segment's value of one metric. */
export interface SegmentMetricValue {
  /** The rate, the mean, or the count; NaN when the segment has no one to measure. */
  value: number;
  /** 95 % interval (NaN for counts, and for means of fewer than 2 values). */
  low: number;
  high: number;
  /** The denominator: eligible customers (proportions), values (means; customers for `windowAov`), or the count itself. */
  n: number;
  /** Holm-adjusted p-value vs the rest; NaN when not tested. */
  adjustedP: number;
  /** 'higher' / 'lower' than the rest of the customers beyond chance; null otherwise. */
  differs: 'higher' | 'lower' | null;
  /** n < minSize: shown, never flagged. */
  belowMinSize: boolean;
}

export interface SegmentMetricColumn {
  metric: SegmentMetric;
  kind: SegmentMetricKind;
  /** The metric over every segment together. */
  overall: number;
  /** One per segment, in `segments` order. */
  values: SegmentMetricValue[];
  /** The churn / lifecycle threshold used, once resolved (days). */
  inactiveDays?: number;
}

export interface SegmentComparisonResult {
  by: BreakdownBy;
  assign: SegmentAssign;
  /** Customers with an order (the sum of the segments' customers). */
  customers: number;
  /** Core `breakdown`'s segments (without their tables), in its order; "(other)" last. */
  segments: { key: string; customers: number; other?: true; members?: string[] }[];
  metrics: SegmentMetricColumn[];
}

/** The breakdown options within the params (what `breakdownCustomers` needs to list a segment). */
export function breakdownOptionsOf(params: SegmentComparisonParams): BreakdownOptions {
  const o: BreakdownOptions = { by: params.by };
  if (params.assign !== undefined) o.assign = params.assign;
  if (params.top !== undefined) o.top = params.top;
  if (params.period !== undefined) o.period = params.period;
  if (params.bands !== undefined) o.bands = params.bands;
  return o;
}

const TABLE_METRICS = (m: SegmentMetric): boolean => m === 'repurchaseRate' || m.startsWith('window');

/**
 * The segments and, per segment, each metric with its interval and vs-rest flag.
 * Cost: one breakdown (segment tables only when a metric reads them) plus each metric's analysis
 * once over all segments (on the whole table, or on every segment's table).
 * @example
 * const c = segmentComparison(orders, { by: 'channel', metrics: ['repurchaseWithinDays'], withinDays: 90 });
 * c.segments[0].key; c.metrics[0].values[0].value; c.metrics[0].values[0].differs; // 'higher' | 'lower' | null
 */
export function segmentComparison(orders: OrderTable, params: SegmentComparisonParams): SegmentComparisonResult {
  const options = breakdownOptionsOf(params);
  const needTables = params.metrics.some(TABLE_METRICS);
  let segmentOf: Int32Array;
  let assign: SegmentAssign;
  let segments: SegmentComparisonResult['segments'];
  let tables: OrderTable[] = [];
  if (needTables) {
    const b = breakdown(orders, options);
    ({ segmentOf, assign } = b);
    segments = b.segments.map(({ key, customers, other, members }) => (other ? { key, customers, other, members } : { key, customers }));
    tables = b.segments.map((s) => s.orders);
  } else {
    const a = assignSegments(orders, options);
    ({ segmentOf, assign } = a);
    segments = a.keys.map((key, s) => (s === a.other ? { key, customers: a.customers[s], other: true as const, members: a.members } : { key, customers: a.customers[s] }));
  }
  const ctx: MetricContext = { orders, params, segmentOf, segments, tables };
  const metrics = params.metrics.map((metric) => metricColumn(ctx, metric));
  let customers = 0;
  for (const s of segments) customers += s.customers;
  return { by: params.by, assign, customers, segments, metrics };
}

interface MetricContext {
  orders: OrderTable;
  params: SegmentComparisonParams;
  segmentOf: Int32Array;
  segments: { key: string; customers: number }[];
  tables: OrderTable[];
  /** Per-customer cohort and period activity (retention metrics), computed once. */
  activity?: ReturnType<typeof periodActivity>;
}

function metricColumn(ctx: MetricContext, metric: SegmentMetric): SegmentMetricColumn {
  const { orders, params, tables } = ctx;
  const asOf = params.asOf ?? (orders.length ? orders.day[orders.length - 1] : 0);
  const inactiveDays = params.inactiveDays ?? 'auto';
  const period = params.period ?? 'month';
  if (metric === 'repurchaseRate') {
    return proportions(ctx, metric, tables.map((t) => {
      const r = repurchase(t, { withinDays: params.withinDays ?? 30, period });
      return { successes: r.repeatCustomers, n: r.customers };
    }));
  }
  if (metric === 'repurchaseWithinDays' || metric === 'churnRate') {
    const outcome = metric === 'churnRate'
      ? customerOutcome(orders, { target: 'churn', inactiveDays, asOf })
      : customerOutcome(orders, { target: 'repurchase', withinDays: params.withinDays ?? 30 });
    const counts = countBySegment(ctx, (add) => {
      for (let c = 0; c < outcome.eligible.length; c++) if (outcome.eligible[c]) add(c, outcome.success[c] === 1);
    });
    const column = proportions(ctx, metric, counts);
    if (outcome.inactiveDays !== undefined) column.inactiveDays = outcome.inactiveDays;
    return column;
  }
  if (metric.startsWith('retention:')) return proportions(ctx, metric, retentionCounts(ctx, Number(metric.slice('retention:'.length)), period));
  if (metric.startsWith('rfm:')) {
    const key = metric.slice('rfm:'.length);
    const r = sharedRfm(orders, { bins: params.bins ?? 5, asOf: params.asOf });
    const target = r.segments.findIndex((s) => s.key === key);
    if (target < 0) throw new RangeError(`segment metric '${metric}': no RFM segment '${key}' (${r.segments.map((s) => s.key).join(', ')})`);
    return proportions(ctx, metric, countBySegment(ctx, (add) => {
      for (let j = 0; j < r.length; j++) add(r.customerCode[j], r.segment[j] === target);
    }));
  }
  if (metric.startsWith('stage:')) {
    const stage = LIFECYCLE_STAGES.indexOf(metric.slice('stage:'.length) as LifecycleStage);
    if (stage < 0) throw new RangeError(`segment metric '${metric}': stages are ${LIFECYCLE_STAGES.join(', ')}`);
    const lc = sharedLifecycle(orders, { period, inactiveDays, asOf: params.asOf });
    const column = proportions(ctx, metric, countBySegment(ctx, (add) => {
      for (let j = 0; j < lc.customerCode.length; j++) add(lc.customerCode[j], lc.stage[j] === stage);
    }));
    column.inactiveDays = lc.inactiveDays;
    return column;
  }
  if (metric === 'meanClv') {
    const unit = params.unit ?? 'weeks';
    const end = orders.day[orders.length - 1];
    const input = btydInput(orders, unit, end);
    const value = clv(sharedBgNbdFit(orders, unit, end), sharedGammaGammaFit(orders, unit, end), input, {
      horizon: params.horizon ?? 12,
      horizonUnit: 'months',
      modelUnit: unit,
      discountRatePerPeriod: params.discountRate ?? 0.01,
    }).clv;
    const groups = ctx.segments.map(() => [] as number[]);
    for (let j = 0; j < input.length; j++) {
      const s = ctx.segmentOf[input.customerCode[j]];
      if (s >= 0) groups[s].push(value[j]);
    }
    return means(ctx, metric, groups);
  }
  if (metric === 'windowCustomers' || metric === 'windowRepurchaseRate' || metric === 'windowAov') {
    const fromDay = asOf - (params.windowDays ?? 90) + 1;
    const windows = tables.map((t) => filterOrders(t, { fromDay, toDay: asOf }));
    if (metric === 'windowAov') return orders.hasAmount ? ratios(ctx, metric, windows.map(revenueAndOrdersPerCustomer)) : means(ctx, metric, windows.map(() => []));
    const counts = windows.map((w) => {
      const r = repurchase(w, { withinDays: params.withinDays ?? 30, period });
      return { successes: r.repeatCustomers, n: r.customers };
    });
    if (metric === 'windowRepurchaseRate') return proportions(ctx, metric, counts);
    let total = 0;
    const values = counts.map(({ n }) => {
      total += n;
      return { value: n, low: NaN, high: NaN, n, adjustedP: NaN, differs: null, belowMinSize: false };
    });
    return { metric, kind: 'count', overall: total, values };
  }
  throw new RangeError(`unknown segment metric '${String(metric)}'`);
}

/** Per-segment counts from (customer code, success) pairs; codes outside every segment are skipped. */
function countBySegment(ctx: MetricContext, each: (add: (code: number, success: boolean) => void) => void): RateCounts[] {
  const counts = ctx.segments.map(() => ({ successes: 0, n: 0 }));
  each((code, success) => {
    const s = ctx.segmentOf[code];
    if (s < 0) return;
    counts[s].n++;
    if (success) counts[s].successes++;
  });
  return counts;
}

/**
 * Retention at period k per segment, pooled over the cohorts whose period cohort + k is complete in
 * the whole data: `cohortRetention`'s customers measure (mode 'on': an order in period cohort + k;
 * 'on-or-after': an order in that period or later) applied per customer in one pass over the whole
 * table and counted through the breakdown's assignment. Building every segment's table and running
 * `cohortRetention` on each gives the same counts (test/analyses/segment-comparison.test.ts) but
 * costs several times the cohort matrix itself, which is cheap.
 */
function retentionCounts(ctx: MetricContext, k: number, period: Period): RateCounts[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`segment metric 'retention:${k}': k must be an integer ≥ 1`);
  const { orders } = ctx;
  const n = orders.length;
  if (n === 0) return ctx.segments.map(() => ({ successes: 0, n: 0 }));
  const lastDay = orders.day[n - 1];
  const lastIdx = periodIndex(period, lastDay);
  const lastComplete = periodStart(period, lastIdx + 1) - 1 === lastDay ? lastIdx : lastIdx - 1;
  const onOrAfter = (ctx.params.mode ?? 'on') === 'on-or-after';
  const { cohort, seen, latest } = (ctx.activity ??= periodActivity(orders, period, 1));
  const farSeen = !onOrAfter && k > ACTIVITY_BITS ? periodActivity(orders, period, k).seen : null; // a far period: its own pass
  const retained = (c: number): boolean => {
    if (onOrAfter) return latest[c] >= k;
    return farSeen ? farSeen[c] === 1 : ((seen[c] >>> (k - 1)) & 1) === 1;
  };
  return countBySegment(ctx, (add) => {
    for (let c = 0; c < cohort.length; c++) if (cohort[c] !== NO_PERIOD && cohort[c] + k <= lastComplete) add(c, retained(c));
  });
}

const ACTIVITY_BITS = 32;
const NO_PERIOD = -2147483648;

/**
 * In one pass over the orders, per customer code: the cohort (period of the first order), which of
 * the periods cohort + 1 … cohort + 32 have an order (bit d − 1), and the latest period with an
 * order, as an offset from the cohort. Shared by every `retention:k` of one comparison. For k > 32
 * (`far`), `seen` is instead 1 where period cohort + far has an order.
 */
function periodActivity(orders: OrderTable, period: Period, far: number): { cohort: Int32Array; seen: Uint32Array; latest: Int32Array } {
  const n = orders.length;
  const per = rowPeriods(orders.day, period, n);
  const nCodes = orders.customer.values.length;
  const codes = orders.customer.codes;
  const cohort = new Int32Array(nCodes).fill(NO_PERIOD);
  const seen = new Uint32Array(nCodes);
  const latest = new Int32Array(nCodes);
  const bits = far <= ACTIVITY_BITS;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const p = per[i];
    if (cohort[c] === NO_PERIOD) {
      cohort[c] = p;
      continue;
    }
    const d = p - cohort[c];
    latest[c] = d; // rows are in day order: the last row's period is the latest
    if (bits ? d >= 1 && d <= ACTIVITY_BITS : d === far) seen[c] |= bits ? 1 << (d - 1) : 1;
  }
  return { cohort, seen, latest };
}

function proportions(ctx: MetricContext, metric: SegmentMetric, counts: RateCounts[]): SegmentMetricColumn {
  const c: SegmentComparison = compareCounts(
    ctx.segments.map((s, i) => ({ key: s.key, customers: s.customers, ...counts[i] })),
    { minSize: ctx.params.minSize, alpha: ctx.params.alpha },
  );
  return {
    metric,
    kind: 'proportion',
    overall: c.rate,
    values: c.segments.map((s) => ({ value: s.rate, low: s.low, high: s.high, n: s.n, adjustedP: s.adjustedP, differs: s.differs, belowMinSize: s.belowMinSize })),
  };
}

/** Per customer of a table with orders: revenue and number of orders (the pairs behind AOV). */
function revenueAndOrdersPerCustomer(t: OrderTable): { num: Float64Array; den: Float64Array } {
  const nCodes = t.customer.values.length;
  const revenue = new Float64Array(nCodes);
  const count = new Float64Array(nCodes);
  for (let i = 0; i < t.length; i++) {
    revenue[t.customer.codes[i]] += t.amount[i];
    count[t.customer.codes[i]]++;
  }
  let n = 0;
  for (let c = 0; c < nCodes; c++) if (count[c] > 0) n++;
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  for (let c = 0, j = 0; c < nCodes; c++) {
    if (count[c] === 0) continue;
    num[j] = revenue[c];
    den[j++] = count[c];
  }
  return { num, den };
}

/**
 * A ratio of sums over customers (AOV = Σ revenue / Σ orders) with its standard error by the delta
 * method over customers (Cochran 1977, "Sampling Techniques", §6.3: the ratio estimator's variance
 * (1/n) · s²(y − R·x) / x̄²). Customers, not orders, are the independent units, so a few customers
 * with many large orders widen the interval instead of passing for many independent orders.
 */
function ratioStats(g: { num: ArrayLike<number>; den: ArrayLike<number> }): { n: number; value: number; se: number } {
  const n = g.num.length;
  let sy = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    sy += g.num[i];
    sx += g.den[i];
  }
  const r = sx > 0 ? sy / sx : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (g.num[i] - r * g.den[i]) ** 2;
  const xbar = sx / n;
  return { n, value: r, se: n > 1 ? Math.sqrt(ss / (n - 1) / n) / xbar : NaN };
}

function ratios(ctx: MetricContext, metric: SegmentMetric, groups: { num: Float64Array; den: Float64Array }[]): SegmentMetricColumn {
  const minSize = ctx.params.minSize ?? DEFAULT_MIN_SEGMENT_SIZE;
  const alpha = ctx.params.alpha ?? 0.05;
  const concat = (parts: Float64Array[]): Float64Array => {
    const out = new Float64Array(parts.reduce((t, a) => t + a.length, 0));
    let at = 0;
    for (const a of parts) {
      out.set(a, at);
      at += a.length;
    }
    return out;
  };
  const stats = groups.map(ratioStats);
  const rest = groups.map((_, i) => {
    const others = groups.filter((_g, j) => j !== i);
    return ratioStats({ num: concat(others.map((g) => g.num)), den: concat(others.map((g) => g.den)) });
  });
  const p = stats.map((g, i) => {
    const r = rest[i];
    if (g.n < minSize || r.n < 2) return NaN;
    const se = Math.hypot(g.se, r.se);
    return se > 0 ? twoSidedNormalP((g.value - r.value) / se) : NaN;
  });
  const adjusted = holmAdjust(p);
  const values = stats.map((g, i): SegmentMetricValue => {
    const flagged = adjusted[i] < alpha && g.value !== rest[i].value;
    return {
      value: g.value,
      low: g.value - Z_95 * g.se,
      high: g.value + Z_95 * g.se,
      n: g.n,
      adjustedP: adjusted[i],
      differs: flagged ? (g.value > rest[i].value ? 'higher' : 'lower') : null,
      belowMinSize: g.n < minSize,
    };
  });
  return { metric, kind: 'mean', overall: ratioStats({ num: concat(groups.map((g) => g.num)), den: concat(groups.map((g) => g.den)) }).value, values };
}

interface Moments {
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  ss: number;
}

/** Mean and squared deviations in two passes (no cancellation on large, skewed values such as CLV). */
function moments(values: readonly number[]): Moments {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { n, mean, ss };
}

/** Moments of the union of groups (Chan et al. 1979's pairwise combination). */
function pooled(groups: readonly Moments[]): Moments {
  let n = 0;
  let sum = 0;
  for (const g of groups) {
    if (!g.n) continue;
    n += g.n;
    sum += g.n * g.mean;
  }
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (const g of groups) if (g.n) ss += g.ss + g.n * (g.mean - mean) * (g.mean - mean);
  return { n, mean, ss };
}

function means(ctx: MetricContext, metric: SegmentMetric, groups: readonly (readonly number[])[]): SegmentMetricColumn {
  const minSize = ctx.params.minSize ?? DEFAULT_MIN_SEGMENT_SIZE;
  const alpha = ctx.params.alpha ?? 0.05;
  const m = groups.map(moments);
  const variance = (g: Moments) => (g.n > 1 ? g.ss / (g.n - 1) : NaN);
  const rest = m.map((_, i) => pooled(m.filter((_g, j) => j !== i)));
  const p = m.map((g, i) => {
    const r = rest[i];
    if (g.n < minSize || r.n < 2) return NaN;
    const se = Math.sqrt(variance(g) / g.n + variance(r) / r.n);
    return se > 0 ? twoSidedNormalP((g.mean - r.mean) / se) : NaN;
  });
  const adjusted = holmAdjust(p);
  const values = m.map((g, i): SegmentMetricValue => {
    const half = Z_95 * Math.sqrt(variance(g) / g.n);
    const flagged = adjusted[i] < alpha && g.mean !== rest[i].mean;
    return {
      value: g.mean,
      low: g.mean - half,
      high: g.mean + half,
      n: g.n,
      adjustedP: adjusted[i],
      differs: flagged ? (g.mean > rest[i].mean ? 'higher' : 'lower') : null,
      belowMinSize: g.n < minSize,
    };
  });
  return { metric, kind: 'mean', overall: pooled(m).mean, values };
}
