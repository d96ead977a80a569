import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { daysFromCivil, periodIndex, periodStart } from '../../src/core/calendar.js';
import { lifecycle, LIFECYCLE_STAGES, type Lifecycle } from '../../src/core/lifecycle.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { loadOrders } from '../../src/data/index.js';
import '../../src/widgets/lifecycle/index.js';
import type { LifecycleSelectDetail, RwLifecycle } from '../../src/widgets/lifecycle/index.js';
import { lifecycleStagesAt, NOT_YET_CUSTOMER } from '../../src/core/lifecycle-customers.js';
import type { RwErrorDetail } from '../../src/widgets/shared/events.js';
import { pagePosition, rectCenter, settled } from './helpers.js';

const CDNOW = '/data/cdnow/CDNOW_master.txt';
type Stage = (typeof LIFECYCLE_STAGES)[number];
type Bar = { period: string; stage: string; customers: number; selected: boolean };
type Move = { from: string; to: string; customers: number };

/** Every CDNOW line is a purchase (zero-amounts="keep" duplicates="keep"): customer → sorted distinct purchase days. */
async function purchaseDays(): Promise<Map<string, number[]>> {
  const text = await (await fetch(CDNOW)).text();
  const days = new Map<string, Set<number>>();
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const d = Date.UTC(Number(f[1].slice(0, 4)), Number(f[1].slice(4, 6)) - 1, Number(f[1].slice(6, 8))) / 86_400_000;
    if (!days.has(f[0])) days.set(f[0], new Set());
    days.get(f[0])!.add(d);
  }
  return new Map([...days].map(([id, s]) => [id, [...s].sort((a, b) => a - b)]));
}

/** The documented stage rules applied to one customer's purchase days, for the period [start, end]. */
function oracleStage(all: number[], start: number, end: number, inactive: number): Stage | undefined {
  const ds = all.filter((d) => d <= end);
  if (!ds.length) return undefined;
  if (ds[0] >= start) return 'new';
  const inP = ds.map((d, i) => [d, i] as const).filter(([d]) => d >= start);
  if (inP.some(([b, i]) => b - ds[i - 1] > inactive + 1)) return 'returning';
  if (inP.length) return 'active';
  return end - ds[ds.length - 1] > inactive ? 'churned' : 'dormant';
}

function monthBounds(key: string, asOf: number): [number, number] {
  const [y, m] = key.split('-').map(Number);
  const idx = (y - 1970) * 12 + m - 1;
  return [periodStart('month', idx), Math.min(periodStart('month', idx + 1) - 1, asOf)];
}

function svgText(el: RwLifecycle, part: '.stages' | '.transitions'): string {
  return [...el.shadowRoot!.querySelectorAll(`${part} svg text`)].map((t) => t.textContent).join('|');
}

describe('lifecycleStagesAt (the ids helper) agrees with core lifecycle() counts', () => {
  let orders: OrderTable;
  before(async () => {
    ({ orders } = await loadOrders(new URL(CDNOW, location.href), { zeroAmounts: 'keep', duplicates: 'keep' }));
  });

  for (const [period, inactive, asOf] of [['month', 'auto', undefined], ['week', 60, daysFromCivil(1997, 11, 12)]] as const) {
    it(`every period and every transition (${period}, inactive ${inactive})`, () => {
      const lc = lifecycle(orders, { period, inactiveDays: inactive, asOf });
      const first = periodIndex(period, orders.day[0]);
      let prev: Uint8Array | undefined;
      lc.perPeriod.forEach((p, k) => {
        const st = lifecycleStagesAt(orders, lc, first + k);
        const counts = [0, 0, 0, 0, 0];
        for (const s of st) if (s !== NOT_YET_CUSTOMER) counts[s]++;
        expect(counts, p.period).to.deep.equal(p.counts);
        if (prev) {
          const moves = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
          for (let c = 0; c < st.length; c++) if (prev[c] !== NOT_YET_CUSTOMER) moves[prev[c]][st[c]]++;
          expect(moves, `→ ${p.period}`).to.deep.equal(lc.transitions[k - 1].counts);
        }
        prev = st;
      });
    });
  }
});

describe('<rw-lifecycle> on CDNOW', () => {
  let el: RwLifecycle;
  let expected: Lifecycle;
  let days: Map<string, number[]>;

  before(async () => {
    // Not a fixture(): @open-wc cleans fixtures after every test, and these tests share one load.
    el = document.createElement('rw-lifecycle');
    for (const [k, v] of [['src', CDNOW], ['zero-amounts', 'keep'], ['duplicates', 'keep']]) el.setAttribute(k, v);
    el.style.width = '900px';
    document.body.append(el);
    const { orders } = await loadOrders(new URL(CDNOW, location.href), { zeroAmounts: 'keep', duplicates: 'keep' });
    expected = lifecycle(orders, { period: 'month', inactiveDays: 'auto' });
    days = await purchaseDays();
    await settled(el);
  });
  after(() => el.remove());
  beforeEach(async () => {
    await el.updateComplete;
  });

  it('the stage bars and the hidden table equal core lifecycle(), with the threshold shown', () => {
    expect(el.status).to.equal('ready');
    expect(el.result!.perPeriod).to.deep.equal(expected.perPeriod);
    const bars = el.stagesView!.data('bars') as Bar[];
    expect(bars.map((b) => [b.period, b.stage, b.customers])).to.deep.equal(
      expected.perPeriod.flatMap((p) => p.counts.map((n, s) => [p.period, LIFECYCLE_STAGES[s], n])),
    );
    expect(expected.perPeriod.map((p) => p.period)).to.have.length(18);
    expect(expected.perPeriod.at(-1)!.customers).to.equal(23570);
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.stages-table button[data-period]')];
    expect(buttons.map((b) => [b.dataset.period, b.dataset.stage, Number(b.dataset.customers)])).to.deep.equal(
      expected.perPeriod.flatMap((p) => p.counts.map((n, s) => [p.period, LIFECYCLE_STAGES[s], n])),
    );
    expect(buttons[5].textContent!.trim()).to.equal(expected.perPeriod[1].counts[0].toLocaleString('en-US'));
    const threshold = el.shadowRoot!.querySelector('[part=threshold]')!.textContent!;
    expect(expected.thresholdRule).to.equal('p90');
    expect(threshold).to.contain(`more than ${expected.inactiveDays} days`);
    expect(threshold).to.contain('90th percentile');
    // By default the matrix shows the last transition, outlined in the bars.
    expect(bars.filter((b) => b.selected).map((b) => b.period)).to.deep.equal(Array(5).fill('1998-06'));
  });

  it('the transition matrix equals core transitions for the last period (new column: always 0)', () => {
    const last = expected.transitions.at(-1)!;
    expect(last.to).to.equal('1998-06');
    for (const row of last.counts) expect(row[0]).to.equal(0);
    const cells = el.transitionsView!.data('transitions') as Move[];
    expect(cells.map((c) => [c.from, c.to, c.customers])).to.deep.equal(
      [0, 1, 2, 3, 4].flatMap((a) => [1, 2, 3, 4].map((b) => [LIFECYCLE_STAGES[a], LIFECYCLE_STAGES[b], last.counts[a][b]])),
    );
    expect(svgText(el, '.transitions')).to.contain('1998-05 → 1998-06');
  });

  it('a stage button fires rw-select with the customers in that stage, checked against the rules applied by brute force', async () => {
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.stages-table button[data-period="1998-03"][data-stage="returning"]')!;
    expect(button.getAttribute('aria-label')).to.contain('March 1998');
    setTimeout(() => button.click());
    const ev = (await oneEvent(el, 'rw-select')) as CustomEvent<LifecycleSelectDetail>;
    expect(ev.bubbles && ev.composed).to.equal(true);
    const d = ev.detail as { period: string; stage: string; customerIds: string[] };
    expect([d.period, d.stage]).to.deep.equal(['1998-03', 'returning']);
    const [start, end] = monthBounds('1998-03', expected.asOf);
    const want = [...days].filter(([, ds]) => oracleStage(ds, start, end, expected.inactiveDays) === 'returning').map(([id]) => id).sort();
    expect(want.length).to.be.greaterThan(0);
    expect([...d.customerIds].sort()).to.deep.equal(want);
    expect(d.customerIds).to.have.length(expected.perPeriod.find((p) => p.period === '1998-03')!.counts[2]);
  });

  it('a transition button fires rw-select with the customers who moved, checked by brute force', async () => {
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.transitions-table button[data-from="dormant"][data-to="active"]')!;
    setTimeout(() => button.click());
    const d = ((await oneEvent(el, 'rw-select')) as CustomEvent<LifecycleSelectDetail>).detail as { from: string; to: string; fromPeriod: string; toPeriod: string; customerIds: string[] };
    expect([d.from, d.to, d.fromPeriod, d.toPeriod]).to.deep.equal(['dormant', 'active', '1998-05', '1998-06']);
    const [s0, e0] = monthBounds('1998-05', expected.asOf);
    const [s1, e1] = monthBounds('1998-06', expected.asOf);
    const want = [...days]
      .filter(([, ds]) => oracleStage(ds, s0, e0, expected.inactiveDays) === 'dormant' && oracleStage(ds, s1, e1, expected.inactiveDays) === 'active')
      .map(([id]) => id)
      .sort();
    expect(want).to.have.length(expected.transitions.at(-1)!.counts[3][1]);
    expect([...d.customerIds].sort()).to.deep.equal(want);
  });

  it('a real mouse click on a bar fires rw-select and shows the transition into that period', async () => {
    const view = el.stagesView!;
    const found = rectCenter(view, (d) => d.period === '1997-09' && d.stage === 'dormant');
    expect(found, 'bar in scenegraph').to.not.equal(undefined);
    const got = oneEvent(el, 'rw-select') as Promise<CustomEvent<LifecycleSelectDetail>>;
    await sendMouse({ type: 'click', position: pagePosition(view, el.shadowRoot!.querySelector('.stages svg')!, found!) });
    const d = (await got).detail as { period: string; stage: string; customerIds: string[] };
    expect([d.period, d.stage]).to.deep.equal(['1997-09', 'dormant']);
    expect(d.customerIds).to.have.length(expected.perPeriod.find((p) => p.period === '1997-09')!.counts[3]);
    await sendMouse({ type: 'move', position: [0, 0] });
    expect(el.transitionPeriod).to.equal('1997-09');
    await el.updateComplete;
    expect(el.getAttribute('transition-period')).to.equal('1997-09');
    const t = expected.transitions.find((x) => x.to === '1997-09')!;
    const cells = el.transitionsView!.data('transitions') as Move[];
    expect(cells.find((c) => c.from === 'active' && c.to === 'dormant')!.customers).to.equal(t.counts[1][3]);
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('[part=period-select]')!.value).to.equal('1997-09');
    // The selector changes it back.
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('[part=period-select]')!;
    select.value = '1998-02';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(svgText(el, '.transitions')).to.contain('1998-01 → 1998-02');
    el.transitionPeriod = undefined;
    await el.updateComplete;
  });

  it('exports the stage counts per period as CSV', () => {
    const lines = el.toCsv()!.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('Period,Customers,New,Active,Returning,Dormant,Churned');
    expect(lines.slice(1)).to.deep.equal(expected.perPeriod.map((p) => [p.period, p.customers, ...p.counts].join(',')));
  });

  it('lang="zh-CN" names the stages 新客户 / 活跃客户 / 回流客户 / 沉睡客户 / 流失客户', async () => {
    el.lang = 'zh-CN';
    await el.updateComplete;
    const text = svgText(el, '.stages');
    for (const name of ['新客户', '活跃客户', '回流客户', '沉睡客户', '流失客户']) expect(text).to.contain(name);
    expect(svgText(el, '.transitions')).to.contain('阶段流转');
    expect(el.shadowRoot!.querySelector('[part=threshold]')!.textContent).to.contain(`超过 ${expected.inactiveDays} 天未购买`);
    expect(el.toCsv()!.split('\r\n')[0]).to.equal('周期,客户数,新客户,活跃客户,回流客户,沉睡客户,流失客户');
    el.lang = 'en';
    await el.updateComplete;
  });

  it('inactive-days and period change the analysis as core does', async () => {
    el.setAttribute('inactive-days', '60');
    el.setAttribute('period', 'week');
    await waitUntil(() => el.result?.period === 'week' && el.result.inactiveDays === 60 && el.status === 'ready', 'recomputed', { timeout: 60_000 });
    await el.updateComplete;
    const { orders } = await loadOrders(new URL(CDNOW, location.href), { zeroAmounts: 'keep', duplicates: 'keep' });
    const want = lifecycle(orders, { period: 'week', inactiveDays: 60 });
    expect(el.result!.perPeriod).to.deep.equal(want.perPeriod);
    expect((el.stagesView!.data('bars') as Bar[]).length).to.equal(want.perPeriod.length * 5);
    expect(el.shadowRoot!.querySelector('[part=threshold]')!.textContent).to.contain('more than 60 days.');
    el.setAttribute('inactive-days', 'soon');
    await waitUntil(() => el.status === 'error', 'bad inactive-days is an error');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('inactive-days');
    el.setAttribute('inactive-days', 'auto');
    el.setAttribute('period', 'month');
    await waitUntil(() => el.status === 'ready' && el.result?.period === 'month', 'back');
  });
});

describe('<rw-lifecycle>', () => {
  it('data with no customer column shows the error state and fires rw-error', async () => {
    const bad = [
      { InvoiceNo: '536365', InvoiceDate: '2010-12-01', Price: 2.55 },
      { InvoiceNo: '536366', InvoiceDate: '2010-12-02', Price: 3.39 },
    ];
    const errors: RwErrorDetail[] = [];
    const el = await fixture<RwLifecycle>(html`<rw-lifecycle .data=${bad} @rw-error=${(e: CustomEvent<RwErrorDetail>) => errors.push(e.detail)}></rw-lifecycle>`);
    await settled(el);
    expect(el.status).to.equal('error');
    expect(errors[0].code).to.equal('no-customer-column');
    expect(el.shadowRoot!.querySelector('[part=error]')!.getAttribute('role')).to.equal('alert');
    expect(el.shadowRoot!.querySelector('[part=chart]')).to.equal(null);
  });

  it('as-of cuts the last period; a single period has no transition matrix', async () => {
    const rows = [
      { customer_id: 'a', order_date: '2024-01-05', amount: 10 },
      { customer_id: 'b', order_date: '2024-01-20', amount: 20 },
      { customer_id: 'a', order_date: '2024-02-10', amount: 12 },
    ];
    const el = await fixture<RwLifecycle>(html`<rw-lifecycle .data=${rows} as-of="2024-01-31" inactive-days="10"></rw-lifecycle>`);
    await settled(el);
    expect(el.result!.perPeriod).to.deep.equal([{ period: '2024-01', counts: [2, 0, 0, 0, 0], customers: 2 }]);
    expect(el.shadowRoot!.querySelector('[part=period-select]')).to.equal(null);
    expect(el.transitionsView).to.equal(undefined);
    el.asOf = '2024-02-29';
    await waitUntil(() => el.result?.perPeriod.length === 2, 'two months');
    await el.updateComplete;
    // February: a bought (gap 36 days > 10 + 1: returning), b silent for 40 days > 10: churned.
    expect(el.result!.perPeriod[1].counts).to.deep.equal([0, 0, 1, 0, 1]);
    expect(el.transitionsView).to.not.equal(undefined);
  });

  it('fits 320 px without overflowing the host', async () => {
    const el = await fixture<RwLifecycle>(html`<rw-lifecycle src=${CDNOW} zero-amounts="keep" duplicates="keep" lang="zh-CN" period="week" style="width: 320px"></rw-lifecycle>`);
    await settled(el);
    await waitUntil(() => el.stagesView !== undefined && el.transitionsView !== undefined, 'drawn');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await el.updateComplete;
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    const base = el.shadowRoot!.querySelector<HTMLElement>('[part=base]')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    for (const part of ['.stages svg', '.transitions svg']) {
      const w = el.shadowRoot!.querySelector(part)!.getBoundingClientRect().width;
      expect(w, part).to.be.at.most(321);
      expect(w, part).to.be.greaterThan(240);
    }
  });
});

describe('<rw-lifecycle> under a strict CSP', () => {
  it('renders both charts without eval', async () => {
    const realFunction = window.Function;
    let calls = 0;
    window.Function = function (...args: string[]) {
      calls++;
      return realFunction(...args);
    } as unknown as FunctionConstructor;
    try {
      const rows = Array.from({ length: 30 }, (_, i) => ({ customer_id: `c${i % 12}`, order_date: `2024-0${1 + (i % 6)}-1${i % 9}`, amount: 5 + i }));
      const el = await fixture<RwLifecycle>(html`<rw-lifecycle .data=${rows} inactive-days="20"></rw-lifecycle>`);
      await settled(el);
      expect(el.stagesView).to.not.equal(undefined);
      expect(el.transitionsView).to.not.equal(undefined);
    } finally {
      window.Function = realFunction;
    }
    expect(calls).to.equal(0);
  });
});
