/**
 * Page-side benchmark driver: fetches the data bytes (not timed), then times each engine's ingest of
 * CSV and of Arrow IPC, and each workload on the Arrow-ingested table: `warmup` untimed runs, then
 * `runs` timed ones. The canonical results of the last run go back to Node for the equality check.
 * Heap: `performance.memory.usedJSHeapSize` (Chromium runs with --enable-precise-memory-info) sampled
 * after every step and every 20 ms while the main thread is free (DuckDB works in its own worker).
 */

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  return (s[Math.floor(h)] + s[Math.ceil(h)]) / 2;
}

async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Lets the browser breathe (and the heap sampler run) between steps. */
const yieldToBrowser = () => new Promise((ok) => setTimeout(ok, 0));

/**
 * @param {object} engine from an engine module's createEngine()
 * @param {{ csvUrl: string, arrowUrl: string, runs: number, warmup: number, formats?: string[] }} options
 */
export async function runBenchmark(engine, { csvUrl, arrowUrl, runs, warmup, formats = ['arrow', 'csv'] }) {
  const heap = { baseline: performance.memory?.usedJSHeapSize ?? NaN, peak: 0 };
  const sample = () => {
    const used = performance.memory?.usedJSHeapSize ?? NaN;
    if (used > heap.peak) heap.peak = used;
  };
  const sampler = setInterval(sample, 20);
  const log = [];
  try {
    const info = (await engine.open()) ?? {};
    const bytes = { arrow: await fetchBytes(arrowUrl), csv: formats.includes('csv') ? await fetchBytes(csvUrl) : null };
    sample();
    const ingest = {};
    let table = null;
    for (const format of formats) {
      const ms = [];
      for (let i = 0; i < warmup + runs; i++) {
        const copy = bytes[format].slice(); // engines may keep or transfer their input
        await yieldToBrowser();
        const t0 = performance.now();
        const handle = await engine.ingest(format, copy);
        const dt = performance.now() - t0;
        sample();
        if (i >= warmup) ms.push(dt);
        if (format === 'arrow' && i === warmup + runs - 1) table = handle;
        else await engine.drop?.(handle);
        if (i === 0) log.push(`${format}: ${handle.rows} rows, ${handle.rejected} rejected`);
        ingest[format] = { ms, median: NaN, rows: handle.rows, rejected: handle.rejected };
      }
      ingest[format].median = median(ms);
    }
    bytes.csv = null;
    await engine.use(table);
    const workloads = {};
    const canonical = {};
    for (const w of engine.workloads) {
      const ms = [];
      let result = null;
      for (let i = 0; i < warmup + runs; i++) {
        result = null;
        await yieldToBrowser();
        const t0 = performance.now();
        result = await engine.run(w);
        const dt = performance.now() - t0;
        sample();
        if (i >= warmup) ms.push(dt);
      }
      workloads[w] = { ms, median: median(ms) };
      canonical[w] = await engine.canonical(w, result);
    }
    await engine.close();
    sample();
    return { engine: engine.name, info, ingest, workloads, canonical, heap, log, userAgent: navigator.userAgent };
  } finally {
    clearInterval(sampler);
  }
}
