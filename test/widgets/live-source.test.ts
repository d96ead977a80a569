import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../src/widgets/cohort-retention/index.js';
import type { RwCohortRetention } from '../../src/widgets/cohort-retention/index.js';
import '../../src/widgets/orders/index.js';
import type { RwOrders } from '../../src/widgets/orders/index.js';
import { SOURCE_CHANGE_EVENT } from '../../src/widgets/shared/linked-source.js';
import { settled } from './helpers.js';

const HEADER = 'order_id,customer,date,amount';
const V1 = [HEADER, '1,a,2024-01-05,10', '2,b,2024-02-07,12', '3,a,2024-03-01,8'].join('\n');
const V2 = [V1, '4,c,2024-03-04,5', '5,b,2024-03-05,7'].join('\n');

/** A stubbed endpoint: serves `body` with an ETag and Last-Modified, answers 304 to a matching If-None-Match. */
function stubEndpoint(name: string) {
  const real = window.fetch;
  const state = { body: V1, etag: '"v1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT', requests: [] as { ifNoneMatch: string | null; ifModifiedSince: string | null; status: number }[] };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes(name)) return real(input, init);
    const headers = new Headers(init?.headers);
    const ifNoneMatch = headers.get('If-None-Match');
    const status = ifNoneMatch === state.etag ? 304 : 200;
    state.requests.push({ ifNoneMatch, ifModifiedSince: headers.get('If-Modified-Since'), status });
    if (status === 304) return new Response(null, { status: 304, headers: { ETag: state.etag } });
    return new Response(state.body, { status: 200, headers: { 'Content-Type': 'text/csv', ETag: state.etag, 'Last-Modified': state.lastModified } });
  };
  return { state, restore: () => void (window.fetch = real) };
}

/** Every status an element renders with, from now on. */
function statusLog(el: RwOrders | RwCohortRetention): string[] {
  const log: string[] = [];
  el.addController({ hostUpdated: () => log.push(el.status) });
  return log;
}

afterEach(() => fixtureCleanup());

describe('refresh: conditional re-fetches of a live endpoint', function () {
  this.timeout(60_000);

  it('sends the ETag back, keeps everything on 304, and replaces the table without a loading state when it changed', async () => {
    const endpoint = stubEndpoint('live-orders-1.csv');
    try {
      const root = await fixture<HTMLElement>(html`<div>
        <rw-orders id="live1" src="/live-orders-1.csv" refresh="0.3"></rw-orders>
        <rw-cohort-retention source="live1"></rw-cohort-retention>
      </div>`);
      const source = root.querySelector<RwOrders>('rw-orders')!;
      const widget = root.querySelector<RwCohortRetention>('rw-cohort-retention')!;
      await settled(source);
      await settled(widget);
      expect(source.allOrders!.length).to.equal(3);
      const firstResult = widget.result;
      let changes = 0;
      source.addEventListener(SOURCE_CHANGE_EVENT, () => changes++);
      const sourceLog = statusLog(source);
      const widgetLog = statusLog(widget);

      // Unchanged: 304s, nothing redrawn, no change announced.
      await waitUntil(() => endpoint.state.requests.length >= 3, 'no refresh requests', { timeout: 10_000 });
      expect(endpoint.state.requests[0]).to.deep.equal({ ifNoneMatch: null, ifModifiedSince: null, status: 200 });
      expect(endpoint.state.requests[1]).to.deep.equal({ ifNoneMatch: '"v1"', ifModifiedSince: 'Mon, 01 Jan 2024 00:00:00 GMT', status: 304 });
      expect(changes).to.equal(0);
      expect(widget.result).to.equal(firstResult);

      // Changed: one new table, one change for the linked widget, no loading state on either.
      endpoint.state.body = V2;
      endpoint.state.etag = '"v2"';
      await waitUntil(() => source.allOrders?.length === 5 && widget.orders?.length === 5, 'not refreshed', { timeout: 10_000 });
      await settled(widget);
      expect(changes).to.equal(1);
      expect(widget.result).to.not.equal(firstResult);
      expect(source.report!.rowsRead).to.equal(5);
      expect(sourceLog).to.not.include('loading');
      expect(widgetLog).to.not.include('loading');
      const after = endpoint.state.requests.length;
      await waitUntil(() => endpoint.state.requests.length > after, 'no refresh after the change', { timeout: 10_000 });
      expect(endpoint.state.requests.at(-1)!.ifNoneMatch).to.equal('"v2"');

      // Timers stop on disconnect.
      root.remove();
      const stopped = endpoint.state.requests.length;
      await new Promise((r) => setTimeout(r, 1000));
      expect(endpoint.state.requests.length).to.equal(stopped);
    } finally {
      endpoint.restore();
    }
  });

  it('a 200 with the same data (a new ETag, same bytes) keeps the table: linked widgets do not recompute', async () => {
    const endpoint = stubEndpoint('live-orders-2.csv');
    try {
      const root = await fixture<HTMLElement>(html`<div>
        <rw-orders id="live2" src="/live-orders-2.csv" refresh="0.3"></rw-orders>
        <rw-cohort-retention source="live2"></rw-cohort-retention>
      </div>`);
      const source = root.querySelector<RwOrders>('rw-orders')!;
      const widget = root.querySelector<RwCohortRetention>('rw-cohort-retention')!;
      await settled(source);
      await settled(widget);
      const table = source.allOrders;
      let changes = 0;
      source.addEventListener(SOURCE_CHANGE_EVENT, () => changes++);
      endpoint.state.etag = '"v1-again"';
      await waitUntil(() => endpoint.state.requests.some((r) => r.ifNoneMatch === '"v1-again"'), 'new ETag not adopted', { timeout: 10_000 });
      expect(source.allOrders).to.equal(table);
      expect(changes).to.equal(0);
    } finally {
      endpoint.restore();
    }
  });

  it('off by default: no request after the load', async () => {
    const endpoint = stubEndpoint('live-orders-3.csv');
    try {
      const source = await fixture<RwOrders>(html`<rw-orders src="/live-orders-3.csv"></rw-orders>`);
      await settled(source);
      const n = endpoint.state.requests.length;
      await new Promise((r) => setTimeout(r, 700));
      expect(endpoint.state.requests.length).to.equal(n);
    } finally {
      endpoint.restore();
    }
  });
});

describe('<rw-orders>.append(rows)', function () {
  this.timeout(60_000);

  it('adds new orders with the same rules, updates the report, and linked widgets recompute once', async () => {
    const url = URL.createObjectURL(new Blob([V1], { type: 'text/csv' }));
    const root = await fixture<HTMLElement>(html`<div>
      <rw-orders id="append1" src=${url}></rw-orders>
      <rw-cohort-retention source="append1"></rw-cohort-retention>
    </div>`);
    const source = root.querySelector<RwOrders>('rw-orders')!;
    const widget = root.querySelector<RwCohortRetention>('rw-cohort-retention')!;
    await settled(source);
    await settled(widget);
    let changes = 0;
    let widgetLoads = 0;
    source.addEventListener(SOURCE_CHANGE_EVENT, () => changes++);
    widget.addEventListener('rw-load', () => widgetLoads++);
    const widgetLog = statusLog(widget);

    const added = await source.append([
      { order_id: '4', customer: 'c', date: '2024-03-04', amount: 5 },
      { order_id: '2', customer: 'b', date: '2024-03-06', amount: 1 }, // order 2 is loaded already
      { order_id: '6', customer: 'd', date: '2024-03-06', amount: -1 }, // negative-amount, as in the first load's rules
    ]);
    expect(added).to.equal(1);
    expect(source.allOrders!.length).to.equal(4);
    expect(source.report!.rowsRead).to.equal(6);
    expect(source.report!.rowsAccepted).to.equal(4);
    expect(source.report!.orders).to.equal(4);
    expect(source.report!.customers).to.equal(3);
    expect(Object.fromEntries(source.report!.reasons.map((r) => [r.reason, r.count]))).to.deep.equal({ 'duplicate-order': 1, 'negative-amount': 1 });
    await waitUntil(() => widget.orders?.length === 4, 'widget not updated');
    await settled(widget);
    expect(changes).to.equal(1);
    expect(widgetLoads).to.equal(1);
    expect(widgetLog).to.not.include('loading');
    // The status line shows the new counts.
    await source.updateComplete;
    expect(source.shadowRoot!.textContent).to.contain('6');

    // CSV text appends too; DOM nodes are still children.
    expect(await source.append('order_id,customer,date,amount\n7,e,2024-03-08,3')).to.equal(1);
    expect(source.allOrders!.length).to.equal(5);
    const child = document.createElement('span');
    expect(await source.append(child)).to.equal(0);
    expect(child.parentNode).to.equal(source);
  });
});

describe('source attributes: dimension-fields and an empty role attribute', () => {
  it('dimension-fields loads dimensions; order-field="" means no order column (not detected)', async () => {
    const url = URL.createObjectURL(new Blob([`${HEADER},store\n1,a,2024-01-05,10,north\n1,a,2024-01-05,2,north\n2,b,2024-02-07,12,south`], { type: 'text/csv' }));
    const source = await fixture<RwOrders>(html`<rw-orders src=${url} dimension-fields="store" order-field=""></rw-orders>`);
    await settled(source);
    expect(source.allOrders!.dimensions!.store.values).to.deep.equal(['north', 'south']);
    expect(source.report!.mapping.order).to.equal(undefined);
    expect(source.allOrders!.length).to.equal(3);
    source.setAttribute('dimension-fields', 'store, campaign');
    await settled(source);
    expect(source.status).to.equal('error');
    expect(source.error!.message).to.contain('"campaign"');
  });
});
