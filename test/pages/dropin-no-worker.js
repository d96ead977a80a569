// The drop-in file with no worker: CSV still loads in the page; Parquet (left to the worker to keep
// the file small) must fail with a message saying what to do.
import { setComputeMode } from '/dist/retention-widgets.js';

setComputeMode('main');
for (const [id, attrs] of [
  ['csv', { src: '/data/cdnow/CDNOW_master.txt', 'zero-amounts': 'keep', duplicates: 'keep' }],
  ['parquet', { src: '/data/uci-online-retail/Online%20Retail.parquet', 'customer-field': 'CustomerID', 'date-field': 'InvoiceDate' }],
]) {
  const el = document.createElement('rw-cohort-retention');
  el.id = id;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  document.body.append(el);
}
