import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { daysFromCivil } from '../../src/core/calendar.js';
import { cohortRetention } from '../../src/core/cohort-retention.js';
import { customerCodesOf, filterOrders } from '../../src/core/filter-orders.js';
import type { OrderTable } from '../../src/core/order-table.js';
import '../../src/widgets/cohort-retention/index.js';
import type { RwCohortRetention } from '../../src/widgets/cohort-retention/index.js';
import '../../src/widgets/orders/index.js';
import type { RwOrders } from '../../src/widgets/orders/index.js';
import type { RwErrorDetail } from '../../src/widgets/shared/events.js';
import { SOURCE_CHANGE_EVENT } from '../../src/widgets/shared/linked-source.js';
import { hasSharedResult, sharedResult } from '../../src/analyses/shared-results.js';
import { settled } from './helpers.js';

const MASTER = '/data/cdnow/CDNOW_master.txt';

/** Cohort sizes of a result: the number the issue asks to compare. */
const sizes = (r: ReturnType<typeof cohortRetention>) => r.cohorts.map((c) => [c.cohort, c.size]);

/** A CSV as a blob: URL (a cheap, distinct `src` per test). */
function csvUrl(lines: string[]): string {
  return URL.createObjectURL(new Blob([['customer,date,amount', ...lines].join('\n')], { type: 'text/csv' }));
}

/** Counts fetches of URLs containing `needle` while installed. */
function spyFetch(needle: string): { count: () => number; restore: () => void } {
  const real = window.fetch;
  let n = 0;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes(needle)) n++;
    return real(input, init);
  };
  return { count: () => n, restore: () => void (window.fetch = real) };
}

/** Tracks the live `rw-source-change` listeners of an element (to check that widgets unsubscribe). */
function trackListeners(el: EventTarget): () => number {
  let live = 0;
  const add = el.addEventListener.bind(el);
  const remove = el.removeEventListener.bind(el);
  el.addEventListener = (type: string, l: EventListenerOrEventListenerObject | null, o?: boolean | AddEventListenerOptions) => {
    if (type === SOURCE_CHANGE_EVENT) live++;
    add(type, l, o);
  };
  el.removeEventListener = (type: string, l: EventListenerOrEventListenerObject | null, o?: boolean | EventListenerOptions) => {
    if (type === SOURCE_CHANGE_EVENT) live--;
    remove(type, l, o);
  };
  return () => live;
}

afterEach(() => fixtureCleanup());

describe('<rw-orders> shared by linked widgets (CDNOW master)', () => {
  it('fetches and parses once; both linked widgets equal cohortRetention on the source orders; date and customer filters update both', async () => {
    const spy = spyFetch('CDNOW_master');
    let sourceLoads = 0;
    let root: HTMLElement;
    try {
      root = await fixture<HTMLElement>(html`<div>
        <rw-orders id="shop" src=${MASTER} zero-amounts="keep" duplicates="keep" @rw-load=${() => sourceLoads++}></rw-orders>
        <rw-cohort-retention id="m" source="shop" period="month"></rw-cohort-retention>
        <rw-cohort-retention id="w" source="shop" period="week"></rw-cohort-retention>
      </div>`);
      const source = root.querySelector('rw-orders')!;
      const month = root.querySelector<RwCohortRetention>('#m')!;
      const week = root.querySelector<RwCohortRetention>('#w')!;
      await settled(source);
      await settled(month);
      await settled(week);
      expect(spy.count()).to.equal(1);
      expect(sourceLoads).to.equal(1);
      expect(source.status).to.equal('ready');

      const all = source.orders!;
      expect(source.allOrders).to.equal(all); // no filter: the loaded table itself
      expect(all.length).to.be.greaterThan(60_000);
      // The same table object reaches both widgets (nothing was loaded or copied per widget).
      expect(month.orders).to.equal(all);
      expect(week.orders).to.equal(all);
      expect(month.status).to.equal('ready');
      expect(month.result).to.deep.equal(cohortRetention(all, { period: 'month', measure: 'customers', mode: 'on' }));
      expect(week.result).to.deep.equal(cohortRetention(all, { period: 'week', measure: 'customers', mode: 'on' }));
      // CDNOW: 23,570 customers, all first purchasing in Q1 1997 → three month cohorts.
      expect(month.result!.cohorts.map((c) => c.cohort)).to.deep.equal(['1997-01', '1997-02', '1997-03']);
      expect(month.result!.cohorts.reduce((s, c) => s + c.size, 0)).to.equal(23_570);
      // Linked widgets show the source's load report.
      expect(month.report).to.equal(source.report);
      expect(week.report).to.equal(source.report);
      const summary = month.shadowRoot!.querySelector('[part=summary]')!.textContent!;
      expect(summary).to.contain(source.report!.rowsAccepted.toLocaleString('en'));
      // The source's own status line.
      const status = source.shadowRoot!.querySelector('[part=status]')!;
      expect(status.textContent).to.contain(`${source.report!.rowsRead.toLocaleString('en')} rows read`);

      // Date filter: one new table, shared by both widgets.
      let monthLoads = 0;
      month.addEventListener('rw-load', () => monthLoads++);
      source.from = '1997-02-01';
      source.to = '1997-06-30';
      await waitUntil(() => month.orders !== all && month.status === 'ready' && week.orders !== all && week.status === 'ready', 'widgets did not refilter', { timeout: 20_000 });
      await settled(month);
      await settled(week);
      const byDate = filterOrders(all, { fromDay: daysFromCivil(1997, 2, 1), toDay: daysFromCivil(1997, 6, 30) });
      expect(source.orders!.length).to.equal(byDate.length);
      expect(month.orders).to.equal(source.orders);
      expect(week.orders).to.equal(source.orders);
      expect(sizes(month.result!)).to.deep.equal(sizes(cohortRetention(byDate, { period: 'month' })));
      expect(sizes(week.result!)).to.deep.equal(sizes(cohortRetention(byDate, { period: 'week' })));
      expect(month.result!.cohorts[0].cohort).to.equal('1997-02');
      expect(month.result).to.deep.equal(cohortRetention(byDate, { period: 'month', measure: 'customers', mode: 'on' }));
      expect(monthLoads).to.equal(1); // one refresh per filter change
      expect(status.textContent).to.contain(`${byDate.length.toLocaleString('en')} of ${all.length.toLocaleString('en')} orders shown`);
      expect(status.textContent).to.contain('1997-02-01 – 1997-06-30');

      // Segment filter: the customers of a selection, on top of the dates.
      const ids = ['1', '2', '3', '100', '2000', '23570', 'not-a-customer'];
      const before = source.orders;
      source.customers = ids;
      source.customersLabel = 'Champions';
      await waitUntil(() => month.orders !== before && month.status === 'ready' && week.orders !== before && week.status === 'ready', 'widgets did not refilter', { timeout: 20_000 });
      await settled(week);
      const bySegment = filterOrders(all, {
        fromDay: daysFromCivil(1997, 2, 1),
        toDay: daysFromCivil(1997, 6, 30),
        customerCodes: customerCodesOf(all, ids),
      });
      expect(bySegment.length).to.be.greaterThan(0);
      const customersKept = new Set(Array.from(source.orders!.customer.codes, (c) => all.customer.values[c]));
      expect([...customersKept].every((c) => ids.includes(c))).to.equal(true);
      expect(sizes(month.result!)).to.deep.equal(sizes(cohortRetention(bySegment, { period: 'month' })));
      expect(week.result).to.deep.equal(cohortRetention(bySegment, { period: 'week', measure: 'customers', mode: 'on' }));
      expect(status.textContent).to.contain('segment: Champions');

      // Clearing the filters gives the loaded table back; still no second fetch.
      source.customers = null;
      source.from = undefined;
      source.to = undefined;
      await waitUntil(() => month.orders === all && month.status === 'ready' && week.orders === all && week.status === 'ready', 'filters not cleared', { timeout: 20_000 });
      expect(spy.count()).to.equal(1);
      expect(sourceLoads).to.equal(1);
    } finally {
      spy.restore();
    }
  });
});

describe('<rw-orders> linking', () => {
  const rowsA = ['a,2024-01-05,10', 'b,2024-01-20,20', 'a,2024-02-10,12', 'c,2024-02-11,5'];
  const rowsB = ['x,2024-03-01,1', 'y,2024-03-02,2', 'x,2024-04-01,3', 'z,2024-05-01,4', 'y,2024-05-02,2'];

  it('a widget upgraded before its source exists shows a clear error, then loads when the source is added', async () => {
    const errors: RwErrorDetail[] = [];
    const root = await fixture<HTMLElement>(html`<div>
      <rw-cohort-retention source="late" @rw-error=${(e: CustomEvent<RwErrorDetail>) => errors.push(e.detail)}></rw-cohort-retention>
    </div>`);
    const widget = root.querySelector('rw-cohort-retention')!;
    await settled(widget);
    expect(widget.status).to.equal('error');
    expect(errors.map((e) => e.code)).to.deep.equal(['no-source']);
    const message = widget.shadowRoot!.querySelector('.error-message')!.textContent!;
    expect(message).to.contain('no <rw-orders id="late"> on this page');
    expect(message).to.contain('source="late"');

    const source = document.createElement('rw-orders');
    source.id = 'late';
    source.src = csvUrl(rowsA);
    root.append(source);
    await waitUntil(() => widget.status === 'ready', `widget is ${widget.status}`, { timeout: 10_000 });
    expect(widget.orders).to.equal(source.orders);
    expect(widget.result).to.deep.equal(cohortRetention(source.orders!, { period: 'month', measure: 'customers', mode: 'on' }));
    expect(sizes(widget.result!)).to.deep.equal([['2024-01', 2], ['2024-02', 1]]);
  });

  it('a widget added after the source has loaded uses its orders at once, without another load', async () => {
    let loads = 0;
    const root = await fixture<HTMLElement>(html`<div><rw-orders id="early" src=${csvUrl(rowsA)} @rw-load=${() => loads++}></rw-orders></div>`);
    const source = root.querySelector('rw-orders')!;
    await settled(source);
    const widget = document.createElement('rw-cohort-retention');
    widget.setAttribute('source', 'early');
    root.append(widget);
    await settled(widget);
    expect(widget.status).to.equal('ready');
    expect(widget.orders).to.equal(source.orders);
    expect(loads).to.equal(1);
  });

  it('links inside a shadow root by the id in that root', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    const source = document.createElement('rw-orders');
    source.id = 'inner';
    source.src = csvUrl(rowsB);
    const widget = document.createElement('rw-cohort-retention');
    widget.setAttribute('source', 'inner');
    shadow.append(widget, source);
    await settled(widget);
    expect(widget.status).to.equal('ready');
    expect(widget.orders).to.equal(source.orders);
    // A source in the document is not visible from inside the shadow root.
    const outside = document.createElement('rw-cohort-retention');
    outside.setAttribute('source', 'inner');
    host.after(outside);
    try {
      await settled(outside);
      expect(outside.status).to.equal('error');
      expect(outside.shadowRoot!.querySelector('.error-message')!.textContent).to.contain('no <rw-orders id="inner">');
    } finally {
      outside.remove();
    }
  });

  it('changing the source src reloads once and every linked widget updates; a removed widget unsubscribes and stays as it was', async () => {
    let loads = 0;
    const root = await fixture<HTMLElement>(html`<div>
      <rw-orders id="s" src=${csvUrl(rowsA)} @rw-load=${() => loads++}></rw-orders>
    </div>`);
    const source = root.querySelector('rw-orders')!;
    const liveListeners = trackListeners(source);
    const widgets = ['month', 'week', 'day'].map((period) => {
      const w = document.createElement('rw-cohort-retention');
      w.setAttribute('source', 's');
      w.setAttribute('period', period);
      root.append(w);
      return w;
    });
    for (const w of widgets) await settled(w);
    expect(liveListeners()).to.equal(3);
    const first = source.orders!;
    for (const w of widgets) expect(w.orders).to.equal(first);

    // Remove one widget: its listener goes, and later changes do not touch it.
    const removed = widgets.pop()!;
    const removedResult = removed.result;
    let removedLoads = 0;
    removed.addEventListener('rw-load', () => removedLoads++);
    removed.remove();
    expect(liveListeners()).to.equal(2);

    source.src = csvUrl(rowsB);
    await waitUntil(() => widgets.every((w) => w.status === 'ready' && w.orders !== first), 'widgets did not reload', { timeout: 10_000 });
    expect(loads).to.equal(2);
    const second = source.orders!;
    expect(second.customer.values).to.deep.equal(['x', 'y', 'z']);
    for (const w of widgets) {
      expect(w.orders).to.equal(second);
      expect(w.result).to.deep.equal(cohortRetention(second, { period: w.period, measure: 'customers', mode: 'on' }));
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(removed.result).to.equal(removedResult);
    expect(removed.orders).to.equal(first);
    expect(removedLoads).to.equal(0);

    // Put back, it subscribes again and catches up with the source.
    root.append(removed);
    await waitUntil(() => removed.status === 'ready' && removed.orders === second, 'reattached widget did not catch up', { timeout: 10_000 });
    expect(liveListeners()).to.equal(3);
    for (const w of [...widgets, removed]) w.remove();
    expect(liveListeners()).to.equal(0);
  });

  it('a failing source puts its linked widgets in the error state with the source named; a bad date filter too', async () => {
    const root = await fixture<HTMLElement>(html`<div>
      <rw-orders id="bad" src="/data/does-not-exist.csv"></rw-orders>
      <rw-cohort-retention source="bad"></rw-cohort-retention>
    </div>`);
    const source = root.querySelector('rw-orders')!;
    const widget = root.querySelector('rw-cohort-retention')!;
    await settled(source);
    await settled(widget);
    expect(source.status).to.equal('error');
    expect(widget.status).to.equal('error');
    expect(widget.shadowRoot!.querySelector('.error-message')!.textContent).to.contain('The data source <rw-orders id="bad"> failed');
    expect(source.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain(source.error!.message);

    // Fixed: the widget follows.
    source.src = csvUrl(rowsA);
    await waitUntil(() => widget.status === 'ready', `widget is ${widget.status}`, { timeout: 10_000 });

    source.from = '2024-13-01';
    await waitUntil(() => widget.status === 'error', `widget is ${widget.status}`, { timeout: 10_000 });
    expect(source.error!.code).to.equal('bad-option');
    expect(widget.shadowRoot!.querySelector('.error-message')!.textContent).to.contain('from="2024-13-01" is not a date');
    source.from = '2024-02-01';
    await waitUntil(() => widget.status === 'ready', `widget is ${widget.status}`, { timeout: 10_000 });
    expect(sizes(widget.result!)).to.deep.equal([['2024-02', 2]]); // a (again) and c
  });

  it("a linked widget's Retry button retries the failed source, and every linked widget recovers", async () => {
    const real = window.fetch;
    let calls = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.includes('flaky.csv')) return real(input, init);
      calls++;
      if (calls === 1) return Promise.resolve(new Response('unavailable', { status: 503 }));
      return Promise.resolve(new Response(['customer,date,amount', ...rowsA].join('\n'), { headers: { 'content-type': 'text/csv' } }));
    };
    try {
      const root = await fixture<HTMLElement>(html`<div>
        <rw-orders id="flaky" src="/flaky.csv"></rw-orders>
        <rw-cohort-retention source="flaky"></rw-cohort-retention>
        <rw-cohort-retention source="flaky" period="week"></rw-cohort-retention>
      </div>`);
      const [w1, w2] = root.querySelectorAll('rw-cohort-retention');
      await settled(w1);
      await settled(w2);
      expect(w1.status).to.equal('error');
      expect(w2.status).to.equal('error');
      w1.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
      await waitUntil(() => w1.status === 'ready' && w2.status === 'ready', `w1 ${w1.status}, w2 ${w2.status}`, { timeout: 10_000 });
      expect(calls).to.equal(2);
      expect(w2.orders).to.equal(root.querySelector('rw-orders')!.orders);
    } finally {
      window.fetch = real;
    }
  });

  it('a filter that keeps nothing gives linked widgets their empty state; renaming the source re-links', async () => {
    const root = await fixture<HTMLElement>(html`<div>
      <rw-orders id="one" src=${csvUrl(rowsA)} hidden></rw-orders>
      <rw-cohort-retention source="one"></rw-cohort-retention>
      <rw-cohort-retention source="two"></rw-cohort-retention>
    </div>`);
    const source = root.querySelector('rw-orders')!;
    const [w1, w2] = root.querySelectorAll('rw-cohort-retention');
    await settled(w1);
    await settled(w2);
    expect(getComputedStyle(source).display).to.equal('none');
    expect(w1.status).to.equal('ready');
    expect(w2.status).to.equal('error');
    source.customers = [];
    await waitUntil(() => w1.status === 'empty', `w1 is ${w1.status}`, { timeout: 10_000 });
    expect(source.status).to.equal('empty');
    expect(source.orders!.length).to.equal(0);

    source.lang = 'zh-CN';
    await source.updateComplete;
    expect(source.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('显示 0 / 4 笔订单');
    expect(source.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('已选 0 位客户');

    source.customers = null;
    source.id = 'two';
    await waitUntil(() => w2.status === 'ready' && w1.status === 'error', `w1 ${w1.status}, w2 ${w2.status}`, { timeout: 10_000 });
    expect(w1.shadowRoot!.querySelector('.error-message')!.textContent).to.contain('no <rw-orders id="one">');
  });

  it('whenReady waits for the load, and an aborted wait rejects without settling the others', async () => {
    const source = document.createElement('rw-orders');
    source.data = [{ customer: 'a', date: '2024-01-01', amount: 1 }];
    const ac = new AbortController();
    const aborted = source.whenReady(ac.signal);
    const waiting = source.whenReady();
    ac.abort();
    let abortError: unknown;
    await aborted.catch((e: unknown) => (abortError = e));
    expect((abortError as DOMException).name).to.equal('AbortError');
    document.body.append(source);
    try {
      const { orders, report } = await waiting;
      expect(orders.length).to.equal(1);
      expect(report.rowsAccepted).to.equal(1);
      expect(orders).to.equal(source.orders);
    } finally {
      source.remove();
    }
  });
});

describe('sharedResult', () => {
  const table = (n: number): OrderTable => ({
    length: n,
    customer: { codes: new Int32Array(n), values: ['a'] },
    day: new Int32Array(n),
    amount: new Float64Array(n),
    hasAmount: true,
    timeZone: 'UTC',
  });

  it('computes once per (table, key) and hands every caller the same object', () => {
    const t1 = table(3);
    const t2 = table(3);
    let calls = 0;
    const compute = (t: OrderTable) => () => ({ n: t.length, call: ++calls });
    const a = sharedResult(t1, 'customerSummary:weeks:asOf=100', compute(t1));
    const b = sharedResult(t1, 'customerSummary:weeks:asOf=100', compute(t1));
    expect(b).to.equal(a);
    expect(calls).to.equal(1);
    expect(hasSharedResult(t1, 'customerSummary:weeks:asOf=100')).to.equal(true);
    // Another key or another table (e.g. a filtered copy) is another computation.
    expect(sharedResult(t1, 'customerSummary:weeks:asOf=101', compute(t1))).to.not.equal(a);
    expect(sharedResult(t2, 'customerSummary:weeks:asOf=100', compute(t2))).to.not.equal(a);
    expect(calls).to.equal(3);
    expect(hasSharedResult(table(3), 'customerSummary:weeks:asOf=100')).to.equal(false);
  });

  it('does not cache a throw, and drops a rejected promise so the next call retries', async () => {
    const t = table(1);
    let calls = 0;
    expect(() => sharedResult(t, 'fit', () => { calls++; throw new Error('no convergence'); })).to.throw('no convergence');
    expect(sharedResult(t, 'fit', () => ++calls)).to.equal(2);
    const failing = sharedResult(t, 'async', () => Promise.reject(new Error('worker died')));
    expect(sharedResult(t, 'async', () => Promise.resolve(1))).to.equal(failing); // in flight: shared
    await failing.catch(() => undefined);
    await Promise.resolve();
    expect(await sharedResult(t, 'async', () => Promise.resolve(7))).to.equal(7);
  });
});
