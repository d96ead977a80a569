import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { bgNbdConditionalExpectedPurchases, fitBgNbd } from '../../src/core/bg-nbd.js';
import { daysFromCivil } from '../../src/core/calendar.js';
import { calibrationHoldout } from '../../src/core/calibration-holdout.js';
import { clv } from '../../src/core/clv.js';
import { customerSummary } from '../../src/core/customer-summary.js';
import { fitGammaGamma } from '../../src/core/gamma-gamma.js';
import '../../src/widgets/clv/index.js';
import type { ClvSelectDetail, RwClv } from '../../src/widgets/clv/index.js';
import type { RwErrorDetail } from '../../src/widgets/shared/events.js';
import { workerClient } from '../../src/worker/client.js';
import { settled } from './helpers.js';

const MASTER = '/data/cdnow/CDNOW_master.txt';

async function cdnow(width = 900, attrs: Partial<Record<'calibrationEnd' | 'horizon', string>> = {}): Promise<RwClv> {
  const wrap = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">
    <rw-clv src=${MASTER} zero-amounts="keep" duplicates="keep" calibration-end=${attrs.calibrationEnd ?? ''} horizon=${attrs.horizon ?? '12'}></rw-clv>
  </div>`);
  const el = wrap.querySelector('rw-clv') as RwClv;
  await settled(el);
  return el;
}

afterEach(() => fixtureCleanup());

describe('<rw-clv>', () => {
  it('renders CDNOW: fitted parameters, CLV, histogram and top table equal core and brute force', async () => {
    const el = await cdnow();
    expect(el.status).to.equal('ready');
    const orders = el.orders!;
    const asOf = orders.day[orders.length - 1];
    const summary = customerSummary(orders, { unit: 'weeks', calibrationEnd: asOf });
    const bg = fitBgNbd(summary);
    // CDNOW master has customers whose repeat purchases are all worth $0 (zero-amounts="keep"): the
    // Gamma-Gamma needs a positive mean value, so they enter it as frequency 0 (skipped).
    const ggFrequency = summary.frequency.map((x, i) => (x > 0 && !(summary.monetary[i] > 0) ? 0 : x));
    expect(ggFrequency.some((x, i) => x !== summary.frequency[i])).to.equal(true);
    const gg = fitGammaGamma({ frequency: ggFrequency, monetary: summary.monetary });
    const r = el.result!;
    expect([r.bgNbd.r, r.bgNbd.alpha, r.bgNbd.a, r.bgNbd.b, r.bgNbd.logLikelihood]).to.deep.equal([bg.r, bg.alpha, bg.a, bg.b, bg.logLikelihood]);
    expect([r.gammaGamma!.p, r.gammaGamma!.q, r.gammaGamma!.gamma]).to.deep.equal([gg.p, gg.q, gg.gamma]);
    const shown = (k: string) => el.shadowRoot!.querySelector(`[data-param="${k}"]`)!.textContent!.trim();
    const f4 = (v: number) => v.toLocaleString('en', { maximumSignificantDigits: 4 }); // model parameters: 4 significant digits
    expect([shown('r'), shown('alpha'), shown('a'), shown('b'), shown('p'), shown('q'), shown('gamma')]).to.deep.equal(
      [bg.r, bg.alpha, bg.a, bg.b, gg.p, gg.q, gg.gamma].map(f4),
    );
    expect(shown('bgnbd-converged')).to.equal(bg.converged ? 'yes' : 'no');

    const value = clv(bg, gg, summary, { horizon: 12, horizonUnit: 'months', modelUnit: 'weeks', discountRatePerPeriod: 0.01 });
    expect(Array.from(r.value!.clv)).to.deep.equal(Array.from(value.clv));

    // Histogram: brute-force counts per bar, every customer in exactly one bar.
    const bars = el.histogramView!.data('bins') as { bin: number; lo: number; hi: number; count: number }[];
    expect(bars.reduce((s, b) => s + b.count, 0)).to.equal(summary.length);
    for (const b of bars) expect(b.count).to.equal(Array.from(value.clv).filter((v) => v >= b.lo && v < b.hi).length);
    expect(bars.length).to.be.within(4, 17);

    // Top table: the 20 highest CLVs.
    const order = Array.from(value.clv.keys()).sort((p, q) => value.clv[q] - value.clv[p] || (summary.customerId[p] < summary.customerId[q] ? -1 : 1));
    const trs = [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('table.list tbody tr')];
    expect(trs.map((t) => t.dataset.customer)).to.deep.equal(order.slice(0, 20).map((i) => summary.customerId[i]));
    expect(trs.map((t) => Number(t.dataset.clv))).to.deep.equal(order.slice(0, 20).map((i) => value.clv[i]));
    expect(trs[0].querySelectorAll('td')[4].textContent!.trim()).to.equal(value.clv[order[0]].toLocaleString('en', { maximumFractionDigits: 2 }));
  });

  it('the calibration chart equals a brute-force average of holdout purchases per calibration frequency', async () => {
    const el = await cdnow();
    const orders = el.orders!;
    const first = orders.day[0];
    const last = orders.day[orders.length - 1];
    const calEnd = first + Math.floor(((last - first) * 2) / 3);
    expect(el.result!.calibration!.calibrationEnd).to.equal(calEnd);
    const ch = calibrationHoldout(orders, calEnd, last, { unit: 'weeks' });
    const fit = fitBgNbd(ch);
    expect(el.result!.calibration!.fit.r).to.equal(fit.r);
    const sums = new Map<number, { n: number; actual: number; predicted: number }>();
    for (let i = 0; i < ch.length; i++) {
      const k = Math.min(ch.frequency[i], 7);
      const s = sums.get(k) ?? { n: 0, actual: 0, predicted: 0 };
      s.n++;
      s.actual += ch.holdoutFrequency[i];
      s.predicted += bgNbdConditionalExpectedPurchases(fit, ch.holdoutLength, ch.frequency[i], ch.recency[i], ch.T[i]);
      sums.set(k, s);
    }
    const points = el.calibrationView!.data('calibration') as { frequency: number; label: string; series: string; value: number; customers: number }[];
    expect(points).to.have.length(16);
    for (const p of points) {
      const s = sums.get(p.frequency)!;
      expect(p.customers).to.equal(s.n);
      expect(p.value).to.be.closeTo(p.series === 'Actual' ? s.actual / s.n : s.predicted / s.n, 1e-9);
    }
    expect(points[points.length - 1].label).to.equal('7+');

    // calibration-end attribute: FHL's 1997-09-30 split.
    el.calibrationEnd = '1997-09-30';
    await waitUntil(() => el.result?.calibration?.calibrationEnd === daysFromCivil(1997, 9, 30) && el.status === 'ready', 'FHL split', { timeout: 60_000 });
    expect(el.result!.calibration!.holdoutLength).to.be.closeTo(39, 1e-9);
  });

  it('a histogram bar (hidden-table button) and a top row emit the right ids', async () => {
    const el = await cdnow();
    const r = el.result!;
    const k = r.bins.findIndex((b) => b.count > 0 && b.count < 5000);
    const b = r.bins[k];
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-bin="${k}"]`)!.click());
    const ev = (await oneEvent(el, 'rw-select')) as CustomEvent<ClvSelectDetail>;
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail).to.include({ kind: 'bin', lo: b.lo, hi: b.hi });
    const expected = r.input.customerId.filter((_, i) => r.value!.clv[i] >= b.lo && r.value!.clv[i] < b.hi);
    expect(ev.detail.customerIds).to.deep.equal(expected);
    expect(expected).to.have.length(b.count);

    setTimeout(() => el.shadowRoot!.querySelectorAll<HTMLButtonElement>('table.list tbody button')[1].click());
    const row = (await oneEvent(el, 'rw-select')) as CustomEvent<ClvSelectDetail>;
    const id = r.input.customerId[r.top[1]];
    expect(row.detail).to.deep.equal({ kind: 'customer', customerId: id, customerIds: [id] });
  });

  it('horizon changes recompute with the shared fit; CSV export equals every customer’s CLV', async () => {
    const el = await cdnow();
    const fit = el.result!.bgNbd;
    el.horizon = 24;
    await waitUntil(() => el.result?.params.horizon === 24 && el.status === 'ready', 'recomputed', { timeout: 60_000 });
    // The shared fits are reused: cached for this table where the analyses run (page or worker); the
    // very same objects in-thread, equal copies from the worker (replies are structured clones).
    for (const model of ['fitBgNbd', 'fitGammaGamma']) {
      expect(await workerClient().hasSharedResult(el.orders!, `${model}:${el.result!.params.unit}:asOf=${el.result!.asOf}`), model).to.equal(true);
    }
    expect(el.result!.bgNbd).to.deep.equal(fit);
    if (workerClient().mode === 'main') expect(el.result!.bgNbd).to.equal(fit);
    const r = el.result!;
    const lines = el.toCsv()!.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('Customer,Orders,Revenue so far,Expected purchases,Expected spend per purchase,CLV');
    expect(lines).to.have.length(r.input.length + 1);
    const i = r.top[0];
    expect(lines[1]).to.equal([r.input.customerId[i], r.input.orders[i], r.input.revenue[i], r.value!.expectedPurchases[i], r.value!.expectedSpend[i], r.value!.clv[i]].join(','));
    const total = lines.slice(1).reduce((s, l) => s + Number(l.split(',')[5]), 0);
    expect(total).to.be.closeTo(r.value!.total, 1e-6 * r.value!.total);
    expect(await el.chartImage('svg', 1)).to.contain('7+');
  });

  it('lang="zh-CN" switches labels', async () => {
    const el = await cdnow();
    el.setAttribute('lang', 'zh-CN');
    await waitUntil(() => el.shadowRoot!.querySelector('.histogram svg')?.textContent?.includes('预测客户生命周期价值'), 'zh-CN histogram title');
    expect(el.shadowRoot!.querySelector('.calibration svg')!.textContent).to.contain('校准期复购次数');
    expect(el.shadowRoot!.querySelector('.params')!.textContent).to.contain('拟合参数');
    expect(el.toCsv()!.split('\r\n')[0]).to.contain('客户生命周期价值');
  });

  it('error state: no customer column; calibration-end outside the data', async () => {
    const bad = [
      { InvoiceNo: '1', InvoiceDate: '2010-12-01', Price: 2.55 },
      { InvoiceNo: '2', InvoiceDate: '2010-12-02', Price: 3.39 },
    ];
    const errors: RwErrorDetail[] = [];
    const el = await fixture<RwClv>(html`<rw-clv .data=${bad} @rw-error=${(e: CustomEvent<RwErrorDetail>) => errors.push(e.detail)}></rw-clv>`);
    await settled(el);
    expect(el.status).to.equal('error');
    expect(errors[0].code).to.equal('no-customer-column');
    const el2 = await cdnow(900, { calibrationEnd: '2001-01-01' });
    expect(el2.status).to.equal('error');
    expect(el2.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('calibration-end');
  });

  it('fits 320 px without overflowing the host', async () => {
    const el = await cdnow(320);
    await waitUntil(() => el.calibrationView !== undefined);
    await el.updateComplete;
    expect(el.clientWidth).to.equal(320);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
  });
});
