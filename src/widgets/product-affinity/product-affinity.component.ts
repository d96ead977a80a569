import { html, nothing, type TemplateResult } from 'lit';
import type { OrderTable } from '../../core/order-table.js';
import type { AffinityPair, ItemKind } from '../../core/product-affinity.js';
import type { ProductAffinityAnalysis, ProductAffinityParams } from '../../analyses/product-affinity-analysis.js';
import { affinityHeatmapSpec } from '../../charts/product-affinity.js';
import { formatAmount, formatInteger, formatPercent } from '../../i18n/format.js';
import type { Lang, Messages } from '../../i18n/messages.js';
import { chartDescription, CHART_DESCRIPTION_ID } from '../shared/templates.js';
import { productAffinityMessages, type ProductAffinityMessages } from '../../i18n/product-affinity.js';
import { RwAnalysisElement } from '../shared/analysis-element.js';
import type { ExportTable } from '../shared/export.js';
import { ResizeController } from '../shared/resize-controller.js';
import { listTableStyles, tileStyles, widgetStyles } from '../shared/styles.js';
import { VegaChart, type VegaView } from '../shared/vega-chart.js';
import { productAffinityStyles } from './product-affinity.styles.js';

/** Column the pairs table is sorted by (descending; ties keep core's order: orders, then ids). */
export type AffinitySortKey = 'orders' | 'support' | 'confidenceAB' | 'confidenceBA' | 'lift';
const SORT_KEYS: readonly AffinitySortKey[] = ['orders', 'support', 'confidenceAB', 'confidenceBA', 'lift'];

/**
 * Detail of `rw-select` from <rw-product-affinity>:
 * - `pair`: a row of the pairs table or a heatmap cell → the customers with an order holding both `a` and `b`;
 * - `next`: a row of the next-purchase table → the customers whose next purchase after `after` held
 *   `item` (`item: null`: the customers who never ordered again).
 */
export type ProductAffinitySelectDetail =
  | { kind: 'pair'; by: ItemKind; a: string; b: string; customerIds: string[] }
  | { kind: 'next'; by: ItemKind; after: string; item: string | null; customerIds: string[] };

declare module '../shared/events.js' {
  interface RwSelectDetailMap {
    'rw-product-affinity': ProductAffinitySelectDetail;
  }
}

const positiveInt = (v: unknown, fallback: number): number => {
  const n = Number(v);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback;
};

/**
 * @summary Products bought together and bought next (关联分析): the top pairs of items bought in
 * one order with support (支持度), confidence (置信度) both ways and lift (提升度), a lift heatmap of
 * the most-ordered items, basket sizes for context, and what customers bought next after a chosen
 * item with the median days. Every number is core's `productAffinity`, `basketStats` and
 * `nextPurchase`; see their doc comments for the exact definitions.
 *
 * @attr by - `product` (default) or `category`: what is paired.
 * @attr min-orders - Pairs bought together in fewer orders are left out (default 2).
 * @attr top - Pairs kept, by orders (default 100).
 * @attr sort - Column of the pairs table: `orders` (default), `support`, `confidenceAB`, `confidenceBA` or `lift`.
 * @attr after - Item whose next purchases are shown (default: the first item of the top pair).
 * @attr within-days - Only a next purchase within this many days counts (default: any later day).
 * @attr matrix-items - Items in the lift heatmap (default 12).
 * @attr max-items-per-order - Orders with more distinct items are left out of every count (default: none).
 *
 *
 * @fires {CustomEvent<RwLoadDetail>} rw-load - Data loaded: `{ rowsAccepted, rowsRejected, customers, ms }`.
 * @fires {CustomEvent<RwErrorDetail>} rw-error - Loading or computing failed: `{ message, code }`.
 * @fires {CustomEvent<ProductAffinitySelectDetail>} rw-select - A pair row, a heatmap cell or a next-purchase
 *   row was clicked or activated: `{ kind, …, customerIds }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart tiles - The basket headline numbers.
 * @csspart tile - One headline number.
 * @csspart pairs - The pairs table.
 * @csspart chart - The lift heatmap.
 * @csspart next - The next-purchase view.
 * @csspart summary - The rows read/accepted/rejected summary.
 * @csspart loading - The loading state.
 * @csspart empty - The "no orders" state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart tooltip - The chart tooltip.
 * @csspart export - The export toolbar (CSV of the pairs, PNG / SVG of the heatmap).
 * @csspart export-button - One export button.
 *
 * @cssproperty --rw-font-family - Font of the element and the chart.
 * @cssproperty --rw-font-size - Base font size.
 * @cssproperty --rw-color-text - Text colour.
 * @cssproperty --rw-color-muted - Secondary text colour.
 * @cssproperty --rw-color-background - Background of the element.
 * @cssproperty --rw-color-surface - Background of the tiles and state panels.
 * @cssproperty --rw-color-border - Borders.
 * @cssproperty --rw-color-accent - Focus rings.
 *
 * @example
 * <rw-product-affinity src="/orders.parquet" customer-field="CustomerID" order-field="InvoiceNo"
 *   date-field="InvoiceDate" amount-field="Quantity*UnitPrice" product-field="StockCode"
 *   product-name-field="Description" min-orders="20"></rw-product-affinity>
 */
export class RwProductAffinity extends RwAnalysisElement<ProductAffinityParams, ProductAffinityAnalysis> {
  static override styles = [widgetStyles, tileStyles, listTableStyles, productAffinityStyles];

  static override properties = {
    ...RwAnalysisElement.properties,
    by: { type: String, reflect: true },
    minOrders: { type: Number, attribute: 'min-orders' },
    top: { type: Number },
    sort: { type: String, reflect: true },
    afterItem: { type: String, attribute: 'after' },
    withinDays: { type: Number, attribute: 'within-days' },
    matrixItems: { type: Number, attribute: 'matrix-items' },
    maxItemsPerOrder: { type: Number, attribute: 'max-items-per-order' },
  };

  declare by: ItemKind;
  declare minOrders: number;
  declare top: number;
  declare sort: AffinitySortKey;
  /** The `after` attribute (a property of its own name would hide `Element.after()`). */
  declare afterItem: string | undefined;
  declare withinDays: number | undefined;
  declare matrixItems: number;
  declare maxItemsPerOrder: number | undefined;
  declare productNameField: string | undefined;

  protected readonly exportName = 'product-affinity';
  private readonly heatmap = new VegaChart(this);
  private readonly size = new ResizeController(this, () => this.renderRoot.querySelector('.heatmap'));

  constructor() {
    super();
    this.by = 'product';
    this.minOrders = 2;
    this.top = 100;
    this.sort = 'orders';
    this.matrixItems = 12;
  }

  /** The Vega view of the lift heatmap (dataset `cells`), once drawn. */
  get heatmapView(): VegaView | undefined {
    return this.heatmap.view;
  }

  protected analysisParams(): ProductAffinityParams {
    const params: ProductAffinityParams = {
      by: this.by === 'category' ? 'category' : 'product',
      minOrders: positiveInt(this.minOrders, 2),
      top: positiveInt(this.top, 100),
      matrixItems: Math.min(40, positiveInt(this.matrixItems, 12)),
    };
    if (this.maxItemsPerOrder !== undefined && this.maxItemsPerOrder !== null) params.maxItemsPerOrder = positiveInt(this.maxItemsPerOrder, Infinity);
    if (this.afterItem) params.after = String(this.afterItem);
    if (this.withinDays !== undefined && this.withinDays !== null) params.withinDays = positiveInt(this.withinDays, Infinity);
    return params;
  }

  protected compute(orders: OrderTable, params: ProductAffinityParams, signal: AbortSignal): Promise<ProductAffinityAnalysis> {
    // Core productAffinity + basketStats + nextPurchase, in the shared compute worker when there is one.
    return this.runRegistered(orders, 'productAffinity', params, signal);
  }

  protected override isEmptyResult(result: ProductAffinityAnalysis, orders: OrderTable): boolean {
    return orders.length === 0 && result.affinity.orders === 0;
  }

  protected override charts(): VegaChart[] {
    return [this.heatmap];
  }

  /** The pairs in the table's order. */
  sortedPairs(result: ProductAffinityAnalysis): AffinityPair[] {
    const key = SORT_KEYS.includes(this.sort) ? this.sort : 'orders';
    // Array sort is stable: ties keep core's order (orders desc, then a, b by id).
    return [...result.affinity.pairs].sort((x, y) => y[key] - x[key]);
  }

  protected exportTable(result: ProductAffinityAnalysis, lang: Lang): ExportTable {
    const m = productAffinityMessages(lang);
    const names = result.affinity.pairs.some((p) => p.aName !== undefined);
    return {
      columns: [m.itemA, ...(names ? [`${m.itemA} (name)`] : []), m.itemB, ...(names ? [`${m.itemB} (name)`] : []), m.orders, m.support, m.confidenceAB, m.confidenceBA, m.lift],
      rows: this.sortedPairs(result).map((p) => [p.a, ...(names ? [p.aName] : []), p.b, ...(names ? [p.bName] : []), p.orders, p.support, p.confidenceAB, p.confidenceBA, p.lift]),
    };
  }

  protected override drawCharts(result: ProductAffinityAnalysis, lang: Lang): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.heatmap');
    const matrix = result.affinity.matrix;
    if (!el || !matrix || matrix.items.length < 2) return;
    const width = this.size.width || el.clientWidth || 640;
    if (!this.chartsStale(result, lang, width)) return;
    const theme = this.chartTheme();
    void this.heatmap.render(el, affinityHeatmapSpec(matrix, { lang, width, font: theme.font, textColor: theme.textColor }), {
      tooltip: this.tooltipTarget,
      onClick: (datum) => {
        if (datum && typeof datum.a === 'string' && typeof datum.b === 'string') this.selectPair(datum.a, datum.b);
      },
    });
  }

  private selectPair(a: string, b: string): void {
    const by = this.analysis.result?.affinity.by;
    if (!by) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    void this.selectCustomers<'productAffinity'>({ kind: 'pair', a: x, b: y }, { kind: 'pair', by, a: x, b: y });
  }

  private selectNext(item: string | null): void {
    const next = this.analysis.result?.next;
    if (!next) return;
    void this.selectCustomers<'productAffinity'>({ kind: 'next', item }, { kind: 'next', by: next.by, after: next.after, item });
  }

  private onClick = (event: Event): void => {
    const button = (event.target as Element | null)?.closest?.('button[data-kind]') as HTMLButtonElement | null;
    if (!button) return;
    const d = button.dataset;
    if (d.kind === 'pair') this.selectPair(d.a!, d.b!);
    else if (d.kind === 'next') this.selectNext(d.never === 'true' ? null : d.item!);
    else if (d.kind === 'sort') this.sort = d.sort as AffinitySortKey;
  };

  private onFollow = (event: Event): void => {
    this.afterItem = (event.target as HTMLSelectElement).value;
  };

  private itemCell(id: string, name: string | undefined): TemplateResult {
    return html`${id}${name ? html`<span class="name">${name}</span>` : nothing}`;
  }

  private tiles(result: ProductAffinityAnalysis, lang: Lang, pm: ProductAffinityMessages): TemplateResult {
    const b = result.basket;
    const tile = (key: string, label: string, value: string) =>
      html`<li class="tile" part="tile" data-tile=${key}><div class="tile-label">${label}</div><div class="tile-value">${value}</div></li>`;
    return html`<ul class="tiles" part="tiles" aria-label=${pm.tilesLabel}>
      ${tile('orders', pm.basketOrders, formatInteger(lang, b.orders))}
      ${tile('medianItems', pm.medianItems, Number.isFinite(b.itemsPerOrder.median) ? formatAmount(lang, b.itemsPerOrder.median, 1) : '–')}
      ${tile('multiItemShare', pm.multiItemShare, formatPercent(lang, b.multiItemShare))}
    </ul>
    ${result.affinity.skippedOrders > 0
      ? html`<p class="note" data-note="skipped">${pm.skipped(formatInteger(lang, result.affinity.skippedOrders), formatInteger(lang, result.affinity.maxItemsPerOrder ?? 0))}</p>`
      : nothing}`;
  }

  private pairsTable(result: ProductAffinityAnalysis, lang: Lang, pm: ProductAffinityMessages): TemplateResult {
    const pairs = this.sortedPairs(result);
    const sortKey = SORT_KEYS.includes(this.sort) ? this.sort : 'orders';
    const head = (key: AffinitySortKey, label: string) =>
      html`<th scope="col" class="num" aria-sort=${sortKey === key ? 'descending' : 'none'}>
        <button type="button" data-kind="sort" data-sort=${key} aria-pressed=${String(sortKey === key)}>${label}${sortKey === key ? ' ▼' : ''}</button>
      </th>`;
    if (!pairs.length) return html`<p class="note" data-note="no-pairs">${pm.noPairs}</p>`;
    return html`<div class="table-wrap">
      <table class="list" data-table="pairs">
        <caption>${pm.pairsTitle}</caption>
        <thead>
          <tr>
            <th scope="col">${pm.itemA}</th>
            <th scope="col">${pm.itemB}</th>
            ${head('orders', pm.orders)} ${head('support', pm.support)} ${head('confidenceAB', pm.confidenceAB)}
            ${head('confidenceBA', pm.confidenceBA)} ${head('lift', pm.lift)}
          </tr>
        </thead>
        <tbody>
          ${pairs.map(
            (p) => html`<tr data-a=${p.a} data-b=${p.b}>
              <th scope="row">${this.itemCell(p.a, p.aName)}</th>
              <td>${this.itemCell(p.b, p.bName)}</td>
              <td class="num">
                <button type="button" data-kind="pair" data-a=${p.a} data-b=${p.b} aria-label=${pm.pairButton(p.aName || p.a, p.bName || p.b, formatInteger(lang, p.orders))}>${formatInteger(lang, p.orders)}</button>
              </td>
              <td class="num">${formatPercent(lang, p.support, 2)}</td>
              <td class="num">${formatPercent(lang, p.confidenceAB)}</td>
              <td class="num">${formatPercent(lang, p.confidenceBA)}</td>
              <td class="num">${formatAmount(lang, p.lift, 2)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private nextView(result: ProductAffinityAnalysis, lang: Lang, pm: ProductAffinityMessages): TemplateResult {
    const next = result.next;
    if (!next) return html``;
    const names = new Map<string, string>();
    for (const p of result.affinity.pairs) {
      names.set(p.a, p.aName ?? '');
      names.set(p.b, p.bName ?? '');
    }
    const label = (id: string, name?: string) => (name ? `${id} ${name}` : id);
    const choices = [...new Set([next.after, ...result.affinity.pairs.flatMap((p) => [p.a, p.b])])];
    const days = (v: number) => (Number.isFinite(v) ? pm.days(formatAmount(lang, v, 0)) : '–');
    return html`<div class="next-wrap" part="next">
      <label class="follow-form">${pm.followItem}
        <select data-control="after" @change=${this.onFollow}>
          ${choices.map((id) => html`<option value=${id} ?selected=${id === next.after}>${label(id, id === next.after ? next.afterName : names.get(id))}</option>`)}
        </select>
      </label>
      ${next.status === 'unknown-item'
        ? html`<p class="note" data-note="unknown-item">${pm.unknownItem(next.after)}</p>`
        : html`<p class="note" data-note="next-summary">${pm.nextSummary(formatInteger(lang, next.customers), formatInteger(lang, next.nextCustomers), formatInteger(lang, next.neverAgainCustomers))}</p>
          <div class="table-wrap">
            <table class="list" data-table="next">
              <caption>${pm.nextTitle(label(next.after, next.afterName))}</caption>
              <thead>
                <tr><th scope="col">${pm.nextItem}</th><th scope="col" class="num">${pm.customers}</th><th scope="col" class="num">${pm.share}</th><th scope="col" class="num">${pm.medianDays}</th></tr>
              </thead>
              <tbody>
                ${next.items.map(
                  (r) => html`<tr data-item=${r.item}>
                    <th scope="row">${this.itemCell(r.item, r.name)}</th>
                    <td class="num"><button type="button" data-kind="next" data-item=${r.item} aria-label=${pm.nextButton(r.name || r.item, formatInteger(lang, r.customers))}>${formatInteger(lang, r.customers)}</button></td>
                    <td class="num">${formatPercent(lang, r.share)}</td>
                    <td class="num">${days(r.medianDays)}</td>
                  </tr>`,
                )}
                <tr data-item="">
                  <th scope="row">${pm.neverAgain}</th>
                  <td class="num"><button type="button" data-kind="next" data-never="true" aria-label=${pm.nextButton(pm.neverAgain, formatInteger(lang, next.neverAgainCustomers))}>${formatInteger(lang, next.neverAgainCustomers)}</button></td>
                  <td class="num">${formatPercent(lang, next.neverAgainShare)}</td>
                  <td class="num">–</td>
                </tr>
              </tbody>
            </table>
          </div>`}
    </div>`;
  }

  protected renderResult(result: ProductAffinityAnalysis, lang: Lang, m: Messages): TemplateResult {
    const pm = productAffinityMessages(lang);
    if (result.affinity.status === 'no-item-column') return html`<p class="note" data-note="no-items">${pm.noItems}</p>`;
    // Pairs come most-ordered first (core's order).
    const top = result.affinity.pairs[0];
    return html`${this.tiles(result, lang, pm)}
      <div class="layout" @click=${this.onClick}>
        <div class="pairs-wrap" part="pairs">${this.pairsTable(result, lang, pm)}</div>
        ${this.nextView(result, lang, pm)}
      </div>
      <div part="chart" class="heatmap" role="figure" aria-label=${pm.chartLabel} aria-describedby=${CHART_DESCRIPTION_ID}></div>
      ${chartDescription(m, top ? pm.chartTakeaway(top.aName || top.a, top.bName || top.b, formatInteger(lang, top.orders)) : pm.chartTakeawayNoPairs, 'above')}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rw-product-affinity': RwProductAffinity;
  }
}
