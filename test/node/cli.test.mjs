// The `retention-widgets` CLI (dist/cli.js, the package bin) as a child process: its JSON must equal
// core's results computed here in process with the same options, section by section, after the
// same serialisation (typed arrays → arrays, NaN → null); the load report goes to stderr; bad
// arguments exit 2, load failures exit 1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { serveStatic } from './static-server.mjs';

const CLI = 'dist/cli.js';
const CDNOW = 'data/cdnow/CDNOW_master.txt';
const ONLINE_RETAIL = 'data/uci-online-retail/Online Retail.parquet';

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rw-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI; resolves with the exit code and both streams (never rejects on a non-zero exit). */
function cli(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 256 << 20, env: { ...process.env } }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** The serialisation the CLI promises: typed arrays as plain arrays, then plain JSON. */
const plain = (value) => JSON.parse(JSON.stringify(value, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));

/** Orders on or before `lastDay`, written independently of the CLI's own cut (a prefix, rows are day-sorted). */
function prefixUntil(orders, lastDay) {
  let n = 0;
  while (n < orders.length && orders.day[n] <= lastDay) n++;
  const cut = (d, k) => d && { codes: d.codes.subarray(0, k), values: d.values };
  const out = { ...orders, length: n, customer: cut(orders.customer, n), day: orders.day.subarray(0, n), amount: orders.amount.subarray(0, n) };
  if (orders.order) out.order = cut(orders.order, n);
  if (orders.region) out.region = cut(orders.region, n);
  if (orders.lines) {
    let m = 0;
    while (m < orders.lines.length && orders.lines.order[m] < n) m++;
    const l = orders.lines;
    out.lines = { length: m, order: l.order.subarray(0, m), amount: l.amount.subarray(0, m), product: cut(l.product, m), category: cut(l.category, m) };
  }
  return out;
}

/** Core's results for the report's options, section by section (the recipe in src/cli/report.ts). */
function expected(core, all, { asOf, period, unit, inactiveDays, horizonMonths, discountRatePerMonth }) {
  const last = asOf ?? all.day[all.length - 1];
  const cut = prefixUntil(all, last);
  const summary = core.customerSummary(all, { unit, calibrationEnd: last });
  const rows = [];
  for (let i = 0; i < summary.length; i++) if (summary.T[i] > 0) rows.push(i);
  const column = (c) => Float64Array.from(rows, (i) => summary[c][i]);
  const input = { frequency: column('frequency'), recency: column('recency'), T: column('T'), monetary: column('monetary'), unit };
  const bgNbd = core.fitBgNbd(input);
  // Zero-value repeat days (kept with zeroAmounts 'keep') cannot come from a gamma spend: not fitted.
  const gammaGamma = core.fitGammaGamma({ frequency: input.frequency.map((x, i) => (input.monetary[i] > 0 ? x : 0)), monetary: input.monetary });
  const value = core.clv(bgNbd, gammaGamma, input, { horizon: horizonMonths, horizonUnit: 'months', discountRatePerPeriod: discountRatePerMonth });
  let revenue = 0;
  for (let i = 0; i < cut.length; i++) revenue += cut.amount[i];
  return plain({
    summary: {
      customers: summary.length,
      orders: cut.length,
      revenue,
      hasAmount: true,
      firstDate: core.isoDate(cut.day[0]),
      lastDate: core.isoDate(cut.day[cut.length - 1]),
      asOfDate: core.isoDate(last),
      firstDay: cut.day[0],
      lastDay: cut.day[cut.length - 1],
      asOf: last,
      timeZone: all.timeZone,
    },
    customerIds: all.customer.values,
    repurchase: core.repurchase(cut, { period }),
    cohorts: {
      customers: core.cohortRetention(cut, { period, measure: 'customers', mode: 'on' }),
      revenue: core.cohortRetention(cut, { period, measure: 'revenue', mode: 'on' }),
    },
    rfm: core.rfm(all, { asOf: last }),
    churn: core.churn(all, { asOf: last, inactiveDays, period }),
    lifecycle: core.lifecycle(all, { asOf: last, inactiveDays, period }),
    customerSummary: summary,
    models: {
      customerCode: Int32Array.from(rows, (i) => summary.customerCode[i]),
      excludedCustomers: summary.length - rows.length,
      bgNbd,
      gammaGamma,
      clv: { ...value, horizonMonths, discountRatePerMonth },
    },
  });
}

function assertReportEquals(doc, want, loadReport) {
  assert.equal(doc.format, 'retention-widgets/report@1');
  for (const key of Object.keys(want)) assert.deepEqual(doc[key], want[key], `section ${key}`);
  const { ms: _ms, ...load } = doc.load;
  const { ms: _ms2, ...wantLoad } = plain(loadReport);
  assert.deepEqual(load, wantLoad, 'load report');
}

test('CDNOW master: the report equals core in process (weeks, month cohorts, CDNOW loading options)', async () => {
  const core = await import('retention-widgets/core');
  const out = join(dir, 'cdnow.json');
  const run = await cli(['report', CDNOW, '--zero-amounts', 'keep', '--duplicates', 'keep', '--unit', 'weeks', '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '', 'with --out nothing goes to stdout');
  assert.match(run.stderr, /69,659 rows read, 69,659 accepted → 69,659 orders of 23,570 customers; 0 rejected/);
  const doc = JSON.parse(await readFile(out, 'utf8'));

  const loaded = await core.loadOrders(new Uint8Array(await readFile(CDNOW)), { zeroAmounts: 'keep', duplicates: 'keep' });
  const options = { period: 'month', unit: 'weeks', inactiveDays: 'auto', horizonMonths: 12, discountRatePerMonth: 0.01 };
  assertReportEquals(doc, expected(core, loaded.orders, options), loaded.report);
  assert.deepEqual(doc.options, {
    ...options,
    asOf: core.daysFromCivil(1998, 6, 30),
    input: CDNOW,
    load: { timeZone: 'UTC', returns: 'exclude', zeroAmounts: 'keep', duplicates: 'keep' },
  });
  assert.ok(Array.isArray(doc.customerSummary.T) && doc.customerSummary.T.length === 23_570, 'typed arrays are plain arrays');
  assert.equal(doc.models.bgNbd.converged, true);
  assert.equal(doc.models.bgNbd.unit, 'weeks');
  // The widgets' default calls are stored, and the document loads back as a pre-aggregated input.
  assert.deepEqual(doc.analyses.map((a) => a.analysis), ['repurchase', 'kpiWindows', 'rfm', 'lifecycle', 'churnAnalysis', 'clvAnalysis']);
  const back = await core.loadOrders(await readFile(out, 'utf8'));
  assert.equal(back.orders.length, 0);
  assert.equal(back.orders.aggregate.kind, 'report');
  assert.equal(back.orders.customer.values.length, 23_570);
  assert.equal(back.orders.aggregate.summary.length, 23_570);
  const rfm = back.orders.aggregate.analyses.find((a) => a.analysis === 'rfm').result;
  assert.ok(rfm.R instanceof Uint8Array, 'typed arrays come back typed');
  assert.deepEqual(Array.from(rfm.R), Array.from(core.rfm(loaded.orders, { bins: 5 }).R));
});

test('Online Retail Parquet: --as-of, --period week, --unit days, --time-zone; report to stderr, JSON to stdout', async () => {
  const core = await import('retention-widgets/core');
  const run = await cli(['report', ONLINE_RETAIL, '--as-of', '2011-09-30', '--period', 'week', '--unit=days', '--time-zone', 'Europe/London',
    '--inactive-days', '120', '--horizon', '6', '--discount', '0.02', '--product-name', 'Description']);
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout); // stdout holds the JSON and nothing else
  // The rejected-rows table is on stderr, one line per reason with its count.
  assert.match(run.stderr, /541,909 rows read/);
  for (const [reason, count] of [['missing-customer', '135,080'], ['cancellation', '8,872'], ['duplicate-row', '5,225'], ['zero-amount', '40']]) {
    assert.match(run.stderr, new RegExp(`^  ${reason} +${count}  row \\d+: `, 'm'));
  }

  const loaded = await core.loadOrders(new Uint8Array(await readFile(ONLINE_RETAIL)), { timeZone: 'Europe/London', mapping: { productName: 'Description' } });
  const asOf = core.daysFromCivil(2011, 9, 30);
  const options = { asOf, period: 'week', unit: 'days', inactiveDays: 120, horizonMonths: 6, discountRatePerMonth: 0.02 };
  assertReportEquals(doc, expected(core, loaded.orders, options), loaded.report);
  assert.equal(doc.summary.lastDate, '2011-09-30');
  assert.ok(doc.summary.orders < loaded.report.orders, 'orders after --as-of are left out');
  assert.equal(doc.cohorts.customers.periods[0], '2010-W48');
  assert.ok(doc.repurchase.byProduct.length > 1000, 'StockCode is detected as the product');
  // Products bought together, on the orders up to --as-of.
  const cut = core.filterOrders(loaded.orders, { toDay: asOf });
  assert.deepEqual(doc.affinity.pairs, plain(core.productAffinity(cut)));
  assert.deepEqual(doc.affinity.basket, plain(core.basketStats(cut)));
  assert.equal(doc.affinity.pairs.pairs.length, 100);
  assert.ok(doc.affinity.pairs.pairs.every((p) => p.aName && p.bName), 'names from --product-name');
});

test('JSON input, and exit codes: --help 0, bad arguments 2, missing file and load errors 1', async () => {
  const json = join(dir, 'orders.json');
  await writeFile(json, JSON.stringify([
    { customer: 'a', date: '2024-01-05', amount: 10 },
    { customer: 'a', date: '2024-02-07', amount: 12 },
    { customer: 'b', date: '2024-02-01', amount: -3 },
    { customer: 'b', date: '2024-03-01', amount: 8 },
  ]));
  const ok = await cli(['report', json]);
  assert.equal(ok.code, 0, ok.stderr);
  const doc = JSON.parse(ok.stdout);
  assert.equal(doc.load.format, 'json');
  assert.equal(doc.summary.orders, 3);
  assert.match(ok.stderr, /negative-amount +1/);

  // Before the first order: nothing to analyse, but still a report; the models say why they are missing.
  const early = await cli(['report', json, '--as-of', '2023-12-31']);
  assert.equal(early.code, 0, early.stderr);
  const empty = JSON.parse(early.stdout);
  assert.equal(empty.summary.orders, 0);
  assert.equal(empty.summary.firstDate, null);
  assert.deepEqual(empty.models.bgNbd, { error: 'BG/NBD: no customers to fit' });
  assert.match(early.stderr, /^Not computed: models\.bgNbd: BG\/NBD: no customers to fit$/m);

  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: retention-widgets report <file\|url>/);

  for (const [args, message] of [
    [[], /missing command/],
    [['summarise', json], /unknown command "summarise"/],
    [['report'], /needs an input file/],
    [['report', json, '--period', 'year'], /--period must be one of month, week, day/],
    [['report', json, '--as-of', '2024-02-30'], /--as-of must be a date/],
    [['report', json, '--time-zone', 'Mars/Olympus'], /--time-zone must be an IANA time zone/],
    [['report', json, '--bogus', '1'], /unknown option --bogus/],
    [['report', json, '--out'], /--out needs a value/],
    [['report', json, '--dimensions', 'store,'], /--dimensions needs comma-separated, non-empty names/],
  ]) {
    const run = await cli(args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
  }

  const missing = await cli(['report', join(dir, 'no-such-file.csv')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such file/);

  const headerOnly = join(dir, 'header-only.csv');
  await writeFile(headerOnly, 'customer,date,amount\n');
  const bad = await cli(['report', headerOnly]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /header \(customer, date, amount\) but no data rows\. \[header-only\]/);

  const wrongColumn = await cli(['report', json, '--customer', 'client']);
  assert.equal(wrongColumn.code, 1);
  assert.match(wrongColumn.stderr, /client/);

  // --dimensions reaches the loader: a dimension column that is not there is named.
  const noDimension = await cli(['report', json, '--dimensions', 'store']);
  assert.equal(noDimension.code, 1);
  assert.match(noDimension.stderr, /dimension column "store" does not exist.*\[unknown-column\]/);
});

test('URL input (fetched) and Arrow IPC bytes give the same report as the file', async () => {
  // The same four orders as Arrow IPC and as CSV, served over HTTP on 127.0.0.1.
  const columns = { customer: ['a', 'a', 'b', 'c'], date: ['2024-01-05', '2024-02-07', '2024-02-01', '2024-03-01'], amount: Float64Array.of(10, 12, 5, 8) };
  await writeFile(join(dir, 'orders.arrow'), tableToIPC(tableFromArrays(columns), 'file'));
  const csv = ['customer,date,amount', ...columns.customer.map((c, i) => `${c},${columns.date[i]},${columns.amount[i]}`)].join('\n');
  await writeFile(join(dir, 'orders.csv'), csv);
  const server = await serveStatic(dir);
  try {
    const fromArrow = await cli(['report', join(dir, 'orders.arrow')]);
    const fromUrl = await cli(['report', `${server.url}/orders.csv`]);
    assert.equal(fromArrow.code, 0, fromArrow.stderr);
    assert.equal(fromUrl.code, 0, fromUrl.stderr);
    const a = JSON.parse(fromArrow.stdout);
    const b = JSON.parse(fromUrl.stdout);
    assert.equal(a.load.format, 'arrow');
    assert.equal(b.load.format, 'csv');
    for (const key of ['summary', 'customerSummary', 'cohorts', 'repurchase', 'rfm']) assert.deepEqual(a[key], b[key], key);
    assert.equal(a.summary.orders, 4);

    const notFound = await cli(['report', `${server.url}/missing.csv`]);
    assert.equal(notFound.code, 1);
    assert.match(notFound.stderr, /HTTP 404/);
  } finally {
    await server.close();
  }
});

test('CDNOW sample with --as-of 1997-09-30 (the calibration end): BG/NBD of Fader, Hardie & Lee (2005)', async () => {
  const run = await cli(['report', 'data/cdnow/CDNOW_sample.txt', '--columns', 'master_id,sample_id,date,cds,dollar',
    '--customer', 'sample_id', '--amount', 'dollar', '--zero-amounts', 'keep', '--as-of', '1997-09-30']);
  assert.equal(run.code, 0, run.stderr);
  const { models, summary } = JSON.parse(run.stdout);
  assert.equal(summary.customers, 2357);
  const near = (got, want) => assert.ok(Math.abs(got - want) / Math.abs(want) < 1e-3, `${got} vs ${want}`);
  near(models.bgNbd.r, 0.2426);
  near(models.bgNbd.alpha, 4.414);
  near(models.bgNbd.a, 0.793);
  near(models.bgNbd.b, 2.426);
  near(models.bgNbd.logLikelihood, -9582.43);
});
