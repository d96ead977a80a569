// <rw-churn> and <rw-clv>: the model attribute, the model section and its notes, CLV without
// amounts (issue 15's widget part). Numbers are checked against the analyses run directly.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { churnAnalysis } from '../../src/analyses/churn-analysis.js';
import { clvAnalysis } from '../../src/analyses/clv-analysis.js';
import { loadOrders } from '../../src/data/index.js';
import '../../src/widgets/churn/index.js';
import '../../src/widgets/clv/index.js';
import type { RwChurn } from '../../src/widgets/churn/index.js';
import type { RwClv } from '../../src/widgets/clv/index.js';
import { settled } from './helpers.js';

const MASTER = '/data/cdnow/CDNOW_master.txt';
const RETAIL = '/data/uci-online-retail/Online%20Retail.parquet';
const LATIN = /[A-Za-z]/;

afterEach(() => fixtureCleanup());

async function mount<T extends HTMLElement>(template: ReturnType<typeof html>, tag: string): Promise<T> {
  const wrap = await fixture<HTMLElement>(html`<div style="width: 900px">${template}</div>`);
  const el = wrap.querySelector(tag) as T & { status: string };
  await settled(el as never);
  return el;
}

const text = (root: ShadowRoot, selector: string) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<rw-churn> purchase model and notes', () => {
  it('Online Retail (returns="net"): the at-risk list is not empty, with notes naming negligible dropout and the overdue basis; zh-CN notes have no English word', async () => {
    const el = await mount<RwChurn>(html`<rw-churn src=${RETAIL} customer-field="CustomerID" order-field="InvoiceNo" date-field="InvoiceDate"
      amount-field="Quantity*UnitPrice" returns="net" currency="GBP"></rw-churn>`, 'rw-churn');
    expect(el.status).to.equal('ready');
    const r = el.result!;
    expect(r.churn.churnedCustomers).to.be.above(0);
    expect(r.atRisk.length).to.be.above(0);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('table.list tbody tr').length).to.be.above(0);
    expect(root.querySelector('[data-model]')!.getAttribute('data-model')).to.equal('bg-nbd');
    // Whatever the fit sees, the widget shows it: every degeneracy code in words, and the basis.
    expect(Array.from(root.querySelectorAll('[data-note="degenerate"] li'), (li) => li.getAttribute('data-code'))).to.deep.equal(r.degeneracy);
    expect(r.dropoutNegligible).to.equal(true); // Online Retail's BG/NBD: a ≈ 0.003 (see churn-analysis.ts)
    expect(r.degeneracy).to.include('negligible-dropout');
    expect(r.listBasis).to.equal('overdue');
    expect(root.querySelector('[data-note="list-basis"]')!.getAttribute('data-reason')).to.equal('negligible-dropout');
    expect(text(root, '[data-note="list-basis"]')).to.match(/negligible dropout/);
    expect(text(root, '[data-note="ranked-by"]')).to.match(/value lost/);
    console.log('Online Retail churn (returns net):', r.model, 'degeneracy', r.degeneracy, 'basis', r.listBasis, 'at risk', r.atRisk.length, 'churned', r.churn.churnedCustomers);

    el.lang = 'zh-CN';
    await settled(el as never);
    for (const selector of ['[data-note="list-basis"]', '[data-note="ranked-by"]', '[data-note="degenerate"]', '.model-reason']) {
      const words = text(root, selector);
      expect(words.length, selector).to.be.above(0);
      expect(words, selector).not.to.match(LATIN);
    }
  });

  it('model="pareto-nbd" shows the Pareto/NBD parameters (r, α, s, β) equal to the analysis', async () => {
    const el = await mount<RwChurn>(html`<rw-churn src=${MASTER} zero-amounts="keep" duplicates="keep" model="pareto-nbd"></rw-churn>`, 'rw-churn');
    expect(el.status).to.equal('ready');
    const r = el.result!;
    expect(r.model).to.equal('pareto-nbd');
    const want = churnAnalysis(el.orders!, { period: 'month', inactiveDays: 'auto', pAliveBelow: 0.5, unit: 'weeks', model: 'pareto-nbd' });
    const fit = want.modelFit as { r: number; alpha: number; s: number; beta: number };
    const root = el.shadowRoot!;
    const shown = (k: string) => root.querySelector(`[data-param="${k}"]`)!.textContent!.trim();
    const f4 = (v: number) => v.toLocaleString('en', { maximumSignificantDigits: 4 }); // model parameters: 4 significant digits
    expect([shown('r'), shown('alpha'), shown('s'), shown('beta')]).to.deep.equal([fit.r, fit.alpha, fit.s, fit.beta].map(f4));
    expect(root.querySelector('[data-param="a"]')).to.equal(null);
    expect(text(root, '.model-name')).to.equal('Pareto/NBD');
    expect(root.querySelector('.model-reason')!.getAttribute('data-reason')).to.equal('requested');
  });

  it('model="auto" shows the recommended model and why; an unknown value falls back to BG/NBD', async () => {
    const el = await mount<RwChurn>(html`<rw-churn src=${MASTER} zero-amounts="keep" duplicates="keep" model="auto"></rw-churn>`, 'rw-churn');
    const r = el.result!;
    expect(r.modelReason).not.to.equal('requested');
    expect(el.shadowRoot!.querySelector('[data-model]')!.getAttribute('data-model')).to.equal(r.model);
    expect(el.shadowRoot!.querySelector('.model-reason')!.getAttribute('data-reason')).to.equal(r.modelReason);
    el.setAttribute('model', 'weibull');
    await settled(el as never);
    expect(el.result!.model).to.equal('bg-nbd');
  });

  it('without amounts: ranked by expected purchases lost, the "lost" column is purchases', async () => {
    const el = await mount<RwChurn>(html`<rw-churn src=${MASTER} amount-field="" zero-amounts="keep" duplicates="keep"></rw-churn>`, 'rw-churn');
    expect(el.status).to.equal('ready');
    const r = el.result!;
    expect(r.rankedBy).to.equal('expected-purchases-lost');
    const root = el.shadowRoot!;
    expect(root.querySelector('[data-note="ranked-by"]')!.getAttribute('data-ranked-by')).to.equal('expected-purchases-lost');
    const rows = [...root.querySelectorAll<HTMLTableRowElement>('table.list tbody tr')];
    expect(rows.length).to.be.above(0);
    const lost = rows.map((tr) => Number(tr.dataset.purchasesLost));
    for (let i = 1; i < lost.length; i++) expect(lost[i]).to.be.at.most(lost[i - 1]);
    expect(rows[0].querySelectorAll('td')[4].textContent!.trim()).not.to.match(/[$£€]/);
  });
});

describe('<rw-clv> purchase model, calibration and no amounts', () => {
  it('without amounts: the purchase model, expected purchases and calibration with a note, no error state', async () => {
    const el = await mount<RwClv>(html`<rw-clv src=${MASTER} amount-field="" zero-amounts="keep" duplicates="keep"></rw-clv>`, 'rw-clv');
    expect(el.status).to.equal('ready');
    const r = el.result!;
    expect(r.value).to.equal(null);
    expect(r.gammaGamma).to.equal(null);
    expect(r.noValueReason).to.equal('no-amounts');
    const root = el.shadowRoot!;
    expect(root.querySelector('[part=error]')).to.equal(null);
    expect(text(root, '[data-note="no-amounts"]')).to.match(/no amount column/);
    for (const k of ['r', 'alpha', 'a', 'b']) expect(Number(root.querySelector(`[data-param="${k}"]`)!.textContent!.replace(/,/g, ''))).to.be.above(0);
    expect(root.querySelector('[data-param="p"]')).to.equal(null);
    // Top customers by expected purchases, equal to the analysis run directly.
    const want = clvAnalysis(el.orders!, { horizon: 12, discountRate: 0.01, unit: 'weeks', limit: 20 });
    const trs = [...root.querySelectorAll<HTMLTableRowElement>('table.list tbody tr')];
    expect(trs.map((t) => t.dataset.customer)).to.deep.equal(Array.from(want.top, (i) => want.input.customerId[i]));
    expect(trs.map((t) => Number(t.dataset.expectedPurchases))).to.deep.equal(Array.from(want.top, (i) => want.expectedPurchases[i]));
    // The calibration check: bucket sizes add up to the customers checked, and an overall error.
    const c = r.calibration!;
    expect(c.points.reduce((s, p) => s + p.customers, 0)).to.equal(c.customers);
    expect(c.meanAbsoluteError).to.be.at.least(0);
    const buckets = [...root.querySelectorAll<HTMLTableRowElement>('table.calibration-table tbody tr')];
    expect(buckets.map((b) => Number(b.dataset.customers))).to.deep.equal(c.points.map((p) => p.customers));
    el.lang = 'zh-CN';
    await settled(el as never);
    expect(text(root, '[data-note="no-amounts"]')).not.to.match(LATIN);
  });

  it('model="mbg-nbd": MBG/NBD parameters, CLV from that model, calibration of that model', async () => {
    const el = await mount<RwClv>(html`<rw-clv src=${MASTER} zero-amounts="keep" duplicates="keep" model="mbg-nbd"></rw-clv>`, 'rw-clv');
    expect(el.status).to.equal('ready');
    const r = el.result!;
    expect(r.model).to.equal('mbg-nbd');
    expect(r.calibration!.fit.model).to.equal('mbg-nbd');
    expect(r.value).not.to.equal(null);
    const bg = clvAnalysis(el.orders!, { horizon: 12, discountRate: 0.01, unit: 'weeks', limit: 20 });
    // A different purchase model gives different values (same Gamma-Gamma).
    expect(r.value!.total).not.to.equal(bg.value!.total);
    expect(r.value!.total).to.be.closeTo(bg.value!.total, bg.value!.total * 0.5);
    expect(el.shadowRoot!.querySelector('[data-model]')!.getAttribute('data-model')).to.equal('mbg-nbd');
    expect(el.shadowRoot!.querySelector('[data-param="mbgnbd-converged"]')).not.to.equal(null);
  });
});

describe('clvAnalysis without amounts', () => {
  it('returns the purchase model with value null and noValueReason, not an error; expected purchases equal the BG/NBD conditional expectation ranking', async () => {
    const { orders } = await loadOrders('customer,date\na,2024-01-01\na,2024-02-01\na,2024-03-01\nb,2024-01-05\nb,2024-03-20\nc,2024-01-10\nd,2024-02-10\nd,2024-02-20\nd,2024-04-01\ne,2024-03-01\ne,2024-05-01\n');
    const a = clvAnalysis(orders, { horizon: 6, discountRate: 0.01, unit: 'weeks', limit: 3 });
    expect(a.value).to.equal(null);
    expect(a.noValueReason).to.equal('no-amounts');
    expect(a.bins).to.deep.equal([]);
    expect(a.expectedPurchases.length).to.equal(a.input.length);
    for (const v of a.expectedPurchases) expect(v).to.be.at.least(0);
    const sorted = Array.from(a.expectedPurchases).sort((x, y) => y - x);
    expect(Array.from(a.top, (i) => a.expectedPurchases[i])).to.deep.equal(sorted.slice(0, 3));
  });
});
