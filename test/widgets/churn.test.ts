import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { bgNbdConditionalExpectedPurchases, bgNbdPAlive, fitBgNbd } from '../../src/core/bg-nbd.js';
import { isoDate, periodKey, periodIndex } from '../../src/core/calendar.js';
import { churn } from '../../src/core/churn.js';
import { customerSummary } from '../../src/core/customer-summary.js';
import type { OrderTable } from '../../src/core/order-table.js';
import '../../src/widgets/churn/index.js';
import type { ChurnSelectDetail, RwChurn } from '../../src/widgets/churn/index.js';
import type { RwErrorDetail } from '../../src/widgets/shared/events.js';
import { workerClient } from '../../src/worker/client.js';
import { settled } from './helpers.js';

const MASTER = '/data/cdnow/CDNOW_master.txt';

async function cdnow(extra = html``): Promise<RwChurn> {
  const el = await fixture<RwChurn>(html`<div style="width: 900px">
    <rw-churn src=${MASTER} zero-amounts="keep" duplicates="keep">${extra}</rw-churn>
  </div>`);
  const w = el.querySelector('rw-churn') as RwChurn;
  await settled(w);
  return w;
}

/**
 * Brute-force churn events: per customer, the sorted distinct purchase days up to asOf; an event on
 * a + inactive + 1 for every gap longer than inactive + 1 days, and after the last purchase if
 * asOf − last > inactive. Returns the ids with an event in the month `key`.
 */
function bruteChurnedInMonth(orders: OrderTable, asOf: number, inactive: number, key: string): string[] {
  const days = new Map<number, number[]>();
  for (let i = 0; i < orders.length; i++) {
    if (orders.day[i] > asOf) continue;
    const c = orders.customer.codes[i];
    let list = days.get(c);
    if (!list) days.set(c, (list = []));
    if (list[list.length - 1] !== orders.day[i]) list.push(orders.day[i]);
  }
  const out: string[] = [];
  for (const [c, list] of days) {
    const events: number[] = [];
    for (let k = 1; k < list.length; k++) if (list[k] - list[k - 1] > inactive + 1) events.push(list[k - 1] + inactive + 1);
    const last = list[list.length - 1];
    if (asOf - last > inactive) events.push(last + inactive + 1);
    if (events.some((e) => e <= asOf && periodKey('month', periodIndex('month', e)) === key)) out.push(orders.customer.values[c]);
  }
  return out.sort();
}

afterEach(() => fixtureCleanup());

describe('<rw-churn>', () => {
  it('renders CDNOW: the chart equals core churn, the fit equals fitBgNbd, the at-risk list equals an independent filter + sort', async () => {
    const el = await cdnow();
    expect(el.status).to.equal('ready');
    const orders = el.orders!;
    const asOf = orders.day[orders.length - 1];
    const expected = churn(orders, { inactiveDays: 'auto', period: 'month' });
    const points = el.chartView!.data('points') as { period: string; churnRate: number; activeAtStart: number; churned: number }[];
    expect(points.map((p) => [p.period, p.churnRate, p.activeAtStart, p.churned])).to.deep.equal(
      expected.perPeriod.map((r) => [r.period, r.churnRate, r.activeAtStart, r.churned]),
    );
    expect(points).to.have.length(18); // 1997-01 … 1998-06
    const source = el.shadowRoot!.querySelector<HTMLElement>('.threshold-source')!;
    expect(Number(source.dataset.inactiveDays)).to.equal(expected.inactiveDays);
    expect(source.textContent).to.contain(`${expected.inactiveDays} days, derived: 90th percentile`);
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[type=number]')!.value).to.equal(String(expected.inactiveDays));

    // The fit: core's fitBgNbd on the weekly summary as of the last day (every CDNOW T > 0).
    const summary = customerSummary(orders, { unit: 'weeks', calibrationEnd: asOf });
    expect(summary.length).to.equal(23570);
    const fit = fitBgNbd(summary);
    expect([el.result!.fit.r, el.result!.fit.alpha, el.result!.fit.a, el.result!.fit.b]).to.deep.equal([fit.r, fit.alpha, fit.a, fit.b]);

    // The at-risk list by brute force: P(alive) < 0.5, value lost = (1 − P) · E[Y(30/7) | alive] · revenue / purchase days.
    const t = 30 / 7;
    const rows: { id: string; p: number; next: number; lost: number; orders: number; last: number }[] = [];
    for (let i = 0; i < summary.length; i++) {
      const [x, tx, T] = [summary.frequency[i], summary.recency[i], summary.T[i]];
      const p = bgNbdPAlive(fit, x, tx, T);
      if (!(p < 0.5)) continue;
      const ifAlive = bgNbdConditionalExpectedPurchases(fit, t, x, T, T) / bgNbdPAlive(fit, x, T, T);
      const lost = (1 - p) * ifAlive * (summary.revenue[i] / summary.purchaseDays[i]);
      rows.push({ id: summary.customerId[i], p, next: bgNbdConditionalExpectedPurchases(fit, t, x, tx, T), lost, orders: summary.orders[i], last: summary.lastDay[i] });
    }
    rows.sort((u, v) => v.lost - u.lost || (u.id < v.id ? -1 : 1));
    expect(rows.length).to.be.greaterThan(1000);
    const trs = [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('table.list tbody tr')];
    expect(trs).to.have.length(50);
    expect(trs.map((r) => r.dataset.customer)).to.deep.equal(rows.slice(0, 50).map((r) => r.id));
    trs.forEach((tr, k) => {
      expect(Number(tr.dataset.pAlive)).to.be.closeTo(rows[k].p, 1e-12);
      expect(Number(tr.dataset.expected)).to.be.closeTo(rows[k].next, 1e-9);
      expect(Number(tr.dataset.valueLost)).to.be.closeTo(rows[k].lost, 1e-9 * rows[k].lost);
    });
    const cells = [...trs[0].querySelectorAll('td')].map((td) => td.textContent!.trim());
    expect(cells[1]).to.equal(String(rows[0].orders));
    const [y, m, d] = isoDate(rows[0].last).split('-').map(Number);
    expect(cells[0]).to.equal(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d)));
    expect(el.shadowRoot!.querySelector('.count')!.textContent).to.contain(`Showing 50 of ${rows.length.toLocaleString('en')}`);
  });

  it('a churn-rate point (hidden-table button and a real mouse click) selects the customers who churned in that period', async () => {
    const el = await cdnow();
    const orders = el.orders!;
    const c = el.result!.churn;
    const row = c.perPeriod.find((r) => r.period === '1997-10')!;
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-period="1997-10"]')!;
    setTimeout(() => button.click());
    const ev = (await oneEvent(el, 'rw-select')) as CustomEvent<ChurnSelectDetail>;
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail.kind).to.equal('period');
    const ids = [...ev.detail.customerIds].sort();
    expect(ids).to.have.length(row.churned);
    expect(ids).to.deep.equal(bruteChurnedInMonth(orders, c.asOf, c.inactiveDays, '1997-10'));

    // Real click on the point of 1998-02: its SVG path (Vega draws one path per symbol, in data order).
    const k = c.perPeriod.findIndex((r) => r.period === '1998-02');
    const symbol = el.shadowRoot!.querySelectorAll<SVGPathElement>('.chart svg g.mark-symbol path')[k];
    symbol.scrollIntoView({ block: 'center' });
    const box = symbol.getBoundingClientRect();
    const got = oneEvent(el, 'rw-select') as Promise<CustomEvent<ChurnSelectDetail>>;
    await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
    const ev2 = await got;
    expect(ev2.detail).to.include({ kind: 'period', period: '1998-02' });
    expect([...ev2.detail.customerIds].sort()).to.deep.equal(bruteChurnedInMonth(orders, c.asOf, c.inactiveDays, '1998-02'));
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('select-all and a row button emit the at-risk ids', async () => {
    const el = await cdnow();
    const r = el.result!;
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('.select-all')!.click());
    const all = (await oneEvent(el, 'rw-select')) as CustomEvent<ChurnSelectDetail>;
    expect(all.detail.kind).to.equal('at-risk');
    expect(all.detail.customerIds).to.deep.equal(Array.from(r.atRisk, (i) => r.input.customerId[i]));
    expect(all.detail.customerIds.every((id) => r.pAlive[r.input.customerId.indexOf(id)] < 0.5)).to.equal(true);
    const third = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('table.list tbody button')[2];
    setTimeout(() => third.click());
    const one = (await oneEvent(el, 'rw-select')) as CustomEvent<ChurnSelectDetail>;
    expect(one.detail).to.deep.equal({ kind: 'customer', customerId: r.input.customerId[r.atRisk[2]], customerIds: [r.input.customerId[r.atRisk[2]]] });
  });

  it('the threshold inputs recompute; Auto restores the derived value; p-alive-below and limit apply', async () => {
    const el = await cdnow();
    const orders = el.orders!;
    const fitBefore = el.result!.fit;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=number]')!;
    input.value = '60';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => el.result?.churn.inactiveDays === 60 && el.status === 'ready', 'recomputed with 60 days', { timeout: 60_000 });
    await el.updateComplete;
    expect(el.getAttribute('inactive-days')).to.equal('60');
    const expected = churn(orders, { inactiveDays: 60, period: 'month' });
    expect((el.chartView!.data('points') as { churnRate: number }[]).map((p) => p.churnRate)).to.deep.equal(expected.perPeriod.map((r) => r.churnRate));
    expect(el.shadowRoot!.querySelector('.threshold-source')!.textContent).to.contain('60 days, set by you');
    // The shared fit is reused, not refitted: it is cached for this table where the analyses run (the
    // page, or the compute worker), and the result carries it: the very same object in-thread, an
    // equal copy from the worker (replies are structured clones).
    expect(await workerClient().hasSharedResult(orders, `fitBgNbd:${el.result!.params.unit}:asOf=${el.result!.churn.asOf}`)).to.equal(true);
    expect(el.result!.fit).to.deep.equal(fitBefore);
    if (workerClient().mode === 'main') expect(el.result!.fit).to.equal(fitBefore);
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('input[type=number]'));

    const range = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!;
    range.value = '120';
    range.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => el.result?.churn.inactiveDays === 120 && el.status === 'ready', 'recomputed with 120 days', { timeout: 60_000 });
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.auto')!.click();
    await waitUntil(() => el.result?.params.inactiveDays === 'auto' && el.status === 'ready', 'auto again', { timeout: 60_000 });
    expect(el.result!.churn.inactiveDays).to.equal(churn(orders, { inactiveDays: 'auto' }).inactiveDays);

    el.pAliveBelow = 0.2;
    el.limit = 5;
    await waitUntil(() => el.result?.params.pAliveBelow === 0.2 && el.status === 'ready', 'recomputed', { timeout: 60_000 });
    await el.updateComplete;
    const r = el.result!;
    expect(Array.from(r.atRisk).every((i) => r.pAlive[i] < 0.2)).to.equal(true);
    expect(r.atRisk.length).to.equal(Array.from(r.pAlive).filter((p) => p < 0.2).length);
    expect(el.shadowRoot!.querySelectorAll('table.list tbody tr')).to.have.length(5);
  });

  it('exports the full at-risk list as CSV', async () => {
    const el = await cdnow();
    const r = el.result!;
    const lines = el.toCsv()!.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('Customer,Last order,Orders,P(alive),Expected purchases next month,Avg. purchase value,Expected value lost');
    expect(lines).to.have.length(r.atRisk.length + 1);
    const i = r.atRisk[0];
    expect(lines[1]).to.equal(
      [r.input.customerId[i], isoDate(r.input.lastDay[i]), r.input.orders[i], r.pAlive[i], r.expectedNext[i], r.averageValue[i], r.valueLost[i]].join(','),
    );
    expect(await el.chartImage('svg')).to.match(/^<svg/);
  });

  it('lang="zh-CN" switches labels; period="week" gives weekly points', async () => {
    const el = await cdnow();
    el.setAttribute('lang', 'zh-CN');
    await waitUntil(() => el.shadowRoot!.querySelector('.chart svg')?.textContent?.includes('每月流失率'), 'zh-CN chart title');
    expect(el.shadowRoot!.querySelector('.at-risk h3')!.textContent).to.contain('流失风险客户');
    expect(el.shadowRoot!.querySelector('.threshold-source')!.textContent).to.contain('第 90 百分位数');
    expect(el.toCsv()!.split('\r\n')[0]).to.contain('客户');
    el.period = 'week';
    await waitUntil(() => el.result?.params.period === 'week' && el.status === 'ready', 'weekly result', { timeout: 60_000 });
    await el.updateComplete;
    const expected = churn(el.orders!, { inactiveDays: 'auto', period: 'week' });
    expect((el.chartView!.data('points') as { period: string }[]).map((p) => p.period)).to.deep.equal(expected.perPeriod.map((r) => r.period));
    expect(el.result!.nextPeriod).to.equal(1); // 7 days in weeks
  });

  it('error state: no customer column; bad as-of', async () => {
    const bad = [
      { InvoiceNo: '1', InvoiceDate: '2010-12-01', Price: 2.55 },
      { InvoiceNo: '2', InvoiceDate: '2010-12-02', Price: 3.39 },
    ];
    const errors: RwErrorDetail[] = [];
    const el = await fixture<RwChurn>(html`<rw-churn .data=${bad} @rw-error=${(e: CustomEvent<RwErrorDetail>) => errors.push(e.detail)}></rw-churn>`);
    await settled(el);
    expect(el.status).to.equal('error');
    expect(errors[0].code).to.equal('no-customer-column');
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.match(/customer/i);

    const rows = [
      { customer: 'a', date: '2024-01-01', amount: 5 },
      { customer: 'a', date: '2024-02-01', amount: 5 },
      { customer: 'b', date: '2024-01-10', amount: 5 },
    ];
    const el2 = await fixture<RwChurn>(html`<rw-churn .data=${rows} as-of="2024-13-01"></rw-churn>`);
    await settled(el2);
    expect(el2.status).to.equal('error');
    expect(el2.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('as-of="2024-13-01"');
  });

  it('fits 320 px without overflowing the host', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px"><rw-churn src=${MASTER} zero-amounts="keep" duplicates="keep"></rw-churn></div>`);
    const el = wrap.querySelector('rw-churn') as RwChurn;
    await settled(el);
    await waitUntil(() => el.chartView !== undefined);
    await el.updateComplete;
    expect(el.clientWidth).to.equal(320);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    const svg = el.shadowRoot!.querySelector('.chart svg')!.getBoundingClientRect();
    expect(svg.width).to.be.at.most(321);
  });
});
