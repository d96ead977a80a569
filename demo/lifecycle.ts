// Wires the lifecycle demo's controls to its widgets and shows the last `rw-select` selection.
const form = document.querySelector<HTMLFormElement>('#controls');

form?.addEventListener('change', () => {
  const data = new FormData(form);
  for (const widget of document.querySelectorAll<HTMLElement>('.linked')) {
    widget.setAttribute('period', String(data.get('period')));
    widget.setAttribute('inactive-days', String(data.get('inactive-days') || 'auto'));
    widget.setAttribute('lang', String(data.get('lang')));
  }
});

document.addEventListener('rw-select', (event) => {
  const d = (event as CustomEvent<{ period?: string; stage?: string; from?: string; to?: string; fromPeriod?: string; toPeriod?: string; customerIds: string[] }>).detail;
  const what = d.stage !== undefined ? `${d.period}: ${d.stage}` : `${d.fromPeriod} ${d.from} → ${d.toPeriod} ${d.to}`;
  const out = document.querySelector('#selection');
  if (out) out.textContent = `${what}: ${d.customerIds.length} customers\n${d.customerIds.slice(0, 500).join(', ')}`;
});

// A module, not a script: its names stay out of the other demo files' global scope.
export {};
