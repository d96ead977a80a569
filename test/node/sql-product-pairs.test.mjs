// sql/duckdb/product_pairs.sql (in DuckDB, @duckdb/node-api) and sql/postgres/product_pairs.sql (in
// PGlite) must give core's productAffinity value for value: the same pairs in the same order, the
// same counts, and support / confidence / lift within 1e-12 relative.
//
// Both sides read the same lines: the OrderTable loadOrders builds (with its lines) is written as one
// row per line (customer, order id, day, line amount, product) and the SQL runs on it as written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DuckDBInstance, dateValue } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';

const DUCK_SQL = await readFile('sql/duckdb/product_pairs.sql', 'utf8');
const PG_SQL = await readFile('sql/postgres/product_pairs.sql', 'utf8');
const ONLINE_RETAIL = 'data/uci-online-retail/Online Retail.parquet';

let instance;
let duck;
let pg;
before(async () => {
  instance = await DuckDBInstance.create(':memory:');
  duck = await instance.connect();
  pg = await PGlite.create();
});
after(async () => {
  duck?.closeSync();
  instance?.closeSync();
  await pg?.close();
});

/** One record per line of the table: the order's customer and id (its row number when it has none). */
function lineRecords(core, orders) {
  const { lines } = orders;
  const out = [];
  for (let l = 0; l < lines.length; l++) {
    const row = lines.order[l];
    const code = lines.product.codes[l];
    const orderCode = orders.order ? orders.order.codes[row] : -1;
    out.push({
      customer: orders.customer.values[orders.customer.codes[row]],
      order: orderCode >= 0 ? orders.order.values[orderCode] : `row-${row}`,
      date: core.isoDate(orders.day[row]),
      day: orders.day[row],
      amount: lines.amount[l],
      product: code < 0 ? null : lines.product.values[code],
    });
  }
  return out;
}

async function writeDuck(records) {
  await duck.run('DROP TABLE IF EXISTS orders');
  await duck.run('CREATE TABLE orders (customer_id VARCHAR, order_id VARCHAR, order_date DATE, amount DOUBLE, product_id VARCHAR)');
  const appender = await duck.createAppender('orders');
  for (const r of records) {
    appender.appendVarchar(r.customer);
    appender.appendVarchar(r.order);
    appender.appendDate(dateValue(r.day));
    appender.appendDouble(r.amount);
    if (r.product === null) appender.appendNull();
    else appender.appendVarchar(r.product);
    appender.endRow();
  }
  appender.closeSync();
}

const csvField = (s) => `"${s.replaceAll('"', '""')}"`;

async function writePg(records) {
  await pg.exec('DROP TABLE IF EXISTS orders; CREATE TABLE orders (customer_id text, order_id text, order_date date, amount double precision, product_id text)');
  const text = records.map((r) => `${csvField(r.customer)},${csvField(r.order)},${r.date},${String(r.amount)},${r.product === null ? '' : csvField(r.product)}`).join('\n');
  await pg.query("COPY orders FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([text]) });
}

async function duckPairs(vars) {
  for (const name of ['min_orders', 'max_items_per_order', 'top']) await duck.run(`RESET VARIABLE ${name}`);
  for (const [name, value] of Object.entries(vars)) await duck.run(`SET VARIABLE ${name} = ${value}`);
  return (await duck.runAndReadAll(DUCK_SQL)).getRowObjectsJS();
}

async function pgPairs(vars) {
  await pg.exec('RESET retention.min_orders; RESET retention.max_items_per_order; RESET retention.top');
  for (const [name, value] of Object.entries(vars)) await pg.query('SELECT set_config($1, $2, false)', [`retention.${name}`, String(value)]);
  return (await pg.query(PG_SQL)).rows;
}

const close = (x, y, label) => assert.ok(Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y)), `${label}: ${x} vs ${y}`);

function assertPairsEqual(rows, core, label) {
  assert.equal(rows.length, core.pairs.length, `${label}: pair count`);
  rows.forEach((r, i) => {
    const p = core.pairs[i];
    const at = `${label} #${i} ${p.a}+${p.b}`;
    assert.deepEqual([r.a, r.b, Number(r.orders), Number(r.orders_a), Number(r.orders_b)], [p.a, p.b, p.orders, p.ordersA, p.ordersB], at);
    close(r.support, p.support, `${at} support`);
    close(r.confidence_ab, p.confidenceAB, `${at} confidence_ab`);
    close(r.confidence_ba, p.confidenceBA, `${at} confidence_ba`);
    close(r.lift, p.lift, `${at} lift`);
    assert.equal(Number(r.total_orders), core.orders, `${at} N`);
    assert.equal(Number(r.skipped_orders), core.skippedOrders, `${at} skipped`);
  });
}

const CASES = [
  { vars: { top: 3000 }, options: { top: 3000 } },
  { vars: { min_orders: 40, top: 100000 }, options: { minOrders: 40, top: 100000 } },
  { vars: { min_orders: 5, max_items_per_order: 30, top: 2000 }, options: { minOrders: 5, maxItemsPerOrder: 30, top: 2000 } },
];

async function checkBoth(core, orders, label, { postgres = true } = {}) {
  const records = lineRecords(core, orders);
  await writeDuck(records);
  if (postgres) await writePg(records);
  for (const { vars, options } of CASES) {
    const want = core.productAffinity(orders, options);
    assert.ok(want.pairs.length > 0, `${label}: core found pairs`);
    let t = performance.now();
    assertPairsEqual(await duckPairs(vars), want, `DuckDB ${label} ${JSON.stringify(vars)}`);
    const duckMs = performance.now() - t;
    t = performance.now();
    if (postgres) assertPairsEqual(await pgPairs(vars), want, `PostgreSQL ${label} ${JSON.stringify(vars)}`);
    console.log(`${label} ${JSON.stringify(vars)}: ${want.pairs.length} pairs; DuckDB ${duckMs.toFixed(0)} ms, PGlite ${postgres ? (performance.now() - t).toFixed(0) : '-'} ms`);
  }
}

test('Online Retail: SQL product pairs equal core productAffinity (DuckDB and PostgreSQL)', async () => {
  const core = await import('retention-widgets/core');
  const { orders } = await core.loadOrders(new Uint8Array(await readFile(ONLINE_RETAIL)), {
    mapping: { customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', amount: 'Quantity*UnitPrice', product: 'StockCode' },
  });
  // PGlite (single-threaded WebAssembly) needs minutes for the self-join over all 392,692 lines, so
  // PostgreSQL is checked on December 2010 here, DuckDB on everything.
  await checkBoth(core, orders, 'Online Retail', { postgres: false });
  const december = core.filterOrders(orders, { fromDay: core.daysFromCivil(2010, 12, 1), toDay: core.daysFromCivil(2010, 12, 31) });
  assert.ok(december.lines.length > 10_000);
  await checkBoth(core, december, 'Online Retail December 2010');
});

test('synthetic baskets with ties, repeated lines, orders without ids and ids that sort by case: SQL equals core', async () => {
  const core = await import('retention-widgets/core');
  let seed = 42;
  const u = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const products = ['a', 'B', 'b', 'Z10', 'z2', '10', '9', 'éclair', 'Ω', 'a b'];
  const lines = ['customer,order,date,amount,product'];
  for (let o = 0; o < 1200; o++) {
    const k = 1 + Math.floor(u() * 6);
    const order = o % 7 === 0 ? '' : `o${o}`; // no order id: each line is an order of its own
    const customer = `c${Math.floor(u() * 80)}`;
    const date = `2024-0${1 + Math.floor(u() * 9)}-1${Math.floor(u() * 9)}`;
    for (let j = 0; j < k; j++) lines.push(`${customer},${order},${date},${(1 + u()).toFixed(2)},${products[Math.floor(products.length * u() * u())]}`);
  }
  const { orders } = await core.loadOrders(lines.join('\n'), {
    mapping: { customer: 'customer', order: 'order', date: 'date', amount: 'amount', product: 'product' }, duplicates: 'keep',
  });
  await checkBoth(core, orders, 'synthetic');
});
