/**
 * `--widgets`: a page with every `<rw-…>` element the widget folders define at this moment
 * (src/widgets/*\/index.ts), all given the same 1M-order Arrow file. Measures main-thread long tasks
 * (PerformanceObserver 'longtask', i.e. tasks over 50 ms) from setting `src` until every element is
 * 'ready' and has painted, and that time itself. Missing or failing elements are reported, not fatal.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import { bundle } from './build-bundles.mjs';
import { launchBenchBrowser, treeRssSampler } from './browser.mjs';

/** Tags defined by src/widgets/<name>/index.ts files, with the file that defines each. */
export function widgetTags(root = 'src/widgets') {
  const out = [];
  for (const dir of readdirSync(root)) {
    const file = `${root}/${dir}/index.ts`;
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:defineElement|customElements\.define)\(\s*['"](rw-[a-z0-9-]+)['"]/g)) out.push({ tag: m[1], file });
  }
  return out;
}

/** Runs the page measurement; returns a plain object for the report. */
export async function runWidgetsBench(server, files, { timeoutMs = 180_000 } = {}) {
  const tags = widgetTags();
  const result = { orders: files.meta.orders, file: files.arrow, tags: tags.map((t) => t.tag), notes: [] };
  if (!tags.length) {
    result.notes.push('no <rw-…> elements found in src/widgets/*/index.ts');
    return result;
  }
  // One entry that registers every element: the library entry plus each widget folder (some may not be
  // exported from src/index.ts yet while they are being written).
  await mkdir('bench/.build', { recursive: true });
  const entry = ["import '../../src/index.ts';", ...tags.map((t) => `import '../../${t.file}';`)].join('\n');
  await writeFile('bench/.build/widgets-entry.mjs', entry + '\n');
  try {
    await bundle('bench/.build/widgets-entry.mjs', 'bench/.build/widgets.js', { minify: true });
  } catch (e) {
    result.notes.push(`bundling the widgets failed: ${e.message.split('\n')[0]}`);
    return result;
  }
  const browser = await launchBenchBrowser();
  const rss = treeRssSampler(process.pid, 100);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/bench/page/widgets.html`);
    await page.waitForFunction(() => window.widgetsReady === true, null, { timeout: 60_000 });
    rss.markBaseline();
    const measured = await page.evaluate((opts) => window.measureWidgets(opts), { tags: result.tags, src: `/${files.arrow}`, timeoutMs });
    const { notes, ...rest } = measured;
    Object.assign(result, rest);
    result.notes.push(...notes);
    result.rss = rss.stop();
    if (errors.length) result.notes.push(...errors.slice(0, 5).map((e) => `page error: ${e}`));
  } catch (e) {
    result.notes.push(`widgets page failed: ${e.message}`);
  } finally {
    rss.stop();
    await browser.close();
  }
  return result;
}
