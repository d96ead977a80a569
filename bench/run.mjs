#!/usr/bin/env node
/**
 * `npm run bench`: our core vs DuckDB-wasm vs Arquero in headless Chromium, bytes → result, on seeded
 * synthetic order logs. See docs/benchmarks.md for the method.
 *
 *   node bench/run.mjs [--sizes 100k,1m[,5m]] [--engines ours,duckdb,arquero] [--runs 5] [--warmup 1]
 *                      [--seed 42] [--widgets] [--widgets-only] [--widgets-size 1m] [--skip-segments]
 *                      [--out bench/results/latest.json]
 *
 * Then (unless --skip-segments) bench/segments.mjs in Node: `breakdown="…"`'s cost, breakdown + the
 * per-segment analysis of a widget on 1M orders and 20 segments against the analysis alone (the
 * issue's budget: at most 2×), for repurchase and cohorts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildEngines } from './lib/build-bundles.mjs';
import { launchBenchBrowser, treeRssSampler } from './lib/browser.mjs';
import { compareCanonical } from './lib/canonical.mjs';
import { bundleSizes } from './lib/bundle-size.mjs';
import { dataStem, SIZES, writeDataset } from './lib/write-data.mjs';
import { formatReport } from './lib/report.mjs';
import { runWidgetsBench } from './lib/widgets-bench.mjs';
import { serveStatic } from '../test/node/static-server.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
process.chdir(ROOT);

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1m' },
    engines: { type: 'string', default: 'ours,duckdb,arquero' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
    widgets: { type: 'boolean', default: false },
    'widgets-only': { type: 'boolean', default: false },
    'widgets-size': { type: 'string', default: '1m' },
    'skip-segments': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
});
const sizes = args.sizes.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
for (const s of sizes) if (!SIZES[s]) throw new Error(`unknown size '${s}' (known: ${Object.keys(SIZES).join(', ')})`);
const engines = args.engines.split(',').map((s) => s.trim()).filter(Boolean);
if (!engines.includes('ours')) engines.unshift('ours'); // every check compares against ours
const runs = Math.max(1, Number(args.runs));
const warmup = Math.max(0, Number(args.warmup));
const seed = Number(args.seed);
const DATA_DIR = 'bench/.data';

/** Generates a size's files unless cached (the file name carries the seed and generator version). */
async function ensureData(size) {
  const stem = `${DATA_DIR}/${dataStem(size, seed)}`;
  if (existsSync(`${stem}.csv`) && existsSync(`${stem}.arrow`) && existsSync(`${stem}.json`)) {
    return { csv: `${stem}.csv`, arrow: `${stem}.arrow`, meta: JSON.parse(await readFile(`${stem}.json`, 'utf8')) };
  }
  const t0 = performance.now();
  process.stdout.write(`generating ${size} orders (seed ${seed}) … `);
  const files = await writeDataset(DATA_DIR, size, seed);
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return files;
}

/** `npm run build` when dist/ lacks the files whose gzip size we report. */
function ensureDist() {
  if (existsSync('dist/retention-widgets.js') && existsSync('dist/core.js')) return;
  console.log('dist/ is missing: running npm run build …');
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) console.log('npm run build failed: bundle sizes will be missing');
}

/** One engine on one size in a fresh browser (so heap and RSS belong to that engine alone). */
async function runEngine(server, engine, files) {
  const browser = await launchBenchBrowser();
  const rss = treeRssSampler(process.pid, 100);
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.log(`  [${engine} page error] ${e.message}`));
    await page.goto(`${server.url}/bench/page/bench.html?engine=${engine}`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    await new Promise((ok) => setTimeout(ok, 200));
    rss.markBaseline();
    const result = await page.evaluate((opts) => window.runBench(opts), {
      csvUrl: `/${files.csv}`, arrowUrl: `/${files.arrow}`, runs, warmup,
    });
    result.rss = rss.stop();
    return result;
  } finally {
    rss.stop();
    await browser.close();
  }
}

const started = new Date();
const report = {
  generatedAt: started.toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
  settings: { sizes, engines, runs, warmup, seed },
  bundles: null,
  sizes: {},
  widgets: null,
};

ensureDist();
report.bundles = await bundleSizes();
await buildEngines(engines);
const server = await serveStatic(ROOT, (path) => (path.endsWith('.wasm') ? { 'content-type': 'application/wasm' } : {}));
let failed = false;
try {
  if (!args['widgets-only']) {
    for (const size of sizes) {
      const files = await ensureData(size);
      const entry = { orders: files.meta.orders, customers: files.meta.customers, files: { csv: files.csv, arrow: files.arrow }, engines: {} };
      report.sizes[size] = entry;
      for (const engine of engines) {
        const t0 = performance.now();
        process.stdout.write(`${size} ${engine} … `);
        try {
          const r = await runEngine(server, engine, files);
          entry.engines[engine] = r;
          console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
        } catch (e) {
          console.log(`failed: ${e.message}`);
          entry.engines[engine] = { error: String(e.message ?? e) };
          failed = true;
        }
      }
      const ours = entry.engines.ours;
      for (const engine of engines) {
        const r = entry.engines[engine];
        if (!r || r.error) continue;
        const loadIssues = Object.entries(r.ingest ?? {})
          .filter(([, v]) => v.rows !== entry.orders || v.rejected !== 0)
          .map(([fmt, v]) => `${fmt} ingest: ${v.rows} rows, ${v.rejected} rejected (want ${entry.orders}, 0)`);
        const diffs = engine === 'ours' || !ours?.canonical ? [] : compareCanonical(ours.canonical, r.canonical);
        r.check = { equal: diffs.length === 0 && loadIssues.length === 0, differences: [...loadIssues, ...diffs] };
        if (!r.check.equal) failed = true;
      }
    }
  }
  if (args.widgets || args['widgets-only']) {
    const files = await ensureData(args['widgets-size']);
    report.widgets = await runWidgetsBench(server, files);
  }
} finally {
  await server.close();
}

console.log('\n' + formatReport(report));
if (!args['skip-segments']) {
  report.segments = {};
  for (const analysis of ['repurchase', 'cohorts']) {
    const r = spawnSync(process.execPath, ['bench/segments.mjs', '--runs', String(runs), '--seed', String(seed), '--analysis', analysis], { encoding: 'utf8' });
    const text = r.status === 0 ? r.stdout.trim() : `bench/segments.mjs failed: ${r.stderr.trim()}`;
    console.log(`\nbreakdown cost (${analysis}):\n${text}`);
    report.segments[analysis] = text.split('\n');
  }
}
await mkdir('bench/results', { recursive: true });
await writeFile(args.out, JSON.stringify(report, (k, v) => (k === 'cells' && Array.isArray(v) ? `${v.length} cells (not stored)` : v), 2) + '\n');
console.log(`\nwrote ${args.out}`);
if (failed) {
  console.log('Some engine failed or disagreed with ours: see "check" in the JSON.');
  process.exitCode = 1;
}
