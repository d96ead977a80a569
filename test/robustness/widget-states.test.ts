// A sample of the bad-data corpus through a widget (issue 7): the error state shows the loader's
// message (problem and fix) with Retry; a result shows the rejected-rows summary with exact counts.
// Plus the source attributes added for faults: `timeout` → timeoutMs (default 30000), the
// `fetchOptions` property → the loader's fetchOptions (never an attribute).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/widgets/cohort-retention/index.js';
import type { RwCohortRetention } from '../../src/widgets/cohort-retention/index.js';
import { DEFAULT_TIMEOUT_MS, sourceOf } from '../../src/widgets/shared/source-attributes.js';

const urls: string[] = [];
const blobUrl = (text: string, type = 'text/csv'): string => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  urls.push(url);
  return url;
};

async function settle(el: RwCohortRetention): Promise<void> {
  await waitUntil(() => el.status !== 'loading' && el.status !== 'idle', `still ${el.status}`, { timeout: 15000 });
  await el.updateComplete;
}
const shadowText = (el: Element, selector: string): string | undefined => el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

describe('bad data through a widget', () => {
  after(() => urls.forEach((u) => URL.revokeObjectURL(u)));

  const errorCases: [string, string, string, RegExp][] = [
    ['empty file', '', 'empty', /empty/],
    ['header only', 'customer,date,amount\n', 'header-only', /customer, date, amount.*no data rows/],
    ['no customer column', 'date,amount\n2024-01-01,5\n', 'no-customer-column', /customer id.*customer-field/],
    // An envelope with one array of objects is read (issue 16); one whose array holds no objects is not.
    ['JSON object', '{"orders":[1,2]}', 'not-json-array', /"orders" property holds an array/],
  ];
  for (const [name, text, code, message] of errorCases) {
    it(`${name}: error state with the message and Retry, an rw-error event`, async () => {
      const events: { code: string; message: string }[] = [];
      const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention @rw-error=${(e: CustomEvent) => events.push(e.detail)} src=${blobUrl(text, name === 'JSON object' ? 'application/json' : 'text/csv')}></rw-cohort-retention>`);
      await settle(el);
      expect(el.status).to.equal('error');
      expect(events.map((e) => e.code)).to.deep.equal([code]);
      expect(shadowText(el, '.error-message')).to.match(message);
      expect(el.shadowRoot!.querySelector('button.retry')).to.not.equal(null);
      expect(el.shadowRoot!.querySelector('[part="summary"]')).to.equal(null);
    });
  }

  it('rejected rows: the summary shows exact counts per reason', async () => {
    const text = ['customer,order,date,amount',
      'a,1,2024-01-01,5', 'a,1,2024-01-01,5', // duplicate-row
      'b,2,2023-02-30,5', 'c,3,yesterday,5', // unparseable-date ×2
      'd,4,2024-01-03,NaN', 'e,5,2024-01-04,€12', ',6,2024-01-05,1', // non-numeric, ok, missing-customer
      'f,7,2024-02-01,-3', 'g,8,2024-02-02,0', 'a,9,2024-03-01,"1,234.50"'].join('\n');
    const loads: { rowsAccepted: number; rowsRejected: number; customers: number }[] = [];
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention @rw-load=${(e: CustomEvent) => loads.push(e.detail)} src=${blobUrl(text)}></rw-cohort-retention>`);
    await settle(el);
    expect(el.status).to.equal('ready');
    expect(loads.map((l) => [l.rowsAccepted, l.rowsRejected, l.customers])).to.deep.equal([[3, 7, 2]]);
    expect(shadowText(el, '.summary-line')).to.equal('10 rows read · 3 accepted · 7 rejected');
    const rows = [...el.shadowRoot!.querySelectorAll('tr[data-reason]')].map((tr) => [tr.getAttribute('data-reason'), tr.querySelector('.num')!.textContent]);
    expect(rows).to.deep.equal([['unparseable-date', '2'], ['missing-customer', '1'], ['non-numeric-amount', '1'], ['duplicate-row', '1'], ['negative-amount', '1'], ['zero-amount', '1']]);
  });

  it('HTML payloads in ids stay text in the summary examples', async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const text = `customer,date,amount\n"${payload.replace(/"/g, '""')}",2024-01-01,oops\nb,2024-01-02,3\n`;
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention src=${blobUrl(text)}></rw-cohort-retention>`);
    await settle(el);
    (el.shadowRoot!.querySelector('details') as HTMLDetailsElement).open = true;
    await new Promise((r) => setTimeout(r, 100));
    expect(shadowText(el, 'tr[data-reason] code')).to.contain(payload.replace(/"/g, '\\"'));
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
  });
});

describe('source attributes for faults', () => {
  it('timeout defaults to 30000 ms, the attribute sets it, fetchOptions is a property only', async () => {
    const el = await fixture<RwCohortRetention>(html`<rw-cohort-retention></rw-cohort-retention>`);
    el.src = '/data/none.csv';
    expect(sourceOf(el).options.timeoutMs).to.equal(DEFAULT_TIMEOUT_MS);
    expect(DEFAULT_TIMEOUT_MS).to.equal(30000);
    el.setAttribute('timeout', '1500');
    await el.updateComplete;
    expect(sourceOf(el).options.timeoutMs).to.equal(1500);
    const headers = { Authorization: 'Bearer t0k3n' };
    el.fetchOptions = { headers };
    expect(sourceOf(el).options.fetchOptions).to.deep.equal({ headers });
    el.setAttribute('fetchoptions', '{"headers":{}}');
    await el.updateComplete;
    expect(el.fetchOptions).to.deep.equal({ headers }); // an attribute never sets it
    el.removeAttribute('fetchoptions');
  });
});
