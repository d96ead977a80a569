// Demo wiring for <rw-repurchase> and <rw-kpis>: form controls → attributes, rw-select → the <pre>.
// Imports the widgets directly until src/index.ts registers them.
import '../src/widgets/repurchase/index.js';
import '../src/widgets/kpis/index.js';

const form = document.querySelector<HTMLFormElement>('#controls');
const out = document.querySelector<HTMLPreElement>('#selection');
form?.addEventListener('input', () => {
  for (const el of document.querySelectorAll('.linked')) {
    for (const input of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name]')) {
      if (input.name === 'lang') el.setAttribute('lang', input.value);
      else if (input.value) el.setAttribute(input.name, input.value);
    }
  }
});
document.addEventListener('rw-select', (event) => {
  const { customerIds, ...rest } = (event as HTMLElementEventMap['rw-select']).detail;
  if (out) out.textContent = `${JSON.stringify(rest)}\n${customerIds.length} customers: ${customerIds.slice(0, 50).join(', ')}${customerIds.length > 50 ? ', …' : ''}`;
});
