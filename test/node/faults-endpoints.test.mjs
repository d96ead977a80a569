// Broken endpoints (issue 7), against real local HTTP servers: a widget (<rw-cohort-retention>, from
// the library source bundled here with esbuild) must end every fault in its error state with a clear
// message and a Retry button, or load; aborted fetches are verified on the server side (the
// request's socket closes before the response ends); a token in `fetchOptions` reaches the server
// and never shows in events, the DOM or the console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { launchChromium } from './chromium.mjs';

const CSV = 'customer,date,amount\na,2024-01-01,5\nb,2024-01-02,7\na,2024-02-03,4\nc,2024-02-10,x\n';
const TOKEN = 'sekret-token-7f3a9c';
const PAGE = '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/bundle.js"></script></head><body></body></html>';

let bundle;
let main;
let other;
let closedPort;
let browser;
/** Per request id (?id=…): 'open' → 'done' | 'aborted'. */
const requests = new Map();
const hits = new Map();
const seenAuth = [];

function listen(handler) {
  const server = createServer(handler);
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}
const portOf = (s) => s.address().port;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function track(req, res, id) {
  requests.set(id, 'open');
  res.on('finish', () => requests.set(id, 'done'));
  res.on('close', () => { if (requests.get(id) === 'open') requests.set(id, 'aborted'); });
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://x');
  const id = url.searchParams.get('id') ?? url.pathname;
  hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
  track(req, res, id);
  switch (url.pathname) {
    case '/page.html': return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    case '/bundle.js': return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    case '/ok.csv': return res.writeHead(200, { 'content-type': 'text/csv' }).end(CSV);
    case '/missing.csv': return res.writeHead(404, { 'content-type': 'text/plain' }).end('nope');
    case '/broken.csv': return res.writeHead(500, { 'content-type': 'text/html' }).end('<!doctype html><html><body><h1>Internal Server Error</h1><script>window.__pwned=1</script></body></html>');
    case '/html-200.csv': return res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Sign in</title></head><body>login</body></html>');
    case '/wrong-type': return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(CSV);
    case '/claims-json': return res.writeHead(200, { 'content-type': 'application/json' }).end(CSV);
    case '/claims-parquet.parquet': return res.writeHead(200, { 'content-type': 'application/vnd.apache.parquet' }).end(CSV);
    case '/empty.csv': return res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '0' }).end();
    case '/hang.csv': return; // never answers; the client must give up or abort
    case '/stall.csv': // headers and a first chunk, then nothing
      res.writeHead(200, { 'content-type': 'text/csv' });
      return res.write('customer,date,amount\n');
    case '/drip.csv': { // the file in 12 chunks, 120 ms apart: 1.4 s in all, never 120 ms idle
      const body = Buffer.from(CSV.repeat(1) + Array.from({ length: 400 }, (_, i) => `d${i},2024-03-${String(1 + (i % 28)).padStart(2, '0')},${i + 1}`).join('\n') + '\n');
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(body.length) });
      const step = Math.ceil(body.length / 12);
      for (let at = 0; at < body.length; at += step) {
        if (res.destroyed) return;
        res.write(body.subarray(at, at + step));
        await sleep(120);
      }
      return res.end();
    }
    case '/flaky.csv': // fails the first time for each key, then works
      if (hits.get(`flaky:${id}`) === undefined) {
        hits.set(`flaky:${id}`, 1);
        return res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>busy</h1>');
      }
      return res.writeHead(200, { 'content-type': 'text/csv' }).end(CSV);
    case '/auth.csv':
      seenAuth.push(req.headers.authorization ?? null);
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
      return res.writeHead(200, { 'content-type': 'text/csv' }).end(CSV);
    default: return res.writeHead(404).end();
  }
}

before(async () => {
  const out = await build({ entryPoints: ['src/index.ts'], bundle: true, format: 'esm', write: false, target: 'es2022', logLevel: 'silent' });
  bundle = out.outputFiles[0].text;
  main = await listen(handle);
  // A second origin without CORS headers: the browser must refuse to hand its body to the page.
  other = await listen((req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(CSV));
  const closed = await listen(() => undefined);
  closedPort = portOf(closed);
  await new Promise((ok) => closed.close(ok));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  main?.closeAllConnections?.();
  other?.closeAllConnections?.();
  await Promise.all([main, other].map((s) => s && new Promise((ok) => s.close(ok))));
});

/** A fresh page with the bundle, recording events, console output and escaped errors. */
async function openPage() {
  const page = await browser.newPage();
  const consoleText = [];
  const pageErrors = [];
  page.on('console', (m) => consoleText.push(m.text()));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.addInitScript(() => {
    window.__events = [];
    window.__escaped = [];
    window.addEventListener('error', (e) => window.__escaped.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => window.__escaped.push(String(e.reason?.message ?? e.reason)));
    for (const type of ['rw-load', 'rw-error']) {
      document.addEventListener(type, (e) => window.__events.push({ type, id: e.target.id, detail: JSON.parse(JSON.stringify(e.detail)) }));
    }
  });
  await page.goto(`http://127.0.0.1:${portOf(main)}/page.html`);
  await page.waitForFunction(() => customElements.get('rw-cohort-retention') !== undefined);
  return { page, consoleText, pageErrors };
}

/** Adds a widget with these attributes; returns once it exists. */
function addWidget(page, id, attrs) {
  return page.evaluate(([id, attrs]) => {
    const el = document.createElement('rw-cohort-retention');
    el.id = id;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
  }, [id, attrs]);
}

async function firstEvent(page, id, timeout = 15000) {
  await page.waitForFunction((id) => window.__events.some((e) => e.id === id), id, { timeout });
  return page.evaluate((id) => window.__events.find((e) => e.id === id), id);
}

function errorText(page, id) {
  return page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    return { message: root.querySelector('.error-message')?.textContent ?? null, retry: !!root.querySelector('button.retry') };
  }, id);
}

async function waitForServer(id, state, timeout = 5000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (requests.get(id) === state) return true;
    await sleep(20);
  }
  return requests.get(id) === state;
}

async function expectError(page, id, code, pattern) {
  const event = await firstEvent(page, id);
  assert.equal(event.type, 'rw-error', JSON.stringify(event));
  assert.equal(event.detail.code, code, event.detail.message);
  assert.match(event.detail.message, pattern);
  const shown = await errorText(page, id);
  assert.equal(shown.message, event.detail.message);
  assert.equal(shown.retry, true, 'the error state offers Retry');
  return event.detail.message;
}

const base = () => `http://127.0.0.1:${portOf(main)}`;

test('HTTP faults end in a clear error with Retry; odd bodies load or are named', async () => {
  const { page, pageErrors } = await openPage();
  await addWidget(page, 'e404', { src: '/missing.csv' });
  await expectError(page, 'e404', 'http-404', /missing\.csv.*HTTP 404.*check the URL/);
  await addWidget(page, 'e500', { src: '/broken.csv' });
  const m500 = await expectError(page, 'e500', 'http-500', /broken\.csv.*HTTP 500.*server failed.*Retry/);
  assert.doesNotMatch(m500, /<h1>|<script>/, 'the HTML error body is not shown');
  await addWidget(page, 'html200', { src: '/html-200.csv' });
  await expectError(page, 'html200', 'html-page', /html-200\.csv returned an HTML page.*check the URL/);
  await addWidget(page, 'empty', { src: '/empty.csv' });
  await expectError(page, 'empty', 'empty', /empty/);
  await addWidget(page, 'net', { src: `http://127.0.0.1:${closedPort}/orders.csv` });
  await expectError(page, 'net', 'fetch-failed', new RegExp(`127\\.0\\.0\\.1:${closedPort}/orders\\.csv.*check the URL, the network`));
  await addWidget(page, 'cors', { src: `http://127.0.0.1:${portOf(other)}/orders.csv` });
  await expectError(page, 'cors', 'fetch-failed', /Could not fetch .*CORS.*Access-Control-Allow-Origin/);
  for (const [id, src] of [['octet', '/wrong-type'], ['jsonlie', '/claims-json'], ['parquetlie', '/claims-parquet.parquet']]) {
    await addWidget(page, id, { src });
    const event = await firstEvent(page, id);
    assert.equal(event.type, 'rw-load', `${src}: ${JSON.stringify(event.detail)}`);
    assert.deepEqual([event.detail.rowsAccepted, event.detail.rowsRejected, event.detail.customers], [3, 1, 2]);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(await page.evaluate(() => window.__escaped), []);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('timeout: a server that never answers, or stalls mid-body, ends in a timeout error and the fetch is aborted', async () => {
  const { page } = await openPage();
  const t0 = Date.now();
  await addWidget(page, 'hang', { src: '/hang.csv?id=hang', timeout: '400' });
  await expectError(page, 'hang', 'timeout', /hang\.csv\?id=hang timed out.*400 ms.*timeout attribute/);
  assert.ok(Date.now() - t0 < 5000, 'gave up within the bound');
  assert.ok(await waitForServer('hang', 'aborted'), 'the server saw the request aborted');
  await addWidget(page, 'stall', { src: '/stall.csv?id=stall', timeout: '400' });
  await expectError(page, 'stall', 'timeout', /stall\.csv.*timed out/);
  assert.ok(await waitForServer('stall', 'aborted'));
  await addWidget(page, 'badtimeout', { src: '/ok.csv', timeout: 'soon' });
  await expectError(page, 'badtimeout', 'bad-option', /timeoutMs/);
  await page.close();
});

test('a slow drip: progress advances, it is not cut off by the inactivity timeout, and it loads', async () => {
  const { page } = await openPage();
  await page.evaluate(() => {
    window.__progress = [];
    const poll = setInterval(() => {
      const text = document.getElementById('drip')?.shadowRoot?.querySelector('.loading .state-text')?.textContent;
      if (text && window.__progress.at(-1) !== text) window.__progress.push(text);
      if (window.__events.some((e) => e.id === 'drip')) clearInterval(poll);
    }, 15);
  });
  await addWidget(page, 'drip', { src: '/drip.csv?id=drip', timeout: '600' });
  const event = await firstEvent(page, 'drip');
  assert.equal(event.type, 'rw-load', JSON.stringify(event.detail));
  assert.deepEqual([event.detail.rowsAccepted, event.detail.rowsRejected], [403, 1]);
  const progress = await page.evaluate(() => window.__progress);
  const downloading = progress.filter((t) => /Downloading · [\d.,]+ (k?B) of/.test(t));
  assert.ok(downloading.length >= 3, `progress advanced: ${JSON.stringify(progress)}`);
  await page.close();
});

test('src changed while loading: the last one wins and the earlier fetch is aborted', async () => {
  const { page } = await openPage();
  await addWidget(page, 'switch', { src: '/hang.csv?id=first' });
  assert.ok(await waitForServer('first', 'open'));
  await page.evaluate(() => document.getElementById('switch').setAttribute('src', '/ok.csv?id=second'));
  const event = await firstEvent(page, 'switch');
  assert.equal(event.type, 'rw-load');
  assert.equal(event.detail.customers, 2);
  assert.ok(await waitForServer('first', 'aborted'), 'the first fetch was aborted');
  await sleep(300);
  assert.equal(await page.evaluate(() => window.__events.filter((e) => e.id === 'switch').length), 1, 'one event only');
  await page.close();
});

test('the element removed while loading: the fetch is aborted and no error event fires', async () => {
  const { page } = await openPage();
  await addWidget(page, 'gone', { src: '/hang.csv?id=gone' });
  assert.ok(await waitForServer('gone', 'open'));
  await page.evaluate(() => document.getElementById('gone').remove());
  assert.ok(await waitForServer('gone', 'aborted'), 'the fetch was aborted');
  await sleep(300);
  assert.deepEqual(await page.evaluate(() => window.__events), []);
  assert.deepEqual(await page.evaluate(() => window.__escaped), []);
  await page.close();
});

test('Retry: the error state retries and the second attempt succeeds', async () => {
  const { page } = await openPage();
  await addWidget(page, 'flaky', { src: '/flaky.csv?id=retry1' });
  await expectError(page, 'flaky', 'http-503', /HTTP 503/);
  await page.evaluate(() => document.getElementById('flaky').shadowRoot.querySelector('button.retry').click());
  await page.waitForFunction(() => window.__events.filter((e) => e.id === 'flaky').length === 2);
  const second = await page.evaluate(() => window.__events.filter((e) => e.id === 'flaky')[1]);
  assert.equal(second.type, 'rw-load');
  assert.deepEqual([second.detail.rowsAccepted, second.detail.rowsRejected], [3, 1]);
  assert.equal(await page.evaluate(() => document.getElementById('flaky').status), 'ready');
  assert.equal(await page.evaluate(() => document.getElementById('flaky').shadowRoot.querySelector('.error')), null);
  await page.close();
});

test('fetchOptions: the token reaches the server and never appears in events, the DOM or the console', async () => {
  const { page, consoleText } = await openPage();
  seenAuth.length = 0;
  // Without credentials: 401, a message about credentials that cannot contain the token.
  await addWidget(page, 'noauth', { src: '/auth.csv?id=noauth' });
  await expectError(page, 'noauth', 'http-401', /HTTP 401.*credentials.*fetchOptions/);
  await page.evaluate((token) => {
    const el = document.createElement('rw-cohort-retention');
    el.id = 'auth';
    el.fetchOptions = { headers: { Authorization: `Bearer ${token}` } };
    el.setAttribute('src', '/auth.csv?id=auth');
    document.body.append(el);
  }, TOKEN);
  const event = await firstEvent(page, 'auth');
  assert.equal(event.type, 'rw-load', JSON.stringify(event));
  assert.deepEqual(seenAuth, [null, `Bearer ${TOKEN}`]);
  const everything = await page.evaluate(() => {
    const parts = [document.documentElement.outerHTML, JSON.stringify(window.__events)];
    const walk = (root) => root.querySelectorAll('*').forEach((el) => {
      parts.push(...[...el.attributes].map((a) => `${a.name}=${a.value}`));
      if (el.shadowRoot) {
        parts.push(el.shadowRoot.innerHTML);
        walk(el.shadowRoot);
      }
    });
    walk(document);
    return parts.join('\n');
  });
  assert.ok(!everything.includes(TOKEN), 'token not in the DOM or events');
  assert.ok(!consoleText.join('\n').includes(TOKEN), 'token not in the console');
  assert.equal(await page.evaluate(() => document.getElementById('auth').hasAttribute('fetchoptions')), false);
  await page.close();
});
