/**
 * Loads orders and computes one analysis for a widget, off the render path.
 *
 * Each widget owns one controller; it hands the controller its source (in `willUpdate`, never in
 * `render`) and its analysis parameters, and renders from `status`, `progress`, `report`,
 * `result` and `error`. The controller:
 * - aborts the previous run (AbortSignal into the loader and the compute function) and tags every
 *   run with a call id, so a slow, stale result can never overwrite a newer one;
 * - reloads only when the source changes; a parameter change recomputes on the loaded orders;
 * - fires `rw-load` after each load and `rw-error` on failure (from the host element);
 * - takes `compute` as an injectable function; widgets pass one that runs a named analysis of
 *   src/analyses/registry.ts through the shared compute worker (src/worker/client.ts), which falls
 *   back to in-thread; loading goes through the same worker by default;
 * - resolves a `LinkedSource` input (a widget with `source="id"`, see linked-source.ts) by waiting
 *   for that `<rw-orders>` element's orders instead of loading, and subscribes to the source while
 *   the host is connected, so a reload or a filter change of the source recomputes the widget;
 * - with `refresh` seconds (a URL source only) fetches the source again on that interval with
 *   conditional requests (conditional-fetch.ts): a 304 or the same table changes nothing, a new
 *   table replaces the current one only once its result is computed (no loading state meanwhile);
 *   the timer runs only while the host is connected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OrderTable } from '../../core/order-table.js';
import { hasNoData } from '../../core/pre-aggregated.js';
import { workerClient } from '../../worker/client.js';
import type { LoadOptions, LoadProgress, LoadReport, OrdersInput } from '../../data/types.js';
import { sameOrders } from '../../data/same-orders.js';
import { fetchIfChanged, type Validators } from './conditional-fetch.js';
import { emit, type RwErrorDetail } from './events.js';
import { LinkedSource, QUIET_CHANGE } from './linked-source.js';

export type AnalysisStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/** Progress of the current run: the loader's phases, then 'compute'. */
export type AnalysisProgress = LoadProgress | { phase: 'compute' };

/** Runs one analysis. May be async (e.g. a worker round trip); should stop early when `signal` aborts. */
export type ComputeFn<P, R> = (orders: OrderTable, params: P, signal: AbortSignal) => R | Promise<R>;

/** The loader; by default the shared compute worker's (`loadOrders` in the worker, or in-thread). Injectable for tests. */
export type LoadFn = (input: OrdersInput, options?: LoadOptions) => Promise<{ orders: OrderTable; report: LoadReport }>;

export interface AnalysisControllerOptions<P, R> {
  compute: ComputeFn<P, R>;
  /** Whether a computed result has nothing to show (an empty table always counts as empty). */
  isEmpty?: (result: R, orders: OrderTable) => boolean;
  load?: LoadFn;
}

type Host = ReactiveControllerHost & HTMLElement;

function isAbort(e: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (e instanceof DOMException && e.name === 'AbortError');
}

/**
 * @example
 * private analysis = new AnalysisController(this, {
 *   compute: (orders, p: { period: Period }) => cohortRetention(orders, p),
 * });
 * willUpdate(changed) {
 *   if (changed.has('src')) this.analysis.setSource(this.src, { timeZone: this.timeZone });
 *   this.analysis.setParams({ period: this.period });
 * }
 */
export class AnalysisController<P, R> implements ReactiveController {
  status: AnalysisStatus = 'idle';
  progress?: AnalysisProgress;
  /** Orders of the last successful load. */
  orders?: OrderTable;
  report?: LoadReport;
  /** Result for `resultParams`; undefined until the first compute finishes. */
  result?: R;
  /** The parameters `result` was computed with (clicks must use these, not newer ones). */
  resultParams?: P;
  error?: RwErrorDetail;

  private source?: { input: OrdersInput | LinkedSource; options: LoadOptions };
  /** Unsubscribes from the linked source (set while the host is connected and the source is linked). */
  private unwatch?: () => void;
  private params?: P;
  private callId = 0;
  private abortController?: AbortController;
  private loadingSource = false;
  private interrupted = false;
  private readonly compute: ComputeFn<P, R>;
  private readonly load: LoadFn;
  private readonly isEmpty?: (result: R, orders: OrderTable) => boolean;
  /** `refresh` in seconds (0 = off) and its timer (set while connected with a URL source). */
  private refreshSeconds = 0;
  private refreshTimer?: ReturnType<typeof setInterval>;
  /** ETag / Last-Modified of the data shown (sent back on the next refresh). */
  private validators?: Validators;
  /** The refresh in flight, if any (one at a time). */
  private refreshing?: AbortController;
  /** Refreshes done (any outcome) and how many the server answered 304; for tests and dev tools. */
  readonly refreshStats = { requests: 0, notModified: 0, unchanged: 0, replaced: 0 };

  constructor(
    private readonly host: Host,
    options: AnalysisControllerOptions<P, R>,
  ) {
    this.compute = options.compute;
    this.load = options.load ?? ((input, loadOptions) => workerClient().load(input, loadOptions));
    this.isEmpty = options.isEmpty;
    host.addController(this);
  }

  /**
   * Sets (or clears, with undefined) the data source and starts loading it. A `LinkedSource`
   * (from `sourceOf` when the widget has `source="id"`) waits for that source element's orders.
   */
  setSource(input: OrdersInput | LinkedSource | undefined | null, options: LoadOptions = {}, refreshSeconds = 0): void {
    this.stopWatching();
    this.validators = undefined;
    this.refreshing?.abort();
    this.refreshSeconds = Number.isFinite(refreshSeconds) && refreshSeconds > 0 ? refreshSeconds : 0;
    this.scheduleRefresh(input);
    if (input == null || input === '') {
      this.cancel();
      this.source = undefined;
      this.orders = this.report = this.result = this.resultParams = this.error = this.progress = undefined;
      this.status = 'idle';
      this.host.requestUpdate();
      return;
    }
    this.source = { input, options };
    if (input instanceof LinkedSource) {
      if (!this.host.isConnected) {
        // Its root (where the id is looked up) is unknown until it is connected: load then.
        this.cancel();
        this.interrupted = true;
        return;
      }
      this.startWatching(input);
    }
    void this.run(true);
  }

  private startWatching(linked: LinkedSource): void {
    this.stopWatching();
    // Every change of the source (reload, filter, error) loads from it again; a run in flight is
    // superseded, so each change costs one compute. A quiet change (the source replaced its orders
    // while showing them: refresh, append) keeps this widget's view until its new result is ready.
    this.unwatch = linked.watch((event?: Event) => void this.run(true, (event as CustomEvent | undefined)?.detail === QUIET_CHANGE && this.result !== undefined));
  }

  /** Starts (or stops) the refresh timer for the current source. */
  private scheduleRefresh(input: OrdersInput | LinkedSource | null | undefined = this.source?.input): void {
    if (this.refreshTimer !== undefined) clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
    if (this.refreshSeconds > 0 && input instanceof URL && this.host.isConnected) {
      this.refreshTimer = setInterval(() => void this.refreshNow(), this.refreshSeconds * 1000);
    }
  }

  /**
   * Fetches the URL source again if it changed (conditional request) and, when the table it gives
   * differs, replaces the current one: the current view stays until the new result is ready. The
   * refresh timer calls it; a refresh while a load or another refresh is running is skipped.
   * Resolves with what happened: 'not-modified' (304), 'unchanged' (same table), 'replaced' or 'skipped'.
   */
  async refreshNow(): Promise<'not-modified' | 'unchanged' | 'replaced' | 'skipped'> {
    const source = this.source;
    if (!source || !(source.input instanceof URL) || this.loadingSource || this.refreshing || !this.orders || this.status === 'loading') return 'skipped';
    const ac = new AbortController();
    this.refreshing = ac;
    const id = this.callId;
    this.refreshStats.requests++;
    try {
      const got = await fetchIfChanged(source.input, source.options.fetchOptions, this.validators, ac.signal, source.options.timeoutMs ?? 0);
      if (got.status === 'not-modified') {
        this.refreshStats.notModified++;
        return 'not-modified';
      }
      const { orders, report } = await this.load(got.bytes, this.bytesOptions(source.options, got.format, ac.signal));
      if (id !== this.callId || ac.signal.aborted) return 'skipped'; // superseded by a reload or new parameters
      if (this.orders && sameOrders(this.orders, orders)) {
        this.validators = got.validators;
        this.refreshStats.unchanged++;
        return 'unchanged';
      }
      this.validators = got.validators;
      await this.replaceOrders(orders, report);
      this.refreshStats.replaced++;
      return 'replaced';
    } catch (e) {
      if (isAbort(e, ac.signal)) return 'skipped';
      // A failed refresh keeps the data shown (it is still the last good version) and says why.
      const err = e as { message?: unknown; code?: unknown };
      emit(this.host, 'rw-error', { message: typeof err?.message === 'string' ? err.message : String(e), code: typeof err?.code === 'string' ? err.code : 'unknown' });
      return 'skipped';
    } finally {
      if (this.refreshing === ac) this.refreshing = undefined;
    }
  }

  /** Loader options for bytes fetched here: the source's options, the format the response named. */
  private bytesOptions(options: LoadOptions, format: LoadOptions['format'], signal: AbortSignal): LoadOptions {
    const { fetchOptions: _f, timeoutMs: _t, ...rest } = options;
    return { ...rest, ...(format && !rest.format ? { format } : {}), signal };
  }

  /**
   * Shows `orders` (e.g. a refreshed or appended table) in place of the current ones: computes the
   * result with the current parameters and swaps it in when ready; until then the current view,
   * status and result stay. Fires `rw-load`. Resolves when the new result is shown.
   */
  async replaceOrders(orders: OrderTable, report: LoadReport): Promise<void> {
    this.cancel();
    const id = this.callId;
    const ac = new AbortController();
    this.abortController = ac;
    this.orders = orders;
    this.report = report;
    emit(this.host, 'rw-load', { rowsAccepted: report.rowsAccepted, rowsRejected: report.rowsRejected, customers: report.customers, ms: report.ms });
    await this.computeAndShow(id, ac.signal, orders);
  }

  private stopWatching(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  /** Sets the analysis parameters; recomputes on the loaded orders (a load in flight picks them up). */
  setParams(params: P): void {
    this.params = params;
    if (this.loadingSource || !this.orders) return;
    void this.run(false);
  }

  /** Loads the current source again (the Retry button); a linked source that failed is retried itself. */
  retry(): void {
    if (!this.source) return;
    if (this.source.input instanceof LinkedSource) this.source.input.retrySource();
    void this.run(true);
  }

  hostConnected(): void {
    this.scheduleRefresh();
    const input = this.source?.input;
    if (input instanceof LinkedSource) {
      // The source may have changed while the host was away (and the host may be in another root
      // now): subscribe again and take the source's current orders.
      this.interrupted = false;
      this.startWatching(input);
      void this.run(true);
      return;
    }
    if (this.interrupted) {
      this.interrupted = false;
      void this.run(!this.orders);
    }
  }

  hostDisconnected(): void {
    if (this.refreshTimer !== undefined) clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
    this.refreshing?.abort();
    if (this.status === 'loading') this.interrupted = true;
    this.stopWatching();
    this.cancel();
  }

  private cancel(): void {
    this.callId++;
    this.loadingSource = false;
    this.abortController?.abort();
    this.abortController = undefined;
  }

  /**
   * Loads (when `reload`) and computes. With `keepView` (a quiet change of a linked source) the
   * current status, orders and result stay until the new result is ready: no loading state.
   */
  private async run(reload: boolean, keepView = false): Promise<void> {
    this.cancel();
    const id = this.callId;
    const ac = new AbortController();
    this.abortController = ac;
    const host = this.host;
    if (!keepView) {
      this.status = 'loading';
      this.error = undefined;
      this.progress = reload ? { phase: 'fetch' } : { phase: 'compute' };
      host.requestUpdate();
    }
    try {
      if (reload) {
        const source = this.source;
        if (!source) return;
        if (!keepView) this.orders = this.report = this.result = this.resultParams = undefined;
        this.loadingSource = true;
        const onProgress = (p: LoadProgress) => {
          if (id !== this.callId || keepView) return;
          this.progress = p;
          host.requestUpdate();
        };
        let loaded: { orders: OrderTable; report: LoadReport };
        if (source.input instanceof LinkedSource) loaded = await source.input.load(ac.signal);
        else if (this.refreshSeconds > 0 && source.input instanceof URL) {
          // Refreshed sources are fetched here, so the response's validators are known for the next refresh.
          this.validators = undefined;
          const got = await fetchIfChanged(source.input, source.options.fetchOptions, undefined, ac.signal, source.options.timeoutMs ?? 0);
          if (got.status !== 'changed') throw new Error('unexpected 304 without a conditional request');
          loaded = await this.load(got.bytes, { ...this.bytesOptions(source.options, got.format, ac.signal), onProgress });
          if (id === this.callId) this.validators = got.validators;
        } else loaded = await this.load(source.input, { ...source.options, signal: ac.signal, onProgress });
        const { orders, report } = loaded;
        if (id !== this.callId) return;
        this.loadingSource = false;
        this.orders = orders;
        this.report = report;
        emit(host, 'rw-load', {
          rowsAccepted: report.rowsAccepted,
          rowsRejected: report.rowsRejected,
          customers: report.customers,
          ms: report.ms,
        });
        if (!keepView) {
          this.progress = { phase: 'compute' };
          host.requestUpdate();
        }
      }
      // Yield once before computing: several parameter changes in one task cost one compute, and
      // the host's update (which called setParams) is not blocked by the analysis.
      await Promise.resolve();
      if (id !== this.callId) return;
      const orders = this.orders;
      if (!orders) return;
      await this.computeAndShow(id, ac.signal, orders);
    } catch (e) {
      this.fail(id, ac.signal, e);
    }
  }

  /** Computes the result of `orders` with the current parameters and shows it (unless superseded). */
  private async computeAndShow(id: number, signal: AbortSignal, orders: OrderTable): Promise<void> {
    const params = this.params as P;
    if (params === undefined) {
      this.host.requestUpdate();
      return;
    }
    try {
      const result = await this.compute(orders, params, signal);
      if (id !== this.callId) return;
      this.result = result;
      this.resultParams = params;
      this.progress = undefined;
      this.error = undefined;
      this.status = hasNoData(orders) || this.isEmpty?.(result, orders) ? 'empty' : 'ready';
      this.host.requestUpdate();
    } catch (e) {
      // An analysis may refuse a table without orders (no last day to measure from, nothing to fit):
      // the data holds no orders, which is the empty state (with its hint), not an error.
      if (id === this.callId && !isAbort(e, signal) && hasNoData(orders)) {
        this.result = undefined;
        this.resultParams = params;
        this.progress = undefined;
        this.error = undefined;
        this.status = 'empty';
        this.host.requestUpdate();
        return;
      }
      this.fail(id, signal, e);
    }
  }

  private fail(id: number, signal: AbortSignal, e: unknown): void {
    if (id !== this.callId || isAbort(e, signal)) return;
    this.loadingSource = false;
    const err = e as { message?: unknown; code?: unknown; name?: unknown };
    const code = typeof err?.code === 'string' ? err.code : err?.name === 'LoadError' ? 'load' : 'unknown';
    this.error = { message: typeof err?.message === 'string' && err.message ? err.message : String(e), code };
    this.status = 'error';
    this.progress = undefined;
    this.host.requestUpdate();
    emit(this.host, 'rw-error', this.error);
  }
}
