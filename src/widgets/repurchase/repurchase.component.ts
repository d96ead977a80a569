import { DEFAULT_PERIOD, type Period } from '../../core/calendar.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { ItemRepurchase, Repurchase } from '../../core/repurchase.js';
import type { OrderTable } from '../../core/order-table.js';
import {
  repurchaseCycleData,
  repurchaseCycleSpec,
  repurchaseFrequencyBars,
  repurchaseFrequencySpec,
  repurchaseTrendSpec,
  type RepurchaseChartOptions,
} from '../../charts/repurchase.js';
import { formatAmount, formatInteger, formatMoney, formatPercent, formatPeriodKey } from '../../i18n/format.js';
import type { Lang, Messages } from '../../i18n/messages.js';
import { chartDescription, CHART_DESCRIPTION_ID } from '../shared/templates.js';
import { RwAnalysisElement, type SegmentMetricsRequest } from '../shared/analysis-element.js';
import { emit } from '../shared/events.js';
import type { ExportTable } from '../shared/export.js';
import { ResizeController } from '../shared/resize-controller.js';
import { tileStyles, widgetStyles } from '../shared/styles.js';
import { VegaChart, type VegaView } from '../shared/vega-chart.js';
import { repurchaseMessages, type RepurchaseMessages } from '../../i18n/repurchase.js';
import { repurchaseStyles } from './repurchase.styles.js';
import { orderRows } from '../../core/pre-aggregated.js';


/**
 * Detail of `rw-select` from <rw-repurchase>:
 * - `frequency`: a bar of the frequency distribution → customers with `orders` orders (`orPlus`: or more);
 * - `cycle`: a histogram bin → customers with at least one interval of `fromDays <= days < toDays`
 *   between consecutive purchase days (`toDays` null for the open last bin);
 * - `product` / `category`: a row of the top table → the item's repeat buyers (2+ distinct days).
 */
export type RepurchaseSelectDetail =
  | { kind: 'frequency'; orders: number; orPlus: boolean; customerIds: string[] }
  | { kind: 'cycle'; fromDays: number; toDays: number | null; customerIds: string[] }
  | { kind: 'product' | 'category'; item: string; customerIds: string[] };

declare module '../shared/events.js' {
  interface RwSelectDetailMap {
    'rw-repurchase': RepurchaseSelectDetail;
  }
}

interface RepurchaseParams {
  period: Period;
  withinDays: number;
}

/**
 * @summary Repurchase analysis (复购分析): headline tiles (repurchase rate, AOV, orders per
 * customer, median repurchase cycle, time to second order), the repurchase rate per period, the
 * repurchase-cycle histogram with its quartiles, the distribution of orders per customer and,
 * when a product or category column is mapped, the most repurchased items. Every number is core's
 * `repurchase()` result; see its doc comment for the exact definitions.
 *
 * @attr period - Period of the trend: `month` (default), `week` (ISO) or `day`.
 * @attr within-days - N of "bought again within N days" in the trend (default 30).
 * @attr top - Rows of the top products / categories tables (default 10).
 * @attr kind - What one row of the data is: `orders` (default). A CLI report (`retention-widgets report … --out report.json`) given as `src` is recognised by itself and shown without the orders (docs/pre-aggregated.md).
 *
 *
 * @fires {CustomEvent<RwLoadDetail>} rw-load - Data loaded: `{ rowsAccepted, rowsRejected, customers, ms }`.
 * @fires {CustomEvent<RwErrorDetail>} rw-error - Loading or computing failed: `{ message, code }`.
 * @fires {CustomEvent<RepurchaseSelectDetail>} rw-select - A frequency bar, a cycle bin or an item row was
 *   clicked or activated: `{ kind, …, customerIds }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart tiles - The list of headline numbers.
 * @csspart tile - One headline number.
 * @csspart chart - The charts (trend, cycle histogram, frequency distribution).
 * @csspart items - The top repurchased products / categories tables.
 * @csspart table - The visually hidden data tables of the charts (shown while a button has focus).
 * @csspart summary - The rows read/accepted/rejected summary.
 * @csspart loading - The loading state.
 * @csspart empty - The "no orders" state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart tooltip - The chart tooltip.
 * @csspart export - The export toolbar (CSV of the per-period table, PNG / SVG of each chart).
 * @csspart export-button - One export button.
 *
 * @cssproperty --rw-font-family - Font of the element and the charts.
 * @cssproperty --rw-font-size - Base font size.
 * @cssproperty --rw-color-text - Text colour (also axis labels and quartile rules).
 * @cssproperty --rw-color-muted - Secondary text colour.
 * @cssproperty --rw-color-background - Background of the element.
 * @cssproperty --rw-color-surface - Background of the tiles and state panels.
 * @cssproperty --rw-color-border - Borders.
 * @cssproperty --rw-color-accent - Bars, the main trend line and focus rings.
 *
 * @example
 * <rw-repurchase src="/orders.parquet" customer-field="CustomerID" order-field="InvoiceNo"
 *   date-field="InvoiceDate" amount-field="Quantity*UnitPrice" product-field="StockCode" currency="GBP"></rw-repurchase>
 */
export class RwRepurchase extends RwAnalysisElement<RepurchaseParams, Repurchase> {
  static override styles = [widgetStyles, tileStyles, repurchaseStyles];

  static override properties = {
    ...RwAnalysisElement.properties,
    period: { type: String, reflect: true },
    withinDays: { type: Number, attribute: 'within-days', reflect: true },
    top: { type: Number },
  };

  declare period: Period;
  declare withinDays: number;
  declare top: number;

  protected readonly exportName = 'repurchase';
  private readonly trend = new VegaChart(this);
  private readonly cycle = new VegaChart(this);
  private readonly frequency = new VegaChart(this);
  private readonly size = new ResizeController(this, () => this.renderRoot.querySelector('.chart'));

  constructor() {
    super();
    this.period = DEFAULT_PERIOD;
    this.withinDays = 30;
    this.top = 10;
  }

  /** The Vega view of the trend (dataset `trend`), once drawn. */
  get trendView(): VegaView | undefined {
    return this.trend.view;
  }

  /** The Vega view of the cycle histogram (datasets `bins`, `rules`), once drawn. */
  get cycleView(): VegaView | undefined {
    return this.cycle.view;
  }

  /** The Vega view of the frequency distribution (dataset `frequency`), once drawn. */
  get frequencyView(): VegaView | undefined {
    return this.frequency.view;
  }


  protected analysisParams(): RepurchaseParams {
    const period: Period = this.period === 'week' || this.period === 'day' ? this.period : DEFAULT_PERIOD;
    const n = Number(this.withinDays);
    return { period, withinDays: Number.isFinite(n) && n >= 1 ? Math.floor(n) : 30 };
  }

  /** Per segment (`breakdown`): bought again within `within-days` of the first purchase, and the headline repurchase rate. */
  protected override segmentMetrics(p: RepurchaseParams): SegmentMetricsRequest {
    return { metrics: ['repurchaseWithinDays', 'repurchaseRate'], period: p.period, withinDays: p.withinDays };
  }

  protected compute(orders: OrderTable, params: RepurchaseParams, signal: AbortSignal): Promise<Repurchase> {
    // Core `repurchase`, in the shared compute worker when there is one.
    return this.runRegistered(orders, 'repurchase', params, signal);
  }

  protected override isEmptyResult(result: Repurchase): boolean {
    return result.customers === 0;
  }

  protected override charts(): VegaChart[] {
    return [this.trend, this.cycle, this.frequency];
  }

  /** The per-period table (the trend's data), one row per period. */
  protected exportTable(result: Repurchase, lang: Lang): ExportTable {
    const m = repurchaseMessages(lang);
    const n = formatInteger(lang, result.withinDays);
    return {
      columns: [m.period, m.buyers, `${m.repeaters}: ${m.withinNDays(n)}`, m.withinNDays(n), `${m.repeaters}: ${m.withinPeriod(result.period)}`, m.withinPeriod(result.period), m.partial, m.censored],
      rows: result.perPeriod.map((r) => [r.period, r.buyers, r.repeatersWithinNDays, r.repeatedWithinNDays, r.repeatersWithinPeriod, r.repeatedWithinPeriod, r.partial, r.windowCensored]),
    };
  }


  protected override drawCharts(result: Repurchase, lang: Lang): void {
    const chartEl = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!chartEl) return;
    const width = this.size.width || chartEl.clientWidth || 640;
    if (!this.chartsStale(result, lang, width)) return;
    const theme = this.chartTheme();
    const options: RepurchaseChartOptions = { lang, width, ...theme };
    const tooltip = this.tooltipTarget;
    void this.trend.render(chartEl.querySelector<HTMLElement>('.trend')!, repurchaseTrendSpec(result, options), { tooltip });
    void this.cycle.render(chartEl.querySelector<HTMLElement>('.cycle')!, repurchaseCycleSpec(result, options), {
      tooltip,
      onClick: (datum) => {
        if (datum && typeof datum.bin === 'number' && typeof datum.fromDays === 'number') this.selectCycle(datum.fromDays, (datum.toDays as number | null) ?? null);
      },
    });
    void this.frequency.render(chartEl.querySelector<HTMLElement>('.frequency')!, repurchaseFrequencySpec(result, options), {
      tooltip,
      onClick: (datum) => {
        if (datum && typeof datum.orders === 'number') this.selectFrequency(datum.orders, datum.orPlus === true);
      },
    });
  }

  private selectFrequency(orders: number, orPlus: boolean): void {
    void this.selectCustomers<'repurchase'>({ kind: 'frequency', orders, orPlus }, { kind: 'frequency', orders, orPlus });
  }

  private selectCycle(fromDays: number, toDays: number | null): void {
    void this.selectCustomers<'repurchase'>({ kind: 'cycle', fromDays, toDays }, { kind: 'cycle', fromDays, toDays });
  }

  private selectItem(kind: 'product' | 'category', item: string): void {
    void this.selectCustomers<'repurchase'>({ kind, item }, { kind, item });
  }

  private onTablesClick = (event: Event): void => {
    const button = (event.target as Element | null)?.closest?.('button[data-kind]') as HTMLButtonElement | null;
    if (!button) return;
    const { kind } = button.dataset;
    if (kind === 'frequency') this.selectFrequency(Number(button.dataset.orders), button.dataset.orPlus === 'true');
    else if (kind === 'cycle') this.selectCycle(Number(button.dataset.from), button.dataset.to ? Number(button.dataset.to) : null);
    else if (kind === 'product' || kind === 'category') this.selectItem(kind, button.dataset.item!);
  };

  private days(lang: Lang, rm: RepurchaseMessages, v: number): string {
    return Number.isFinite(v) ? rm.days(formatAmount(lang, v, 1)) : '–';
  }

  private tiles(result: Repurchase, lang: Lang, rm: RepurchaseMessages): TemplateResult {
    const tile = (key: string, label: string, value: string, note = '') =>
      html`<li class="tile" part="tile" data-tile=${key}>
        <div class="tile-label">${label}</div>
        <div class="tile-value">${value}</div>
        ${note ? html`<div class="tile-note">${note}</div>` : nothing}
      </li>`;
    const i = result.intervalDays;
    const s = result.timeToSecondOrder;
    const range = (d: typeof i) => (Number.isFinite(d.p25) ? rm.quartileRange(formatAmount(lang, d.p25, 1), this.days(lang, rm, d.p75)) : '');
    return html`<ul class="tiles" part="tiles" aria-label=${rm.tilesLabel}>
      ${tile('repurchaseRate', rm.repurchaseRate, formatPercent(lang, result.repurchaseRate), rm.repurchaseRateNote)}
      ${tile('customers', rm.customers, formatInteger(lang, result.customers))}
      ${tile('repeatCustomers', rm.repeatCustomers, formatInteger(lang, result.repeatCustomers))}
      ${tile('aov', rm.aov, Number.isFinite(result.aov) ? formatMoney(lang, result.aov, this.currency) : '–')}
      ${tile('ordersPerCustomer', rm.ordersPerCustomer, formatAmount(lang, result.ordersPerCustomer, 2))}
      ${tile('medianCycle', rm.medianCycle, this.days(lang, rm, i.median), range(i))}
      ${tile('timeToSecond', rm.timeToSecond, this.days(lang, rm, s.median), range(s))}
    </ul>`;
  }

  private itemsTable(kind: 'product' | 'category', rows: ItemRepurchase[], lang: Lang, rm: RepurchaseMessages): TemplateResult {
    const shown = rows.slice(0, Math.max(1, Math.floor(Number(this.top) || 10)));
    return html`<table data-items=${kind}>
      <caption>${kind === 'product' ? rm.productsTitle : rm.categoriesTitle}</caption>
      <thead>
        <tr>
          <th scope="col">${kind === 'product' ? rm.product : rm.category}</th>
          <th scope="col">${rm.buyers}</th>
          <th scope="col">${rm.repeatBuyers}</th>
          <th scope="col">${rm.repurchaseRate}</th>
          <th scope="col">${rm.medianCycleShort}</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (r) => html`<tr>
            <th scope="row">
              <button type="button" data-kind=${kind} data-item=${r.product} aria-label=${rm.itemButton(r.product, formatInteger(lang, r.repeatBuyers))}>${r.product}</button>
            </th>
            <td>${formatInteger(lang, r.buyers)}</td>
            <td>${formatInteger(lang, r.repeatBuyers)}</td>
            <td>${formatPercent(lang, r.repurchaseRate)}</td>
            <td>${this.days(lang, rm, r.medianCycleDays)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** Visually hidden tables of the three charts; bins and bars are buttons (the keyboard path to rw-select). */
  private dataTables(result: Repurchase, lang: Lang, rm: RepurchaseMessages): TemplateResult {
    const { bins, rules } = repurchaseCycleData(result, lang);
    const bars = repurchaseFrequencyBars(result, lang);
    const n = formatInteger(lang, result.withinDays);
    return html`<div class="data-tables visually-hidden" part="table" @click=${this.onTablesClick}>
      <table data-table="trend">
        <caption>${rm.trendTitle(result.period)}</caption>
        <thead>
          <tr><th scope="col">${rm.period}</th><th scope="col">${rm.buyers}</th><th scope="col">${rm.withinNDays(n)}</th><th scope="col">${rm.withinPeriod(result.period)}</th></tr>
        </thead>
        <tbody>
          ${result.perPeriod.map(
            (r) => html`<tr data-period=${r.period}>
              <th scope="row">${formatPeriodKey(lang, result.period, r.period)}</th>
              <td>${formatInteger(lang, r.buyers)}</td>
              <td>${formatPercent(lang, r.repeatedWithinNDays)}</td>
              <td>${formatPercent(lang, r.repeatedWithinPeriod)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <table data-table="cycle">
        <caption>${rm.cycleTitle}: ${rules.map((r) => `${r.label} ${r.tipDays}`).join(', ')}</caption>
        <thead><tr><th scope="col">${rm.cycleAxis}</th><th scope="col">${rm.intervals}</th></tr></thead>
        <tbody>
          ${bins.map(
            (b) => html`<tr>
              <th scope="row">${b.label}</th>
              <td>
                <button type="button" data-kind="cycle" data-from=${b.fromDays} data-to=${b.toDays ?? ''} data-count=${b.count} aria-label=${rm.binButton(b.label, b.tipCount)}>${b.tipCount}</button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
      <table data-table="frequency">
        <caption>${rm.frequencyTitle}</caption>
        <thead><tr><th scope="col">${rm.ordersAxis}</th><th scope="col">${rm.customersAxis}</th></tr></thead>
        <tbody>
          ${bars.map(
            (b) => html`<tr>
              <th scope="row">${b.label}</th>
              <td>
                <button type="button" data-kind="frequency" data-orders=${b.orders} data-or-plus=${String(b.orPlus)} data-count=${b.customers} aria-label=${rm.frequencyButton(b.label, b.tipCustomers)}>${b.tipCustomers}</button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected renderResult(result: Repurchase, lang: Lang, m: Messages): TemplateResult {
    const rm = repurchaseMessages(lang);
    const items = [
      result.byProduct ? this.itemsTable('product', result.byProduct, lang, rm) : nothing,
      result.byCategory ? this.itemsTable('category', result.byCategory, lang, rm) : nothing,
    ];
    return html`${this.tiles(result, lang, rm)}
      <div part="chart" class="chart" role="figure" aria-label=${rm.chartLabel} aria-describedby=${CHART_DESCRIPTION_ID}>
        <div class="trend"></div>
        <div class="cycle"></div>
        <div class="frequency"></div>
      </div>
      ${chartDescription(m, rm.chartTakeaway(formatPercent(lang, result.repurchaseRate), formatInteger(lang, result.repeatCustomers), formatInteger(lang, result.customers)), 'below')}
      ${result.byProduct || result.byCategory ? html`<div class="items" part="items" @click=${this.onTablesClick}>${items}</div>` : nothing}
      ${this.dataTables(result, lang, rm)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rw-repurchase': RwRepurchase;
  }
}
