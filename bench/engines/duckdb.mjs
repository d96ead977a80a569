/**
 * DuckDB-wasm (single-threaded `eh` bundle, in its own Web Worker) running the SQL of lib/sql.mjs.
 * The wasm and worker files are served from node_modules by the benchmark's static server, so the
 * page needs no network. Ingest registers the same bytes the other engines read: Arrow IPC through
 * `tableFromIPC` + `insertArrowTable` (which re-encodes it as an IPC stream for the worker), CSV through `read_csv` on a registered file buffer.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
// The apache-arrow that duckdb-wasm itself uses (17.x): insertArrowTable re-encodes with it, and
// tables from another copy of the library fail its instanceof checks.
import { tableFromIPC } from '../../node_modules/@duckdb/duckdb-wasm/node_modules/apache-arrow/Arrow.dom.mjs';
import { W1, W1_TOTALS, W2, W3_GAPS, W3_SHARE, W4, canonicalFromSql } from '../lib/sql.mjs';

const DIST = '/node_modules/@duckdb/duckdb-wasm/dist';

function rowsOf(table) {
  return table.toArray().map((row) => row.toJSON());
}

/** DuckDB-wasm engine: workloads w1–w4 on the table ingested from Arrow. */
export function createEngine() {
  let db = null;
  let conn = null;
  let ingests = 0;
  return {
    name: 'duckdb',
    workloads: ['w1', 'w2', 'w3', 'w4'],
    async open() {
      const bundle = await duckdb.selectBundle({
        mvp: { mainModule: `${DIST}/duckdb-mvp.wasm`, mainWorker: `${DIST}/duckdb-browser-mvp.worker.js` },
        eh: { mainModule: `${DIST}/duckdb-eh.wasm`, mainWorker: `${DIST}/duckdb-browser-eh.worker.js` },
      });
      const worker = new Worker(bundle.mainWorker);
      db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
      await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
      conn = await db.connect();
      const version = await db.getVersion();
      return { version, bundle: bundle.mainModule.split('/').pop() };
    },
    /** Bytes → a DuckDB table; each ingest makes a new table (dropped on the next one). */
    async ingest(format, bytes) {
      const name = `orders_${format}_${++ingests}`;
      if (format === 'arrow') {
        await conn.insertArrowTable(tableFromIPC(bytes), { name, create: true });
      } else {
        const file = `${name}.csv`;
        await db.registerFileBuffer(file, bytes); // transferred to the worker (the driver hands over a fresh copy)
        await conn.query(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${file}', header = true)`);
        await db.dropFile(file);
      }
      const rows = Number(rowsOf(await conn.query(`SELECT count(*)::DOUBLE AS n FROM ${name}`))[0].n);
      return { name, rows, rejected: 0 };
    },
    async drop(handle) {
      await conn.query(`DROP TABLE IF EXISTS ${handle.name}`);
    },
    async use(handle) {
      await conn.query(`CREATE OR REPLACE VIEW orders AS SELECT * FROM ${handle.name}`);
    },
    async run(workload) {
      switch (workload) {
        case 'w1':
          return conn.query(W1);
        case 'w2':
          return conn.query(W2);
        case 'w3':
          return [await conn.query(W3_SHARE), await conn.query(W3_GAPS)];
        case 'w4':
          return conn.query(W4);
        default:
          throw new Error(`unknown workload ${workload}`);
      }
    },
    async canonical(workload, res) {
      if (workload === 'w1') return canonicalFromSql('w1', { totals: rowsOf(await conn.query(W1_TOTALS))[0] });
      if (workload === 'w3') return canonicalFromSql('w3', { share: rowsOf(res[0])[0], gaps: rowsOf(res[1]) });
      return canonicalFromSql(workload, { rows: rowsOf(res) });
    },
    async close() {
      await conn?.close();
      await db?.terminate();
    },
  };
}
