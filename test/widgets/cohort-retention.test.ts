import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { cohortRetention } from '../../src/core/cohort-retention.js';
import { loadOrders } from '../../src/data/index.js';
import '../../src/widgets/cohort-retention/index.js';
import type { RwCohortRetention } from '../../src/widgets/cohort-retention/index.js';
import type { CohortSelectDetail } from '../../src/widgets/cohort-retention/index.js';
import type { RwErrorDetail, RwLoadDetail } from '../../src/widgets/shared/events.js';
import { pagePosition, rectCenter, settled } from './helpers.js';

// Six customers over three months. By hand (customers, mode 'on'):
//   2024-01 cohort {a, b, c}: month 0 → 3, month 1 → {a} = 1, month 2 → {a, b} = 2
//   2024-02 cohort {d, e}:    month 0 → 2, month 1 → {d} = 1
//   2024-03 cohort {f}:       month 0 → 1
const rows = [
  { customer_id: 'a', order_date: '2024-01-05', amount: 10 },
  { customer_id: 'b', order_date: '2024-01-20', amount: 20 },
  { customer_id: 'c', order_date: '2024-01-31', amount: 5 },
  { customer_id: 'd', order_date: '2024-02-01', amount: 7 },
  { customer_id: 'a', order_date: '2024-02-10', amount: 12 },
  { customer_id: 'd', order_date: '2024-02-20', amount: 8 },
  { customer_id: 'e', order_date: '2024-02-28', amount: 9 },
  { customer_id: 'a', order_date: '2024-03-01', amount: 11 },
  { customer_id: 'd', order_date: '2024-03-02', amount: 4 },
  { customer_id: 'b', order_date: '2024-03-15', amount: 30 },
  { customer_id: 'f', order_date: '2024-03-31', amount: 6 },
];
// CDNOW_sample.txt has no header: the loader names its columns column1…column5
// (master_id, sample_id, date, cds, dollar).
const SAMPLE = '/data/cdnow/CDNOW_sample.txt';
const sampleFields = { customer: 'column1', date: 'column3', amount: 'column5' };

const handMatrix = [
  ['2024-01', 3, [3, 1, 2]],
  ['2024-02', 2, [2, 1]],
  ['2024-03', 1, [1]],
];

type Cell = { cohort: string; k: number; value: number; label: string; cohortLabel: string };

/**
 * Independent oracle for cohort sizes: first month with a positive amount per customer, read from
 * whitespace-aligned CDNOW text. Returns cohort → size, months ascending.
 */
async function cohortSizesFromText(url: string, skip: number, idCol: number, dateCol: number, amountCol: number): Promise<Map<string, number>> {
  const text = await (await fetch(url)).text();
  const first = new Map<string, string>();
  for (const line of text.split('\n').slice(skip)) {
    const f = line.trim().split(/\s+/);
    if (f.length <= amountCol || !(Number(f[amountCol]) > 0) || first.has(f[idCol])) continue;
    first.set(f[idCol], `${f[dateCol].slice(0, 4)}-${f[dateCol].slice(4, 6)}`);
  }
  const sizes = new Map<string, number>();
  for (const m of [...first.values()].sort()) sizes.set(m, (sizes.get(m) ?? 0) + 1);
  return sizes;
}

/** Whether the chart area is on screen (it is not rendered, or hidden, until a result is ready). */
function chartShown(el: RwCohortRetention): boolean {
  const chart = el.shadowRoot!.querySelector<HTMLElement>('[part=chart]');
  return chart !== null && !chart.hidden;
}

function tableCells(el: RwCohortRetention): { cohort: string; k: number; value: number; text: string }[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('table.matrix button[data-cohort]')].map((b) => ({
    cohort: b.dataset.cohort!,
    k: Number(b.dataset.k),
    value: Number(b.dataset.value),
    text: b.textContent!.trim(),
  }));
}

function flatten(result: ReturnType<typeof cohortRetention>): [string, number, number][] {
  return result.cohorts.flatMap((r) => r.values.map((v, k) => [r.cohort, k, v] as [string, number, number]));
}

function svgText(el: RwCohortRetention, part: '.heatmap' | '.curves'): string {
  return [...el.shadowRoot!.querySelectorAll(`${part} svg text`)].map((t) => t.textContent).join('|');
}

afterEach(() => fixtureCleanup());

describe('<rw-cohort-retention>', () => {
  it('is defined once and a second define attempt of the module is harmless', async () => {
    expect(customElements.get('rw-cohort-retention')).to.be.a('function');
    await import('../../src/widgets/cohort-retention/index.js');
    expect(document.createElement('rw-cohort-retention')).to.be.instanceOf(customElements.get('rw-cohort-retention')!);
  });

  it('renders rows: the Vega dataset and the hidden table equal cohortRetention, and rw-load reports counts', async () => {
    const loads: RwLoadDetail[] = [];
    const el = await fixture<RwCohortRetention>(
      html`<rw-cohort-retention .data=${rows} @rw-load=${(e: CustomEvent<RwLoadDetail>) => loads.push(e.detail)}></rw-cohort-retention>`,
    );
    await settled(el);
    expect(el.status).to.equal('ready');

    const { orders, report } = await loadOrders(rows);
    const expected = cohortRetention(orders, { period: 'month', measure: 'customers', mode: 'on' });
    expect(expected.cohorts.map((r) => [r.cohort, r.size, r.values])).to.deep.equal(handMatrix);
    expect(flatten(el.result!)).to.deep.equal(flatten(expected));

    const viewCells = el.heatmapView!.data('cells') as Cell[];
    expect(viewCells.map((c) => [c.cohort, c.k, c.value])).to.deep.equal(flatten(expected));
    expect(viewCells[0].cohortLabel).to.equal('2024-01 · 3');
    expect(tableCells(el).map((c) => [c.cohort, c.k, c.value])).to.deep.equal(flatten(expected));
    expect(tableCells(el).map((c) => c.text)).to.deep.equal(['3', '1', '2', '2', '1', '1']);
    expect(el.curvesView!.data('curves')).to.have.length(6);

    expect(loads).to.have.length(1);
    expect(loads[0]).to.include({ rowsAccepted: report.rowsAccepted, rowsRejected: 0, customers: 6 });
    expect(loads[0].ms).to.be.a('number');

    const chart = el.shadowRoot!.querySelector('[part=chart]')!;
    expect(chart.getAttribute('role')).to.equal('figure');
    expect(chart.getAttribute('aria-label')).to.contain('Cohort retention');
    expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.contain('11 rows read');
    expect(chartShown(el)).to.equal(true);
  });

  it('exports the matrix as CSV and each chart as SVG and PNG', async () => {
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention .data=${rows}></rw-cohort-retention>`);
    await settled(el);
    const lines = el.toCsv()!.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('Cohort,Cohort size,0,1,2');
    expect(lines.slice(1)).to.deep.equal(el.result!.cohorts.map((c) => [c.cohort, c.size, ...c.values].join(',')));
    const svg = (await el.chartImage('svg', 0))!;
    expect(svg).to.match(/^<svg/);
    expect(svg).to.contain('2024-01 · 3');
    expect(await el.chartImage('png', 1)).to.match(/^data:image\/png;base64,/);
    const buttons = [...el.shadowRoot!.querySelectorAll('[part=export] button')].map((b) => b.textContent!.trim());
    expect(buttons).to.deep.equal(['CSV', 'PNG 1', 'SVG 1', 'PNG 2', 'SVG 2']);
  });

  it('percent shows shares; measure="revenue" sums amounts', async () => {
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention .data=${rows} percent></rw-cohort-retention>`);
    await settled(el);
    expect(tableCells(el).map((c) => c.text)).to.deep.equal(['100.0%', '33.3%', '66.7%', '100.0%', '50.0%', '100.0%']);
    el.measure = 'revenue';
    await waitUntil(() => el.result?.measure === 'revenue' && el.status === 'ready');
    await el.updateComplete;
    // 2024-01 cohort {a,b,c}: Jan 10+20+5 = 35, Feb a 12, Mar a 11 + b 30 = 41.
    expect(el.result!.cohorts[0].values).to.deep.equal([35, 12, 41]);
    const cells = el.heatmapView!.data('cells') as Cell[];
    expect(cells.slice(0, 3).map((c) => c.value)).to.deep.equal([35, 12, 41]);
    expect(cells.slice(0, 3).map((c) => c.label)).to.deep.equal(['100.0%', '34.3%', '117.1%']);
  });

  it('a hidden-table cell button (keyboard path) fires rw-select with the customers of that cell', async () => {
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention .data=${rows}></rw-cohort-retention>`);
    await settled(el);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-cohort="2024-01"][data-k="2"]')!;
    expect(button.getAttribute('aria-label')).to.contain('2024-01');
    setTimeout(() => button.click());
    const ev = (await oneEvent(el, 'rw-select')) as CustomEvent<CohortSelectDetail>;
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail.cohort).to.equal('2024-01');
    expect(ev.detail.periodIndex).to.equal(2);
    expect([...ev.detail.customerIds].sort()).to.deep.equal(['a', 'b']);
  });

  it('a real mouse click on a heatmap cell (found through the Vega scenegraph) fires rw-select', async () => {
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention .data=${rows} style="width: 700px"></rw-cohort-retention>`);
    await settled(el);
    const view = el.heatmapView!;
    const found = rectCenter(view, (d) => d.cohort === '2024-02' && d.k === 1);
    expect(found, 'cell in scenegraph').to.not.equal(undefined);
    const got = oneEvent(el, 'rw-select') as Promise<CustomEvent<CohortSelectDetail>>;
    await sendMouse({ type: 'click', position: pagePosition(view, el.shadowRoot!.querySelector('.heatmap svg')!, found!) });
    const ev = await got;
    expect(ev.detail).to.deep.equal({ cohort: '2024-02', periodIndex: 1, customerIds: ['d'] });
    // Hovering shows the tooltip inside the shadow root, not in document.body.
    const tip = el.shadowRoot!.querySelector<HTMLElement>('[part=tooltip]')!;
    await waitUntil(() => !tip.hidden, 'tooltip shown');
    expect(tip.textContent).to.contain('February 2024');
    expect(tip.textContent).to.contain('50.0%');
    expect(document.getElementById('vg-tooltip-element')).to.equal(null);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('data with no customer column: shows the loader message with Retry and fires rw-error', async () => {
    const bad = [
      { InvoiceNo: '536365', StockCode: '85123A', InvoiceDate: '2010-12-01', Price: 2.55 },
      { InvoiceNo: '536366', StockCode: '71053', InvoiceDate: '2010-12-02', Price: 3.39 },
    ];
    const errors: RwErrorDetail[] = [];
    const el = await fixture<RwCohortRetention>(
      html`<rw-cohort-retention .data=${bad} @rw-error=${(e: CustomEvent<RwErrorDetail>) => errors.push(e.detail)}></rw-cohort-retention>`,
    );
    await settled(el);
    expect(el.status).to.equal('error');
    expect(errors).to.have.length(1);
    expect(errors[0].code).to.equal('no-customer-column');
    expect(errors[0].message).to.match(/customer/i);
    const box = el.shadowRoot!.querySelector('[part=error]')!;
    expect(box.getAttribute('role')).to.equal('alert');
    expect(box.textContent).to.contain(errors[0].message);
    expect(chartShown(el)).to.equal(false);
    // Retry loads again (and fails again the same way: same data).
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
    await waitUntil(() => errors.length === 2, 'second rw-error after retry');
    // Fixing the mapping recovers.
    el.customerField = 'StockCode';
    await settled(el);
    expect(el.status).to.equal('ready');
  });

  it('shows the empty state when every row is rejected, with the reasons expandable', async () => {
    const allRejected = [
      { customer_id: 'a', order_date: 'not a date', amount: 10 },
      { customer_id: 'b', order_date: 'nope', amount: 20 },
    ];
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention .data=${allRejected}></rw-cohort-retention>`);
    await settled(el);
    if (el.status === 'error') {
      // A loader may also treat "nothing usable" as an error; then the message must say so.
      expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.match(/date|row/i);
      return;
    }
    expect(el.status).to.equal('empty');
    expect(el.shadowRoot!.querySelector('[part=empty]')!.textContent).to.contain('No orders');
    const summary = el.shadowRoot!.querySelector('details[part=summary]') as HTMLDetailsElement;
    expect(summary, 'expandable summary').to.not.equal(null);
    expect(summary.textContent).to.contain('2 rejected');
    expect(summary.querySelectorAll('tbody tr').length).to.be.greaterThan(0);
    expect(summary.textContent).to.contain('not a date');
  });

  it('shows rejected rows next to a rendered chart', async () => {
    const mixed = [...rows, { customer_id: 'z', order_date: 'garbage', amount: 3 }];
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention .data=${mixed}></rw-cohort-retention>`);
    await settled(el);
    expect(el.status).to.equal('ready');
    const summary = el.shadowRoot!.querySelector('details[part=summary]') as HTMLDetailsElement;
    expect(summary.querySelector('summary')!.textContent).to.contain('1 rejected');
    expect(el.report!.reasons[0].count).to.equal(1);
    expect(summary.querySelector('tbody')!.textContent).to.contain('garbage');
  });

  it('drops a stale result: with src set twice quickly only the second renders', async () => {
    const loads: RwLoadDetail[] = [];
    const el = await fixture<RwCohortRetention>(
      html`<rw-cohort-retention @rw-load=${(e: CustomEvent<RwLoadDetail>) => loads.push(e.detail)}></rw-cohort-retention>`,
    );
    expect(el.status).to.equal('idle');
    el.src = '/data/cdnow/CDNOW_master.txt'; // big, slow
    await el.updateComplete;
    el.customerField = sampleFields.customer;
    el.dateField = sampleFields.date;
    el.amountField = sampleFields.amount;
    el.src = SAMPLE; // small, fast
    await settled(el);
    // Give the first load every chance to finish: as long as loading the master file takes.
    await loadOrders(new URL('/data/cdnow/CDNOW_master.txt', location.href));
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    const sampleSizes = await cohortSizesFromText(SAMPLE, 0, 0, 2, 4);
    const sampleCustomers = [...sampleSizes.values()].reduce((a, b) => a + b, 0);
    expect(sampleCustomers).to.be.within(2300, 2357); // the sample, not the ~23,500 of the master
    expect(el.result!.cohorts.map((r) => [r.cohort, r.size])).to.deep.equal([...sampleSizes]);
    expect(loads.map((l) => l.customers)).to.deep.equal([sampleCustomers]);
    expect((el.heatmapView!.data('cells') as Cell[])[0].cohortLabel).to.match(/^1997-01 · /);
  });

  it('lang="zh-CN" (or <html lang>) switches the labels', async () => {
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention .data=${rows} percent></rw-cohort-retention>`);
    await settled(el);
    expect(svgText(el, '.heatmap')).to.contain('Months since first purchase');
    el.setAttribute('lang', 'zh-CN');
    await el.updateComplete;
    expect(svgText(el, '.heatmap')).to.contain('首购后月数');
    expect(svgText(el, '.heatmap')).to.contain('留存率');
    expect(svgText(el, '.curves')).to.contain('留存曲线');
    expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.contain('共读取 11 行');
    el.removeAttribute('lang');
    await el.updateComplete;
    expect(svgText(el, '.heatmap')).to.contain('Months since first purchase');
    el.lang = 'zh-CN'; // the property works too
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.contain('共读取');
    el.lang = '';
    el.removeAttribute('lang');
    await el.updateComplete;
    expect(svgText(el, '.heatmap')).to.contain('Months since first purchase');
    const before = document.documentElement.getAttribute('lang');
    document.documentElement.setAttribute('lang', 'zh-CN');
    try {
      await waitUntil(() => svgText(el, '.heatmap').includes('首购后月数'), 'follows <html lang>');
    } finally {
      if (before === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', before);
    }
  });

  it('renders the CDNOW triangle from src with the 1997-01 cohort first', async () => {
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention src="/data/cdnow/CDNOW_master.txt" percent></rw-cohort-retention>`);
    // A 1.9 MB file cannot be fetched and parsed before the first render: the loading state shows.
    expect(el.status).to.equal('loading');
    const loading = el.shadowRoot!.querySelector('[part=loading]')!;
    expect(loading.getAttribute('role')).to.equal('status');
    expect(loading.textContent).to.contain('Loading…');
    expect(chartShown(el)).to.equal(false);
    await settled(el);
    expect(el.shadowRoot!.querySelector('[part=loading]')).to.equal(null);
    expect(el.status).to.equal('ready');
    const r = el.result!;
    // Oracle straight from the text (SOURCE.md: 23,570 customers, first purchases in Q1 1997, data
    // to 1998-06). The loader rejects $0.00 lines by default, so customers whose Q1 purchases were
    // all $0 join a later cohort (or vanish): 7,814 in 1997-01 rather than the 7,846 of all lines.
    const sizes = await cohortSizesFromText('/data/cdnow/CDNOW_master.txt', 1, 0, 1, 3);
    expect(r.cohorts.map((c) => [c.cohort, c.size])).to.deep.equal([...sizes]);
    expect(r.cohorts.slice(0, 3).map((c) => c.cohort)).to.deep.equal(['1997-01', '1997-02', '1997-03']);
    expect(r.cohorts.slice(0, 3).map((c) => c.values.length)).to.deep.equal([18, 17, 16]);
    expect(r.periods[r.periods.length - 1]).to.equal('1998-06');
    const cells = el.heatmapView!.data('cells') as Cell[];
    const label = `1997-01 · ${sizes.get('1997-01')!.toLocaleString('en-US')}`;
    expect(label).to.equal('1997-01 · 7,814');
    expect(cells[0].cohortLabel).to.equal(label);
    expect(cells.map((c) => [c.cohort, c.k, c.value])).to.deep.equal(flatten(r));
    expect(el.heatmapView!.scale('y').domain()[0]).to.equal(label);
    expect(svgText(el, '.heatmap')).to.contain(label);
    expect(tableCells(el)).to.have.length(r.cohorts.reduce((s, c) => s + c.values.length, 0));
  });

  it('zero-amounts="keep" duplicates="keep" read CDNOW as the literature does: the Q1 1997 cohort of 23,570', async () => {
    const el = await fixture<RwCohortRetention>(
      html`<rw-cohort-retention src="/data/cdnow/CDNOW_master.txt" zero-amounts="keep" duplicates="keep"></rw-cohort-retention>`,
    );
    await settled(el);
    expect(el.report!.rowsAccepted).to.equal(69659);
    // Oracle from the text: first month of any line per customer.
    const text = await (await fetch('/data/cdnow/CDNOW_master.txt')).text();
    const first = new Map<string, string>();
    for (const line of text.split('\n').slice(1)) {
      const [id, date] = line.trim().split(/\s+/);
      if (id && !first.has(id)) first.set(id, date.slice(0, 6));
    }
    const jan = [...first.values()].filter((m) => m === '199701').length;
    const r = el.result!;
    expect(r.cohorts.map((c) => c.cohort)).to.deep.equal(['1997-01', '1997-02', '1997-03']);
    expect(r.cohorts.reduce((sum, c) => sum + c.size, 0)).to.equal(23570);
    expect(r.cohorts[0].size).to.equal(jan);
    expect((el.heatmapView!.data('cells') as Cell[])[0].cohortLabel).to.equal(`1997-01 · ${jan.toLocaleString('en-US')}`);
  });

  it('an invalid loader attribute value shows the validation error, not a silent fallback', async () => {
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention zero-amounts="sometimes"></rw-cohort-retention>`);
    el.data = [{ customer: 'a', date: '2024-01-01', amount: 1 }];
    await settled(el);
    expect(el.status).to.equal('error');
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('zeroAmounts');
  });

  it('renders without eval, without injected <style> and without global tooltip elements', async () => {
    const violations: SecurityPolicyViolationEvent[] = [];
    const onViolation = (e: SecurityPolicyViolationEvent) => violations.push(e);
    document.addEventListener('securitypolicyviolation', onViolation);
    const realFunction = window.Function;
    let functionCalls = 0;
    window.Function = function (...args: string[]) {
      functionCalls++;
      return realFunction(...args);
    } as unknown as FunctionConstructor;
    const headStyles = document.head.querySelectorAll('style').length;
    try {
      const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention src=${SAMPLE} customer-field="column1" date-field="column3" amount-field="column5" percent></rw-cohort-retention>`);
      await settled(el);
      expect(el.status).to.equal('ready');
      el.period = 'week';
      await waitUntil(() => el.result?.period === 'week' && el.status === 'ready');
      await el.updateComplete;
      expect(el.heatmapView).to.not.equal(undefined);
    } finally {
      window.Function = realFunction;
      document.removeEventListener('securitypolicyviolation', onViolation);
    }
    expect(functionCalls).to.equal(0);
    expect(violations).to.have.length(0);
    expect(document.head.querySelectorAll('style').length).to.equal(headStyles);
    expect(document.getElementById('vega-embed-style')).to.equal(null);
    expect(document.getElementById('vega-tooltip-style')).to.equal(null);
  });

  it('finalizes its Vega views when removed', async () => {
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention .data=${rows}></rw-cohort-retention>`);
    await settled(el);
    const view = el.heatmapView!;
    let finalized = false;
    const finalize = view.finalize.bind(view);
    view.finalize = () => {
      finalized = true;
      return finalize();
    };
    el.remove();
    expect(finalized).to.equal(true);
    expect(el.heatmapView).to.equal(undefined);
    document.body.append(el);
    await waitUntil(() => el.heatmapView !== undefined, 'redrawn after reconnect');
  });
});
