// Shows the last `rw-select` of any widget on the page in the element with id "selection": what was
// picked (every detail field but the ids) and the first customer ids. Shared by every demo page.
const out = document.querySelector<HTMLElement>('#selection');

document.addEventListener('rw-select', (event) => {
  const { customerIds, ...picked } = (event as HTMLElementEventMap['rw-select']).detail;
  const source = (event.composedPath()[0] as Element | undefined)?.localName ?? '';
  const shown = customerIds.slice(0, 200).join(', ');
  if (out) out.textContent = `${source} ${JSON.stringify(picked)}\n${customerIds.length} customers: ${shown}${customerIds.length > 200 ? ', …' : ''}`;
});

export {};
