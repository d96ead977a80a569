import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { breakdown, breakdownCustomers, OTHER_KEY } from '../../src/core/breakdown.js';
import { daysFromCivil, isoDate, periodIndex, periodStart } from '../../src/core/calendar.js';
import { churn } from '../../src/core/churn.js';
import { customerCodesOf, filterOrders } from '../../src/core/filter-orders.js';
import { lifecycle, LIFECYCLE_STAGES } from '../../src/core/lifecycle.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { repurchase } from '../../src/core/repurchase.js';
import { rfm } from '../../src/core/rfm.js';
import { segmentRates } from '../../src/core/segment-rates.js';
import type { SegmentComparisonResult } from '../../src/analyses/segment-comparison.js';
import type { ClvAnalysis } from '../../src/analyses/clv-analysis.js';
import '../../src/index.js';
import type { RwOrders } from '../../src/widgets/orders/index.js';
import type { RwRepurchase } from '../../src/widgets/repurchase/index.js';
import type { SegmentSelectDetail } from '../../src/widgets/shared/events.js';
import { settled } from './helpers.js';

const CHANNELS = ['tmall', 'jd', 'app', 'store'];

/**
 * Seeded orders of `customers` customers over 2023–2024, one order per purchase day, each order on a
 * channel: a customer mostly stays on their first channel (so `assign` matters a little), and app
 * customers buy again sooner (so the flags have something to find).
 */
function rows(customers = 400, seed = 11): { customer: string; date: string; amount: number; channel: string }[] {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const start = daysFromCivil(2023, 1, 1);
  const out: { customer: string; date: string; amount: number; channel: string; day: number }[] = [];
  for (let c = 0; c < customers; c++) {
    const home = CHANNELS[Math.floor(rand() * CHANNELS.length)];
    const meanGap = home === 'app' ? 15 : 60;
    const spend = 10 + 200 * rand() * rand(); // each customer their own typical order value (Gamma-Gamma's story)
    // BG/NBD's story: exponential gaps while alive, a drop-out chance after each purchase.
    let day = start + Math.floor(rand() * 600);
    while (day < start + 730) {
      const channel = rand() < 0.85 ? home : CHANNELS[Math.floor(rand() * CHANNELS.length)];
      out.push({ customer: `c${c}`, date: isoDate(day), amount: Math.round(spend * (0.5 + rand()) * 100) / 100, channel, day });
      if (rand() < 0.3) break;
      day += 1 + Math.floor(-Math.log(1 - rand()) * meanGap);
    }
  }
  out.sort((a, b) => a.day - b.day);
  return out.map(({ day: _day, ...r }) => r);
}

const DATA = rows();

type AnyWidget = HTMLElement & {
  status: string;
  orders: OrderTable | undefined;
  result: unknown;
  breakdownResult: SegmentComparisonResult | undefined;
  updateComplete: Promise<unknown>;
  data: unknown;
};

async function widget(tag: string, attrs: Record<string, string> = {}): Promise<AnyWidget> {
  const el = document.createElement(tag) as AnyWidget;
  el.setAttribute('breakdown', 'channel');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.data = DATA;
  const host = await fixture(html`<div style="width: 720px"></div>`);
  host.append(el);
  await settled(el);
  await el.updateComplete;
  expect(el.status).to.equal('ready');
  expect(el.breakdownResult, 'segment comparison computed').to.not.equal(undefined);
  return el;
}

/** The segment table's rows: key, customers and per metric the value as rendered in data-value. */
function tableRows(el: HTMLElement): { key: string; customers: number; values: Record<string, number> }[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('.segments tbody tr[data-segment]')].map((tr) => {
    const values: Record<string, number> = {};
    for (const td of tr.querySelectorAll<HTMLElement>('td[data-metric]')) values[td.dataset.metric!] = Number(td.dataset.value);
    return { key: tr.dataset.segment!, customers: Number(tr.querySelector<HTMLElement>('td[data-customers]')!.dataset.customers), values };
  });
}

/** Checks rows = segments of `breakdown` (keys, customers, sum) and returns that breakdown. */
function expectOneRowPerChannel(el: AnyWidget) {
  const b = breakdown(el.orders!, { by: 'channel', top: 10 });
  const shown = tableRows(el);
  expect(shown.map((r) => r.key)).to.deep.equal(b.segments.map((s) => s.key));
  expect(shown.map((r) => r.key).sort()).to.deep.equal([...CHANNELS].sort());
  expect(shown.map((r) => r.customers)).to.deep.equal(b.segments.map((s) => s.customers));
  expect(shown.reduce((t, r) => t + r.customers, 0)).to.equal(new Set(DATA.map((r) => r.customer)).size);
  return { b, shown };
}

const close = (a: number, b: number) => expect(a).to.be.closeTo(b, 1e-9);

afterEach(() => fixtureCleanup());

describe('breakdown="channel" on every analysis widget', function () {
  this.timeout(120_000);

  it('<rw-repurchase>: repurchase rate of each segment table, and bought-again-within-N-days as segmentRates', async () => {
    const el = await widget('rw-repurchase', { 'within-days': '60' });
    const { b, shown } = expectOneRowPerChannel(el);
    const rates = segmentRates(el.orders!, { by: 'channel', top: 10, target: 'repurchase', withinDays: 60 });
    b.segments.forEach((s, i) => {
      const r = repurchase(s.orders, { withinDays: 60 });
      close(shown[i].values.repurchaseRate, r.repeatCustomers / r.customers);
      close(shown[i].values.repurchaseWithinDays, rates.segments[i].rate);
    });
    // The planted effect: app customers buy again more often, and the table says so.
    const app = el.breakdownResult!.segments.findIndex((s) => s.key === 'app');
    const within = el.breakdownResult!.metrics.find((c) => c.metric === 'repurchaseWithinDays')!;
    expect(within.values[app].differs).to.equal('higher');
    expect(el.shadowRoot!.querySelector(`.segments tr[data-segment="app"] .flag`)!.textContent).to.contain('↑');
  });

  it('a row click (and Enter on its button) fires rw-select with exactly breakdownCustomers', async () => {
    const el = await widget('rw-repurchase');
    for (const key of ['jd', 'store']) {
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>(`.segments button[data-segment="${key}"]`)!;
      const event = oneEvent(el, 'rw-select');
      button.click();
      const detail = (await event).detail as SegmentSelectDetail;
      expect(detail.segment).to.equal(key);
      expect(detail.by).to.equal('channel');
      expect(detail.customerIds).to.deep.equal(breakdownCustomers(el.orders!, { by: 'channel', top: 10, key }));
      expect(detail.customerIds.length).to.be.greaterThan(0);
    }
  });

  it('<rw-churn>: churn rate of each segment table at the whole table\'s as-of and threshold', async () => {
    const el = await widget('rw-churn');
    const { b, shown } = expectOneRowPerChannel(el);
    const column = el.breakdownResult!.metrics[0];
    const all = churn(el.orders!, { inactiveDays: 'auto' });
    expect(column.inactiveDays).to.equal(all.inactiveDays);
    b.segments.forEach((s, i) => close(shown[i].values.churnRate, churn(s.orders, { inactiveDays: all.inactiveDays, asOf: all.asOf }).churnRate));
  });

  it('<rw-cohort-retention>: retention at periods 1–3 equals a per-customer count over complete cohorts', async () => {
    const el = await widget('rw-cohort-retention');
    const { b, shown } = expectOneRowPerChannel(el);
    const orders = el.orders!;
    const lastDay = orders.day[orders.length - 1];
    const lastIdx = periodIndex('month', lastDay);
    const lastComplete = periodStart('month', lastIdx + 1) - 1 === lastDay ? lastIdx : lastIdx - 1;
    // Oracle straight from the rows: months with an order, per customer.
    const months = new Map<string, Set<number>>();
    for (const r of DATA) {
      const m = periodIndex('month', daysFromCivil(+r.date.slice(0, 4), +r.date.slice(5, 7), +r.date.slice(8, 10)));
      if (!months.has(r.customer)) months.set(r.customer, new Set());
      months.get(r.customer)!.add(m);
    }
    b.segments.forEach((s, i) => {
      for (const k of [1, 2, 3]) {
        let n = 0;
        let active = 0;
        for (const id of s.orders.customer.values) {
          const set = months.get(id)!;
          const cohort = Math.min(...set);
          if (cohort + k > lastComplete) continue;
          n++;
          if (set.has(cohort + k)) active++;
        }
        close(shown[i].values[`retention:${k}`], active / n);
      }
    });
  });

  it('<rw-rfm-grid>: champions and at-risk shares per segment, scored on the whole table', async () => {
    const el = await widget('rw-rfm-grid');
    const { b, shown } = expectOneRowPerChannel(el);
    const r = rfm(el.orders!, { bins: 5 });
    const champions = r.segments.findIndex((s) => s.key === 'champions');
    const atRisk = r.segments.findIndex((s) => s.key === 'at-risk');
    b.segments.forEach((_s, i) => {
      let n = 0;
      let c = 0;
      let a = 0;
      for (let j = 0; j < r.length; j++) {
        if (b.segmentOf[r.customerCode[j]] !== i) continue;
        n++;
        if (r.segment[j] === champions) c++;
        if (r.segment[j] === atRisk) a++;
      }
      close(shown[i].values['rfm:champions'], c / n);
      close(shown[i].values['rfm:at-risk'], a / n);
    });
  });

  it('<rw-lifecycle>: stage mix at the last period of each segment table (one threshold)', async () => {
    const el = await widget('rw-lifecycle');
    const { b, shown } = expectOneRowPerChannel(el);
    const all = lifecycle(el.orders!, { period: 'month', inactiveDays: 'auto' });
    b.segments.forEach((s, i) => {
      const lc = lifecycle(s.orders, { period: 'month', inactiveDays: all.inactiveDays, asOf: all.asOf });
      const last = lc.perPeriod.at(-1)!;
      LIFECYCLE_STAGES.forEach((stage, k) => close(shown[i].values[`stage:${stage}`], last.counts[k] / last.customers));
    });
  });

  it('<rw-clv>: mean CLV per segment of the widget\'s own per-customer CLV', async () => {
    const el = await widget('rw-clv');
    const { b, shown } = expectOneRowPerChannel(el);
    const result = el.result as ClvAnalysis;
    b.segments.forEach((_s, i) => {
      let n = 0;
      let sum = 0;
      for (let j = 0; j < result.input.length; j++) {
        if (b.segmentOf[result.input.customerCode[j]] !== i) continue;
        n++;
        sum += result.value!.clv[j];
      }
      expect(shown[i].values.meanClv).to.be.closeTo(sum / n, 1e-6 * Math.abs(sum / n));
    });
    const v = el.breakdownResult!.metrics[0].values[0];
    expect(v.low).to.be.lessThan(v.value);
    expect(v.high).to.be.greaterThan(v.value);
  });

  it('<rw-kpis>: customers, repurchase rate and AOV of the current window per segment', async () => {
    const el = await widget('rw-kpis', { 'window-days': '120' });
    const { b, shown } = expectOneRowPerChannel(el);
    const orders = el.orders!;
    const asOf = orders.day[orders.length - 1];
    b.segments.forEach((s, i) => {
      const w = filterOrders(s.orders, { fromDay: asOf - 119, toDay: asOf });
      const r = repurchase(w);
      expect(shown[i].values.windowCustomers).to.equal(r.customers);
      close(shown[i].values.windowRepurchaseRate, r.repeatCustomers / r.customers);
      close(shown[i].values.windowAov, r.aov);
    });
  });

  it('breakdown-top keeps the largest segments and merges the rest into one "other" row; removing breakdown removes the table', async () => {
    const el = await widget('rw-repurchase', { 'breakdown-top': '2' });
    const shown = tableRows(el);
    const b = breakdown(el.orders!, { by: 'channel', top: 2 });
    expect(shown.map((r) => r.key)).to.deep.equal(b.segments.map((s) => s.key));
    expect(shown).to.have.length(3);
    expect(shown[2].key).to.equal(OTHER_KEY);
    expect(shown.reduce((t, r) => t + r.customers, 0)).to.equal(b.customers);
    expect(el.shadowRoot!.querySelector('.segments tr[data-segment="(other)"] button')!.textContent).to.match(/Other \(2 segments\)/);
    const csv = (el as unknown as { segmentsCsv(): string }).segmentsCsv().trim().split(/\r?\n/);
    expect(csv).to.have.length(4);
    expect(csv[0]).to.match(/^Segment,Customers,Bought again within 30 days/);
    expect(el.shadowRoot!.querySelector('button[data-export="segments"]')).to.not.equal(null);
    el.removeAttribute('breakdown');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.segments')).to.equal(null);
    expect(el.breakdownResult).to.equal(undefined);
  });

  it('zh-CN words, and an unknown breakdown shows its error without breaking the widget', async () => {
    const el = await widget('rw-churn', { lang: 'zh-CN' });
    expect(el.shadowRoot!.querySelector('.segments caption')!.textContent).to.equal('按渠道分组');
    const errors: string[] = [];
    el.addEventListener('rw-error', (e) => errors.push((e as CustomEvent).detail.message));
    el.setAttribute('breakdown', 'colour');
    await el.updateComplete;
    expect(el.status).to.equal('ready');
    expect(el.shadowRoot!.querySelector('.segments-error')!.textContent).to.contain('colour');
    expect(errors).to.have.length(1);
  });
});

describe('<rw-orders segment-by segment>', function () {
  this.timeout(120_000);

  it('linked widgets see exactly the segment\'s customers (assigned by first order, before the date range)', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <rw-orders id="bd-src" segment-by="channel" segment="jd" hidden></rw-orders>
      <rw-repurchase source="bd-src"></rw-repurchase>
    </div>`);
    const source = root.querySelector<RwOrders>('rw-orders')!;
    const el = root.querySelector<RwRepurchase>('rw-repurchase')!;
    source.data = DATA;
    await settled(source);
    await settled(el);
    const all = source.allOrders!;
    // Manual filter from the rows: customers whose first order was on jd.
    const first = new Map<string, string>();
    for (const r of DATA) if (!first.has(r.customer)) first.set(r.customer, r.channel);
    const jd = [...first].filter(([, ch]) => ch === 'jd').map(([id]) => id);
    const manual = filterOrders(all, { customerCodes: customerCodesOf(all, jd) });
    expect(el.orders!.length).to.equal(manual.length);
    expect(el.result).to.deep.equal(repurchase(manual, { withinDays: 30, period: 'month' }));

    // With a date range too: the segment is still decided by the first order ever.
    source.setAttribute('from', '2024-01-01');
    await settled(source);
    await settled(el);
    const ranged = filterOrders(all, { fromDay: daysFromCivil(2024, 1, 1), customerCodes: customerCodesOf(all, jd) });
    expect(el.orders!.length).to.equal(ranged.length);
    expect(el.result).to.deep.equal(repurchase(ranged, { withinDays: 30, period: 'month' }));

    // Removing the segment gives everyone back.
    source.removeAttribute('segment');
    source.removeAttribute('from');
    await settled(source);
    await settled(el);
    expect(el.orders!.length).to.equal(DATA.length);
  });
});
