// Dashboard controls: the dataset and the date range go to the one <rw-orders> source (every widget
// follows it); period, currency, language and theme go to each widget. Synthetic data and the
// visitor's own file are handled by synthetic-panel.ts and own-file.ts (asked through the
// 'demo-dataset-request' event); every source change comes back here as SOURCE_CHOSEN_EVENT.
import { addEmbedButtons } from './embed-code.js';
import { currentSource, sourceElement, SOURCE_CHOSEN_EVENT, useSource, type SourceChoice } from './source.js';

const form = document.querySelector<HTMLFormElement>('#controls')!;
const source = sourceElement();

/** The bundled datasets. */
const DATASETS: Record<string, SourceChoice> = {
  // Credit notes ("C…" invoices) cancel the customer's earlier orders instead of being dropped:
  // without that, one 80,995-unit order cancelled the same day made customer 16446 worth £168k.
  retail: {
    dataset: 'retail',
    currency: 'GBP',
    attributes: {
      src: '../data/uci-online-retail/Online Retail.parquet',
      'customer-field': 'CustomerID',
      'order-field': 'InvoiceNo',
      'date-field': 'InvoiceDate',
      'amount-field': 'Quantity*UnitPrice',
      'product-field': 'StockCode',
      'product-name-field': 'Description',
      returns: 'net',
    },
  },
  // CDNOW has no order id: identical lines on one day are two purchases, and $0 lines count.
  cdnow: { dataset: 'cdnow', currency: 'USD', attributes: { src: '../data/cdnow/CDNOW_master.txt', 'zero-amounts': 'keep', duplicates: 'keep' } },
};
/** Widgets without a period attribute. */
const NO_PERIOD = new Set(['rw-kpis', 'rw-rfm-grid', 'rw-clv', 'rw-drivers', 'rw-product-affinity']);

const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

function applyControls(): void {
  for (const name of ['from', 'to']) {
    const value = field(name).value;
    if (value) source.setAttribute(name, value);
    else source.removeAttribute(name);
  }
  const lang = field('lang').value;
  const theme = field('theme').value;
  for (const widget of document.querySelectorAll<HTMLElement>('.linked')) {
    widget.setAttribute('lang', lang);
    widget.setAttribute('currency', field('currency').value);
    if (theme) widget.setAttribute('theme', theme);
    else widget.removeAttribute('theme');
    if (!NO_PERIOD.has(widget.localName)) widget.setAttribute('period', field('period').value);
  }
  source.setAttribute('lang', lang);
  // The page follows the theme too, so a dark widget does not sit on a white page.
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

form.addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (target.getAttribute('name') === 'dataset') {
    const chosen = field('dataset').value;
    if (DATASETS[chosen]) useSource(DATASETS[chosen]);
    else {
      // The panel answers with useSource (now or after generating); until then show what is loaded.
      const shown = currentSource()?.dataset ?? 'retail';
      document.dispatchEvent(new CustomEvent('demo-dataset-request', { detail: chosen }));
      if (currentSource()?.dataset !== chosen) field('dataset').value = shown;
    }
    return;
  }
  applyControls();
});
form.addEventListener('submit', (e) => e.preventDefault());

document.addEventListener(SOURCE_CHOSEN_EVENT, (event) => {
  const choice = (event as CustomEvent<SourceChoice>).detail;
  field('dataset').value = choice.dataset;
  if (choice.currency) field('currency').value = choice.currency;
  applyControls();
});

addEmbedButtons();
applyControls();
