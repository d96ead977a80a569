// Demo wiring for <rw-repurchase> and <rw-kpis>: form controls → attributes.

const form = document.querySelector<HTMLFormElement>('#controls');
form?.addEventListener('input', () => {
  for (const el of document.querySelectorAll('.linked')) {
    for (const input of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name]')) {
      if (input.name === 'lang') el.setAttribute('lang', input.value);
      else if (input.value) el.setAttribute(input.name, input.value);
    }
  }
});

export {};
