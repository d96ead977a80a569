// Wires the demo's controls to every widget and shows the last `rw-select` selection.
const form = document.querySelector<HTMLFormElement>('#controls');
const widgets = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('.linked')];

form?.addEventListener('change', () => {
  const data = new FormData(form);
  for (const widget of widgets()) {
    widget.setAttribute('period', String(data.get('period')));
    widget.setAttribute('measure', String(data.get('measure')));
    widget.setAttribute('lang', String(data.get('lang')));
    widget.toggleAttribute('percent', data.get('percent') === 'on');
  }
});

document.addEventListener('rw-select', (event) => {
  const { cohort, periodIndex, customerIds } = (event as CustomEvent).detail;
  const out = document.querySelector('#selection');
  if (out) out.textContent = `cohort ${cohort}, period +${periodIndex}: ${customerIds.length} customers\n${customerIds.join(', ')}`;
});
