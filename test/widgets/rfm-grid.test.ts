import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { daysFromCivil } from '../../src/core/calendar.js';
import { rfm } from '../../src/core/rfm.js';
import { loadOrders } from '../../src/data/index.js';
import '../../src/widgets/rfm-grid/index.js';
import type { RfmSelectDetail, RwRfmGrid } from '../../src/widgets/rfm-grid/index.js';
import type { RwErrorDetail } from '../../src/widgets/shared/events.js';
import { pagePosition, rectCenter, settled } from './helpers.js';

const CDNOW = '/data/cdnow/CDNOW_master.txt';

type Cell = { r: number; f: number; customers: number; segment: string; label: string; regionTag: string };

/**
 * Independent oracle straight from the CDNOW text (every line is a purchase, as with
 * zero-amounts="keep" duplicates="keep"): per customer recency (days to the last day of the file)
 * and frequency (lines), scored with the documented quantile rule
 * score = ⌊bins · #(customers strictly worse) / n⌋ + 1, by sorting instead of counting.
 */
async function oracleScores(bins = 5): Promise<Map<string, { r: number; f: number; recency: number; frequency: number }>> {
  const text = await (await fetch(CDNOW)).text();
  const last = new Map<string, number>();
  const count = new Map<string, number>();
  let maxDay = -Infinity;
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const d = Date.UTC(Number(f[1].slice(0, 4)), Number(f[1].slice(4, 6)) - 1, Number(f[1].slice(6, 8))) / 86_400_000;
    maxDay = Math.max(maxDay, d);
    last.set(f[0], Math.max(last.get(f[0]) ?? -Infinity, d));
    count.set(f[0], (count.get(f[0]) ?? 0) + 1);
  }
  const ids = [...last.keys()];
  const n = ids.length;
  const recency = ids.map((id) => maxDay - last.get(id)!);
  const freq = ids.map((id) => count.get(id)!);
  // #strictly more days (worse recency) and #strictly fewer orders (worse frequency), by binary search.
  const recSorted = [...recency].sort((a, b) => a - b);
  const freqSorted = [...freq].sort((a, b) => a - b);
  const firstAbove = (arr: number[], v: number) => { let lo = 0, hi = arr.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (arr[mid] <= v) lo = mid + 1; else hi = mid; } return lo; };
  const firstAtLeast = (arr: number[], v: number) => { let lo = 0, hi = arr.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (arr[mid] < v) lo = mid + 1; else hi = mid; } return lo; };
  const out = new Map<string, { r: number; f: number; recency: number; frequency: number }>();
  ids.forEach((id, k) => {
    const worseR = n - firstAbove(recSorted, recency[k]);
    const worseF = firstAtLeast(freqSorted, freq[k]);
    out.set(id, { r: Math.floor((bins * worseR) / n) + 1, f: Math.floor((bins * worseF) / n) + 1, recency: recency[k], frequency: freq[k] });
  });
  return out;
}

function tableButtons(el: RwRfmGrid): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=table] button[data-r]')];
}

function segmentRows(el: RwRfmGrid): string[][] {
  return [...el.shadowRoot!.querySelectorAll('.segments tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
}

function svgText(el: RwRfmGrid): string {
  return [...el.shadowRoot!.querySelectorAll('.grid svg text')].map((t) => t.textContent).join('|');
}

describe('<rw-rfm-grid> on CDNOW', () => {
  let el: RwRfmGrid;
  let expected: ReturnType<typeof rfm>;
  let oracle: Awaited<ReturnType<typeof oracleScores>>;

  before(async () => {
    // Not a fixture(): @open-wc cleans fixtures after every test, and these tests share one load.
    el = document.createElement('rw-rfm-grid');
    el.setAttribute('src', CDNOW);
    el.setAttribute('zero-amounts', 'keep');
    el.setAttribute('duplicates', 'keep');
    el.setAttribute('currency', 'USD');
    el.style.width = '900px';
    document.body.append(el);
    const { orders } = await loadOrders(new URL(CDNOW, location.href), { zeroAmounts: 'keep', duplicates: 'keep' });
    expected = rfm(orders);
    oracle = await oracleScores();
    await settled(el);
  });
  after(() => el.remove());

  it('the grid (Vega dataset and hidden table) equals core rfm(), sums to 23,570 customers, and matches a brute-force scoring', () => {
    expect(el.status).to.equal('ready');
    const cells = el.gridView!.data('cells') as Cell[];
    expect(cells.map((c) => [c.r, c.f, c.customers, c.segment])).to.deep.equal(expected.grid.map((c) => [c.r, c.f, c.customers, c.segment]));
    expect(cells.reduce((s, c) => s + c.customers, 0)).to.equal(23570);
    expect(expected.length).to.equal(23570);
    // Brute force from the text: same counts per (R, F).
    const counts = new Map<string, number>();
    for (const s of oracle.values()) counts.set(`${s.r},${s.f}`, (counts.get(`${s.r},${s.f}`) ?? 0) + 1);
    for (const c of cells) expect(c.customers, `cell ${c.r},${c.f}`).to.equal(counts.get(`${c.r},${c.f}`) ?? 0);
    // Hidden table: R descending like the chart, text = formatted count.
    const buttons = tableButtons(el);
    expect(buttons).to.have.length(25);
    expect(buttons.map((b) => [Number(b.dataset.r), Number(b.dataset.f)])[0]).to.deep.equal([5, 1]);
    for (const b of buttons) {
      const cell = expected.grid[(Number(b.dataset.r) - 1) * 5 + Number(b.dataset.f) - 1];
      expect(Number(b.dataset.customers)).to.equal(cell.customers);
      expect(b.textContent!.trim()).to.equal(cell.customers.toLocaleString('en-US'));
    }
    // Cell text drawn in the SVG includes every non-trivial count.
    const text = svgText(el);
    for (const c of expected.grid) if (c.customers > 0) expect(text).to.contain(c.customers.toLocaleString('en-US'));
  });

  beforeEach(async () => {
    // A resize after the first layout redraws the chart: wait for the view on screen.
    await el.updateComplete;
  });

  it('segments are outlined: borders between cells of different segments, each region named once', () => {
    const borders = el.gridView!.data('borders') as { x0: number; x1: number; y0: number; y1: number }[];
    const seg = (r: number, f: number) => expected.grid[(r - 1) * 5 + f - 1].segment;
    let inner = 0;
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) {
      if (f < 5 && seg(r, f) !== seg(r, f + 1)) inner++;
      if (r < 5 && seg(r, f) !== seg(r + 1, f)) inner++;
    }
    expect(inner).to.be.greaterThan(5);
    expect(borders).to.have.length(4 + inner);
    // A vertical border at x = 3.5 on row R 5 separates potential-loyalist (F 3) from champions (F 4).
    expect(seg(5, 3)).to.not.equal(seg(5, 4));
    expect(borders).to.deep.include({ x0: 3.5, x1: 3.5, y0: 4.5, y1: 5.5 });
    const tags = (el.gridView!.data('cells') as Cell[]).filter((c) => c.regionTag);
    const distinct = new Set(expected.grid.map((c) => c.segment));
    expect(tags.length).to.be.at.least(distinct.size);
    expect(svgText(el)).to.contain('Champions');
  });

  it('the segment table equals core segments (customers, share, revenue share, avg days since last order)', () => {
    const rows = segmentRows(el);
    const shown = expected.segments.filter((s) => s.customers > 0 || s.key !== 'others');
    expect(rows).to.have.length(shown.length);
    shown.forEach((s, i) => {
      expect(rows[i]).to.deep.equal([
        s.label.en,
        s.customers.toLocaleString('en-US'),
        `${(s.share * 100).toFixed(1)}%`,
        `${(s.revenueShare * 100).toFixed(1)}%`,
        Number.isFinite(s.meanRecencyDays) ? Math.round(s.meanRecencyDays).toLocaleString('en-US') : '–',
      ]);
    });
    expect(shown.reduce((n, s) => n + s.customers, 0)).to.equal(23570);
    // Mean days since last order of champions from the oracle.
    const champs = [...oracle.values()].filter((s) => s.r === 5 && s.f >= 4);
    const mean = champs.reduce((a, s) => a + s.recency, 0) / champs.length;
    expect(expected.segments[0].key).to.equal('champions');
    expect(expected.segments[0].customers).to.equal(champs.length);
    expect(expected.segments[0].meanRecencyDays).to.be.closeTo(mean, 1e-9);
  });

  it('a hidden-table cell button fires rw-select with exactly that cell\'s customers', async () => {
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=table] button[data-r="5"][data-f="5"]')!;
    expect(button.getAttribute('aria-label')).to.contain('R 5, F 5');
    setTimeout(() => button.click());
    const ev = (await oneEvent(el, 'rw-select')) as CustomEvent<RfmSelectDetail>;
    expect(ev.bubbles && ev.composed).to.equal(true);
    const d = ev.detail as { r: number; f: number; customerIds: string[] };
    expect([d.r, d.f]).to.deep.equal([5, 5]);
    const want = [...oracle].filter(([, s]) => s.r === 5 && s.f === 5).map(([id]) => id).sort();
    expect([...d.customerIds].sort()).to.deep.equal(want);
    expect(d.customerIds).to.have.length(expected.grid[24].customers);
  });

  it('a segment row button fires rw-select with the segment\'s customers', async () => {
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.segments button[data-segment="champions"]')!;
    setTimeout(() => button.click());
    const ev = (await oneEvent(el, 'rw-select')) as CustomEvent<RfmSelectDetail>;
    const d = ev.detail as { segment: string; customerIds: string[] };
    expect(d.segment).to.equal('champions');
    // Champions = R 5 and F 4…5 (rfm-segments.ts), from the oracle's scores.
    const want = [...oracle].filter(([, s]) => s.r === 5 && s.f >= 4).map(([id]) => id).sort();
    expect([...d.customerIds].sort()).to.deep.equal(want);
  });

  it('a real mouse click on a grid cell fires rw-select for that cell', async () => {
    const view = el.gridView!;
    const found = rectCenter(view, (d) => d.r === 2 && d.f === 3);
    expect(found, 'cell in scenegraph').to.not.equal(undefined);
    const got = oneEvent(el, 'rw-select') as Promise<CustomEvent<RfmSelectDetail>>;
    await sendMouse({ type: 'click', position: pagePosition(view, el.shadowRoot!.querySelector('.grid svg')!, found!) });
    const d = (await got).detail as { r: number; f: number; customerIds: string[] };
    expect([d.r, d.f]).to.deep.equal([2, 3]);
    expect(d.customerIds).to.have.length(expected.grid[(2 - 1) * 5 + 2].customers);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('exports the grid as CSV (one row per cell, as core computed it)', () => {
    const lines = el.toCsv()!.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('R,F,Customers,Mean revenue per customer (USD),Revenue,Segment,Segment key');
    const names = new Map(expected.segments.map((s) => [s.key, s.label.en]));
    const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    expect(lines.slice(1)).to.deep.equal(expected.grid.map((c) => [c.r, c.f, c.customers, c.meanMonetary, c.revenue, q(names.get(c.segment)!), c.segment].join(',')));
  });

  it('color-by="monetary" colours by mean revenue, with the same counts', async () => {
    el.colorBy = 'monetary';
    await el.updateComplete;
    expect(svgText(el)).to.contain('Avg. revenue (USD)');
    expect((el.gridView!.scale('color').domain() as number[])[1]).to.be.closeTo(Math.max(...expected.grid.map((c) => c.meanMonetary)), 1e-6);
    const cells = el.gridView!.data('cells') as Cell[];
    expect(cells.map((c) => c.customers)).to.deep.equal(expected.grid.map((c) => c.customers));
    el.colorBy = 'customers';
    await el.updateComplete;
  });

  it('lang="zh-CN" shows Chinese segment names, axis titles and table headers', async () => {
    el.lang = 'zh-CN';
    await el.updateComplete;
    const rows = segmentRows(el);
    expect(rows[0][0]).to.equal('重要价值客户');
    expect(rows.map((r) => r[0])).to.include('休眠客户');
    expect(el.shadowRoot!.querySelector('.segments thead')!.textContent).to.contain('距上次购买平均天数');
    expect(svgText(el)).to.contain('消费频率评分');
    expect(svgText(el)).to.contain('重要价值客户');
    expect(el.toCsv()!.split('\r\n')[0]).to.contain('客户数');
    el.lang = 'en';
    await el.updateComplete;
    expect(segmentRows(el)[0][0]).to.equal('Champions');
  });
});

describe('<rw-rfm-grid>', () => {
  afterEach(() => fixtureCleanup());

  const rows = [
    { customer_id: 'a', order_date: '2024-01-05', amount: 10 },
    { customer_id: 'b', order_date: '2024-01-20', amount: 20 },
    { customer_id: 'a', order_date: '2024-02-10', amount: 12 },
    { customer_id: 'c', order_date: '2024-03-01', amount: 5 },
    { customer_id: 'a', order_date: '2024-03-15', amount: 11 },
    { customer_id: 'd', order_date: '2024-03-31', amount: 6 },
  ];

  it('as-of cuts the orders and is validated', async () => {
    const el = await fixture<RwRfmGrid>(html`<rw-rfm-grid .data=${rows} as-of="2024-02-29"></rw-rfm-grid>`);
    await settled(el);
    expect(el.result!.asOf).to.equal(daysFromCivil(2024, 2, 29));
    expect(el.result!.length).to.equal(2); // a and b ordered by then
    expect(el.shadowRoot!.querySelector('.note')!.textContent).to.contain('2024-02-29');
    el.asOf = '2024-02-30';
    await waitUntil(() => el.status === 'error', 'invalid as-of is an error');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('as-of="2024-02-30" is not a date: write it as YYYY-MM-DD');
  });

  it('data with no customer column shows the error state and fires rw-error', async () => {
    const bad = [
      { InvoiceNo: '536365', InvoiceDate: '2010-12-01', Price: 2.55 },
      { InvoiceNo: '536366', InvoiceDate: '2010-12-02', Price: 3.39 },
    ];
    const errors: RwErrorDetail[] = [];
    const el = await fixture<RwRfmGrid>(html`<rw-rfm-grid .data=${bad} @rw-error=${(e: CustomEvent<RwErrorDetail>) => errors.push(e.detail)}></rw-rfm-grid>`);
    await settled(el);
    expect(el.status).to.equal('error');
    expect(errors[0].code).to.equal('no-customer-column');
    expect(el.shadowRoot!.querySelector('[part=error]')!.getAttribute('role')).to.equal('alert');
    expect(el.shadowRoot!.querySelector('[part=chart]')).to.equal(null);
  });

  it('fits 320 px without overflowing the host', async () => {
    const el = await fixture<RwRfmGrid>(html`<rw-rfm-grid src=${CDNOW} zero-amounts="keep" duplicates="keep" lang="zh-CN" style="width: 320px"></rw-rfm-grid>`);
    await settled(el);
    await waitUntil(() => el.gridView !== undefined, 'drawn');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await el.updateComplete;
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    const base = el.shadowRoot!.querySelector<HTMLElement>('[part=base]')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    const svg = el.shadowRoot!.querySelector('.grid svg')!.getBoundingClientRect();
    expect(svg.width).to.be.at.most(321);
    expect(svg.width).to.be.greaterThan(250);
  });
});

describe('<rw-rfm-grid> under a strict CSP', () => {
  it('renders without eval (the calculate/filter expressions go through the interpreter)', async () => {
    const realFunction = window.Function;
    let calls = 0;
    window.Function = function (...args: string[]) {
      calls++;
      return realFunction(...args);
    } as unknown as FunctionConstructor;
    try {
      const rows = Array.from({ length: 30 }, (_, i) => ({ customer_id: `c${i % 12}`, order_date: `2024-0${1 + (i % 6)}-1${i % 9}`, amount: 5 + i }));
      const el = await fixture<RwRfmGrid>(html`<rw-rfm-grid .data=${rows} color-by="monetary"></rw-rfm-grid>`);
      await settled(el);
      expect(el.gridView).to.not.equal(undefined);
      expect((el.gridView!.data('borders') as unknown[]).length).to.be.at.least(4);
    } finally {
      window.Function = realFunction;
    }
    expect(calls).to.equal(0);
  });
});
