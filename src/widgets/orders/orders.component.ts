import { html, nothing, type PropertyValues } from 'lit';
import { dayAttribute } from '../shared/day-attribute.js';
import type { OrderTable } from '../../core/order-table.js';
import { hasNoData } from '../../core/pre-aggregated.js';
import { LoadError, type LoadReport } from '../../data/types.js';
import { formatInteger } from '../../i18n/format.js';
import { LangController } from '../../i18n/lang-controller.js';
import { messagesFor } from '../../i18n/messages.js';
import { AnalysisController, type AnalysisStatus } from '../shared/analysis-controller.js';
import type { RwErrorDetail } from '../shared/events.js';
import { abortable, announceSource, QUIET_CHANGE, SOURCE_CHANGE_EVENT, type LinkedLoad, type OrdersSourceElement } from '../shared/linked-source.js';
import { LOAD_PROPERTIES, SOURCE_PROPERTY_NAMES, sourceOf } from '../shared/source-attributes.js';
import { RwSourceElement } from '../shared/source-element.js';
import { appendOrders } from '../../data/append-orders.js';
import type { OrdersInput } from '../../data/types.js';
import { progressText } from '../shared/templates.js';
import { ordersMessagesFor } from './orders.messages.js';
import { ordersStyles } from './orders.styles.js';
import { runAnalysis } from '../../worker/client.js';
import type { SourceFilterParams } from '../../analyses/registry.js';
import type { SegmentAssign } from '../../core/breakdown.js';

/** The filters of the source, as the attributes give them (parsed inside the compute, so a bad date is an error state). */
interface FilterParams {
  from: string | undefined;
  to: string | undefined;
  customers: readonly string[] | null;
  segment: SourceFilterParams['segment'];
}

const LOAD_PROPERTY_NAMES = SOURCE_PROPERTY_NAMES.filter((p) => p in LOAD_PROPERTIES);
const FILTER_PROPERTY_NAMES = ['from', 'to', 'customers', 'segmentBy', 'segment', 'segmentAssign'] as const;

/** The filter as one pure step: what every linked widget receives. */
function applyFilters(orders: OrderTable, p: FilterParams, signal: AbortSignal): OrderTable | Promise<OrderTable> {
  const fromDay = dayAttribute(p.from, 'from');
  const toDay = dayAttribute(p.to, 'to');
  if (fromDay === undefined && toDay === undefined && p.customers === null && !p.segment) return orders;
  // Runs where the orders live (the shared compute worker when there is one); a filtered table stays
  // there too, so the linked widgets' analyses do not send it back.
  const params: SourceFilterParams = { fromDay, toDay, customers: p.customers };
  if (p.segment) params.segment = p.segment;
  return runAnalysis(orders, 'filterOrders', params, signal);
}

type Waiter = { resolve: (load: LinkedLoad) => void; reject: (error: unknown) => void };

/**
 * @summary A data source for the widgets of a page: loads and parses the orders once; every widget
 * with `source="<id>"` uses them, filtered by the source's date range and customer segment.
 *
 * It draws no chart, only a one-line status (loading progress, rows accepted · rejected, active
 * filters); hide it with the `hidden` attribute. Filters produce one new order table per change,
 * shared by every linked widget (each widget then recomputes once).
 *
 * @attr id - The id linked widgets name in their `source` attribute (same document or shadow root).
 * @attr kind - What one row of the data is: `orders` (default), `customer-summary` or `cohort-matrix`: pre-aggregated data for the linked widgets that can use it (docs/pre-aggregated.md). A CLI report (JSON) is recognised by itself.
 * @attr from - First order day kept, `YYYY-MM-DD` (inclusive; a calendar day in `time-zone`).
 * @attr to - Last order day kept, `YYYY-MM-DD` (inclusive).
 * @attr customers-label - Display name of the selected customers (e.g. the RFM segment's name).
 * @attr segment-by - Keep one segment of customers (with `segment`): what to split them by, as in the widgets'
 *   `breakdown` (`channel`, `region`, `category`, `product`, a dimension name, `firstProduct`, `firstCategory`,
 *   `firstOrderValue`, `cohort`). Customers are assigned on all loaded orders, before `from` / `to`.
 * @attr segment - The segment kept: a value of `segment-by`, as a widget's segment table and `rw-select`'s
 *   `segment` name it (e.g. `天猫`). Linked widgets then show only that segment's customers.
 * @attr segment-assign - Which of a customer's values decides their segment: `first` (default, their first
 *   order's), `last` or `most`.
 * @attr lang - `en` or `zh-CN`; follows `<html lang>` when absent.
 *
 * @prop {string[] | null} customers - Ids of the customers kept (e.g. from an `rw-select` of an RFM
 *   segment); `null` (default) keeps everyone. Assign a new array to change it (in-place mutation is not seen).
 *
 * @fires {CustomEvent<RwLoadDetail>} rw-load - Data loaded: `{ rowsAccepted, rowsRejected, customers, ms }`.
 * @fires {CustomEvent<RwErrorDetail>} rw-error - Loading or filtering failed: `{ message, code }`.
 * @fires {Event} rw-source-change - (not bubbling) The orders given to linked widgets changed or are being replaced.
 *
 * @csspart status - The status line.
 * @csspart retry-button - The Retry button shown after an error.
 *
 * @cssproperty --rw-font-family - Font.
 * @cssproperty --rw-font-size - Base font size (the status line uses 87.5 % of it).
 * @cssproperty --rw-color-muted - Status text colour.
 * @cssproperty --rw-color-text - Colour of the active filters.
 * @cssproperty --rw-color-error - Colour of an error.
 *
 * @example
 * <rw-orders id="shop" src="/orders.parquet" amount-field="Quantity*UnitPrice" from="2011-01-01" hidden></rw-orders>
 * <rw-cohort-retention source="shop"></rw-cohort-retention>
 * <rw-rfm-grid source="shop"></rw-rfm-grid>
 */
export class RwOrders extends RwSourceElement implements OrdersSourceElement {
  static override styles = ordersStyles;

  static override properties = {
    ...RwSourceElement.properties,
    from: { type: String, reflect: true },
    to: { type: String, reflect: true },
    customers: { attribute: false },
    customersLabel: { type: String, attribute: 'customers-label' },
    segmentBy: { type: String, attribute: 'segment-by', reflect: true },
    segment: { type: String, reflect: true },
    segmentAssign: { type: String, attribute: 'segment-assign' },
    lang: { type: String, reflect: true },
  };

  /** `id` is observed too: renaming the source re-links the widgets that name it. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'id'];
  }

  declare from: string | undefined;
  declare to: string | undefined;
  declare customers: readonly string[] | null;
  declare customersLabel: string | undefined;
  /** What `segment` is a segment of (see the `segment-by` attribute); no segment filter when empty. */
  declare segmentBy: string | undefined;
  /** The segment kept (a value of `segment-by`). */
  declare segment: string | undefined;
  declare segmentAssign: SegmentAssign | undefined;
  declare lang: string;

  private readonly i18n = new LangController(this);
  /** Load → filter. The "analysis" of a source is the filter, so it runs once per filter change. */
  private readonly analysis = new AnalysisController<FilterParams, OrderTable>(this, {
    compute: (orders, params, signal) => applyFilters(orders, params, signal),
    // A pre-aggregated table (a CLI report, a customer summary) has no order rows and is not empty.
    isEmpty: (filtered) => hasNoData(filtered),
  });
  private readonly waiters = new Set<Waiter>();
  /** The state linked widgets were last told about (result table, error object or status). */
  private announced: unknown;
  /** Whether `announced` is a result table (so a new one replaces it quietly). */
  private announcedResult = false;
  /** Appends run one after another, each on the table the previous one made. */
  private appending: Promise<unknown> = Promise.resolve();

  constructor() {
    super();
    this.customers = null;
  }

  /** 'idle' (no src/data) | 'loading' (loading or filtering) | 'ready' | 'empty' | 'error'. */
  get status(): AnalysisStatus {
    return this.analysis.status;
  }

  /** The filtered orders every linked widget uses, once ready. */
  get orders(): OrderTable | undefined {
    return this.settled() && this.analysis.status !== 'error' ? this.analysis.result : undefined;
  }

  /** All loaded orders, before the filters. */
  get allOrders(): OrderTable | undefined {
    return this.analysis.orders;
  }

  /** The load report (rows read / accepted / rejected and why), once loaded; linked widgets show it too. */
  get report(): LoadReport | undefined {
    return this.analysis.report;
  }

  /** The error (loading or a malformed filter), in the error state. */
  get error(): RwErrorDetail | undefined {
    return this.analysis.error;
  }

  /**
   * Adds orders without reloading: `rows` are anything `loadOrders` accepts (objects, CSV text,
   * an Arrow table…), read with this source's mapping, time zone and rules; rows of an order id
   * loaded already are rejected as 'duplicate-order'. The merged table replaces the current one
   * (sorted by day, filters applied again), the report's counts add up, and linked widgets recompute
   * once, keeping their view meanwhile. Resolves with the number of orders added; rejects with a
   * LoadError when the rows cannot be read (the current orders stay).
   *
   * It replaces the DOM's `append(...nodes)` on this element: called with DOM nodes (or several
   * arguments) it still appends them as children and resolves with 0; one string is CSV/JSON text.
   * @example await document.querySelector('rw-orders')!.append([{ customer_id: '42', order_id: 'A-1001', date: '2024-05-01', amount: 19.9 }]);
   */
  override append(...items: (OrdersInput | Node)[]): Promise<number> {
    if (items.length !== 1 || items[0] instanceof Node) {
      super.append(...(items as (Node | string)[]));
      return Promise.resolve(0);
    }
    const rows = items[0];
    const next = this.appending.then(async () => {
      await this.whenReady();
      const orders = this.analysis.orders, report = this.analysis.report;
      if (!orders || !report) throw new LoadError('no-data', 'Nothing to append to: this <rw-orders> has no orders loaded.');
      const { returns, zeroAmounts, duplicates } = sourceOf(this).options;
      const merged = await appendOrders({ orders, report }, rows, { returns, zeroAmounts, duplicates });
      if (merged.added === 0 && merged.report.rowsRead === report.rowsRead) return 0;
      if (this.analysis.orders !== orders) throw new LoadError('superseded', 'The orders were reloaded while appending: append the rows again.');
      await this.analysis.replaceOrders(merged.orders, merged.report);
      return merged.added;
    });
    this.appending = next.catch(() => undefined);
    return next;
  }

  /** Loads the source again. */
  retry(): void {
    this.analysis.retry();
  }

  /** Whether the current load and filter are done (successfully or not). */
  private settled(): boolean {
    const s = this.analysis.status;
    return ((s === 'ready' || s === 'empty') && this.analysis.result !== undefined && this.analysis.report !== undefined) || s === 'error';
  }

  private linkedError(): LoadError {
    const e = this.analysis.error!;
    const name = this.id ? `<rw-orders id="${this.id}">` : '<rw-orders>';
    return new LoadError(e.code, `The data source ${name} failed: ${e.message}`);
  }

  /**
   * The current filtered orders and the load report, once the current load and filter are done
   * (at once when they are). Rejects with the source's error, or when `signal` aborts. While the
   * source has no `src`/`data` it waits.
   * @example const { orders, report } = await document.querySelector('rw-orders')!.whenReady();
   */
  whenReady(signal?: AbortSignal): Promise<LinkedLoad> {
    if (this.settled()) {
      if (this.analysis.status === 'error') return Promise.reject(this.linkedError());
      return Promise.resolve({ orders: this.analysis.result!, report: this.analysis.report! });
    }
    let waiter!: Waiter;
    const promise = new Promise<LinkedLoad>((resolve, reject) => {
      waiter = { resolve, reject };
      this.waiters.add(waiter);
    });
    // An aborted widget run must not stay in the list (that would keep the widget alive).
    signal?.addEventListener('abort', () => this.waiters.delete(waiter), { once: true });
    return abortable(promise, signal);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    announceSource(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moving the element (disconnect + connect in one task) is not a removal: tell the widgets
    // only when it stays away; they then show the "no <rw-orders id=…>" error.
    queueMicrotask(() => {
      if (!this.isConnected) this.notifyChange();
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'id' && old !== value && this.isConnected) {
      this.notifyChange(); // widgets naming the old id re-resolve (and fail clearly)
      announceSource(this); // widgets naming the new one load
    }
  }

  private notifyChange(quiet = false): void {
    this.dispatchEvent(quiet ? new CustomEvent(SOURCE_CHANGE_EVENT, { detail: QUIET_CHANGE }) : new Event(SOURCE_CHANGE_EVENT));
  }

  private filterParams(): FilterParams {
    const by = (this.segmentBy ?? '').trim();
    const key = this.segment ?? '';
    const segment = by && key ? { by, key, ...(this.segmentAssign ? { assign: this.segmentAssign } : {}) } : undefined;
    return { from: this.from || undefined, to: this.to || undefined, customers: Array.isArray(this.customers) ? this.customers : null, segment };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (LOAD_PROPERTY_NAMES.some((p) => changed.has(p))) {
      const { input, options, refreshSeconds } = sourceOf(this);
      this.analysis.setSource(input, options, refreshSeconds);
      this.analysis.setParams(this.filterParams());
    } else if (FILTER_PROPERTY_NAMES.some((p) => changed.has(p))) {
      this.analysis.setParams(this.filterParams());
    }
  }

  protected override updated(): void {
    // Tell linked widgets when the orders they would get change: a new filtered table, an error,
    // or a (re)load starting (so they show their loading state meanwhile).
    const a = this.analysis;
    const state = this.settled() ? (a.status === 'error' ? a.error : a.result) : a.status;
    if (state === this.announced) return;
    // One result replacing another with no loading state between (refresh, append): a quiet change.
    const isResult = this.settled() && a.status !== 'error';
    const quiet = isResult && this.announcedResult;
    this.announced = state;
    this.announcedResult = isResult;
    if (this.settled()) {
      const waiters = [...this.waiters];
      this.waiters.clear();
      if (a.status === 'error') for (const w of waiters) w.reject(this.linkedError());
      else for (const w of waiters) w.resolve({ orders: a.result!, report: a.report! });
    }
    this.notifyChange(quiet);
  }

  private filterSummary(): string {
    const lang = this.i18n.lang;
    const t = ordersMessagesFor(lang);
    const all = this.analysis.orders;
    const shown = this.orders;
    if (!all || !shown) return '';
    const parts: string[] = [];
    const { from, to, customers, segment } = this.filterParams();
    if (from && to) parts.push(t.range(from, to));
    else if (from) parts.push(t.since(from));
    else if (to) parts.push(t.until(to));
    if (customers) parts.push(this.customersLabel ? t.segment(this.customersLabel) : t.customerCount(formatInteger(lang, customers.length)));
    if (segment) parts.push(t.segment(segment.key));
    if (parts.length === 0) return '';
    return `${t.filtered(formatInteger(lang, shown.length), formatInteger(lang, all.length))} · ${parts.join(' · ')}`;
  }

  protected override render() {
    const lang = this.i18n.lang;
    const m = messagesFor(lang);
    const t = ordersMessagesFor(lang);
    const a = this.analysis;
    const n = (x: number) => formatInteger(lang, x);
    let body: unknown = nothing;
    if (a.status === 'loading') body = html`<span class="progress">${m.loading(progressText(lang, m, a.progress))}</span>`;
    else if (a.status === 'error' && a.error) {
      body = html`<span class="error-message">${a.error.message}</span>
        <button type="button" part="retry-button" @click=${() => this.retry()}>${m.retry}</button>`;
    } else if (a.report) {
      const filters = this.filterSummary();
      body = html`<span class="summary-line">${m.loadSummary(n(a.report.rowsRead), n(a.report.rowsAccepted), n(a.report.rowsRejected))}</span>
        ${filters ? html`<span class="filters">${filters}</span>` : nothing}`;
    }
    return html`<div part="status" class="status ${a.status}" role="status" aria-live="polite" aria-label=${t.statusLabel(this.id)} lang=${lang}>${body}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rw-orders': RwOrders;
  }
}
