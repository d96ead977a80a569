import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { CHART_THEMES, compositeOver, contrastRatio, parseColor, type ColorScheme, type Rgba } from '../../src/charts/theme.js';
import '../../src/widgets/churn/index.js';
import '../../src/widgets/clv/index.js';
import '../../src/widgets/cohort-retention/index.js';
import '../../src/widgets/lifecycle/index.js';
import '../../src/widgets/repurchase/index.js';
import '../../src/widgets/rfm-grid/index.js';
import { settled } from './helpers.js';

// Chart text is SVG drawn by Vega, outside what axe measures: every <text> of every chart is
// checked here against what is painted behind it, in both schemes and across switches.

// CDNOW_sample.txt has no header: the loader names its columns column1…column5 (master_id,
// sample_id, date, cds, dollar). 6,919 orders of 2,357 customers: every chart has data.
const SAMPLE = '/data/cdnow/CDNOW_sample.txt';
const TAGS = ['rw-cohort-retention', 'rw-repurchase', 'rw-rfm-grid', 'rw-lifecycle', 'rw-churn', 'rw-clv'] as const;

type Widget = HTMLElement & { updateComplete: Promise<unknown>; status: string };

interface Finding {
  text: string;
  color: string;
  behind: string;
  ratio: number;
}

function opaque(c: Rgba): string {
  return `rgb(${c.slice(0, 3).map((v) => Math.round(v)).join(', ')})`;
}

/** The colour of the first opaque background from `node` up (through shadow roots to the page); white (the canvas) if none. */
function pageBackground(node: Element): Rgba {
  for (let n: Element | null = node; n; n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host ?? null)) {
    const c = parseColor(getComputedStyle(n).backgroundColor);
    if (c && c[3] === 1) return c;
  }
  return [255, 255, 255, 1];
}

/** Effective alpha of a fill: colour alpha × fill-opacity × opacity (of the element itself). */
function fillOf(el: Element): Rgba | undefined {
  const style = getComputedStyle(el);
  const c = parseColor(style.fill);
  if (!c) return undefined; // none, url(#gradient)
  const alpha = c[3] * Number(style.fillOpacity || 1) * Number(style.opacity || 1);
  return alpha > 0 ? [c[0], c[1], c[2], alpha] : undefined;
}

/**
 * Every visible chart text of `el` with its contrast against what is behind its centre: the page
 * background with every filled rect / path painted before it (document order) whose box holds
 * that point composited over it, alpha included.
 */
function chartTexts(el: Element): Finding[] {
  const out: Finding[] = [];
  for (const svg of el.shadowRoot!.querySelectorAll('svg')) {
    const base = pageBackground(svg);
    const shapes = [...svg.querySelectorAll('path, rect')]
      .filter((s) => !s.closest('defs, clipPath'))
      .map((s) => ({ s, fill: fillOf(s), box: s.getBoundingClientRect() }))
      .filter((x) => x.fill && x.box.width > 0 && x.box.height > 0);
    for (const t of svg.querySelectorAll('text')) {
      const content = t.textContent?.trim();
      const box = t.getBoundingClientRect();
      const fill = fillOf(t);
      if (!content || !fill || box.width === 0) continue;
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      let behind: Rgba = base;
      for (const { s, fill: f, box: b } of shapes) {
        if (!(s.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
        if (x < b.left || x > b.right || y < b.top || y > b.bottom) continue;
        behind = compositeOver(f!, behind);
      }
      const color = compositeOver(fill, behind);
      out.push({ text: content, color: opaque(color), behind: opaque(behind), ratio: contrastRatio(color, behind) });
    }
  }
  return out;
}

/** Line strokes (series carry meaning: ≥ 3:1 against the page, WCAG 1.4.11). */
function lineStrokes(el: Element): Finding[] {
  const out: Finding[] = [];
  for (const svg of el.shadowRoot!.querySelectorAll('svg')) {
    const base = pageBackground(svg);
    for (const p of svg.querySelectorAll('.mark-line path')) {
      const style = getComputedStyle(p);
      const c = parseColor(style.stroke);
      if (!c || c[3] === 0) continue;
      const color = compositeOver(c, base, Number(style.strokeOpacity || 1) * Number(style.opacity || 1));
      out.push({ text: 'line', color: opaque(color), behind: opaque(base), ratio: contrastRatio(color, base) });
    }
  }
  return out;
}

/** Whether the charts on screen were drawn in `scheme` (their axis text has that palette's colour). */
function drawnIn(el: Element, scheme: ColorScheme): boolean {
  const want = opaque(parseColor(CHART_THEMES[scheme].textColor)!);
  const texts = [...el.shadowRoot!.querySelectorAll('svg .role-axis-label text, svg .role-axis-title text')];
  return texts.length > 0 && texts.every((t) => getComputedStyle(t).fill === want);
}

async function redrawnIn(el: Widget, scheme: ColorScheme): Promise<void> {
  await waitUntil(() => drawnIn(el, scheme), `${el.localName} not redrawn in ${scheme}`, { timeout: 30_000 });
  await el.updateComplete;
}

function expectReadable(el: Widget, label: string): void {
  const texts = chartTexts(el);
  expect(texts.length, `${label}: no chart text found`).to.be.greaterThan(5);
  const bad = texts.filter((f) => f.ratio < 4.5);
  expect(bad, `${label}: text below 4.5:1\n${JSON.stringify(bad.slice(0, 8), null, 1)}`).to.deep.equal([]);
  const weakLines = lineStrokes(el).filter((f) => f.ratio < 3);
  expect(weakLines, `${label}: lines below 3:1\n${JSON.stringify(weakLines.slice(0, 8), null, 1)}`).to.deep.equal([]);
}

async function mount(tag: string, theme?: ColorScheme): Promise<Widget> {
  const wrap = document.createElement('div');
  wrap.style.width = '900px';
  const el = document.createElement(tag) as Widget;
  if (theme) el.setAttribute('theme', theme);
  for (const [k, v] of [['customer-field', 'column1'], ['date-field', 'column3'], ['amount-field', 'column5'], ['src', SAMPLE]]) el.setAttribute(k, v);
  wrap.append(el);
  document.body.append(wrap);
  await settled(el);
  expect(el.status, `${tag} status`).to.equal('ready');
  return el;
}

describe('chart text contrast in the rendered SVG, both schemes', () => {
  before(() => emulateMedia({ colorScheme: 'light' }));
  after(() => emulateMedia({ colorScheme: 'light' }));
  afterEach(() => {
    for (const w of document.querySelectorAll('body > div')) w.remove();
  });

  for (const tag of TAGS) {
    it(`<${tag}>: light, then theme="dark" after the first draw, then back`, async () => {
      await emulateMedia({ colorScheme: 'light' });
      const el = await mount(tag);
      await redrawnIn(el, 'light');
      expectReadable(el, `${tag} light`);
      el.setAttribute('theme', 'dark');
      await redrawnIn(el, 'dark');
      expect(pageBackground(el)).to.deep.equal(parseColor(CHART_THEMES.dark.background));
      expectReadable(el, `${tag} theme=dark after light`);
      el.setAttribute('theme', 'light');
      await redrawnIn(el, 'light');
      expectReadable(el, `${tag} theme=light after dark`);
    });

    it(`<${tag}>: follows prefers-color-scheme changes unless theme forces one`, async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const el = await mount(tag);
      await redrawnIn(el, 'dark');
      expectReadable(el, `${tag} prefers dark`);
      await emulateMedia({ colorScheme: 'light' });
      await redrawnIn(el, 'light');
      expectReadable(el, `${tag} prefers light after dark`);
      el.setAttribute('theme', 'dark');
      await redrawnIn(el, 'dark');
      await emulateMedia({ colorScheme: 'dark' });
      await emulateMedia({ colorScheme: 'light' });
      await el.updateComplete;
      expect(drawnIn(el, 'dark'), 'theme="dark" wins over the media query').to.equal(true);
      el.removeAttribute('theme');
      await redrawnIn(el, 'light');
      await emulateMedia({ colorScheme: 'light' });
    });
  }

  it('cohort curves beyond the category colours (15 cohorts: the series ramp) stay ≥ 3:1 in both schemes', async () => {
    // 15 monthly cohorts of 6 customers; customer i of cohort m buys again in months m + 1 … m + i.
    const rows: { customer_id: string; order_date: string; amount: number }[] = [];
    for (let m = 0; m < 15; m++) {
      for (let i = 0; i < 6; i++) {
        for (let k = 0; k <= i && m + k < 15; k++) {
          const month = new Date(Date.UTC(2023, m + k, 10)).toISOString().slice(0, 10);
          rows.push({ customer_id: `c${m}-${i}`, order_date: month, amount: 10 + k });
        }
      }
    }
    const wrap = document.createElement('div');
    wrap.style.width = '900px';
    const el = document.createElement('rw-cohort-retention') as Widget & { data: unknown };
    el.data = rows;
    wrap.append(el);
    document.body.append(wrap);
    await settled(el);
    await redrawnIn(el, 'light');
    expect(lineStrokes(el).length, 'one line per cohort').to.be.at.least(15);
    expectReadable(el, 'cohorts×15 light');
    el.setAttribute('theme', 'dark');
    await redrawnIn(el, 'dark');
    expectReadable(el, 'cohorts×15 dark');
  });

  it('a widget created with theme="dark" draws dark from the start, and exports on its dark background', async () => {
    const el = (await mount('rw-rfm-grid', 'dark')) as Widget & { chartImage(f: 'svg'): Promise<string | undefined> };
    await redrawnIn(el, 'dark');
    expectReadable(el, 'rfm-grid created dark');
    const svg = await el.chartImage('svg');
    expect(svg).to.contain(`fill="${CHART_THEMES.dark.background}"`);
    // The chart on screen stays transparent (the widget paints the background).
    const bg = el.shadowRoot!.querySelector('svg > rect');
    expect(bg === null || (parseColor(getComputedStyle(bg).fill)?.[3] ?? 0) === 0).to.equal(true);
  });
});

describe('focus and motion', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    for (const w of document.querySelectorAll('body > div')) w.remove();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`buttons in the shadow root show a focus ring ≥ 3:1 in ${scheme}`, async () => {
      const el = await mount('rw-cohort-retention', scheme);
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button[part=export-button]')!;
      button.focus();
      expect(button.matches(':focus-visible'), 'programmatic focus without a pointer is focus-visible').to.equal(true);
      const style = getComputedStyle(button);
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
      const ring = parseColor(style.outlineColor)!;
      expect(contrastRatio(ring, pageBackground(el)), `${scheme} ring on the page`).to.be.at.least(3);
      expect(contrastRatio(ring, pageBackground(button)), `${scheme} ring on the button`).to.be.at.least(3);
    });
  }

  it('prefers-reduced-motion stops the spinner (and any animation) in the shadow root', async () => {
    const el = await mount('rw-churn');
    // The spinner is only on screen while loading: a copy in the same shadow root has the same rules.
    const spinner = document.createElement('div');
    spinner.className = 'spinner';
    el.shadowRoot!.append(spinner);
    expect(getComputedStyle(spinner).animationName).to.equal('rw-spin');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(spinner).animationName).to.equal('none');
  });
});
