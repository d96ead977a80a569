import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { churn } from '../../src/core/churn.js';
import { clv } from '../../src/core/clv.js';
import { customerSummary } from '../../src/core/customer-summary.js';
import { fitBgNbd } from '../../src/core/bg-nbd.js';
import { fitGammaGamma } from '../../src/core/gamma-gamma.js';
import { daysFromCivil } from '../../src/core/calendar.js';
import { filterOrders } from '../../src/core/filter-orders.js';
import { repurchase } from '../../src/core/repurchase.js';
import { loadOrders } from '../../src/data/index.js';
import { workerClient } from '../../src/worker/client.js';
import '../../src/widgets/kpis/index.js';
import type { KpiSelectDetail, RwKpis } from '../../src/widgets/kpis/index.js';
import type { RwErrorDetail } from '../../src/widgets/shared/events.js';
import { settled } from './helpers.js';

const CDNOW = '/data/cdnow/CDNOW_master.txt';

// window-days=10, as-of 2024-01-20: current = Jan 11–20, previous = Jan 1–10.
// Previous: a (Jan 1: 10, Jan 5: 20), b (Jan 3: 30) → 2 customers, 1 repeat (50%), AOV 20, 1.5 orders each.
// Current: a (Jan 12: 40), c (15: 10), d (18: 10), e (20: 20) → 4 customers (▲100%), 0 repeat (▼100%),
// AOV 20 (0%), 1 order each (▼33.3%). Churn, 7 days: at Jan 10 nobody (b idle exactly 7);
// at Jan 20 a (idle 8) and b → 2 of 5 = 40%. An order after as-of (Jan 25) is ignored.
const rows = [
  { customer: 'a', date: '2024-01-01', amount: 10 },
  { customer: 'b', date: '2024-01-03', amount: 30 },
  { customer: 'a', date: '2024-01-05', amount: 20 },
  { customer: 'a', date: '2024-01-12', amount: 40 },
  { customer: 'c', date: '2024-01-15', amount: 10 },
  { customer: 'd', date: '2024-01-18', amount: 10 },
  { customer: 'e', date: '2024-01-20', amount: 20 },
  { customer: 'f', date: '2024-01-25', amount: 99 },
];

function tile(el: RwKpis, key: string): { value: string; change: string; label: string; button: HTMLButtonElement } {
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-kpi="${key}"]`)!;
  return {
    button,
    label: button.querySelector('.tile-label')!.textContent!.trim(),
    value: button.querySelector('.tile-value')!.textContent!.trim(),
    change: button.querySelector('.tile-change')!.textContent!.replace(/\s+/g, ' ').trim(),
  };
}

async function selectOf(el: RwKpis, key: string): Promise<KpiSelectDetail> {
  const b = tile(el, key).button;
  setTimeout(() => b.click());
  return ((await oneEvent(el, 'rw-select')) as CustomEvent<KpiSelectDetail>).detail;
}

afterEach(() => fixtureCleanup());

describe('<rw-kpis>', () => {
  it('hand example: values, ▲/▼ with relative change, and the customers behind each tile', async () => {
    const el = await fixture<RwKpis>(html`<rw-kpis .data=${rows} window-days="10" as-of="2024-01-20" inactive-days="7" currency="USD"></rw-kpis>`);
    await settled(el);
    expect(el.status).to.equal('ready');
    expect(tile(el, 'customers').value).to.equal('4');
    expect(tile(el, 'customers').change).to.equal('▲ 100.0% vs previous window (2)');
    expect(tile(el, 'repurchaseRate').value).to.equal('0.0%');
    expect(tile(el, 'repurchaseRate').change).to.equal('▼ 100.0% vs previous window (50.0%)');
    expect(tile(el, 'aov').value).to.equal('$20.00');
    expect(tile(el, 'aov').change).to.equal('■ 0% vs previous window ($20.00)');
    expect(tile(el, 'frequency').value).to.equal('1');
    expect(tile(el, 'frequency').change).to.equal('▼ 33.3% vs previous window (1.5)');
    expect(tile(el, 'churnRate').value).to.equal('40.0%');
    expect(tile(el, 'churnRate').change).to.equal('vs previous window (0.0%)'); // no relative change from 0
    expect(el.shadowRoot!.querySelector('.tile-change.good')!.closest('button')!.dataset.kpi).to.equal('customers');
    const r = el.result!;
    expect(r.previous).to.include({ customers: 2, repeatCustomers: 1, repurchaseRate: 0.5, aov: 20, ordersPerCustomer: 1.5, churnRate: 0 });
    expect(r.current).to.include({ fromDay: daysFromCivil(2024, 1, 11), toDay: daysFromCivil(2024, 1, 20), customersToDate: 5, churnedCustomers: 2 });

    let d = await selectOf(el, 'customers');
    expect(d).to.deep.equal({ kpi: 'customers', from: '2024-01-11', to: '2024-01-20', customerIds: ['a', 'c', 'd', 'e'] });
    d = await selectOf(el, 'repurchaseRate');
    expect(d.customerIds).to.deep.equal([]);
    d = await selectOf(el, 'churnRate');
    expect(d.customerIds).to.deep.equal(['a', 'b']);
    d = await selectOf(el, 'averageClv');
    expect(d.customerIds).to.deep.equal(['a', 'b', 'c', 'd', 'e']); // not f: after as-of
  });

  it('renders CDNOW with numbers equal to core on filtered order tables, and clicks select the right ids', async () => {
    const el = await fixture<RwKpis>(html`<rw-kpis src=${CDNOW} zero-amounts="keep" duplicates="keep" currency="USD" style="width: 900px"></rw-kpis>`);
    await settled(el);
    expect(el.status).to.equal('ready');
    const { orders } = await loadOrders(new URL(CDNOW, location.href), { zeroAmounts: 'keep', duplicates: 'keep' });
    const asOf = daysFromCivil(1998, 6, 30); // SOURCE.md: the data ends 1998-06-30
    const r = el.result!;
    expect(r.asOf).to.equal(asOf);
    const inactive = churn(orders, { inactiveDays: 'auto' }).inactiveDays;
    expect(r.inactiveDays).to.equal(inactive);
    for (const [w, end] of [[r.current, asOf], [r.previous!, asOf - 90]] as const) {
      const sub = filterOrders(orders, { fromDay: end - 89, toDay: end });
      const rep = repurchase(sub);
      expect(w.customers).to.equal(rep.customers);
      expect(w.repurchaseRate).to.equal(rep.repurchaseRate);
      expect(w.aov).to.equal(rep.aov);
      expect(w.ordersPerCustomer).to.equal(rep.ordersPerCustomer);
      expect(w.churnRate).to.equal(churn(orders, { asOf: end, inactiveDays: inactive }).churnRate);
      // Brute force: distinct customers with an order day in the window.
      const ids = new Set<string>();
      for (let i = 0; i < orders.length; i++) if (orders.day[i] > end - 90 && orders.day[i] <= end) ids.add(orders.customer.values[orders.customer.codes[i]]);
      expect(w.customers).to.equal(ids.size);
    }
    // Average CLV, fitted here independently on the data up to the current end.
    const s = customerSummary(orders, { unit: 'weeks', calibrationEnd: asOf });
    const bg = fitBgNbd(s);
    const keep = [...s.frequency.keys()].filter((i) => s.frequency[i] > 0 && s.monetary[i] > 0);
    const gg = fitGammaGamma({ frequency: keep.map((i) => s.frequency[i]), monetary: keep.map((i) => s.monetary[i]) });
    const mean = clv(bg, gg, s, { horizon: 12, horizonUnit: 'months', modelUnit: 'weeks' }).mean;
    expect(r.current.averageClv).to.be.closeTo(mean, 1e-9 * mean);
    // The fit is the one <rw-churn> and <rw-clv> share (shared/model-cache.ts keys).
    // (Asked through the compute client: the cache is where the analyses run, the page or the worker.)
    expect(await workerClient().hasSharedResult(el.orders!, `fitBgNbd:weeks:asOf=${asOf}`)).to.equal(true);

    const fmt = (v: number, o: Intl.NumberFormatOptions) => new Intl.NumberFormat('en', o).format(v);
    expect(tile(el, 'customers').value).to.equal(fmt(r.current.customers, {}));
    expect(tile(el, 'repurchaseRate').value).to.equal(fmt(r.current.repurchaseRate, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }));
    expect(tile(el, 'aov').value).to.equal(fmt(r.current.aov, { style: 'currency', currency: 'USD' }));
    expect(tile(el, 'averageClv').value).to.equal(fmt(mean, { style: 'currency', currency: 'USD' }));
    expect(tile(el, 'churnRate').value).to.equal(fmt(r.current.churnRate, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }));
    const rel = (r.current.customers - r.previous!.customers) / r.previous!.customers;
    expect(tile(el, 'customers').change).to.contain(`${rel > 0 ? '▲' : '▼'} ${fmt(Math.abs(rel), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })}`);

    const sel = await selectOf(el, 'customers');
    expect(sel.from).to.equal('1998-04-02');
    expect(sel.customerIds).to.have.length(r.current.customers);
    const repeat = await selectOf(el, 'repurchaseRate');
    expect(repeat.customerIds).to.have.length(r.current.repeatCustomers);
    const churned = await selectOf(el, 'churnRate');
    expect(churned.customerIds).to.have.length(r.current.churnedCustomers);
  });

  it('zh-CN labels; CSV export equals the tiles table', async () => {
    const el = await fixture<RwKpis>(html`<rw-kpis .data=${rows} window-days="10" as-of="2024-01-20" inactive-days="7"></rw-kpis>`);
    await settled(el);
    const lines = el.toCsv()!.trimEnd().split('\r\n');
    expect(lines).to.deep.equal([
      'Metric,Current window 2024-01-11–2024-01-20,Previous window 2024-01-01–2024-01-10,Relative change',
      'Customers,4,2,1',
      'Repurchase rate,0,0.5,-1',
      'Average order value,20,20,0',
      'Purchase frequency,1,1.5,' + String((1 - 1.5) / 1.5),
      'Churn rate,0.4,0,',
      `Average CLV,${Number.isFinite(el.result!.current.averageClv) ? el.result!.current.averageClv : ''},${Number.isFinite(el.result!.previous!.averageClv) ? el.result!.previous!.averageClv : ''},${Number.isFinite((el.result!.current.averageClv - el.result!.previous!.averageClv) / el.result!.previous!.averageClv) ? (el.result!.current.averageClv - el.result!.previous!.averageClv) / el.result!.previous!.averageClv : ''}`,
    ]);
    el.lang = 'zh-CN';
    await el.updateComplete;
    expect(tile(el, 'repurchaseRate').label).to.equal('复购率');
    expect(tile(el, 'aov').label).to.equal('客单价');
    expect(tile(el, 'churnRate').label).to.equal('流失率');
    expect(tile(el, 'customers').change).to.contain('较上一窗口');
    expect(el.shadowRoot!.querySelector('[part=caption]')!.textContent).to.contain('2024年1月11日');
    expect(el.toCsv()!.split('\r\n')[0]).to.contain('指标');
  });

  it('error states: no customer column, and an invalid as-of', async () => {
    const errors: RwErrorDetail[] = [];
    const bad = [{ InvoiceNo: '1', InvoiceDate: '2010-12-01', Price: 2 }];
    const el = await fixture<RwKpis>(html`<rw-kpis .data=${bad} @rw-error=${(e: CustomEvent<RwErrorDetail>) => errors.push(e.detail)}></rw-kpis>`);
    await settled(el);
    expect(el.status).to.equal('error');
    expect(errors[0].code).to.equal('no-customer-column');
    const el2 = await fixture<RwKpis>(html`<rw-kpis .data=${rows} as-of="2024-02-31"></rw-kpis>`);
    await settled(el2);
    expect(el2.status).to.equal('error');
    expect(el2.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('as-of="2024-02-31" is not a date');
    el2.asOf = '2024-01-20';
    await settled(el2);
    expect(el2.status).to.equal('ready');
  });

  it('fits 320 px without overflowing the host', async () => {
    const el = await fixture<RwKpis>(html`<rw-kpis .data=${rows} window-days="10" as-of="2024-01-20" currency="CNY" lang="zh-CN" style="width: 320px"></rw-kpis>`);
    await settled(el);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    for (const b of el.shadowRoot!.querySelectorAll<HTMLElement>('button.tile')) expect(b.scrollWidth).to.be.at.most(b.clientWidth + 1);
  });
});
