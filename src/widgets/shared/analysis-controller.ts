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
 *   the host is connected, so a reload or a filter change of the source recomputes the widget.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OrderTable } from '../../core/order-table.js';
import { hasNoData } from '../../core/pre-aggregated.js';
import { workerClient } from '../../worker/client.js';
import type { LoadOptions, LoadProgress, LoadReport, OrdersInput } from '../../data/types.js';
import { emit, type RwErrorDetail } from './events.js';
import { LinkedSource } from './linked-source.js';

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
  setSource(input: OrdersInput | LinkedSource | undefined | null, options: LoadOptions = {}): void {
    this.stopWatching();
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
    // superseded, so each change costs one compute.
    this.unwatch = linked.watch(() => void this.run(true));
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

  private async run(reload: boolean): Promise<void> {
    this.cancel();
    const id = this.callId;
    const ac = new AbortController();
    this.abortController = ac;
    const host = this.host;
    this.status = 'loading';
    this.error = undefined;
    this.progress = reload ? { phase: 'fetch' } : { phase: 'compute' };
    host.requestUpdate();
    try {
      if (reload) {
        const source = this.source;
        if (!source) return;
        this.orders = this.report = this.result = this.resultParams = undefined;
        this.loadingSource = true;
        const { orders, report } =
          source.input instanceof LinkedSource
            ? await source.input.load(ac.signal)
            : await this.load(source.input, {
                ...source.options,
                signal: ac.signal,
                onProgress: (p) => {
                  if (id !== this.callId) return;
                  this.progress = p;
                  host.requestUpdate();
                },
              });
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
        this.progress = { phase: 'compute' };
        host.requestUpdate();
      }
      // Yield once before computing: several parameter changes in one task cost one compute, and
      // the host's update (which called setParams) is not blocked by the analysis.
      await Promise.resolve();
      if (id !== this.callId) return;
      const orders = this.orders;
      const params = this.params as P;
      if (!orders || params === undefined) return;
      const result = await this.compute(orders, params, ac.signal);
      if (id !== this.callId) return;
      this.result = result;
      this.resultParams = params;
      this.progress = undefined;
      this.status = hasNoData(orders) || this.isEmpty?.(result, orders) ? 'empty' : 'ready';
      host.requestUpdate();
    } catch (e) {
      if (id !== this.callId || isAbort(e, ac.signal)) return;
      this.loadingSource = false;
      const err = e as { message?: unknown; code?: unknown; name?: unknown };
      const code = typeof err?.code === 'string' ? err.code : err?.name === 'LoadError' ? 'load' : 'unknown';
      this.error = { message: typeof err?.message === 'string' && err.message ? err.message : String(e), code };
      this.status = 'error';
      this.progress = undefined;
      host.requestUpdate();
      emit(host, 'rw-error', this.error);
    }
  }
}
