/**
 * `--widgets`: a page with every `<rw-…>` element the widget folders define at this moment
 * (src/widgets/*\/index.ts), all given the same 1M-order Arrow file. Measures main-thread long tasks
 * (PerformanceObserver 'longtask', i.e. tasks over 50 ms) from setting `src` until every element is
 * 'ready' and has painted, and that time itself. Missing or failing elements are reported, not fatal.
 *
 * The page runs as a built page does: the compute worker is bundled next to the widgets
 * (bench/.build/worker.js) and found the way dist/ finds it (`__RW_WORKER_PATH__`), so parsing and
 * the analyses run off the main thread and the long tasks are the page's own (clones, Lit, Vega).
 * `RW_BENCH_COMPUTE=main` computes in-thread instead; `RW_BENCH_PROFILE=<file.cpuprofile>` also
 * writes a CPU profile of the measured window from an unminified build (open it in Chrome DevTools →
 * Performance). `RW_BENCH_ATTRIBUTE=1` lists, per long task, the work that ran in it: worker replies
 * (deserialising `event.data` and handling it), each element's Lit update and `drawCharts`, and any
 * `performance.measure` whose name starts with `rw:` (add some around code you are investigating).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import { launchBenchBrowser, treeRssSampler } from './browser.mjs';
import { bundle } from './build-bundles.mjs';

/** Tag constants the index files may name instead of a literal (`defineElement(ORDERS_SOURCE_TAG, …)`). */
const TAG_CONSTANTS = { ORDERS_SOURCE_TAG: 'rw-orders' };

/** One browser ESM bundle of `entry` (minified, as shipped; readable names when profiling, for attribution). */
const bundleFor = (entry, outfile, define = {}) => bundle(entry, outfile, { minify: !process.env.RW_BENCH_PROFILE, define });

/** Tags defined by src/widgets/<name>/index.ts files, with the file that defines each. */
export function widgetTags(root = 'src/widgets') {
  const out = [];
  for (const dir of readdirSync(root)) {
    const file = `${root}/${dir}/index.ts`;
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:defineElement|customElements\.define)\(\s*(?:['"](rw-[a-z0-9-]+)['"]|([A-Z_]+)\s*,)/g)) {
      const tag = m[1] ?? TAG_CONSTANTS[m[2]];
      if (tag) out.push({ tag, file });
    }
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
  const compute = process.env.RW_BENCH_COMPUTE === 'main' ? 'main' : 'worker';
  result.compute = compute;
  try {
    // The client resolves the worker relative to its own module (bench/.build/widgets.js).
    const define = compute === 'worker' ? { __RW_WORKER_PATH__: JSON.stringify('./worker.js') } : {};
    if (compute === 'worker') await bundleFor('src/worker/worker.ts', 'bench/.build/worker.js');
    await bundleFor('bench/.build/widgets-entry.mjs', 'bench/.build/widgets.js', define);
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
    const attribute = Boolean(process.env.RW_BENCH_ATTRIBUTE);
    if (attribute) await page.addInitScript(instrumentPage);
    await page.goto(`${server.url}/bench/page/widgets.html`);
    await page.waitForFunction(() => window.widgetsReady === true, null, { timeout: 60_000 });
    if (attribute) await page.evaluate(instrumentElements, result.tags);
    rss.markBaseline();
    const profileFile = process.env.RW_BENCH_PROFILE;
    const cdp = profileFile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const measured = await page.evaluate((opts) => window.measureWidgets(opts), { tags: result.tags, src: `/${files.arrow}`, timeoutMs });
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(profileFile, JSON.stringify(profile));
      result.notes.push(`CPU profile written to ${profileFile}`);
    }
    const { notes, ...rest } = measured;
    if (attribute) Object.assign(result, await page.evaluate(attributeLongTasks));
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

/** In the page before its scripts: long tasks with their start, and the time spent in each worker reply. */
function instrumentPage() {
  window.__rwLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__rwLongTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const add = Worker.prototype.addEventListener;
  Worker.prototype.addEventListener = function (type, listener, options) {
    if (type !== 'message' || typeof listener !== 'function') return add.call(this, type, listener, options);
    return add.call(
      this,
      type,
      (event) => {
        const t0 = performance.now();
        const data = event.data; // Chromium deserialises on first access
        const t1 = performance.now();
        listener(event);
        const t2 = performance.now();
        const keys = data?.result && typeof data.result === 'object' ? Object.keys(data.result).slice(0, 2).join('/') : '';
        const what = `${data?.type ?? '?'}${keys ? ` {${keys}}` : ''}`;
        performance.measure(`worker reply ${what}: deserialise`, { start: t0, end: t1 });
        performance.measure(`worker reply ${what}: handle`, { start: t1, end: t2 });
      },
      options,
    );
  };
}

/** Wraps each element class's Lit `update` and `drawCharts` with a measure named after the tag. */
function instrumentElements(tags) {
  for (const tag of tags) {
    const proto = customElements.get(tag)?.prototype;
    if (!proto) continue;
    for (const method of ['update', 'drawCharts']) {
      const original = proto[method];
      if (typeof original !== 'function') continue;
      proto[method] = function (...args) {
        const t0 = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          performance.measure(`${tag} ${method === 'update' ? 'Lit update' : 'drawCharts'}`, { start: t0, end: performance.now() });
        }
      };
    }
  }
}

/**
 * `longTaskWork`: per long task (in start order), its length and the measured work inside it, ms
 * by name; `workTotals`: every measure name with how often it ran and its total ms.
 */
function attributeLongTasks() {
  const measures = performance.getEntriesByType('measure');
  const workTotals = {};
  for (const m of measures) {
    const total = (workTotals[m.name] ??= { count: 0, ms: 0 });
    total.count++;
    total.ms = Math.round(total.ms + m.duration);
  }
  const longTaskWork = window.__rwLongTasks
    .sort((a, b) => a.start - b.start)
    .map((t) => {
      const end = t.start + t.ms;
      const work = {};
      for (const m of measures) {
        const overlap = Math.min(end, m.startTime + m.duration) - Math.max(t.start, m.startTime);
        if (overlap > 0.5) work[m.name] = Math.round((work[m.name] ?? 0) + overlap);
      }
      return { start: Math.round(t.start), ms: Math.round(t.ms), work };
    });
  return { longTaskWork, workTotals };
}
