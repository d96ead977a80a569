/**
 * Messages between the page (client.ts) and the shared compute worker (worker.ts).
 *
 * Ids are chosen by the client: `job` numbers a request that gets a reply, `table` names an
 * OrderTable kept in the worker. Everything is structured-cloned (tables are typed arrays plus
 * string arrays); the worker never transfers its own buffers away, since it keeps its copy.
 */
import type { OrderTable } from '../core/order-table.js';
import type { LoadOptions, LoadProgress, LoadReport } from '../data/types.js';
import type { AnalysisName } from '../analyses/registry.js';
import type { PostedTable } from './table-transport.js';

/** What `load` accepts across the boundary: an absolute URL (`{ url }`), text, bytes or a Blob. */
export type WorkerLoadInput = { url: string } | string | ArrayBuffer | Uint8Array | Blob;

/** Load options without the parts that cannot cross (signal, callback). */
export type WorkerLoadOptions = Omit<LoadOptions, 'signal' | 'onProgress'>;

export type ToWorker =
  | { type: 'load'; job: number; table: number; input: WorkerLoadInput; options: WorkerLoadOptions }
  | { type: 'put'; table: number; orders: OrderTable }
  | { type: 'run'; job: number; table: number; name: AnalysisName; params: unknown; resultTable: number }
  /** The customers behind `selection` of analysis `name` with `params`; the reply is their codes (Int32Array). */
  | { type: 'customers'; job: number; table: number; name: AnalysisName; params: unknown; selection: unknown }
  | { type: 'has'; job: number; table: number; key: string }
  | { type: 'abort'; job: number }
  | { type: 'release'; table: number };

/** An error as it crosses: enough to rebuild a LoadError / RangeError / AbortError with its code. */
export interface WorkerError {
  name: string;
  message: string;
  code?: string;
}

export type FromWorker =
  /** Posted once when the worker module has run; `scope` is `self.constructor.name`. */
  | { type: 'ready'; scope: string }
  | { type: 'progress'; job: number; progress: LoadProgress }
  /** The table as `packTable` posts it (table-transport.ts). */
  | { type: 'loaded'; job: number; orders: PostedTable; report: LoadReport }
  /** `kind: 'same'`: the result is the input table; `'table'`: a new table kept as `resultTable`. */
  | { type: 'result'; job: number; kind: 'value' | 'same' | 'table'; result?: unknown }
  | { type: 'error'; job: number; error: WorkerError };
