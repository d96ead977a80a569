// Wires the rfm-grid demo's controls to its widgets.
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


// A module, not a script: its names stay out of the other demo files' global scope.
export {};
