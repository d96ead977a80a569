/**
 * The base every analysis widget extends: the shared source attributes, language and currency,
 * one AnalysisController (load → compute, off the render path, stale results dropped), the
 * loading / empty / error / rejected-rows states, chart lifecycles and the CSV / PNG / SVG export.
 *
 * A widget supplies only what is its own: its analysis parameters (`analysisParams`), the pure
 * compute call (`compute`), its charts (`drawCharts`), its body (`renderResult`) and the table
 * behind it (`exportTable`). Everything a host page relies on across the family (attributes,
 * events, states, parts) is therefore implemented once.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { CHART_THEMES, parseColor, type ChartTheme } from '../../charts/theme.js';
import type { OrderTable } from '../../core/order-table.js';
import type { LoadReport } from '../../data/types.js';
import { LangController } from '../../i18n/lang-controller.js';
import { messagesFor, type Lang, type Messages } from '../../i18n/messages.js';
import { AnalysisController, type AnalysisStatus } from './analysis-controller.js';
import { ColorSchemeController } from './color-scheme-controller.js';
import { chartImage, download, toCsv, type ExportTable } from './export.js';
import { InputsMemo, yieldToMain } from './render-scheduler.js';
import { SOURCE_PROPERTIES, SOURCE_PROPERTY_NAMES, sourceOf } from './source-attributes.js';
import { RwSourceElement } from './source-element.js';
import { emptyTemplate, errorTemplate, loadingTemplate, rejectedSummaryTemplate } from './templates.js';
import { emit, type RwSelectDetail, type SegmentSelectDetail } from './events.js';
import { runAnalysis, selectCustomers } from '../../worker/client.js';
import type { AnalysisName, AnalysisParams, AnalysisResult, AnalysisSelection } from '../../analyses/registry.js';
import type { VegaChart, VegaRenderOptions } from './vega-chart.js';
import type { SegmentAssign } from '../../core/breakdown.js';
import type { SegmentComparisonParams, SegmentComparisonResult } from '../../analyses/segment-comparison.js';
import type { RwErrorDetail } from './events.js';
import { segmentExportTable, segmentTable } from './segment-table.js';

/** Segments shown by default under `breakdown` before the rest are merged into "other". */
export const DEFAULT_BREAKDOWN_TOP = 10;

/** What a widget asks the segment comparison for: its metric(s) and its own analysis parameters. */
export type SegmentMetricsRequest = Omit<SegmentComparisonParams, 'by' | 'assign' | 'top' | 'bands' | 'minSize' | 'alpha'>;

/** Theme values the chart builders take (defined with the palettes in `charts/theme.ts`). */
export type { ChartTheme } from '../../charts/theme.js';

/**
 * @attr source - Id of an `<rw-orders>` element to take the orders from (instead of `src`).
 * @attr lang - `en` or `zh-CN`; follows `<html lang>` when absent.
 * @attr currency - ISO 4217 code for money values (e.g. `GBP`, `CNY`); plain numbers when absent.
 * @attr breakdown - Split the customers into segments and show the widget's metric per segment (a table
 *   under the widget): a role `channel`, `region`, `category`, `product`, a dimension column's name, or
 *   `firstProduct`, `firstCategory`, `firstOrderValue`, `cohort`. Each row: customers, the metric with its
 *   95 % interval, and ↑ / ↓ where the segment differs from the rest beyond chance; clicking a row fires
 *   `rw-select` with `{ segment, by, customerIds }`.
 * @attr breakdown-assign - Which of a customer's values decides their segment when their orders disagree:
 *   `first` (default: the first order's), `last` (the latest order's) or `most` (most of their orders').
 * @attr breakdown-top - Segments shown (default 10): the largest by customers; the rest are merged into one "other" row.
 */
export abstract class RwAnalysisElement<P, R> extends RwSourceElement {
  static override properties = {
    ...RwSourceElement.properties,
    source: SOURCE_PROPERTIES.source,
    lang: { type: String, reflect: true },
    currency: { type: String },
    breakdown: { type: String, reflect: true },
    breakdownAssign: { type: String, attribute: 'breakdown-assign' },
    breakdownTop: { type: Number, attribute: 'breakdown-top' },
  };

  /** Id of an `<rw-orders>` element whose (filtered) orders this widget uses instead of loading its own. */
  declare source: string | undefined;
  declare lang: string;
  /** ISO 4217 code for money values (e.g. `GBP`, `CNY`); plain numbers when absent. */
  declare currency: string | undefined;
  /** What to split the customers by (see the `breakdown` attribute); no segment table when empty. */
  declare breakdown: string | undefined;
  /** `first` (default), `last` or `most`. */
  declare breakdownAssign: SegmentAssign | undefined;
  /** Segments shown before the rest are merged into "other" (default 10). */
  declare breakdownTop: number | undefined;

  protected readonly i18n = new LangController(this);
  /** The registry call behind each result (see `runRegistered`), so a click asks for that result's customers. */
  private readonly calls = new WeakMap<object, { orders: OrderTable; name: AnalysisName; params: unknown }>();
  /** The effective colour scheme (`theme` attribute, else `prefers-color-scheme`); a change redraws the charts. */
  protected readonly colorScheme = new ColorSchemeController(this);
  protected readonly analysis: AnalysisController<P, R>;
  /** The analysis parameters last handed to the controller, as JSON (they are rebuilt on every update). */
  private readonly params = new InputsMemo();

  constructor() {
    super();
    this.analysis = new AnalysisController<P, R>(this, {
      compute: (orders, params, signal) => this.compute(orders, params, signal),
      isEmpty: (result, orders) => this.isEmptyResult(result, orders),
    });
  }

  /** The analysis parameters the attributes describe; a change recomputes without reloading. */
  protected abstract analysisParams(): P;

  /** The pure analysis (core). Runs in-thread today; the controller is where a worker plugs in. */
  protected abstract compute(orders: OrderTable, params: P, signal: AbortSignal): R | Promise<R>;

  /**
   * Runs registry analysis `name` (in the shared worker when there is one) and remembers the call
   * behind its result, for `selectCustomers`. Widgets compute through this.
   * @example protected compute(orders, p, signal) { return this.runRegistered(orders, 'rfm', { bins: p.bins }, signal); }
   */
  protected async runRegistered<N extends AnalysisName>(orders: OrderTable, name: N, params: AnalysisParams<N>, signal: AbortSignal): Promise<AnalysisResult<N>> {
    const result = await runAnalysis(orders, name, params, signal);
    if (result !== null && typeof result === 'object') this.calls.set(result, { orders, name, params });
    return result;
  }

  /**
   * Emits `rw-select` with `detail` plus the ids of the customers behind `selection` of the result on
   * screen (asked of the registry record, where that result was computed). Nothing is emitted when
   * the result changed meanwhile.
   * @example this.selectCustomers({ r: 5, f: 5 }, { r: 5, f: 5 });
   */
  protected async selectCustomers<N extends AnalysisName>(selection: AnalysisSelection<N>, detail: Record<string, unknown>): Promise<void> {
    const result = this.analysis.result;
    const call = result !== null && typeof result === 'object' ? this.calls.get(result) : undefined;
    if (!call) return;
    const customerIds = await selectCustomers(call.orders, call.name as N, call.params as AnalysisParams<N>, selection);
    if (this.analysis.result !== result) return;
    emit(this, 'rw-select', { ...detail, customerIds } as unknown as RwSelectDetail);
  }

  /**
   * The metric(s) this widget shows per segment under `breakdown`, from its own parameters (each
   * metric is defined in analyses/segment-comparison.ts); null when it has none.
   * @example protected override segmentMetrics(p: ChurnParams) { return { metrics: ['churnRate'], inactiveDays: p.inactiveDays, asOf: p.asOf }; }
   */
  protected segmentMetrics(_params: P): SegmentMetricsRequest | null {
    return null;
  }

  /** The registry call of the segment comparison being computed or shown (JSON), and its orders. */
  private segmentCall?: { key: string; orders: OrderTable; params: SegmentComparisonParams; abort: AbortController };
  private segmentResult?: SegmentComparisonResult;
  private segmentError?: RwErrorDetail;
  /** Settles when the segment comparison in flight has arrived (`updateComplete` waits for it). */
  private segmentsPending: Promise<void> = Promise.resolve();

  /** The segment comparison on screen under `breakdown` (segments, metrics, intervals, flags), once computed. */
  get breakdownResult(): SegmentComparisonResult | undefined {
    return this.segmentResult;
  }

  /** The comparison `breakdown` asks for with the widget's current parameters; null without one. */
  private segmentParams(): SegmentComparisonParams | null {
    const by = (this.breakdown ?? '').trim();
    if (!by) return null;
    const request = this.segmentMetrics(this.analysisParams());
    if (!request) return null;
    const top = Number(this.breakdownTop);
    const params: SegmentComparisonParams = { by, top: Number.isInteger(top) && top >= 1 ? top : DEFAULT_BREAKDOWN_TOP, ...request };
    if (this.breakdownAssign) params.assign = this.breakdownAssign;
    return params;
  }

  /**
   * Starts the segment comparison beside the widget's own result when `breakdown` is set and the
   * result or the comparison's parameters changed; forgets it when `breakdown` is removed. It runs
   * through `runRegistered` (the worker when there is one), after the widget's own analysis, so
   * the results it shares (the RFM scores, the lifecycle stages, the BTYD fits) are cached by then.
   */
  private syncSegments(): void {
    const a = this.analysis;
    if (!(this.breakdown ?? '').trim()) {
      this.segmentCall?.abort.abort();
      this.segmentCall = this.segmentResult = this.segmentError = undefined;
      return;
    }
    if (a.status !== 'ready' || !a.orders) return;
    let params: SegmentComparisonParams | null;
    try {
      params = this.segmentParams();
    } catch {
      return; // a bad attribute: the widget's own compute reports it
    }
    if (!params) return;
    const key = JSON.stringify(params);
    const orders = a.orders;
    if (this.segmentCall && this.segmentCall.key === key && this.segmentCall.orders === orders) return;
    this.segmentCall?.abort.abort();
    const abort = new AbortController();
    const call = { key, orders, params, abort };
    this.segmentCall = call;
    this.segmentResult = this.segmentError = undefined;
    this.segmentsPending = this.runRegistered(orders, 'segmentComparison', params, abort.signal).then(
      (result) => {
        if (this.segmentCall !== call) return;
        this.segmentResult = result;
        this.requestUpdate();
      },
      (e: unknown) => {
        if (this.segmentCall !== call || abort.signal.aborted) return;
        const err = e as { message?: unknown; code?: unknown };
        this.segmentError = { message: typeof err?.message === 'string' ? err.message : String(e), code: typeof err?.code === 'string' ? err.code : 'breakdown' };
        this.requestUpdate();
        emit(this, 'rw-error', this.segmentError);
      },
    );
  }

  /** Emits `rw-select` with the customers of segment `key` of the comparison on screen. */
  private async selectBreakdownSegment(key: string): Promise<void> {
    const result = this.segmentResult;
    const call = this.segmentCall;
    if (!result || !call) return;
    const customerIds = await selectCustomers(call.orders, 'segmentComparison', call.params, { key });
    if (this.segmentResult !== result) return;
    const detail: SegmentSelectDetail = { segment: key, by: result.by, customerIds };
    emit(this, 'rw-select', detail as unknown as RwSelectDetail);
  }

  /** The segment table as CSV text (RFC 4180), or undefined when no comparison is on screen. */
  segmentsCsv(): string | undefined {
    const result = this.segmentResult;
    const params = this.segmentCall?.params;
    if (!result || !params) return undefined;
    const lang = this.i18n.lang;
    return toCsv(segmentExportTable(result, { lang, m: messagesFor(lang).segments, period: params.period ?? 'month', withinDays: params.withinDays ?? 30 }));
  }

  /** Downloads the segment table as CSV (`<exportName>-segments.csv`). */
  private exportSegments(): void {
    const csv = this.segmentsCsv();
    if (csv !== undefined) download(`${this.exportName}-segments.csv`, csv);
  }

  private segmentsTemplate(lang: Lang, m: Messages): TemplateResult | typeof nothing {
    const call = this.segmentCall;
    if (!call) return nothing;
    if (this.segmentError) return html`<p class="segments-error" part="segments" role="alert">${m.segments.error(this.segmentError.message)}</p>`;
    const result = this.segmentResult;
    if (!result) return html`<p class="segments-loading" part="segments">${m.segments.loading}</p>`;
    return segmentTable(result, {
      lang,
      m: m.segments,
      currency: this.currency,
      period: call.params.period ?? 'month',
      withinDays: call.params.withinDays ?? 30,
      onSelect: (key) => void this.selectBreakdownSegment(key),
    });
  }

  /** Whether a result has nothing to show (an empty order table always counts as empty). */
  protected isEmptyResult(_result: R, _orders: OrderTable): boolean {
    return false;
  }

  /** The widget's body once a result is ready (charts' containers, tables, tiles). */
  protected abstract renderResult(result: R, lang: Lang, m: Messages): TemplateResult;

  /** Draws or redraws the charts after an update with a ready result (called from `updated`). */
  protected drawCharts(_result: R, _lang: Lang): void {}

  /** The inputs the charts on screen were drawn from (see `chartsStale`). */
  private readonly drawnWith = new InputsMemo();

  /**
   * Whether the charts must be drawn for these inputs (the result, the language, the width and
   * whatever else shapes them): false when the charts on screen were drawn from the same values
   * (`===`), so a Lit update that changed nothing they show does not redraw them. Records the inputs.
   * The colour scheme is always one of them (a widget need not pass it): switching `theme` or the
   * page's `prefers-color-scheme` redraws the charts in the other palette.
   * Forgotten on disconnect (the charts are finalized) and whenever no result is on screen.
   * @example if (!this.chartsStale(result, lang, width, this.percent)) return;
   */
  protected chartsStale(...inputs: unknown[]): boolean {
    return this.drawnWith.changed(this.colorScheme.scheme, ...inputs);
  }

  /** The charts of this widget, for export and for `updateComplete`. */
  protected charts(): VegaChart[] {
    return [];
  }

  /** The table behind the widget, in the current language (the CSV export). */
  protected abstract exportTable(result: R, lang: Lang): ExportTable;

  /** File name stem of exports, e.g. `rfm-grid`. */
  protected abstract readonly exportName: string;

  /** 'idle' (no source) | 'loading' | 'ready' | 'empty' | 'error'. */
  get status(): AnalysisStatus {
    return this.analysis.status;
  }

  /** The computed result on screen, once ready. */
  get result(): R | undefined {
    return this.analysis.result;
  }

  /** The load report (rows read / accepted / rejected and why), once loaded. */
  get report(): LoadReport | undefined {
    return this.analysis.report;
  }

  /** The orders the result was computed from (after the source's filters). */
  get orders(): OrderTable | undefined {
    return this.analysis.orders;
  }

  /** Loads the source again (what the Retry button does). */
  retry(): void {
    this.analysis.retry();
  }

  /** The underlying table as CSV text (RFC 4180, formula-safe), or undefined before a result. */
  toCsv(): string | undefined {
    const result = this.analysis.result;
    return result === undefined ? undefined : toCsv(this.exportTable(result, this.i18n.lang));
  }

  /** Chart `index` as an SVG document or a PNG data URL, or undefined when it is not drawn. */
  async chartImage(format: 'svg' | 'png', index = 0): Promise<string | undefined> {
    const view = this.charts()[index]?.view;
    return view ? chartImage(view, format, this.chartTheme().background) : undefined;
  }

  /** Downloads the table as CSV, or chart `index` as PNG / SVG. */
  async export(format: 'csv' | 'png' | 'svg', index = 0): Promise<void> {
    if (format === 'csv') {
      const csv = this.toCsv();
      if (csv !== undefined) download(`${this.exportName}.csv`, csv);
      return;
    }
    const image = await this.chartImage(format, index);
    if (image === undefined) return;
    download(`${this.exportName}${index ? `-${index + 1}` : ''}.${format}`, image, 'image/svg+xml;charset=utf-8');
  }

  /** The controller's result at the last update (see `scheduleUpdate`). */
  private renderedResult?: R;
  /** Settles when the `drawCharts` call the last update scheduled has run (see `updated`). */
  private chartsScheduled: Promise<void> = Promise.resolve();
  /** Incremented by every update; a scheduled `drawCharts` of an older update does nothing. */
  private drawRequest = 0;

  /**
   * Resolves after the Lit update, the `drawCharts` it scheduled and the charts that started have
   * been drawn. Drawing may ask for another update (a resize, a chart click): that one is awaited
   * too, a few rounds at most, so an element that keeps changing cannot hang its caller.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let round = 0; round < 8; round++) {
      const scheduled = this.chartsScheduled;
      await scheduled;
      await Promise.all(this.charts().map((c) => c.pending));
      await this.segmentsPending;
      if (scheduled === this.chartsScheduled && !this.isUpdatePending) break;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /**
   * A new result is rendered in a task of its own: it arrives in the worker's reply, whose
   * deserialisation can take a while on large data, and the Lit render of the result (tables,
   * tiles) added to it made one long task. Other updates (attributes, typing, the loading state)
   * are scheduled as usual.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated && this.analysis.result !== undefined && this.analysis.result !== this.renderedResult) {
      return yieldToMain().then(() => super.scheduleUpdate());
    }
    return super.scheduleUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a removal: the charts were finalized, so draw them again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.drawnWith.forget(); // the VegaCharts finalize themselves; draw again on reconnect
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (SOURCE_PROPERTY_NAMES.some((p) => changed.has(p))) {
      const { input, options, refreshSeconds } = sourceOf(this);
      // Source first: while it loads, setParams only records the parameters for the coming compute.
      this.analysis.setSource(input, options, refreshSeconds);
    }
    const params = this.analysisParams();
    if (this.params.changed(JSON.stringify(params))) this.analysis.setParams(params);
    this.syncSegments();
  }

  /**
   * Whether a parameter change is being computed while the previous result is still on screen:
   * the widget keeps showing it (marked busy) instead of tearing down its charts and controls, so a
   * slider or an input keeps its place and focus.
   */
  protected get recomputing(): boolean {
    const a = this.analysis;
    return a.status === 'loading' && a.progress?.phase === 'compute' && a.result !== undefined;
  }

  /**
   * Draws the charts in a task after the update's (the Lit render of a result and the charts'
   * spec building and first layout each cost tens of ms on large results, so together they made
   * one long task); `updateComplete` waits for it. Only the latest update's request runs, and only
   * if the result is still on screen.
   */
  protected override updated(changed: PropertyValues<this>): void {
    if (this.analysis.status !== 'ready') this.drawnWith.forget();
    super.updated(changed);
    const request = ++this.drawRequest;
    const result = this.analysis.result;
    const lang = this.i18n.lang;
    this.renderedResult = result;
    if (this.analysis.status === 'ready' && result !== undefined) {
      this.chartsScheduled = yieldToMain().then(() => {
        if (request !== this.drawRequest || !this.isConnected || this.analysis.status !== 'ready' || this.analysis.result !== result) return;
        this.drawCharts(result, lang);
      });
    } else if (!this.recomputing) {
      for (const chart of this.charts()) chart.clear();
    }
  }

  /**
   * Colours and font of the charts: the palette of the effective colour scheme, with the `--rw-*`
   * custom properties a host page set on top (read from CSS, which applies the same scheme).
   */
  protected chartTheme(): ChartTheme {
    const palette = CHART_THEMES[this.colorScheme.scheme];
    const style = getComputedStyle(this);
    const prop = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    // A transparent widget background (the light default) shows the page: assume the palette's.
    const background = prop('--rw-color-background', palette.background);
    return {
      ...palette,
      font: prop('--rw-font-family', palette.font),
      textColor: prop('--rw-color-text', palette.textColor),
      mutedColor: prop('--rw-color-muted', palette.mutedColor),
      accentColor: prop('--rw-color-accent', palette.accentColor),
      secondaryColor: prop('--rw-color-secondary', palette.secondaryColor),
      gridColor: prop('--rw-color-grid', palette.gridColor),
      background: parseColor(background)?.[3] === 1 ? background : palette.background,
      colorRange: [prop('--rw-color-low', palette.colorRange[0]), prop('--rw-color-high', palette.colorRange[1])],
    };
  }

  /** Where VegaChart draws its tooltip: inside this shadow root. */
  protected get tooltipTarget(): NonNullable<VegaRenderOptions['tooltip']> {
    return {
      element: () => this.renderRoot.querySelector<HTMLElement>('.tooltip'),
      frame: () => this.renderRoot.querySelector<HTMLElement>('.base'),
    };
  }

  /** Toolbar with the CSV export and, per chart, PNG and SVG. */
  protected exportToolbar(m: Messages): TemplateResult {
    const charts = this.charts();
    return html`<div class="export" part="export" role="toolbar" aria-label=${m.exportLabel}>
      <button type="button" part="export-button" @click=${() => this.export('csv')}>${m.exportCsv}</button>
      ${this.segmentResult
        ? html`<button type="button" part="export-button" data-export="segments" @click=${() => this.exportSegments()}>${m.exportCsv} ${m.segments.segment}</button>`
        : nothing}
      ${charts.map(
        (_c, i) => html`<button type="button" part="export-button" @click=${() => this.export('png', i)}>${m.exportPng}${charts.length > 1 ? ` ${i + 1}` : ''}</button>
          <button type="button" part="export-button" @click=${() => this.export('svg', i)}>${m.exportSvg}${charts.length > 1 ? ` ${i + 1}` : ''}</button>`,
      )}
    </div>`;
  }

  protected override render(): TemplateResult {
    const lang = this.i18n.lang;
    const m = messagesFor(lang);
    const a = this.analysis;
    const recomputing = this.recomputing;
    const ready = (a.status === 'ready' || recomputing) && a.result !== undefined;
    return html`<div part="base" class="base" lang=${lang} aria-busy=${a.status === 'loading' ? 'true' : 'false'}>
      ${a.status === 'loading' && !recomputing ? loadingTemplate(lang, m, a.progress) : nothing}
      ${a.status === 'empty' ? emptyTemplate(m) : nothing}
      ${a.status === 'error' && a.error ? errorTemplate(m, a.error, () => this.retry()) : nothing}
      ${ready ? this.renderResult(a.result!, lang, m) : nothing}
      ${ready ? this.segmentsTemplate(lang, m) : nothing}
      ${ready ? this.exportToolbar(m) : nothing}
      ${a.status === 'error' ? nothing : rejectedSummaryTemplate(lang, m, a.report)}
      <div class="tooltip" part="tooltip" role="tooltip" hidden></div>
    </div>`;
  }
}
