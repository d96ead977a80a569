// Wires the lifecycle demo's controls to its widgets.
const form = document.querySelector<HTMLFormElement>('#controls');

form?.addEventListener('change', () => {
  const data = new FormData(form);
  for (const widget of document.querySelectorAll<HTMLElement>('.linked')) {
    widget.setAttribute('period', String(data.get('period')));
    widget.setAttribute('inactive-days', String(data.get('inactive-days') || 'auto'));
    widget.setAttribute('lang', String(data.get('lang')));
  }
});


// A module, not a script: its names stay out of the other demo files' global scope.
export {};
