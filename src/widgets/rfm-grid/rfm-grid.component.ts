import { html, type TemplateResult } from 'lit';
import { isoDate } from '../../core/calendar.js';
import type { OrderTable } from '../../core/order-table.js';
import type { Rfm } from '../../core/rfm.js';
import { rfmGridCells, rfmGridSpec, type RfmColorBy, type RfmGridCell } from '../../charts/rfm-grid.js';
import { formatAmount, formatInteger, formatPercent } from '../../i18n/format.js';
import type { Lang, Messages } from '../../i18n/messages.js';
import { chartDescription, CHART_DESCRIPTION_ID } from '../shared/templates.js';
import { RwAnalysisElement, type SegmentMetricsRequest } from '../shared/analysis-element.js';
import type { ExportTable } from '../shared/export.js';
import { ResizeController } from '../shared/resize-controller.js';
import { matrixTableStyles, widgetStyles } from '../shared/styles.js';
import { VegaChart, type VegaView } from '../shared/vega-chart.js';
import { dayAttribute } from '../shared/day-attribute.js';
import { rfmGridMessages } from '../../i18n/rfm-grid.js';
import { rfmGridStyles } from './rfm-grid.styles.js';

/** Detail of `rw-select` from <rw-rfm-grid>: a grid cell (`r`, `f`) or a segment. */
export type RfmSelectDetail =
  | {
      /** Recency score of the clicked cell (bins = most recent). */
      r: number;
      /** Frequency score of the clicked cell. */
      f: number;
      /** Ids of exactly the customers scored (r, f). */
      customerIds: string[];
    }
  | {
      /** Segment key, e.g. `champions` (see core `DEFAULT_SEGMENT_RULES`). */
      segment: string;
      /** Ids of the segment's customers. */
      customerIds: string[];
    };

declare module '../shared/events.js' {
  interface RwSelectDetailMap {
    'rw-rfm-grid': RfmSelectDetail;
  }
}

interface RfmGridParams {
  /** The `as-of` attribute as written (parsed in compute, so a bad date shows as an error). */
  asOf: string | null;
  bins: number;
}

/**
 * @summary RFM grid: customers per recency × frequency score (5 × 5 by default), coloured by
 * customers or mean monetary value, with RFM segments outlined and a segment table, computed in the
 * browser from an order file or rows (core `rfm`: quantile scores, Hughes 1994).
 *
 * @attr color-by - `customers` (default) or `monetary` (mean revenue per customer of the cell).
 * @attr as-of - Day recency is measured to, `YYYY-MM-DD`; orders after it are ignored. Default: the last order day.
 * @attr bins - Score levels per axis (default 5; 2…10).
 * @attr kind - What one row of the data is: `orders` (default) or `customer-summary` (one row per customer, e.g. from sql/duckdb/customer_summary.sql; docs/pre-aggregated.md). A CLI report (JSON) is recognised by itself.
 *
 *
 * @fires {CustomEvent<RwLoadDetail>} rw-load - Data loaded: `{ rowsAccepted, rowsRejected, customers, ms }`.
 * @fires {CustomEvent<RwErrorDetail>} rw-error - Loading or computing failed: `{ message, code }`.
 * @fires {CustomEvent<RfmSelectDetail>} rw-select - A cell (`{ r, f, customerIds }`) or a segment (`{ segment, customerIds }`) was clicked or activated.
 *
 * @csspart base - The wrapper of everything.
 * @csspart chart - The grid chart.
 * @csspart segments - The segment table (segment, customers, shares, avg. days since last order).
 * @csspart segment-button - The button naming a segment in the segment table.
 * @csspart table - The visually hidden R × F table (shown while a cell button has keyboard focus).
 * @csspart summary - The rows read/accepted/rejected summary.
 * @csspart loading - The loading state.
 * @csspart empty - The "no orders" state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart tooltip - The chart tooltip.
 * @csspart export - The export toolbar (CSV of the grid, PNG / SVG of the chart).
 * @csspart export-button - One export button.
 *
 * @cssproperty --rw-font-family - Font of the element and the chart.
 * @cssproperty --rw-font-size - Base font size.
 * @cssproperty --rw-color-text - Text colour (also axis labels and the segment borders).
 * @cssproperty --rw-color-muted - Secondary text colour.
 * @cssproperty --rw-color-background - Background of the element.
 * @cssproperty --rw-color-surface - Background of state panels.
 * @cssproperty --rw-color-border - Borders of tables.
 * @cssproperty --rw-color-accent - Focus rings and segment buttons.
 * @cssproperty --rw-color-error - Error accents.
 * @cssproperty --rw-color-low - Cell colour of the lowest value.
 * @cssproperty --rw-color-high - Cell colour of the highest value.
 *
 * @example
 * <rw-rfm-grid src="/orders.csv" color-by="monetary" currency="USD"></rw-rfm-grid>
 */
export class RwRfmGrid extends RwAnalysisElement<RfmGridParams, Rfm> {
  static override styles = [widgetStyles, matrixTableStyles, rfmGridStyles];

  static override properties = {
    ...RwAnalysisElement.properties,
    colorBy: { type: String, attribute: 'color-by', reflect: true },
    asOf: { type: String, attribute: 'as-of', reflect: true },
    bins: { type: Number, reflect: true },
  };

  declare colorBy: RfmColorBy;
  declare asOf: string | undefined;
  declare bins: number;

  protected readonly exportName = 'rfm-grid';
  private readonly grid = new VegaChart(this);
  private readonly size = new ResizeController(this, () => this.renderRoot.querySelector('.chart'));

  constructor() {
    super();
    this.colorBy = 'customers';
    this.bins = 5;
  }

  /** The Vega view of the grid (datasets `cells` and `borders`), once drawn. */
  get gridView(): VegaView | undefined {
    return this.grid.view;
  }


  protected analysisParams(): RfmGridParams {
    const bins = Number.isInteger(this.bins) ? this.bins : 5;
    return { asOf: this.asOf ?? null, bins };
  }

  /** Per segment (`breakdown`): the share of champions and of at-risk customers (scores of the whole table). */
  protected override segmentMetrics(p: RfmGridParams): SegmentMetricsRequest {
    return { metrics: ['rfm:champions', 'rfm:at-risk'], bins: p.bins, asOf: dayAttribute(p.asOf, 'as-of') };
  }

  protected compute(orders: OrderTable, params: RfmGridParams, signal: AbortSignal): Promise<Rfm> {
    if (params.bins < 2 || params.bins > 10) throw new RangeError(`bins must be an integer from 2 to 10, got ${params.bins}`);
    const asOf = dayAttribute(params.asOf, 'as-of');
    // Core `rfm`, shared per OrderTable (analyses.ts), in the shared compute worker when there is one.
    return this.runRegistered(orders, 'rfm', { bins: params.bins, asOf }, signal);
  }

  protected override isEmptyResult(result: Rfm): boolean {
    return result.length === 0;
  }

  protected override charts(): VegaChart[] {
    return [this.grid];
  }

  private colorByValue(): RfmColorBy {
    return this.colorBy === 'monetary' ? 'monetary' : 'customers';
  }

  /** CSV: one row per grid cell (core order: R ascending, then F), with its segment. */
  protected exportTable(result: Rfm, lang: Lang): ExportTable {
    const g = rfmGridMessages(lang);
    const names = new Map(result.segments.map((s) => [s.key, s.label[lang]]));
    return {
      columns: [g.csv.r, g.csv.f, g.customers, g.meanMonetary(this.currency ?? ''), g.revenue, g.segment, g.csv.segmentKey],
      rows: result.grid.map((c) => [c.r, c.f, c.customers, c.meanMonetary, c.revenue, names.get(c.segment) ?? c.segment, c.segment]),
    };
  }

  protected override drawCharts(result: Rfm, lang: Lang): void {
    const chartEl = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!chartEl) return;
    const width = Math.min(640, this.size.width || chartEl.clientWidth || 480);
    const colorBy = this.colorByValue();
    if (!this.chartsStale(result, colorBy, lang, width, this.currency)) return;
    const theme = this.chartTheme();
    const spec = rfmGridSpec(result, { lang, colorBy, width, currency: this.currency, ...theme, borderColor: theme.textColor });
    void this.grid.render(chartEl.querySelector<HTMLElement>('.grid')!, spec, {
      tooltip: this.tooltipTarget,
      onClick: (datum) => {
        if (datum && typeof datum.r === 'number' && typeof datum.f === 'number') this.selectCell(datum.r, datum.f);
      },
    });
  }


  /** Emits rw-select for cell (r, f) with exactly its customers. */
  private selectCell(r: number, f: number): void {
    void this.selectCustomers<'rfm'>({ r, f }, { r, f });
  }

  /** Emits rw-select for a segment with its customers. */
  private selectSegment(segment: string): void {
    void this.selectCustomers<'rfm'>({ segment }, { segment });
  }

  private onTableClick = (event: Event): void => {
    const button = (event.target as Element | null)?.closest?.('button[data-r]') as HTMLButtonElement | null;
    if (button) this.selectCell(Number(button.dataset.r), Number(button.dataset.f));
  };

  private onSegmentClick = (event: Event): void => {
    const button = (event.target as Element | null)?.closest?.('button[data-segment]') as HTMLButtonElement | null;
    if (button) this.selectSegment(button.dataset.segment!);
  };

  /** The R × F matrix as buttons, R descending (as drawn), for keyboard and screen-reader users. */
  private gridTable(result: Rfm, lang: Lang): TemplateResult {
    const g = rfmGridMessages(lang);
    const cells = rfmGridCells(result, { lang, colorBy: this.colorByValue(), currency: this.currency });
    const bins = result.bins;
    const rows: RfmGridCell[][] = [];
    for (let r = bins; r >= 1; r--) rows.push(cells.slice((r - 1) * bins, r * bins));
    return html`<div class="matrix-wrap visually-hidden" part="table" @click=${this.onTableClick}>
      <table class="matrix">
        <caption>${g.gridTableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">R \\ F</th>
            ${rows[0].map((c) => html`<th scope="col">F ${c.f}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr>
              <th scope="row">R ${row[0].r}</th>
              ${row.map(
                (c) => html`<td>
                  <button type="button" data-r=${c.r} data-f=${c.f} data-customers=${c.customers} data-segment-key=${c.segment}
                    aria-label=${g.cellLabel(c.r, c.f, c.label, c.segmentName)}>${c.label}</button>
                </td>`,
              )}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** The visible segment table; empty "Others" (the default rules cover every score) is left out. */
  private segmentTable(result: Rfm, lang: Lang): TemplateResult {
    const g = rfmGridMessages(lang);
    const segments = result.segments.filter((s) => s.customers > 0 || s.key !== 'others');
    return html`<div class="segments-wrap" part="segments" @click=${this.onSegmentClick}>
      <table class="segments">
        <caption>${g.segmentTableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">${g.segment}</th>
            <th scope="col">${g.customers}</th>
            <th scope="col">${g.share}</th>
            <th scope="col">${g.revenueShare}</th>
            <th scope="col">${g.avgDaysSinceLast}</th>
          </tr>
        </thead>
        <tbody>
          ${segments.map(
            (s) => html`<tr data-segment-row=${s.key}>
              <th scope="row">
                <button type="button" part="segment-button" data-segment=${s.key} aria-label=${g.segmentLabel(s.label[lang], formatInteger(lang, s.customers))}>
                  ${s.label[lang]}
                </button>
              </th>
              <td>${formatInteger(lang, s.customers)}</td>
              <td>${formatPercent(lang, s.share)}</td>
              <td>${Number.isFinite(s.revenueShare) ? formatPercent(lang, s.revenueShare) : '–'}</td>
              <td>${Number.isFinite(s.meanRecencyDays) ? formatAmount(lang, s.meanRecencyDays, 0) : '–'}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected renderResult(result: Rfm, lang: Lang, m: Messages): TemplateResult {
    const g = rfmGridMessages(lang);
    const largest = result.segments.reduce<Rfm['segments'][number] | undefined>((a, s) => (!a || s.customers > a.customers ? s : a), undefined);
    const takeaway = largest ? g.chartTakeaway(largest.label[lang], formatInteger(lang, largest.customers), formatPercent(lang, largest.share)) : '';
    return html`<div class="layout">
        <div class="chart" part="chart" role="figure" aria-label=${g.chartLabel} aria-describedby=${CHART_DESCRIPTION_ID}>
          <div class="grid"></div>
          <p class="note">${g.asOfNote(isoDate(result.asOf), formatInteger(lang, result.length))}</p>
        </div>
        ${chartDescription(m, takeaway, 'below')}
        ${this.segmentTable(result, lang)}
      </div>
      ${this.gridTable(result, lang)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rw-rfm-grid': RwRfmGrid;
  }
}
