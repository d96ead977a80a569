// The drop-in file, from a plain HTML page with no build step, under a strict CSP (no unsafe-eval,
// no inline scripts): the widget must load CDNOW, render its chart, and cause zero
// `securitypolicyviolation` events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init, parse } from 'es-module-lexer';
import { serveStatic } from './static-server.mjs';
import { launchChromium } from './chromium.mjs';

const CSP = "default-src 'self'; script-src 'self'";
let server;
let browser;
const requested = [];

before(async () => {
  server = await serveStatic('.', (path) => {
    requested.push(path);
    return path.endsWith('.html') ? { 'content-security-policy': CSP } : {};
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('dist/retention-widgets.js is self-contained: no static or dynamic imports at all', async () => {
  await init;
  const [imports] = parse(await readFile('dist/retention-widgets.js', 'utf8'));
  // `n` is the specifier (undefined for a computed dynamic import, which would also be a leak).
  // `import.meta` (used to find worker.js next to the file) is listed by the lexer too: not an import.
  const real = imports.filter((i) => i.type !== 'import-meta' && i.d !== -2);
  assert.deepEqual(real.map((i) => i.n ?? '<computed>'), []);
});

test('the drop-in page renders CDNOW under a strict CSP with zero violations', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Init scripts are injected by the browser tooling, not the page, so the CSP does not apply to them.
  await page.addInitScript(() => {
    window.__violations = [];
    window.__events = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
    for (const type of ['rw-load', 'rw-error']) document.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
  });
  await page.goto(`${server.url}/test/pages/dropin-csp.html`);
  await page.waitForFunction(() => window.__events.length > 0, null, { timeout: 60000 });
  const events = await page.evaluate(() => window.__events);
  assert.equal(events[0].type, 'rw-load', JSON.stringify(events[0]));
  assert.equal(events[0].detail.customers, 23570);
  // The chart has painted: a vega view with marks in the shadow root.
  await page.waitForFunction(() => {
    const root = document.querySelector('rw-cohort-retention')?.shadowRoot;
    return !!root && !!root.querySelector('canvas, svg.marks, svg');
  }, null, { timeout: 60000 });
  // Let any late work (tooltips, resize) run, then check for violations.
  await page.waitForTimeout(500);
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  // The data was fetched and parsed by the compute worker next to the drop-in file (a worker
  // request is a same-origin script: script-src 'self' covers it, no blob: URL).
  assert.ok(requested.includes('/dist/worker.js'), `requests: ${requested.join(', ')}`);
  const workers = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/dist/worker.js')).length);
  assert.equal(workers, 1);
  await page.screenshot({ path: 'test-artifacts/dropin-csp.png', fullPage: true });
  await page.close();
});

test('without a worker the drop-in computes in the page, and says Parquet needs dist/worker.js', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const before = requested.length;
  await page.goto(`${server.url}/test/pages/dropin-no-worker.html`);
  await page.waitForFunction(
    () => ['csv', 'parquet'].every((id) => ['ready', 'error'].includes(document.getElementById(id)?.status)),
    null,
    { timeout: 60000 },
  );
  const states = await page.evaluate(() =>
    ['csv', 'parquet'].map((id) => {
      const el = document.getElementById(id);
      return { status: el.status, customers: el.report?.customers, error: el.shadowRoot.querySelector('[part=error]')?.textContent ?? '' };
    }),
  );
  assert.equal(states[0].status, 'ready');
  assert.equal(states[0].customers, 23570);
  assert.equal(states[1].status, 'error');
  assert.match(states[1].error, /worker\.js/);
  assert.ok(!requested.slice(before).includes('/dist/worker.js'), 'no worker was started');
  assert.deepEqual(errors, []);
  await page.close();
});
