// The demo as a person uses it: the built static site (demo-dist/, `npm run build:demo`) served on
// localhost and driven with playwright-core in Debian's Chromium. Numbers read from the page are
// compared with retention-widgets/core computed in Node on the same file and options.
// Screenshots of every step go to test-artifacts/e2e/ (looked at, not compared).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../node/chromium.mjs';
import { serveStatic } from '../node/static-server.mjs';
import { ensureDemoBuilt } from './build-demo.mjs';
import { badRowsCsv, unusualColumnsCsv } from './fixtures.mjs';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";
const ART = 'test-artifacts/e2e';
const LOAD_TIMEOUT = 90_000;
let core;
let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  mkdirSync(ART, { recursive: true });
  ensureDemoBuilt();
  core = await import('retention-widgets/core');
  server = await serveStatic('demo-dist', (path) => (path === '/demo/csp.html' ? { 'content-security-policy': CSP } : {}));
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (name) => page.screenshot({ path: `${ART}/${name}.png`, fullPage: true });

/** Retries `check` (which throws on a mismatch) until it passes or `ms` runs out; then rethrows. */
async function eventually(check, ms = LOAD_TIMEOUT) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Waits until <rw-orders> has loaded `rowsRead` rows and every linked widget is ready. */
async function waitForDashboard(rowsRead) {
  await page.waitForFunction((rows) => {
    const source = document.querySelector('rw-orders');
    if (!source || source.status !== 'ready' || source.report?.rowsRead !== rows) return false;
    return [...document.querySelectorAll('.linked')].every((w) => w.status === 'ready');
  }, rowsRead, { timeout: LOAD_TIMEOUT });
}

/** What the widgets show, read from their shadow DOM (tile texts and the accessible data tables). */
function readWidgets() {
  return page.evaluate(() => {
    const root = (tag) => document.querySelector(tag).shadowRoot;
    const num = (text) => Number(text.replace(/[^\d.-]/g, ''));
    const buttons = (tag, selector) => [...root(tag).querySelectorAll(selector)].map((b) => ({ ...b.dataset }));
    return {
      kpiCustomers: num(root('rw-kpis').querySelector('[data-kpi="customers"] .tile-value').textContent),
      kpiLabel: root('rw-kpis').querySelector('[data-kpi="customers"] .tile-label').textContent.trim(),
      repurchaseCustomers: num(root('rw-repurchase').querySelector('[data-tile="customers"] .tile-value').textContent),
      repeatCustomers: num(root('rw-repurchase').querySelector('[data-tile="repeatCustomers"] .tile-value').textContent),
      cohortCells: buttons('rw-cohort-retention', 'button[data-cohort]'),
      rfmCells: buttons('rw-rfm-grid', 'button[data-r]'),
      lifecycleCells: buttons('rw-lifecycle', '.stages-table button[data-stage]'),
      churnDays: Number(root('rw-churn').querySelector('[data-inactive-days]').dataset.inactiveDays),
      churnRates: buttons('rw-churn', 'button[data-period][data-rate]'),
      clvParams: Object.fromEntries([...root('rw-clv').querySelectorAll('[data-param]')].map((d) => [d.dataset.param, d.textContent.trim()])),
    };
  });
}

/** Core's numbers for the widgets' default options on `orders`. */
function expectedFor(orders) {
  const last = orders.day[orders.length - 1];
  const kpiWindow = core.filterOrders(orders, { fromDay: last - 90 + 1, toDay: last, customerCodes: null });
  const rep = core.repurchase(orders, { period: 'month', withinDays: 30 });
  const cohorts = core.cohortRetention(orders, { period: 'month', measure: 'customers', mode: 'on' });
  const rfm = core.rfm(orders, { bins: 5 });
  const life = core.lifecycle(orders, { period: 'month', inactiveDays: 'auto' });
  const churn = core.churn(orders, { period: 'month', inactiveDays: 'auto' });
  return {
    kpiCustomers: core.repurchase(kpiWindow).customers,
    repurchaseCustomers: rep.customers,
    repeatCustomers: rep.repeatCustomers,
    cohort: new Map(cohorts.cohorts.flatMap((c) => c.values.map((v, k) => [`${c.cohort}|${k}`, v]))),
    cohortSize: new Map(cohorts.cohorts.map((c) => [c.cohort, c.size])),
    rfm: new Map(rfm.grid.map((c) => [`${c.r}|${c.f}`, c.customers])),
    lifecycle: new Map(life.perPeriod.flatMap((p) => p.counts.map((n, s) => [`${p.period}|${life.stages[s]}`, n]))),
    churnDays: churn.inactiveDays,
    churnRates: new Map(churn.perPeriod.map((p) => [p.period, p.churnRate])),
  };
}

/** Every number the page shows equals core's. */
function assertWidgetsMatch(shown, want) {
  assert.equal(shown.kpiCustomers, want.kpiCustomers, 'KPI tile: customers in the last 90 days');
  assert.equal(shown.repurchaseCustomers, want.repurchaseCustomers, 'repurchase tile: customers');
  assert.equal(shown.repeatCustomers, want.repeatCustomers, 'repurchase tile: repeat customers');
  assert.ok(shown.cohortCells.length > 0, 'cohort table has cells');
  for (const c of shown.cohortCells) assert.equal(Number(c.value), want.cohort.get(`${c.cohort}|${c.k}`), `cohort ${c.cohort} k=${c.k}`);
  for (const c of shown.cohortCells.filter((c) => c.k === '0')) assert.equal(Number(c.value), want.cohortSize.get(c.cohort), `cohort size ${c.cohort}`);
  assert.equal(shown.rfmCells.length, 25, 'a 5 × 5 RFM grid');
  for (const c of shown.rfmCells) assert.equal(Number(c.customers), want.rfm.get(`${c.r}|${c.f}`), `RFM cell R${c.r} F${c.f}`);
  assert.ok(shown.lifecycleCells.length > 0, 'lifecycle table has cells');
  for (const c of shown.lifecycleCells) assert.equal(Number(c.customers), want.lifecycle.get(`${c.period}|${c.stage}`), `lifecycle ${c.period} ${c.stage}`);
  assert.equal(shown.churnDays, want.churnDays, 'churn threshold (auto)');
  assert.ok(shown.churnRates.length > 0, 'churn table has rates');
  for (const c of shown.churnRates) assert.equal(Number(c.rate), want.churnRates.get(c.period), `churn rate ${c.period}`);
  // CLV: the fitted parameters are on screen (their values are checked against core in the widget suite).
  for (const key of ['r', 'alpha', 'a', 'b']) assert.ok(Number(shown.clvParams[key]?.replace(/,/g, '')) > 0, `CLV parameter ${key} shown: ${shown.clvParams[key]}`);
}

test('the default page opens on Online Retail and every widget shows core\'s numbers', async () => {
  await page.goto(`${server.url}/demo/index.html`);
  const bytes = new Uint8Array(readFileSync('data/uci-online-retail/Online Retail.parquet'));
  const { orders, report } = await core.loadOrders(bytes, {
    mapping: { customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', amount: 'Quantity*UnitPrice', product: 'StockCode' },
    returns: 'net', // the demo nets credit notes into the customer's earlier orders
  });
  await waitForDashboard(report.rowsRead);
  await page.waitForTimeout(500); // charts paint after the results
  await shot('01-default-online-retail');
  const want = expectedFor(orders);
  await eventually(async () => assertWidgetsMatch(await readWidgets(), want));
  assert.match(await page.locator('header').textContent(), /Nothing is uploaded/);
  // The Parquet file was read and analysed by the compute worker of the built site, off the main thread.
  const workerScripts = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/worker\.js$/.test(e.name)).length);
  assert.equal(workerScripts, 1);
});

test('clicking an RFM cell shows exactly its customers in #selection', async () => {
  const cell = await page.evaluate(() => {
    const cells = [...document.querySelector('rw-rfm-grid').shadowRoot.querySelectorAll('button[data-r]')];
    const best = cells.reduce((a, b) => (Number(b.dataset.customers) > Number(a.dataset.customers) ? b : a));
    return { r: best.dataset.r, f: best.dataset.f, customers: Number(best.dataset.customers) };
  });
  // The grid is a canvas; its cells are also buttons for keyboard users: focus one and press Enter.
  const button = page.locator(`rw-rfm-grid button[data-r="${cell.r}"][data-f="${cell.f}"]`);
  await button.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#selection').textContent.startsWith('rw-rfm-grid'));
  const text = await page.locator('#selection').textContent();
  assert.match(text, new RegExp(`"r":${cell.r},"f":${cell.f}`));
  assert.match(text, new RegExp(`\\n${cell.customers} customers: `));
  await page.locator('#selection').scrollIntoViewIfNeeded();
  await shot('02-rfm-cell-selected');
});

test('switching the language to 中文 changes the widgets\' labels to Chinese', async () => {
  const before = await readWidgets();
  assert.doesNotMatch(before.kpiLabel, /[\u4e00-\u9fff]/);
  await page.selectOption('select[name="lang"]', 'zh-CN');
  await eventually(async () => {
    const after = await readWidgets();
    assert.match(after.kpiLabel, /[\u4e00-\u9fff]/, `KPI label: ${after.kpiLabel}`);
    const heading = await page.evaluate(() => document.querySelector('rw-rfm-grid').shadowRoot.querySelector('.segments caption').textContent);
    assert.match(heading, /[\u4e00-\u9fff]/, `RFM segment table caption: ${heading}`);
  }, 10_000);
  await page.waitForTimeout(300);
  await shot('03-language-zh-CN');
  await page.selectOption('select[name="lang"]', 'en');
});

test('a CSV with unusual column names: pick it, fix the mapping, apply, and the widgets follow', async () => {
  const csv = unusualColumnsCsv();
  const path = `${ART}/unusual-columns.csv`;
  writeFileSync(path, csv);
  await page.setInputFiles('#file-input', path);
  await page.waitForSelector('#mapping-step:not([hidden])');
  // The preview shows the file's first rows under its own column names.
  assert.equal(await page.locator('#preview tbody tr').count(), 10);
  assert.match(await page.locator('#preview thead').textContent(), /Kundennummer.*Einzelpreis/);
  await shot('04-file-picked-mapping-guess');
  await page.selectOption('select[name="customer"]', 'Kundennummer');
  await page.selectOption('select[name="order"]', 'Belegnummer');
  await page.selectOption('select[name="date"]', 'Buchungstag');
  await page.check('input[name="product-amount"]');
  await page.selectOption('select[name="quantity"]', 'Menge');
  await page.selectOption('select[name="price"]', 'Einzelpreis');
  await page.selectOption('select[name="product"]', 'Artikel');
  const mapping = { customer: 'Kundennummer', order: 'Belegnummer', date: 'Buchungstag', amount: 'Menge*Einzelpreis', product: 'Artikel' };
  const { orders, report } = await core.loadOrders(csv, { mapping });
  await page.waitForFunction((n) => document.querySelector('#file-report .report-summary')?.dataset.rowsAccepted === String(n), report.rowsAccepted, { timeout: 30_000 });
  await shot('05-mapping-fixed');
  await page.click('#apply-mapping');
  await waitForDashboard(report.rowsRead);
  assert.equal(await page.inputValue('select[name="dataset"]'), 'file');
  await page.waitForTimeout(500);
  await shot('06-dashboard-own-file');
  const want = expectedFor(orders);
  await eventually(async () => assertWidgetsMatch(await readWidgets(), want));

  // "Copy embed code" gives the snippet for this view, with a placeholder path for the local file.
  await page.click('button.copy-embed[data-widget="rw-kpis"]');
  const snippet = await page.locator('rw-kpis').locator('xpath=ancestor::section').locator('textarea.embed-code').inputValue();
  assert.match(snippet, /<rw-orders id="orders" src="\/path\/to\/your-orders\.csv"/);
  assert.match(snippet, /customer-field="Kundennummer"/);
  assert.match(snippet, /amount-field="Menge\*Einzelpreis"/);
  assert.match(snippet, /<rw-kpis source="orders"[^>]* currency="GBP"/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
});

test('a file with bad rows shows the rejected-rows report with loadOrders\' counts', async () => {
  const csv = badRowsCsv();
  const path = `${ART}/bad-rows.csv`;
  writeFileSync(path, csv);
  await page.setInputFiles('#file-input', path);
  const { report } = await core.loadOrders(csv);
  assert.ok(report.reasons.length >= 5, 'the fixture has several kinds of bad rows');
  await page.waitForFunction((n) => document.querySelector('#file-report .report-summary')?.dataset.rowsRejected === String(n), report.rowsRejected, { timeout: 30_000 });
  const shown = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#file-report tr[data-reason]')]
    .map((tr) => [tr.dataset.reason, Number(tr.querySelector('[data-count]').dataset.count)])));
  assert.deepEqual(shown, Object.fromEntries(report.reasons.map((r) => [r.reason, r.count])));
  // Each reason shows its example rows.
  assert.match(await page.locator('#file-report tr[data-reason="unparseable-date"]').textContent(), /not a date/);
  await page.locator('#file-report').scrollIntoViewIfNeeded();
  await shot('07-rejected-rows-report');
});

test('the synthetic generator makes the chosen number of orders in the page', async () => {
  await page.locator('#synthetic-size').fill('0'); // the slider's minimum: 10,000 orders
  assert.equal(await page.locator('#synthetic-size-value').textContent(), '10,000');
  await page.click('#generate');
  await page.waitForFunction(() => document.querySelector('#synthetic-status').dataset.orders === '10000');
  await waitForDashboard(10_000);
  assert.equal(await page.evaluate(() => document.querySelector('rw-orders').report.orders), 10_000);
  assert.match(await page.locator('#synthetic-status').textContent(), /Generated 10,000 orders of [\d,]+ customers .* in [\d,]+ ms/);
  await page.waitForTimeout(300);
  await shot('08-synthetic-10k');
  assert.deepEqual(pageErrors, []);
});

test('the strict-CSP page of the built site renders with zero securitypolicyviolation events', async () => {
  const csp = await browser.newPage();
  const errors = [];
  csp.on('pageerror', (e) => errors.push(String(e)));
  await csp.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const response = await csp.goto(`${server.url}/demo/csp.html`);
  assert.equal(response.headers()['content-security-policy'], CSP);
  await csp.waitForFunction(() => {
    const w = document.querySelector('rw-cohort-retention');
    return w?.status === 'ready' && !!w.shadowRoot.querySelector('canvas, svg');
  }, null, { timeout: LOAD_TIMEOUT });
  await csp.waitForTimeout(500);
  await csp.screenshot({ path: `${ART}/09-strict-csp.png`, fullPage: true });
  assert.deepEqual(await csp.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await csp.close();
});
