// Dashboard controls: the dataset and date range go to the one <rw-orders> source (every widget
// follows it); period, language and theme go to each widget.
const form = document.querySelector<HTMLFormElement>('#controls');
const source = document.querySelector<HTMLElement>('rw-orders');

/** Source attributes of each bundled dataset. */
const DATASETS: Record<string, Record<string, string>> = {
  retail: {
    src: '../data/uci-online-retail/Online Retail.parquet',
    'customer-field': 'CustomerID',
    'order-field': 'InvoiceNo',
    'date-field': 'InvoiceDate',
    'amount-field': 'Quantity*UnitPrice',
    'product-field': 'StockCode',
  },
  // CDNOW has no order id: identical lines on one day are two purchases, and $0 lines count.
  cdnow: { src: '../data/cdnow/CDNOW_master.txt', 'zero-amounts': 'keep', duplicates: 'keep' },
};
const CURRENCY: Record<string, string> = { retail: 'GBP', cdnow: 'USD' };
const SOURCE_ATTRIBUTES = ['src', 'customer-field', 'order-field', 'date-field', 'amount-field', 'product-field', 'zero-amounts', 'duplicates'];
let dataset = 'retail';

form?.addEventListener('change', () => {
  if (!form || !source) return;
  const data = new FormData(form);
  const chosen = String(data.get('dataset'));
  if (chosen !== dataset) {
    dataset = chosen;
    for (const name of SOURCE_ATTRIBUTES) source.removeAttribute(name);
    for (const [name, value] of Object.entries(DATASETS[chosen])) source.setAttribute(name, value);
  }
  for (const name of ['from', 'to']) {
    const value = String(data.get(name) ?? '');
    if (value) source.setAttribute(name, value);
    else source.removeAttribute(name);
  }
  for (const widget of document.querySelectorAll<HTMLElement>('.linked')) {
    widget.setAttribute('lang', String(data.get('lang')));
    widget.setAttribute('currency', CURRENCY[dataset]);
    const theme = String(data.get('theme'));
    if (theme) widget.setAttribute('theme', theme);
    else widget.removeAttribute('theme');
    if (widget.localName !== 'rw-kpis' && widget.localName !== 'rw-rfm-grid' && widget.localName !== 'rw-clv') {
      widget.setAttribute('period', String(data.get('period')));
    }
  }
  source.setAttribute('lang', String(data.get('lang')));
});

export {};
