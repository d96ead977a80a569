import { html, nothing, type TemplateResult } from 'lit';
import { DEFAULT_PERIOD, periodIndex, type MonthOrWeek } from '../../core/calendar.js';
import { LIFECYCLE_STAGE_LABELS, LIFECYCLE_STAGES, type Lifecycle, type LifecycleStage } from '../../core/lifecycle.js';
import type { OrderTable } from '../../core/order-table.js';
import { lifecycleStagesSpec, lifecycleTransitionCells, lifecycleTransitionsSpec, transitionIndex, type LifecycleChartOptions } from '../../charts/lifecycle.js';
import { formatInteger, formatPeriodKey } from '../../i18n/format.js';
import type { Lang, Messages } from '../../i18n/messages.js';
import { chartDescription, CHART_DESCRIPTION_ID } from '../shared/templates.js';
import { RwAnalysisElement, type SegmentMetricsRequest } from '../shared/analysis-element.js';
import { emit } from '../shared/events.js';
import type { ExportTable } from '../shared/export.js';
import { ResizeController } from '../shared/resize-controller.js';
import { matrixTableStyles, widgetStyles } from '../shared/styles.js';
import { VegaChart, type VegaView } from '../shared/vega-chart.js';
import { dayAttribute } from '../shared/day-attribute.js';
import { lifecycleMessages } from '../../i18n/lifecycle.js';
import { lifecycleStyles } from './lifecycle.styles.js';
import { orderRows } from '../../core/pre-aggregated.js';


/** Detail of `rw-select` from <rw-lifecycle>: a stage in a period, or a transition cell. */
export type LifecycleSelectDetail =
  | {
      /** Period key, e.g. `1998-03`. */
      period: string;
      stage: LifecycleStage;
      /** Ids of the customers in that stage in that period. */
      customerIds: string[];
    }
  | {
      /** Stage in the earlier period. */
      from: LifecycleStage;
      /** Stage in the later period. */
      to: LifecycleStage;
      /** Period keys of the transition (earlier, later). */
      fromPeriod: string;
      toPeriod: string;
      /** Ids of the customers who moved from `from` to `to`. */
      customerIds: string[];
    };

declare module '../shared/events.js' {
  interface RwSelectDetailMap {
    'rw-lifecycle': LifecycleSelectDetail;
  }
}

interface LifecycleParams {
  period: MonthOrWeek;
  inactiveDays: number | 'auto';
  /** The `as-of` attribute as written (parsed in compute, so a bad date shows as an error). */
  asOf: string | null;
}

/** Above this many periods the hidden stage table lists the last ones only. */
const MAX_TABLE_PERIODS = 400;

/**
 * @summary Customer lifecycle: customers per stage (new 新客户, active 活跃客户, returning 回流客户,
 * dormant 沉睡客户, churned 流失客户) per month or week as stacked bars, and the stage transitions
 * between two consecutive periods as a from × to heatmap, computed in the browser (core `lifecycle`).
 *
 * Stage colours are fixed per colour scheme, each ≥ 3:1 on the background (`lifecycleColors` of
 * `CHART_THEMES`; light = `LIFECYCLE_STAGE_COLORS`): new #4c78a8 blue, active #54a24b green, returning
 * #c8610a orange, dormant #958b87 grey, churned #5c5553 dark grey; the dark scheme uses Tableau 10 as
 * is (returning #f58518, dormant #bab0ac, churned #79706e); override with
 * `--rw-stage-new`, `--rw-stage-active`, `--rw-stage-returning`, `--rw-stage-dormant`, `--rw-stage-churned`.
 *
 * @attr period - `month` (default) or `week` (ISO, Monday).
 * @attr inactive-days - Churn threshold in days, or `auto` (default: 90th percentile of the days between purchases). The threshold used is shown.
 * @attr as-of - Last day considered, `YYYY-MM-DD`; orders after it are ignored. Default: the last order day.
 * @attr transition-period - Period key of the transition matrix (its later period, e.g. `1998-03`); default the last. Clicking a bar sets it.
 * @attr kind - What one row of the data is: `orders` (default). A CLI report (`retention-widgets report … --out report.json`) given as `src` is recognised by itself and shown without the orders (docs/pre-aggregated.md).
 *
 *
 * @fires {CustomEvent<RwLoadDetail>} rw-load - Data loaded: `{ rowsAccepted, rowsRejected, customers, ms }`.
 * @fires {CustomEvent<RwErrorDetail>} rw-error - Loading or computing failed: `{ message, code }`.
 * @fires {CustomEvent<LifecycleSelectDetail>} rw-select - A bar (`{ period, stage, customerIds }`) or a transition cell (`{ from, to, fromPeriod, toPeriod, customerIds }`) was clicked or activated.
 *
 * @csspart base - The wrapper of everything.
 * @csspart chart - The charts (stage bars and transition matrix).
 * @csspart threshold - The line stating the inactivity threshold used.
 * @csspart period-select - The period selector of the transition matrix.
 * @csspart table - A visually hidden data table (stages per period; transitions) with cell buttons.
 * @csspart summary - The rows read/accepted/rejected summary.
 * @csspart loading - The loading state.
 * @csspart empty - The "no orders" state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart tooltip - The chart tooltip.
 * @csspart export - The export toolbar (CSV of stage counts, PNG / SVG of each chart).
 * @csspart export-button - One export button.
 *
 * @cssproperty --rw-font-family - Font of the element and the charts.
 * @cssproperty --rw-font-size - Base font size.
 * @cssproperty --rw-color-text - Text colour.
 * @cssproperty --rw-color-muted - Secondary text colour.
 * @cssproperty --rw-color-background - Background of the element.
 * @cssproperty --rw-color-surface - Background of state panels.
 * @cssproperty --rw-color-border - Borders.
 * @cssproperty --rw-color-accent - Focus rings.
 * @cssproperty --rw-color-error - Error accents.
 * @cssproperty --rw-color-low - Transition matrix colour of 0.
 * @cssproperty --rw-color-high - Transition matrix colour of the largest cell.
 * @cssproperty --rw-stage-new - Colour of the "new" stage (default #4c78a8).
 * @cssproperty --rw-stage-active - Colour of the "active" stage (default #54a24b).
 * @cssproperty --rw-stage-returning - Colour of the "returning" stage (default #c8610a; dark #f58518).
 * @cssproperty --rw-stage-dormant - Colour of the "dormant" stage (default #958b87; dark #bab0ac).
 * @cssproperty --rw-stage-churned - Colour of the "churned" stage (default #5c5553; dark #79706e).
 *
 * @example
 * <rw-lifecycle src="/orders.csv" period="month" inactive-days="auto"></rw-lifecycle>
 */
export class RwLifecycle extends RwAnalysisElement<LifecycleParams, Lifecycle> {
  static override styles = [widgetStyles, matrixTableStyles, lifecycleStyles];

  static override properties = {
    ...RwAnalysisElement.properties,
    period: { type: String, reflect: true },
    inactiveDays: { type: String, attribute: 'inactive-days', reflect: true },
    asOf: { type: String, attribute: 'as-of', reflect: true },
    transitionPeriod: { type: String, attribute: 'transition-period', reflect: true },
  };

  declare period: MonthOrWeek;
  /** A number of days as text, or `auto`. */
  declare inactiveDays: string;
  declare asOf: string | undefined;
  declare transitionPeriod: string | undefined;

  protected readonly exportName = 'lifecycle';
  private readonly stagesChart = new VegaChart(this);
  private readonly transitionsChart = new VegaChart(this);
  private readonly size = new ResizeController(this, () => this.renderRoot.querySelector('.chart'));

  constructor() {
    super();
    this.period = DEFAULT_PERIOD;
    this.inactiveDays = 'auto';
  }

  /** The Vega view of the stage bars (dataset `bars`), once drawn. */
  get stagesView(): VegaView | undefined {
    return this.stagesChart.view;
  }

  /** The Vega view of the transition matrix (dataset `transitions`), once drawn. */
  get transitionsView(): VegaView | undefined {
    return this.transitionsChart.view;
  }


  protected analysisParams(): LifecycleParams {
    const period: MonthOrWeek = this.period === 'week' ? 'week' : DEFAULT_PERIOD;
    const raw = String(this.inactiveDays ?? 'auto').trim();
    // Anything but a non-negative integer or 'auto' is passed as NaN so core's RangeError names it.
    const inactiveDays = raw === '' || raw === 'auto' ? 'auto' : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    return { period, inactiveDays, asOf: this.asOf ?? null };
  }

  /** Per segment (`breakdown`): the stage mix in the period containing as-of. */
  protected override segmentMetrics(p: LifecycleParams): SegmentMetricsRequest {
    return { metrics: LIFECYCLE_STAGES.map((stage) => `stage:${stage}` as const), period: p.period, inactiveDays: p.inactiveDays, asOf: dayAttribute(p.asOf, 'as-of') };
  }

  protected compute(orders: OrderTable, params: LifecycleParams, signal: AbortSignal): Promise<Lifecycle> {
    if (typeof params.inactiveDays === 'number' && !Number.isInteger(params.inactiveDays)) {
      throw new RangeError(`inactive-days must be a whole number of days or "auto", got "${this.inactiveDays}"`);
    }
    const asOf = dayAttribute(params.asOf, 'as-of');
    // Core `lifecycle`, shared per table (analyses.ts), in the shared compute worker when there is one.
    return this.runRegistered(orders, 'lifecycle', { period: params.period, inactiveDays: params.inactiveDays, asOf }, signal);
  }

  protected override isEmptyResult(result: Lifecycle): boolean {
    return result.perPeriod.length === 0;
  }

  protected override charts(): VegaChart[] {
    return [this.stagesChart, this.transitionsChart];
  }

  /** CSV: customers per stage per period, as core computed them. */
  protected exportTable(result: Lifecycle, lang: Lang): ExportTable {
    const l = lifecycleMessages(lang);
    return {
      columns: [l.period, l.customers, ...result.stages.map((s) => LIFECYCLE_STAGE_LABELS[s][lang])],
      rows: result.perPeriod.map((p) => [p.period, p.customers, ...p.counts]),
    };
  }

  private chartOptions(lang: Lang, width: number): LifecycleChartOptions {
    const style = getComputedStyle(this);
    const stageColors: LifecycleChartOptions['stageColors'] = {};
    for (const s of LIFECYCLE_STAGES) {
      const v = style.getPropertyValue(`--rw-stage-${s}`).trim();
      if (v) stageColors[s] = v;
    }
    return { lang, width, transitionPeriod: this.transitionPeriod, stageColors, ...this.chartTheme() };
  }

  protected override drawCharts(result: Lifecycle, lang: Lang): void {
    const chartEl = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!chartEl) return;
    const width = this.size.width || chartEl.clientWidth || 640;
    const transition = transitionIndex(result, this.transitionPeriod);
    if (!this.chartsStale(result, lang, width, transition)) return;
    const options = this.chartOptions(lang, width);
    const tooltip = this.tooltipTarget;
    void this.stagesChart.render(chartEl.querySelector<HTMLElement>('.stages')!, lifecycleStagesSpec(result, options), {
      tooltip,
      onClick: (datum) => {
        if (datum && typeof datum.period === 'string' && typeof datum.stage === 'string') this.selectStage(datum.period, datum.stage as LifecycleStage, true);
      },
    });
    const transitionsEl = chartEl.querySelector<HTMLElement>('.transitions');
    if (transition < 0 || !transitionsEl) {
      this.transitionsChart.clear();
      return;
    }
    void this.transitionsChart.render(transitionsEl, lifecycleTransitionsSpec(result, options), {
      tooltip,
      onClick: (datum) => {
        if (datum && typeof datum.from === 'string' && typeof datum.to === 'string') this.selectTransition(datum.from as LifecycleStage, datum.to as LifecycleStage);
      },
    });
  }


  /** Options of the stage helper from the result on screen (its resolved threshold and as-of day). */
  private stageOptions(): { orders: OrderTable; result: Lifecycle } | undefined {
    const orders = this.analysis.orders;
    const result = this.analysis.result;
    return orders && result ? { orders, result } : undefined;
  }

  /** Calendar index of a period key of the result: the first period is the first order's. */
  private periodIdx(orders: OrderTable, result: Lifecycle, period: string): number {
    const pos = result.perPeriod.findIndex((p) => p.period === period);
    return pos < 0 ? -1 : periodIndex(result.period, orders.day[0]) + pos;
  }

  /** Emits rw-select for a stage in a period; a click on a bar also shows the transition into that period. */
  private selectStage(period: string, stage: LifecycleStage, selectPeriod: boolean): void {
    const ctx = this.stageOptions();
    if (!ctx) return;
    const idx = this.periodIdx(ctx.orders, ctx.result, period);
    const s = LIFECYCLE_STAGES.indexOf(stage);
    if (idx < 0 || s < 0) return;
    if (orderRows(ctx.orders)) void this.selectCustomers<'lifecycle'>({ period, stage }, { period, stage });
    if (selectPeriod && ctx.result.transitions.some((t) => t.to === period)) this.transitionPeriod = period;
  }

  /** Emits rw-select for a cell of the transition matrix on screen. */
  private selectTransition(from: LifecycleStage, to: LifecycleStage): void {
    const ctx = this.stageOptions();
    if (!ctx) return;
    const t = transitionIndex(ctx.result, this.transitionPeriod);
    if (t < 0) return;
    const { from: fromPeriod, to: toPeriod } = ctx.result.transitions[t];
    if (!orderRows(ctx.orders)) return;
    void this.selectCustomers<'lifecycle'>({ period: toPeriod, from, to }, { from, to, fromPeriod, toPeriod });
  }

  private onTableClick = (event: Event): void => {
    const target = event.target as Element | null;
    const stage = target?.closest?.('button[data-period]') as HTMLButtonElement | null;
    if (stage) {
      this.selectStage(stage.dataset.period!, stage.dataset.stage as LifecycleStage, false);
      return;
    }
    const move = target?.closest?.('button[data-from]') as HTMLButtonElement | null;
    if (move) this.selectTransition(move.dataset.from as LifecycleStage, move.dataset.to as LifecycleStage);
  };

  private onPeriodChange = (event: Event): void => {
    this.transitionPeriod = (event.target as HTMLSelectElement).value;
  };

  private stagesTable(result: Lifecycle, lang: Lang): TemplateResult {
    const l = lifecycleMessages(lang);
    const rows = result.perPeriod.slice(-MAX_TABLE_PERIODS);
    const names = result.stages.map((s) => LIFECYCLE_STAGE_LABELS[s][lang]);
    return html`<div class="matrix-wrap visually-hidden" part="table" @click=${this.onTableClick}>
      <table class="matrix stages-table">
        <caption>${l.stagesTableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${l.period}</th>
            <th scope="col">${l.customers}</th>
            ${names.map((n) => html`<th scope="col">${n}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map((p) => {
            const label = formatPeriodKey(lang, result.period, p.period);
            return html`<tr>
              <th scope="row">${label}</th>
              <td>${formatInteger(lang, p.customers)}</td>
              ${p.counts.map(
                (n, s) => html`<td>
                  <button type="button" data-period=${p.period} data-stage=${result.stages[s]} data-customers=${n}
                    aria-label=${l.stageCellLabel(label, names[s], formatInteger(lang, n))}>${formatInteger(lang, n)}</button>
                </td>`,
              )}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  private transitionsTable(result: Lifecycle, lang: Lang): TemplateResult | typeof nothing {
    const t = transitionIndex(result, this.transitionPeriod);
    if (t < 0) return nothing;
    const l = lifecycleMessages(lang);
    const { from, to } = result.transitions[t];
    const cells = lifecycleTransitionCells(result, { lang, transitionPeriod: this.transitionPeriod });
    const cols = cells.slice(0, 4);
    return html`<div class="matrix-wrap visually-hidden" part="table" @click=${this.onTableClick}>
      <table class="matrix transitions-table">
        <caption>${l.transitionsTableCaption(from, to)}</caption>
        <thead>
          <tr>
            <th scope="col">${l.fromStage(from)} \\ ${l.toStage(to)}</th>
            ${cols.map((c) => html`<th scope="col">${c.toName}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${[0, 1, 2, 3, 4].map((a) => {
            const row = cells.slice(a * 4, a * 4 + 4);
            return html`<tr>
              <th scope="row">${row[0].fromName}</th>
              ${row.map(
                (c) => html`<td>
                  <button type="button" data-from=${c.from} data-to=${c.to} data-customers=${c.customers}
                    aria-label=${l.transitionCellLabel(c.fromName, c.toName, c.label)}>${c.label}</button>
                </td>`,
              )}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  protected renderResult(result: Lifecycle, lang: Lang, m: Messages): TemplateResult {
    const l = lifecycleMessages(lang);
    const t = transitionIndex(result, this.transitionPeriod);
    const selected = t >= 0 ? result.transitions[t].to : '';
    const last = result.perPeriod.at(-1);
    const stages = last ? result.stages.map((s, i) => `${LIFECYCLE_STAGE_LABELS[s][lang]} ${formatInteger(lang, last.counts[i])}`).join(lang === 'zh-CN' ? '，' : ', ') : '';
    return html`${chartDescription(m, last ? l.chartTakeaway(formatPeriodKey(lang, result.period, last.period), stages) : '', 'below')}
      <div part="chart" class="chart" role="figure" aria-label=${l.chartLabel} aria-describedby=${CHART_DESCRIPTION_ID}>
        <div class="stages"></div>
        <p class="threshold" part="threshold">${l.threshold(formatInteger(lang, result.inactiveDays), result.thresholdRule !== 'given')}</p>
        ${t >= 0
          ? html`<label class="period-select">
              ${l.transitionPeriod}
              <select part="period-select" .value=${selected} @change=${this.onPeriodChange}>
                ${result.transitions.map((tr) => html`<option value=${tr.to} ?selected=${tr.to === selected}>${formatPeriodKey(lang, result.period, tr.to)}</option>`)}
              </select>
            </label>`
          : nothing}
        <div class="transitions"></div>
      </div>
      ${this.stagesTable(result, lang)} ${this.transitionsTable(result, lang)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rw-lifecycle': RwLifecycle;
  }
}
