/**
 * The page side of the shared compute worker: one module Web Worker per page (created on first
 * use), shared by every widget and `<rw-orders>` source, that parses order files and runs the
 * analyses of analyses.ts off the main thread. The same calls run in the page ("in-thread") when
 * there is no worker:
 * - `setComputeMode('main')` was called (tests, Node, debugging);
 * - no worker URL is set (`setWorkerUrl`), or `Worker` is undefined (Node), or constructing it throws;
 * - the worker failed (its script 404s, does not parse, or crashed): the calls in flight are run
 *   again in-thread and every later call runs in-thread (`mode` becomes 'main').
 *
 * Worker URL and CSP: the worker is a same-origin script file (`dist/worker.js`), never a blob: or
 * data: URL, so `script-src 'self'` (or `worker-src 'self'`) is enough. The drop-in single file
 * `dist/retention-widgets.js` has no worker file and computes in-thread; to move its compute off
 * the main thread, serve `dist/worker.js` (built with its dependencies resolvable, e.g. through the
 * page's bundler) and call `setWorkerUrl(new URL('./worker.js', import.meta.url))`.
 *
 * Tables cross once: the client remembers, per main-thread OrderTable object (WeakMap), the id of
 * its copy in the worker; many runs on one table send only the id. When the page's table is
 * garbage-collected, the worker's copy is released (FinalizationRegistry).
 */
import type { OrderTable } from '../core/order-table.js';
import { loadOrders } from '../data/load-orders.js';
import { looksLikeUrl } from '../data/input.js';
import { LoadError, type LoadOptions, type LoadReport, type OrdersInput } from '../data/types.js';
import { hasSharedResult } from '../analyses/shared-results.js';
import { runAnalysisHere, selectCustomersHere, type AnalysisName, type AnalysisParams, type AnalysisResult, type AnalysisSelection } from '../analyses/registry.js';
import type { FromWorker, ToWorker, WorkerError, WorkerLoadInput, WorkerLoadOptions } from './protocol.js';
import { unpackIds } from './ids-by-code.js';
import { unpackTable, type PostedTable } from './table-transport.js';

/** 'worker': compute in the shared worker when one can run; 'main': always in the page. */
export type ComputeMode = 'worker' | 'main';

let computeMode: ComputeMode = 'worker';
/**
 * Where the build put dist/worker.js relative to this module's own file: set by vite.config.ts
 * (`define`) to '../worker.js' in the library build (this module lands in dist/chunks/) and to
 * './worker.js' in the drop-in file. Served from source (dev server, test runner) it is not
 * defined: there is no built worker, and analyses run in-thread unless `setWorkerUrl` names one.
 */
declare const __RW_WORKER_PATH__: string | undefined;
const builtWorkerPath = typeof __RW_WORKER_PATH__ === 'string' ? __RW_WORKER_PATH__ : undefined;

let workerUrl: string | URL | undefined = builtWorkerPath === undefined ? undefined : new URL(builtWorkerPath, import.meta.url);
let shared: WorkerClient | undefined;

/**
 * Chooses where analyses run from now on (default 'worker'). Calls in flight finish where they started.
 * @example setComputeMode('main'); // everything in-thread, e.g. to profile in one thread
 */
export function setComputeMode(mode: ComputeMode): void {
  computeMode = mode;
}

/**
 * Sets the URL of the worker script (same origin, a module worker), or `null` for none. Replaces
 * the shared client: the next call starts a new worker (a failed one is not retried otherwise).
 * @example setWorkerUrl(new URL('./worker.js', import.meta.url)); // in the library's entry module
 */
export function setWorkerUrl(url: string | URL | null): void {
  workerUrl = url ?? undefined;
  shared?.dispose();
  shared = undefined;
}

/**
 * The page's shared client (created on first use).
 * @example const { orders } = await workerClient().load('/orders.csv'); await workerClient().run(orders, 'rfm', { bins: 5 });
 */
export function workerClient(): WorkerClient {
  shared ??= new WorkerClient(workerUrl);
  return shared;
}

/**
 * Runs registry analysis `name` on `orders` with the shared client: in the worker when it can,
 * in-thread otherwise. Rejects with an AbortError when `signal` aborts.
 * @example const r = await runAnalysis(orders, 'repurchase', { period: 'month', withinDays: 90 }, signal);
 */
export function runAnalysis<N extends AnalysisName>(orders: OrderTable, name: N, params: AnalysisParams<N>, signal?: AbortSignal): Promise<AnalysisResult<N>> {
  return workerClient().run(orders, name, params, signal);
}

/**
 * The ids of the customers behind `selection` of analysis `name` with `params` (the parameters of
 * the result on screen), computed where that result was: in the worker when it can, in-thread otherwise.
 * @example const ids = await selectCustomers(orders, 'rfm', { bins: 5 }, { r: 5, f: 5 });
 */
export function selectCustomers<N extends AnalysisName>(orders: OrderTable, name: N, params: AnalysisParams<N>, selection: AnalysisSelection<N>, signal?: AbortSignal): Promise<string[]> {
  return workerClient().customers(orders, name, params, selection, signal);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** An error from the worker as the in-thread code would have thrown it (class, message, code). */
function rebuildError(e: WorkerError): Error {
  if (e.name === 'LoadError') return new LoadError(e.code ?? 'unknown', e.message);
  if (e.name === 'AbortError') return new DOMException(e.message, 'AbortError');
  const Ctor = e.name === 'RangeError' ? RangeError : e.name === 'TypeError' ? TypeError : Error;
  const err = new Ctor(e.message);
  if (err.name !== e.name) err.name = e.name;
  return e.code === undefined ? err : Object.assign(err, { code: e.code });
}

/** The base URL relative URLs are resolved against in the page (the worker's own base is its script). */
function pageBase(): string | undefined {
  if (typeof document !== 'undefined') return document.baseURI;
  return (globalThis as { location?: { href?: string } }).location?.href;
}

/**
 * `input` as it can cross to the worker, or undefined when it is loaded in-thread:
 * - rows (arrays of objects) would be structured-cloned object by object, which costs about as
 *   much as building the table from them, and an Arrow `Table` loses its classes in a clone (pass
 *   its IPC bytes instead to load it in the worker); both are loaded in the page;
 * - bytes are copied, not transferred: the caller (an element's `data` property, possibly shared
 *   by several widgets, reused by Retry) keeps using its buffer, and a transfer would detach it.
 */
function crossingInput(input: OrdersInput): WorkerLoadInput | undefined {
  if (typeof input === 'string') {
    if (!looksLikeUrl(input)) return input;
    try {
      return { url: new URL(input.trim(), pageBase()).href };
    } catch {
      return undefined;
    }
  }
  if (input instanceof URL) return { url: input.href };
  if (input instanceof ArrayBuffer || input instanceof Uint8Array) return input;
  if (typeof Blob !== 'undefined' && input instanceof Blob) return input;
  return undefined;
}

/** Load options without signal / callback; `fetchOptions.headers` as plain pairs (a Headers object does not clone). */
function crossingOptions(options: LoadOptions): WorkerLoadOptions {
  const { signal: _signal, onProgress: _onProgress, fetchOptions, ...rest } = options;
  if (!fetchOptions) return rest;
  const { signal: _fetchSignal, headers, ...fetchRest } = fetchOptions;
  return { ...rest, fetchOptions: headers === undefined ? fetchRest : { ...fetchRest, headers: [...new Headers(headers).entries()] } };
}

interface Job {
  onMessage(msg: FromWorker): void;
  /** Runs the job in-thread instead (the worker failed). */
  fallback(): void;
}

/** What a load yields (as `loadOrders`). */
export interface ClientLoad {
  orders: OrderTable;
  report: LoadReport;
}

/**
 * One compute worker and the bookkeeping of its tables and jobs. Use the shared instance
 * (`workerClient()`); a separate instance (own worker) is for tests.
 * @example
 * const client = new WorkerClient('/src/worker/worker.ts');
 * const { orders } = await client.load('/data/cdnow/CDNOW_master.txt', { duplicates: 'keep' });
 * const cohorts = await client.run(orders, 'cohortRetention', { period: 'month' });
 */
export class WorkerClient {
  /** Messages sent, for tests and diagnostics: `put` = tables sent to the worker. */
  readonly stats = { loads: 0, puts: 0, runs: 0, fallbacks: 0 };
  /** `self.constructor.name` reported by the worker once it runs ('DedicatedWorkerGlobalScope'). */
  workerScope?: string;

  private worker?: Worker;
  private failed = false;
  private disposed = false;
  private nextJob = 0;
  private nextTable = 0;
  private readonly jobs = new Map<number, Job>();
  private readonly ids = new WeakMap<OrderTable, number>();
  private readonly finalizer =
    typeof FinalizationRegistry === 'undefined' ? undefined : new FinalizationRegistry<number>((table) => this.post({ type: 'release', table }));

  constructor(private readonly url: string | URL | undefined) {}

  /** Where the next call runs: 'worker', or 'main' (in-thread; see the module comment for when). */
  get mode(): ComputeMode {
    return computeMode === 'main' || this.failed || this.disposed || this.url === undefined || typeof Worker === 'undefined' ? 'main' : 'worker';
  }

  /** Stops the worker; calls in flight finish in-thread. */
  dispose(): void {
    this.disposed = true;
    this.fail();
  }

  private ensureWorker(): Worker | undefined {
    if (this.mode === 'main') return undefined;
    if (this.worker) return this.worker;
    let worker: Worker;
    try {
      worker = new Worker(this.url!, { type: 'module' });
    } catch {
      this.fail();
      return undefined;
    }
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const msg = event.data;
      if (msg.type === 'ready') this.workerScope = msg.scope;
      else this.jobs.get(msg.job)?.onMessage(msg);
    });
    // A script that 404s or does not parse, or an uncaught error inside: compute in-thread from now on.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail();
    });
    worker.addEventListener('messageerror', () => this.fail());
    this.worker = worker;
    return worker;
  }

  private fail(): void {
    if (!this.disposed) this.failed = true;
    this.worker?.terminate();
    this.worker = undefined;
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of jobs) job.fallback();
  }

  private post(msg: ToWorker): void {
    this.worker?.postMessage(msg);
  }

  /** Remembers that `orders` (a page-side object) has a copy in the worker named `id`. */
  private adopt(orders: OrderTable, id: number): void {
    this.ids.set(orders, id);
    this.finalizer?.register(orders, id);
  }

  /** The worker id of `orders`, sending the table the first time (the only time it crosses). */
  private tableId(orders: OrderTable): number {
    let id = this.ids.get(orders);
    if (id === undefined) {
      id = ++this.nextTable;
      this.post({ type: 'put', table: id, orders });
      this.stats.puts++;
      this.adopt(orders, id);
    }
    return id;
  }

  /**
   * Sends one request and settles with `handle(reply)`; `here` is the in-thread equivalent, used
   * when the message cannot be cloned or the worker fails meanwhile. `onAbort` cleans up in the
   * worker after the caller aborted (the reply, if any, is then dropped).
   */
  private request<T>(
    build: (job: number) => ToWorker,
    handle: (msg: FromWorker) => T,
    here: () => T | Promise<T>,
    signal: AbortSignal | undefined,
    onProgress?: LoadOptions['onProgress'],
    onAbort?: () => void,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const job = ++this.nextJob;
    return new Promise<T>((resolve, reject) => {
      const runHere = () => {
        this.stats.fallbacks++;
        Promise.resolve().then(here).then(resolve, reject);
      };
      const onSignal = () => {
        if (!this.jobs.delete(job)) return;
        this.post({ type: 'abort', job });
        onAbort?.();
        reject(abortReason(signal!));
      };
      const finish = () => {
        this.jobs.delete(job);
        signal?.removeEventListener('abort', onSignal);
      };
      this.jobs.set(job, {
        onMessage: (msg) => {
          if (msg.type === 'progress') {
            onProgress?.(msg.progress);
            return;
          }
          finish();
          if (msg.type === 'error') reject(rebuildError(msg.error));
          else {
            try {
              resolve(handle(msg));
            } catch (e) {
              reject(e);
            }
          }
        },
        fallback: () => {
          finish();
          runHere();
        },
      });
      signal?.addEventListener('abort', onSignal, { once: true });
      try {
        this.post(build(job));
      } catch {
        // DataCloneError (e.g. fetchOptions with a body stream): this call runs in-thread.
        finish();
        runHere();
      }
    });
  }

  /**
   * Loads orders as `loadOrders` does: URLs, text, bytes and Blobs are fetched and parsed in the
   * worker (progress reported through `options.onProgress`); rows and Arrow Tables in-thread.
   * The returned table is the page's copy; analyses run on the worker's copy without resending it.
   */
  load(input: OrdersInput, options: LoadOptions = {}): Promise<ClientLoad> {
    const crossing = crossingInput(input);
    if (crossing === undefined || !this.ensureWorker()) return loadOrders(input, options);
    const table = ++this.nextTable;
    this.stats.loads++;
    return this.request<ClientLoad>(
      (job) => ({ type: 'load', job, table, input: crossing, options: crossingOptions(options) }),
      (msg) => {
        if (msg.type !== 'loaded') throw new Error(`retention-widgets worker: unexpected reply ${msg.type} to load`);
        const orders = unpackTable(msg.orders);
        this.adopt(orders, table);
        return { orders, report: msg.report };
      },
      () => loadOrders(input, options),
      options.signal,
      options.onProgress,
      () => this.post({ type: 'release', table }),
    );
  }

  /**
   * Runs registry analysis `name` (analyses.ts) on `orders`. An OrderTable result (the source's
   * filter) stays in the worker too, so analyses of the filtered table do not send it back.
   * Rejects with an AbortError when `signal` aborts; a late reply is dropped.
   */
  run<N extends AnalysisName>(orders: OrderTable, name: N, params: AnalysisParams<N>, signal?: AbortSignal): Promise<AnalysisResult<N>> {
    const here = (): AnalysisResult<N> => {
      if (signal?.aborted) throw abortReason(signal);
      return runAnalysisHere(orders, name, params);
    };
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (!this.ensureWorker()) return Promise.resolve().then(here);
    const resultTable = ++this.nextTable;
    this.stats.runs++;
    return this.request<AnalysisResult<N>>(
      (job) => ({ type: 'run', job, table: this.tableId(orders), name, params, resultTable }),
      (msg) => {
        if (msg.type !== 'result') throw new Error(`retention-widgets worker: unexpected reply ${msg.type} to run`);
        if (msg.kind === 'same') return orders as AnalysisResult<N>;
        if (msg.kind === 'table') {
          const table = unpackTable(msg.result as PostedTable);
          this.adopt(table, resultTable);
          return table as AnalysisResult<N>;
        }
        return unpackIds(msg.result as AnalysisResult<N>, orders.customer.values);
      },
      here,
      signal,
      undefined,
      () => this.post({ type: 'release', table: resultTable }),
    );
  }

  /** The customers behind a click (see `selectCustomers`), crossing as codes into the page's ids. */
  customers<N extends AnalysisName>(orders: OrderTable, name: N, params: AnalysisParams<N>, selection: AnalysisSelection<N>, signal?: AbortSignal): Promise<string[]> {
    const here = (): string[] => {
      if (signal?.aborted) throw abortReason(signal);
      return selectCustomersHere(orders, name, params, selection);
    };
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (!this.ensureWorker()) return Promise.resolve().then(here);
    const ids = orders.customer.values;
    return this.request<string[]>(
      (job) => ({ type: 'customers', job, table: this.tableId(orders), name, params, selection }),
      (msg) => {
        if (msg.type !== 'result' || !(msg.result instanceof Int32Array)) throw new Error(`retention-widgets worker: unexpected reply ${msg.type} to customers`);
        return Array.from(msg.result, (code) => ids[code]);
      },
      here,
      signal,
    );
  }

  /**
   * Whether a `sharedResult` for (`orders`, `key`) is cached where `orders` is computed on (the
   * worker's copy, or the page's table in-thread); for tests and diagnostics.
   * @example await workerClient().hasSharedResult(orders, `fitBgNbd:weeks:asOf=${lastDay}`)
   */
  hasSharedResult(orders: OrderTable, key: string): Promise<boolean> {
    const table = this.ids.get(orders);
    if (table === undefined || !this.ensureWorker()) return Promise.resolve(hasSharedResult(orders, key));
    return this.request<boolean>(
      (job) => ({ type: 'has', job, table, key }),
      (msg) => msg.type === 'result' && msg.result === true,
      () => hasSharedResult(orders, key),
      undefined,
    );
  }
}
