/**
 * The drop-in build's `apache-arrow`, `hyparquet`, `hyparquet-compressors` and `fflate` (vite.config.ts,
 * mode 'dropin', aliases those imports here).
 *
 * In the drop-in, Arrow IPC bytes, Parquet files and Excel workbooks are parsed by the compute worker
 * (dist/worker.js, which bundles the real readers), so the page's single file leaves the readers
 * out: ~120 KB gzip. The page parses them only when no worker can run (worker.js not served,
 * worker crashed, `setComputeMode('main')`); then these stand-ins throw a LoadError that says
 * what to do. An Arrow `Table` passed as `data` needs no reader: it is read in the page from its
 * buffers (src/data/arrow.ts) with no apache-arrow code. CSV, TSV and JSON parse in the page as before.
 * @example await loadOrders(parquetBytes) // in-thread in the drop-in → LoadError('unsupported-input')
 */
import { LoadError } from '../../src/data/types.js';

function workerNeeded(): never {
  throw new LoadError(
    'unsupported-input',
    'In the drop-in file (dist/retention-widgets.js), Arrow IPC, Parquet and Excel (.xlsx) data are read by the compute worker, and no worker could run: ' +
      'serve dist/worker.js next to dist/retention-widgets.js (same origin; a CSP needs script-src or worker-src \'self\'), ' +
      'or load CSV/JSON, or use the npm package (`import "retention-widgets"`), which reads every format in the page too.',
  );
}

// apache-arrow (src/data/arrow.ts)
export const tableFromIPC = workerNeeded;
// hyparquet (src/data/parquet.ts)
export const parquetMetadata = workerNeeded;
export const parquetRead = workerNeeded;
export const parquetSchema = workerNeeded;
// hyparquet-compressors (src/data/parquet.ts)
export const compressors = {};
// fflate (src/data/xlsx.ts: the zip of an .xlsx workbook)
export const unzipSync = workerNeeded;
