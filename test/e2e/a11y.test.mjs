// Issue 19: axe-core on the built demo (demo-dist/, built by ensureDemoBuilt) with every widget on
// Online Retail, the way the audit ran it: light, dark (the page's prefers-color-scheme) and zh-CN.
// No violation of impact serious or critical, on the page or inside any widget's shadow root.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launchChromium } from '../node/chromium.mjs';
import { serveStatic } from '../node/static-server.mjs';
import { ensureDemoBuilt } from './build-demo.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const LOAD_TIMEOUT = 120_000;
let server;
let browser;
let page;

before(async () => {
  ensureDemoBuilt();
  server = await serveStatic('demo-dist');
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${server.url}/demo/index.html`);
  await page.waitForFunction(() => {
    const source = document.querySelector('rw-orders');
    return source?.status === 'ready' && [...document.querySelectorAll('.linked')].every((w) => w.status === 'ready');
  }, null, { timeout: LOAD_TIMEOUT });
  await page.addScriptTag({ path: AXE });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Serious and critical violations of the whole page (experimental rules on, as in test/widgets/axe.ts), one line each. */
async function seriousViolations() {
  // Charts are drawn a task after their results: wait until every widget's updates have settled.
  await page.evaluate(() => Promise.all([...document.querySelectorAll('.linked')].map((w) => w.updateComplete)));
  return page.evaluate(async () => {
    const experimental = Object.fromEntries(window.axe.getRules(['experimental']).map((r) => [r.ruleId, { enabled: true }]));
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'], rules: experimental });
    return violations.flatMap((v) =>
      v.nodes
        .filter((n) => ['serious', 'critical'].includes(n.impact ?? v.impact))
        .map((n) => `${v.id} (${n.impact ?? v.impact}) ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`),
    );
  });
}

function assertClean(found, label) {
  assert.deepEqual(found.slice(0, 25), [], `${label}: ${found.length} serious/critical axe violation(s)`);
}

test('the demo on Online Retail, light: no serious or critical axe violation', async () => {
  await page.emulateMedia({ colorScheme: 'light' });
  assertClean(await seriousViolations(), 'light');
});

test('the demo on Online Retail, dark (prefers-color-scheme): no serious or critical axe violation', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  assertClean(await seriousViolations(), 'dark');
});

test('the demo in zh-CN, light and dark: no serious or critical axe violation', async () => {
  await page.selectOption('select[name="lang"]', 'zh-CN');
  await page.waitForFunction(() => /[\u4e00-\u9fff]/.test(document.querySelector('rw-kpis').shadowRoot.querySelector('.tile-label')?.textContent ?? ''));
  await page.emulateMedia({ colorScheme: 'dark' });
  assertClean(await seriousViolations(), 'zh-CN dark');
  await page.emulateMedia({ colorScheme: 'light' });
  assertClean(await seriousViolations(), 'zh-CN light');
});
