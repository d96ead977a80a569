/**
 * Who is slipping away, most urgent first — and when to intervene.
 *
 * Two measures per customer, from the fitted purchase model (BG/NBD, MBG/NBD or Pareto/NBD):
 * - P(alive): the model's probability that the customer has not dropped out. On data where the
 *   model sees almost no dropout (a maximum-likelihood fit can be exactly that, e.g. UCI Online
 *   Retail: BG/NBD a ≈ 0.003, b ≈ 6.8) it is ≈ 1 for everyone and cannot rank anyone.
 * - overdue: the probability that a customer who *is* still active would have gone this long
 *   without buying, ((α+t_x)/(α+T))^(r+x) under the NBD purchase process all three models share
 *   (see overdueProbability). It ranks by how unusual the silence is for that customer's own
 *   purchase rate, whatever the dropout process says.
 * Expected purchases lost:
 * - when the model sees dropout ('p-alive' basis): (1 − P(alive)) × the purchases the customer would
 *   make over the horizon if still active (E[Y(h) | alive], see purchaseModelExpectedPurchasesIfAlive);
 * - when its dropout is negligible (DEGENERACY_THRESHOLDS; 'overdue' basis): the purchases already
 *   missed, (r+x)/(α+t_x) · (T − t_x) — the customer's own posterior mean purchase rate times the
 *   silence — of which overdue = exp(−(r+x) log(1 + (T−t_x)/(α+t_x))) is the matching probability.
 * Value lost is purchases lost times the expected spend per purchase (Gamma-Gamma, Fader & Hardie
 * 2013, when it can be fitted; else the customer's own mean purchase-day value).
 */
import type { OrderTable } from './order-table.js';
import { customerSummary } from './customer-summary.js';
import { compareModels, type RecommendationReason } from './compare-models.js';
import { fitGammaGamma, gammaGammaConditionalSpend, type GammaGammaParams } from './gamma-gamma.js';
import { diagnoseFit, ModelFitError, overdueProbability, type AnyModelParams, type FitDiagnosis, type PurchaseModelName } from './model-diagnostics.js';
import { fitPurchaseModel, purchaseModelExpectedPurchasesIfAlive, purchaseModelPAlive, type PurchaseModelFit } from './purchase-models.js';
import { groupTriples } from './optimize/group-rows.js';

/** Options of {@link atRiskCustomers}. */
export interface AtRiskOptions {
  /** Day (day number) the list is made on; orders after it are ignored. Default: the last order day. */
  asOf?: number;
  /** Purchase model, or 'auto' for compareModels' recommendation (default). */
  model?: PurchaseModelName | 'auto';
  /** Keep only the first `limit` customers of the ranking (default: all). */
  limit?: number;
  /** Horizon of "purchases lost" on the 'p-alive' basis, in days (default 90). */
  horizonDays?: number;
}

/** One customer of the at-risk list. */
export interface AtRiskCustomer {
  customerId: string;
  daysSinceLastOrder: number;
  /** Repeat purchase days before asOf (x). */
  frequency: number;
  pAlive: number;
  /** P(silence this long | still active), see the file comment. */
  overdue: number;
  /** Expected purchases lost (see the file comment: over the horizon × P(dead), or already missed when dropout is negligible). */
  expectedPurchasesLost: number;
  /** expectedPurchasesLost × expected spend per purchase; null without an amount column. */
  expectedValueLost: number | null;
}

/** What the list is ordered by. */
export type AtRiskRanking = 'expected-value-lost' | 'expected-purchases-lost';
/** What "lost" is based on: the model's P(alive), or overdue when the model sees negligible dropout. */
export type AtRiskLossBasis = 'p-alive' | 'overdue';
/** Why there is no money in the list. */
export type AtRiskNoValueReason = 'no-amounts' | null;

/** Result of {@link atRiskCustomers}. */
export interface AtRiskResult {
  model: PurchaseModelName;
  /** Why this model: 'requested', or compareModels' reason when model = 'auto'. */
  modelReason: 'requested' | RecommendationReason;
  params: PurchaseModelFit;
  diagnosis: FitDiagnosis;
  dropoutNegligible: boolean;
  lossBasis: AtRiskLossBasis;
  rankedBy: AtRiskRanking;
  noValueReason: AtRiskNoValueReason;
  horizonDays: number;
  asOf: number;
  /** Customers ranked (T > 0) before `limit`. */
  customersRanked: number;
  /** Customers whose first order is on asOf (no history), not ranked. */
  customersWithoutHistory: number;
  customers: AtRiskCustomer[];
}

const WEEK = 7;

/**
 * Ranks customers by what is expected to be lost with them, most urgent first. Ties (equal loss) go
 * to the more overdue, then the longer silent; never to the text order of ids.
 * @example
 * const risk = atRiskCustomers(orders, { limit: 50 });
 * risk.dropoutNegligible; risk.customers[0].customerId; risk.customers[0].overdue;
 */
export function atRiskCustomers(orders: OrderTable, options: AtRiskOptions = {}): AtRiskResult {
  const horizonDays = options.horizonDays ?? 90;
  if (!(horizonDays > 0) || !Number.isFinite(horizonDays)) throw new RangeError(`horizonDays must be a finite number > 0 (got ${horizonDays})`);
  const summary = customerSummary(orders, { unit: 'weeks', calibrationEnd: options.asOf, asOf: options.asOf });
  const requested = options.model ?? 'auto';
  let fit: PurchaseModelFit;
  let modelReason: AtRiskResult['modelReason'];
  if (requested === 'auto') {
    const comparison = compareModels(summary);
    fit = comparison.rows.find((r) => r.model === comparison.recommended)!.fit!;
    modelReason = comparison.reason;
  } else {
    fit = fitPurchaseModel(requested, summary);
    modelReason = 'requested';
  }
  const diagnosis = diagnoseFit(fit, summary);
  const lossBasis: AtRiskLossBasis = diagnosis.dropoutNegligible ? 'overdue' : 'p-alive';
  const horizon = horizonDays / WEEK;

  let spendModel: GammaGammaParams | null = null;
  if (orders.hasAmount) spendModel = fitSpendModel(summary.frequency, summary.monetary);

  // Model quantities once per distinct (x, t_x, T).
  const grouped = groupTriples(summary.frequency, summary.recency, summary.T);
  const pAlive = new Float64Array(grouped.groups);
  const overdue = new Float64Array(grouped.groups);
  const purchasesLost = new Float64Array(grouped.groups);
  for (let g = 0; g < grouped.groups; g++) {
    const [x, tx, T] = [grouped.u[g], grouped.v[g], grouped.w[g]];
    if (T === 0) continue;
    pAlive[g] = purchaseModelPAlive(fit as AnyModelParams, x, tx, T);
    overdue[g] = overdueProbability(fit, x, tx, T);
    purchasesLost[g] =
      lossBasis === 'overdue'
        ? ((fit.r + x) / (fit.alpha + tx)) * (T - tx)
        : purchaseModelExpectedPurchasesIfAlive(fit as AnyModelParams, horizon, x, T) * (1 - pAlive[g]);
  }

  const rows: number[] = [];
  const valueLost = new Float64Array(summary.length);
  for (let i = 0; i < summary.length; i++) {
    if (summary.T[i] === 0) continue;
    rows.push(i);
    if (orders.hasAmount) valueLost[i] = purchasesLost[grouped.groupOfRow[i]] * spendPerPurchase(spendModel, summary, i);
  }
  const key = orders.hasAmount ? (i: number) => valueLost[i] : (i: number) => purchasesLost[grouped.groupOfRow[i]];
  rows.sort((i, j) => {
    const byLoss = key(j) - key(i);
    if (byLoss !== 0) return byLoss;
    const byOverdue = overdue[grouped.groupOfRow[i]] - overdue[grouped.groupOfRow[j]];
    if (byOverdue !== 0) return byOverdue;
    const bySilence = summary.lastDay[i] - summary.lastDay[j];
    return bySilence !== 0 ? bySilence : i - j;
  });
  const limit = options.limit === undefined ? rows.length : Math.max(0, Math.floor(options.limit));
  const customers: AtRiskCustomer[] = rows.slice(0, limit).map((i) => {
    const g = grouped.groupOfRow[i];
    return {
      customerId: summary.customerId[i],
      daysSinceLastOrder: summary.endDay - summary.lastDay[i],
      frequency: summary.frequency[i],
      pAlive: pAlive[g],
      overdue: overdue[g],
      expectedPurchasesLost: purchasesLost[g],
      expectedValueLost: orders.hasAmount ? valueLost[i] : null,
    };
  });
  return {
    model: fit.model,
    modelReason,
    params: fit,
    diagnosis,
    dropoutNegligible: diagnosis.dropoutNegligible,
    lossBasis,
    rankedBy: orders.hasAmount ? 'expected-value-lost' : 'expected-purchases-lost',
    noValueReason: orders.hasAmount ? null : 'no-amounts',
    horizonDays,
    asOf: summary.endDay,
    customersRanked: rows.length,
    customersWithoutHistory: summary.length - rows.length,
    customers,
  };
}

/** Gamma-Gamma on the repeat buyers with a positive mean spend; null when it cannot be fitted (q ≤ 1 or too few). */
function fitSpendModel(frequency: Float64Array, monetary: Float64Array): GammaGammaParams | null {
  const x = frequency.map((f, i) => (monetary[i] > 0 ? f : 0));
  try {
    const gg = fitGammaGamma({ frequency: x, monetary });
    return gg.q > 1 && Number.isFinite(gg.p) && Number.isFinite(gg.gamma) ? gg : null;
  } catch (error) {
    if (error instanceof ModelFitError || error instanceof Error) return null;
    throw error;
  }
}

/** Expected spend per purchase: Gamma-Gamma when fitted and the customer has repeat spend, else their own mean purchase-day value. */
function spendPerPurchase(gg: GammaGammaParams | null, summary: ReturnType<typeof customerSummary>, i: number): number {
  if (gg !== null && summary.frequency[i] > 0 && summary.monetary[i] > 0) return gammaGammaConditionalSpend(gg, summary.frequency[i], summary.monetary[i]);
  const own = summary.revenue[i] / summary.purchaseDays[i];
  if (own > 0) return own;
  return gg !== null ? gammaGammaConditionalSpend(gg, 0, 0) : 0;
}

/** Options of {@link pAliveCurve}. */
export interface PAliveCurveOptions {
  model: PurchaseModelName;
  /** Repeat-purchase counts to draw a curve for (default 0, 1, 2, 3, 5, 10). */
  x?: number | readonly number[];
  /** Largest number of days since the last order (a curve point per day up to it), or the days to evaluate. Default 365. */
  days?: number | readonly number[];
  /** Unit the params were fitted in when they do not carry one (default 'weeks'). */
  unit?: 'days' | 'weeks';
  /** Time of the last purchase since the first (t_x), in days, per curve; default the expected time of x purchases, x·α/r. */
  recencyDays?: number;
}

/** One curve of {@link pAliveCurve}. */
export interface PAliveCurveSeries {
  x: number;
  /** The t_x the curve assumes, in days. */
  recencyDays: number;
  days: number[];
  pAlive: number[];
  overdue: number[];
}

/**
 * "When to intervene": P(alive) and overdue against days since the last order, for a typical
 * customer of each frequency x (last purchase at t_x = x·α/r, the expected time of x purchases at the
 * mean rate r/α, unless `recencyDays` is given). Operators time a win-back where the curve falls.
 * @example
 * const curves = pAliveCurve(fit, { model: 'bg-nbd', x: [1, 3], days: 180 });
 * curves[0].overdue[90]; // P(a 1-repeat buyer still active is silent for 90 days)
 */
export function pAliveCurve(p: Record<string, unknown> & { r: number; alpha: number }, options: PAliveCurveOptions): PAliveCurveSeries[] {
  const params = { ...p, model: options.model } as unknown as AnyModelParams;
  const unit = (typeof p.unit === 'string' ? p.unit : undefined) ?? options.unit ?? 'weeks';
  const perUnit = unit === 'weeks' ? WEEK : 1;
  const xs = options.x === undefined ? [0, 1, 2, 3, 5, 10] : typeof options.x === 'number' ? [options.x] : [...options.x];
  const daysOption = options.days ?? 365;
  const days = typeof daysOption === 'number' ? Array.from({ length: Math.floor(daysOption) + 1 }, (_, d) => d) : [...daysOption];
  return xs.map((x) => {
    if (!(x >= 0) || x !== Math.floor(x)) throw new RangeError(`x must be an integer ≥ 0 (got ${x})`);
    const recencyDays = x === 0 ? 0 : options.recencyDays ?? (x * p.alpha * perUnit) / p.r;
    const tx = recencyDays / perUnit;
    const pAlive: number[] = [];
    const overdue: number[] = [];
    for (const d of days) {
      const T = tx + d / perUnit;
      pAlive.push(purchaseModelPAlive(params, x, tx, T));
      overdue.push(overdueProbability(params, x, tx, T));
    }
    return { x, recencyDays, days, pAlive, overdue };
  });
}
