// The synthetic-data panel: a size slider (10k … 5M orders, logarithmic) and a button that generates
// the log in this page and shows it on the dashboard, with the generation time.
import { generateSyntheticOrders } from './synthetic.js';
import { keepBlobUrl, useSource } from './source.js';

const MIN_ORDERS = 10_000;
const MAX_ORDERS = 5_000_000;
const slider = document.querySelector<HTMLInputElement>('#synthetic-size')!;
const shown = document.querySelector<HTMLOutputElement>('#synthetic-size-value')!;
const button = document.querySelector<HTMLButtonElement>('#generate')!;
/** Whether the log carries channel, region, product and category (the planted channel effect <rw-drivers> finds). */
const withAttributes = document.querySelector<HTMLInputElement>('#synthetic-attributes');
const statusLine = document.querySelector<HTMLElement>('#synthetic-status')!;
let blobUrl: string | undefined;

/** Slider position 0…1000 → orders, on a log scale, rounded to 2 significant digits. */
function ordersAt(position: number): number {
  const raw = MIN_ORDERS * Math.pow(MAX_ORDERS / MIN_ORDERS, position / 1000);
  const unit = Math.pow(10, Math.floor(Math.log10(raw)) - 1);
  return Math.min(MAX_ORDERS, Math.max(MIN_ORDERS, Math.round(raw / unit) * unit));
}

function showSize(): void {
  shown.value = ordersAt(Number(slider.value)).toLocaleString('en');
}

async function generate(): Promise<void> {
  const orders = ordersAt(Number(slider.value));
  button.disabled = true;
  statusLine.textContent = `Generating ${orders.toLocaleString('en')} orders…`;
  // Let the status paint before the (synchronous) generator runs.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const result = generateSyntheticOrders(orders, 42, { attributes: withAttributes?.checked ?? false });
  if (blobUrl) {
    keepBlobUrl(blobUrl, false);
    URL.revokeObjectURL(blobUrl);
  }
  blobUrl = URL.createObjectURL(result.csv);
  keepBlobUrl(blobUrl, true);
  const mb = (result.csv.size / 1e6).toFixed(1);
  statusLine.dataset.orders = String(result.orders);
  statusLine.dataset.ms = String(Math.round(result.ms));
  statusLine.textContent = `Generated ${result.orders.toLocaleString('en')} orders of ${result.customers.toLocaleString('en')} customers `
    + `(${mb} MB of CSV) in ${Math.round(result.ms).toLocaleString('en')} ms. Loading…`;
  const startedAt = performance.now();
  document.querySelector('rw-orders')?.addEventListener('rw-load', () => {
    statusLine.textContent = statusLine.textContent!.replace('Loading…', `Parsed by <rw-orders> in ${Math.round(performance.now() - startedAt).toLocaleString('en')} ms.`);
  }, { once: true });
  useSource({ dataset: 'synthetic', attributes: { src: blobUrl }, embedSrc: '/path/to/your-orders.csv', currency: 'USD' });
  button.disabled = false;
}

slider.addEventListener('input', showSize);
button.addEventListener('click', () => void generate());
document.addEventListener('demo-dataset-request', (e) => {
  if ((e as CustomEvent<string>).detail !== 'synthetic') return;
  if (blobUrl) useSource({ dataset: 'synthetic', attributes: { src: blobUrl }, embedSrc: '/path/to/your-orders.csv', currency: 'USD' });
  else void generate();
});
showSize();

export {};
