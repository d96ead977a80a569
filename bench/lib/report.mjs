/**
 * The printed table: medians per step and engine, and the ratios ours / DuckDB-wasm and ours / Arquero
 * (below 1 = ours is faster; "×" columns give the speed-up the other way round).
 */

const STEPS = [
  ['load Arrow IPC', (r) => r.ingest?.arrow?.median],
  ['load CSV', (r) => r.ingest?.csv?.median],
  ['W1 customer summary', (r) => r.workloads?.w1?.median],
  ['W2 monthly cohorts', (r) => r.workloads?.w2?.median],
  ['W3 repurchase', (r) => r.workloads?.w3?.median],
  ['W4 RFM', (r) => r.workloads?.w4?.median],
  ['W1–W4 together', (r) => sum(['w1', 'w2', 'w3', 'w4'].map((w) => r.workloads?.[w]?.median))],
  ['Arrow bytes → W1–W4', (r) => sum([r.ingest?.arrow?.median, ...['w1', 'w2', 'w3', 'w4'].map((w) => r.workloads?.[w]?.median)])],
  ['BG/NBD fit (on W1)', (r) => r.workloads?.fit?.median],
];

function sum(xs) {
  return xs.some((x) => typeof x !== 'number' || Number.isNaN(x)) ? NaN : xs.reduce((a, b) => a + b, 0);
}

function ms(x) {
  if (typeof x !== 'number' || Number.isNaN(x)) return '–';
  return x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US');
}

function ratio(a, b) {
  if (!(a > 0) || !(b > 0)) return '–';
  const r = a / b;
  return `${r < 0.1 ? r.toFixed(3) : r.toFixed(2)} (${(b / a).toFixed(1)}×)`;
}

function mb(x) {
  return typeof x === 'number' && Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–';
}

function kb(x) {
  return typeof x === 'number' ? `${(x / 1024).toFixed(1)} KB` : '–';
}

function table(header, rows) {
  const all = [header, ...rows];
  const width = header.map((_, c) => Math.max(...all.map((r) => String(r[c]).length)));
  const line = (r) => `| ${r.map((cell, c) => String(cell).padEnd(width[c])).join(' | ')} |`;
  return [line(header), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The whole report as text (markdown tables). */
export function formatReport(report) {
  const out = [];
  const { runs, warmup } = report.settings;
  for (const [size, entry] of Object.entries(report.sizes)) {
    const e = entry.engines;
    const ours = e.ours ?? {};
    const names = Object.keys(e);
    out.push(`### ${size}: ${entry.orders.toLocaleString('en-US')} orders, ${entry.customers.toLocaleString('en-US')} customers — median ms of ${runs} runs after ${warmup} warm-up`);
    const header = ['step', ...names, ...names.filter((n) => n !== 'ours').map((n) => `ours/${n} (speed-up)`)];
    const rows = STEPS.map(([label, get]) => [
      label,
      ...names.map((n) => ms(get(e[n] ?? {}))),
      ...names.filter((n) => n !== 'ours').map((n) => ratio(get(ours), get(e[n] ?? {}))),
    ]);
    rows.push(['peak JS heap MB (main thread)', ...names.map((n) => mb((e[n]?.heap?.peak ?? NaN) / 2 ** 20)), ...names.filter((n) => n !== 'ours').map(() => '')]);
    rows.push(['browser RSS MB: peak − idle page', ...names.map((n) => mb((e[n]?.rss?.peakMB ?? NaN) - (e[n]?.rss?.baselineMB ?? NaN))), ...names.filter((n) => n !== 'ours').map(() => '')]);
    rows.push(['results equal to ours', ...names.map((n) => (n === 'ours' ? '—' : e[n]?.error ? `error: ${e[n].error.split('\n')[0]}` : e[n]?.check?.equal ? 'yes' : 'NO')), ...names.filter((n) => n !== 'ours').map(() => '')]);
    out.push(table(header, rows));
    for (const n of names) {
      const d = e[n]?.check?.differences ?? [];
      if (d.length) out.push(`${n} differs from ours:\n  ${d.join('\n  ')}`);
    }
    const fit = ours.canonical?.fit;
    if (fit) out.push(`BG/NBD fit (weeks): r=${fit.r.toPrecision(4)} α=${fit.alpha.toPrecision(4)} a=${fit.a.toPrecision(4)} b=${fit.b.toPrecision(4)} converged=${fit.converged}, ${fit.groups} distinct (x, t_x, T)`);
    out.push('');
  }
  const b = report.bundles;
  if (b) {
    out.push('### Bundles (gzip -9)');
    out.push(`- dist/retention-widgets.js (drop-in): ${kb(b.dropIn?.gzip)} (${kb(b.dropIn?.bytes)} raw)`);
    if (b.core) out.push(`- dist/core.js + static chunks: ${kb(b.core.eager.gzip)} (${b.core.eager.files.length} files, ${kb(b.core.eager.bytes)} raw); lazy chunks ${kb(b.core.lazy.gzip)}; packages it imports (not counted): ${b.core.external.join(', ')}`);
    out.push('');
  }
  const w = report.widgets;
  if (w) {
    out.push(`### All widgets on one page, ${w.orders.toLocaleString('en-US')} orders (${w.file})`);
    if (w.elements) {
      out.push(`- elements: ${w.elements.map((x) => `<${x.tag}> ${x.status} at ${ms(x.ms)} ms`).join(', ')}${w.sharedSource ? ' (one shared <rw-orders> source)' : ' (each with its own src)'}`);
      out.push(`- src set → every chart painted: ${ms(w.paintedMs)} ms`);
      out.push(`- main-thread long tasks (> 50 ms) in that window: ${w.longTasks.count}, total ${ms(w.longTasks.totalMs)} ms, longest ${ms(w.longTasks.maxMs)} ms`);
      out.push(`- peak browser RSS ${mb(w.rss?.peakMB)} MB; JS heap at the end ${mb(w.heapAtEndMB)} MB`);
    }
    for (const n of w.notes ?? []) out.push(`- note: ${n}`);
  }
  return out.join('\n');
}
