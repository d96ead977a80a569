import { html, type TemplateResult } from 'lit';
import { dayAttribute } from '../shared/day-attribute.js';
import { isoDate } from '../../core/calendar.js';
import type { OrderTable } from '../../core/order-table.js';
import { formatAmount, formatInteger, formatMoney, formatPercent, formatPeriodKey } from '../../i18n/format.js';
import type { Lang, Messages } from '../../i18n/messages.js';
import { RwAnalysisElement, type SegmentMetricsRequest } from '../shared/analysis-element.js';
import { emit } from '../shared/events.js';
import type { ExportTable } from '../shared/export.js';
import { tileStyles, widgetStyles } from '../shared/styles.js';
import { KPI_KEYS, kpiValue, relativeChange, type KpiKey, type Kpis } from '../../analyses/kpi-windows.js';
import { kpisMessages, type KpisMessages } from './kpis.messages.js';
import { kpisStyles } from './kpis.styles.js';
import { hasNoData } from '../../core/pre-aggregated.js';

/** Detail of `rw-select` from <rw-kpis>: a tile of the current window and the customers behind it. */
export interface KpiSelectDetail {
  kpi: KpiKey;
  /** First and last day (ISO dates, inclusive) of the window the tile describes. */
  from: string;
  to: string;
  /** See `kpiCustomerIds`: the window's customers; with 2+ orders for the repurchase rate; the churned
   *  customers at the window end for the churn rate; every customer to date for the average CLV. */
  customerIds: string[];
}

declare module '../shared/events.js' {
  interface RwSelectDetailMap {
    'rw-kpis': KpiSelectDetail;
  }
}

interface KpiParams {
  /** The `as-of` attribute as given (parsed in compute, so a bad date shows the error state). */
  asOf: string;
  windowDays: number;
  inactiveDays: number | 'auto';
  horizonMonths: number;
}

/**
 * @summary KPI tiles: customers, repurchase rate (复购率), AOV (客单价), purchase frequency, churn
 * rate (流失率) and average CLV, each for the last `window-days` days up to `as-of`, with ▲/▼ and the
 * relative change against the window of the same length before it.
 *
 * Definitions (see `kpi-windows.ts`), window W = (end − window-days, end]:
 * - Customers: distinct customers with an order in W.
 * - Repurchase rate: share of W's customers with 2 or more orders in W.
 * - AOV: revenue of W's orders / number of W's orders.
 * - Purchase frequency: orders in W / customers in W.
 * - Churn rate: core `churn` as of the window end: of the customers with an order on or before the
 *   end, the share with no order in the last `inactive-days` days (one threshold for both windows;
 *   `auto` = p90 of repurchase intervals up to `as-of`).
 * - Average CLV: mean discounted CLV over `horizon-months` (default 12; 1 %/month) of every
 *   customer to date, BG/NBD + Gamma-Gamma fitted (in weeks) on the data up to the window end.
 *
 * @attr window-days - Window length in days (default 90).
 * @attr as-of - Last day of the current window, ISO `YYYY-MM-DD` (default: the last order day).
 * @attr inactive-days - Churn threshold in days, or `auto` (default).
 * @attr horizon-months - CLV horizon in months of 30 days (default 12).
 * @attr kind - What one row of the data is: `orders` (default). A CLI report (`retention-widgets report … --out report.json`) given as `src` is recognised by itself and shown without the orders (docs/pre-aggregated.md).
 *
 *
 * @fires {CustomEvent<RwLoadDetail>} rw-load - Data loaded.
 * @fires {CustomEvent<RwErrorDetail>} rw-error - Loading or computing failed (e.g. a bad `as-of`).
 * @fires {CustomEvent<KpiSelectDetail>} rw-select - A tile was clicked or activated: `{ kpi, from, to, customerIds }`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart caption - The line naming the two windows.
 * @csspart tiles - The list of tiles.
 * @csspart tile - One tile (a button).
 * @csspart change - The ▲/▼ change line of a tile.
 * @csspart summary - The rows read/accepted/rejected summary.
 * @csspart loading - The loading state.
 * @csspart empty - The "no orders" state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart export - The export toolbar (CSV of the tiles).
 * @csspart export-button - One export button.
 *
 * @cssproperty --rw-font-family - Font of the element.
 * @cssproperty --rw-font-size - Base font size.
 * @cssproperty --rw-color-text - Text colour.
 * @cssproperty --rw-color-muted - Labels and notes.
 * @cssproperty --rw-color-surface - Tile background.
 * @cssproperty --rw-color-border - Tile borders.
 * @cssproperty --rw-color-accent - Hover and focus.
 * @cssproperty --rw-color-good - An improvement (default green).
 * @cssproperty --rw-color-error - A deterioration.
 *
 * @example
 * <rw-kpis src="/orders.csv" window-days="30" currency="CNY" lang="zh-CN"></rw-kpis>
 */
export class RwKpis extends RwAnalysisElement<KpiParams, Kpis> {
  static override styles = [widgetStyles, tileStyles, kpisStyles];

  static override properties = {
    ...RwAnalysisElement.properties,
    windowDays: { type: Number, attribute: 'window-days', reflect: true },
    asOf: { type: String, attribute: 'as-of', reflect: true },
    inactiveDays: { type: String, attribute: 'inactive-days' },
    horizonMonths: { type: Number, attribute: 'horizon-months' },
  };

  declare windowDays: number;
  declare asOf: string | undefined;
  declare inactiveDays: string | number | undefined;
  declare horizonMonths: number;

  protected readonly exportName = 'kpis';

  constructor() {
    super();
    this.windowDays = 90;
    this.horizonMonths = 12;
  }

  protected analysisParams(): KpiParams {
    const w = Number(this.windowDays);
    const inactive = this.inactiveDays === undefined || this.inactiveDays === '' || this.inactiveDays === 'auto' ? 'auto' : Number(this.inactiveDays);
    const h = Number(this.horizonMonths);
    return {
      asOf: this.asOf ?? '',
      windowDays: Number.isInteger(w) && w >= 1 ? w : 90,
      inactiveDays: inactive === 'auto' || (Number.isFinite(inactive) && inactive >= 0) ? inactive : 'auto',
      horizonMonths: Number.isFinite(h) && h > 0 ? h : 12,
    };
  }

  /** Per segment (`breakdown`): the current window's customers, repurchase rate and AOV. */
  protected override segmentMetrics(p: KpiParams): SegmentMetricsRequest {
    return { metrics: ['windowCustomers', 'windowRepurchaseRate', 'windowAov'], asOf: dayAttribute(p.asOf, 'as-of'), windowDays: p.windowDays };
  }

  protected compute(orders: OrderTable, params: KpiParams, signal: AbortSignal): Kpis | Promise<Kpis> {
    if (hasNoData(orders)) return emptyKpis(params);
    // `kpiWindows` (kpi-windows.ts), in the shared compute worker when there is one.
    return this.runRegistered(orders, 'kpiWindows', {
      asOf: dayAttribute(params.asOf, 'as-of'),
      windowDays: params.windowDays,
      inactiveDays: params.inactiveDays,
      horizonMonths: params.horizonMonths,
    }, signal);
  }

  protected override isEmptyResult(result: Kpis): boolean {
    return result.current.customersToDate === 0;
  }

  /** One row per tile: metric, current, previous, relative change (raw numbers). */
  protected exportTable(result: Kpis, lang: Lang): ExportTable {
    const km = kpisMessages(lang);
    return {
      columns: [km.metric, `${km.current} ${isoDate(result.current.fromDay)}–${isoDate(result.current.toDay)}`, result.previous ? `${km.previous} ${isoDate(result.previous.fromDay)}–${isoDate(result.previous.toDay)}` : km.previous, km.change],
      rows: KPI_KEYS.map((key) => {
        const cur = kpiValue(result.current, key);
        const prev = result.previous ? kpiValue(result.previous, key) : undefined;
        return [km.labels[key], cur, prev, relativeChange(cur, prev)];
      }),
    };
  }

  private format(key: KpiKey, v: number, lang: Lang): string {
    if (!Number.isFinite(v)) return '–';
    switch (key) {
      case 'customers':
        return formatInteger(lang, v);
      case 'repurchaseRate':
      case 'churnRate':
        return formatPercent(lang, v);
      case 'aov':
      case 'averageClv':
        return formatMoney(lang, v, this.currency);
      case 'frequency':
        return formatAmount(lang, v, 2);
    }
  }

  private select(key: KpiKey): void {
    const w = this.analysis.result?.current;
    if (!w) return;
    void this.selectCustomers<'kpiWindows'>({ kpi: key }, { kpi: key, from: isoDate(w.fromDay), to: isoDate(w.toDay) });
  }

  private note(key: KpiKey, result: Kpis, lang: Lang, km: KpisMessages): string {
    if (key === 'churnRate') return km.notes.churnRate(formatInteger(lang, result.inactiveDays));
    if (key === 'averageClv') return km.notes.averageClv(formatInteger(lang, result.horizonMonths));
    return km.notes[key];
  }

  private change(key: KpiKey, result: Kpis, lang: Lang, km: KpisMessages): TemplateResult {
    const cur = kpiValue(result.current, key);
    const prev = result.previous ? kpiValue(result.previous, key) : undefined;
    const rel = relativeChange(cur, prev);
    if (prev === undefined) return html`<span class="tile-change" part="change" data-change="none"><span class="vs">${km.noPrevious}</span></span>`;
    // No relative change from 0 (or from a value that could not be computed): show the previous value only.
    if (!Number.isFinite(rel)) return html`<span class="tile-change" part="change" data-change="none"><span class="vs">${km.vsPrevious} (${this.format(key, prev, lang)})</span></span>`;
    // A rising churn rate is bad news; every other KPI is better when it rises.
    const better = key === 'churnRate' ? rel < 0 : rel > 0;
    const cls = rel === 0 ? '' : better ? 'good' : 'bad';
    const text = rel > 0 ? km.up(formatPercent(lang, rel)) : rel < 0 ? km.down(formatPercent(lang, -rel)) : km.same;
    return html`<span class="tile-change ${cls}" part="change" data-change=${rel}>${text} <span class="vs">${km.vsPrevious} (${this.format(key, prev!, lang)})</span></span>`;
  }

  protected renderResult(result: Kpis, lang: Lang, _m: Messages): TemplateResult {
    const km = kpisMessages(lang);
    const day = (d: number) => formatPeriodKey(lang, 'day', isoDate(d));
    return html`<div class="caption" part="caption">
        ${km.windowCaption(day(result.current.fromDay), day(result.current.toDay), formatInteger(lang, result.windowDays))}
      </div>
      <ul class="tiles" part="tiles" aria-label=${km.tilesLabel}>
        ${KPI_KEYS.map((key) => {
          const value = this.format(key, kpiValue(result.current, key), lang);
          return html`<li>
            <!-- No aria-label: the name is the visible text (label, value, change, note; WCAG 2.5.3
                 label in name), with what a click does read at its end. -->
            <button type="button" class="tile" part="tile" data-kpi=${key} @click=${() => this.select(key)}>
              <span class="tile-label">${km.labels[key]}</span>
              <span class="tile-value">${value}</span>
              ${this.change(key, result, lang, km)}
              <span class="tile-note">${this.note(key, result, lang, km)}</span>
              <span class="visually-hidden">${km.selectHint}</span>
            </button>
          </li>`;
        })}
      </ul>`;
  }
}

function emptyKpis(params: KpiParams): Kpis {
  const w = { fromDay: 0, toDay: 0, customers: 0, repeatCustomers: 0, repurchaseRate: 0, orders: 0, revenue: NaN, aov: NaN, ordersPerCustomer: 0, customersToDate: 0, churnedCustomers: 0, churnRate: 0, averageClv: NaN };
  return { asOf: 0, windowDays: params.windowDays, inactiveDays: 0, thresholdRule: 'given', horizonMonths: params.horizonMonths, current: w, previous: null };
}

declare global {
  interface HTMLElementTagNameMap {
    'rw-kpis': RwKpis;
  }
}
