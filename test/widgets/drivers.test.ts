import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { compositeOver, contrastRatio, parseColor, type Rgba } from '../../src/charts/theme.js';
import { CATEGORIES, CHANNELS, DEFAULT_ATTRIBUTES, PRODUCTS, REGIONS, generateOrders } from '../../bench/lib/generate.mjs';
import { drivers, driversCustomers, type DriversOptions } from '../../src/core/drivers.js';
import type { OrderTable } from '../../src/core/order-table.js';
import { loadOrders } from '../../src/data/index.js';
import '../../src/widgets/drivers/index.js';
import type { DriversSelectDetail, RwDrivers } from '../../src/widgets/drivers/index.js';
import type { RwErrorDetail } from '../../src/widgets/shared/events.js';
import { settled } from './helpers.js';

/** Synthetic orders with channel, region, product and category columns (the generator's planted channel effect). */
function syntheticRows(orders: number, seed: number): Record<string, unknown>[] {
  const g = generateOrders({ orders, seed, attributes: true });
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  return Array.from({ length: g.length }, (_, i) => ({
    order_id: i + 1,
    customer_id: `c${g.customer[i]}`,
    date: iso(g.day[i]),
    amount: g.amount[i],
    channel: CHANNELS[g.channel![i]],
    region: REGIONS[g.region![i]],
    product: PRODUCTS[g.product![i]],
    category: CATEGORIES[g.category![i]],
  }));
}

/** The colour painted behind `node`: opaque backgrounds composited from the page up to it (white canvas below). */
function backgroundOf(node: Element): Rgba {
  const layers: Rgba[] = [];
  for (let n: Element | null = node; n; n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host ?? null)) {
    const c = parseColor(getComputedStyle(n).backgroundColor);
    if (c && c[3] > 0) layers.push(c);
    if (c && c[3] === 1) break;
  }
  return layers.reduceRight<Rgba>((below, top) => compositeOver(top, below), [255, 255, 255, 1]);
}

/** Text elements of the widget's own parts whose contrast is below 4.5:1 (WCAG 1.4.3). */
function lowContrast(el: RwDrivers): string[] {
  const selectors = ['[part=overall]', '[part=finding-button]', '[part=factor-button]', '[part=leaf-button]', '.flag[data-differs] span', '.note', '.ci', '.node-n', '.node-rate', 'h3', 'td'];
  const out: string[] = [];
  for (const node of el.shadowRoot!.querySelectorAll(selectors.join(','))) {
    if (!node.textContent?.trim() || !(node as HTMLElement).offsetParent) continue;
    const color = parseColor(getComputedStyle(node).color)!;
    const behind = backgroundOf(node);
    const ratio = contrastRatio(compositeOver(color, behind), behind);
    if (ratio < 4.5) out.push(`${node.className || node.getAttribute('part') || node.localName} "${node.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  return out;
}

function factorRows(el: RwDrivers): HTMLTableRowElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part=factors] tbody tr[data-feature]')];
}

function findingsText(el: RwDrivers): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part=finding-button]')].map((b) => b.textContent!.trim());
}

describe('<rw-drivers> on synthetic orders with a planted channel effect', function () {
  this.timeout(120_000);
  const rows = syntheticRows(30_000, 5);
  const options: DriversOptions = { target: 'repurchase', withinDays: 90, maxDepth: 3 };
  let el: RwDrivers;
  let orders: OrderTable;

  before(async () => {
    el = document.createElement('rw-drivers');
    el.data = rows;
    el.setAttribute('currency', 'GBP');
    el.style.width = '960px';
    document.body.append(el);
    orders = (await loadOrders(rows)).orders;
    await settled(el, 90_000);
  });
  after(() => el.remove());

  it('is ready with core drivers() on the loaded orders (target, window and defaults from the attributes)', () => {
    expect(el.status).to.equal('ready');
    const expected = drivers(orders, options);
    expect(el.result!.customers).to.equal(expected.customers);
    expect(el.result!.factors.map((f) => [f.feature, f.value, f.customers, f.successes])).to.deep.equal(expected.factors.map((f) => [f.feature, f.value, f.customers, f.successes]));
    expect(el.result!.tree.map((n) => [n.customers, n.successes, n.split?.feature, n.split?.value])).to.deep.equal(expected.tree.map((n) => [n.customers, n.successes, n.split?.feature, n.split?.value]));
    expect(el.result!.features).to.include.members(['channel', 'region', 'firstProduct', 'firstCategory', 'firstOrderValue', 'cohort']);
    expect(el.result!.withinDays).to.equal(90);
  });

  it('finds the planted channel: the top factor row, the first finding and the root split', () => {
    const planted = DEFAULT_ATTRIBUTES.plantedChannel;
    const first = factorRows(el)[0];
    expect(first.dataset.feature).to.equal('channel');
    expect(first.dataset.value).to.equal(planted);
    expect(first.dataset.differs).to.equal('higher');
    expect(first.querySelector('button')!.textContent!.trim()).to.equal(planted);
    expect(first.textContent).to.contain('First-order channel');
    const top = el.result!.factors[0];
    expect(top.rate).to.be.greaterThan(top.restRate);
    // The sentence says it with the numbers of the row, as whole percents.
    expect(findingsText(el)[0]).to.equal(
      `Customers with first order through ${planted}: 90-day repurchase rate ${Math.round(top.rate * 100)}%, the rest ${Math.round(top.restRate * 100)}%.`,
    );
    expect(el.result!.tree[0].split).to.include({ feature: 'channel', op: 'eq', value: planted });
    // The tree's root segment names the split in words.
    const rootChildren = [...el.shadowRoot!.querySelectorAll('[part=tree] .tree-root > li > ul > li')].map((li) => li.querySelector('.cond')!.textContent!.trim());
    expect(rootChildren).to.deep.equal([`first order through ${planted}`, `first order not through ${planted}`]);
  });

  it('draws the lift of the top tested values, the planted channel first, flagged higher', async () => {
    await waitUntil(() => el.chartView !== undefined, 'lift chart drawn', { timeout: 30_000 });
    const bars = el.chartView!.data('bars') as { feature: string; value: string; lift: number; direction: string }[];
    const tested = el.result!.factors.filter((f) => !f.belowMinSize && Number.isFinite(f.lift) && f.lift > 0).slice(0, 10);
    expect(bars.map((b) => [b.feature, b.value, b.lift])).to.deep.equal(tested.map((f) => [f.feature, f.value, f.lift]));
    expect(bars[0]).to.include({ feature: 'channel', value: DEFAULT_ATTRIBUTES.plantedChannel, direction: 'higher' });
    const text = [...el.shadowRoot!.querySelectorAll('.lift-chart svg text')].map((t) => t.textContent).join('|');
    expect(text).to.contain(`First-order channel: ${DEFAULT_ATTRIBUTES.plantedChannel}`);
  });

  it('shows the top rows, then every row after "Show all"; every row has a keyboard button', async () => {
    const all = el.result!.factors.length;
    expect(all).to.be.greaterThan(15);
    expect(factorRows(el)).to.have.length(15);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
    await el.updateComplete;
    expect(factorRows(el)).to.have.length(all);
    for (const row of factorRows(el)) expect(row.querySelector('button[part=factor-button]')).to.not.equal(null);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
    await el.updateComplete;
    expect(factorRows(el)).to.have.length(15);
  });

  it('a factor-row click fires rw-select with exactly driversCustomers of that value', async () => {
    for (const i of [0, 3]) {
      const row = factorRows(el)[i];
      const heard = oneEvent(el, 'rw-select');
      row.querySelector<HTMLButtonElement>('button')!.click();
      const detail = (await heard).detail as DriversSelectDetail;
      expect(detail).to.include({ kind: 'factor', feature: row.dataset.feature, value: row.dataset.value });
      const expected = driversCustomers(orders, options, { feature: row.dataset.feature!, value: row.dataset.value! });
      expect(detail.customerIds).to.deep.equal(expected);
      expect(detail.customerIds.length).to.equal(Number(row.dataset.customers));
    }
  });

  it('a leaf click fires rw-select with exactly driversCustomers of that node', async () => {
    const leaves = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=tree] button[part=leaf-button]')];
    expect(leaves.length).to.be.at.least(2);
    const treeLeaves = el.result!.tree.filter((n) => n.customerCodes);
    expect(leaves.map((b) => Number(b.dataset.node))).to.deep.equal(treeLeaves.map((n) => n.id));
    for (const button of [leaves[0], leaves[leaves.length - 1]]) {
      const node = Number(button.dataset.node);
      const heard = oneEvent(el, 'rw-select');
      button.click();
      const detail = (await heard).detail as DriversSelectDetail;
      expect(detail).to.include({ kind: 'leaf', node });
      expect(detail.customerIds).to.deep.equal(driversCustomers(orders, options, { node }));
      expect(detail.customerIds.length).to.equal(el.result!.tree[node].customers);
    }
  });

  it('a finding click selects the customers it speaks of', async () => {
    const heard = oneEvent(el, 'rw-select');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=finding-button]')!.click();
    const detail = (await heard).detail as DriversSelectDetail;
    const top = el.result!.factors[0];
    expect(detail).to.include({ kind: 'factor', feature: top.feature, value: top.value });
    expect(detail.customerIds).to.deep.equal(driversCustomers(orders, options, { feature: top.feature, value: top.value }));
  });

  it('exports the whole factor table as CSV', () => {
    const csv = el.toCsv()!;
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).to.equal('Factor,Value,Customers,Customers with the outcome,Rate,Rate 95% low,Rate 95% high,Rate elsewhere,Lift,p,p (Holm),Differs,Feature key,Value key');
    expect(lines).to.have.length(el.result!.factors.length + 1);
    const top = el.result!.factors[0];
    expect(lines[1].split(',').slice(0, 4)).to.deep.equal(['First-order channel', top.value, String(top.customers), String(top.successes)]);
  });

  it('text is readable (≥ 4.5:1) in the light and the dark theme, flags included', async () => {
    expect(el.shadowRoot!.querySelectorAll('.flag[data-differs=higher] span').length).to.be.greaterThan(0);
    expect(lowContrast(el), 'light').to.deep.equal([]);
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    expect(lowContrast(el), 'dark').to.deep.equal([]);
    el.removeAttribute('theme');
    await el.updateComplete;
  });

  it('fits 320 px: the factor table scrolls inside its frame, nothing overflows the host', async () => {
    el.style.width = '320px';
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    const base = el.shadowRoot!.querySelector<HTMLElement>('[part=base]')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    el.style.width = '960px';
    await el.updateComplete;
  });

  it('zh-CN: the findings are Chinese sentences (no English word but the data values) with 其余', async () => {
    el.setAttribute('lang', 'zh-CN');
    el.setAttribute('currency', 'CNY');
    await el.updateComplete;
    const findings = findingsText(el);
    expect(findings.length).to.be.greaterThan(0);
    const planted = DEFAULT_ATTRIBUTES.plantedChannel;
    expect(findings[0]).to.match(new RegExp(`^首单来自 ${planted} 的客户 90 天复购率 \\d+%，其余 \\d+%$`));
    const dataValues = [...CHANNELS, ...REGIONS, ...PRODUCTS, ...CATEGORIES].sort((a, b) => b.length - a.length);
    for (const sentence of findings) {
      let rest = sentence;
      for (const v of dataValues) rest = rest.split(v).join('');
      expect(rest, sentence).to.not.match(/[A-Za-z]/);
      expect(sentence).to.contain('其余');
    }
    expect(factorRows(el)[0].textContent).to.contain('首单渠道');
    el.setAttribute('lang', 'en');
    el.setAttribute('currency', 'GBP');
    await el.updateComplete;
  });
});

describe('<rw-drivers> targets, attributes and states', function () {
  this.timeout(120_000);
  const rows = syntheticRows(12_000, 9);

  it('target="churn" and "high-value" explain those outcomes; features limits the factors', async () => {
    const el = await fixture<RwDrivers>(html`<rw-drivers .data=${rows} target="churn" inactive-days="120" features="channel, region" max-depth="1"></rw-drivers>`);
    await settled(el, 90_000);
    expect(el.status).to.equal('ready');
    expect(el.result!.target).to.equal('churn');
    expect(el.result!.inactiveDays).to.equal(120);
    expect(el.result!.features).to.deep.equal(['channel', 'region']);
    expect(new Set(el.result!.factors.map((f) => f.feature))).to.deep.equal(new Set(['channel', 'region']));
    expect(el.shadowRoot!.querySelector('[part=overall]')!.textContent).to.contain('churn rate');
    el.setAttribute('target', 'high-value');
    await settled(el, 90_000);
    expect(el.result!.target).to.equal('highValue');
    expect(el.result!.rate).to.be.closeTo(0.2, 0.02);
    expect(el.shadowRoot!.querySelector('[part=overall]')!.textContent).to.contain('high-value share');
  });

  it('an unknown target or feature shows the error state', async () => {
    const errors: RwErrorDetail[] = [];
    const el = await fixture<RwDrivers>(html`<rw-drivers .data=${rows} target="loyalty" @rw-error=${(e: CustomEvent<RwErrorDetail>) => errors.push(e.detail)}></rw-drivers>`);
    await settled(el);
    expect(el.status).to.equal('error');
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('target must be repurchase, churn or high-value');
    expect(errors.length).to.equal(1);
    el.setAttribute('target', 'repurchase');
    el.setAttribute('features', 'colour');
    await settled(el);
    expect(el.status).to.equal('error');
  });

  it('no customer with a finished window: says so instead of a table', async () => {
    const young = [
      { customer_id: 'a', date: '2024-03-01', amount: 10 },
      { customer_id: 'b', date: '2024-03-05', amount: 20 },
      { customer_id: 'a', date: '2024-03-20', amount: 12 },
    ];
    const el = await fixture<RwDrivers>(html`<rw-drivers .data=${young}></rw-drivers>`);
    await settled(el);
    expect(el.status).to.equal('ready');
    expect(el.result!.customers).to.equal(0);
    expect(el.shadowRoot!.querySelector('[data-note=no-eligible]')!.textContent).to.contain('90-day repurchase rate');
    expect(el.shadowRoot!.querySelector('[part=factors]')).to.equal(null);
  });

  it('shows the empty state when every row is rejected', async () => {
    const rejected = [
      { customer_id: 'a', date: 'not a date', amount: 10 },
      { customer_id: 'b', date: 'nope', amount: 20 },
    ];
    const el = await fixture<RwDrivers>(html`<rw-drivers .data=${rejected}></rw-drivers>`);
    await settled(el);
    if (el.status === 'error') {
      expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.match(/date|row/i);
      return;
    }
    expect(el.status).to.equal('empty');
    expect(el.shadowRoot!.querySelector('[part=empty]')).to.not.equal(null);
  });
});
