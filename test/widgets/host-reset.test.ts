// Hostile host styles (issue 18): inherited typography and alignment stop at the element, and KPI
// tiles fill their row and never break a number, whatever the host page sets around them.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/widgets/kpis/index.js';
import type { RwKpis } from '../../src/widgets/kpis/index.js';
import { settled } from './helpers.js';

// Big amounts so the AOV and CLV values are long ("$1,234,567.89"): they broke inside ~131 px tiles.
const rows = [
  { customer: 'a', date: '2024-01-01', amount: 1234567.89 },
  { customer: 'b', date: '2024-01-03', amount: 2345678.12 },
  { customer: 'a', date: '2024-01-05', amount: 3456789.01 },
  { customer: 'a', date: '2024-01-12', amount: 4567890.12 },
  { customer: 'c', date: '2024-01-15', amount: 5678901.23 },
  { customer: 'd', date: '2024-01-18', amount: 6789012.34 },
  { customer: 'e', date: '2024-01-20', amount: 7890123.45 },
];

afterEach(() => fixtureCleanup());

async function kpisIn(width: number): Promise<RwKpis> {
  const host = await fixture<HTMLDivElement>(html`<div style="width: ${width}px; text-align: center; text-transform: uppercase; text-indent: 3em; letter-spacing: 0.3em; line-height: 3; font-style: italic; white-space: nowrap">
    <rw-kpis .data=${rows} window-days="10" as-of="2024-01-20" inactive-days="7" currency="USD"></rw-kpis>
  </div>`);
  const el = host.querySelector<RwKpis>('rw-kpis')!;
  await settled(el);
  expect(el.status).to.equal('ready');
  return el;
}

describe('host page styles', () => {
  it('a centred, upper-cased, indented, spaced host does not reach the widget text', async () => {
    const el = await kpisIn(900);
    for (const selector of ['.caption', '.tile-label', '.tile-value', '.tile-note']) {
      const style = getComputedStyle(el.shadowRoot!.querySelector(selector)!);
      expect(style.textAlign, selector).to.equal('start');
      expect(style.textTransform, selector).to.equal('none');
      expect(style.textIndent, selector).to.equal('0px');
      expect(style.letterSpacing, selector).to.equal('normal');
      expect(style.fontStyle, selector).to.equal('normal');
      expect(style.lineHeight, selector).to.equal('normal');
    }
    expect(getComputedStyle(el.shadowRoot!.querySelector('.tile-note')!).whiteSpace).to.equal('normal');
  });

  for (const width of [900, 560, 320]) {
    it(`KPI tiles at ${width}px: values on one line, inside their tile, and the first row filled`, async () => {
      const el = await kpisIn(width);
      const items = [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('.tiles > li')];
      expect(items.length).to.be.greaterThan(3);
      for (const li of items) {
        const value = li.querySelector<HTMLElement>('.tile-value')!;
        const button = li.querySelector<HTMLElement>('.tile')!;
        // One line box: the value's height is one line of its font, and it is not wider than its tile.
        const lineHeight = parseFloat(getComputedStyle(value).fontSize) * 1.6;
        expect(value.getBoundingClientRect().height, value.textContent!).to.be.lessThan(lineHeight);
        expect(value.getBoundingClientRect().right).to.be.at.most(button.getBoundingClientRect().right + 0.5);
      }
      // The tiles on the first row reach the list's right edge (no empty tracks after them).
      const list = el.shadowRoot!.querySelector<HTMLElement>('.tiles')!.getBoundingClientRect();
      const top = items[0].getBoundingClientRect().top;
      const firstRow = items.filter((li) => Math.abs(li.getBoundingClientRect().top - top) < 1);
      const right = Math.max(...firstRow.map((li) => li.getBoundingClientRect().right));
      expect(right).to.be.closeTo(list.right, 1);
    });
  }
});
