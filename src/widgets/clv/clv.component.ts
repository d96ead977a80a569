import { html, nothing, type TemplateResult } from 'lit';
import { dayAttribute } from '../shared/day-attribute.js';
import { calibrationChartPoints, calibrationSpec, clvBinBars, clvHistogramSpec, type ClvBinBar } from '../../charts/clv.js';
import { isoDate } from '../../core/calendar.js';
import type { SummaryUnit } from '../../core/customer-summary.js';
import type { OrderTable } from '../../core/order-table.js';
import { formatAmount, formatInteger, formatMoney, formatParameter, formatPercent, formatPeriodKey } from '../../i18n/format.js';
import type { Lang, Messages } from '../../i18n/messages.js';
import { chartDescription, CHART_DESCRIPTION_ID } from '../shared/templates.js';
import { RwAnalysisElement, type SegmentMetricsRequest } from '../shared/analysis-element.js';
import { emit } from '../shared/events.js';
import type { ExportTable } from '../shared/export.js';
import { ResizeController } from '../shared/resize-controller.js';
import { listTableStyles, widgetStyles } from '../shared/styles.js';
import { VegaChart, type VegaView } from '../shared/vega-chart.js';
import type { ClvAnalysis } from '../../analyses/clv-analysis.js';
import type { PurchaseModelChoice } from '../../analyses/model-cache.js';
import { modelSection, modelStyles, modelWords } from '../churn/model-words.js';

import { clvMessages } from './clv.messages.js';
import { clvStyles } from './clv.styles.js';

/** Detail of `rw-select` from <rw-clv>. */
export type ClvSelectDetail =
  /** A histogram bar: the customers with lo ≤ CLV < hi. */
  | { kind: 'bin'; lo: number; hi: number; customerIds: string[] }
  /** A row of the top-customers table. */
  | { kind: 'customer'; customerId: string; customerIds: string[] };

declare module '../shared/events.js' {
  interface RwSelectDetailMap {
    'rw-clv': ClvSelectDetail;
  }
}

interface ClvParams {
  horizon: number;
  discountRate: number;
  unit: SummaryUnit;
  calibrationEnd: string | undefined;
  limit: number;
  /** Absent = 'bg-nbd'. */
  model?: PurchaseModelChoice;
}

/** The `model` attribute's values; anything else falls back to the default. */
const MODEL_CHOICES: readonly PurchaseModelChoice[] = ['auto', 'bg-nbd', 'mbg-nbd', 'pareto-nbd'];

/**
 * @summary Customer lifetime value (客户生命周期价值): the predicted CLV distribution, the top
 * customers, the fitted BG/NBD and Gamma-Gamma parameters, and a calibration-vs-holdout check.
 *
 * CLV = Σ over the months of the horizon of the expected purchases (BG/NBD, Fader, Hardie & Lee
 * 2005) × expected spend per purchase (Gamma-Gamma, Fader & Hardie 2013), discounted monthly
 * (core `clv`). The calibration chart fits the BG/NBD on the orders up to `calibration-end` and
 * compares, per calibration repeat-purchase count 0 … 6, 7+, the mean predicted and actual
 * purchases in the rest of the data.
 *
 * @attr horizon - Months ahead, default 12.
 * @attr discount-rate - Discount rate per month, default 0.01.
 * @attr unit - Model time unit: `weeks` (default) or `days`.
 * @attr calibration-end - ISO date ending the calibration period of the check; default the day at 2/3 of the data span.
 * @attr limit - Rows of the top-customers table, default 20.
 * @attr model - Purchase model: `bg-nbd` (default, today's numbers), `mbg-nbd`, `pareto-nbd`, or `auto`
 *   (compareModels' recommendation). Shown with its parameters, why it was chosen, and a note when
 *   the fit is degenerate. Without an amount column the purchase model is shown alone (expected
 *   purchases and calibration) with a note saying why there are no money values.
 * @attr kind - What one row of the data is: `orders` (default) or `customer-summary` (one row per customer with `monetary`; the calibration check then needs the orders and is not shown; docs/pre-aggregated.md). A CLI report (JSON) is recognised by itself.
 *
 *
 * @fires {CustomEvent<RwLoadDetail>} rw-load - Data loaded.
 * @fires {CustomEvent<RwErrorDetail>} rw-error - Loading or computing failed.
 * @fires {CustomEvent<ClvSelectDetail>} rw-select - A histogram bar (`kind: 'bin'`) or a top-customer row (`'customer'`); `customerIds`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart chart - The charts (histogram and calibration).
 * @csspart table - The visually hidden per-range table (shown while one of its buttons has focus).
 * @csspart top-table - The top-customers table.
 * @csspart parameters - The fitted parameters.
 * @csspart summary - The rows read/accepted/rejected summary.
 * @csspart loading - The loading state.
 * @csspart empty - The "no orders" state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart tooltip - The chart tooltip.
 * @csspart export - The export toolbar (CSV of every customer's CLV, PNG / SVG of each chart).
 * @csspart export-button - One export button.
 *
 * @cssproperty --rw-font-family - Font of the element and the charts.
 * @cssproperty --rw-font-size - Base font size.
 * @cssproperty --rw-color-text - Text colour.
 * @cssproperty --rw-color-muted - Secondary text colour (the "actual" series).
 * @cssproperty --rw-color-background - Background of the element.
 * @cssproperty --rw-color-surface - Background of state panels and table headers.
 * @cssproperty --rw-color-border - Borders.
 * @cssproperty --rw-color-accent - Bars, the "predicted" series and focus rings.
 * @cssproperty --rw-color-error - Error accents.
 *
 * @example
 * <rw-clv src="/orders.csv" horizon="12" discount-rate="0.01" currency="USD"></rw-clv>
 */
export class RwClv extends RwAnalysisElement<ClvParams, ClvAnalysis> {
  static override styles = [widgetStyles, listTableStyles, clvStyles, modelStyles];

  static override properties = {
    ...RwAnalysisElement.properties,
    horizon: { type: Number },
    discountRate: { type: Number, attribute: 'discount-rate' },
    unit: { type: String },
    calibrationEnd: { type: String, attribute: 'calibration-end' },
    limit: { type: Number },
    model: { type: String },
  };

  declare horizon: number;
  declare discountRate: number;
  declare unit: SummaryUnit;
  declare calibrationEnd: string | undefined;
  declare limit: number;
  declare model: PurchaseModelChoice;

  protected readonly exportName = 'clv';
  private readonly histogram = new VegaChart(this);
  private readonly calibration = new VegaChart(this);
  private readonly size = new ResizeController(this, () => this.renderRoot.querySelector('.chart'));

  constructor() {
    super();
    this.horizon = 12;
    this.discountRate = 0.01;
    this.unit = 'weeks';
    this.limit = 20;
    this.model = 'bg-nbd';
  }

  /** The Vega view of the histogram (dataset `bins`). */
  get histogramView(): VegaView | undefined {
    return this.histogram.view;
  }

  /** The Vega view of the calibration chart (dataset `calibration`). */
  get calibrationView(): VegaView | undefined {
    return this.calibration.view;
  }


  protected analysisParams(): ClvParams {
    const num = (v: unknown, fallback: number) => (Number.isFinite(Number(v)) ? Number(v) : fallback);
    return {
      horizon: num(this.horizon, 12),
      discountRate: num(this.discountRate, 0.01),
      unit: this.unit === 'days' ? 'days' : 'weeks',
      calibrationEnd: this.calibrationEnd || undefined,
      limit: Math.max(0, Math.floor(num(this.limit, 20))),
      // The default is left out, so the params equal those a CLI report stored its results under.
      ...(MODEL_CHOICES.includes(this.model) && this.model !== 'bg-nbd' ? { model: this.model } : {}),
    };
  }

  /** Per segment (`breakdown`): the mean CLV of the segment's customers (one model for all). */
  protected override segmentMetrics(p: ClvParams): SegmentMetricsRequest {
    return { metrics: ['meanClv'], horizon: p.horizon, discountRate: p.discountRate, unit: p.unit };
  }

  protected compute(orders: OrderTable, params: ClvParams, signal: AbortSignal): Promise<ClvAnalysis> {
    const calibrationEnd = dayAttribute(params.calibrationEnd, 'calibration-end');
    // `clvAnalysis` (clv-analysis.ts), in the shared compute worker when there is one.
    return this.runRegistered(orders, 'clvAnalysis', { ...params, calibrationEnd }, signal);
  }

  protected override isEmptyResult(result: ClvAnalysis): boolean {
    return result.input.length === 0;
  }

  protected override charts(): VegaChart[] {
    return [this.histogram, this.calibration];
  }

  /** Every customer's CLV, highest first (ties: id). */
  protected exportTable(result: ClvAnalysis, lang: Lang): ExportTable {
    const cm = clvMessages(lang);
    const { input, value, expectedPurchases } = result;
    const order = Array.from({ length: input.length }, (_, i) => i);
    const ids = input.customerId;
    const key = value ? value.clv : expectedPurchases;
    order.sort((p, q) => key[q] - key[p] || (ids[p] < ids[q] ? -1 : ids[p] > ids[q] ? 1 : 0));
    if (!value) {
      return { columns: [cm.customer, cm.orders, cm.expectedPurchases], rows: order.map((i) => [ids[i], input.orders[i], expectedPurchases[i]]) };
    }
    return {
      columns: [cm.customer, cm.orders, cm.revenue, cm.expectedPurchases, cm.expectedSpend, cm.clv],
      rows: order.map((i) => [ids[i], input.orders[i], input.revenue[i], value.expectedPurchases[i], value.expectedSpend[i], value.clv[i]]),
    };
  }

  private bars(result: ClvAnalysis, lang: Lang): ClvBinBar[] {
    return clvBinBars(result.bins, lang);
  }

  protected override drawCharts(result: ClvAnalysis, lang: Lang): void {
    const chartEl = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!chartEl) return;
    const width = this.size.width || chartEl.clientWidth || 640;
    if (!this.chartsStale(result, lang, width)) return;
    const cm = clvMessages(lang);
    const theme = this.chartTheme();
    const options = { lang, width, ...theme };
    const tooltip = this.tooltipTarget;
    const histogramEl = chartEl.querySelector<HTMLElement>('.histogram');
    if (histogramEl) void this.histogram.render(
      histogramEl,
      clvHistogramSpec(this.bars(result, lang), options, { title: cm.histogramTitle(formatAmount(lang, result.params.horizon)), range: cm.clvRange, customers: cm.customers }),
      {
        tooltip,
        onClick: (datum) => {
          if (datum && typeof datum.bin === 'number') this.selectBin(datum.bin);
        },
      },
    );
    const c = result.calibration;
    if (!c) return; // pre-aggregated input: no orders over time to check against (the body says so)
    const holdout = `${formatAmount(lang, c.holdoutLength, 1)} ${cm.unitName(result.params.unit)}`;
    void this.calibration.render(
      chartEl.querySelector<HTMLElement>('.calibration')!,
      calibrationSpec(calibrationChartPoints(c.points, lang, { actual: cm.actual, predicted: cm.predicted(modelWords(lang).modelName[result.model]) }), options, {
        title: cm.calibrationTitle(formatPeriodKey(lang, 'day', isoDate(c.calibrationEnd)), holdout, formatAmount(lang, c.meanAbsoluteError, 3)),
        x: cm.calibrationX,
        y: cm.calibrationY,
        customers: cm.customers,
        actual: cm.actual,
        predicted: cm.predicted(modelWords(lang).modelName[result.model]),
      }),
      { tooltip },
    );
  }


  /** Emits rw-select with the customers of histogram bin `bin` (of the result on screen). */
  private selectBin(bin: number): void {
    const b = this.analysis.result?.bins[bin];
    if (!b) return;
    void this.selectCustomers<'clvAnalysis'>({ lo: b.lo, hi: b.hi }, { kind: 'bin', lo: b.lo, hi: b.hi });
  }

  private onClick = (event: Event): void => {
    const target = event.target as Element | null;
    const binButton = target?.closest?.('button[data-bin]') as HTMLButtonElement | null;
    if (binButton) return this.selectBin(Number(binButton.dataset.bin));
    const row = target?.closest?.('button[data-customer]') as HTMLButtonElement | null;
    if (row) emit(this, 'rw-select', { kind: 'customer', customerId: row.dataset.customer!, customerIds: [row.dataset.customer!] });
  };

  private parameters(result: ClvAnalysis, lang: Lang): TemplateResult {
    const cm = clvMessages(lang);
    const f = (v: number) => formatParameter(lang, v);
    const g = result.gammaGamma;
    const item = (name: string, v: string, key: string) => html`<div><dt>${name}</dt><dd data-param=${key}>${v}</dd></div>`;
    return html`<section class="params" part="parameters">
      <h3>${cm.paramsTitle}</h3>
      ${modelSection(lang, result.modelFit, result.modelReason, result.degeneracy)}
      ${g
        ? html`<div class="param-groups">
            <!-- The model's name outside its <dl>: a definition list holds only dt/dd groups (axe definition-list). -->
            <div class="param-group" role="group" aria-label=${cm.gammaGamma}>
              <p class="group-name" aria-hidden="true">${cm.gammaGamma}</p>
              <dl>
              ${item('p', f(g.p), 'p')} ${item('q', f(g.q), 'q')} ${item('γ', f(g.gamma), 'gamma')}
              ${item(cm.logLikelihood, formatAmount(lang, g.logLikelihood, 1), 'gg-ll')}
              ${item(cm.converged, g.converged ? cm.yes : cm.no, 'gg-converged')}
              </dl>
            </div>
          </div>`
        : nothing}
    </section>`;
  }

  /** The calibration buckets as a small table: customers, actual and predicted per bucket. */
  private calibrationTable(result: ClvAnalysis, lang: Lang): TemplateResult | typeof nothing {
    const c = result.calibration;
    if (!c) return nothing;
    const cm = clvMessages(lang);
    const last = c.points.length - 1;
    return html`<div class="table-wrap"><table class="calibration-table" part="calibration-table">
      <caption>${cm.calibrationError(formatAmount(lang, c.meanAbsoluteError, 3), formatInteger(lang, c.customers))}</caption>
      <thead><tr><th scope="col">${cm.calibrationX}</th><th scope="col" class="num">${cm.customers}</th><th scope="col" class="num">${cm.actual}</th><th scope="col" class="num">${cm.predicted(modelWords(lang).modelName[result.model])}</th></tr></thead>
      <tbody>
        ${c.points.map((p, k) => html`<tr data-frequency=${p.frequency} data-customers=${p.customers}>
          <th scope="row">${formatInteger(lang, p.frequency)}${k === last && p.frequency === 7 ? '+' : ''}</th>
          <td class="num">${formatInteger(lang, p.customers)}</td>
          <td class="num">${formatAmount(lang, p.actual, 3)}</td>
          <td class="num">${formatAmount(lang, p.predicted, 3)}</td>
        </tr>`)}
      </tbody>
    </table></div>`;
  }

  private topTable(result: ClvAnalysis, lang: Lang): TemplateResult {
    const cm = clvMessages(lang);
    const { input, value } = result;
    if (!value) return this.topPurchasesTable(result, lang);
    const money = (v: number) => formatMoney(lang, v, this.currency);
    return html`<section class="top">
      <h3 id="top-title">${cm.topTitle(formatInteger(lang, result.top.length))}</h3>
      <div class="table-wrap"><table class="list" part="top-table" aria-labelledby="top-title">
        <thead>
          <tr>
            <th scope="col">${cm.customer}</th>
            <th scope="col" class="num">${cm.orders}</th>
            <th scope="col" class="num">${cm.revenue}</th>
            <th scope="col" class="num">${cm.expectedPurchases}</th>
            <th scope="col" class="num">${cm.expectedSpend}</th>
            <th scope="col" class="num">${cm.clv}</th>
          </tr>
        </thead>
        <tbody>
          ${Array.from(
            result.top,
            (i) => html`<tr data-customer=${input.customerId[i]} data-clv=${value.clv[i]} data-expected-purchases=${value.expectedPurchases[i]} data-expected-spend=${value.expectedSpend[i]}>
              <th scope="row"><button type="button" data-customer=${input.customerId[i]} aria-label=${cm.rowLabel(input.customerId[i])}>${input.customerId[i]}</button></th>
              <td class="num">${formatInteger(lang, input.orders[i])}</td>
              <td class="num">${money(input.revenue[i])}</td>
              <td class="num">${formatAmount(lang, value.expectedPurchases[i], 2)}</td>
              <td class="num">${money(value.expectedSpend[i])}</td>
              <td class="num">${money(value.clv[i])}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>
    </section>`;
  }

  /** Without amounts: the top customers by expected purchases over the horizon. */
  private topPurchasesTable(result: ClvAnalysis, lang: Lang): TemplateResult {
    const cm = clvMessages(lang);
    const { input, expectedPurchases } = result;
    return html`<section class="top">
      <h3>${cm.topPurchasesTitle(formatInteger(lang, result.top.length))}</h3>
      <div class="table-wrap"><table class="list" part="top-table">
        <thead><tr><th scope="col">${cm.customer}</th><th scope="col" class="num">${cm.orders}</th><th scope="col" class="num">${cm.expectedPurchases}</th></tr></thead>
        <tbody>
          ${Array.from(
            result.top,
            (i) => html`<tr data-customer=${input.customerId[i]} data-expected-purchases=${expectedPurchases[i]}>
              <th scope="row"><button type="button" data-customer=${input.customerId[i]} aria-label=${cm.rowLabel(input.customerId[i])}>${input.customerId[i]}</button></th>
              <td class="num">${formatInteger(lang, input.orders[i])}</td>
              <td class="num">${formatAmount(lang, expectedPurchases[i], 2)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>
    </section>`;
  }

  private binTable(result: ClvAnalysis, lang: Lang): TemplateResult {
    const cm = clvMessages(lang);
    return html`<div class="bins-wrap visually-hidden" part="table"><table class="bins">
      <caption>${cm.binTable}</caption>
      <thead><tr><th scope="col">${cm.clvRange}</th><th scope="col">${cm.customers}</th></tr></thead>
      <tbody>
        ${this.bars(result, lang).map(
          (b) => html`<tr><th scope="row">${b.range}</th><td><button type="button" data-bin=${b.bin} data-count=${b.count} aria-label=${cm.binLabel(b.range, b.tipCount)}>${b.tipCount}</button></td></tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  protected renderResult(result: ClvAnalysis, lang: Lang, m: Messages): TemplateResult {
    const cm = clvMessages(lang);
    const v = result.value;
    const money = (x: number) => formatMoney(lang, x, this.currency);
    const calibration = result.calibration
      ? html`<div class="calibration"></div>`
      : html`<p class="note" data-note="no-calibration">${cm.noCalibration}</p>`;
    if (!v) {
      let total = 0;
      for (let i = 0; i < result.expectedPurchases.length; i++) total += result.expectedPurchases[i];
      return html`<div class="clv" @click=${this.onClick}>
        <p class="note no-value" role="note" data-note=${result.noValueReason ?? 'no-amounts'}>${result.noValueReason === 'no-spend-model' ? modelWords(lang).noSpendModel : modelWords(lang).noAmounts}</p>
        <p class="headline">${cm.purchasesSummary(formatInteger(lang, result.input.length), formatAmount(lang, total, 0), formatAmount(lang, result.params.horizon))}</p>
        <div part="chart" class="chart" role="figure" aria-label=${cm.chartLabel}>${calibration}</div>
        ${this.calibrationTable(result, lang)} ${this.parameters(result, lang)} ${this.topTable(result, lang)}
      </div>`;
    }
    return html`<div class="clv" @click=${this.onClick}>
      <p class="headline" id="clv-headline">
        ${cm.summary(formatInteger(lang, result.input.length), money(v.mean), money(v.total), formatAmount(lang, result.params.horizon), formatPercent(lang, result.params.discountRate, 1))}
      </p>
      <!-- Described by the headline (the takeaway) and where the table is. -->
      ${chartDescription(m, '', 'below')}
      <div part="chart" class="chart" role="figure" aria-label=${cm.chartLabel} aria-describedby="clv-headline ${CHART_DESCRIPTION_ID}">
        <div class="histogram"></div>
        ${calibration}
      </div>
      ${this.binTable(result, lang)} ${this.calibrationTable(result, lang)} ${this.parameters(result, lang)} ${this.topTable(result, lang)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rw-clv': RwClv;
  }
}
