// The segment queries (sql/duckdb/segment_*.sql and their PostgreSQL translations) give core's
// numbers value for value: per-segment repurchase counts equal `segmentRates`, per-segment cohort
// matrices equal `cohortRetention` on each `breakdown` segment's table. Data: the synthetic
// generator's orders with its channel column as the segment; order_seq = the row of core's table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DuckDBInstance, dateValue } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { generateOrders, CHANNELS, REGIONS } from '../../bench/lib/generate.mjs';

const SQL = {
  duckdb: {
    repurchase: await readFile('sql/duckdb/segment_repurchase.sql', 'utf8'),
    cohorts: await readFile('sql/duckdb/segment_cohort_retention.sql', 'utf8'),
  },
  postgres: {
    repurchase: await readFile('sql/postgres/segment_repurchase.sql', 'utf8'),
    cohorts: await readFile('sql/postgres/segment_cohort_retention.sql', 'utf8'),
  },
};

/** Synthetic orders as an OrderTable; region gets a blank value so the "no value" segment is exercised. */
function syntheticTable(orders, seed) {
  const g = generateOrders({ orders, seed, attributes: true });
  const region = Int32Array.from(g.region, (r, i) => (i % 97 === 0 ? REGIONS.length : r));
  return {
    length: g.length,
    customer: { codes: Int32Array.from(g.customer, (id) => id - 1), values: Array.from({ length: g.customers }, (_, i) => `c${i + 1}`) },
    day: g.day,
    amount: g.amount,
    hasAmount: true,
    timeZone: 'UTC',
    channel: { codes: g.channel, values: [...CHANNELS] },
    region: { codes: region, values: [...REGIONS, ''] },
  };
}

const isoDate = (day) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const dayOf = (d) => Math.round(d.getTime() / 86_400_000);

/** The core side: counts per segment and the per-segment cohort cells, in the SQL's row order. */
async function coreExpectations(orders, by, withinDays, censored) {
  const core = await import('retention-widgets/core');
  const rates = core.segmentRates(orders, { by, target: 'repurchase', withinDays, censored });
  const b = core.breakdown(orders, { by });
  const cells = [];
  const segments = [...b.segments].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  for (const s of segments) {
    const m = core.cohortRetention(s.orders, { period: 'month', measure: 'customers', mode: 'on' });
    for (const row of m.cohorts) row.values.forEach((v, k) => cells.push({ segment: s.key, cohort: row.cohort, k, size: row.size, customers: v }));
  }
  return { rates, cells, core };
}

function assertEqualToCore(repurchase, cohorts, want) {
  const n = want.rates.segments.length;
  assert.equal(repurchase.segment.length, n, 'segments');
  want.rates.segments.forEach((s, i) => {
    assert.equal(repurchase.segment[i], s.key, `segment ${i}`);
    assert.equal(Number(repurchase.customers[i]), s.customers, `${s.key} customers`);
    assert.equal(Number(repurchase.eligible[i]), s.n, `${s.key} eligible`);
    assert.equal(Number(repurchase.repurchasers[i]), s.successes, `${s.key} repurchasers`);
  });
  assert.equal(cohorts.segment.length, want.cells.length, 'cohort cells');
  want.cells.forEach((c, i) => {
    const where = `${c.segment} ${c.cohort} +${c.k}`;
    assert.equal(cohorts.segment[i], c.segment, where);
    assert.equal(cohorts.cohort[i], c.cohort, where);
    assert.equal(Number(cohorts.months_since[i]), c.k, where);
    assert.equal(Number(cohorts.cohort_size[i]), c.size, `${where} size`);
    assert.equal(Number(cohorts.customers[i]), c.customers, `${where} customers`);
  });
}

const CASES = [
  { by: 'channel', withinDays: 90, censored: 'exclude' },
  { by: 'region', withinDays: 30, censored: 'include' },
];

let duck;
let duckInstance;
let pg;
before(async () => {
  duckInstance = await DuckDBInstance.create(':memory:');
  duck = await duckInstance.connect();
  pg = await PGlite.create();
});
after(async () => {
  duck?.closeSync();
  duckInstance?.closeSync();
  await pg?.close();
});

test('DuckDB: segment repurchase counts and per-segment cohort matrices equal core', async () => {
  const orders = syntheticTable(20_000, 8);
  for (const { by, withinDays, censored } of CASES) {
    const dict = orders[by];
    await duck.run('DROP TABLE IF EXISTS orders');
    await duck.run('CREATE TABLE orders (customer_id VARCHAR, order_id VARCHAR, order_date DATE, amount DOUBLE, segment VARCHAR, order_seq INTEGER)');
    const appender = await duck.createAppender('orders');
    for (let i = 0; i < orders.length; i++) {
      appender.appendVarchar(orders.customer.values[orders.customer.codes[i]]);
      appender.appendNull();
      appender.appendDate(dateValue(orders.day[i]));
      appender.appendDouble(orders.amount[i]);
      const v = dict.values[dict.codes[i]];
      if (v === '') appender.appendNull();
      else appender.appendVarchar(v);
      appender.appendInteger(i);
      appender.endRow();
    }
    appender.closeSync();
    for (const name of ['within_days', 'include_censored', 'keep_zero_amounts']) await duck.run(`RESET VARIABLE ${name}`);
    await duck.run(`SET VARIABLE within_days = ${withinDays}`);
    if (censored === 'include') await duck.run('SET VARIABLE include_censored = true');
    const read = async (sql) => (await duck.runAndReadAll(sql)).getColumnsObjectJS();
    const want = await coreExpectations(orders, by, withinDays, censored);
    assertEqualToCore(await read(SQL.duckdb.repurchase), await read(SQL.duckdb.cohorts), want);
  }
});

test('PostgreSQL (PGlite): segment repurchase counts and per-segment cohort matrices equal core', async () => {
  const orders = syntheticTable(20_000, 8);
  for (const { by, withinDays, censored } of CASES) {
    const dict = orders[by];
    await pg.exec('DROP TABLE IF EXISTS orders; CREATE TABLE orders (customer_id text, order_id text, order_date date, amount double precision, segment text, order_seq integer)');
    const lines = new Array(orders.length);
    for (let i = 0; i < orders.length; i++) {
      const v = dict.values[dict.codes[i]];
      lines[i] = `${orders.customer.values[orders.customer.codes[i]]},,${isoDate(orders.day[i])},${String(orders.amount[i])},${v === '' ? '' : `"${v}"`},${i}`;
    }
    await pg.query("COPY orders FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([lines.join('\n')]) });
    await pg.exec('RESET retention.within_days; RESET retention.include_censored; RESET retention.keep_zero_amounts');
    await pg.query('SELECT set_config($1, $2, false)', ['retention.within_days', String(withinDays)]);
    if (censored === 'include') await pg.query('SELECT set_config($1, $2, false)', ['retention.include_censored', 'true']);
    const read = async (sql) => {
      const { rows, fields } = await pg.query(sql);
      const out = {};
      for (const { name } of fields) out[name] = rows.map((r) => r[name]);
      return out;
    };
    const want = await coreExpectations(orders, by, withinDays, censored);
    const cohorts = await read(SQL.postgres.cohorts);
    assert.equal(dayOf(cohorts.cohort_start[0]), want.core.parseIsoDate(`${cohorts.cohort[0]}-01`));
    assertEqualToCore(await read(SQL.postgres.repurchase), cohorts, want);
  }
});
