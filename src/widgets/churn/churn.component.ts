import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { dayAttribute } from '../shared/day-attribute.js';
import { churnRatePoints, churnRateSpec, type ChurnRatePoint } from '../../charts/churn-rate.js';
import { DEFAULT_PERIOD, isoDate, type MonthOrWeek } from '../../core/calendar.js';
import type { SummaryUnit } from '../../core/customer-summary.js';
import type { OrderTable } from '../../core/order-table.js';
import { formatAmount, formatInteger, formatMoney, formatPercent, formatPeriodKey } from '../../i18n/format.js';
import type { Lang, Messages } from '../../i18n/messages.js';
import { chartDescription, CHART_DESCRIPTION_ID } from '../shared/templates.js';
import { RwAnalysisElement, type SegmentMetricsRequest } from '../shared/analysis-element.js';
import { emit } from '../shared/events.js';
import type { ExportTable } from '../shared/export.js';
import { ResizeController } from '../shared/resize-controller.js';
import { listTableStyles, widgetStyles } from '../shared/styles.js';
import { VegaChart, type VegaView } from '../shared/vega-chart.js';
import type { ChurnAnalysis, ChurnModelChoice } from '../../analyses/churn-analysis.js';
import type { PurchaseModelChoice } from '../../analyses/model-cache.js';
import { modelSection, modelStyles, modelWords } from './model-words.js';
import { churnMessages } from './churn.messages.js';
import { churnStyles } from './churn.styles.js';
import { orderRows } from '../../core/pre-aggregated.js';

/** Detail of `rw-select` from <rw-churn>. */
export type ChurnSelectDetail =
  /** A point of the churn-rate chart: the customers who churned (crossed the threshold) in that period. */
  | { kind: 'period'; period: string; customerIds: string[] }
  /** The "select all at-risk" button: every customer under the P(alive) threshold (not only the rows shown). */
  | { kind: 'at-risk'; customerIds: string[] }
  /** One row of the at-risk list. */
  | { kind: 'customer'; customerId: string; customerIds: string[] };

declare module '../shared/events.js' {
  interface RwSelectDetailMap {
    'rw-churn': ChurnSelectDetail;
  }
}

interface ChurnParams {
  period: MonthOrWeek;
  inactiveDays: number | 'auto';
  pAliveBelow: number;
  asOf: string | undefined;
  unit: SummaryUnit;
  /** Absent = 'bg-nbd'. */
  model?: ChurnModelChoice;
}

/** The `model` attribute's values; anything else falls back to the default. */
const MODEL_CHOICES: readonly ChurnModelChoice[] = ['auto', 'bg-nbd', 'mbg-nbd', 'pareto-nbd'];

/** Whether the result has churn per period to chart (a per-customer summary has only the status at asOf). */
function hasRateHistory(result: ChurnAnalysis): boolean {
  return result.churn.perPeriod.length > 0;
}

/**
 * @summary Churn: the churn rate per month or week under an adjustable inactivity threshold, and
 * the customers at risk — BG/NBD P(alive) under a threshold — ranked by expected value lost.
 *
 * A customer is churned at the end of a day once more than `inactive-days` days have passed since
 * their last order (core `churn`). The at-risk list uses a BG/NBD model (Fader, Hardie & Lee 2005)
 * fitted on the customers' purchase days as of `as-of`; expected value lost =
 * (1 − P(alive)) × purchases expected next period if still active × average purchase value.
 *
 * @attr period - `month` (default) or `week`: the period of the churn rate and "next period" of the list.
 * @attr inactive-days - Days without an order after which a customer is churned, or `auto` (default:
 *   the 90th percentile of the gaps between consecutive purchase days). The widget's own slider and
 *   number input set it.
 * @attr p-alive-below - P(alive) threshold of the at-risk list, default 0.5.
 * @attr as-of - ISO date (YYYY-MM-DD) the status is taken at; default the last order day.
 * @attr unit - Time unit the BG/NBD is fitted in: `weeks` (default) or `days`.
 * @attr limit - Rows of the at-risk list shown, default 50 (the total is shown and exported).
 * @attr model - Purchase model of the at-risk list: `bg-nbd` (default, today's numbers), `mbg-nbd`, `pareto-nbd`, or `auto` (compareModels' recommendation). Shown with its parameters, why it was chosen, and a note when the fit is degenerate or the list is ranked by how overdue customers are.
 * @attr kind - What one row of the data is: `orders` (default) or `customer-summary` (one row per customer; the status on the as-of day and the at-risk list, no churn per period; docs/pre-aggregated.md). A CLI report (JSON) is recognised by itself.
 *
 *
 * @fires {CustomEvent<RwLoadDetail>} rw-load - Data loaded.
 * @fires {CustomEvent<RwErrorDetail>} rw-error - Loading or computing failed.
 * @fires {CustomEvent<ChurnSelectDetail>} rw-select - A period point (`kind: 'period'`), the
 *   select-all button (`'at-risk'`) or an at-risk row (`'customer'`) was activated; `customerIds`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart controls - The threshold slider, number input and Auto button, and how the threshold was derived.
 * @csspart chart - The churn-rate chart.
 * @csspart table - The visually hidden per-period table (shown while one of its buttons has focus).
 * @csspart at-risk - The at-risk section (title, count, select-all button, list).
 * @csspart at-risk-table - The at-risk list.
 * @csspart summary - The rows read/accepted/rejected summary.
 * @csspart loading - The loading state.
 * @csspart empty - The "no orders" state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart tooltip - The chart tooltip.
 * @csspart export - The export toolbar (CSV of the at-risk list, PNG / SVG of the chart).
 * @csspart export-button - One export button.
 *
 * @cssproperty --rw-font-family - Font of the element and the chart.
 * @cssproperty --rw-font-size - Base font size.
 * @cssproperty --rw-color-text - Text colour.
 * @cssproperty --rw-color-muted - Secondary text colour.
 * @cssproperty --rw-color-background - Background of the element.
 * @cssproperty --rw-color-surface - Background of state panels and table headers.
 * @cssproperty --rw-color-border - Borders.
 * @cssproperty --rw-color-accent - The line, focus rings and progress.
 * @cssproperty --rw-color-error - Error accents.
 *
 * @example
 * <rw-churn src="/orders.csv" period="month" inactive-days="auto" p-alive-below="0.3" currency="USD"></rw-churn>
 */
export class RwChurn extends RwAnalysisElement<ChurnParams, ChurnAnalysis> {
  static override styles = [widgetStyles, listTableStyles, churnStyles, modelStyles];

  static override properties = {
    ...RwAnalysisElement.properties,
    period: { type: String, reflect: true },
    inactiveDays: { type: String, attribute: 'inactive-days', reflect: true },
    pAliveBelow: { type: Number, attribute: 'p-alive-below' },
    asOf: { type: String, attribute: 'as-of' },
    unit: { type: String },
    limit: { type: Number },
    model: { type: String },
  };

  declare period: MonthOrWeek;
  /** A whole number of days (as a number or a numeric string) or `'auto'`. */
  declare inactiveDays: string | number;
  declare pAliveBelow: number;
  declare asOf: string | undefined;
  declare unit: SummaryUnit;
  declare limit: number;
  declare model: PurchaseModelChoice;

  protected readonly exportName = 'churn-at-risk';
  private readonly rateChart = new VegaChart(this);
  private readonly size = new ResizeController(this, () => this.renderRoot.querySelector('.chart'));
  /** Which threshold input had focus when it changed the value (the result is re-rendered). */
  private refocus?: 'range' | 'number';

  constructor() {
    super();
    this.period = DEFAULT_PERIOD;
    this.inactiveDays = 'auto';
    this.pAliveBelow = 0.5;
    this.unit = 'weeks';
    this.limit = 50;
    this.model = 'bg-nbd';
  }

  /** The Vega view of the churn-rate chart (dataset `points`), once drawn. */
  get chartView(): VegaView | undefined {
    return this.rateChart.view;
  }


  protected analysisParams(): ChurnParams {
    const raw = String(this.inactiveDays ?? 'auto').trim();
    const n = Number(raw);
    const inactiveDays = raw === '' || raw === 'auto' || !Number.isFinite(n) ? 'auto' : Math.max(0, Math.floor(n));
    const p = Number(this.pAliveBelow);
    return {
      period: this.period === 'week' ? 'week' : 'month',
      inactiveDays,
      pAliveBelow: Number.isFinite(p) ? p : 0.5,
      asOf: this.asOf || undefined,
      unit: this.unit === 'days' ? 'days' : 'weeks',
      // The default is left out, so the params equal those a CLI report stored its results under.
      ...(MODEL_CHOICES.includes(this.model) && this.model !== 'bg-nbd' ? { model: this.model } : {}),
    };
  }

  /** Per segment (`breakdown`): the churn rate at as-of, with one threshold for every segment. */
  protected override segmentMetrics(p: ChurnParams): SegmentMetricsRequest {
    return { metrics: ['churnRate'], inactiveDays: p.inactiveDays, asOf: dayAttribute(p.asOf, 'as-of') };
  }

  protected compute(orders: OrderTable, params: ChurnParams, signal: AbortSignal): Promise<ChurnAnalysis> {
    const asOf = dayAttribute(params.asOf, 'as-of');
    // `churnAnalysis` (churn-analysis.ts), in the shared compute worker when there is one.
    return this.runRegistered(orders, 'churnAnalysis', { ...params, asOf }, signal);
  }

  protected override isEmptyResult(result: ChurnAnalysis): boolean {
    return result.churn.customers === 0;
  }

  protected override charts(): VegaChart[] {
    return [this.rateChart];
  }

  private get rowLimit(): number {
    const l = Number(this.limit);
    return Number.isFinite(l) && l >= 0 ? Math.floor(l) : 50;
  }

  /** The at-risk list, every row (not only the `limit` shown), in the current language's headers. */
  protected exportTable(result: ChurnAnalysis, lang: Lang): ExportTable {
    const cm = churnMessages(lang);
    const { input } = result;
    return {
      columns: [cm.customer, cm.lastOrder, cm.orders, cm.pAlive, cm.expectedNext(result.params.period), cm.averageValue, cm.valueLost],
      rows: Array.from(result.atRisk, (i) => [
        input.customerId[i],
        isoDate(input.lastDay[i]),
        input.orders[i],
        result.pAlive[i],
        result.expectedNext[i],
        result.averageValue[i],
        result.valueLost[i],
      ]),
    };
  }

  private points(result: ChurnAnalysis, lang: Lang): ChurnRatePoint[] {
    return churnRatePoints(result.churn.perPeriod, result.params.period, lang);
  }

  protected override drawCharts(result: ChurnAnalysis, lang: Lang): void {
    const chartEl = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!chartEl) return;
    const width = this.size.width || chartEl.clientWidth || 640;
    if (!this.chartsStale(result, lang, width)) return;
    const cm = churnMessages(lang);
    if (!hasRateHistory(result)) return; // a per-customer summary: the body says why there is no chart
    const spec = churnRateSpec(this.points(result, lang), {
      lang,
      width,
      ...this.chartTheme(),
      labels: {
        title: cm.chartTitle(result.params.period, formatInteger(lang, result.churn.inactiveDays)),
        churnRate: cm.churnRate,
        period: cm.period,
        activeAtStart: cm.activeAtStart,
        churned: cm.churned,
        churnedOfActive: cm.churnedOfActive,
      },
    });
    void this.rateChart.render(chartEl, spec, {
      tooltip: this.tooltipTarget,
      onClick: (datum) => {
        if (datum && typeof datum.period === 'string') this.selectPeriod(datum.period);
      },
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.status === 'ready' && this.refocus) {
      this.renderRoot.querySelector<HTMLInputElement>(`input[type=${this.refocus}]`)?.focus();
      this.refocus = undefined;
    }
  }

  /** Emits rw-select for the customers who churned in `period` (under the threshold of the result on screen). */
  private selectPeriod(period: string): void {
    void this.selectCustomers<'churnAnalysis'>({ kind: 'period', period }, { kind: 'period', period });
  }

  private selectAllAtRisk = (): void => {
    void this.selectCustomers<'churnAnalysis'>({ kind: 'at-risk' }, { kind: 'at-risk' });
  };

  private onListClick = (event: Event): void => {
    const button = (event.target as Element | null)?.closest?.('button[data-customer]') as HTMLButtonElement | null;
    if (!button) return;
    const id = button.dataset.customer!;
    emit(this, 'rw-select', { kind: 'customer', customerId: id, customerIds: [id] });
  };

  private onRateTableClick = (event: Event): void => {
    const button = (event.target as Element | null)?.closest?.('button[data-period]') as HTMLButtonElement | null;
    if (button) this.selectPeriod(button.dataset.period!);
  };

  private onThresholdChange = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const n = Math.floor(Number(input.value));
    if (!Number.isFinite(n) || n < 0) return;
    this.refocus = input.type === 'range' ? 'range' : 'number';
    this.inactiveDays = String(n);
  };

  private onAuto = (): void => {
    this.inactiveDays = 'auto';
  };

  private thresholdText(result: ChurnAnalysis, lang: Lang): string {
    const cm = churnMessages(lang);
    const days = formatInteger(lang, result.churn.inactiveDays);
    switch (result.churn.thresholdRule) {
      case 'given':
        return cm.thresholdGiven(days);
      case 'p90':
        return cm.thresholdAutoP90(days);
      case 'fallback':
        return cm.thresholdAutoFallback(days);
      case 'summary-fallback':
        return cm.thresholdAutoSummary(days);
    }
  }

  private controls(result: ChurnAnalysis, lang: Lang): TemplateResult {
    const cm = churnMessages(lang);
    const c = result.churn;
    const max = Math.max(365, c.inactiveDays * 2);
    const auto = result.params.inactiveDays === 'auto';
    return html`<div class="controls" part="controls">
      <div class="threshold">
        <label for="threshold-number">${cm.thresholdLabel}</label>
        <input type="range" min="0" max=${max} step="1" .value=${String(c.inactiveDays)} aria-label=${cm.thresholdLabel} @change=${this.onThresholdChange} />
        <input id="threshold-number" type="number" min="0" step="1" inputmode="numeric" .value=${String(c.inactiveDays)} @change=${this.onThresholdChange} />
        <button type="button" class="auto" aria-pressed=${auto ? 'true' : 'false'} @click=${this.onAuto}>${cm.auto}</button>
      </div>
      <p class="threshold-source" data-inactive-days=${c.inactiveDays}>${this.thresholdText(result, lang)}</p>
      <p class="headline">${cm.churnedAt(formatInteger(lang, c.churnedCustomers), formatPercent(lang, c.churnRate), formatPeriodKey(lang, 'day', isoDate(c.asOf)))}</p>
    </div>`;
  }

  private rateTable(result: ChurnAnalysis, lang: Lang): TemplateResult {
    const cm = churnMessages(lang);
    const points = this.points(result, lang);
    return html`<div class="rate-wrap visually-hidden" part="table" @click=${this.onRateTableClick}><table class="rates">
      <caption>${cm.rateTable}</caption>
      <thead><tr><th scope="col">${cm.period}</th><th scope="col">${cm.churnRate}</th><th scope="col">${cm.activeAtStart}</th><th scope="col">${cm.churned}</th></tr></thead>
      <tbody>
        ${points.map(
          (p) => html`<tr>
            <th scope="row">${p.periodLabel}</th>
            <td><button type="button" data-period=${p.period} data-rate=${p.churnRate} aria-label=${cm.pointLabel(p.periodLabel, p.tipRate, formatInteger(lang, p.churnedOfActiveAtStart), p.tipActive)}>${p.tipRate}</button></td>
            <td>${p.tipActive}</td>
            <td>${p.tipChurned}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private atRiskList(result: ChurnAnalysis, lang: Lang): TemplateResult {
    const cm = churnMessages(lang);
    const { input, atRisk } = result;
    const shown = atRisk.subarray(0, Math.min(atRisk.length, this.rowLimit));
    const money = (v: number) => formatMoney(lang, v, this.currency);
    const w = modelWords(lang);
    const byValue = result.rankedBy === 'expected-value-lost';
    const overdueBasis = result.listBasis === 'overdue';
    // The column "lost": money when there are amounts, else expected purchases lost.
    const lost = (i: number) => (byValue ? money(result.valueLost[i]) : formatAmount(lang, result.purchasesLost[i], 2));
    return html`<section class="at-risk" part="at-risk">
      <h3 id="at-risk-title">${cm.atRiskTitle(formatAmount(lang, result.params.pAliveBelow, 3))}</h3>
      <div class="at-risk-bar">
        <p class="count">${cm.atRiskCount(formatInteger(lang, shown.length), formatInteger(lang, atRisk.length))}</p>
        ${atRisk.length
          ? html`<button type="button" class="select-all" @click=${this.selectAllAtRisk}>${cm.selectAll(formatInteger(lang, atRisk.length))}</button>`
          : nothing}
      </div>
      ${atRisk.length === 0
        ? html`<p class="none">${cm.atRiskNone}</p>`
        : html`<div class="table-wrap" @click=${this.onListClick}><table class="list" part="at-risk-table" aria-labelledby="at-risk-title">
            <thead>
              <tr>
                <th scope="col">${cm.customer}</th>
                <th scope="col">${cm.lastOrder}</th>
                <th scope="col" class="num">${cm.orders}</th>
                <th scope="col" class="num">${overdueBasis ? cm.overdue : cm.pAlive}</th>
                <th scope="col" class="num">${cm.expectedNext(result.params.period)}</th>
                <th scope="col" class="num">${byValue ? cm.valueLost : cm.purchasesLost}</th>
              </tr>
            </thead>
            <tbody>
              ${Array.from(
                shown,
                (i) => html`<tr data-customer=${input.customerId[i]} data-p-alive=${result.pAlive[i]} data-overdue=${result.overdue[i]} data-expected=${result.expectedNext[i]} data-value-lost=${result.valueLost[i]} data-purchases-lost=${result.purchasesLost[i]}>
                  <th scope="row"><button type="button" data-customer=${input.customerId[i]} aria-label=${cm.rowLabel(input.customerId[i])}>${input.customerId[i]}</button></th>
                  <td>${formatPeriodKey(lang, 'day', isoDate(input.lastDay[i]))}</td>
                  <td class="num">${formatInteger(lang, input.orders[i])}</td>
                  <td class="num">${formatPercent(lang, overdueBasis ? result.overdue[i] : result.pAlive[i])}</td>
                  <td class="num">${formatAmount(lang, result.expectedNext[i], 3)}</td>
                  <td class="num">${lost(i)}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`}
      ${result.listBasisReason
        ? html`<p class="note basis" role="note" data-note="list-basis" data-reason=${result.listBasisReason}>${w.overdueBasis[result.listBasisReason]}</p>`
        : nothing}
      <p class="note ranked" data-note="ranked-by" data-ranked-by=${result.rankedBy}>${w.rankedBy[result.rankedBy]}</p>
      <p class="note">${byValue ? cm.valueLostHelp : nothing} ${cm.modelNote(result.input.unit, formatInteger(lang, result.fit.customers), w.modelName[result.model])}</p>
      ${modelSection(lang, result.modelFit, result.modelReason, result.degeneracy)}
    </section>`;
  }

  protected renderResult(result: ChurnAnalysis, lang: Lang, m: Messages): TemplateResult {
    const cm = churnMessages(lang);
    const last = result.churn.perPeriod.at(-1);
    const takeaway = last ? cm.chartTakeaway(formatPeriodKey(lang, result.churn.period, last.period), formatPercent(lang, last.churnRate)) : '';
    return html`${this.controls(result, lang)}
      ${hasRateHistory(result)
        ? html`<div part="chart" class="chart" role="figure" aria-label=${cm.chartLabel} aria-describedby=${CHART_DESCRIPTION_ID}></div>
            ${chartDescription(m, takeaway, 'below')} ${this.rateTable(result, lang)}`
        : html`<p class="note" data-note="no-history">${cm.noRateHistory}</p>`}
      ${this.atRiskList(result, lang)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rw-churn': RwChurn;
  }
}
