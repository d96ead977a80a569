// "Copy embed code": for each widget of the dashboard, the HTML that reproduces what it shows now:
// the <rw-orders> source (same file, mapping and date range; a local file becomes a placeholder path)
// plus the widget with its current attributes. Copied with the Clipboard API; when that is refused
// (no permission, http page), the snippet stays selected in its text area for Ctrl+C.
import { currentSource, sourceElement, SOURCE_ATTRIBUTES } from './source.js';

const SOURCE_ORDER = [...SOURCE_ATTRIBUTES, 'from', 'to', 'lang'];
/** Widget attributes that belong to the demo page, not to the embedded view. */
const PAGE_ONLY = new Set(['class', 'id', 'style', 'source']);

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function tag(name: string, attributes: [string, string][], extra = ''): string {
  const attrs = attributes.map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escapeAttribute(v)}"`)).join('');
  return `<${name}${attrs}${extra}></${name}>`;
}

/**
 * The snippet for one widget: the drop-in script, the source element and the widget.
 * @example embedSnippet(document.querySelector('rw-kpis')!) // '<script type="module" …>\n<rw-orders id="orders" src="…" hidden></rw-orders>\n<rw-kpis source="orders" …></rw-kpis>'
 */
export function embedSnippet(widget: Element): string {
  const source = sourceElement();
  const sourceAttrs: [string, string][] = [['id', 'orders']];
  for (const name of SOURCE_ORDER) {
    let value = source.getAttribute(name);
    if (value === null) continue;
    if (name === 'src') {
      // A blob: URL lives only in this tab: the embedder puts their own file on their server.
      value = value.startsWith('blob:') ? currentSource()?.embedSrc ?? '/path/to/your-orders.csv' : new URL(value, document.baseURI).href;
    }
    sourceAttrs.push([name, value]);
  }
  const widgetAttrs: [string, string][] = [['source', 'orders']];
  for (const { name, value } of Array.from(widget.attributes)) if (!PAGE_ONLY.has(name)) widgetAttrs.push([name, value]);
  return [
    '<!-- The drop-in build of retention-widgets (dist/retention-widgets.js of the npm package), served by your site. -->',
    '<script type="module" src="/path/to/retention-widgets.js"></script>',
    tag('rw-orders', sourceAttrs, ' hidden'),
    tag(widget.localName, widgetAttrs),
  ].join('\n');
}

async function copy(widget: Element, box: HTMLTextAreaElement, status: HTMLElement): Promise<void> {
  box.value = embedSnippet(widget);
  box.hidden = false;
  box.rows = box.value.split('\n').length + 1;
  try {
    await navigator.clipboard.writeText(box.value);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    status.textContent = 'The browser refused the clipboard: the code is selected, press Ctrl+C (⌘C).';
  }
  box.focus();
  box.select();
}

/** Adds a "Copy embed code" button, a status line and a (hidden until used) text area to each widget's section. */
export function addEmbedButtons(): void {
  for (const widget of document.querySelectorAll<HTMLElement>('.dashboard .linked')) {
    const section = widget.closest('section');
    const heading = section?.querySelector('h2');
    if (!section || !heading) continue;
    const bar = document.createElement('div');
    bar.className = 'embed';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-embed';
    button.dataset.widget = widget.localName;
    button.textContent = 'Copy embed code';
    const status = document.createElement('span');
    status.className = 'embed-status';
    status.setAttribute('role', 'status');
    const box = document.createElement('textarea');
    box.className = 'embed-code';
    box.readOnly = true;
    box.hidden = true;
    box.setAttribute('aria-label', `Embed code of ${widget.localName}`);
    button.addEventListener('click', () => void copy(widget, box, status));
    bar.append(button, status, box);
    heading.after(bar);
  }
}
