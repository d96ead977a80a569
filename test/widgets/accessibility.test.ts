import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { emulateMedia } from '@web/test-runner-commands';
import { expectAccessible } from './axe.js';

// Issue 19: axe-core on every element of the manifest (an element added later is audited without a
// hand edit), in each state (loading, ready, empty, error) × theme light / dark × lang en / zh-CN.
// No violation of impact serious or critical may remain.

interface Manifest {
  modules: { exports?: { kind: string; name: string }[] }[];
}
const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
const TAGS = manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name)).sort();

type Widget = HTMLElement & { updateComplete: Promise<unknown>; status: string; data?: unknown; src?: string };
type State = 'loading' | 'ready' | 'empty' | 'error';
const STATES: State[] = ['loading', 'ready', 'empty', 'error'];
/** Dark both ways: forced by the `theme` attribute, and followed from the page's `prefers-color-scheme`. */
const VARIANTS = [
  { media: 'light', theme: null, lang: 'en' },
  { media: 'light', theme: 'dark', lang: 'en' },
  { media: 'dark', theme: null, lang: 'en' },
  { media: 'light', theme: null, lang: 'zh-CN' },
  { media: 'dark', theme: null, lang: 'zh-CN' },
  { media: 'dark', theme: 'light', lang: 'zh-CN' },
] as const;

/**
 * 160 customers over two years in BG/NBD's story: each buys at a rate of its own (mean gap 5–40
 * days) and may leave after any purchase, spending around an amount of its own, 1–3 of 8 products
 * per order. Every analysis (its fits included) has something to show. Deterministic.
 */
function orderRows(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  let seed = 19;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  let order = 0;
  for (let c = 0; c < 160; c++) {
    const first = Math.floor(rand() * 300);
    const spend = 8 * Math.exp(2 * rand());
    const meanGap = 5 + 35 * rand();
    const leave = 0.15 + 0.5 * rand();
    for (let day = first; day < 730; day += 1 + Math.floor(-Math.log(1 - rand()) * meanGap)) {
      const date = new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10);
      const items = 1 + Math.floor(rand() * 3);
      order++;
      for (let i = 0; i < items; i++) {
        const p = Math.floor(rand() * 8);
        rows.push({ customer: `c${c}`, order: `o${order}`, date, amount: Math.round(spend * (0.6 + 0.8 * rand()) * 100) / 100, product: `p${p}`, name: `Product ${p}` });
      }
      if (rand() < leave) break;
    }
  }
  return rows;
}
const ROWS = orderRows();
const FIELDS = { 'customer-field': 'customer', 'order-field': 'order', 'date-field': 'date', 'amount-field': 'amount', 'product-field': 'product', 'product-name-field': 'name' };

/** A fetch that answers `/a11y-hold/*` with headers and then never finishes the body: the loading state, held. */
const realFetch = window.fetch.bind(window);
function holdFetch(): void {
  window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/a11y-hold/')) return realFetch(input, init);
    const body = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('customer,date,amount\n')) });
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/csv', 'content-length': '100000' } }));
  }) as typeof fetch;
}

async function mount(tag: string, state: State): Promise<Widget> {
  const wrap = document.createElement('div');
  wrap.style.width = '900px';
  const el = document.createElement(tag) as Widget;
  el.setAttribute('timeout', '0');
  for (const [k, v] of Object.entries(FIELDS)) el.setAttribute(k, v);
  if (state === 'ready') el.data = ROWS;
  // Every row rejected (no usable date): the data loaded but holds no orders.
  else if (state === 'empty') el.data = [{ customer: 'a', order: 'o1', date: 'not a date', amount: 1, product: 'p', name: 'P' }];
  else if (state === 'error') el.src = '/a11y-no-such-file.csv';
  else el.src = '/a11y-hold/orders.csv';
  wrap.append(el);
  document.body.append(wrap);
  await el.updateComplete;
  if (state === 'loading') {
    await waitUntil(() => el.shadowRoot?.querySelector('[part=loading], .status.loading'), `${tag}: no loading state`, { timeout: 10_000 });
  } else {
    await waitUntil(() => el.status !== 'loading' && el.status !== 'idle', `${tag} still ${el.status}`, { timeout: 60_000 });
    await el.updateComplete;
  }
  const error = el.shadowRoot?.querySelector('[part=error], .status.error')?.textContent?.trim();
  expect(el.status, `${tag} status (${error ?? ''})`).to.equal(state);
  return el;
}

/**
 * Screen readers and keyboards: each chart figure is named (its title) and described (a takeaway and
 * where its data table is); each table has a caption and scoped header cells; every control of the
 * shadow root is in the tab order.
 */
function expectTextAlternatives(el: Widget, label: string): void {
  const root = el.shadowRoot!;
  for (const figure of root.querySelectorAll('[role=figure], [role=img]')) {
    expect(figure.getAttribute('aria-label')?.trim() ?? '', `${label}: figure without a name`).to.not.equal('');
    const ids = (figure.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const description = ids.map((id) => root.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim();
    const hint = el.getAttribute('lang') === 'zh-CN' ? '数据表' : 'data table';
    expect(description, `${label}: figure description`).to.contain(hint);
    expect(description.length, `${label}: figure description has a takeaway: ${description}`).to.be.greaterThan(hint.length + 20);
  }
  for (const table of root.querySelectorAll('table')) {
    // A caption, or the heading above it named with aria-labelledby (the visible lists under their section title).
    const labelledBy = table.getAttribute('aria-labelledby');
    const name = (labelledBy ? root.getElementById(labelledBy) : table.querySelector('caption'))?.textContent?.trim() ?? '';
    expect(name, `${label}: table without a caption: ${table.outerHTML.slice(0, 80)}`).to.not.equal('');
    expect(table.querySelectorAll('th').length, `${label}: table without header cells`).to.be.greaterThan(0);
    for (const th of table.querySelectorAll('th')) expect(th.getAttribute('scope'), `${label}: th without scope: ${th.outerHTML.slice(0, 80)}`).to.be.oneOf(['col', 'row', 'colgroup', 'rowgroup']);
  }
  for (const control of root.querySelectorAll<HTMLElement>('button, input, select, summary, a[href]')) {
    expect(control.tabIndex, `${label}: not in the tab order: ${control.outerHTML.slice(0, 80)}`).to.be.at.least(0);
  }
}

describe('axe-core: every element, every state, both themes, both languages', () => {
  before(holdFetch);
  after(async () => {
    window.fetch = realFetch;
    await emulateMedia({ colorScheme: 'light' });
  });
  afterEach(() => {
    for (const w of document.querySelectorAll('body > div')) w.remove();
  });

  it('audits every element of the manifest', () => {
    expect(TAGS.length).to.be.greaterThan(5);
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.not.equal(undefined);
  });

  for (const tag of TAGS) {
    for (const state of STATES) {
      it(`<${tag}> ${state}: no serious or critical violation in light / dark × en / zh-CN`, async () => {
        const el = await mount(tag, state);
        for (const { media, theme, lang } of VARIANTS) {
          await emulateMedia({ colorScheme: media });
          if (theme) el.setAttribute('theme', theme);
          else el.removeAttribute('theme');
          el.setAttribute('lang', lang);
          await el.updateComplete;
          const label = `<${tag}> ${state} prefers-color-scheme: ${media}, theme=${theme ?? '(none)'}, ${lang}`;
          expect(el.status, label).to.equal(state);
          await expectAccessible(el, label);
          if (state === 'ready') expectTextAlternatives(el, label);
        }
      });
    }
  }
});
