import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { cohortRetention } from '../../src/core/cohort-retention.js';
import { customerSummary } from '../../src/core/customer-summary.js';
import { isoDate } from '../../src/core/calendar.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { rfm } from '../../src/core/rfm.js';
import { loadOrders } from '../../src/data/index.js';
import { buildReport, reportReplacer } from '../../src/cli/report.js';
import { encodeTyped } from '../../src/data/aggregate/typed-json.js';
import '../../src/index.js';
import type { RwErrorDetail } from '../../src/widgets/shared/events.js';
import type { RfmSelectDetail } from '../../src/widgets/rfm-grid/index.js';
import { settled } from './helpers.js';

const MASTER = '/data/cdnow/CDNOW_master.txt';
const TAGS = ['rw-cohort-retention', 'rw-repurchase', 'rw-kpis', 'rw-rfm-grid', 'rw-lifecycle', 'rw-churn', 'rw-clv'] as const;

interface Widget extends HTMLElement {
  status: string;
  result: unknown;
  updateComplete: Promise<boolean>;
  shadowRoot: ShadowRoot;
}

/** Mounts `<tag src=… extra attributes>` and waits for its result or error. */
async function mount(tag: string, src: string, attrs: Record<string, string> = {}): Promise<Widget> {
  const el = document.createElement(tag) as Widget;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.setAttribute('src', src);
  await fixture(html`<div style="width: 900px"></div>`).then((div) => div.append(el));
  await settled(el);
  return el;
}

/** Result text with typed arrays tagged and undefined members dropped: equal results, equal text. */
const canonical = (x: unknown) => JSON.stringify(encodeTyped(x));

describe('widgets on pre-aggregated data', () => {
  let orders: OrderTable;
  let reportUrl: string;
  let summaryUrl: string;
  let matrixUrl: string;
  before(async () => {
    ({ orders } = await loadOrders(MASTER, { zeroAmounts: 'keep', duplicates: 'keep' }));
    const doc = buildReport(orders, null, { period: 'month', unit: 'weeks', inactiveDays: 'auto', horizonMonths: 12, discountRatePerMonth: 0.01 });
    reportUrl = URL.createObjectURL(new Blob([JSON.stringify(doc, reportReplacer)], { type: 'application/json' }));
    const s = customerSummary(orders, { unit: 'days' });
    const lines = ['customer_id,first_day,last_day,orders,purchase_days,revenue,monetary,end_day'];
    for (let i = 0; i < s.length; i++) lines.push(`${s.customerId[i]},${isoDate(s.firstDay[i])},${isoDate(s.lastDay[i])},${s.orders[i]},${s.purchaseDays[i]},${s.revenue[i]},${s.monetary[i]},${isoDate(s.endDay)}`);
    summaryUrl = URL.createObjectURL(new Blob([lines.join('\n')], { type: 'text/csv' }));
    const m = cohortRetention(orders, { period: 'month', measure: 'customers', mode: 'on' });
    const cells = ['cohort,months_since,cohort_size,customers'];
    for (const row of m.cohorts) row.values.forEach((v, k) => cells.push(`${row.cohort},${k},${row.size},${v}`));
    matrixUrl = URL.createObjectURL(new Blob([cells.join('\n')], { type: 'text/csv' }));
  });
  afterEach(() => fixtureCleanup());

  it('every widget given the CLI report as src shows what it shows on the orders', async function () {
    this.timeout(600_000); // seven widgets, each on the 69,659-row CDNOW log and on its report
    for (const tag of TAGS) {
      const fromOrders = await mount(tag, MASTER, { 'zero-amounts': 'keep', duplicates: 'keep' });
      const fromReport = await mount(tag, reportUrl);
      expect(fromReport.status, tag).to.equal('ready');
      expect(canonical(fromReport.result), tag).to.equal(canonical(fromOrders.result));
      // Same visible numbers: the body text matches (the rejected-rows line aside, which differs in format).
      const text = (el: Widget) => el.shadowRoot.querySelector('[part="chart"]')?.getAttribute('aria-label') ?? '';
      expect(text(fromReport), tag).to.equal(text(fromOrders));
      fixtureCleanup();
    }
  });

  it('<rw-orders> with a report feeds its linked widgets; a date filter on it says it needs the orders', async () => {
    const root = await fixture(html`<div style="width: 900px">
      <rw-orders id="agg" src=${reportUrl}></rw-orders>
      <rw-kpis source="agg"></rw-kpis>
      <rw-rfm-grid source="agg"></rw-rfm-grid>
    </div>`);
    const kpis = root.querySelector('rw-kpis') as unknown as Widget;
    const grid = root.querySelector('rw-rfm-grid') as unknown as Widget;
    await settled(kpis);
    await settled(grid);
    expect(kpis.status).to.equal('ready');
    expect(canonical(grid.result)).to.equal(canonical(rfm(orders, { bins: 5 })));
    const source = root.querySelector('rw-orders')!;
    // The source itself is ready on a report (it ended 'empty' for having no order rows, so code
    // waiting for 'ready' hung), and hands out the report's table.
    await settled(source);
    expect(source.status).to.equal('ready');
    expect(source.orders?.aggregate?.kind).to.equal('report');
    const error = oneEvent(source, 'rw-error');
    source.setAttribute('from', '1997-06-01');
    const detail = (await error).detail as RwErrorDetail;
    expect(detail.code).to.equal('needs-orders');
    expect(detail.message).to.contain('date range');
  });

  it('a report answers other settings it can from its customer summary, and names the others', async () => {
    const grid = await mount('rw-rfm-grid', reportUrl, { bins: '4' });
    expect(grid.status).to.equal('ready');
    expect(canonical(grid.result)).to.equal(canonical(rfm(orders, { bins: 4 })));
    const errored = document.createElement('rw-lifecycle') as Widget;
    errored.setAttribute('period', 'week');
    const error = oneEvent(errored, 'rw-error');
    errored.setAttribute('src', reportUrl);
    document.body.append(errored);
    const detail = (await error).detail as RwErrorDetail;
    expect(detail.code).to.equal('report-params');
    expect(detail.message).to.contain('lifecycle');
    await settled(errored);
    expect(errored.status).to.equal('error');
    errored.remove();
  });

  it('<rw-rfm-grid kind="customer-summary">: the same scores as from the orders, and cells select their customers', async () => {
    const el = await mount('rw-rfm-grid', summaryUrl, { kind: 'customer-summary' });
    expect(el.status).to.equal('ready');
    const fromOrders = rfm(orders, { bins: 5 });
    const r = el.result as ReturnType<typeof rfm>;
    expect(r.customerId).to.deep.equal(fromOrders.customerId);
    expect(Array.from(r.R)).to.deep.equal(Array.from(fromOrders.R));
    expect(Array.from(r.F)).to.deep.equal(Array.from(fromOrders.F));
    expect(Array.from(r.M)).to.deep.equal(Array.from(fromOrders.M));
    expect(r.grid.map((c) => c.customers)).to.deep.equal(fromOrders.grid.map((c) => c.customers));
    const button = el.shadowRoot.querySelector<HTMLButtonElement>('button[data-r="5"][data-f="5"]');
    expect(button, 'cell button').to.exist;
    const selected = oneEvent(el, 'rw-select');
    button!.click();
    const ids = ((await selected).detail as RfmSelectDetail).customerIds;
    const expected = fromOrders.customerId.filter((_, i) => fromOrders.R[i] === 5 && fromOrders.F[i] === 5);
    expect([...ids].sort()).to.deep.equal([...expected].sort());
  });

  it('<rw-clv kind="customer-summary">: the same fits and CLV as from the orders; the calibration check is replaced by a note', async () => {
    const fromOrders = await mount('rw-clv', MASTER, { 'zero-amounts': 'keep', duplicates: 'keep' });
    const el = await mount('rw-clv', summaryUrl, { kind: 'customer-summary' });
    expect(el.status).to.equal('ready');
    type Clv = { bgNbd: { r: number; alpha: number; a: number; b: number }; gammaGamma: { p: number; q: number; gamma: number }; value: { clv: Float64Array }; calibration: unknown };
    const a = el.result as Clv, b = fromOrders.result as Clv;
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(a.bgNbd[k]).to.be.closeTo(b.bgNbd[k], 1e-9 * Math.abs(b.bgNbd[k]));
    for (const k of ['p', 'q', 'gamma'] as const) expect(a.gammaGamma[k]).to.be.closeTo(b.gammaGamma[k], 1e-6 * Math.abs(b.gammaGamma[k]));
    for (let i = 0; i < a.value.clv.length; i += 997) expect(a.value.clv[i]).to.be.closeTo(b.value.clv[i], 1e-6 * Math.max(1, b.value.clv[i]));
    expect(a.calibration).to.equal(null);
    expect(el.shadowRoot.querySelector('[data-note="no-calibration"]')).to.exist;
  });

  it('<rw-churn kind="customer-summary">: the same churn status and P(alive) at-risk list as from the orders, without the per-period chart', async () => {
    type ChurnResult = { churn: { churnedCustomers: number; customers: number; inactiveDays: number; thresholdRule: string; perPeriod: unknown[] }; atRisk: Int32Array; input: { customerId: string[] }; pAlive: Float64Array };
    const fromOrders = await mount('rw-churn', MASTER, { 'zero-amounts': 'keep', duplicates: 'keep', 'inactive-days': '120' });
    const el = await mount('rw-churn', summaryUrl, { kind: 'customer-summary', 'inactive-days': '120' });
    expect(el.status).to.equal('ready');
    const a = el.result as ChurnResult, b = fromOrders.result as ChurnResult;
    expect(a.churn.customers).to.equal(b.churn.customers);
    expect(a.churn.churnedCustomers).to.equal(b.churn.churnedCustomers);
    expect(a.churn.perPeriod).to.deep.equal([]);
    expect(Array.from(a.atRisk, (i) => a.input.customerId[i])).to.deep.equal(Array.from(b.atRisk, (i) => b.input.customerId[i]));
    for (let k = 0; k < a.atRisk.length; k += 101) expect(a.pAlive[a.atRisk[k]]).to.be.closeTo(b.pAlive[b.atRisk[k]], 1e-9);
    expect(el.shadowRoot.querySelector('[data-note="no-history"]')).to.exist;
    expect(el.shadowRoot.querySelector('[part="chart"]')).to.equal(null);
    el.removeAttribute('inactive-days');
    await waitUntil(() => (el.result as ChurnResult).churn.thresholdRule !== 'given', 'auto threshold', { timeout: 30_000 });
    await settled(el);
    expect((el.result as ChurnResult).churn.inactiveDays).to.equal(90);
    expect(el.shadowRoot.querySelector('.threshold-source')!.textContent).to.contain('per-customer summary');
  });

  it('<rw-cohort-retention kind="cohort-matrix"> shows the matrix; widgets that need orders say so', async () => {
    const el = await mount('rw-cohort-retention', matrixUrl, { kind: 'cohort-matrix' });
    expect(el.status).to.equal('ready');
    // A matrix does not say where the data ends (lastDay, lastPeriodPartial): the rest is core's.
    const { lastDay: _lastDay, lastPeriodPartial: _partial, ...core } = cohortRetention(orders, { period: 'month', measure: 'customers', mode: 'on' });
    expect(canonical(el.result)).to.equal(canonical(core));
    for (const [tag, src, kind] of [['rw-lifecycle', summaryUrl, 'customer-summary'], ['rw-repurchase', matrixUrl, 'cohort-matrix']] as const) {
      const w = document.createElement(tag) as Widget;
      w.setAttribute('kind', kind);
      const error = oneEvent(w, 'rw-error');
      w.setAttribute('src', src);
      document.body.append(w);
      const detail = (await error).detail as RwErrorDetail;
      expect(detail.code, tag).to.equal('needs-orders');
      expect(detail.message, tag).to.contain('needs the order log');
      w.remove();
    }
  });
});
