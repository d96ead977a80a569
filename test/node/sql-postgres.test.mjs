// The PostgreSQL translation in sql/postgres/ runs in PGlite (PostgreSQL 18 compiled to WASM,
// in process, no server) and must give core's numbers value for value, as the DuckDB files do
// (sql-duckdb.test.mjs): every customer of `customerSummary`, every cell of the monthly cohort matrix.
// The order table loadOrders builds is copied into a table `orders` as CSV (COPY … FROM '/dev/blob').
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { assertCohortsEqual, assertRowRules, assertSummaryEqual, coreCohorts, ROW_RULES_FIXTURE } from './sql-assert.mjs';

const SQL = {
  summary: await readFile('sql/postgres/customer_summary.sql', 'utf8'),
  cohorts: await readFile('sql/postgres/cohort_matrix.sql', 'utf8'),
};

let pg;
before(async () => {
  pg = await PGlite.create();
});
after(async () => {
  await pg?.close();
});

const csvField = (s) => `"${s.replaceAll('"', '""')}"`;

/** Replaces the `orders` table with the rows of an OrderTable (an empty order_id field is NULL). */
async function writeOrders(core, orders) {
  await pg.exec('DROP TABLE IF EXISTS orders; CREATE TABLE orders (customer_id text, order_id text, order_date date, amount double precision)');
  const ids = orders.customer.values;
  const orderIds = orders.order?.values;
  const lines = new Array(orders.length);
  for (let i = 0; i < orders.length; i++) {
    const orderId = orderIds ? csvField(orderIds[orders.order.codes[i]]) : '';
    // String(x) is the shortest text that reads back as the same double.
    lines[i] = `${csvField(ids[orders.customer.codes[i]])},${orderId},${core.isoDate(orders.day[i])},${String(orders.amount[i])}`;
  }
  await pg.query("COPY orders FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([lines.join('\n')]) });
}

async function setVariables(vars) {
  await pg.exec('RESET retention.calibration_end; RESET retention.as_of; RESET retention.keep_zero_amounts');
  for (const [name, value] of Object.entries(vars)) await pg.query(`SELECT set_config($1, $2, false)`, [`retention.${name}`, value]);
}

/** Result rows → { column: values[] }, the shape the shared assertions take. */
async function query(sql) {
  const { rows, fields } = await pg.query(sql);
  const out = {};
  for (const { name } of fields) out[name] = rows.map((r) => r[name]);
  return out;
}

async function checkAgainstCore(core, orders, { zeroAmounts, calibrationEnd, unit }) {
  await writeOrders(core, orders);
  const keepZero = zeroAmounts === 'keep' ? { keep_zero_amounts: 'true' } : {};
  await setVariables({ ...keepZero, calibration_end: core.isoDate(calibrationEnd) });
  assertSummaryEqual(await query(SQL.summary), core.customerSummary(orders, { unit, calibrationEnd }));
  const asOf = calibrationEnd + 45; // T measured to a later day than the calibration end
  await setVariables({ ...keepZero, calibration_end: core.isoDate(calibrationEnd), as_of: core.isoDate(asOf) });
  assertSummaryEqual(await query(SQL.summary), core.customerSummary(orders, { unit, calibrationEnd, asOf }));
  await setVariables(keepZero);
  assertSummaryEqual(await query(SQL.summary), core.customerSummary(orders, { unit: 'days' }));
  assertCohortsEqual(await query(SQL.cohorts), coreCohorts(core, orders));
}

test('PostgreSQL, CDNOW master: customer summary and cohort matrix equal core value for value', async () => {
  const core = await import('retention-widgets/core');
  const options = { zeroAmounts: 'keep', duplicates: 'keep' };
  const { orders, report } = await core.loadOrders(new Uint8Array(await readFile('data/cdnow/CDNOW_master.txt')), options);
  assert.equal(report.orders, 69_659);
  await checkAgainstCore(core, orders, { zeroAmounts: 'keep', calibrationEnd: core.daysFromCivil(1997, 9, 30), unit: 'weeks' });
});

test('PostgreSQL, Online Retail: customer summary and cohort matrix equal core value for value', async () => {
  const core = await import('retention-widgets/core');
  const { orders } = await core.loadOrders(new Uint8Array(await readFile('data/uci-online-retail/Online Retail.parquet')));
  await checkAgainstCore(core, orders, { zeroAmounts: 'exclude', calibrationEnd: core.daysFromCivil(2011, 6, 30), unit: 'days' });
});

test('PostgreSQL: the row rules drop blank ids, non-positive and non-finite amounts, and group order lines', async () => {
  await pg.exec(`DROP TABLE IF EXISTS orders; ${ROW_RULES_FIXTURE.sql}`);
  await setVariables({});
  assertRowRules(await query(SQL.summary), ROW_RULES_FIXTURE.expected);
  await setVariables({ keep_zero_amounts: 'true' });
  assertRowRules(await query(SQL.summary), ROW_RULES_FIXTURE.keepZero);
});
