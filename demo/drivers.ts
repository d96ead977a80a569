// Wires the drivers demo: a seeded synthetic log with channel, region, product and category
// (the generator's planted channel effect) for the first element, and the form → attributes.
import { generateSyntheticOrders } from './synthetic.js';

const synthetic = document.querySelector<HTMLElement>('#synthetic-drivers');
if (synthetic) {
  const { csv } = generateSyntheticOrders(50_000, 42, { attributes: true });
  synthetic.setAttribute('src', URL.createObjectURL(csv));
}

const form = document.querySelector<HTMLFormElement>('#controls');
form?.addEventListener('change', () => {
  const data = new FormData(form);
  for (const widget of document.querySelectorAll<HTMLElement>('.linked')) {
    for (const name of ['target', 'within-days', 'max-depth', 'lang']) widget.setAttribute(name, String(data.get(name)));
  }
});

// A module, not a script: its names stay out of the other demo files' global scope.
export {};
