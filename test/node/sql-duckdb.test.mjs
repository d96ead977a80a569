// The warehouse SQL in sql/duckdb/ runs in DuckDB (in process, @duckdb/node-api) and must give
// core's numbers value for value: every customer of `customerSummary`, every cell of the monthly
// `cohortRetention` matrix ('customers', 'revenue', 'orders'; mode 'on').
//
// Both sides read the same orders: the OrderTable that `loadOrders` builds is appended to a DuckDB
// table `orders` (one row per order, with its order id when the data has one) and the SQL files run
// on it as written. A second check runs the SQL on the raw Online Retail Parquet file through the
// row rules expressed in SQL (sql/README.md) and compares the counts with loadOrders' report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DuckDBInstance, dateValue } from '@duckdb/node-api';
import { assertCohortsEqual, assertRowRules, assertSummaryEqual, coreCohorts, ROW_RULES_FIXTURE } from './sql-assert.mjs';

const SQL = {
  summary: await readFile('sql/duckdb/customer_summary.sql', 'utf8'),
  cohorts: await readFile('sql/duckdb/cohort_matrix.sql', 'utf8'),
};
const ONLINE_RETAIL = 'data/uci-online-retail/Online Retail.parquet';

let instance;
let db;
before(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
});
after(() => {
  db?.closeSync();
  instance?.closeSync();
});

/** Drops `orders`, whether the last test made it a table or a view. */
async function dropOrders() {
  const found = (await db.runAndReadAll("SELECT table_type FROM information_schema.tables WHERE table_name = 'orders'")).getRowsJS();
  if (found.length) await db.run(`DROP ${found[0][0] === 'VIEW' ? 'VIEW' : 'TABLE'} orders`);
}

/** Replaces `orders` with a table holding the rows of an OrderTable. */
async function writeOrders(orders) {
  await dropOrders();
  await db.run('CREATE TABLE orders (customer_id VARCHAR, order_id VARCHAR, order_date DATE, amount DOUBLE)');
  const appender = await db.createAppender('orders');
  const ids = orders.customer.values;
  const codes = orders.customer.codes;
  const orderIds = orders.order?.values;
  const orderCodes = orders.order?.codes;
  for (let i = 0; i < orders.length; i++) {
    appender.appendVarchar(ids[codes[i]]);
    if (orderIds) appender.appendVarchar(orderIds[orderCodes[i]]);
    else appender.appendNull();
    appender.appendDate(dateValue(orders.day[i]));
    appender.appendDouble(orders.amount[i]);
    appender.endRow();
  }
  appender.closeSync();
}

async function setVariables(vars) {
  for (const name of ['calibration_end', 'as_of', 'keep_zero_amounts']) await db.run(`RESET VARIABLE ${name}`);
  for (const [name, value] of Object.entries(vars)) await db.run(`SET VARIABLE ${name} = ${value}`);
}

async function query(sql) {
  return (await db.runAndReadAll(sql)).getColumnsObjectJS();
}

async function checkAgainstCore(core, orders, { zeroAmounts, calibrationEnd, unit }) {
  await writeOrders(orders);
  const vars = {};
  if (zeroAmounts === 'keep') vars.keep_zero_amounts = 'true';
  if (calibrationEnd !== undefined) vars.calibration_end = `DATE '${core.isoDate(calibrationEnd)}'`;
  await setVariables(vars);

  const summary = await query(SQL.summary);
  assertSummaryEqual(summary, core.customerSummary(orders, { unit, calibrationEnd }));
  // T measured to a later day than the calibration end.
  const asOf = calibrationEnd + 45;
  await setVariables({ ...vars, as_of: `DATE '${core.isoDate(asOf)}'` });
  assertSummaryEqual(await query(SQL.summary), core.customerSummary(orders, { unit, calibrationEnd, asOf }));
  await setVariables(zeroAmounts === 'keep' ? { keep_zero_amounts: 'true' } : {});
  assertSummaryEqual(await query(SQL.summary), core.customerSummary(orders, { unit: 'days' }));

  assertCohortsEqual(await query(SQL.cohorts), coreCohorts(core, orders));
  return summary;
}

test('CDNOW master: SQL customer summary and cohort matrix equal core value for value', async () => {
  const core = await import('retention-widgets/core');
  // CDNOW has no order id and real same-day repeat lines, and 80 zero-value lines Hardie keeps.
  const options = { zeroAmounts: 'keep', duplicates: 'keep' };
  const { orders, report } = await core.loadOrders(new Uint8Array(await readFile('data/cdnow/CDNOW_master.txt')), options);
  assert.equal(report.orders, 69_659);
  const calibrationEnd = core.daysFromCivil(1997, 9, 30);
  const summary = await checkAgainstCore(core, orders, { zeroAmounts: 'keep', calibrationEnd, unit: 'weeks' });
  assert.equal(summary.customer_id.length, 23_570); // every customer's first purchase is in Q1 1997
});

test('Online Retail: SQL customer summary and cohort matrix equal core value for value', async () => {
  const core = await import('retention-widgets/core');
  const { orders, report } = await core.loadOrders(new Uint8Array(await readFile(ONLINE_RETAIL)), { timeZone: 'Europe/London' });
  assert.ok(report.orders > 18_000 && report.customers > 4_000);
  await checkAgainstCore(core, orders, { zeroAmounts: 'exclude', calibrationEnd: core.daysFromCivil(2011, 6, 30), unit: 'days' });
});

test('Online Retail raw Parquet: the row rules in SQL find the orders and customers loadOrders finds', async () => {
  const core = await import('retention-widgets/core');
  const { orders, report } = await core.loadOrders(new Uint8Array(await readFile(ONLINE_RETAIL)));
  await dropOrders();
  // The view a warehouse would define over its raw lines (sql/README.md, "From raw lines"):
  // exact duplicates are removed over every source column (the loader's duplicate-row rule),
  // CustomerID 17850.0 → '17850' (the loader prints integral ids as integers), the naive
  // InvoiceDate is already the shop's wall clock, amount = Quantity × UnitPrice.
  await db.run(`
    CREATE VIEW orders AS
    SELECT
      CAST(CAST(CustomerID AS BIGINT) AS VARCHAR) AS customer_id,
      InvoiceNo AS order_id,
      CAST(InvoiceDate AS DATE) AS order_date,
      Quantity * UnitPrice AS amount
    FROM (SELECT DISTINCT * FROM read_parquet('${ONLINE_RETAIL}'))`);
  await setVariables({});
  const summary = await query(SQL.summary);
  const orderCount = summary.orders.reduce((s, x) => s + Number(x), 0);
  // Equal, not merely close: rejected lines (no CustomerID 135,080; cancellations 8,872; duplicates
  // 5,225; zero amount 40) never form an order on either side. SOURCE.md counts 18,536 "positive,
  // non-cancelled invoices" of 4,339 customers: those 4 extra invoices and 1 extra customer have only
  // zero-price lines, which both the loader and the SQL reject (zeroAmounts: 'exclude').
  assert.equal(summary.customer_id.length, report.customers);
  assert.equal(orderCount, report.orders);
  assert.equal(report.customers, 4_338);
  assert.equal(report.orders, 18_532);
  // And the per-customer values agree with core too, straight from the raw file.
  assertSummaryEqual(summary, core.customerSummary(orders, { unit: 'days' }));
  assertCohortsEqual(await query(SQL.cohorts), coreCohorts(core, orders));
});

test('DuckDB: the row rules drop blank ids, non-positive and non-finite amounts, and group order lines', async () => {
  await dropOrders();
  await db.run(ROW_RULES_FIXTURE.sql);
  await setVariables({});
  assertRowRules(await query(SQL.summary), ROW_RULES_FIXTURE.expected);
  await setVariables({ keep_zero_amounts: 'true' });
  assertRowRules(await query(SQL.summary), ROW_RULES_FIXTURE.keepZero);
});

test('the SQL outputs feed the widgets: summary and cohort matrix written as CSV and Parquet load back as pre-aggregated inputs equal to core', async () => {
  const core = await import('retention-widgets/core');
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'rw-sql-'));
  const { orders } = await core.loadOrders(new Uint8Array(await readFile('data/cdnow/CDNOW_master.txt')), { zeroAmounts: 'keep', duplicates: 'keep' });
  await writeOrders(orders);
  await setVariables({ keep_zero_amounts: 'true' });
  const want = core.customerSummary(orders, { unit: 'days' });
  const wantCohorts = core.cohortRetention(orders, { period: 'month', measure: 'customers', mode: 'on' });
  const strip = (sql) => sql.trim().replace(/;\s*$/, '');
  for (const format of ['csv', 'parquet']) {
    const summaryFile = join(dir, `summary.${format}`);
    const matrixFile = join(dir, `cohorts.${format}`);
    await db.run(`COPY (${strip(SQL.summary)}) TO '${summaryFile}' (FORMAT ${format})`);
    await db.run(`COPY (${strip(SQL.cohorts)}) TO '${matrixFile}' (FORMAT ${format})`);
    const { orders: table, report } = await core.loadOrders(new Uint8Array(await readFile(summaryFile)), { kind: 'customer-summary' });
    assert.equal(report.rowsRejected, 0, format);
    const got = table.aggregate.summary;
    // The SQL orders customers by id; core by first appearance: compare by id.
    const at = new Map(got.customerId.map((id, i) => [id, i]));
    assert.equal(got.length, want.length, format);
    assert.equal(got.endDay, want.endDay, format);
    for (let i = 0; i < want.length; i++) {
      const j = at.get(want.customerId[i]);
      for (const f of ['firstDay', 'lastDay', 'orders', 'purchaseDays', 'frequency', 'recency', 'T']) assert.equal(got[f][j], want[f][i], `${format} ${f} of ${want.customerId[i]}`);
      for (const f of ['revenue', 'monetary']) assert.ok(Math.abs(got[f][j] - want[f][i]) <= 1e-9 * Math.max(1, Math.abs(want[f][i])), `${format} ${f} of ${want.customerId[i]}`);
    }
    const matrix = await core.loadOrders(new Uint8Array(await readFile(matrixFile)), { kind: 'cohort-matrix' });
    assert.equal(matrix.report.rowsRejected, 0, format);
    const m = matrix.orders.aggregate.matrices.customers;
    assert.deepEqual(m.periods, wantCohorts.periods, format);
    assert.deepEqual(m.cohorts, wantCohorts.cohorts, format);
  }
});
