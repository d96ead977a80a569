import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { repurchase } from '../../src/core/repurchase.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { loadOrders } from '../../src/data/index.js';
import '../../src/widgets/repurchase/index.js';
import { repurchaseCustomers } from '../../src/core/repurchase-customers.js';
import type { RepurchaseSelectDetail, RwRepurchase } from '../../src/widgets/repurchase/index.js';
import type { RwErrorDetail } from '../../src/widgets/shared/events.js';
import { pagePosition, rectCenter, settled } from './helpers.js';

const CDNOW = '/data/cdnow/CDNOW_master.txt';
const RETAIL = '/data/uci-online-retail/Online%20Retail.parquet';

// By hand: a 3 orders (days 1, 1, 31 → one interval of 30 days), b 2 orders on days 5 and 12
// (interval 7), c 1 order, d 4 orders on days 2, 3, 10, 200 (intervals 1, 7, 190).
const rows = [
  { customer: 'a', date: '2024-01-01', amount: 10, order: 'o1', product: 'P1' },
  { customer: 'd', date: '2024-01-02', amount: 5, order: 'o2', product: 'P2' },
  { customer: 'a', date: '2024-01-01', amount: 20, order: 'o3', product: 'P2' },
  { customer: 'd', date: '2024-01-03', amount: 5, order: 'o4', product: 'P2' },
  { customer: 'b', date: '2024-01-05', amount: 8, order: 'o5', product: 'P1' },
  { customer: 'c', date: '2024-01-07', amount: 9, order: 'o6', product: 'P1' },
  { customer: 'd', date: '2024-01-10', amount: 5, order: 'o7', product: 'P1' },
  { customer: 'b', date: '2024-01-12', amount: 8, order: 'o8', product: 'P1' },
  { customer: 'a', date: '2024-01-31', amount: 30, order: 'o9', product: 'P1' },
  { customer: 'd', date: '2024-07-19', amount: 5, order: 'o10', product: 'P3' },
];
const fields = { customerField: 'customer', dateField: 'date', amountField: 'amount', orderField: 'order', productField: 'product' };

/** Brute-force oracle: per customer, sorted distinct purchase days and the order count, from the OrderTable rows. */
function perCustomer(orders: OrderTable): Map<string, { orders: number; days: number[] }> {
  const out = new Map<string, { orders: number; days: number[] }>();
  for (let i = 0; i < orders.length; i++) {
    const id = orders.customer.values[orders.customer.codes[i]];
    const e = out.get(id) ?? { orders: 0, days: [] };
    e.orders++;
    if (!e.days.includes(orders.day[i])) e.days.push(orders.day[i]);
    out.set(id, e);
  }
  for (const e of out.values()) e.days.sort((x, y) => x - y);
  return out;
}

function oracleFrequency(orders: OrderTable, k: number, orPlus: boolean): string[] {
  return [...perCustomer(orders)].filter(([, e]) => (orPlus ? e.orders >= k : e.orders === k)).map(([id]) => id).sort();
}

function oracleInterval(orders: OrderTable, from: number, to: number): string[] {
  return [...perCustomer(orders)]
    .filter(([, e]) => e.days.some((d, i) => i > 0 && d - e.days[i - 1] >= from && d - e.days[i - 1] < to))
    .map(([id]) => id)
    .sort();
}

function tileText(el: RwRepurchase, key: string): string {
  return el.shadowRoot!.querySelector(`[data-tile="${key}"] .tile-value`)!.textContent!.trim();
}

function svgText(el: RwRepurchase, part: string): string {
  return [...el.shadowRoot!.querySelectorAll(`${part} svg text`)].map((t) => t.textContent).join('|');
}

afterEach(() => fixtureCleanup());

describe('repurchase-customers helpers', () => {
  it('match the hand-made example and the brute-force oracle', async () => {
    const { orders } = await loadOrders(rows, { mapping: { customer: 'customer', date: 'date', amount: 'amount', order: 'order', product: 'product' } });
    expect(repurchaseCustomers(orders, { kind: 'frequency', orders: 1, orPlus: false })).to.deep.equal(['c']);
    expect(repurchaseCustomers(orders, { kind: 'frequency', orders: 2, orPlus: false })).to.deep.equal(['b']);
    expect(repurchaseCustomers(orders, { kind: 'frequency', orders: 3, orPlus: true }).sort()).to.deep.equal(['a', 'd']);
    expect(repurchaseCustomers(orders, { kind: 'cycle', fromDays: 7, toDays: 14 }).sort()).to.deep.equal(['b', 'd']);
    expect(repurchaseCustomers(orders, { kind: 'cycle', fromDays: 30, toDays: 60 })).to.deep.equal(['a']);
    expect(repurchaseCustomers(orders, { kind: 'cycle', fromDays: 180, toDays: null })).to.deep.equal(['d']);
    expect(repurchaseCustomers(orders, { kind: 'cycle', fromDays: 0, toDays: 1 })).to.deep.equal([]); // same-day orders are one purchase day
    expect(repurchaseCustomers(orders, { kind: 'product', item: 'P1' }).sort()).to.deep.equal(['a', 'b']);
    expect(repurchaseCustomers(orders, { kind: 'product', item: 'P2' })).to.deep.equal(['d']); // a bought P2 once, d on 2 days
    expect(repurchaseCustomers(orders, { kind: 'product', item: 'nope' })).to.deep.equal([]);
    expect(repurchaseCustomers(orders, { kind: 'category', item: 'P1' })).to.deep.equal([]); // no category column
    // Core agrees on the counts.
    const r = repurchase(orders);
    expect(r.byProduct!.find((p) => p.product === 'P1')!.repeatBuyers).to.equal(2);
    expect(r.frequencyDistribution.slice(0, 4).map((f) => f.customers)).to.deep.equal([1, 1, 1, 1]);
  });

  it('on CDNOW: frequency buckets and every histogram bin match the oracle and core counts', async () => {
    const { orders } = await loadOrders(new URL(CDNOW, location.href), { zeroAmounts: 'keep', duplicates: 'keep' });
    const r = repurchase(orders);
    for (const f of r.frequencyDistribution) {
      const ids = repurchaseCustomers(orders, { kind: 'frequency', orders: f.orders, orPlus: f.orPlus });
      expect(ids.length, `bucket ${f.orders}`).to.equal(f.customers);
    }
    expect(repurchaseCustomers(orders, { kind: 'frequency', orders: 3, orPlus: false }).sort()).to.deep.equal(oracleFrequency(orders, 3, false));
    const { binDays } = r.intervalDays.histogram;
    for (let i = 0; i < binDays.length; i++) {
      const to = binDays[i + 1] ?? Infinity;
      const ids = repurchaseCustomers(orders, { kind: 'cycle', fromDays: binDays[i], toDays: binDays[i + 1] ?? null });
      expect(ids.sort(), `bin ${binDays[i]}`).to.deep.equal(oracleInterval(orders, binDays[i], to));
      if (r.intervalDays.histogram.counts[i] > 0) expect(ids.length).to.be.greaterThan(0).and.at.most(r.intervalDays.histogram.counts[i]);
    }
  });
});

describe('<rw-repurchase>', () => {
  it('renders CDNOW: tiles, Vega datasets and hidden tables equal core repurchase()', async () => {
    const el = await fixture<RwRepurchase>(html`<rw-repurchase src=${CDNOW} zero-amounts="keep" duplicates="keep" currency="USD" style="width: 800px"></rw-repurchase>`);
    await settled(el);
    expect(el.status).to.equal('ready');
    const { orders } = await loadOrders(new URL(CDNOW, location.href), { zeroAmounts: 'keep', duplicates: 'keep' });
    const r = repurchase(orders, { period: 'month', withinDays: 30 });
    expect(el.result).to.deep.equal(r);
    // SOURCE.md: 23,570 customers; 11,516 bought on 2+ distinct days.
    expect(r.customers).to.equal(23570);
    expect(r.repeatPurchaseDayCustomers).to.equal(11516);
    expect(tileText(el, 'customers')).to.equal('23,570');
    expect(tileText(el, 'repeatCustomers')).to.equal(r.repeatCustomers.toLocaleString('en-US'));
    expect(tileText(el, 'repurchaseRate')).to.equal(`${(r.repurchaseRate * 100).toFixed(1)}%`);
    // SOURCE.md: $2,500,315.63 over 69,659 orders.
    expect(r.aov).to.be.closeTo(2500315.63 / 69659, 1e-9);
    expect(tileText(el, 'aov')).to.equal(`$${(2500315.63 / 69659).toFixed(2)}`);
    expect(tileText(el, 'ordersPerCustomer')).to.equal((69659 / 23570).toFixed(2));
    expect(tileText(el, 'medianCycle')).to.equal(`${r.intervalDays.median.toLocaleString('en-US', { maximumFractionDigits: 1 })} d`);
    expect(tileText(el, 'timeToSecond')).to.equal(`${r.timeToSecondOrder.median.toLocaleString('en-US', { maximumFractionDigits: 1 })} d`);

    const trend = el.trendView!.data('trend') as { period: string; measure: string; share: number; buyers: number }[];
    expect(trend.filter((p) => p.measure === 'withinNDays').map((p) => [p.period, p.share, p.buyers])).to.deep.equal(
      r.perPeriod.map((p) => [p.period, p.repeatedWithinNDays, p.buyers]),
    );
    expect(trend.filter((p) => p.measure === 'withinPeriod').map((p) => p.share)).to.deep.equal(r.perPeriod.map((p) => p.repeatedWithinPeriod));
    const bins = el.cycleView!.data('bins') as { fromDays: number; count: number }[];
    expect(bins.map((b) => b.count)).to.deep.equal(r.intervalDays.histogram.counts);
    expect(bins.map((b) => b.fromDays)).to.deep.equal(r.intervalDays.histogram.binDays);
    const rules = el.cycleView!.data('rules') as { name: string; days: number }[];
    expect(rules.map((x) => [x.name, x.days])).to.deep.equal([['p25', r.intervalDays.p25], ['median', r.intervalDays.median], ['p75', r.intervalDays.p75]]);
    const bars = el.frequencyView!.data('frequency') as { orders: number; customers: number }[];
    expect(bars.map((b) => [b.orders, b.customers])).to.deep.equal(r.frequencyDistribution.map((f) => [f.orders, f.customers]));
    expect(bars.reduce((s, b) => s + b.customers, 0)).to.equal(23570);
    // Hidden tables: one button per bin / bar carrying core's counts.
    const binButtons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[data-kind=cycle]')];
    expect(binButtons.map((b) => Number(b.dataset.count))).to.deep.equal(r.intervalDays.histogram.counts);
    const freqButtons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[data-kind=frequency]')];
    expect(freqButtons.map((b) => Number(b.dataset.count))).to.deep.equal(r.frequencyDistribution.map((f) => f.customers));
    expect(el.shadowRoot!.querySelectorAll('table[data-table=trend] tbody tr')).to.have.length(r.perPeriod.length);
    expect(el.shadowRoot!.querySelector('[part=items]')).to.equal(null); // no product column
    expect(svgText(el, '.cycle')).to.contain('Median');
  });

  it('a real click on a frequency bar and a hidden-table bin button emit rw-select with the right ids', async () => {
    const el = await fixture<RwRepurchase>(html`<rw-repurchase .data=${rows} customer-field="customer" date-field="date" amount-field="amount" order-field="order" style="width: 640px"></rw-repurchase>`);
    await settled(el);
    const view = el.frequencyView!;
    const found = rectCenter(view, (d) => d.orders === 4);
    expect(found, 'bar in scenegraph').to.not.equal(undefined);
    // The third chart may lie below the fold: mouse positions are viewport coordinates.
    el.shadowRoot!.querySelector('.frequency')!.scrollIntoView({ block: 'center' });
    const got = oneEvent(el, 'rw-select') as Promise<CustomEvent<RepurchaseSelectDetail>>;
    await sendMouse({ type: 'click', position: pagePosition(view, el.shadowRoot!.querySelector('.frequency svg')!, found!) });
    const ev = await got;
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail).to.deep.equal({ kind: 'frequency', orders: 4, orPlus: false, customerIds: ['d'] });
    await sendMouse({ type: 'move', position: [0, 0] });

    const bin = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-kind=cycle][data-from="7"]')!;
    setTimeout(() => bin.click());
    const ev2 = (await oneEvent(el, 'rw-select')) as CustomEvent<RepurchaseSelectDetail>;
    expect(ev2.detail).to.deep.equal({ kind: 'cycle', fromDays: 7, toDays: 14, customerIds: ['d', 'b'] });
    const last = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-kind=cycle][data-from="365"]')!;
    setTimeout(() => last.click());
    const ev3 = (await oneEvent(el, 'rw-select')) as CustomEvent<RepurchaseSelectDetail>;
    expect(ev3.detail).to.deep.equal({ kind: 'cycle', fromDays: 365, toDays: null, customerIds: [] });
  });

  it('product-field: the top products table equals core byProduct, a row selects its repeat buyers (Online Retail)', async () => {
    const el = await fixture<RwRepurchase>(
      html`<rw-repurchase src=${RETAIL} customer-field="CustomerID" order-field="InvoiceNo" date-field="InvoiceDate" amount-field="Quantity*UnitPrice" product-field="StockCode" currency="GBP" style="width: 900px"></rw-repurchase>`,
    );
    await settled(el);
    expect(el.status).to.equal('ready');
    const r = el.result!;
    const { orders } = await loadOrders(new URL(RETAIL, location.href), { mapping: { customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', amount: 'Quantity*UnitPrice', product: 'StockCode' } });
    const expected = repurchase(orders, { period: 'month', withinDays: 30 });
    expect(r.byProduct!.slice(0, 10)).to.deep.equal(expected.byProduct!.slice(0, 10));
    expect(r.customers).to.equal(expected.customers);
    const trs = [...el.shadowRoot!.querySelectorAll('table[data-items=product] tbody tr')];
    expect(trs).to.have.length(10);
    const top = expected.byProduct![0];
    expect(trs[0].querySelector('button')!.textContent!.trim()).to.equal(top.product);
    expect([...trs[0].querySelectorAll('td')].map((td) => td.textContent!.trim())).to.deep.equal([
      top.buyers.toLocaleString('en-US'),
      top.repeatBuyers.toLocaleString('en-US'),
      `${(top.repurchaseRate * 100).toFixed(1)}%`,
      `${top.medianCycleDays.toLocaleString('en-US', { maximumFractionDigits: 1 })} d`,
    ]);
    expect(tileText(el, 'aov')).to.match(/^£/);
    setTimeout(() => trs[0].querySelector('button')!.click());
    const ev = (await oneEvent(el, 'rw-select')) as CustomEvent<RepurchaseSelectDetail>;
    expect(ev.detail.kind).to.equal('product');
    expect((ev.detail as { item: string }).item).to.equal(top.product);
    expect(ev.detail.customerIds).to.have.length(top.repeatBuyers);
    // Oracle: customers with the product on 2+ distinct days, straight from the lines.
    const lines = orders.lines!;
    const code = lines.product!.values.indexOf(top.product);
    const daysOf = new Map<string, Set<number>>();
    for (let j = 0; j < lines.length; j++) {
      if (lines.product!.codes[j] !== code) continue;
      const row = lines.order[j];
      const id = orders.customer.values[orders.customer.codes[row]];
      (daysOf.get(id) ?? daysOf.set(id, new Set()).get(id)!).add(orders.day[row]);
    }
    expect([...ev.detail.customerIds].sort()).to.deep.equal([...daysOf].filter(([, s]) => s.size >= 2).map(([id]) => id).sort());
  });

  it('period and within-days recompute; lang="zh-CN" switches tiles and chart labels', async () => {
    const el = await fixture<RwRepurchase>(html`<rw-repurchase .data=${rows} customer-field="customer" date-field="date" amount-field="amount" order-field="order"></rw-repurchase>`);
    await settled(el);
    expect(svgText(el, '.trend')).to.contain('Repurchase rate by month');
    el.setAttribute('within-days', '7');
    el.period = 'week';
    await waitUntil(() => el.result?.period === 'week' && el.result.withinDays === 7 && el.status === 'ready');
    await el.updateComplete;
    const { orders } = await loadOrders(rows, { mapping: { customer: 'customer', date: 'date', amount: 'amount', order: 'order' } });
    expect(el.result).to.deep.equal(repurchase(orders, { period: 'week', withinDays: 7 }));
    expect(svgText(el, '.trend')).to.contain('Bought again within 7 days');
    el.lang = 'zh-CN';
    await el.updateComplete;
    const tiles = el.shadowRoot!.querySelector('[part=tiles]')!.textContent!;
    expect(tiles).to.contain('复购率');
    expect(tiles).to.contain('客单价');
    expect(svgText(el, '.trend')).to.contain('各周复购率');
    expect(svgText(el, '.cycle')).to.contain('复购周期');
    expect(svgText(el, '.frequency')).to.contain('复购频率');
    expect(tileText(el, 'medianCycle')).to.match(/天$/);
    expect(el.toCsv()!.split('\r\n')[0]).to.contain('周期');
  });

  it('CSV export equals the per-period table; charts export as SVG', async () => {
    const el = await fixture<RwRepurchase>(html`<rw-repurchase .data=${rows} customer-field="customer" date-field="date" amount-field="amount" order-field="order"></rw-repurchase>`);
    await settled(el);
    const lines = el.toCsv()!.trimEnd().split('\r\n');
    expect(lines[0]).to.equal(
      'Period,Buyers,Bought again: Bought again within 30 days,Bought again within 30 days,Bought again: Bought again in the same month,Bought again in the same month,Partial period,Window censored',
    );
    const r = el.result!;
    expect(lines.slice(1)).to.deep.equal(
      r.perPeriod.map((p) => [p.period, p.buyers, p.repeatersWithinNDays, p.repeatedWithinNDays, p.repeatersWithinPeriod, p.repeatedWithinPeriod, p.partial, p.windowCensored].join(',')),
    );
    // January: buyers a, b, c, d; a (day 1 → 31), b (5 → 12), d (2 → 3) bought again within 30 days and in January.
    expect(lines[1]).to.equal('2024-01,4,3,0.75,3,0.75,false,false');
    expect(await el.chartImage('svg', 1)).to.match(/^<svg/);
    expect([...el.shadowRoot!.querySelectorAll('[part=export] button')]).to.have.length(7);
  });

  it('error state: data with no customer column', async () => {
    const bad = [
      { InvoiceNo: '1', InvoiceDate: '2010-12-01', Price: 2.55 },
      { InvoiceNo: '2', InvoiceDate: '2010-12-02', Price: 3.39 },
    ];
    const errors: RwErrorDetail[] = [];
    const el = await fixture<RwRepurchase>(html`<rw-repurchase .data=${bad} @rw-error=${(e: CustomEvent<RwErrorDetail>) => errors.push(e.detail)}></rw-repurchase>`);
    await settled(el);
    expect(el.status).to.equal('error');
    expect(errors[0].code).to.equal('no-customer-column');
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain(errors[0].message);
    expect(el.shadowRoot!.querySelector('[part=tiles]')).to.equal(null);
  });

  it('fits 320 px without overflowing the host', async () => {
    const el = await fixture<RwRepurchase>(
      html`<rw-repurchase .data=${rows} customer-field="customer" date-field="date" amount-field="amount" order-field="order" product-field="product" currency="USD" style="width: 320px"></rw-repurchase>`,
    );
    await settled(el);
    await waitUntil(() => el.trendView !== undefined && el.cycleView !== undefined);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    await el.updateComplete;
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    const base = el.shadowRoot!.querySelector<HTMLElement>('.base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    for (const svg of el.shadowRoot!.querySelectorAll('.chart svg')) expect(svg.getBoundingClientRect().width).to.be.at.most(321);
  });
});
