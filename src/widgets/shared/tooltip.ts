/**
 * A Vega tooltip handler that draws into an element of the widget's shadow root.
 *
 * vega-embed's default (vega-tooltip) appends a `<div id="vg-tooltip-element">` to document.body
 * and injects a `<style>` into document.head: both leak out of the component, and the style
 * injection is blocked by a strict `style-src` CSP. Here the tooltip is plain DOM built with
 * textContent (no HTML parsing of data) and positioned through CSSOM (`el.style.left`), which a
 * CSP allows.
 */

type TooltipValue = unknown;

/**
 * @param tooltip the tooltip element (absolutely positioned inside `frame`).
 * @param frame the positioned ancestor the coordinates are relative to.
 * @example embed(div, spec, { tooltip: shadowTooltip(() => tipEl, () => baseEl) })
 */
export function shadowTooltip(tooltip: () => HTMLElement | null, frame: () => HTMLElement | null) {
  return (_handler: unknown, event: MouseEvent | undefined, _item: unknown, value: TooltipValue): void => {
    const el = tooltip();
    const box = frame();
    if (!el || !box) return;
    if (value == null || value === '' || !event) {
      el.hidden = true;
      return;
    }
    const rows: [string, string][] =
      typeof value === 'object' ? Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]) : [['', String(value)]];
    const table = document.createElement('table');
    for (const [k, v] of rows) {
      const tr = table.insertRow();
      const th = document.createElement('th');
      th.textContent = k;
      const td = document.createElement('td');
      td.textContent = v;
      tr.append(th, td);
    }
    el.replaceChildren(table);
    el.hidden = false;
    const r = box.getBoundingClientRect();
    const tipW = el.offsetWidth;
    let x = event.clientX - r.left + 12;
    if (x + tipW > r.width) x = Math.max(0, event.clientX - r.left - tipW - 12);
    el.style.left = `${x}px`;
    el.style.top = `${event.clientY - r.top + 12}px`;
  };
}
