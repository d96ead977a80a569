/**
 * The shared compute worker (a module worker): parses order files and runs the analyses of
 * analyses.ts off the page's main thread, for every widget of the page (see client.ts).
 *
 * It keeps each OrderTable it loaded or was sent under the id the client chose, so a table
 * crosses once and the per-table caches (`sharedResult`: customer summary, BG/NBD fit, RFM
 * scores) live here, keyed on the worker's table object. Replies are structured clones: the
 * worker keeps its own buffers (transferring them would empty its copy).
 *
 * Build: `dist/worker.js` (vite library entry `worker`); tests load `/src/worker/worker.ts`.
 */
import type { OrderTable } from '../core/order-table.js';
import { loadOrders } from '../data/load-orders.js';
import { hasSharedResult } from '../analyses/shared-results.js';
import { isAnalysisName, runAnalysisHere, selectCustomersHere } from '../analyses/registry.js';
import { codesOfIds } from './ids-by-code.js';
import type { FromWorker, ToWorker, WorkerError } from './protocol.js';
import { packIds } from './ids-by-code.js';
import { packTable } from './table-transport.js';
import { withTransferableCopies } from './transfer-copies.js';

/** The parts of DedicatedWorkerGlobalScope used here (the DOM lib types `self` as a Window). */
interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  constructor: { name: string };
}

const scope = self as unknown as WorkerScope;
const tables = new Map<number, OrderTable>();
const loads = new Map<number, AbortController>();

function errorOf(e: unknown): WorkerError {
  const err = e as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: typeof err?.name === 'string' ? err.name : 'Error',
    message: typeof err?.message === 'string' ? err.message : String(e),
    ...(typeof err?.code === 'string' ? { code: err.code } : {}),
  };
}

/** Whether a result is an order table (the filter of `<rw-orders>`), which stays here under an id. */
function isOrderTable(x: unknown): x is OrderTable {
  const t = x as Partial<OrderTable> | null;
  return !!t && typeof t === 'object' && t.day instanceof Int32Array && t.customer?.codes instanceof Int32Array && typeof t.length === 'number';
}

function tableOf(id: number): OrderTable {
  const t = tables.get(id);
  if (!t) throw new Error(`retention-widgets worker: no table ${id} (released?)`);
  return t;
}

async function load(msg: Extract<ToWorker, { type: 'load' }>): Promise<void> {
  const ac = new AbortController();
  loads.set(msg.job, ac);
  try {
    const input = typeof msg.input === 'object' && 'url' in msg.input ? new URL(msg.input.url) : msg.input;
    const { orders, report } = await loadOrders(input, {
      ...msg.options,
      signal: ac.signal,
      onProgress: (progress) => scope.postMessage({ type: 'progress', job: msg.job, progress }),
    });
    if (ac.signal.aborted) return;
    tables.set(msg.table, orders);
    // The worker keeps `orders`; the page gets transferred copies of its arrays (transfer-copies.ts).
    const posted = withTransferableCopies(packTable(orders));
    scope.postMessage({ type: 'loaded', job: msg.job, orders: posted.value, report }, posted.transfer);
  } catch (e) {
    if (!ac.signal.aborted) scope.postMessage({ type: 'error', job: msg.job, error: errorOf(e) });
  } finally {
    loads.delete(msg.job);
  }
}

function run(msg: Extract<ToWorker, { type: 'run' }>): void {
  try {
    if (!isAnalysisName(msg.name)) throw new Error(`retention-widgets worker: unknown analysis "${String(msg.name)}"`);
    const orders = tableOf(msg.table);
    const result = runAnalysisHere(orders, msg.name, msg.params as never);
    if (result === orders) {
      scope.postMessage({ type: 'result', job: msg.job, kind: 'same' });
    } else if (isOrderTable(result)) {
      tables.set(msg.resultTable, result);
      const posted = withTransferableCopies(packTable(result));
      scope.postMessage({ type: 'result', job: msg.job, kind: 'table', result: posted.value }, posted.transfer);
    } else {
      // Customer ids go back as codes: the page has the table's ids (ids-by-code.ts); typed arrays
      // as transferred copies, so the page does not copy them (transfer-copies.ts).
      const { value, transfer } = withTransferableCopies(packIds(result, orders.customer.values));
      scope.postMessage({ type: 'result', job: msg.job, kind: 'value', result: value }, transfer);
    }
  } catch (e) {
    scope.postMessage({ type: 'error', job: msg.job, error: errorOf(e) });
  }
}

/** The customers behind a click, as codes into the table's ids (the page maps them back with its copy). */
function customers(msg: Extract<ToWorker, { type: 'customers' }>): void {
  try {
    if (!isAnalysisName(msg.name)) throw new Error(`retention-widgets worker: unknown analysis "${String(msg.name)}"`);
    const orders = tableOf(msg.table);
    const codes = codesOfIds(orders, selectCustomersHere(orders, msg.name, msg.params as never, msg.selection as never));
    scope.postMessage({ type: 'result', job: msg.job, kind: 'value', result: codes }, [codes.buffer]);
  } catch (e) {
    scope.postMessage({ type: 'error', job: msg.job, error: errorOf(e) });
  }
}

scope.addEventListener('message', (event) => {
  const msg = event.data;
  switch (msg.type) {
    case 'load':
      void load(msg);
      break;
    case 'put':
      tables.set(msg.table, msg.orders);
      break;
    case 'run':
      // Synchronous: an `abort` for it is read after it finished; the client has dropped the job by then.
      run(msg);
      break;
    case 'customers':
      customers(msg);
      break;
    case 'has':
      try {
        scope.postMessage({ type: 'result', job: msg.job, kind: 'value', result: hasSharedResult(tableOf(msg.table), msg.key) });
      } catch (e) {
        scope.postMessage({ type: 'error', job: msg.job, error: errorOf(e) });
      }
      break;
    case 'abort':
      loads.get(msg.job)?.abort();
      break;
    case 'release':
      tables.delete(msg.table);
      break;
  }
});

scope.postMessage({ type: 'ready', scope: scope.constructor.name });
