// Measurement, not a test (run: node scripts/run-tests.mjs test/worker/measure-longtasks.ts):
// main-thread long tasks while <rw-orders> and the seven widgets load and compute a generated
// 1M-order CSV (blob: URL), with the compute worker on and, for comparison, in-thread.
import { fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { setComputeMode, setWorkerUrl, workerClient } from '../../src/worker/client.js';

function csv(n: number): string {
  // 1,000,000 orders, 100,000 customers, 2022-01-01 … 2023-12-31, deterministic (LCG).
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const parts = ['customer,date,amount'];
  const t0 = Date.UTC(2022, 0, 1);
  const days: number[] = [];
  for (let i = 0; i < n; i++) days.push(Math.floor(rnd() * 730));
  days.sort((a, b) => a - b);
  for (let i = 0; i < n; i++) {
    const d = new Date(t0 + days[i] * 864e5).toISOString().slice(0, 10);
    parts.push(`c${Math.floor(rnd() * rnd() * 100_000)},${d},${(5 + rnd() * 95).toFixed(2)}`);
  }
  return parts.join('\n');
}

/** Time spent unpacking each worker reply (Chromium deserializes `event.data` on first access). */
const unpacked: string[] = [];
const addListener = Worker.prototype.addEventListener;
Worker.prototype.addEventListener = function (this: Worker, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
  if (type !== 'message' || typeof listener !== 'function') return addListener.call(this, type, listener, options);
  return addListener.call(this, type, (event: Event) => {
    const t = performance.now();
    const data = (event as MessageEvent).data as { type: string; result?: unknown };
    const t1 = performance.now();
    listener(event);
    const t2 = performance.now();
    if (t2 - t > 5) unpacked.push(`${data.type}:${Object.keys((data.result as object) ?? {}).slice(0, 3).join('/')} unpack=${Math.round(t1 - t)} handle=${Math.round(t2 - t1)}`);
  }, options);
} as typeof Worker.prototype.addEventListener;

const url = URL.createObjectURL(new Blob([csv(1_000_000)], { type: 'text/csv' }));

for (const mode of ['worker', 'main'] as const) {
  it(`long tasks, compute ${mode}`, async () => {
    setWorkerUrl(mode === 'worker' ? '/src/worker/worker.ts' : null);
    setComputeMode(mode);
    await new Promise((r) => setTimeout(r, 500));
    const tasks: { start: number; ms: number }[] = [];
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, ms: e.duration });
    });
    obs.observe({ type: 'longtask' });
    const t0 = performance.now();
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what}@${Math.round(performance.now() - t0)}`);
    const page = await fixture<HTMLElement>(html`<div style="width: 1000px" @rw-load=${(e: Event) => mark(`load:${(e.target as Element).localName}`)}>
      <rw-orders id="big" src=${url}></rw-orders>
      <rw-kpis source="big"></rw-kpis>
      <rw-cohort-retention source="big"></rw-cohort-retention>
      <rw-repurchase source="big"></rw-repurchase>
      <rw-rfm-grid source="big"></rw-rfm-grid>
      <rw-lifecycle source="big"></rw-lifecycle>
      <rw-churn source="big"></rw-churn>
      <rw-clv source="big"></rw-clv>
    </div>`);
    const widgets = [...page.querySelectorAll<HTMLElement & { status: string }>('[source=big]')];
    const updates: string[] = [];
    for (const w of [page.querySelector('rw-orders')!, ...widgets] as unknown as { update(c: unknown): void; localName: string }[]) {
      const update = w.update;
      w.update = function (this: typeof w, c: unknown) {
        const t = performance.now();
        update.call(this, c);
        const ms = performance.now() - t;
        if (ms > 10) updates.push(`${w.localName}@${Math.round(t - t0)}+${Math.round(ms)}`);
      };
    }
    const seen = new Set<Element>();
    await waitUntil(
      () => {
        for (const w of widgets) if (w.status === 'ready' && !seen.has(w)) (seen.add(w), mark(`ready:${w.localName}`));
        return widgets.every((w) => w.status === 'ready' || w.status === 'error' || w.status === 'empty');
      },
      'not ready',
      { timeout: 300_000, interval: 10 },
    );
    // Let the charts draw (vega renders after the ready update).
    await new Promise((r) => setTimeout(r, 2000));
    obs.disconnect();
    const total = performance.now() - t0;
    const rel = tasks.map((t) => `${Math.round(t.start - t0)}+${Math.round(t.ms)}`);
    console.log(
      `[${mode}] client=${workerClient().mode} stats=${JSON.stringify(workerClient().stats)} wall=${Math.round(total - 2000)}ms ` +
        `longtasks=${tasks.length} longest=${Math.round(Math.max(0, ...tasks.map((t) => t.ms)))}ms sum=${Math.round(tasks.reduce((s, t) => s + t.ms, 0))}ms\n` +
        `  statuses: ${widgets.map((w) => `${w.localName}=${w.status}`).join(' ')}\n  tasks(start+ms): ${rel.join(' ')}\n  marks: ${marks.join(' ')}\n  replies >5ms: ${unpacked.join('; ')}\n  lit updates >10ms: ${updates.join(' ')}`,
    );
    fixtureCleanup();
  });
}
