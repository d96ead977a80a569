// Wires the rfm-grid demo's controls to its widgets and shows the last `rw-select` selection.
const form = document.querySelector<HTMLFormElement>('#controls');

form?.addEventListener('change', () => {
  const data = new FormData(form);
  for (const widget of document.querySelectorAll<HTMLElement>('.linked')) {
    widget.setAttribute('color-by', String(data.get('color-by')));
    widget.setAttribute('lang', String(data.get('lang')));
    const asOf = String(data.get('as-of') ?? '');
    if (asOf) widget.setAttribute('as-of', asOf);
    else widget.removeAttribute('as-of');
  }
});

document.addEventListener('rw-select', (event) => {
  const detail = (event as CustomEvent<{ r?: number; f?: number; segment?: string; customerIds: string[] }>).detail;
  const what = detail.segment !== undefined ? `segment ${detail.segment}` : `cell R ${detail.r}, F ${detail.f}`;
  const out = document.querySelector('#selection');
  if (out) out.textContent = `${what}: ${detail.customerIds.length} customers\n${detail.customerIds.slice(0, 500).join(', ')}`;
});

// A module, not a script: its names stay out of the other demo files' global scope.
export {};
