import { expect, waitUntil } from '@open-wc/testing';
import { LitElement, render } from 'lit';
import type { OrderTable } from '../../src/core/order-table.js';
import { LoadError, type LoadOptions, type LoadReport, type OrdersInput } from '../../src/data/types.js';
import { messagesFor } from '../../src/i18n/messages.js';
import { AnalysisController } from '../../src/widgets/shared/analysis-controller.js';
import { defineElement } from '../../src/widgets/shared/define.js';
import { progressText, rejectedSummaryTemplate } from '../../src/widgets/shared/templates.js';

const table = (n: number): OrderTable => ({
  length: n,
  customer: { codes: new Int32Array(n), values: n ? ['x'] : [] },
  day: new Int32Array(n),
  amount: new Float64Array(n),
  hasAmount: false,
  timeZone: 'UTC',
});
const report = (orders: number): LoadReport => ({
  rowsRead: orders + 1, rowsAccepted: orders, rowsRejected: 1,
  reasons: [{ reason: 'missing-customer', message: 'Row has no customer id; set customer-field.', count: 1, examples: [{ row: 3, values: { id: '' } }] }],
  orders, customers: orders ? 1 : 0, format: 'array', mapping: { customer: 'id', date: 'd' }, ms: 1,
});

/** A fake loader: input is the number of orders; resolves after `input` ms, reporting progress. */
const signals: AbortSignal[] = [];
async function fakeLoad(input: OrdersInput, options?: LoadOptions) {
  const n = Number(input);
  signals.push(options!.signal!);
  if (!Number.isFinite(n)) throw new LoadError('no-customer-column', 'no column looks like a customer id; set customer-field');
  options!.onProgress?.({ phase: 'parse', rows: n });
  await new Promise((r) => setTimeout(r, n));
  if (options!.signal!.aborted) throw new DOMException('aborted', 'AbortError');
  return { orders: table(n), report: report(n) };
}

let computed: { n: number; p: number }[] = [];

class TestAnalysisHost extends LitElement {
  analysis = new AnalysisController<number, string>(this, {
    load: fakeLoad,
    compute: (orders, p) => {
      computed.push({ n: orders.length, p });
      return `${orders.length}:${p}`;
    },
  });
}
defineElement('test-analysis-host', TestAnalysisHost);
defineElement('test-analysis-host', class extends LitElement {}); // second define is a no-op

describe('AnalysisController', () => {
  let host: TestAnalysisHost;
  beforeEach(() => {
    computed = [];
    signals.length = 0;
    host = document.createElement('test-analysis-host') as TestAnalysisHost;
    document.body.append(host);
  });
  afterEach(() => host.remove());

  it('drops the stale run: aborts the first load and computes only the second source', async () => {
    const events: number[] = [];
    host.addEventListener('rw-load', (e) => events.push(e.detail.rowsAccepted));
    host.analysis.setParams(1);
    host.analysis.setSource('300'); // slow
    host.analysis.setSource('20'); // fast
    expect(host.analysis.status).to.equal('loading');
    expect(host.analysis.progress).to.deep.equal({ phase: 'parse', rows: 20 });
    await waitUntil(() => host.analysis.status === 'ready');
    await new Promise((r) => setTimeout(r, 350)); // past the slow load
    expect(signals[0].aborted).to.equal(true);
    expect(host.analysis.result).to.equal('20:1');
    expect(computed).to.deep.equal([{ n: 20, p: 1 }]);
    expect(events).to.deep.equal([20]);
  });

  it('recomputes on parameter changes without reloading, coalescing changes in one task', async () => {
    host.analysis.setParams(1);
    host.analysis.setSource('5');
    await waitUntil(() => host.analysis.status === 'ready');
    host.analysis.setParams(2);
    host.analysis.setParams(3);
    await waitUntil(() => host.analysis.result === '5:3');
    expect(computed).to.deep.equal([{ n: 5, p: 1 }, { n: 5, p: 3 }]);
    expect(signals).to.have.length(1);
    expect(host.analysis.resultParams).to.equal(3);
  });

  it('reports empty for an empty table and error (with rw-error) when loading throws', async () => {
    host.analysis.setParams(1);
    host.analysis.setSource('0');
    await waitUntil(() => host.analysis.status === 'empty');
    const errors: string[] = [];
    host.addEventListener('rw-error', (e) => errors.push(`${e.detail.code}: ${e.detail.message}`));
    host.analysis.setSource('not a number');
    await waitUntil(() => host.analysis.status !== 'loading');
    expect(host.analysis.status).to.equal('error');
    expect(errors).to.deep.equal(['no-customer-column: no column looks like a customer id; set customer-field']);
    expect(host.analysis.result).to.equal(undefined);
    host.analysis.setSource(undefined);
    expect(host.analysis.status).to.equal('idle');
  });
});

class AsyncAnalysisHost extends LitElement {
  /** An asynchronous compute (as with the compute worker): resolves after `p` ms. */
  analysis = new AnalysisController<number, string>(this, {
    load: fakeLoad,
    compute: async (orders, p, signal) => {
      await new Promise((r) => setTimeout(r, p));
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      computed.push({ n: orders.length, p });
      return `${orders.length}:${p}`;
    },
  });
}
defineElement('test-async-analysis-host', AsyncAnalysisHost);

describe('AnalysisController with an asynchronous compute', () => {
  it('stays loading while a compute is in flight; a newer parameter wins over a slower, older compute', async () => {
    computed = [];
    const host = document.createElement('test-async-analysis-host') as AsyncAnalysisHost;
    document.body.append(host);
    try {
      host.analysis.setParams(200); // slow
      host.analysis.setSource('5');
      await waitUntil(() => host.analysis.status === 'ready', 'first result', { timeout: 5000 });
      expect(host.analysis.result).to.equal('5:200');
      host.analysis.setParams(300); // slow, superseded
      expect(host.analysis.status).to.equal('loading');
      await new Promise((r) => setTimeout(r, 10));
      host.analysis.setParams(20); // fast
      expect(host.analysis.status).to.equal('loading');
      await waitUntil(() => host.analysis.status === 'ready', 'second result', { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 350)); // past the slow compute
      expect(host.analysis.result).to.equal('5:20');
      expect(host.analysis.resultParams).to.equal(20);
      expect(host.analysis.status).to.equal('ready');
      expect(computed.map((c) => c.p)).to.deep.equal([200, 20]); // the superseded compute saw its abort
    } finally {
      host.remove();
    }
  });
});

describe('shared templates', () => {
  it('formats progress per language', () => {
    expect(progressText('en', messagesFor('en'), { phase: 'fetch', bytes: 1_000_000, totalBytes: 2_000_000 })).to.equal('Downloading · 1 MB of 2 MB');
    expect(progressText('en', messagesFor('en'), { phase: 'parse', rows: 69659 })).to.equal('Reading · 69,659 rows');
    expect(progressText('zh-CN', messagesFor('zh-CN'), { phase: 'parse', rows: 69659 })).to.equal('正在读取 · 69,659 行');
  });

  it('renders the rejected-rows summary with reasons, counts and examples', () => {
    const div = document.createElement('div');
    render(rejectedSummaryTemplate('en', messagesFor('en'), report(4)), div);
    const details = div.querySelector('details')!;
    expect(details.querySelector('summary')!.textContent).to.equal('5 rows read · 4 accepted · 1 rejected');
    const cells = [...details.querySelectorAll('tbody td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim());
    expect(cells).to.deep.equal(['Row has no customer id; set customer-field.', '1', 'row 3 id=""']);
  });
});
