import { DEFAULT_PERIOD, type Period } from '../../core/calendar.js';
import { html, type TemplateResult } from 'lit';
import type { CohortRetention } from '../../core/cohort-retention.js';
import { cohortCells, cohortCurvesSpec, cohortHeatmapSpec, type CohortCell, type CohortChartOptions } from '../../charts/cohort-heatmap.js';
import { messagesFor, type Lang, type Messages } from '../../i18n/messages.js';
import type { OrderTable } from '../../core/order-table.js';
import { RwAnalysisElement, type SegmentMetricsRequest } from '../shared/analysis-element.js';
import { emit } from '../shared/events.js';
import { ResizeController } from '../shared/resize-controller.js';
import type { ExportTable } from '../shared/export.js';
import { matrixTableStyles, widgetStyles } from '../shared/styles.js';
import { VegaChart, type VegaView } from '../shared/vega-chart.js';
import { cohortRetentionStyles } from './cohort-retention.styles.js';
import { orderRows } from '../../core/pre-aggregated.js';
import { chartDescription, CHART_DESCRIPTION_ID } from '../shared/templates.js';
import { formatInteger, formatPercent } from '../../i18n/format.js';

/**
 * What is retained one period after the first, over every cohort that has reached it: the sum of
 * their period-1 values over the sum of their period-0 values (customers or revenue), or '–'.
 */
function nextPeriodShare(result: CohortRetention, lang: Lang): string {
  let start = 0;
  let next = 0;
  for (const c of result.cohorts) {
    if (c.values.length < 2) continue;
    start += c.values[0];
    next += c.values[1];
  }
  return start > 0 ? formatPercent(lang, next / start) : '–';
}

export type CohortRetentionMeasure = 'customers' | 'revenue';

/** Detail of `rw-select` from <rw-cohort-retention>: one cell of the matrix. */
export interface CohortSelectDetail {
  /** Cohort key, e.g. `1997-01`. */
  cohort: string;
  /** Periods since the first purchase (0 = the first-purchase period). */
  periodIndex: number;
  /** Ids of the cohort's customers who ordered in that period. */
  customerIds: string[];
}

declare module '../shared/events.js' {
  interface RwSelectDetailMap {
    'rw-cohort-retention': CohortSelectDetail;
  }
}

interface CohortParams {
  period: Period;
  measure: CohortRetentionMeasure;
  mode: 'on';
}

/** Above this many cells the accessible table lists the first full rows only (a 100k-button table would freeze the page). */
const MAX_TABLE_CELLS = 5_000;
/** Above this many cells the heatmap is drawn on a canvas rather than as SVG nodes. */
const MAX_SVG_CELLS = 4_000;

/**
 * @summary Cohort retention: a triangle heatmap of first-purchase cohorts and one retention curve
 * per cohort, computed in the browser from an order file or rows.
 *
 * @attr period - Cohort and age unit: `month` (default), `week` (ISO, Monday) or `day`.
 * @attr measure - `customers` (default: active customers) or `revenue`.
 * @attr percent - Show retained share (of cohort size; of period-0 revenue for revenue) instead of counts.
 *   (logs without an order id, where two identical rows are two purchases, as in CDNOW).
 * @attr kind - What one row of the data is: `orders` (default) or `cohort-matrix` (one row per cohort and age, e.g. from sql/duckdb/cohort_matrix.sql; docs/pre-aggregated.md). A CLI report (JSON) is recognised by itself.
 *
 *
 * @fires {CustomEvent<RwLoadDetail>} rw-load - Data loaded: `{ rowsAccepted, rowsRejected, customers, ms }`.
 * @fires {CustomEvent<RwErrorDetail>} rw-error - Loading failed: `{ message, code }`.
 * @fires {CustomEvent<CohortSelectDetail>} rw-select - A cell was clicked or activated: `{ cohort, periodIndex, customerIds }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart chart - The chart area (heatmap and curves).
 * @csspart table - The visually hidden matrix table (shown while a cell button has keyboard focus).
 * @csspart summary - The rows read/accepted/rejected summary (expandable when rows were rejected).
 * @csspart loading - The loading state.
 * @csspart empty - The "no orders" state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart tooltip - The chart tooltip.
 * @csspart export - The export toolbar (CSV of the matrix, PNG / SVG of each chart).
 * @csspart export-button - One export button.
 *
 * @cssproperty --rw-font-family - Font of the element and the charts.
 * @cssproperty --rw-font-size - Base font size.
 * @cssproperty --rw-color-text - Text colour (also axis labels).
 * @cssproperty --rw-color-muted - Secondary text colour.
 * @cssproperty --rw-color-background - Background of the element.
 * @cssproperty --rw-color-surface - Background of state panels.
 * @cssproperty --rw-color-border - Borders.
 * @cssproperty --rw-color-accent - Focus rings and progress.
 * @cssproperty --rw-color-error - Error accents.
 * @cssproperty --rw-color-low - Heatmap colour of 0.
 * @cssproperty --rw-color-high - Heatmap colour of the highest retention.
 *
 * @example
 * <rw-cohort-retention src="/orders.csv" period="month" percent></rw-cohort-retention>
 */
export class RwCohortRetention extends RwAnalysisElement<CohortParams, CohortRetention> {
  static override styles = [widgetStyles, matrixTableStyles, cohortRetentionStyles];

  static override properties = {
    ...RwAnalysisElement.properties,
    period: { type: String, reflect: true },
    measure: { type: String, reflect: true },
    percent: { type: Boolean, reflect: true },
  };

  declare period: Period;
  declare measure: CohortRetentionMeasure;
  declare percent: boolean;

  protected readonly exportName = 'cohort-retention';
  private readonly heatmap = new VegaChart(this);
  private readonly curves = new VegaChart(this);
  private readonly size = new ResizeController(this, () => this.renderRoot.querySelector('.chart'));

  constructor() {
    super();
    this.period = DEFAULT_PERIOD;
    this.measure = 'customers';
    this.percent = false;
  }

  /** The Vega view of the heatmap (dataset `cells`), once drawn. */
  get heatmapView(): VegaView | undefined {
    return this.heatmap.view;
  }

  /** The Vega view of the retention curves (dataset `curves`), once drawn. */
  get curvesView(): VegaView | undefined {
    return this.curves.view;
  }


  protected analysisParams(): CohortParams {
    const period: Period = this.period === 'week' || this.period === 'day' ? this.period : DEFAULT_PERIOD;
    const measure: CohortRetentionMeasure = this.measure === 'revenue' ? 'revenue' : 'customers';
    return { period, measure, mode: 'on' };
  }

  /** Per segment (`breakdown`): customer retention at periods 1, 2 and 3, pooled over the complete cohorts. */
  protected override segmentMetrics(p: CohortParams): SegmentMetricsRequest {
    return { metrics: ['retention:1', 'retention:2', 'retention:3'], period: p.period, mode: p.mode };
  }

  protected compute(orders: OrderTable, params: CohortParams, signal: AbortSignal): Promise<CohortRetention> {
    // Core `cohortRetention`, in the shared compute worker when there is one.
    return this.runRegistered(orders, 'cohortRetention', params, signal);
  }

  protected override isEmptyResult(result: CohortRetention): boolean {
    return result.cohorts.length === 0;
  }

  protected override charts(): VegaChart[] {
    return [this.heatmap, this.curves];
  }

  protected exportTable(result: CohortRetention, lang: Lang): ExportTable {
    const m = messagesFor(lang);
    const width = result.cohorts.reduce((w, c) => Math.max(w, c.values.length), 0);
    return {
      columns: [m.cohort, m.cohortSize, ...Array.from({ length: width }, (_, k) => String(k))],
      rows: result.cohorts.map((c) => [c.cohort, c.size, ...c.values]),
    };
  }

  protected override drawCharts(result: CohortRetention, lang: Lang): void {
    const chartEl = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!chartEl) return;
    const width = this.size.width || chartEl.clientWidth || 640;
    if (!this.chartsStale(result, this.percent, lang, width)) return;
    const options: CohortChartOptions = { percent: this.percent, lang, width, ...this.chartTheme() };
    const onClick = (datum: Record<string, unknown> | undefined) => {
      if (datum && typeof datum.cohort === 'string' && typeof datum.k === 'number') this.select(datum.cohort, datum.k);
    };
    const cellCount = result.cohorts.reduce((n, c) => n + c.values.length, 0);
    const renderer = cellCount > MAX_SVG_CELLS ? 'canvas' : 'svg';
    const tooltip = this.tooltipTarget;
    void this.heatmap.render(chartEl.querySelector<HTMLElement>('.heatmap')!, cohortHeatmapSpec(result, options), { renderer, tooltip, onClick });
    void this.curves.render(chartEl.querySelector<HTMLElement>('.curves')!, cohortCurvesSpec(result, options), { renderer, tooltip, onClick });
  }


  /** Emits rw-select for one cell with the customers behind it. */
  private select(cohort: string, periodIndex: number): void {
    void this.selectCustomers<'cohortRetention'>({ cohort, periodIndex }, { cohort, periodIndex });
  }

  private onTableClick = (event: Event): void => {
    const button = (event.target as Element | null)?.closest?.('button[data-cohort]') as HTMLButtonElement | null;
    if (!button) return;
    this.select(button.dataset.cohort!, Number(button.dataset.k));
  };

  private matrixTable(result: CohortRetention, lang: Lang) {
    const m = messagesFor(lang);
    const cells = cohortCells(result, { percent: this.percent, lang });
    const measure = result.measure === 'revenue' ? m.revenue : m.customers;
    let nPeriods = 0;
    for (const row of result.cohorts) nPeriods = Math.max(nPeriods, row.values.length);
    const rows: CohortCell[][] = [];
    let shown = 0;
    for (let i = 0, r = 0; i < cells.length && r < result.cohorts.length; r++) {
      const len = result.cohorts[r].values.length;
      if (shown + len > MAX_TABLE_CELLS && rows.length > 0) break;
      rows.push(cells.slice(i, i + len));
      i += len;
      shown += len;
    }
    const ks = Array.from({ length: nPeriods }, (_, k) => k);
    // The wrapper is what is visually hidden: a table ignores width/overflow and would widen the page.
    return html`<div class="matrix-wrap visually-hidden" part="table" @click=${this.onTableClick}><table class="matrix">
      <caption>
        ${m.heatmapTitle(measure, this.percent)}${rows.length < result.cohorts.length ? ` (${rows.length} / ${result.cohorts.length})` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">${m.firstPurchaseCohort(result.period)}</th>
          ${ks.map((k) => html`<th scope="col">${k}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr>
            <th scope="row">${row[0].cohortLabel}</th>
            ${row.map(
              (c) =>
                html`<td>
                  <button type="button" data-cohort=${c.cohort} data-k=${c.k} data-value=${c.value} aria-label=${m.cellLabel(c.cohortLabel, String(c.k), `${c.tipValue} (${c.tipShare})`)}>
                    ${c.label}
                  </button>
                </td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  protected renderResult(result: CohortRetention, lang: Lang, m: Messages): TemplateResult {
    const measure = result.measure === 'revenue' ? m.revenue : m.customers;
    return html`<div part="chart" class="chart" role="figure" aria-label=${m.chartLabel(measure)} aria-describedby=${CHART_DESCRIPTION_ID}>
        <div class="heatmap"></div>
        <div class="curves"></div>
      </div>
      ${chartDescription(m, m.cohortTakeaway(formatInteger(lang, result.cohorts.length), nextPeriodShare(result, lang)), 'below')}
      ${this.matrixTable(result, lang)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rw-cohort-retention': RwCohortRetention;
  }
}
