// Every element of the family on one <rw-orders>: the file is fetched and parsed once, every widget
// computes from the very same order table, and a filter on the source reaches all of them.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { RwOrders } from '../../src/widgets/orders/index.js';
import type { RwAnalysisElement } from '../../src/widgets/shared/analysis-element.js';
import { workerClient } from '../../src/worker/client.js';
import { cohortRetention } from '../../src/core/cohort-retention.js';
import { rfm } from '../../src/core/rfm.js';

const MASTER = '/data/cdnow/CDNOW_master.txt';
type Widget = RwAnalysisElement<unknown, unknown>;

afterEach(() => fixtureCleanup());

describe('dashboard: all widgets on one <rw-orders>', () => {
  it('parses once, shares one order table and one BG/NBD fit, and follows the source filter', async () => {
    const real = window.fetch;
    let fetches = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input instanceof Request ? input.url : input).includes('CDNOW_master')) fetches++;
      return real(input, init);
    };
    try {
      const page = await fixture<HTMLElement>(html`<div style="width: 1000px">
        <rw-orders id="shop" src=${MASTER} zero-amounts="keep" duplicates="keep"></rw-orders>
        <rw-kpis source="shop"></rw-kpis>
        <rw-cohort-retention source="shop"></rw-cohort-retention>
        <rw-repurchase source="shop"></rw-repurchase>
        <rw-rfm-grid source="shop"></rw-rfm-grid>
        <rw-lifecycle source="shop"></rw-lifecycle>
        <rw-churn source="shop"></rw-churn>
        <rw-clv source="shop"></rw-clv>
      </div>`);
      const source = page.querySelector<RwOrders>('rw-orders')!;
      const widgets = [...page.querySelectorAll<Widget>('[source=shop]')];
      expect(widgets.map((w) => w.localName)).to.have.length(7);
      const settled = () => widgets.every((w) => w.status === 'ready');
      await waitUntil(settled, `not ready: ${widgets.filter((w) => w.status !== 'ready').map((w) => `${w.localName} ${w.status}`)}`, { timeout: 120_000 });
      expect(fetches).to.equal(1);
      const orders = source.orders!;
      for (const w of widgets) expect(w.orders, w.localName).to.equal(orders);
      // The churn, CLV and KPI widgets fit BG/NBD on the same summary: once, cached per table.
      const lastDay = orders.day[orders.length - 1];
      // (Asked through the compute client: the cache is where the analyses run, the page or the worker.)
      expect(await workerClient().hasSharedResult(orders, `fitBgNbd:weeks:asOf=${lastDay}`)).to.equal(true);

      // A date filter on the source reaches every widget.
      source.setAttribute('to', '1997-12-31');
      await waitUntil(() => source.orders !== orders && source.status === 'ready', 'source filtered', { timeout: 60_000 });
      await waitUntil(() => widgets.every((w) => w.status === 'ready' && w.orders === source.orders), 'widgets follow', { timeout: 120_000 });
      const filtered = source.orders!;
      expect(filtered.day[filtered.length - 1]).to.be.at.most(Date.UTC(1997, 11, 31) / 864e5);
      const cohort = page.querySelector<Widget>('rw-cohort-retention')!;
      expect(cohort.result).to.deep.equal(cohortRetention(filtered, { period: 'month', measure: 'customers', mode: 'on' }));
      const grid = page.querySelector<Widget>('rw-rfm-grid')!.result as ReturnType<typeof rfm>;
      expect(grid.grid).to.deep.equal(rfm(filtered).grid);
      expect(fetches).to.equal(1);
    } finally {
      window.fetch = real;
    }
  });
});
