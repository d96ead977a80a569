// Hostile host pages (issue 7): the drop-in file `dist/retention-widgets.js` (run `npm run build`
// first; `npm test` does) on a page served with a strict CSP, whose stylesheet styles everything,
// whose prelude adds enumerable junk to Array.prototype and Object.prototype, that loads the library
// twice, and whose data carries HTML and <script> payloads. Every widget must render, with zero
// `securitypolicyviolation` events, no payload executed (after rendering, hovering and clicking),
// no style leaking in or out, and no uncaught error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import { launchChromium } from './chromium.mjs';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";
/** Every element of the manifest (the page's element block is generated from it too). */
const TAGS = JSON.parse(readFileSync('custom-elements.json', 'utf8')).modules
  .flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));
/** Ids of the widgets on the page: each analysis element (id = tag without `rw-`) and one with its own `src`. */
const WIDGETS = [...TAGS.filter((t) => t !== 'rw-orders').map((t) => t.slice(3)), 'own-src'];
const PAYLOAD_IDS = ['<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=2</script>', '"><svg onload=window.__pwned=3>'];
const PAYLOAD_PRODUCTS = ['<script>window.__pwned=4</script>', '<img src=x onerror="window.__pwned=5">', '{{constructor.constructor("window.__pwned=6")()}}'];

/** 120 customers over two years; some ids and every product name are payloads. Deterministic. */
function hostileCsv() {
  const rows = ['customer,order,date,amount,product'];
  let order = 0;
  let seed = 7;
  const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let c = 0; c < 120; c++) {
    const id = c < PAYLOAD_IDS.length * 4 ? `${PAYLOAD_IDS[c % PAYLOAD_IDS.length]}#${c}` : `cust-${c}`;
    const first = Math.floor(rand() * 500);
    const n = 1 + Math.floor(rand() * 6);
    for (let k = 0; k < n; k++) {
      const d = new Date(Date.UTC(2023, 0, 1 + first + k * Math.floor(20 + rand() * 60))).toISOString().slice(0, 10);
      const product = PAYLOAD_PRODUCTS[(c + k) % PAYLOAD_PRODUCTS.length];
      const q = (s) => `"${s.replace(/"/g, '""')}"`;
      rows.push([q(id), ++order, d, (5 + rand() * 95).toFixed(2), q(product)].join(','));
    }
  }
  return rows.join('\n') + '\n';
}

// Runs in the page before the library: enumerable junk on the prototypes (old libraries did this),
// a snapshot of the probe's style for the "ours don't leak out" check, and the listeners.
// Object.prototype gets non-enumerable methods (what polyfills and old frameworks add); with
// ?objectJunk in the page URL, enumerable ones too (see the todo test below).
const prelude = (objectJunk) => `
Object.defineProperty(Array.prototype, 'junkMethod', { value: function () { return 'junk'; }, enumerable: true, configurable: true, writable: true });
Array.prototype.junkValue = 42;
Array.prototype.each = function (f) { for (var i = 0; i < this.length; i++) f(this[i], i); };
Object.defineProperty(Object.prototype, 'extendedMethod', { value: function () { return 'junk'; }, configurable: true, writable: true });
${objectJunk ? "Object.prototype.junkProp = 'junk'; Object.prototype.polluteMe = function () { return 'junk'; };" : ''}
window.__violations = [];
window.__escaped = [];
window.__events = [];
document.addEventListener('securitypolicyviolation', function (e) { window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber); });
window.addEventListener('error', function (e) { window.__escaped.push(String(e.message)); });
window.addEventListener('unhandledrejection', function (e) { window.__escaped.push(String(e.reason && e.reason.message || e.reason)); });
['rw-load', 'rw-error'].forEach(function (type) { document.addEventListener(type, function (e) { window.__events.push({ type: type, id: e.target.id, detail: { message: e.detail.message, code: e.detail.code } }); }); });
document.addEventListener('DOMContentLoaded', function () {
  var s = getComputedStyle(document.getElementById('probe'));
  var snap = {};
  for (var i = 0; i < s.length; i++) snap[s[i]] = s.getPropertyValue(s[i]);
  window.__probeBefore = snap;
});
`;

let server;
let browser;
const root = resolve('.');

before(async () => {
  const data = hostileCsv();
  server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const headers = { 'cache-control': 'no-store', 'content-security-policy': CSP };
    if (pathname === '/hostile-prelude.js') {
      const objectJunk = (req.headers.referer ?? '').includes('objectJunk');
      return res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(prelude(objectJunk));
    }
    if (pathname === '/hostile-data.csv') return res.writeHead(200, { ...headers, 'content-type': 'text/csv' }).end(data);
    const file = normalize(join(root, pathname));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
      res.writeHead(200, { ...headers, 'content-type': type }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.closeAllConnections?.();
  await new Promise((ok) => server?.close(ok));
});

test('every widget on a hostile page: renders, no CSP violation, no injection, no style leak, two copies', () => hostilePage(''));

// The page's `* { color: red; font-family: … !important }` matches the host element itself and beats the
// `:host { color: …; font-family: … }` rule, so the page's colour and font are inherited inside where
// no inner rule sets them. The fix is to repeat color and font-family (and letter-spacing) on `.base` in src/widgets/shared/styles.ts.
test('the page colour and font do not leak in through the host element', () => hostilePage('', { inherited: true }));

// Enumerable properties on Object.prototype used to break the bundler's own module helper
// (`for (var k in exports) defineProperty(target, k, { get: exports[k] })` threw "Getter must be a
// function") before any of our code ran; vite.config.ts now rewrites that helper to Object.keys.
test('enumerable junk on Object.prototype', () => hostilePage('?objectJunk'));

async function hostilePage(query, only = {}) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/test/pages/hostile.html${query}`);
  // Every widget ends ready (none in error, none stuck loading).
  const settled = await page.waitForFunction((ids) => ids.every((id) => ['ready', 'empty', 'error'].includes(document.getElementById(id)?.status)), WIDGETS, { timeout: query ? 10000 : 60000 })
    .then(() => true, () => false);
  if (!settled) {
    const where = await page.evaluate((ids) => ({
      status: Object.fromEntries(ids.map((id) => [id, document.getElementById(id)?.status])),
      escaped: window.__escaped, violations: window.__violations, events: window.__events,
    }), WIDGETS);
    assert.fail(`widgets did not settle: ${JSON.stringify({ ...where, pageErrors })}`);
  }
  const states = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => {
    const el = document.getElementById(id);
    return [id, el.status === 'error' ? `error: ${el.shadowRoot.querySelector('.error-message')?.textContent}` : el.status];
  })), WIDGETS);
  assert.deepEqual(states, Object.fromEntries(WIDGETS.map((id) => [id, 'ready'])));
  // The two copies: each tag is defined once, by the first copy; the second did not throw.
  const defined = await page.evaluate((tags) => tags.every((t) => typeof customElements.get(t) === 'function'), TAGS);
  assert.equal(defined, true);
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname + new URL(r.name).search).filter((p) => p.startsWith('/dist/retention-widgets')));
  assert.deepEqual(scripts.sort(), ['/dist/retention-widgets.js', '/dist/retention-widgets.js?v=2']);
  // The payloads are shown as text somewhere (so they did reach the DOM), never as markup.
  const shown = await page.evaluate((ids) => ids.map((id) => document.getElementById(id).shadowRoot.textContent).join('\n'), WIDGETS);
  assert.ok(PAYLOAD_IDS.some((p) => shown.includes(p)) || PAYLOAD_PRODUCTS.some((p) => shown.includes(p)), 'some payload text is on screen');
  const injected = await page.evaluate((ids) => ids.flatMap((id) => [...document.getElementById(id).shadowRoot.querySelectorAll('img[src="x"], script, svg[onload]')].map((e) => `${id}: ${e.outerHTML}`)), WIDGETS);
  assert.deepEqual(injected, []);

  // Hover and click across every chart and table, then look for the marker again.
  for (const id of WIDGETS) {
    const targets = await page.evaluate((id) => {
      const rootEl = document.getElementById(id).shadowRoot;
      return [...rootEl.querySelectorAll('canvas, svg, td, th, button:not(.retry):not([part="export-button"]), [role="button"]')].slice(0, 25).map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + Math.min(r.height / 2, 40), w: r.width, h: r.height };
      }).filter((r) => r.w > 0 && r.h > 0);
    }, id);
    for (const t of targets) {
      await page.mouse.move(t.x, t.y);
      await page.mouse.move(t.x + 5, t.y + 5);
      await page.mouse.click(t.x, t.y);
    }
  }
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no payload executed');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(await page.evaluate(() => window.__escaped), []);
  assert.deepEqual(pageErrors, []);
  const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'rw-error'));
  assert.deepEqual(errors, []);

  // Styles do not leak in: text inside the shadow roots keeps the widget's own colour and font.
  const inside = await page.evaluate((ids) => ids.map((id) => {
    const el = document.getElementById(id);
    const text = el.shadowRoot.querySelector('.summary-line, .state-text, td, h2, h3, strong, span');
    const s = getComputedStyle(text);
    return { id, color: s.color, font: s.fontFamily, border: s.borderTopStyle, background: s.backgroundColor, hostColor: getComputedStyle(el).color };
  }), WIDGETS);
  for (const s of inside) {
    assert.equal(s.hostColor, 'rgb(255, 0, 0)', 'the page rule does reach the host element (the test is real)');
    if (only.inherited) assert.notEqual(s.color, 'rgb(255, 0, 0)', `${s.id}: page colour leaked into the shadow root`);
    if (only.inherited) assert.doesNotMatch(s.font, /Comic Sans/, `${s.id}: page font leaked in`);
    assert.notEqual(s.border, 'dotted', `${s.id}: page border leaked in`);
    assert.notEqual(s.background, 'rgb(255, 255, 0)', `${s.id}: page background leaked in`);
  }
  // And ours do not leak out: an element of the page with our class names is styled as before.
  const leakedOut = await page.evaluate(() => {
    const s = getComputedStyle(document.getElementById('probe'));
    const diff = [];
    for (const [k, v] of Object.entries(window.__probeBefore)) if (s.getPropertyValue(k) !== v) diff.push(`${k}: ${v} → ${s.getPropertyValue(k)}`);
    return diff;
  });
  assert.deepEqual(leakedOut, []);
  await page.screenshot({ path: 'test-artifacts/hostile-page.png', fullPage: true });
  await page.close();
}
