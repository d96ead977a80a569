import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/widgets/product-affinity/index.js';
import type { ProductAffinitySelectDetail, RwProductAffinity } from '../../src/widgets/product-affinity/index.js';
import { pagePosition, rectCenter, settled } from './helpers.js';
import { loadOrders } from '../../src/data/index.js';
import { productAffinity } from '../../src/core/product-affinity.js';

const RETAIL = '/data/uci-online-retail/Online%20Retail.parquet';

// By hand (one row per line): customers and the products of their orders, in day order.
//   a: o1 {shaver, foam} d1 · o4 {blades} d20        b: o2 {shaver, foam, gel} d2 · o5 {blades, foam} d30
//   c: o3 {shaver, gel} d3                            d: o6 {foam, gel} d5 · o7 {shaver} d40
// Pairs: foam+shaver 2 orders (a, b), gel+shaver 2 (b, c), foam+gel 2 (b, d), blades+foam 1.
const lines: [string, string, string, string, string][] = [
  ['a', 'o1', '2024-01-01', 'shaver', 'Shaver 3000'], ['a', 'o1', '2024-01-01', 'foam', 'Shaving foam'],
  ['b', 'o2', '2024-01-02', 'shaver', 'Shaver 3000'], ['b', 'o2', '2024-01-02', 'foam', 'Shaving foam'], ['b', 'o2', '2024-01-02', 'gel', 'After-shave gel'],
  ['c', 'o3', '2024-01-03', 'shaver', 'Shaver 3000'], ['c', 'o3', '2024-01-03', 'gel', 'After-shave gel'],
  ['a', 'o4', '2024-01-20', 'blades', 'Blades x4'],
  ['d', 'o6', '2024-01-05', 'foam', 'Shaving foam'], ['d', 'o6', '2024-01-05', 'gel', 'After-shave gel'],
  ['b', 'o5', '2024-01-30', 'blades', 'Blades x4'], ['b', 'o5', '2024-01-30', 'foam', 'Shaving foam'],
  ['d', 'o7', '2024-02-09', 'shaver', 'Shaver 3000'],
];
const rows = lines.map(([customer, order, date, product, name]) => ({ customer, order, date, amount: 5, product, name }));

async function element(): Promise<RwProductAffinity> {
  const el = await fixture<RwProductAffinity>(html`<rw-product-affinity .data=${rows} customer-field="customer" order-field="order" date-field="date"
    amount-field="amount" product-field="product" product-name-field="name" after="shaver" style="width: 800px"></rw-product-affinity>`);
  await settled(el);
  return el;
}

const pairRows = (el: RwProductAffinity) =>
  [...el.shadowRoot!.querySelectorAll('table[data-table=pairs] tbody tr')].map((tr) => `${(tr as HTMLElement).dataset.a}+${(tr as HTMLElement).dataset.b}`);

describe('<rw-product-affinity>', () => {
  afterEach(() => fixtureCleanup());

  it('renders the pairs with names, the basket tiles and the next-purchase view', async () => {
    const el = await element();
    expect(el.status).to.equal('ready');
    const r = el.result!;
    expect(r.affinity.orders).to.equal(7);
    expect(r.affinity.pairs.map((p) => `${p.a}+${p.b}:${p.orders}`)).to.deep.equal(['foam+gel:2', 'foam+shaver:2', 'gel+shaver:2']);
    expect(pairRows(el)).to.deep.equal(['foam+gel', 'foam+shaver', 'gel+shaver']);
    expect(el.shadowRoot!.querySelector('table[data-table=pairs] tbody .name')!.textContent).to.equal('Shaving foam');
    expect(el.shadowRoot!.querySelector('[data-tile=multiItemShare] .tile-value')!.textContent!.trim()).to.equal('71.4%');
    // After the shaver: a → blades (19 days), b → blades + foam (28 days), c never again, d no later order.
    const next = r.next!;
    expect(next.after).to.equal('shaver');
    expect(next.customers).to.equal(4);
    expect(next.neverAgainCustomers).to.equal(2);
    expect(next.items.map((x) => [x.item, x.customers, x.medianDays])).to.deep.equal([['blades', 2, 23.5], ['foam', 1, 28]]);
    expect(el.shadowRoot!.querySelector('table[data-table=next] caption')!.textContent).to.contain('Shaver 3000');
    const csv = el.toCsv()!;
    expect(csv.split('\r\n')[1]).to.equal('foam,Shaving foam,gel,After-shave gel,2,0.2857142857142857,0.5,0.6666666666666666,1.1666666666666667');
  });

  it('sorts by lift and confidence from the keyboard-reachable header buttons', async () => {
    const el = await element();
    el.minOrders = 1;
    await settled(el);
    // n: shaver 4, foam 4, gel 3, blades 2 of N = 7 orders. Lift: foam+gel 14/12, foam+shaver 14/16,
    // gel+shaver 14/12, blades+foam 7/8; ties keep core's order (orders desc, then ids).
    expect(pairRows(el)).to.deep.equal(['foam+gel', 'foam+shaver', 'gel+shaver', 'blades+foam']);
    const liftButton = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-kind=sort][data-sort=lift]')!;
    liftButton.focus();
    liftButton.click();
    await el.updateComplete;
    expect(el.sort).to.equal('lift');
    expect(pairRows(el)).to.deep.equal(['foam+gel', 'gel+shaver', 'foam+shaver', 'blades+foam']);
    expect(el.shadowRoot!.querySelector('th[aria-sort=descending] button')!.getAttribute('data-sort')).to.equal('lift');
    // Confidence A→B: gel→shaver 2/3, the others 1/2.
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-kind=sort][data-sort=confidenceAB]')!.click();
    await el.updateComplete;
    expect(pairRows(el)).to.deep.equal(['gel+shaver', 'foam+gel', 'foam+shaver', 'blades+foam']);
  });

  it('rw-select gives exactly the customers who bought both, from a row and from the heatmap', async () => {
    const el = await element();
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-kind=pair][data-a=foam][data-b=shaver]')!;
    setTimeout(() => button.click());
    const ev = (await oneEvent(el, 'rw-select')) as CustomEvent<ProductAffinitySelectDetail>;
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail).to.deep.equal({ kind: 'pair', by: 'product', a: 'foam', b: 'shaver', customerIds: ['a', 'b'] });

    await waitUntil(() => el.heatmapView !== undefined, 'heatmap drawn', { timeout: 20_000 });
    const view = el.heatmapView!;
    const found = rectCenter(view, (d) => d.a === 'gel' && d.b === 'shaver');
    expect(found, 'cell in scenegraph').to.not.equal(undefined);
    el.shadowRoot!.querySelector('.heatmap')!.scrollIntoView({ block: 'center' });
    const got = oneEvent(el, 'rw-select') as Promise<CustomEvent<ProductAffinitySelectDetail>>;
    await sendMouse({ type: 'click', position: pagePosition(view, el.shadowRoot!.querySelector('.heatmap svg')!, found!) });
    expect((await got).detail).to.deep.equal({ kind: 'pair', by: 'product', a: 'gel', b: 'shaver', customerIds: ['b', 'c'] });
  });

  it('rw-select on the next-purchase view gives who bought that item next, or never came back', async () => {
    const el = await element();
    const blades = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-kind=next][data-item=blades]')!;
    setTimeout(() => blades.click());
    const ev = (await oneEvent(el, 'rw-select')) as CustomEvent<ProductAffinitySelectDetail>;
    expect(ev.detail).to.deep.equal({ kind: 'next', by: 'product', after: 'shaver', item: 'blades', customerIds: ['a', 'b'] });
    const never = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-kind=next][data-never=true]')!;
    setTimeout(() => never.click());
    const ev2 = (await oneEvent(el, 'rw-select')) as CustomEvent<ProductAffinitySelectDetail>;
    expect(ev2.detail).to.deep.equal({ kind: 'next', by: 'product', after: 'shaver', item: null, customerIds: ['c', 'd'] });
  });

  it('speaks zh-CN and shows a code-driven note without a product column', async () => {
    const el = await element();
    el.lang = 'zh-CN';
    await el.updateComplete;
    const heads = [...el.shadowRoot!.querySelectorAll('table[data-table=pairs] thead th')].map((th) => th.textContent!.trim());
    expect(heads.join(' ')).to.contain('支持度').and.contain('置信度').and.contain('提升度');
    const bare = await fixture<RwProductAffinity>(html`<rw-product-affinity .data=${rows.map(({ product: _p, ...r }) => r)} customer-field="customer" date-field="date" amount-field="amount"></rw-product-affinity>`);
    await settled(bare);
    expect(bare.result!.affinity.status).to.equal('no-item-column');
    expect(bare.shadowRoot!.querySelector('[data-note=no-items]')).to.not.equal(null);
  });

  it('Online Retail with product names: the same pairs as core, names from the Description column', async () => {
    const el = await fixture<RwProductAffinity>(html`<rw-product-affinity src=${RETAIL} customer-field="CustomerID" order-field="InvoiceNo"
      date-field="InvoiceDate" amount-field="Quantity*UnitPrice" product-field="StockCode" product-name-field="Description" min-orders="20"
      style="width: 900px"></rw-product-affinity>`);
    await settled(el, 180_000);
    expect(el.status).to.equal('ready');
    const { orders } = await loadOrders(new URL(RETAIL, location.href), {
      mapping: { customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', amount: 'Quantity*UnitPrice', product: 'StockCode', productName: 'Description' },
    });
    const t0 = performance.now();
    const core = productAffinity(orders, { minOrders: 20, top: 100, matrixItems: 12 });
    console.log(`Online Retail productAffinity in the page: ${(performance.now() - t0).toFixed(0)} ms, ${core.qualifyingPairs} pairs with 20+ orders`);
    expect(el.result!.affinity.pairs).to.deep.equal(core.pairs);
    expect(core.pairs[0]).to.include({ a: '22386', b: '85099B', aName: 'JUMBO BAG PINK POLKADOT', bName: 'JUMBO BAG RED RETROSPOT', orders: 546 });
    expect(el.shadowRoot!.querySelector('table[data-table=pairs] tbody .name')!.textContent).to.equal('JUMBO BAG PINK POLKADOT');
    expect(el.result!.next!.after).to.equal('22386');
  });
});
