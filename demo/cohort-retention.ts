// Wires the demo's controls to every widget.
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


export {};
