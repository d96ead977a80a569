import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import type { PropertyValues, TemplateResult } from 'lit';
import type { TopLevelSpec } from 'vega-lite';
import type { OrderTable } from '../../src/core/order-table.js';
import { RwAnalysisElement } from '../../src/widgets/shared/analysis-element.js';
import { defineElement } from '../../src/widgets/shared/define.js';
import type { ExportTable } from '../../src/widgets/shared/export.js';
import { SerialQueue, yieldToMain } from '../../src/widgets/shared/render-scheduler.js';
import { renderVegaLite, VegaChart } from '../../src/widgets/shared/vega-chart.js';

/** Runs `n` chained microtasks; resolves with whether `flag()` stayed false through all of them. */
async function staysFalseThroughMicrotasks(flag: () => boolean, n = 200): Promise<boolean> {
  for (let i = 0; i < n; i++) {
    await Promise.resolve();
    if (flag()) return false;
  }
  return true;
}

/** Makes `globalThis.scheduler` undefined while `body` runs (the MessageChannel fallback). */
async function withoutScheduler(body: () => Promise<void>): Promise<void> {
  Object.defineProperty(globalThis, 'scheduler', { value: undefined, configurable: true, writable: true });
  try {
    await body();
  } finally {
    delete (globalThis as { scheduler?: unknown }).scheduler;
  }
}

const barSpec = (n: number): TopLevelSpec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 300,
  height: 200,
  data: { values: Array.from({ length: n }, (_, i) => ({ k: `k${i}`, v: (i * 7) % 13 })) },
  mark: 'bar',
  encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
});

/** The rows of the spec's inline data set in `view` (Vega-Lite names it data_0 or source_0). */
function rows(view: import('vega').View): unknown[] {
  for (const name of ['data_0', 'source_0']) {
    try {
      return view.data(name);
    } catch {
      // not this name
    }
  }
  return [];
}

/** A host for VegaChart controllers outside any widget. */
const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };

describe('yieldToMain', () => {
  it('resolves in a later task, not after a microtask', async () => {
    let done = false;
    const yielded = yieldToMain().then(() => (done = true));
    expect(await staysFalseThroughMicrotasks(() => done)).to.equal(true);
    await yielded;
    expect(done).to.equal(true);
  });

  it('uses scheduler.yield when the browser has it', async () => {
    const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
    if (typeof scheduler?.yield !== 'function') return; // Chromium has it; nothing to check elsewhere
    let calls = 0;
    const original = scheduler.yield;
    const own = Object.hasOwn(scheduler, 'yield');
    scheduler.yield = function (this: unknown) {
      calls++;
      return original.call(this);
    };
    try {
      await yieldToMain();
    } finally {
      if (own) scheduler.yield = original;
      else delete scheduler.yield;
    }
    expect(calls).to.equal(1);
  });

  it('without scheduler.yield, still resolves in a later task (MessageChannel)', async () => {
    await withoutScheduler(async () => {
      let done = false;
      const yielded = yieldToMain().then(() => (done = true));
      expect(await staysFalseThroughMicrotasks(() => done)).to.equal(true);
      await yielded;
      expect(done).to.equal(true);
    });
  });
});

describe('SerialQueue', () => {
  it('runs jobs one at a time in the order they were queued', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const job = (name: string, ms: number) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([queue.run(job('a', 30)), queue.run(job('b', 5)), queue.run(job('c', 1))]);
    expect(results).to.deep.equal(['a', 'b', 'c']);
    expect(maxRunning).to.equal(1);
    expect(log).to.deep.equal(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('starts each job in a new task, and a failing job rejects its own promise only', async () => {
    const queue = new SerialQueue();
    let started = false;
    const first = queue.run(() => {
      started = true;
      throw new RangeError('bad job');
    });
    expect(queue.size).to.equal(1);
    expect(await staysFalseThroughMicrotasks(() => started)).to.equal(true);
    const second = queue.run(() => 42);
    let error: unknown;
    try {
      await first;
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RangeError);
    expect(await second).to.equal(42);
    await Promise.resolve();
    expect(queue.size).to.equal(0);
  });
});

describe('renderVegaLite in stages', () => {
  it('calls `between` between the stages and draws the same chart as without it', async () => {
    const plain = document.createElement('div');
    const staged = document.createElement('div');
    document.body.append(plain, staged);
    try {
      const a = await renderVegaLite(plain, barSpec(40));
      let pauses = 0;
      const b = await renderVegaLite(staged, barSpec(40), { between: () => yieldToMain().then(() => void pauses++) });
      expect(pauses).to.be.at.least(4); // compile | parse | View | dataflow | draw
      expect(staged.querySelectorAll('path, rect').length).to.be.greaterThan(0);
      expect(await b.view.toSVG()).to.equal(await a.view.toSVG());
      expect(rows(b.view)).to.have.length(40);
      a.finalize();
      b.finalize();
    } finally {
      plain.remove();
      staged.remove();
    }
  });

  it('stops when `between` throws, leaving the container as it was', async () => {
    const el = document.createElement('div');
    el.innerHTML = '<p>previous chart</p>';
    document.body.append(el);
    try {
      let calls = 0;
      const stop = new Error('stop');
      let error: unknown;
      try {
        await renderVegaLite(el, barSpec(10), {
          between: () => {
            if (++calls === 3) throw stop;
          },
        });
      } catch (e) {
        error = e;
      }
      expect(error).to.equal(stop);
      expect(el.innerHTML).to.equal('<p>previous chart</p>');
    } finally {
      el.remove();
    }
  });

  it('splits a large dataflow run into several tasks', async () => {
    // 3,000 bars with text labels: the dataflow takes well over the 12 ms slice in Chromium.
    const spec: TopLevelSpec = {
      ...barSpec(3000),
      mark: undefined,
      encoding: undefined,
      layer: [
        { mark: 'bar', encoding: { x: { field: 'k', type: 'nominal', axis: null }, y: { field: 'v', type: 'quantitative' } } },
        { mark: 'text', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' }, text: { field: 'v' } } },
      ],
    } as TopLevelSpec;
    const el = document.createElement('div');
    document.body.append(el);
    try {
      let pauses = 0;
      const r = await renderVegaLite(el, spec, { between: () => yieldToMain().then(() => void pauses++) });
      expect(pauses).to.be.greaterThan(4); // more than the four between-stage pauses
      expect(el.querySelectorAll('text').length).to.be.at.least(3000);
      r.finalize();
    } finally {
      el.remove();
    }
  });
});

describe('VegaChart scheduling', () => {
  it('draws charts one at a time and settles `pending` once drawn', async () => {
    const els = [document.createElement('div'), document.createElement('div')];
    document.body.append(...els);
    try {
      const charts = [new VegaChart(host), new VegaChart(host)];
      charts.forEach((c, i) => void c.render(els[i], barSpec(20 + i)));
      expect(charts[0].view).to.equal(undefined); // nothing is drawn in the calling task
      await charts[0].pending;
      expect(charts[0].view).to.not.equal(undefined);
      expect(charts[1].view).to.equal(undefined); // queued behind the first
      await charts[1].pending;
      expect(rows(charts[1].view!)).to.have.length(21);
      for (const c of charts) c.clear();
    } finally {
      for (const el of els) el.remove();
    }
  });

  it('a newer render supersedes one in flight: only the newer chart is drawn', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    try {
      const chart = new VegaChart(host);
      const first = chart.render(el, barSpec(5));
      await yieldToMain(); // the first is under way (or queued)
      const second = chart.render(el, barSpec(9));
      await first;
      await second;
      expect(chart.renderError).to.equal(undefined);
      expect(rows(chart.view!)).to.have.length(9);
      expect(el.querySelectorAll('svg').length).to.equal(1);
      chart.clear();
    } finally {
      el.remove();
    }
  });
});

/** The smallest widget: one bar per order, drawn by the base class's chart scheduling. */
class TestBarsWidget extends RwAnalysisElement<{ kind: 'bars' }, { orders: number }> {
  readonly chart = new VegaChart(this);
  /** What happened, in order: `update <status>` (end of the Lit update) and `draw <orders>`. */
  readonly log: string[] = [];
  protected readonly exportName = 'test-bars';
  protected analysisParams() {
    return { kind: 'bars' as const };
  }
  protected compute(orders: OrderTable) {
    return { orders: orders.length };
  }
  protected renderResult(): TemplateResult {
    return html`<div class="chart"></div>`;
  }
  protected exportTable(result: { orders: number }): ExportTable {
    return { columns: ['orders'], rows: [[result.orders]] };
  }
  protected override charts(): VegaChart[] {
    return [this.chart];
  }
  protected override drawCharts(result: { orders: number }): void {
    this.log.push(`draw ${result.orders}`);
    void this.chart.render(this.renderRoot.querySelector<HTMLElement>('.chart')!, barSpec(result.orders));
  }
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.log.push(`update ${this.status}`);
  }
}
defineElement('test-bars-widget', TestBarsWidget);

const orderRows = (n: number) => Array.from({ length: n }, (_, i) => ({ customer: `c${i % 3}`, date: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, amount: 10 + i }));

describe('RwAnalysisElement chart scheduling', () => {
  afterEach(() => fixtureCleanup());

  it('draws the charts after the update that rendered the result, and updateComplete waits for them', async () => {
    const el = await fixture<TestBarsWidget>(html`<test-bars-widget style="width: 500px"></test-bars-widget>`);
    el.data = orderRows(7);
    await waitUntil(() => el.status === 'ready', 'not ready', { timeout: 20_000 });
    await el.updateComplete;
    const ready = el.log.indexOf('update ready');
    expect(ready).to.be.greaterThan(-1);
    expect(el.log.indexOf('draw 7')).to.be.greaterThan(ready); // not inside the update
    expect(el.chart.view).to.not.equal(undefined);
    expect(rows(el.chart.view!)).to.have.length(7);
    expect(await el.chartImage('svg')).to.match(/^<svg/);
    expect(el.chart.renderError).to.equal(undefined);
  });

  it('a newer result supersedes a draw that has not run yet', async () => {
    const el = await fixture<TestBarsWidget>(html`<test-bars-widget></test-bars-widget>`);
    el.data = orderRows(4);
    await waitUntil(() => el.status === 'ready', 'not ready', { timeout: 20_000 });
    await el.updateComplete;
    el.log.length = 0;
    el.data = orderRows(9);
    await waitUntil(() => el.status === 'ready' && el.result?.orders === 9, 'not recomputed', { timeout: 20_000 });
    await el.updateComplete;
    expect(el.log.filter((e) => e.startsWith('draw'))).to.deep.equal(['draw 9']);
    expect(rows(el.chart.view!)).to.have.length(9);
    expect(el.renderRoot.querySelectorAll('.chart svg').length).to.equal(1);
  });

  it('clears the charts when the source goes away, and a scheduled draw does not bring them back', async () => {
    const el = await fixture<TestBarsWidget>(html`<test-bars-widget></test-bars-widget>`);
    el.data = orderRows(5);
    await waitUntil(() => el.status === 'ready', 'not ready', { timeout: 20_000 });
    await el.updateComplete;
    expect(el.chart.view).to.not.equal(undefined);
    el.data = undefined;
    await el.updateComplete;
    expect(el.status).to.equal('idle');
    expect(el.chart.view).to.equal(undefined);
    expect(el.renderRoot.querySelector('.chart')).to.equal(null);
  });
});
