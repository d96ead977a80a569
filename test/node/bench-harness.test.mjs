// The benchmark harness (bench/) on a tiny log, so `npm run bench` cannot rot: the generator is
// seeded and shaped as documented, the CSV and Arrow files hold the same orders, and our core, the
// benchmark's SQL (run here in native DuckDB) and Arquero give results the equality check accepts —
// while a changed cell is caught.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { AMOUNT_STEP, START_DAY, WINDOW_DAYS, generateOrders } from '../../bench/lib/generate.mjs';
import { writeDataset } from '../../bench/lib/write-data.mjs';
import { compareCanonical, gapDistribution, rfmCube, rfmMargins } from '../../bench/lib/canonical.mjs';
import { W1, W1_TOTALS, W2, W3_GAPS, W3_SHARE, W4, canonicalFromSql } from '../../bench/lib/sql.mjs';
import { bundle } from '../../bench/lib/build-bundles.mjs';

let dir;
let files;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rw-bench-'));
  files = await writeDataset(dir, '10k', 7);
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('generator: seeded, exact size, day order, BG/NBD-like shape', () => {
  const a = generateOrders({ orders: 20_000, seed: 1 });
  const b = generateOrders({ orders: 20_000, seed: 1 });
  const c = generateOrders({ orders: 20_000, seed: 2 });
  assert.deepEqual(a.customer, b.customer);
  assert.deepEqual(a.amount, b.amount);
  assert.notDeepEqual(a.customer, c.customer);
  assert.equal(a.length, 20_000);
  const perCustomer = new Int32Array(a.customers + 1);
  for (let i = 0; i < a.length; i++) {
    if (i) assert.ok(a.day[i] >= a.day[i - 1], `row ${i} out of day order`);
    assert.ok(a.day[i] >= START_DAY && a.day[i] < START_DAY + WINDOW_DAYS);
    assert.ok(a.amount[i] >= AMOUNT_STEP && Number.isInteger(a.amount[i] / AMOUNT_STEP), `amount ${a.amount[i]}`);
    perCustomer[a.customer[i]]++;
  }
  const ordersPerCustomer = a.length / a.customers;
  assert.ok(ordersPerCustomer > 4 && ordersPerCustomer < 6, `orders per customer ${ordersPerCustomer}`);
  let repeat = 0;
  for (let k = 1; k <= a.customers; k++) if (perCustomer[k] >= 2) repeat++;
  assert.ok(repeat / a.customers > 0.55 && repeat / a.customers < 0.85, `repeat share ${repeat / a.customers}`);
  // Shuffled within a day: generation order is by customer id, so a day with a descent was shuffled.
  let descents = 0;
  let sameDayPairs = 0;
  for (let i = 1; i < a.length; i++) {
    if (a.day[i] !== a.day[i - 1]) continue;
    sameDayPairs++;
    if (a.customer[i] < a.customer[i - 1]) descents++;
  }
  assert.ok(descents > sameDayPairs / 4, `${descents} descents in ${sameDayPairs} same-day pairs`);
});

test('CSV and Arrow files hold the same orders', async () => {
  const csv = (await readFile(files.csv, 'utf8')).trimEnd().split('\n');
  assert.equal(csv[0], 'customer_id,order_id,order_date,amount');
  assert.equal(csv.length - 1, 10_000);
  const table = tableFromIPC(await readFile(files.arrow));
  assert.equal(table.numRows, 10_000);
  assert.equal(String(table.schema.fields.map((f) => f.type)), 'Dictionary<Int32, Utf8>,Int32,Date32<DAY>,Float64');
  for (const row of [1, 777, 9_999]) {
    const [customer, order, date, amount] = csv[row + 1].split(',');
    assert.equal(table.getChild('customer_id').get(row), customer);
    assert.equal(table.getChild('order_id').get(row), Number(order));
    assert.equal(new Date(table.getChild('order_date').get(row)).toISOString().slice(0, 10), date);
    assert.equal(table.getChild('amount').get(row), Number(amount));
  }
  assert.equal(files.meta.orders, 10_000);
});

test('canonical helpers: type-7 median, bins, RFM cube margins', () => {
  // gaps 1, 1, 3, 8, 400 → median 3; bins [0,1,7,14,30,60,90,180,365]
  const d = gapDistribution([8, 1, 400, 3], [1, 2, 1, 1]);
  assert.deepEqual(d, { gaps: 5, gapSum: 413, gapMedian: 3, bins: [0, 3, 1, 0, 0, 0, 0, 0, 1] });
  assert.equal(gapDistribution([2, 5], [1, 1]).gapMedian, 3.5);
  const { cube, customers } = rfmCube([1, 5, 5], [2, 5, 5], [3, 1, 1], [4, 1, 2]);
  assert.equal(customers, 7);
  const { grid, mHistogram } = rfmMargins(cube);
  assert.equal(grid[0 * 5 + 1], 4);
  assert.equal(grid[4 * 5 + 4], 3);
  assert.deepEqual(mHistogram, [3, 0, 4, 0, 0]);
});

test('ours, the benchmark SQL (DuckDB) and Arquero agree; a changed cell is caught', async () => {
  const build = join(dir, 'build');
  const ours = await import(await bundle('bench/engines/ours.mjs', join(build, 'ours.mjs')));
  const aq = await import(await bundle('bench/engines/arquero.mjs', join(build, 'arquero.mjs')));
  const arrow = new Uint8Array(await readFile(files.arrow));
  const csv = new Uint8Array(await readFile(files.csv));

  async function canonicalOf(engine, format, bytes) {
    const handle = await engine.ingest(format, bytes);
    assert.equal(handle.rows, 10_000, `${engine.name} ${format} rows`);
    assert.equal(handle.rejected, 0);
    await engine.use(handle);
    const out = {};
    for (const w of ['w1', 'w2', 'w3', 'w4']) out[w] = await engine.canonical(w, await engine.run(w));
    return out;
  }
  const oursEngine = ours.createEngine();
  const expected = await canonicalOf(oursEngine, 'arrow', arrow);
  assert.deepEqual(await canonicalOf(ours.createEngine(), 'csv', csv), expected, 'our CSV and Arrow loads differ');
  const fit = await oursEngine.canonical('fit', await oursEngine.run('fit'));
  assert.equal(fit.converged, true);
  assert.ok(fit.r > 0 && fit.alpha > 0 && fit.a > 0 && fit.b > 0);

  assert.deepEqual(compareCanonical(expected, await canonicalOf(aq.createEngine(), 'arrow', arrow)), []);
  assert.deepEqual(compareCanonical(expected, await canonicalOf(aq.createEngine(), 'csv', csv)), []);

  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await db.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${files.csv}', header = true)`);
    const rows = async (sql) => (await db.runAndReadAll(sql)).getRowObjectsJS();
    await db.run(W1);
    const sql = {
      w1: canonicalFromSql('w1', { totals: (await rows(W1_TOTALS))[0] }),
      w2: canonicalFromSql('w2', { rows: await rows(W2) }),
      w3: canonicalFromSql('w3', { share: (await rows(W3_SHARE))[0], gaps: await rows(W3_GAPS) }),
      w4: canonicalFromSql('w4', { rows: await rows(W4) }),
    };
    assert.deepEqual(compareCanonical(expected, sql), []);
    // The check is not vacuous: every part of the result is compared.
    assert.ok(expected.w2.cells.length > 100 && expected.w4.customers > 1000 && expected.w3.gaps > 1000);
    const broken = structuredClone(sql);
    broken.w2.cells[5][2] += 1;
    broken.w4.cube[62] += 1;
    broken.w3.bins[3] -= 1;
    broken.w1.revenue += AMOUNT_STEP;
    const diffs = compareCanonical(expected, broken);
    assert.equal(diffs.length, 4, diffs.join('\n'));
  } finally {
    db.closeSync();
    instance.closeSync();
  }
});
